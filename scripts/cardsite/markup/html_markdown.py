"""HTML fields (Anki with #html:true) as Markdown: nh3 keeps the allow-listed
tags (cardsite.markup.html_policy), then the few that survive become Markdown, the
text escaped so that it shows as written.

nh3 writes well-formed HTML in one spelling (lower-case names, attribute
values in double quotes, every < in text escaped), so its output is split
into tags and text by one regular expression rather than by html.parser,
which took most of the time of reading an Anki export."""

from __future__ import annotations

import html
import re

from .html_policy import clean_field_html, is_safe_url
from .sanitize import escape_markdown, markdown_url
from .spans import code_span


def html_to_markdown(fragment: str) -> str:
    converter = _HtmlToMarkdown()
    if _NO_MARKUP.fullmatch(fragment):  # plain text: what the parser would hand over, in one piece
        converter.handle_data(fragment)
    else:
        converter.feed(clean_field_html(fragment))
    return converter.markdown()


# Text nh3 would leave as it is (bar > as &gt;, which the parser turns back):
# no tag, no entity, no carriage return, NUL or BOM that HTML parsing rewrites.
_NO_MARKUP = re.compile(r"[^<&\r\0\ufeff]*")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML field: line breaks kept, tags dropped."""
    text = re.sub(r"(?i)<br\s*/?>|</(?:div|p|li)>", "\n", fragment)
    return html.unescape(re.sub(r"<[^>]*>", "", clean_field_html(text))).strip()


# A tag as nh3 writes it (an attribute value may hold >, never ").
_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*/?>')
_ATTRIBUTE = re.compile(r'([^\s=/>]+)(?:="([^"]*)")?')
# What handle_data and markdown() rewrite, for every piece of text.
_NEWLINE = re.compile(r"\s*\n\s*")
_LIST_NUMBER = re.compile(r"^(\d+)\.(?=\s|$)")
_BLOCK_MARK = re.compile(r"^([#>+-])")
_SETEXT = re.compile(r"^=")
_TRAILING_BREAKS = re.compile(r"(?:\s*<br>)+\s*$")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


class _HtmlToMarkdown:
    """Tags and text of nh3's output, in order, turned into Markdown parts."""

    INLINE = {"b": "strong", "strong": "strong", "i": "em", "em": "em"}

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.lists: list[list] = []  # [kind, counter]
        self.pre = 0
        self.code_at: int | None = None  # where the open inline code starts in parts
        self.links: list[bool] = []  # per open <a>: written as a Markdown link?
        self.hrefs: list[str] = []
        self.emphasis: list[bool] = []  # per open <b>, <i>…: was its tag written?
        self.scripts: list[str] = []  # <sub>/<sup> open inside code (not written as tags)

    def feed(self, cleaned: str) -> None:
        at = 0
        for tag in _TAG.finditer(cleaned):
            if tag.start() > at:
                self.handle_data(html.unescape(cleaned[at:tag.start()]))
            closing, name, attributes = tag.groups()
            if closing:
                self.handle_endtag(name)
            else:
                self.handle_starttag(name, [(k, html.unescape(v)) for k, v in _ATTRIBUTE.findall(attributes)])
            at = tag.end()
        if at < len(cleaned):
            self.handle_data(html.unescape(cleaned[at:]))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "code":
            if not self.pre and self.code_at is None:  # code inside <pre> is already code
                self.code_at = len(self.parts)
                self.parts.append("`")
        elif tag in self.INLINE:
            self._open_emphasis(self.INLINE[tag])
        elif tag == "a":
            # A web link stays a link; a relative one (it pointed into some
            # other site or collection) keeps only its text.
            href = (attrs.get("href") or "").strip()
            self.links.append(bool(re.match(r"(?:https?|mailto):", href, re.I)) and is_safe_url(href))
            if self.links[-1]:
                self.parts.append("[")
                self.hrefs.append(href)
        elif tag in ("sub", "sup"):
            if self.pre or self.code_at is not None:  # code holds no tags: its text in Unicode's small figures
                self.scripts.append(tag)
            else:
                self.parts.append(f"<{tag}>")
        elif tag == "br":
            self.parts.append("\n" if self.pre else "<br>\n")
        elif tag == "img":
            src, alt = (attrs.get("src") or "").strip(), attrs.get("alt") or ""
            if src and is_safe_url(src):  # nh3 already dropped unsafe ones
                if not re.match(r"[a-z][a-z0-9+.-]*:", src, re.I):  # Anki's media name: # and ? are part of it
                    src = src.replace("#", "%23").replace("?", "%3F")
                self.parts.append(f"![{escape_markdown(alt)}]({markdown_url(src)})")
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

    def handle_endtag(self, tag):
        if tag == "code":
            if self.code_at is not None:
                self._close_code()
        elif tag in self.INLINE:
            self._close_emphasis(self.INLINE[tag])
        elif tag == "a" and self.links:
            if self.links.pop():
                self.parts.append(f"]({markdown_url(self.hrefs.pop())})")
        elif tag in ("sub", "sup"):
            if self.scripts:
                self.scripts.pop()
            else:
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
        if self.scripts:
            data = _small(data, self.scripts[-1])
        if self.pre:
            self.parts.append(data)
            return
        data = _NEWLINE.sub(" ", data)  # in HTML a newline is a space; <br> breaks lines
        if not data.strip() and (not self.parts or self.parts[-1].endswith((" ", "\n"))):
            return  # layout whitespace between tags
        if self.code_at is not None:
            self.parts.append(data)  # code is literal: no escapes (see _close_code)
            return
        at_line_start = not self.parts or "".join(self.parts[-2:]).endswith("\n")
        data = escape_markdown(data.lstrip() if at_line_start else data)
        if at_line_start:  # escaped once, after the text's own escapes: no list, heading, quote or rule
            data = _LIST_NUMBER.sub(r"\1\\.", data)
            data = _BLOCK_MARK.sub(r"\\\1", data)
            data = _SETEXT.sub("&#61;", data)  # a setext underline; = has no backslash escape
        self.parts.append(data)

    def _open_emphasis(self, tag: str) -> None:
        """Emphasis stays HTML, as <sub> and <sup> do: Markdown's `**` cannot
        hold what Anki's editor puts at a bold run's edges (a space, a no-break
        space, a line break: `**threat **` shows its asterisks), nor sit next to
        another run (`**a***b*`), nor be empty (`****` is a rule). In code it is
        no emphasis at all."""
        written = not self.pre and self.code_at is None
        self.emphasis.append(written)
        if written:
            self.parts.append(f"<{tag}>")

    def _close_emphasis(self, tag: str) -> None:
        if self.emphasis and self.emphasis.pop():
            self.parts.append(f"</{tag}>")

    def _close_code(self):
        """Backticks around the code that no backtick inside can close."""
        self.parts[self.code_at:] = [code_span("".join(self.parts[self.code_at + 1:]))]
        self.code_at = None

    def _break(self):
        tail = "".join(self.parts[-2:])
        if self.parts and not tail.endswith("\n") and not re.search(r"(?:^|\n)\s*(?:-|\d+\.) $", tail):
            self.parts.append("<br>\n" if not self.lists else "\n")

    def markdown(self) -> str:
        if self.code_at is not None:
            self._close_code()
        text = "".join(self.parts)
        text = _TRAILING_BREAKS.sub("", text)  # trailing breaks show as blank space
        text = _TRAILING_SPACE.sub("\n", text)
        return _BLANK_LINES.sub("\n\n", text).strip()


_SMALL = {"sub": dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")),
          "sup": dict(zip("0123456789+-=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ"))}


def _small(text: str, tag: str) -> str:
    """A subscript or superscript inside code, where no tag can be: in
    Unicode's small figures when it has every character (x<sub>2</sub> → x₂),
    else as plain text."""
    table = _SMALL[tag]
    return "".join(table[c] for c in text) if text and all(c in table for c in text) else text
