"""Quiz data from the pages themselves: every card's front and back exactly as
rendered on its deck page (math, code, images included) go to quiz/cards.json,
which only the quiz page loads."""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

_cards: dict[str, dict] = {}
_CARD = re.compile(r'<div class="flashcard flashcard-(?P<kind>[a-z]+)"(?P<attrs>[^>]*)>')
_ATTRIBUTE = re.compile(r'([a-z][a-z-]*)="([^"]*)"')
_DIV = re.compile(r"<div\b|</div>")


def on_pre_build(config):
    _cards.clear()


def on_page_content(content, page, config, files):
    if page.file.src_uri.startswith("decks/") and page.file.src_uri != "decks/index.md":
        for card in _cards_in(content, depth=page.url.count("/")):
            _cards[card["id"]] = card
    return content



def on_post_build(config):
    target = Path(config.site_dir) / "quiz" / "cards.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"version": 1, "cards": list(_cards.values())}, ensure_ascii=False,
                                 separators=(",", ":")), encoding="utf-8")


# --------------------------------------------------------------------------


def _cards_in(content: str, depth: int):
    for m in _CARD.finditer(content):
        attrs = {k: html.unescape(v) for k, v in _ATTRIBUTE.findall(m.group("attrs"))}
        data = {k.removeprefix("data-"): v for k, v in attrs.items()}
        body = _inner(content, m.end())
        front = _relinked(_inner_of_class(body, "flashcard-front"), depth)
        back = _relinked(_inner_of_class(body, "flashcard-back"), depth)
        yield {
            "id": attrs.get("id", ""), "kind": m.group("kind"), "front": front, "back": back,
            "deck": data.get("deck", ""), "concept": data.get("concept", ""), "lang": data.get("lang", "en"),
            "tags": json.loads(data.get("tags") or "[]"), "title": data.get("title", ""), "zh": data.get("zh", ""),
            "hash": hashlib.sha1(f"{front}\x1f{back}".encode()).hexdigest()[:10],
        }


def _inner(content: str, start: int) -> str:
    """The HTML up to the </div> that closes the div opened just before start
    (scanned in place: no copy of the rest of the page per card)."""
    depth = 1
    for m in _DIV.finditer(content, start):
        depth += 1 if m.group(0) == "<div" else -1
        if depth == 0:
            return content[start:m.start()]
    return content[start:]


def _inner_of_class(body: str, css_class: str) -> str:
    m = re.search(rf'<div class="{css_class}[^"]*">', body)
    return _inner(body, m.end()).strip() if m else ""


def _relinked(fragment: str, depth: int) -> str:
    """Relative URLs written for a deck page `depth` folders deep, made right
    for /quiz/ (one folder deep)."""
    return re.sub(r'((?:href|src)=")' + re.escape("../" * depth), r"\1../", fragment)
