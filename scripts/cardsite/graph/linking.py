"""Cross-links, backlinks and related concepts.

A mention of another concept's name or alias inside a card becomes a link to
that concept: Latin-script names word-bounded and case-insensitive, Chinese
names as plain substrings, longest match first, once per card, never to the
card's own concept, never inside code, math, links, HTML or headings. One
automaton (matching.NameMatcher) holds every name, so linking stays linear
in the size of the corpus however many concepts there are."""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from ..core import urls
from ..core.memo import no_memo
from ..cards.make import WIKILINK, is_question, wikilink_text
from .concepts import concept_key
from .matching import NameMatcher
from ..cards.model import NOTE, Concept, normalise
from ..markup.card_syntax import MISSING_MEDIA
from ..markup.spans import cjk_count, protected
from ..markup.wordlist import ordinary_word

MAX_NAME_WORDS = 6
RELATED_LIMIT = 8
COMMON_TAG_SHARE = 0.05  # a tag on more than this share of concepts says little

# Text a link must never be put into, besides code and math (cardsite.markup.spans).
_NOT_LINKABLE = re.compile(
    MISSING_MEDIA.pattern + "|"  # a file's name
    r"!?\[[^\]\n]*\]\([^)\n]*\)|<[^<>\n]+>"  # links, images, autolinks, HTML
    r"|https?://\S+|^#{1,6}[ \t][^\n]*",  # bare URLs, headings
    re.M,
)
_VERSUS = re.compile(r"^(?P<a>.+?)\s+(?:vs\.?|versus|和)\s+(?P<b>.+?)(?:\s*的区别)?$", re.I)


def link_concepts(concepts: list[Concept], memo=no_memo) -> None:
    """Rewrites card text with links and fills links_out, backlinks and
    related on every concept. memo (cardsite.run.reuse): the name matcher,
    by the names and wiki-link targets, and each card's linked fields and
    the concepts they link to, by its text and that matcher (the same
    object while the names stay: a rebuild links only cards whose text
    changed)."""
    names = tuple((name, c.slug) for c in concepts for name in linkable_names(c))
    targets = _wikilink_targets(concepts)
    matcher = memo(("matcher", names, tuple(targets.items())), lambda: NameMatcher(names))
    by_slug = {c.slug: c for c in concepts}
    together: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # mentioned in one card
    for concept in concepts:
        for card in concept.cards:
            key = (concept.slug, card.front, card.back, card.extra)
            (card.front, card.back, card.extra), slugs = memo((matcher, *key),
                                                              lambda: _linked_card(key, matcher, targets))
            for slug in slugs:
                concept.links_out.add(slug)
                by_slug[slug].backlinks.append((concept.slug, concept.title, card.anchor))
                for other in slugs:
                    if other != slug:
                        together[slug][other] += 1
    _relate(concepts, together)


def _linked_card(key: tuple[str, str, str, str], matcher: NameMatcher, targets: dict[str, str]):
    """A card's fields with links, and the concepts they link to: the wiki
    links its author wrote first, then the names found in its text."""
    own, *fields = key
    linked: set[str] = {own}  # once per card, never to itself
    fields = tuple(_linked(_wikilinked(text, targets, own, linked), matcher, linked) for text in fields)
    return fields, tuple(sorted(linked - {own}))


def _wikilink_targets(concepts: list[Concept]) -> dict[str, str]:
    """Every name of every concept (ordinary words too: a wiki link is
    written on purpose); a name two concepts share is nobody's."""
    found: dict[str, set[str]] = defaultdict(set)
    for c in concepts:
        for name in (c.title, *c.aliases, c.zh_title):
            if name:
                found[normalise(name)].add(c.slug)
    return {name: next(iter(slugs)) for name, slugs in found.items() if len(slugs) == 1}


def _wikilinked(text: str, targets: dict[str, str], own: str, linked: set[str]) -> str:
    """[[Note]], [[Note#Heading]], [[Note|label]] as a link to the concept
    named Note, or as their text when there is none (or it is the card's own)."""
    if "[[" not in text:
        return text
    blocked = protected(text)

    def link(m: re.Match) -> str:
        if any(s <= m.start() < e for s, e in blocked):
            return m.group(0)
        label, slug = wikilink_text(m), targets.get(normalise(m.group(1) or ""))
        if not slug or slug == own:
            return label
        linked.add(slug)
        return f"[{label}]({urls.site_link(urls.concept(slug))})"

    return WIKILINK.sub(link, text)


# --------------------------------------------------------------------------
# Matching


def linkable_names(concept: Concept) -> list[str]:
    if all(c.kind == NOTE for c in concept.cards):
        return []  # a quote's first words are no name
    names = [concept.title, *concept.aliases, concept.zh_title]
    return [n for n in dict.fromkeys(n.strip() for n in names if n) if _is_name(n)]


@functools.lru_cache(maxsize=1 << 16)
def _is_name(name: str) -> bool:
    if ordinary_word(name):
        return False  # "for", "two", "学习": everywhere in text, a link to them means nothing
    cjk = cjk_count(name)
    if cjk:
        return len(name) >= 2 and len(name) <= 20
    words = name.split()
    return (len(name) >= 3 and len(words) <= MAX_NAME_WORDS and any(ch.isalpha() for ch in name)
            and not is_question(name) and not name.endswith((".", ":", ",")))


def _linked(text: str, matcher: NameMatcher, linked: set[str]) -> str:
    if not text or matcher.empty:
        return text
    blocked = protected(text) + [m.span() for m in _NOT_LINKABLE.finditer(text)]
    taken: list[tuple[int, int]] = []  # spans a longer name already covers
    chosen: list[tuple[int, int, str]] = []
    for start, end, slug in sorted(matcher.find(text), key=lambda c: (c[0] - c[1], c[0])):  # longest first
        if any(s < end and start < e for s, e in blocked + taken):
            continue
        taken.append((start, end))  # even unlinked (itself, or linked before), it hides shorter names inside
        if slug not in linked:
            chosen.append((start, end, slug))
            linked.add(slug)
    for start, end, slug in sorted(chosen, reverse=True):
        text = f"{text[:start]}[{text[start:end]}]({urls.site_link(urls.concept(slug))}){text[end:]}"
    return text


# --------------------------------------------------------------------------
# Related


def _relate(concepts: list[Concept], together: dict[str, dict[str, int]]) -> None:
    """Related, each with its reason: X-vs-Y partners first, then concepts
    mentioned together in cards, then concepts sharing rare topic tags. A tag
    every card of a deck carries (a file's front-matter tag) says only that
    they share a deck; what already links here ("Mentioned in") is not
    repeated."""
    by_key = {c.key: c for c in concepts}
    for concept in concepts:
        for name in (concept.title, *concept.aliases):
            if m := _VERSUS.match(name.rstrip("?？ ")):
                for side in (m.group("a"), m.group("b")):
                    partner = by_key.get(concept_key(side))
                    if partner and partner is not concept:
                        _add_related(concept, partner, "compared")
                        _add_related(partner, concept, "compared")
    deck_wide = _deck_wide_tags(concepts)
    members: dict[str, list[Concept]] = defaultdict(list)
    for concept in concepts:
        for tag in (*concept.topics, *concept.source_tags):
            if tag not in deck_wide:
                members[tag].append(concept)
    limit = max(3, int(len(concepts) * COMMON_TAG_SHARE))
    scores: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for tag, group in members.items():
        if 1 < len(group) <= min(limit, 60):
            for a in group:
                for b in group:
                    if a is not b:
                        scores[a.slug][b.slug] += 1 / len(group)
    by_slug = {c.slug: c for c in concepts}
    for concept in concepts:
        mentioned, sharing = together.get(concept.slug), scores.get(concept.slug)
        if not mentioned and not sharing:
            continue
        mentioned_here = {slug for slug, _, _ in concept.backlinks}
        ranked = [(slug, "mentioned together") for slug, _ in
                  sorted((mentioned or {}).items(), key=lambda kv: (-kv[1], kv[0]))]
        ranked += [(slug, "shares tags") for slug, _ in
                   sorted((sharing or {}).items(), key=lambda kv: (-kv[1], kv[0]))]
        for slug, why in ranked:
            if len(concept.related) >= RELATED_LIMIT:
                break
            if slug not in mentioned_here:
                _add_related(concept, by_slug[slug], why)


def _deck_wide_tags(concepts: list[Concept]) -> set[str]:
    """Tags that every card of some deck (of more than one card) carries."""
    cards_of: dict[str, list] = defaultdict(list)
    for concept in concepts:
        for card in concept.cards:
            cards_of[card.deck].append(card)
    wide: set[str] = set()
    for cards in cards_of.values():
        if len(cards) > 1:
            wide |= set.intersection(*(set(c.tags) for c in cards))
    return wide


def _add_related(concept: Concept, other: Concept, why: str) -> None:
    if other.slug not in {slug for slug, _, _ in concept.related}:
        concept.related.append((other.slug, other.title, why))
