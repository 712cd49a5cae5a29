"""Cards to concept pages. Cards whose terms normalise to the same key share a
page, whatever deck they come from; sources/concepts.yml (see curation.py)
merges, separates, renames and pins what normalisation cannot know."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

from ..cards.model import NOTE, Card, Concept, normalise
from ..core.slugs import allocate, slugify
from ..markup.wordlist import rare_words

# Slugs that would clash with the generated index of the concepts folder.
# Words that name the kind of thing, not the thing: "Softmax Function" is Softmax.
GENERIC_SUFFIXES = ("activation function", "function", "activation", "optimizer", "optimiser", "algorithm",
                    "keyword", "module")
_PARENTHETICAL = re.compile(r"^(?P<name>.+?)\s*[(（](?P<alt>[^()（）]+)[)）]$")
# "CTC - Connectionist Temporal Classification": an acronym and its expansion.
# ("Tensor Sizes - PyTorch" or "EM Algorithm — E-step" are not.)
_SUBTITLE = re.compile(r"^(?P<name>[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*)\s+[-–—]+\s+(?P<alt>[A-Za-z][\w -]+)$")
_SHORT = 8  # words: longer titles are sentences, not names


@functools.lru_cache(maxsize=1 << 16)  # asked for every card several times per build
def names_of(title: str) -> tuple[str, tuple[str, ...]]:
    """(the name a title is about, other names it gives). "Cross-Entropy Loss
    (log loss)" → ("Cross-Entropy Loss", ("log loss",))."""
    name = title.strip().rstrip("?？").strip()
    if len(name.split()) > _SHORT:
        return name, ()
    for pattern in (_PARENTHETICAL, _SUBTITLE):
        if m := pattern.match(name):
            main, alt = m.group("name").strip(), m.group("alt").strip()
            return main, (alt,) if is_alias(main, alt) else ()
    return name, ()


def is_alias(name: str, alt: str) -> bool:
    """"NLL" for "Negative Log Likelihood", "log loss" for "Cross-Entropy
    Loss": an acronym of the other, or a shared word. "(CNNs)" after
    "Transfer Learning" or "(e.g. XGBoost)" is context, not a name."""
    def initials(text: str) -> str:
        return "".join(w[0] for w in re.findall(r"[A-Za-z]+", text)).lower()

    def acronym(text: str) -> str:
        return re.sub(r"s$", "", text.replace(".", "")).lower() if len(text.split()) == 1 else ""

    if acronym(alt) and acronym(alt) == initials(name) or acronym(name) and acronym(name) == initials(alt):
        return True
    words = lambda t: {w.lower() for w in re.findall(r"[A-Za-z]{3,}", t)}  # noqa: E731
    return bool(words(name) & words(alt)) and not alt.lower().startswith(("e.g", "i.e", "for example"))


@functools.lru_cache(maxsize=1 << 16)
def concept_key(title: str) -> str:
    name = normalise(names_of(title)[0])
    for suffix in GENERIC_SUFFIXES:
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1].strip()
    return name


def card_key(card: Card) -> str:
    """Notes and quotes are their own concept: their text is no name."""
    return normalise(card.title) if card.kind == NOTE else concept_key(card.title)


def build_concepts(cards: list[Card], curation=None, same_as: dict[int, Card] | None = None) -> list[Concept]:
    """same_as: {id(card): card it is the same entry as} (aligned translations)."""
    same_as = same_as or {}
    groups: dict[str, list[Card]] = {}
    for card in sorted(cards, key=lambda c: (c.file, c.line)):
        groups.setdefault(card_key(same_as.get(id(card), card)), []).append(card)
    groups = homographs_apart(groups)
    if curation is not None:
        groups = curation.regroup(groups)
    drafts = [(key, display_title(group, curation, key), group) for key, group in groups.items()]
    return _with_slugs(drafts, curation)


SHARED_VOCABULARY = 0.05  # Jaccard of two decks' uncommon words: above, they are about the same field
HOMOGRAPH = "\x1f"  # in a concept key: the same name as the key before it, about something else


def homographs_apart(groups: dict[str, list[Card]]) -> dict[str, list[Card]]:
    """One name in decks about different things is two things (vim's `cat`
    and aviation's "CAT – Clear Air Turbulence", vim's `i` and the Polish
    word "i"): its cards stay apart, one concept per set of related decks —
    decks from one file, or whose uncommon words overlap (cardsite.markup.wordlist),
    directly or through another deck. The first set keeps the plain key."""
    cards_of: dict[str, list[Card]] = defaultdict(list)
    for group in groups.values():
        for card in group:
            cards_of[card.deck].append(card)
    vocabulary: dict[str, frozenset[str]] = {}
    related: dict[tuple[str, str], bool] = {}

    def words(deck: str) -> frozenset[str]:
        if deck not in vocabulary:
            vocabulary[deck] = frozenset().union(*(rare_words(f"{c.front}\n{c.back}\n{c.extra}")
                                                   for c in cards_of[deck]))
        return vocabulary[deck]

    def same_field(a: str, b: str) -> bool:
        pair = (a, b) if a < b else (b, a)
        if pair not in related:
            shared, either = len(words(a) & words(b)), len(words(a) | words(b))
            related[pair] = cards_of[a][0].file == cards_of[b][0].file or (
                either > 0 and shared / either >= SHARED_VOCABULARY)
        return related[pair]

    out: dict[str, list[Card]] = {}
    for key, group in groups.items():
        decks = list(dict.fromkeys(c.deck for c in group))
        if len(decks) == 1:
            out[key] = group
            continue
        root = {d: d for d in decks}

        def find(d: str) -> str:
            while root[d] != d:
                d = root[d]
            return d

        for i, a in enumerate(decks):
            for b in decks[i + 1:]:
                if find(a) != find(b) and same_field(a, b):
                    root[find(b)] = find(a)
        sets = list(dict.fromkeys(find(d) for d in decks))
        for n, top in enumerate(sets):
            members = [c for c in group if find(c.deck) == top]
            out[key if n == 0 else f"{key}{HOMOGRAPH}{members[0].deck}"] = members
    return out


def display_title(cards: list[Card], curation, key: str) -> str:
    """A curated title, else the name most cards use; ties go to a term's
    name over a question's, then to the shorter."""
    if curation is not None and (title := curation.title_for(key)):
        return title
    names = Counter(names_of(c.title)[0] for c in cards)
    rank = {}  # per name: its best card — a term before a note, English before Chinese, then not a question
    for c in cards:
        name = names_of(c.title)[0]
        key = (c.kind == NOTE, c.lang != "en", c.title.rstrip().endswith(("?", "？")))
        rank[name] = min(rank.get(name, key), key)
    return min(names, key=lambda n: (rank[n][0], -names[n], rank[n][1:], len(n), n))


def aliases_of(concept: Concept, extra=()) -> list[str]:
    """Every other name the concept goes by, for links and search."""
    found: list[str] = []
    for card in concept.cards:
        name, alts = names_of(card.title)
        found += [name, *alts] if card.kind != NOTE else []
    found += list(extra)
    same = lambda name: normalise(name).rstrip("?？ ")  # noqa: E731
    seen, out = {same(concept.title)}, []
    for name in (n.strip().rstrip("?？").strip() for n in found):
        if name and same(name) not in seen:
            seen.add(same(name))
            out.append(name)
    return out


def _with_slugs(drafts, curation) -> list[Concept]:
    pinned = {} if curation is None else curation.pinned_slugs()
    # a pinned key keeps its slug before any other key wanting it (slugs.allocate)
    slugs = allocate({key: pinned.get(key) or slugify(title, "concept") for key, title, _ in drafts},
                     first=lambda key: key not in pinned)
    concepts = []
    for key, title, group in drafts:
        concept = Concept(slugs[key], title, group, key=key)
        concept.aliases = aliases_of(concept, curation.aliases_for(key) if curation else ())
        concepts.append(concept)
    return sorted(concepts, key=lambda c: c.slug)
