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

from dataclasses import dataclass, field, fields

from ..core.memo import Memo, no_memo


@dataclass
class Reuse:
    reads: Memo = field(default_factory=Memo)
    formulas: Memo = field(default_factory=Memo)
    topics: Memo = field(default_factory=Memo)
    links: Memo = field(default_factory=Memo)
    pages: Memo = field(default_factory=Memo)
    card_blocks: Memo = field(default_factory=Memo)
    quiz: Memo = field(default_factory=Memo)
    exports: Memo = field(default_factory=Memo)

    def finish(self) -> None:
        """A build is done: the next one takes over from this one."""
        for step in fields(self):
            memo = getattr(self, step.name)
            if memo is not no_memo:
                memo.finish()


NO_REUSE = Reuse(**{step.name: no_memo for step in fields(Reuse)})  # a single build: nothing kept
