"""The quiz's data, made from the cards: every card's front and answer as the
site renders them (cardsite.site.card_html, math typeset by KaTeX) in chunks under
quiz/cards/ — one deck per chunk, each deck's first chunk small — and an
index. The quiz page carries the index and the first chunk itself (as JSON
data, never script), so the first card shows while the page loads, whatever
the size of the site; assets/quiz.js fetches the rest."""

from __future__ import annotations

import hashlib
import html
import json

from ..core import urls
from ..markup.html_policy import clean_rendered
from ..markup.katex import typeset
from ..core.memo import no_memo
from ..cards.model import UNANSWERED, ByCard, Concept, Corpus
from .card_html import CardHtml
from .common import front_matter

FIRST_CHUNK, CHUNK = 50, 1000  # cards per file: the first of each deck, the others
VERSION = 2
HERE = urls.quiz()
SOURCE = urls.listing(urls.QUIZ)
NO_ANSWER = "<p><em>No answer yet.</em></p>"


def quiz_files(corpus: Corpus, rendered: ByCard, concept_of: ByCard, memo=no_memo) -> dict[str, str]:
    """quiz/index.md and quiz/cards/*.json. memo: each card's items and their
    JSON, kept across rebuilds (cardsite.run.reuse)."""
    chunks = _chunks(corpus, rendered, concept_of, memo)
    # the same text as script_safe_json of the whole chunk, from each item's own
    files = {f"{urls.QUIZ_CARDS}/{c['file']}": f'{{"version":{VERSION},"cards":[{",".join(c["json"])}]}}'
             for c in chunks}
    for chunk in chunks:
        del chunk["json"]
    files[urls.QUIZ_INDEX] = script_safe_json(_index(chunks))
    first = {"version": VERSION, "index": _index(chunks), "first": chunks[0] if chunks else None}
    files[SOURCE] = quiz_page(corpus, first)
    return files


def quiz_page(corpus: Corpus, first: dict) -> str:
    here = urls.quiz()
    # every place the quiz's script goes to, relative to this page: its cards,
    # the way back (the site, a deck), and the optimiser's worker and modules
    places = {"cards": urls.QUIZ_INDEX, "home": "", "optimiser": urls.OPTIMISER_SCRIPT,
              "fsrs": urls.FSRS_SCRIPT, "fsrs-browser": urls.FSRS_BROWSER_MODULE}
    links = " ".join(f'data-{name}="{urls.relative(here, path)}"' for name, path in places.items())
    decks = json.dumps({d.slug: d.title for d in corpus.decks}, ensure_ascii=False)
    deck_urls = json.dumps({d.slug: urls.relative(here, urls.deck(d.slug)) for d in corpus.decks}, ensure_ascii=False)
    return (front_matter("Quiz") + "# Quiz\n\n"
            f'<script type="application/json" id="quiz-data">{script_safe_json(first)}</script>\n\n'
            f'<div id="quiz-app" class="quiz" {links} data-decks="{html.escape(decks, quote=True)}" '
            f'data-deck-urls="{html.escape(deck_urls, quote=True)}">\n'
            "<p>Loading the cards… (the quiz needs JavaScript)</p>\n</div>\n")


def quiz_items(card, concept: Concept, rendered: CardHtml) -> list[dict]:
    """One item per card; a cloze card gives one per deletion number and a
    reversible card a second one asked back → front, each with its own id
    (and so its own schedule), tied by `note` so that the quiz shows only one
    of them a day (Anki's burying of siblings)."""
    if rendered.clozes:
        return [_item(card, concept, f"{card.anchor}-c{n}", _for_quiz(question),
                      _for_quiz("\n".join(p for p in (answer, rendered.whole_back) if p)), note=card.anchor)
                for n, question, answer in rendered.clozes]
    front = _for_quiz(rendered.front)
    back = _for_quiz(rendered.whole_back) if rendered.whole_back else (NO_ANSWER if card.kind == UNANSWERED else "")
    if card.reversible:  # Anki's reversed card: asked both ways, one of them a day
        return [_item(card, concept, card.anchor, front, back, note=card.anchor),
                _item(card, concept, f"{card.anchor}-r", back, front, note=card.anchor) | {"reverse": True}]
    return [_item(card, concept, card.anchor, front, back)]


def _item(card, concept: Concept, item_id: str, front: str, back: str, note: str = "") -> dict:
    item = {"id": item_id, "kind": card.kind, "front": front, "back": back, "deck": card.deck,
            "concept": concept.slug, "lang": card.lang, "tags": concept.tags, "title": concept.title,
            "zh": concept.zh_title, "url": urls.relative(HERE, urls.card(concept.slug, card.anchor)),
            "hash": hashlib.sha1(f"{front}\x1f{back}".encode()).hexdigest()[:10]}
    if note:
        item["note"] = note
    return item


def script_safe_json(data) -> str:
    """Compact JSON in which no card text can close a <script> element or open
    an HTML comment: every < is written as \\u003c (still the same JSON)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


# --------------------------------------------------------------------------


def _for_quiz(fragment: str) -> str:
    """A card's HTML as the quiz shows it (through innerHTML): held to the
    allow-list here, where it leaves for the browser, then typeset."""
    return typeset(clean_rendered(urls.localized(fragment, HERE)))


def _chunks(corpus: Corpus, rendered: ByCard, concept_of: ByCard, memo) -> list[dict]:
    chunks, seen = [], set()
    for deck in corpus.decks:
        items, texts = [], []
        for card in deck.cards:
            if card.anchor not in seen:  # one entry per card id
                seen.add(card.anchor)
                concept, card_html = concept_of[card], rendered[card]
                key = (card.anchor, card.kind, card.deck, card.lang, card.reversible, concept.slug,
                       tuple(concept.tags), concept.title, concept.zh_title, card_html)
                made, text = memo(key, lambda: _with_json(quiz_items(card, concept, card_html)))
                items += made
                texts += text
        start = 0
        while start < len(items):
            end = min(len(items), start + (FIRST_CHUNK if start == 0 else CHUNK))
            chunks.append({"file": f"{len(chunks)}.json", "deck": deck.slug, "cards": items[start:end],
                           "json": texts[start:end]})
            start = end
    return chunks


def _with_json(items: list[dict]) -> tuple[list[dict], list[str]]:
    return items, [script_safe_json(item) for item in items]


def _index(chunks: list[dict]) -> dict:
    return {"version": VERSION, "cards": sum(len(c["cards"]) for c in chunks),
            "chunks": [{"file": c["file"], "deck": c["deck"], "cards": len(c["cards"])} for c in chunks]}
