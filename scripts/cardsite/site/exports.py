"""Every deck, every tag and the whole site as downloads, beside their pages:
an Anki text file (`cards.txt`: #separator:tab, #html:true, GUID, tags and
deck columns) and `cards.json` — /decks/<deck>/, /tags/<tag>/, and /decks/
for all cards. Made from the Anki form of the cards' HTML
(cardsite.site.card_html, cardsite.site.anki_form)."""

from __future__ import annotations

import csv
import io
import json
import re

from ..core import urls
from ..core.memo import no_memo
from ..cards.model import ByCard, Card, Concept, Corpus
from .card_html import CardHtml

COLUMNS = ["Front", "Back", "Extra", "Attribution", "Tags", "Deck", "GUID"]
FORMAT = "cardsite-cards"
PUBLIC = ("id", "deck", "deck_name", "kind", "front", "back", "extra", "attribution", "tags", "concept", "source")
ANKI_HEADER = ("#separator:tab\n#html:true\n#columns:" + "\t".join(COLUMNS) + "\n"
               f"#tags column:{COLUMNS.index('Tags') + 1}\n#deck column:{COLUMNS.index('Deck') + 1}\n"
               f"#guid column:{COLUMNS.index('GUID') + 1}\n")

def export_files(corpus: Corpus, rendered: ByCard, concept_of: ByCard,
                 tag_urls: dict[str, str], memo=no_memo) -> dict[str, str]:
    """memo: each card's exported form (and its rows), kept across rebuilds
    (cardsite.run.reuse)."""
    names = _deck_names(corpus)
    cards = []
    for card in corpus.cards:
        concept, card_html, deck_name = concept_of[card], rendered[card], names[card.deck]
        key = (card.id, card.deck, deck_name, card.kind, card_html, card.attribution, tuple(card.tags), concept.slug,
               tuple(concept.tags), card.file, card.line)
        cards.append(memo(key, lambda: _exported(card, concept, card_html, deck_name)))
    files = {}
    by_deck: dict[str, list[dict]] = {}
    by_tag: dict[str, list[dict]] = {}
    for card in cards:
        by_deck.setdefault(card["deck"], []).append(card)
        for tag in card["concept_tags"]:
            by_tag.setdefault(tag, []).append(card)
    for deck, members in by_deck.items():
        files |= _files(urls.deck(deck), members, {"deck": deck})
    files |= _files(urls.ALL_CARDS, cards, {"all": True})
    for tag, url in tag_urls.items():
        files |= _files(url, by_tag.get(tag, []), {"tag": tag})
    return files


def anki_tag(tag: str) -> str:
    """Anki tags cannot hold spaces."""
    return re.sub(r"\s+", "_", tag.strip())


# Control characters but tab and line ends: nothing a field shows, and a few of
# them make a small file read as binary (Anki's importer and ours refuse it)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def anki_row(card: dict) -> str:
    out = io.StringIO()
    # every field quoted: a row whose first field starts with # must not read as a comment
    csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_ALL).writerow(
        [_CONTROLS.sub("", field) for field in (
            card["front"], card["back"], card["extra"], card["attribution"], " ".join(map(anki_tag, card["tags"])),
            card["deck_name"], card["id"])])
    return out.getvalue()


def anki_text(cards: list[dict]) -> str:
    return ANKI_HEADER + "".join(_row(c, "anki", anki_row) for c in cards)


# --------------------------------------------------------------------------


def _exported(card: Card, concept: Concept, rendered: CardHtml, deck_name: str) -> dict:
    front, back, extra = rendered.anki
    exported = {"id": card.id, "deck": card.deck, "deck_name": deck_name, "kind": card.kind,
                "front": front, "back": back, "extra": extra,
                "attribution": card.attribution, "tags": list(card.tags), "concept": concept.slug,
                "concept_tags": concept.tags, "source": f"{card.file}:{card.line}"}
    # its rows, made once however many files it goes to, and before it is kept (memo): nothing
    # changes a card's exported form once made
    exported["anki"], exported["json"] = anki_row(exported), _json(exported)
    return exported


def _deck_names(corpus: Corpus) -> dict[str, str]:
    """Anki deck names: the deck titles, with the slug added where two decks
    share a title (Anki would merge them)."""
    slugs_of: dict[str, list[str]] = {}
    for deck in corpus.decks:
        slugs_of.setdefault(deck.title, []).append(deck.slug)
    return {d.slug: f"{d.title} ({d.slug})" if len(slugs_of[d.title]) > 1 else d.title for d in corpus.decks}


def _json(card: dict) -> str:
    return json.dumps({k: card[k] for k in PUBLIC}, ensure_ascii=False, separators=(",", ":"))


def _row(card: dict, kind: str, make) -> str:
    """A card's row in one format: the one made with it (_exported), or made now."""
    return card[kind] if kind in card else make(card)


def _files(folder_url: str, cards: list[dict], scope: dict) -> dict[str, str]:
    anki, data = urls.exports(folder_url)
    head = json.dumps({"format": FORMAT, "version": 1, "scope": scope}, ensure_ascii=False)[:-1]
    body = ",\n".join(_row(c, "json", _json) for c in cards)
    return {anki: anki_text(cards), data: f'{head}, "cards": [\n{body}\n]}}\n'}
