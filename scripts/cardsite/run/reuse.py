"""What a `mkdocs serve` rebuild takes over from the build before instead of
making it again: one mechanism, cardsite.core.memo.Memo (each pure step's
results by their inputs; what a build does not ask for is forgotten when it
finishes), one memo per step. cardsite.run.buildstate keeps one Reuse for
the process:

  reads        each file's decks, by its name, bytes and the slugs taken
               before it (the pipeline copies them before later steps
               rewrite card fields: pipeline.read_kept)
  formulas     each text's repairs and formulas
  topics       each concept's topic tags
  links        the name matcher while the names stay, and each card's links
  pages        each concept's pages, by everything a page is made from
  card_blocks  deck pages' card blocks
  quiz         quiz items
  exports      export rows

A single build (convert.py, `mkdocs build`) uses NO_REUSE, which keeps nothing."""

from __future__ import annotations

from ..core.memo import Memo, no_memo

STEPS = ("reads", "formulas", "topics", "links", "pages", "card_blocks", "quiz", "exports")


class Reuse:
    def __init__(self) -> None:
        self.reads = self.formulas = self.topics = self.links = no_memo
        self.pages = self.card_blocks = self.quiz = self.exports = no_memo
        for step in STEPS:
            setattr(self, step, Memo())

    def finish(self) -> None:
        """A build is done: the next one takes over from this one."""
        for step in STEPS:
            memo = getattr(self, step)
            if memo is not no_memo:
                memo.finish()


class _NoReuse(Reuse):
    """A single build: every result made, nothing kept."""

    def __init__(self) -> None:
        for step in STEPS:
            setattr(self, step, no_memo)


NO_REUSE = _NoReuse()
