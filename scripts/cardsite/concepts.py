"""Cards to concept pages: one concept per distinct (normalised) term or
question. The page model already holds cards of several decks, so merging
across decks only has to change the grouping key."""

from __future__ import annotations

from .model import Card, Concept, normalise, short_hash
from .slugs import slugify

# Slugs that would clash with the generated index of the concepts folder.
RESERVED = {"index"}


def build_concepts(cards: list[Card]) -> list[Concept]:
    groups: dict[str, list[Card]] = {}
    for card in sorted(cards, key=lambda c: (c.file, c.line)):
        groups.setdefault(normalise(card.title), []).append(card)
    wanted: dict[str, list[str]] = {}
    for key, group in groups.items():
        wanted.setdefault(slugify(group[0].title, "concept"), []).append(key)
    concepts = []
    for slug, keys in wanted.items():
        # The smallest key keeps the plain slug, so a slug never depends on
        # the order files were read in.
        for rank, key in enumerate(sorted(keys)):
            unique = slug if rank == 0 and slug not in RESERVED else f"{slug}-{short_hash(key, 6)}"
            concepts.append(Concept(unique, groups[key][0].title, groups[key]))
    return sorted(concepts, key=lambda c: c.slug)
