"""Untrusted Markdown in, safe Markdown out: `safe_markdown` for text that is
Markdown already (any raw HTML outside code and math is shown as text unless
it is an allow-listed inline tag, links with script-capable URLs are
defused, `{…}` cannot smuggle attributes through attr_list);
`plain_to_markdown` and `escape_markdown` for text that must show exactly
as written. Which tags and URLs are allowed is cardsite.markup.html_policy's call;
HTML fields go through cardsite.markup.html_markdown."""

from __future__ import annotations

import re
from functools import lru_cache

from .html_policy import INLINE_TAGS, clean_img_tag, is_safe_url
from .spans import SPANS

# Code and math (cardsite.markup.spans) are copied through untouched: Markdown escapes
# code itself and arithmatex escapes math.
_HTML_LIKE = re.compile(r"<!--.*?(?:-->|\Z)|</?[A-Za-z][^<>]*>?|<[!?]", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]+>")
_INLINE_LINK = re.compile(
    r"!?\[(?P<text>[^\]\n]*)\]\(\s*<?(?P<url>(?:[^()\s>]|\([^()\s]*\))*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_REFERENCE = re.compile(r"^(?P<indent>[ ]{0,3})\[(?P<text>[^\]\n]+)\]:\s*<?(?P<url>\S+?)>?(?=\s|$)", re.M)


def safe_markdown(text: str) -> str:
    out, pos = [], 0
    for m in SPANS.finditer(text):
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


def plain_to_markdown(text: str) -> str:
    """Plain text (Quizlet, Anki without HTML) as Markdown that shows exactly
    that text, line breaks included; math written as $…$ or \\(…\\) stays math."""
    lines = [escape_markdown(line) for line in text.strip().split("\n")]
    lines = [re.sub(r"^(\s*)([#>+-])", r"\1\\\2", ln) for ln in lines]
    lines = [re.sub(r"^(\s*)=", r"\1&#61;", ln) for ln in lines]  # a setext underline; = has no backslash escape
    return "<br>\n".join(re.sub(r"^(\s*\d+)\.", r"\1\\.", ln) for ln in lines)


@lru_cache(maxsize=1 << 17)  # titles and names are escaped for every page and index that shows them
def escape_markdown(text: str, keep_math: bool = True) -> str:
    """Text that must stay text once it is Markdown: emphasis, code, link and
    HTML characters escaped; math left for arithmatex unless keep_math is
    False (a message quoting a formula shows it as typed)."""
    if not keep_math:
        return _escape_chars(text)
    # (a "formula" around a part a reader holds aside, as a private-use mark, is text:
    # `${{c1::x}}$` in an Anki field is two dollars around a deletion; so is one with a
    # backtick, which could open a code span with a backtick of the text after it)
    return SPANS.outside(text, _escape_chars, lambda m: m.group("math") and not _HELD.search(m.group(0))
                         and "`" not in m.group(0))


_HELD = re.compile("[\ue000-\uf8ff]")
_SPECIAL = re.compile(r"[&\\`*_{}$\[\]<]")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;|#)")  # an entity, or a "&#" Markdown would take for the start of one
_MARKUP_CHAR = re.compile(r"([\\`*_{}$])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def _escape_chars(text: str) -> str:
    if not _SPECIAL.search(text):
        return text  # most text: nothing to escape
    text = _ENTITY_LIKE.sub("&amp;", text)  # before adding entities of our own
    # Brackets as entities: `\[…\]` would read as display math.
    text = _MARKUP_CHAR.sub(r"\\\1", text).replace("[", "&#91;").replace("]", "&#93;")
    return _TAG_START.sub("&lt;", text)


def markdown_url(src: str) -> str:
    """A URL as a Markdown link target: what would end it (space, parentheses,
    angle brackets) percent-encoded; readers of the link decode it."""
    for char in " ()<>\t\n":
        src = src.replace(char, f"%{ord(char):02X}")
    return src
