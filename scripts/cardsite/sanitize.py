"""Untrusted text in, safe Markdown out.

Two entry points, one policy:
- `html_to_markdown` for fields that ARE HTML (Anki with #html:true): nh3 cleans
  them with the allow-list, then the few surviving tags become Markdown.
- `safe_markdown` for text that is Markdown already: any raw HTML outside code
  and math is shown as text unless it is an allow-listed inline tag, Markdown
  links with script-capable URLs are defused, and `{…}` cannot smuggle
  attributes through attr_list (which Material's tags plugin switches on).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

# design.md: keep these, everything else becomes text.
INLINE_TAGS = {"br", "b", "i", "strong", "em", "code", "sub", "sup", "img"}
# Block tags nh3 may keep so that we can turn them into line breaks and lists.
STRUCTURE_TAGS = {"div", "p", "ul", "ol", "li", "pre", "span"}
IMG_ATTRIBUTES = {"src", "alt", "title"}
SAFE_SCHEMES = {"http", "https", "mailto"}


# --------------------------------------------------------------------------
# Markdown


# Code and math are copied through untouched: Markdown escapes code itself and
# arithmatex escapes math.
_PROTECTED = re.compile(
    r"(?P<fence>^[ \t]*(?P<mark>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*(?P=mark)[ \t]*$|\Z))"
    r"|(?P<code>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<math>\$\$.+?\$\$|(?<![\\$])\$(?=\S)[^$\n]+?(?<=\S)\$(?!\d)|\\\(.+?\\\)|\\\[.+?\\\])",
    re.S | re.M,
)
_HTML_LIKE = re.compile(r"<!--.*?(?:-->|\Z)|</?[A-Za-z][^<>]*>?|<[!?]", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]+>")
_INLINE_LINK = re.compile(
    r"!?\[(?P<text>[^\]\n]*)\]\(\s*<?(?P<url>(?:[^()\s>]|\([^()\s]*\))*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_REFERENCE = re.compile(r"^(?P<indent>[ ]{0,3})\[(?P<text>[^\]\n]+)\]:\s*<?(?P<url>\S+?)>?(?=\s|$)", re.M)


def safe_markdown(text: str) -> str:
    out, pos = [], 0
    for m in _PROTECTED.finditer(text):
        out.append(_safe_prose(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_safe_prose(text[pos:]))
    return "".join(out)


def _safe_prose(text: str) -> str:
    if not text:
        return text
    text = _HTML_LIKE.sub(_allowed_tag_or_text, text)
    text = text.replace("{", "\\{")
    text = _INLINE_LINK.sub(_link_or_text, text)
    return _REFERENCE.sub(lambda m: m.group(0) if is_safe_url(m.group("url")) else
                          f"{m.group('indent')}\\[{m.group('text')}\\]: (unsafe link removed)", text)


def _link_or_text(m: re.Match) -> str:
    """A link or image whose URL could run script keeps only its text."""
    return m.group(0) if is_safe_url(m.group("url")) else f"{m.group('text')} (unsafe link removed)"


def _allowed_tag_or_text(m: re.Match) -> str:
    raw = m.group(0)
    if _AUTOLINK.fullmatch(raw):
        return raw
    tag = _TAG.fullmatch(raw)
    if tag and tag.group(2).lower() in INLINE_TAGS:
        closing, name = tag.group(1), tag.group(2).lower()
        if name == "img":
            return clean_img_tag(raw)
        return f"<{closing}{name}>" if name != "br" else "<br>"
    return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def is_safe_url(url: str) -> bool:
    """Relative URLs and http(s)/mailto only; entities and control characters
    are decoded first, the way a browser would."""
    plain = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url)).lower()
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", plain)
    return scheme is None or scheme.group(1) in SAFE_SCHEMES


def clean_img_tag(raw: str) -> str:
    cleaned = nh3.clean(raw, tags={"img"}, attributes={"img": IMG_ATTRIBUTES},
                        url_schemes=SAFE_SCHEMES)
    return cleaned if cleaned.startswith("<img") else ""


# --------------------------------------------------------------------------
# HTML fields


def html_to_markdown(fragment: str) -> str:
    cleaned = nh3.clean(
        fragment,
        tags=INLINE_TAGS | STRUCTURE_TAGS | {"a"},
        clean_content_tags={"script", "style"},
        attributes={"img": IMG_ATTRIBUTES, "a": {"href"}},
        link_rel=None,
        url_schemes=SAFE_SCHEMES,
        strip_comments=True,
    )
    converter = _HtmlToMarkdown()
    converter.feed(cleaned)
    converter.close()
    return converter.markdown()


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML field: line breaks kept, tags dropped."""
    text = re.sub(r"(?i)<br\s*/?>|</(?:div|p|li)>", "\n", fragment)
    return html.unescape(nh3.clean(text, tags=set())).strip()


class _HtmlToMarkdown(HTMLParser):
    INLINE = {"b": "**", "strong": "**", "i": "*", "em": "*"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list] = []  # [kind, counter]
        self.pre = 0
        self.code_at: int | None = None  # where the open inline code starts in parts
        self.links: list[bool] = []  # per open <a>: written as a Markdown link?
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "code":
            if not self.pre and self.code_at is None:  # code inside <pre> is already code
                self.code_at = len(self.parts)
                self.parts.append("`")
        elif tag in self.INLINE:
            self.parts.append(self.INLINE[tag])
        elif tag == "a":
            # A web link stays a link; a relative one (it pointed into some
            # other site or collection) keeps only its text.
            href = (attrs.get("href") or "").strip()
            self.links.append(bool(re.match(r"(?:https?|mailto):", href, re.I)) and is_safe_url(href))
            if self.links[-1]:
                self.parts.append("[")
                self.hrefs.append(href)
        elif tag in ("sub", "sup"):
            self.parts.append(f"<{tag}>")
        elif tag == "br":
            self.parts.append("\n" if self.pre else "<br>\n")
        elif tag == "img":
            src, alt = (attrs.get("src") or "").strip(), attrs.get("alt") or ""
            if src and is_safe_url(src):  # nh3 already dropped unsafe ones
                self.parts.append(f"![{escape_markdown(alt)}]({_url(src)})")
            else:
                self.parts.append(escape_markdown(alt))
        elif tag in ("div", "p"):
            self._break()
        elif tag in ("ul", "ol"):
            if not self.lists and self.parts:  # Markdown starts a list only after a blank line
                text = re.sub(r"(?:<br>)?\s*$", "", "".join(self.parts))
                self.parts = [text + "\n\n"] if text else []
            self._break()
            self.lists.append([tag, 0])
        elif tag == "li":
            self._break()
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            indent = "    " * max(len(self.lists) - 1, 0)
            self.parts.append(indent + (f"{kind[1]}. " if kind[0] == "ol" else "- "))
        elif tag == "pre":
            self._break()
            self.parts.append("\n```\n")
            self.pre += 1

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "code":
            if self.code_at is not None:
                self._close_code()
        elif tag in self.INLINE:
            self.parts.append(self.INLINE[tag])
        elif tag == "a" and self.links:
            if self.links.pop():
                self.parts.append(f"]({_url(self.hrefs.pop())})")
        elif tag in ("sub", "sup"):
            self.parts.append(f"</{tag}>")
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self._break()
            if not self.lists:
                self.parts.append("\n")  # a blank line: what follows is not part of the last item
        elif tag == "pre" and self.pre:
            self.pre -= 1
            self.parts.append("\n```\n")
        elif tag in ("div", "p"):
            self._break()

    def handle_data(self, data):
        if self.pre:
            self.parts.append(data)
            return
        data = re.sub(r"\s*\n\s*", " ", data)  # in HTML a newline is a space; <br> breaks lines
        if not data.strip() and (not self.parts or self.parts[-1].endswith((" ", "\n"))):
            return  # layout whitespace between tags
        if self.code_at is not None:
            self.parts.append(data)  # code is literal: no escapes (see _close_code)
            return
        if not self.parts or "".join(self.parts[-2:]).endswith("\n"):
            data = data.lstrip()
            data = re.sub(r"^(\d+)\.(?=\s)", r"\1\\.", data)  # not a list or heading
            data = re.sub(r"^([#>+*-])(?=\s)", r"\\\1", data)
        self.parts.append(escape_markdown(data))

    def _close_code(self):
        """Backticks around the code that no backtick inside can close."""
        code = "".join(self.parts[self.code_at + 1:])
        ticks = "`" * (max(map(len, re.findall(r"`+", code)), default=0) + 1)
        pad = " " if code.startswith("`") or code.endswith("`") else ""
        self.parts[self.code_at:] = [f"{ticks}{pad}{code}{pad}{ticks}"]
        self.code_at = None

    def _break(self):
        tail = "".join(self.parts[-2:])
        if self.parts and not tail.endswith("\n") and not re.search(r"(?:^|\n)\s*(?:-|\d+\.) $", tail):
            self.parts.append("<br>\n" if not self.lists else "\n")

    def markdown(self) -> str:
        if self.code_at is not None:
            self._close_code()
        text = "".join(self.parts)
        text = re.sub(r"(?:\s*<br>)+\s*$", "", text)  # trailing breaks show as blank space
        text = re.sub(r"[ \t]+\n", "\n", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def plain_to_markdown(text: str) -> str:
    """Plain text (Quizlet, Anki without HTML) as Markdown that shows exactly
    that text, line breaks included; math written as $…$ or \\(…\\) stays math."""
    lines = [escape_markdown(line) for line in text.strip().split("\n")]
    lines = [re.sub(r"^(\s*)([#>+-])", r"\1\\\2", ln) for ln in lines]
    return "<br>\n".join(re.sub(r"^(\s*\d+)\.", r"\1\\.", ln) for ln in lines)


def escape_markdown(text: str, keep_math: bool = True) -> str:
    """Text that must stay text once it is Markdown: emphasis, code, link and
    HTML characters escaped; math left for arithmatex unless keep_math is
    False (a message quoting a formula shows it as typed)."""
    if not keep_math:
        return _escape_chars(text)
    out, pos = [], 0
    for m in _PROTECTED.finditer(text):
        if m.group("math"):
            out += [_escape_chars(text[pos:m.start()]), m.group(0)]
            pos = m.end()
    return "".join(out) + _escape_chars(text[pos:])


_SPECIAL = re.compile(r"[&\\`*_{}$\[\]<]")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_MARKUP_CHAR = re.compile(r"([\\`*_{}$])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def _escape_chars(text: str) -> str:
    if not _SPECIAL.search(text):
        return text  # most text: nothing to escape
    text = _ENTITY_LIKE.sub("&amp;", text)  # before adding entities of our own
    # Brackets as entities: `\[…\]` would read as display math.
    text = _MARKUP_CHAR.sub(r"\\\1", text).replace("[", "&#91;").replace("]", "&#93;")
    return _TAG_START.sub("&lt;", text)


def _url(src: str) -> str:
    return "<" + src.replace("<", "%3C").replace(">", "%3E") + ">" if " " in src else src.replace(")", "%29")
