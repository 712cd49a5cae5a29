"""Cards read back from a rendered deck page (writers/pages.py card_block):
what the quiz and the exports take from the build, so that they show cards
exactly as the site renders them."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

_CARD = re.compile(r'<div class="flashcard flashcard-(?P<kind>[a-z]+)"(?P<attrs>[^>]*)>')
_ATTRIBUTE = re.compile(r'([a-z][a-z-]*)="([^"]*)"')
_DIV = re.compile(r"<div\b|</div>")


@dataclass
class RenderedCard:
    anchor: str  # the element id on the page
    kind: str
    data: dict[str, str]  # the data-* attributes, without "data-"
    front: str  # HTML
    back: str  # HTML of the whole answer, extra included, as the page shows it
    answer: str  # HTML of the back alone ("" when the page only says there is none)
    extra: str  # HTML of the extra alone

    def json_data(self, key: str) -> list:
        return json.loads(self.data.get(key) or "[]")


def cards_in(content: str):
    for m in _CARD.finditer(content):
        attrs = {k: html.unescape(v) for k, v in _ATTRIBUTE.findall(m.group("attrs"))}
        body = _inner(content, m.end())
        back, back_at = _inner_of_class(body, "flashcard-back")
        extra, extra_at = _inner_of_class(back, "flashcard-extra")
        answer = back[:extra_at[0]] + back[extra_at[1]:] if extra_at else back
        if back_at and body.startswith('<div class="flashcard-back flashcard-missing', back_at[0]):
            answer = ""  # the page says "No answer yet"; the card has none
        yield RenderedCard(attrs.get("id", ""), m.group("kind"),
                           {k.removeprefix("data-"): v for k, v in attrs.items() if k.startswith("data-")},
                           _inner_of_class(body, "flashcard-front")[0], back, answer.strip(), extra)


def deck_page_key(src_uri: str, url: str) -> tuple[str, int] | None:
    """(deck, page number) for a page of a deck (decks/<deck>/, decks/<deck>/<n>/),
    None for any other page; sorting the keys gives the cards in source order."""
    if not src_uri.startswith("decks/") or src_uri == "decks/index.md":
        return None
    parts = url.strip("/").split("/")
    return parts[1], int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1


def in_source_order(pages: dict[tuple[str, int], list]) -> list:
    """The cards of all deck pages (keyed by deck_page_key), each deck's in
    the order of its source file: MkDocs renders pages in path order."""
    return [card for key in sorted(pages) for card in pages[key]]


def by_deck(cards: list[dict]) -> dict[str, list[dict]]:
    decks: dict[str, list[dict]] = {}
    for card in cards:
        decks.setdefault(card["deck"], []).append(card)
    return decks


def relinked(fragment: str, depth: int) -> str:
    """Relative URLs written for a page `depth` folders deep, made right for
    /quiz/ (one folder deep)."""
    return re.sub(r'((?:href|src)=")' + re.escape("../" * depth), r"\1../", fragment)


def _inner(content: str, start: int) -> str:
    """The HTML up to the </div> that closes the div opened just before start
    (scanned in place: no copy of the rest of the page per card)."""
    depth = 1
    for m in _DIV.finditer(content, start):
        depth += 1 if m.group(0) == "<div" else -1
        if depth == 0:
            return content[start:m.start()]
    return content[start:]


def _inner_of_class(body: str, css_class: str) -> tuple[str, tuple[int, int] | None]:
    """The inner HTML of the first div of that class, and where the whole div
    (tags included) sits in body."""
    m = re.search(rf'<div class="{css_class}(?: [^"]*)?"[^>]*>', body)
    if not m:
        return "", None
    inner = _inner(body, m.end())
    end = m.end() + len(inner) + len("</div>")
    return inner.strip(), (m.start(), end)
