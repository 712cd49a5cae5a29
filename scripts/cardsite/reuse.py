"""What a `mkdocs serve` rebuild takes over from the build before instead of
making it again (cardsite.buildstate keeps one Reuse for the process):

  reads   each file's decks, by the file's bytes: only edited files are read
  links   each card's linked fields, while the concepts' names stay the same
  pages   each concept's page, by everything the page is made from

A single build (convert.py, `mkdocs build`) passes none and keeps nothing.
What is kept is never handed out twice: later steps rewrite card fields, so
a file's decks are kept pickled and every build gets its own."""

from __future__ import annotations

import hashlib
import pickle

from .linking import LinkMemo


class Reuse:
    def __init__(self) -> None:
        self._reads: dict[str, tuple[tuple, bytes, set[str]]] = {}  # file → (key, pickled result, slugs it took)
        self.links = LinkMemo()
        self.pages: dict[tuple, dict[str, str]] = {}

    def read_deck(self, read, raw: bytes, rel: str, slug: str, taken: set[str]):
        """read(raw, rel, slug, taken) (pipeline.read_deck), or what it gave
        for the same bytes, slug and slugs taken before."""
        key = (slug, hashlib.sha1(raw).digest(), frozenset(taken))
        kept = self._reads.get(rel)
        if kept is not None and kept[0] == key:
            taken.update(kept[2])
            return pickle.loads(kept[1])
        before = set(taken)
        result = read(raw, rel, slug, taken)
        self._reads[rel] = (key, pickle.dumps(result, pickle.HIGHEST_PROTOCOL), taken - before)
        return result

    def keep_only(self, files: set[str]) -> None:
        """Forget the files that are gone."""
        for rel in self._reads.keys() - files:
            del self._reads[rel]
