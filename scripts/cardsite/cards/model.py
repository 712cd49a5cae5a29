"""Plain data: what readers produce and writers consume. No I/O here."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from ..core.slugs import short_hash

# Card kinds: every source entry is exactly one of these.
QUESTION = "question"  # a question with an answer
TERM = "term"  # a term with its definition
NOTE = "note"  # a note or quote: nothing to answer
UNANSWERED = "unanswered"  # a question nobody answered yet
CLOZE = "cloze"  # a text with deletions to recall (Anki's cloze): one quiz item per deletion number
KINDS = (QUESTION, TERM, NOTE, UNANSWERED, CLOZE)

# Problem severities: errors are broken input, warnings are content to look at,
# info is a repair the converter made on the user's behalf.
ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{self.severity.upper()} {where}: {self.message}"


@dataclass(eq=False)  # a card is itself: two entries may hold the same text, even the same GUID
class Card:
    """One source entry. `front`/`back`/`extra` are safe Markdown."""

    deck: str  # deck slug
    file: str  # source path relative to the sources folder
    line: int  # 1-based line where the entry starts
    kind: str
    front: str
    back: str = ""
    extra: str = ""
    attribution: str = ""
    tags: tuple[str, ...] = ()
    media: tuple[str, ...] = ()  # file names the card refers to
    guid: str = ""  # the exporter's own id, when it has one
    subdeck: str = ""  # a deck named inside the file (Anki's deck column)
    id: str = ""  # filled in by assign_ids()
    lang: str = "en"
    title: str = ""  # plain-text front, used for the concept
    reversible: bool = False  # also asked back → front (Anki's reversed card)

    @property
    def has_answer(self) -> bool:
        return self.kind in (QUESTION, TERM, CLOZE)

    @property
    def anchor(self) -> str:
        """A URL-fragment-safe form of the id."""
        return _anchor(self.id)


_FRAGMENT_SAFE = re.compile(r"[A-Za-z0-9_-]+")


@functools.lru_cache(maxsize=1 << 17)  # asked for on every page that shows or links the card
def _anchor(card_id: str) -> str:
    return card_id if _FRAGMENT_SAFE.fullmatch(card_id) else "g" + short_hash(card_id)


class ByCard(dict):
    """Something about each card, looked up by the card itself (a card is
    equal only to itself: two cards may share an id, the same GUID in two
    files)."""


@dataclass
class Deck:
    slug: str
    title: str
    file: str
    format: str  # the reader that recognised it
    cards: list[Card] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    lang: str = "en"
    about: str = ""  # Markdown: what the file says of itself before its first entry


@dataclass
class Concept:
    """A page: every card about one term. Merging across decks comes later;
    the model already holds several cards from several decks."""

    slug: str
    title: str
    cards: list[Card] = field(default_factory=list)
    key: str = ""  # the normalised name cards were grouped by
    aliases: list[str] = field(default_factory=list)
    zh_title: str = ""
    zh_source: str = ""  # where zh_title comes from: concepts.yml, notes or terminology
    zh_definition: str = ""  # one line, from aligned Chinese notes
    topics: list[str] = field(default_factory=list)  # from taxonomy.yml
    decks: list[str] = field(default_factory=list)  # titles of the decks its cards come from
    links_out: set[str] = field(default_factory=set)  # slugs this concept's cards link to
    backlinks: list[tuple[str, str, str]] = field(default_factory=list)  # (slug, title, card anchor)
    related: list[tuple[str, str, str]] = field(default_factory=list)  # (slug, title, why)

    @property
    def source_tags(self) -> list[str]:
        """Tags the sources gave: front matter, sections, Anki tags."""
        return sorted({t for c in self.cards for t in c.tags})

    @property
    def tags(self) -> list[str]:
        """Everything the page is tagged with: topics, source tags, decks."""
        return list(dict.fromkeys([*self.topics, *self.source_tags, *self.decks]))


@dataclass
class Corpus:
    decks: list[Deck]
    concepts: list[Concept]
    unrecognised: list[Problem]
    media: dict[str, str | bytes] = field(default_factory=dict)  # name -> path in sources/, or a package's file
    curation_problems: list[Problem] = field(default_factory=list)

    @property
    def cards(self) -> list[Card]:
        return [c for d in self.decks for c in d.cards]

    @property
    def problems(self) -> list[Problem]:
        return sorted(self.unrecognised + self.curation_problems + [p for d in self.decks for p in d.problems])


# --------------------------------------------------------------------------
# Identity helpers


@functools.lru_cache(maxsize=1 << 17)  # every name is compared many times over
def normalise(text: str) -> str:
    """Case, width and spacing folded: what makes two fronts 'the same'."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", text).strip()


_SPACES = re.compile(r"\s+")


def assign_ids(cards: list[Card]) -> None:
    """Stable ids: the exporter's GUID, else a hash of deck + front. Entries with
    the same front get the back mixed in; only exact twins fall back to their
    rank among twins, which is the best an id without a GUID can do."""
    def key(c: Card, *parts: str) -> str:
        return short_hash("\x1f".join((c.deck, *map(normalise, parts))))

    by_front: dict[str, list[Card]] = {}
    for card in cards:
        if card.guid:
            card.id = card.guid
        else:
            by_front.setdefault(key(card, card.front), []).append(card)
    for front_id, group in by_front.items():
        if len(group) == 1:
            group[0].id = front_id
            continue
        seen: dict[str, int] = {}
        for card in group:
            full = key(card, card.front, card.back, card.extra)
            seen[full] = seen.get(full, 0) + 1
            card.id = full if seen[full] == 1 else f"{full}-{seen[full]}"
