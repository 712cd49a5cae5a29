"""English and Chinese, side by side.

1. Decks that are the same notes in two languages (same title, one English,
   one Chinese) are aligned entry by entry. Evidence for a pair: the same term,
   Latin words both share (code, names, formulas), and terms of the curated
   terminology found on both sides. Pairs are taken best first, and only when
   they keep the order of the English section they sit in, since an exporter
   may regroup entries into sections but keeps their order. Aligned Chinese
   cards join the English card's concept page.
2. Every concept gets its Chinese term: from concepts.yml, else from the
   aligned Chinese notes, else from sources/terminology.yml (marked as such).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

import yaml

from ..cards.make import plain_summary, plain_text
from .concepts import card_key, concept_key, names_of
from .matching import NameMatcher
from ..cards.model import ERROR, NOTE, TERM, Card, Concept, Deck, Problem, normalise
from ..markup.spans import CJK, CJK_CLASS
from ..cards.yamlerrors import yaml_problem

FILE = "terminology.yml"
MIN_EVIDENCE = 2
COMMON = 30  # a signal shared by more entries than this says nothing about a pair
_LATIN = re.compile(r"[a-z][a-z0-9_.+\-]*[a-z0-9]|[a-z]")
_STOP = {"the", "and", "for", "are", "with", "that", "this", "from", "into", "not", "but", "use", "used", "each",
         "one", "two", "can", "its", "all", "e.g", "etc", "vs", "of", "to", "in", "is", "a", "an", "or", "on", "by"}


@dataclass
class Alignment:
    pairs: list[tuple[Card, Card]] = field(default_factory=list)  # (english, chinese)
    problems: list[Problem] = field(default_factory=list)


# --------------------------------------------------------------------------
# Terminology


def load_terminology(text: str | None) -> tuple[dict[str, str], list[Problem]]:
    """{concept key: Chinese term} from `English term: 中文术语` lines."""
    if not text or not text.strip():
        return {}, []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return {}, [yaml_problem(exc, FILE)]
    if not isinstance(root, yaml.MappingNode):
        return {}, [Problem(FILE, 1, ERROR, "expected 'English term: 中文术语' lines")]
    terms, problems = {}, []
    for key_node, value_node in root.value:
        key, value = str(key_node.value), value_node.value
        if not isinstance(value_node, yaml.ScalarNode) or not CJK.search(str(value)):
            problems.append(Problem(FILE, key_node.start_mark.line + 1, ERROR,
                                    f"{key!r}: the Chinese term must be Chinese text"))
            continue
        terms[concept_key(key)] = str(value).strip()
    return terms, problems


# --------------------------------------------------------------------------
# Aligning two decks


def translation_pairs(decks: list[Deck]) -> list[tuple[Deck, Deck]]:
    by_title: dict[str, list[Deck]] = defaultdict(list)
    for deck in decks:
        by_title[normalise(deck.title)].append(deck)
    pairs = []
    for group in by_title.values():
        english = [d for d in group if d.lang == "en"]
        chinese = [d for d in group if d.lang == "zh"]
        if len(english) == 1 and len(chinese) == 1:
            pairs.append((english[0], chinese[0]))
    return pairs


def align(english: Deck, chinese: Deck, terminology: dict[str, str]) -> Alignment:
    lexicon = _lexicon(terminology)
    en_signals = [_signals(c, lexicon, "en") for c in english.cards]
    zh_signals = [_signals(c, lexicon, "zh") for c in chinese.cards]
    holders: dict[str, list[int]] = defaultdict(list)
    for z, signals in enumerate(zh_signals):
        for s in signals:
            holders[s].append(z)
    scores: dict[tuple[int, int], float] = defaultdict(float)
    for e, signals in enumerate(en_signals):
        for s in signals:
            if len(holders[s]) <= COMMON:
                for z in holders[s]:
                    scores[(e, z)] += 10 if s.startswith("key:") else 2 if s.startswith("term:") else 1
    section = [c.tags[-1] if c.tags else "" for c in english.cards]
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    # the pairs chosen in each section, by English position: they never
    # cross, so their Chinese positions are in order too
    in_section: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (e, z), score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if score < MIN_EVIDENCE or e in chosen or z in taken:
            continue
        pairs = in_section[section[e]]
        at = bisect.bisect(pairs, (e, z))
        if (at and pairs[at - 1][1] > z) or (at < len(pairs) and pairs[at][1] < z):
            continue  # would cross an earlier pair of the same section
        pairs.insert(at, (e, z))
        chosen[e] = z
        taken.add(z)
    result = Alignment([(english.cards[e], chinese.cards[z]) for e, z in sorted(chosen.items())])
    for z, card in enumerate(chinese.cards):
        if z not in taken:
            result.problems.append(Problem(card.file, card.line, "warning",
                                           f"no counterpart in {english.file}: kept on its own (“{card.title[:40]}”)"))
    for e, card in enumerate(english.cards):
        if e not in chosen:
            result.problems.append(Problem(card.file, card.line, "warning",
                                           f"no counterpart in {chinese.file}: kept on its own (“{card.title[:40]}”)"))
    return result


def _lexicon(terminology: dict[str, str]) -> tuple[NameMatcher, NameMatcher]:
    english = NameMatcher(((key, f"term:{key}") for key in terminology), shared_names_match=True)
    chinese = NameMatcher(((zh, f"term:{key}") for key, zh in terminology.items()), shared_names_match=True)
    return english, chinese


def _signals(card: Card, lexicon: tuple[NameMatcher, NameMatcher], lang: str) -> set[str]:
    text = plain_text(f"{card.front}\n{card.back}\n{card.extra}")
    signals = {f"key:{card_key(card)}"} if card.kind != NOTE else set()
    signals |= {f"w:{w}" for w in _LATIN.findall(text.casefold()) if w not in _STOP and len(w) > 2}
    matcher = lexicon[0] if lang == "en" else lexicon[1]
    signals |= {value for _, _, value in matcher.find(text)}
    return signals


# --------------------------------------------------------------------------
# Chinese terms and definitions for concepts


def chinese_term_of(card: Card) -> str:
    """The Chinese name a Chinese card gives its subject, if it gives one:
    its term when that is Chinese, or a short phrase opening its text
    ("伪任务，…", "数据流是…")."""
    name = names_of(card.title)[0]
    if card.kind != NOTE and CJK.search(name):
        return name
    text = plain_text(card.back if card.kind == TERM else card.front)
    m = re.match(f"^([{CJK_CLASS}]{{2,6}})(?:是|，|,|：|:)", text)
    return m.group(1) if m else ""


def lookup(terminology: dict[str, str], key: str) -> str:
    """The entry for a concept key; a title shortened with "…" matches the
    entry it is the start of."""
    if key in terminology:
        return terminology[key]
    if key.endswith(("…", "...")):  # NFKC turns … into ...
        keys = _sorted_keys(terminology)
        start = key.rstrip(".…").rstrip()
        i = bisect.bisect_left(keys, start)
        if i < len(keys) and keys[i].startswith(start):
            return terminology[keys[i]]
    return ""


@functools.lru_cache(maxsize=4)
def _sorted_keys_cached(items: tuple) -> list[str]:
    return sorted(k for k, _ in items)


def _sorted_keys(terminology: dict[str, str]) -> list[str]:
    return _sorted_keys_cached(tuple(terminology.items()))


def assign_chinese(concepts: list[Concept], aligned: list[tuple[Card, Card]], terminology: dict[str, str],
                   curated: dict[str, str]) -> None:
    from_notes = {id(en): zh for en, zh in aligned}
    for concept in concepts:
        zh_cards = [from_notes[id(c)] for c in concept.cards if id(c) in from_notes]
        zh_cards += [c for c in concept.cards if c.lang == "zh" and c not in zh_cards]
        noted = next((t for t in map(chinese_term_of, zh_cards) if t), "")
        listed = next((t for k in [concept.key, *map(concept_key, concept.aliases)] if (t := lookup(terminology, k))), "")
        for term, source in ((curated.get(concept.key, ""), "concepts.yml"), (noted, "notes"), (listed, "terminology")):
            if term:
                concept.zh_title, concept.zh_source = term, source
                break
        definition = next((c for c in zh_cards if (c.back if c.kind == TERM else c.front).strip()), None)
        if definition is not None:
            concept.zh_definition = plain_summary(definition.back if definition.kind == TERM else definition.front, 160)
