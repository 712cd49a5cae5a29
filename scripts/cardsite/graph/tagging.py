"""Topic tags from sources/taxonomy.yml (tag → keywords), plus each concept's
decks. A concept gets a topic when a keyword is in its name or aliases, or
appears at least twice in its cards. All keywords of all tags sit in one
NameMatcher, so tagging is linear in the size of the corpus."""

from __future__ import annotations

from collections import Counter

import yaml

from ..cards.make import plain_text
from .matching import NameMatcher
from ..core.memo import no_memo
from ..cards.model import ERROR, Concept, Deck, Problem
from ..cards.yamlerrors import yaml_problem

FILE = "taxonomy.yml"
HITS_IN_CARDS = 2


def load_taxonomy(text: str | None) -> tuple[dict[str, list[str]], list[Problem]]:
    if not text or not text.strip():
        return {}, []
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return {}, [yaml_problem(exc, FILE)]
    if not isinstance(data, dict):
        return {}, [Problem(FILE, 1, ERROR, "expected 'tag: [keyword, …]' lines")]
    taxonomy, problems = {}, []
    lines = {line.split(":", 1)[0].strip(): n for n, line in enumerate(text.split("\n"), 1) if ":" in line}
    for tag, keywords in data.items():
        keywords = [keywords] if isinstance(keywords, str) else keywords
        if not isinstance(keywords, list) or not all(isinstance(k, (str, int, float)) for k in keywords):
            problems.append(Problem(FILE, lines.get(str(tag), 1), ERROR, f"tag {tag!r}: keywords must be a list"))
            continue
        taxonomy[str(tag)] = [str(k) for k in keywords if str(k).strip()]
    return taxonomy, problems


def tag_concepts(concepts: list[Concept], decks: list[Deck], taxonomy: dict[str, list[str]], memo=no_memo) -> None:
    """memo: each concept's topics by its names and cards' text, kept across
    rebuilds (cardsite.run.reuse)."""
    matcher = NameMatcher(((keyword, tag) for tag, keywords in taxonomy.items() for keyword in keywords),
                          shared_names_match=True)
    vocabulary = repr(sorted(taxonomy.items()))  # in every key: another taxonomy, other topics
    deck_titles = {d.slug: d.title for d in decks}
    for concept in concepts:
        names = " · ".join([concept.title, *concept.aliases, concept.zh_title])
        fields = tuple((c.front, c.back, c.extra) for c in concept.cards)
        concept.topics = list(memo((vocabulary, names, fields), lambda: _topics(matcher, names, fields)))
        concept.decks = sorted({deck_titles[c.deck] for c in concept.cards})


def _topics(matcher: NameMatcher, names: str, fields: tuple[tuple[str, str, str], ...]) -> tuple[str, ...]:
    topics = {tag for _, _, tag in matcher.find(names)}
    text = "\n".join(plain_text("\n".join(f)) for f in fields)
    hits = Counter(tag for _, _, tag in matcher.find(text))
    topics |= {tag for tag, n in hits.items() if n >= HITS_IN_CARDS}
    return tuple(sorted(topics))
