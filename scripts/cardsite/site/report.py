"""The quality report: what the site owner should look at, each line naming
file:line and pointing at the card. Built once from the corpus; the site page
(writers/pages.py) and `convert.py --report` only render it."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..cards.make import plain_text
from ..graph.concepts import HOMOGRAPH
from ..cards.model import ERROR, INFO, NOTE, UNANSWERED, WARNING, Card, Concept, Corpus
from ..markup.spans import CJK, CJK_CLASS

_STOP = {"the", "a", "an", "of", "in", "for", "to", "and", "or", "vs", "what", "is", "are", "how", "does",
         "do", "why", "with", "on", "by", "your", "you", "it", "its"}
DIFFERENT = 0.1  # word overlap (Jaccard) below which two definitions are listed as differing


@dataclass
class Entry:
    text: str
    file: str = ""
    line: int = 0
    slug: str = ""  # concept page it points at
    anchor: str = ""  # card on that page
    quoted: bool = False  # a problem message: formulas in it are quoted, not rendered


@dataclass
class Section:
    title: str
    why: str
    entries: list[Entry] = field(default_factory=list)
    problems: bool = False  # lists errors and warnings (the deck list points here for all of them)


def build_report(corpus: Corpus) -> list[Section]:
    concept_of = {id(card): concept for concept in corpus.concepts for card in concept.cards}
    card_at = {(c.file, c.line): c for c in corpus.cards}

    def about(card: Card, text: str) -> Entry:
        concept = concept_of[id(card)]
        return Entry(text, card.file, card.line, concept.slug, card.anchor)

    def problem_entry(p) -> Entry:
        card = card_at.get((p.file, p.line))
        entry = about(card, p.message) if card else Entry(p.message, p.file, p.line)
        entry.quoted = True
        return entry

    problems = corpus.problems
    sections = [
        Section("Questions without an answer", "Kept and labelled “No answer yet”; add the answer in the source.",
                [about(c, c.title) for c in corpus.cards if c.kind == UNANSWERED]),
        Section("Quotes and notes", "Entries with nothing to answer: kept as notes, never graded in the quiz.",
                [about(c, c.title) for c in corpus.cards if c.kind == NOTE]),
        Section("Missing media", "Images a card refers to that are not in sources/; a placeholder is shown.",
                [problem_entry(p) for p in problems if "missing image" in p.message], problems=True),
        Section("Math that needed repair", "Formulas an exporter broke, repaired before rendering.",
                [problem_entry(p) for p in problems if p.severity == INFO and "math" in p.message]),
        Section("Other repairs", "Markup the converter mended.",
                [problem_entry(p) for p in problems if p.severity == INFO and "math" not in p.message]),
        Section("Likely duplicates not merged", "Concepts whose names are close; merge them in sources/concepts.yml "
                "if they are the same (or leave them).", likely_duplicates(corpus.concepts)),
        Section("Same name, kept apart", "Cards that share a name but come from decks about different things "
                "(their uncommon words hardly overlap): one page each. Merge them in sources/concepts.yml if they "
                "are one thing.", homographs(corpus.concepts)),
        Section("Definitions that differ", "One concept, several cards whose answers share few words: check that "
                "they agree.", differing_definitions(corpus.concepts)),
        Section("Concepts without a topic tag", "No keyword of sources/taxonomy.yml matched.",
                [Entry(c.title, c.cards[0].file, c.cards[0].line, c.slug, c.cards[0].anchor)
                 for c in corpus.concepts if not c.topics]),
        Section("Unrecognised files and errors", "Input that broke its format; everything else still converted.",
                [problem_entry(p) for p in problems if p.severity == ERROR], problems=True),
        Section("Other warnings", "",
                [problem_entry(p) for p in problems if p.severity == WARNING and "missing image" not in p.message],
                problems=True),
    ]
    return sections


def homographs(concepts: list[Concept]) -> list[Entry]:
    by_key = {c.key: c for c in concepts}
    out = []
    for concept in concepts:
        if HOMOGRAPH in concept.key and (plain := by_key.get(concept.key.split(HOMOGRAPH)[0])):
            card = concept.cards[0]
            out.append(Entry(f"{concept.title} ({card.file}) is not {plain.title} ({plain.cards[0].file})",
                             card.file, card.line, concept.slug, card.anchor))
    return out


def likely_duplicates(concepts: list[Concept]) -> list[Entry]:
    """Same significant words in another order, or one name being the other's
    first words plus one or two ("PCA" / "PCA before GMMs"). Dictionary
    lookups only, so it stays linear in the number of concepts."""
    by_words: dict[frozenset, list[Concept]] = defaultdict(list)
    by_phrase: dict[tuple[str, ...], Concept] = {}
    names = []
    for concept in concepts:
        if all(c.kind == NOTE for c in concept.cards) or " vs" in concept.key:
            continue
        words = tuple(_words(concept.key))
        if 0 < len(words) <= 7:
            names.append((concept, words))
            by_phrase.setdefault(words, concept)
            by_words[frozenset(w.rstrip("s") for w in words if w not in _STOP)].append(concept)
    pairs: set[tuple[str, str]] = set()
    for group in by_words.values():
        pairs |= {(a.slug, b.slug) for a in group for b in group if a.slug < b.slug}
    for concept, words in names:
        for cut in (len(words) - 1, len(words) - 2):
            shorter = by_phrase.get(words[:cut]) if cut > 0 else None
            if shorter is not None and shorter is not concept and words[0] not in _STOP:
                pairs.add(tuple(sorted((shorter.slug, concept.slug))))
    by_slug = {c.slug: c for c in concepts}
    return [Entry(f"{by_slug[a].title} ↔ {by_slug[b].title}", by_slug[a].cards[0].file, by_slug[a].cards[0].line,
                  a, by_slug[a].cards[0].anchor) for a, b in sorted(pairs)]


def differing_definitions(concepts: list[Concept]) -> list[Entry]:
    entries = []
    for concept in concepts:
        answered = [c for c in concept.cards if c.back.strip()]
        for i, a in enumerate(answered):
            for b in answered[i + 1:]:
                if a.lang == b.lang and _overlap(a, b) < DIFFERENT:
                    entries.append(Entry(f"{concept.title}: {a.file}:{a.line} and {b.file}:{b.line}",
                                         a.file, a.line, concept.slug, a.anchor))
    return entries


_WORD = re.compile(f"[a-z0-9]+|[{CJK_CLASS}]")
_LATIN_WORD = re.compile(r"[a-z0-9]+")


def _words(key: str) -> list[str]:
    return _WORD.findall(key)


def _overlap(a: Card, b: Card) -> float:
    wa, wb = _tokens(a.back), _tokens(b.back)
    return len(wa & wb) / len(wa | wb) if wa and wb else 1.0


@lru_cache(maxsize=1 << 16)  # every rebuild under `mkdocs serve` compares the same answers
def _tokens(markdown: str) -> frozenset[str]:
    text = plain_text(markdown).casefold()
    latin = {w for w in _LATIN_WORD.findall(text) if w not in _STOP and len(w) > 2}
    chinese = CJK.findall(text)
    return frozenset(latin | {a + b for a, b in zip(chinese, chinese[1:])})


# --------------------------------------------------------------------------
# Text rendering for `convert.py --report`


def report_text(sections: list[Section]) -> str:
    lines = ["Quality report", ""]
    for section in sections:
        lines.append(f"{section.title} ({len(section.entries)})")
        lines += [f"  {e.file}:{e.line}  {e.text}" if e.file else f"  {e.text}" for e in section.entries]
        lines.append("")
    return "\n".join(lines)
