"""Generated corpora (scripts/corpus.py, used by the benchmark): every entry of
every format becomes a card, and a GFM table rule with one dash is a table."""

import re
import sys
from collections import Counter

from conftest import ROOT

from cardsite.run.pipeline import read_sources

sys.path.insert(0, str(ROOT / "scripts"))
from corpus import entry_names, write_corpus  # noqa: E402


def test_generated_corpus_loses_nothing(tmp_path):
    expected = write_corpus(tmp_path, 600)  # counted from the files' text, one per entry
    corpus = read_sources(tmp_path)
    assert {d.file: len(d.cards) for d in corpus.decks} == expected
    # each entry's own name ("Adaptive gradient 12") is its card's: the Chinese notes translate the tables
    name = re.compile(r"\b[A-Z][a-z]+ [a-z]+ \d+\b")
    named = Counter(name.findall(c.front)[0] for c in corpus.cards if name.search(c.front))
    assert sum(named.values()) == 600 and set(named) <= set(entry_names(600))
    assert len(named) == 600 - expected["notes-0.zh.md"]
    assert [p for p in corpus.problems if p.severity == "error"] == []
    merged = len(corpus.cards) - len(corpus.concepts)
    assert merged == expected["notes-0.zh.md"]  # each Chinese note joined its English twin
