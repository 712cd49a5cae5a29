"""What a `mkdocs serve` rebuild takes over from the build before instead of
making it again (cardsite.run.buildstate keeps one Reuse for the process):

  reads   each file's decks, by the file's bytes: only edited files are read
  links   each card's linked fields, while the concepts' names stay the same
  pages   each concept's page, by everything the page is made from
  memos   pure functions' results by their inputs (formulas checked,
          topics, deck pages' card blocks, quiz items, export rows): see
          cardsite.core.memo

A single build (convert.py, `mkdocs build`) uses NO_REUSE, which keeps nothing.
What is kept is never handed out twice: later steps rewrite card fields, so
a file's decks are kept pickled and every build gets its own."""

from __future__ import annotations

import hashlib
import pickle

from ..graph.linking import LinkMemo
from ..core.memo import Memo, no_memo
from ..site.concept_pages import concept_pages, page_inputs


class Reuse:
    def __init__(self) -> None:
        # what the build before made, and what this one made or took over
        # (finish() swaps them: what a build does not use is forgotten)
        self._reads: dict[tuple, tuple[bytes, set[str]]] = {}  # key → (pickled result, slugs it took)
        self._next_reads: dict[tuple, tuple[bytes, set[str]]] = {}
        self.links = LinkMemo()  # keeps its own, per card
        self.pages, self.card_blocks, self.formulas, self.quiz, self.exports, self.topics = (Memo() for _ in range(6))

    def read_deck(self, read, raw: bytes, rel: str, slug: str, taken: set[str]):
        """read(raw, rel, slug, taken) (pipeline.read_deck), or what it gave
        for the same file, bytes, slug and slugs taken before."""
        key = (rel, slug, hashlib.sha1(raw).digest(), frozenset(taken))
        kept = self._reads.get(key)
        if kept is not None:
            self._next_reads[key] = kept
            taken.update(kept[1])
            return pickle.loads(kept[0])
        before = set(taken)
        result = read(raw, rel, slug, taken)
        self._next_reads[key] = (pickle.dumps(result, pickle.HIGHEST_PROTOCOL), taken - before)
        return result

    def concept_pages(self, concept, rendered, deck_titles, deck_url_of) -> dict[str, str]:
        """writers.concept_pages, or what it gave for the same inputs."""
        return self.pages(page_inputs(concept, rendered, deck_titles, deck_url_of),
                          lambda: concept_pages(concept, rendered, deck_titles, deck_url_of))

    def finish(self) -> None:
        """A build is done: the next one takes over from this one."""
        self._reads, self._next_reads = self._next_reads, {}
        for memo in (self.pages, self.card_blocks, self.formulas, self.quiz, self.exports, self.topics):
            memo.finish()


class _NoReuse(Reuse):
    """A single build: every result made, nothing kept."""

    def __init__(self) -> None:
        self.links = None
        self.pages = self.card_blocks = self.formulas = self.quiz = self.exports = self.topics = no_memo

    def read_deck(self, read, raw: bytes, rel: str, slug: str, taken: set[str]):
        return read(raw, rel, slug, taken)

    def concept_pages(self, concept, rendered, deck_titles, deck_url_of) -> dict[str, str]:
        return concept_pages(concept, rendered, deck_titles, deck_url_of)

    def finish(self) -> None:
        pass


NO_REUSE = _NoReuse()
