"""Find many names in text at once: one Aho–Corasick automaton, so the cost
grows with the text, not with the number of names. Latin-script names match
whole words and ignore case; acronyms whose capitals carry meaning (mAP, RNN)
match only as spelled; Chinese names match anywhere."""

from __future__ import annotations

from typing import Hashable, Iterable

import ahocorasick


class NameMatcher:
    def __init__(self, names: Iterable[tuple[str, Hashable]], shared_names_match: bool = False):
        """names: (name, value) pairs. A name given several values matches
        with each of them if shared_names_match, else (a link can only go
        one way) it is ambiguous and never matches."""
        values: dict[str, set] = {}
        spelled: dict[str, str] = {}
        for name, value in names:
            key = fold(name.strip())
            if key:
                values.setdefault(key, set()).add(value)
                spelled.setdefault(key, name.strip())
        self._automaton = ahocorasick.Automaton()
        for key, found in values.items():
            if len(found) == 1 or shared_names_match:
                name = spelled[key]
                exact = name if is_acronym(name) else ""
                self._automaton.add_word(key, (len(key), sorted(found, key=str), _latin_edges(name), exact))
        self.empty = not len(self._automaton)
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, Hashable]]:
        """Every (start, end, value) match, overlapping ones included."""
        if self.empty or not text:
            return []
        folded = fold(text)
        found = []
        for last, (length, values, (latin_start, latin_end), exact) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if latin_start and start > 0 and _word_char(folded[start - 1]):
                continue
            if latin_end and end < len(folded) and _word_char(folded[end]):
                continue
            if exact and text[start:end] != exact:
                continue
            found += [(start, end, value) for value in values]
        return found


def fold(text: str) -> str:
    """Lower case without changing length, so positions stay valid."""
    lowered = text.lower()
    if len(lowered) == len(text):  # nearly always: no character grew (like İ → i̇)
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def is_acronym(name: str) -> bool:
    """mAP, RNN, PCA: short names whose capitals carry meaning."""
    return len(name) <= 6 and name.isascii() and any(ch.isupper() for ch in name[1:])


def _latin_edges(name: str) -> tuple[bool, bool]:
    return _word_char(name[0]) and name[0].isascii(), _word_char(name[-1]) and name[-1].isascii()


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
