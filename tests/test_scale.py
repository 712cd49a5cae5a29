"""Generated corpora (scripts/corpus.py, used by the benchmark): every entry of
every format becomes a card, and a GFM table rule with one dash is a table."""

import sys

from conftest import ROOT

from cardsite.pipeline import read_sources

sys.path.insert(0, str(ROOT / "scripts"))
from corpus import write_corpus  # noqa: E402


def test_generated_corpus_loses_nothing(tmp_path):
    expected = write_corpus(tmp_path, 600)
    corpus = read_sources(tmp_path)
    assert sum(expected.values()) == 600
    assert {d.file: len(d.cards) for d in corpus.decks} == expected
    assert [p for p in corpus.problems if p.severity == "error"] == []
    merged = len(corpus.cards) - len(corpus.concepts)
    assert merged == expected["notes-0.zh.md"]  # each Chinese note joined its English twin
