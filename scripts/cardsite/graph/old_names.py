"""Old URLs keep working: every name a concept goes by (its cards' titles,
its aliases, the name it had before a rename in concepts.yml) would have given
a slug of its own; each such slug that no concept uses now points at the
concept. site/redirect_pages.py turns the map into pages."""

from __future__ import annotations

from .concepts import names_of
from ..cards.model import NOTE, Concept
from ..core.slugs import RESERVED, slugify


def redirect_map(concepts: list[Concept]) -> dict[str, str]:
    taken = {c.slug for c in concepts} | RESERVED
    wanted: dict[str, set[str]] = {}
    for concept in concepts:
        names = [concept.title, *concept.aliases]
        names += [n for card in concept.cards if card.kind != NOTE for n in (card.title, names_of(card.title)[0])]
        for name in names:
            old = slugify(name, "")
            if old and old not in taken:
                wanted.setdefault(old, set()).add(concept.slug)
    return {old: next(iter(new)) for old, new in sorted(wanted.items()) if len(new) == 1}
