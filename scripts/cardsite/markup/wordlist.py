"""How common a word is in its language (wordfreq's lists of English and
Chinese): ordinary words are never auto-linked (cardsite.graph.linking), and rare
words tell what a deck is about (cardsite.graph.concepts, homographs)."""

from __future__ import annotations

import functools
import math
import re

import wordfreq

from .spans import cjk_count

# wordfreq's Zipf scale: 5 is once in 100,000 words ("model", "loss", "answer", "for");
# 4.5 ("defined", "sample") only for a name written in lower case: "Adam" is a name
ORDINARY_ZIPF, ORDINARY_LOWERCASE_ZIPF = 5.0, 4.5


@functools.lru_cache(maxsize=1 << 16)
def ordinary_word(name: str) -> bool:
    """One word its language uses all the time (wordfreq's lists of English
    and Chinese), a single letter or a number: a concept may be named so, but
    a mention of it in other cards is not about it."""
    word = name.strip().casefold()
    if len(word) <= 1 or not any(ch.isalpha() for ch in word):
        return True
    if len(word.split()) > 1:
        return False
    frequencies = _frequencies("zh" if cjk_count(word) else "en")
    zipf = math.log10(frequencies.get(word, 0) * 1e9 or 1)
    return zipf >= ORDINARY_ZIPF or zipf >= ORDINARY_LOWERCASE_ZIPF and name.strip() == word


@functools.lru_cache(maxsize=2)
def _frequencies(language: str) -> dict[str, float]:
    return wordfreq.get_frequency_dict(language)


RARE_ZIPF = 4.5  # below: a word of a field ("gradient", "taxiway", "yank"), not of every text
_WORD = re.compile(r"[A-Za-z][A-Za-z-]{3,}")


@functools.lru_cache(maxsize=1 << 16)  # per card text: kept across `mkdocs serve` rebuilds
def rare_words(text: str) -> frozenset[str]:
    """The uncommon English words of a text: what it is about."""
    frequencies = _frequencies("en")
    return frozenset(w for w in (m.group(0).lower() for m in _WORD.finditer(text))
                     if math.log10(frequencies.get(w, 0) * 1e9 or 1) < RARE_ZIPF)
