"""A `mkdocs serve` rebuild takes over what the build before made
(cardsite.build.reuse): whatever the edit, the site it gives is exactly the site a
fresh build of the same sources gives."""

import gc
import shutil

from conftest import OPTIONS, SOURCES

from cardsite.build.pipeline import build_site
from cardsite.build.reuse import Reuse


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


def test_a_conversion_started_ahead_is_taken_only_for_the_sources_it_read(tmp_path, monkeypatch):
    """`mkdocs serve`: buildstate.build_ahead converts when a file is saved;
    MkDocs' build takes that Site when the sources are still the same, and
    converts again when they changed once more."""
    from cardsite.build import buildstate

    for name, value in [("_current", None), ("_made_from", ""), ("_ahead", None), ("_options", None),
                        ("_built", None), ("serving", True), ("_reuse", Reuse())]:
        monkeypatch.setattr(buildstate, name, value)
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    buildstate.build_ahead(sources)  # nothing to take the options from: no build yet
    assert buildstate._ahead is None
    first, how = buildstate.build(sources, OPTIONS)
    assert how == buildstate.CONVERTED
    assert buildstate.build(sources, OPTIONS) == (first, buildstate.UNCHANGED)
    buildstate.build_ahead(sources)
    assert buildstate._ahead is None  # nothing changed

    EDITS[0][1](sources)
    buildstate.build_ahead(sources)
    ahead = buildstate._ahead[1]
    assert buildstate.current() is first  # the build under way keeps its Site
    assert buildstate.build(sources, OPTIONS) == (ahead, buildstate.AHEAD)
    assert any("label next, as with" in text for text in ahead.files.values())
    assert not any("label next, as with" in text for text in first.files.values())

    EDITS[1][1](sources)
    buildstate.build_ahead(sources)
    EDITS[2][1](sources)  # saved again before MkDocs' build: the Site converted ahead is not that of these sources
    rebuilt, how = buildstate.build(sources, OPTIONS)
    assert how == buildstate.CONVERTED and "extra.txt" in {d.file for d in rebuilt.corpus.decks}
    gc.enable()  # serving paused the collector
