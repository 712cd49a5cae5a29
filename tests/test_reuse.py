"""A `mkdocs serve` rebuild takes over what the build before made
(cardsite.run.reuse): whatever the edit, the site it gives is exactly the site a
fresh build of the same sources gives."""

import gc
import shutil

import pytest

from conftest import OPTIONS, SOURCES

from cardsite.run.pipeline import build_site
from cardsite.run.reuse import Reuse


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = [
    # an answer now mentions another concept: a new link, a new backlink on that concept
    ("an answer", lambda s: _edit(s / "deep-learning-anki.txt", "Decide which images to label next",
                                  "Decide which images to label next, as with Adagrad")),
    # a renamed front: the concept's title, slug and every link to it change
    ("a front", lambda s: _edit(s / "deep-learning-anki.txt", "Active learning?", "Active labelling?")),
    # a new file whose card joins a concept of another deck
    ("a new file", lambda s: (s / "extra.txt").write_text("Adagrad\tAn optimiser with a rate per parameter\n",
                                                            encoding="utf-8")),
    # a formula KaTeX rejects (shown as code, reported) and dollars that are money
    ("a formula", lambda s: _edit(s / "deep-learning-anki.txt", "magnitudes of their gradients.",
                                  r"magnitudes of their gradients: $\notacommand{g}$, for $5 or $10.")),
    ("a curation", lambda s: _edit(s / "concepts.yml", "aliases: [normalized exponential function]",
                                   "aliases: [normalized exponential function, softargmax]")),
    ("a removed file", lambda s: (s / "ml-quizlet-set.txt").unlink()),
]


def test_every_rebuild_is_the_site_a_fresh_build_gives(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    reuse = Reuse()
    before = build_site(sources, OPTIONS, reuse).files
    for what, edit in EDITS:
        edit(sources)
        rebuilt = build_site(sources, OPTIONS, reuse).files
        fresh = build_site(sources, OPTIONS).files
        assert rebuilt.keys() == fresh.keys(), what
        assert [p for p in fresh if rebuilt[p] != fresh[p]] == [], what
        assert rebuilt != before, f"{what} changed nothing: the edit is not what this test means"
        before = rebuilt


def test_a_conversion_started_ahead_is_taken_only_for_the_sources_it_read(tmp_path):
    """`mkdocs serve`: BuildState.build_ahead converts when a file is saved;
    MkDocs' build takes that Site when the sources are still the same, and
    converts again when they changed once more."""
    from cardsite.run.buildstate import AHEAD, CONVERTED, UNCHANGED, BuildState

    state = BuildState(serving=True)
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    try:
        state.build_ahead(sources)  # nothing to take the options from: no build yet
        assert state._ahead is None
        first, how = state.build(sources, OPTIONS)
        assert how == CONVERTED
        assert state.build(sources, OPTIONS) == (first, UNCHANGED)
        state.build_ahead(sources)
        assert state._ahead is None  # nothing changed

        EDITS[0][1](sources)
        state.build_ahead(sources)
        ahead = state._ahead[1]
        assert state.current() is first  # the build under way keeps its Site
        assert state.build(sources, OPTIONS) == (ahead, AHEAD)
        assert any("label next, as with" in text for text in ahead.files.values())
        assert not any("label next, as with" in text for text in first.files.values())

        EDITS[1][1](sources)
        state.build_ahead(sources)
        EDITS[2][1](sources)  # saved again before MkDocs' build: the Site converted ahead is not that of these sources
        rebuilt, how = state.build(sources, OPTIONS)
        assert how == CONVERTED and "extra.txt" in {d.file for d in rebuilt.corpus.decks}
    finally:
        gc.enable()  # serving paused the collector


def test_a_conversion_that_fails_leaves_the_collector_on(tmp_path, monkeypatch):
    """Serving pauses the garbage collector during a conversion; one that
    raises must not leave it off for the rest of the process."""
    from cardsite.run import buildstate

    def fails(*args):
        raise ValueError("a reader's bug")

    monkeypatch.setattr(buildstate, "build_site", fails)
    (tmp_path / "sources").mkdir()
    try:
        with pytest.raises(ValueError):
            buildstate.BuildState(serving=True).build(tmp_path / "sources", OPTIONS)
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_memo_keeps_every_result_none_included():
    from cardsite.core.memo import Memo

    memo, made = Memo(), []
    for _ in range(2):
        assert memo("key", lambda: made.append("made")) is None  # a result that is None
        memo.finish()
    assert made == ["made"]
