"""The markup our own stages write into a card's Markdown, and the Markdown
extension that reads it back as elements of the rendered tree, so that what a
part of a field means (a cloze deletion, an audio player, an image, a file the
sources lack) is a node every output is made from (cardsite.site.card_html),
never a piece of HTML some later stage has to find again:

  cloze    <span class="cloze" data-cloze="N" title="hint">…</span>, nested or not
           (read/anki_fields.py and read/qa_cards.py write them); around a code
           block, <div class="cloze" … markdown="1">…</div>, which md_in_html reads
  audio    <audio controls preload="none" src="…"></audio> (for Anki's [sound:…])
  image    <img src="…" …> typed as HTML (Obsidian's sized ![[x.png|200]])
  missing  <span class="missing-media">missing image: x.png</span>
           (cards/media.py, for a file not in sources/)

Python-Markdown leaves inline HTML as opaque text; these processors run just
before its HTML pattern and make elements instead. Code spans and math come
first (higher priority), so nothing inside them is read as any of these."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from urllib.parse import quote

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

CLOZE = "cloze"  # the class of a deletion
MISSING = "missing-media"  # the class of a missing file's placeholder
MISSING_KIND, MISSING_FILE = "data-missing", "data-file"  # what it stands for (the page's allow-list drops them)

_CLOZE_OPEN = r'<span class="cloze" data-cloze="(\d+)"(?: title="([^"]*)")?>'
_TAGS = re.compile(_CLOZE_OPEN + r"|<span\b[^>]*>|</span>")
_MEDIA_TAG = r"<(img|audio)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>(?:\s*</audio>)?"
# (image|audio), file name: as missing_media() writes it
MISSING_MEDIA = re.compile(r'<span class="missing-media">missing (image|audio): ([^<]*)</span>')
MARK = '<span class="cloze" data-cloze="'


def cloze_opening(number: int, hint: str = "") -> str:
    """The tag that opens deletion `number` (CLOZE_END closes it)."""
    # as entities, what Markdown reads before this tag (a code span's backtick, a formula's
    # dollar, a link's bracket, an escape) so that no pattern takes a piece of the hint for its own
    hint = html.escape(hint).translate({ord(c): f"&#{ord(c)};" for c in "`$[]\\"})
    title = f' title="{hint}"' if hint else ""
    return f'{MARK}{number}"{title}>'


CLOZE_END = "</span>"


def cloze_block_opening(opening: str) -> str:
    """A deletion's opening (cloze_opening) as a block that can hold a code block."""
    return "<div" + opening[len("<span"):-1] + ' markdown="1">'


CLOZE_BLOCK_END = "</div>"


def audio_tag(name: str) -> str:
    return f'<audio controls preload="none" src="{html.escape(quote(name))}"></audio>'


def missing_media(kind: str, markdown_name: str) -> str:
    """The placeholder for a file the sources lack (kind: image or audio)."""
    return f'<span class="{MISSING}">missing {kind}: {markdown_name}</span>'


class CardSyntax(Extension):
    def extendMarkdown(self, md) -> None:
        # just before Python-Markdown's own inline HTML pattern ("html", 90)
        md.inlinePatterns.register(_Cloze(_CLOZE_OPEN, md), "card_cloze", 93)
        md.inlinePatterns.register(_Missing(MISSING_MEDIA.pattern, md), "card_missing_media", 92)
        md.inlinePatterns.register(_Media(_MEDIA_TAG, md), "card_media", 91)


class _Cloze(InlineProcessor):
    """A deletion and what it holds, up to its own </span> (so nested ones
    become children); one whose end is not in the same block stays text."""

    def handleMatch(self, m, data):
        el, end = _deletion(m, data)
        return (el, m.start(0), end) if el is not None else (None, None, None)


def _deletion(opening: re.Match, data: str):
    el = etree.Element("span", {"class": CLOZE, "data-cloze": opening.group(1)})
    if opening.group(2):
        el.set("title", html.unescape(opening.group(2)))
    depth, text_from, at = 0, opening.end(), opening.end()
    while (tag := _TAGS.search(data, at)) is not None:
        at = tag.end()
        if tag.group(1) and depth == 0:  # a deletion inside this one
            child, end = _deletion(tag, data)
            if child is None:
                return None, None
            _add_text(el, data[text_from:tag.start()])
            el.append(child)
            text_from = at = end
        elif tag.group(0) == CLOZE_END:
            if depth == 0:
                _add_text(el, data[text_from:tag.start()])
                return el, tag.end()
            depth -= 1
        else:
            depth += 1
    return None, None


def _add_text(el: etree.Element, text: str) -> None:
    """Text after el's last child (or in el, if it has none)."""
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


class _Missing(InlineProcessor):
    def handleMatch(self, m, data):
        # the name as written (Markdown escapes undone by the patterns before this one), shown as
        # it is: nothing in a file name is a link or emphasis
        kind, name = m.group(1), html.unescape(self.unescape(m.group(2)))
        el = etree.Element("span", {"class": MISSING, MISSING_KIND: kind, MISSING_FILE: name})
        el.text = AtomicString(f"missing {kind}: {name}")
        return el, m.start(0), m.end(0)


class _Media(InlineProcessor):
    """An <img> or <audio> typed as HTML, as an element with its attributes
    (the rendered HTML's allow-list decides which of them stay)."""

    def handleMatch(self, m, data):
        parser = _Attributes()
        parser.feed(m.group(0))
        parser.close()
        # a bare attribute (controls) as an empty one, as HTML reads it
        el = etree.Element(m.group(1).lower(), {k: v or "" for k, v in parser.attributes})
        return el, m.start(0), m.end(0)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs) -> None:
        if not self.attributes:
            self.attributes = attrs
