"""What a person reads in a rendered field, as plain lines: the text of the
field's element tree (cardsite.site.card_html parses each field once), for
search records and link previews. A line is a paragraph, a list item, a
heading or a table row, cut at line breaks. Left out, as nothing a reader
reads as prose: code blocks, displayed formulas, audio, a missing file's
placeholder; an image reads as its alt text, an inline formula as its TeX
without commands (`\\log(1+e^x)` → `log(1+e^x)`)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import NamedTuple

from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from .card_syntax import MISSING

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dt", "dd", "blockquote", "div", "ul", "ol",
           "table", "thead", "tbody", "dl", "details", "summary", "figure", "figcaption"}
_LISTED = {"li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dt"}  # each reads as an item of a list
_UNREAD = {"pre", "audio", "video", "script", "style", "hr"}
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(re.escape(AMP_SUBSTITUTE) + r"(#?\w+;)")
_SEVERAL_LINES = re.compile(r"\\begin\b|\\\\")  # in TeX
_BREAK = re.compile(r"<br\s*/?>", re.I)


class Line(NamedTuple):
    text: str
    listed: bool  # a list item, a heading or a table row
    broken: bool = False  # a line after a line break


def lines(root: etree.Element, stash: list) -> tuple[Line, ...]:
    """The lines of text of a field's tree; stash: the raw HTML its text's
    placeholders stand for (Python-Markdown's htmlStash.rawHtmlBlocks)."""
    reader = _Reader(stash)
    reader.block(root)
    return tuple(reader.lines)


def flat_tex(tex: str) -> str:
    """A formula as text (`\\mathrm{d}x` → `dx`)."""
    tex = re.sub(r"\\(?:text|mathrm|mathbf|operatorname|mathit)\s*\{([^{}]*)\}", r"\1", tex)
    tex = re.sub(r"\\(?:left|right|Big|big|Bigg|bigg)\b", "", tex)
    tex = re.sub(r"\\([A-Za-z]+)", r"\1", tex)
    return re.sub(r"\s+", " ", tex.replace("{", "").replace("}", "").replace("\\", "")).strip()


class _Reader:
    def __init__(self, stash: list) -> None:
        self.stash, self.lines = stash, []
        self._words: list[str] = []
        self._listed = self._broken = False

    def block(self, element: etree.Element) -> None:
        self.end_line()
        outer = self._listed
        # a loose list's item holds paragraphs: its first is the item
        self._listed = element.tag in _LISTED or (outer and element.tag == "p")
        self.inline(element)
        self.end_line()
        self._listed = outer

    def inline(self, element: etree.Element) -> None:
        self.text(element.text)
        for child in element:
            self.element(child)
            self.text(child.tail)

    def element(self, element: etree.Element) -> None:
        classes = (element.get("class") or "").split()
        if element.tag in _UNREAD or MISSING in classes or "headerlink" in classes:  # a heading's ¶ (toc's permalink)
            return
        if "arithmatex" in classes:
            tex = "".join(element.itertext())
            # a displayed formula, or one of several lines, reads as noise
            if element.tag == "span" and not tex.startswith("\\[") and not _SEVERAL_LINES.search(tex):
                self._words.append(flat_tex(tex.removeprefix("\\(").removesuffix("\\)")))
        elif element.tag == "br":
            self.broken()
        elif element.tag == "code" and self.raw(element).lstrip().startswith(("$$", "\\[")):
            return  # a displayed formula KaTeX could not render, shown as its TeX (cards/formulas.py)
        elif element.tag == "img":
            self._words.append(element.get("alt") or "")
        elif element.tag in _BLOCKS:
            self.block(element)
        elif element.tag in ("td", "th"):  # a row's cells: one line
            self._words.append(" ")
            self.inline(element)
        else:
            self.inline(element)

    def text(self, text: str | None) -> None:
        if not text:
            return
        # an entity Markdown left in the text (an address it obfuscates) starts with AMP_SUBSTITUTE
        text = _ENTITY.sub(lambda m: html.unescape("&" + m.group(1)), text)
        at = 0
        for placeholder in HTML_PLACEHOLDER_RE.finditer(text):
            self._words.append(text[at:placeholder.start()])
            self.stashed(self.stash[int(placeholder.group(1))])
            at = placeholder.end()
        self._words.append(text[at:])

    def raw(self, element: etree.Element) -> str:
        """An element's text with the stashed pieces it holds in place."""
        def stashed(placeholder: re.Match) -> str:
            raw = self.stash[int(placeholder.group(1))]
            return raw if isinstance(raw, str) else ""
        return HTML_PLACEHOLDER_RE.sub(stashed, "".join(element.itertext()))

    def stashed(self, raw) -> None:
        if isinstance(raw, etree.Element):
            self.element(raw)
        elif raw.lstrip().startswith(("<div", "<pre", "<table")):
            return  # a code block (superfences) or a block of raw HTML
        elif _BREAK.fullmatch(raw.strip()):
            self.broken()
        else:
            self._words.append(html.unescape(_TAG.sub("", raw)))

    def broken(self) -> None:
        self.end_line()
        self._broken = True

    def end_line(self) -> None:
        text = " ".join("".join(self._words).split())
        self._words = []
        if text:
            self.lines.append(Line(text, self._listed, self._broken))
        self._broken = False


_SOURCE_LINE = re.compile(r"(?:sources?|from|see|via|ref(?:erence)?s?|paper(?: link)?|credit|link)s?\s*[:：]", re.I)
_URL = re.compile(r"<?https?://[^\s>)]+>?")
_FENCE = re.compile(r"(?:`{3,}|~{3,})[\w+-]*")  # a code fence typed as text
_ENDED = re.compile(r"[.,;:!?。，；：！？]\W*$")
_WRAPPED = 55  # characters: a line at least this long, broken before a lower-case word, was wrapped
# a list typed as lines of text: "- item", "• item", "1. item", "2) item"
_MARKER = re.compile(r"(?:[-*+•·–]|\d{1,3}[.)])\s+")


def prose(read: tuple[Line, ...]) -> str:
    """The lines as one run of prose, without where they came from (a
    "source: …" line, a bare address, a rule): items read as a list ("Loss
    of consciousness; Amnesia"), be they a list's or lines typed as one; a
    sentence merely wrapped at a line break reads on."""
    kept: list[str] = []
    after_item = False
    for line in read:
        text = " ".join(_URL.sub("", line.text).split())
        if _SOURCE_LINE.match(line.text) or _FENCE.fullmatch(text) or not text.strip(" -–—*_:|<>()[]"):
            continue
        marker = _MARKER.match(text) if line.listed or line.broken or not kept else None
        text = text[marker.end():] if marker else text
        # after a line break, a lower-case word goes on with a long line before it: a wrapped sentence
        wrapped = line.broken and text[:1].islower() and len(kept[-1]) >= _WRAPPED if kept else False
        item = bool(line.listed or marker or (line.broken and not wrapped))
        if (item or after_item) and kept and not _ENDED.search(kept[-1]):
            kept[-1] += ";"
        kept.append(text)
        after_item = item
    return " ".join(kept)


def shortened(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
