"""A `mkdocs serve` rebuild takes over what the build before made
(cardsite.reuse): whatever the edit, the site it gives is exactly the site a
fresh build of the same sources gives."""

import shutil

from conftest import OPTIONS, SOURCES

from cardsite.pipeline import build_site
from cardsite.reuse import Reuse


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
