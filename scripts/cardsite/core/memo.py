"""Results kept by their inputs across the rebuilds of `mkdocs serve`
(cardsite.run.reuse owns them); a single build uses no_memo."""

from __future__ import annotations

from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


_MISSING = object()
# Entries a renderer's own cache holds at most (cards' fields, formulas): over
# it, it starts again empty, so `mkdocs serve` sessions of many edits do not
# grow for ever. Above the largest corpus's fields (50,000 cards × 3).
CACHE_LIMIT = 1 << 19


def bounded(cache: dict) -> None:
    """Empty `cache` when it holds more than CACHE_LIMIT entries (call after adding)."""
    if len(cache) > CACHE_LIMIT:
        cache.clear()


class Memo:
    """What a pure function gave for each key, in the build before and in
    this one (a key this build does not ask for is forgotten at finish()).
    Whoever calls it must put into the key everything the result depends on."""

    def __init__(self) -> None:
        self._last: dict = {}
        self._this: dict = {}

    def __call__(self, key: Hashable, make: Callable[[], T]) -> T:
        # the build before first: most keys are found there (a key is a big
        # tuple, hashed once per lookup); None is a result like any other
        found = self._last.pop(key, _MISSING)
        if found is _MISSING:
            found = self._this.get(key, _MISSING)
            if found is _MISSING:
                found = make()
        self._this[key] = found
        return found

    def finish(self) -> None:
        self._last, self._this = self._this, {}


def no_memo(key: Hashable, make: Callable[[], T]) -> T:
    """A single build: every result made, nothing kept."""
    return make()
