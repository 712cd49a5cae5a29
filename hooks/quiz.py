"""Quiz data from the pages themselves: every card's front and back exactly as
rendered on its deck page (math, code, images included) go to quiz/cards/,
which only the quiz page loads: an index and chunks of cards, one deck per
chunk, each deck's first chunk small. The quiz page carries the index and the
first chunk itself (as JSON data, never script), so the first card shows
while the page loads, whatever the size of the site."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from cardsite.deck_html import by_deck, cards_in, deck_page_key, in_source_order, relinked

_pages: dict[tuple[str, int], list[dict]] = {}  # (deck folder, page number) -> its cards
_chunks: list[dict] = []  # {"file", "deck", "cards": [...]}, made once per build
QUIZ_PAGE = "quiz/index.md"
DATA_SLOT = '<script type="application/json" id="quiz-data"></script>'  # written by writers/pages.py
FIRST_CHUNK, CHUNK = 50, 1000  # cards per file: the first of each deck, the others


def on_pre_build(config):
    _pages.clear()
    _chunks.clear()


def on_page_content(content, page, config, files):
    key = deck_page_key(page.file.src_uri, page.url)
    if key:
        _pages[key] = list(_cards_in(content, depth=page.url.count("/")))
    return content


def on_post_page(output, page, config):
    if page.file.src_uri != QUIZ_PAGE or DATA_SLOT not in output:
        return output
    chunks = _chunked()
    data = {"version": 2, "index": _index(chunks), "first": chunks[0] if chunks else None}
    return output.replace(DATA_SLOT, DATA_SLOT.replace("><", ">" + _script_safe_json(data) + "<"))


def on_post_build(config):
    folder = Path(config.site_dir) / "quiz" / "cards"
    if folder.exists():
        shutil.rmtree(folder)  # no chunk of an earlier, bigger build survives
    folder.mkdir(parents=True)
    chunks = _chunked()
    for chunk in chunks:
        (folder / chunk["file"]).write_text(_script_safe_json({"version": 2, "cards": chunk["cards"]}), encoding="utf-8")
    (folder / "index.json").write_text(_script_safe_json(_index(chunks)), encoding="utf-8")


# --------------------------------------------------------------------------


def _chunked() -> list[dict]:
    if not _chunks:
        unique = {c["id"]: c for c in in_source_order(_pages)}  # one entry per card id
        for deck, cards in by_deck(list(unique.values())).items():
            for start, end in _chunk_bounds(len(cards)):
                _chunks.append({"file": f"{len(_chunks)}.json", "deck": deck, "cards": cards[start:end]})
    return _chunks


def _index(chunks: list[dict]) -> dict:
    return {"version": 2, "cards": sum(len(c["cards"]) for c in chunks),
            "chunks": [{"file": c["file"], "deck": c["deck"], "cards": len(c["cards"])} for c in chunks]}


def _chunk_bounds(count: int):
    start = 0
    while start < count:
        end = min(count, start + (FIRST_CHUNK if start == 0 else CHUNK))
        yield start, end
        start = end


def _script_safe_json(data) -> str:
    """Compact JSON in which no card text can close a <script> element or open
    an HTML comment: every < is written as \\u003c (still the same JSON)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _cards_in(content: str, depth: int):
    for card in cards_in(content):
        front, back = relinked(card.front, depth), relinked(card.back, depth)
        yield {
            "id": card.anchor, "kind": card.kind, "front": front, "back": back,
            "deck": card.data.get("deck", ""), "concept": card.data.get("concept", ""),
            "lang": card.data.get("lang", "en"), "tags": card.json_data("tags"), "title": card.data.get("title", ""),
            "zh": card.data.get("zh", ""), "hash": hashlib.sha1(f"{front}\x1f{back}".encode()).hexdigest()[:10],
        }
