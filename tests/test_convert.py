"""The command line and the promises of the generated folder: deterministic,
minimal rewrites, stale pages removed, ids independent of file order."""

import random
import shutil
import subprocess
import sys

from conftest import OPTIONS, ROOT, SEED_CARDS, SOURCES

from cardsite.run.pipeline import convert, read_sources


def tree(folder):
    """The generated files (the converter's dot-file cache is not output)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_help_and_summary(tmp_path):
    run = lambda *a: subprocess.run([sys.executable, str(ROOT / "scripts" / "convert.py"), *a],
                                    capture_output=True, text=True, cwd=tmp_path)
    assert "--sources" in run("--help").stdout and "--out" in run("--help").stdout
    out = run("--sources", str(SOURCES), "--out", str(tmp_path / "docs")).stdout
    assert "deep-learning-anki        anki                 145       0         4" in out
    assert "ml-quizlet-set            quizlet               56       0         1" in out
    assert f"5 decks, {SEED_CARDS} cards" in out and "counter says 55" in out


def test_conversion_is_deterministic_and_rewrites_nothing_unchanged(tmp_path):
    convert(SOURCES, tmp_path / "a", OPTIONS)
    convert(SOURCES, tmp_path / "b", OPTIONS)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "a").rglob("*") if p.is_file() and not p.name.startswith(".")}
    _, stats = convert(SOURCES, tmp_path / "a", OPTIONS)
    assert stats.written == 0 and stats.removed == 0 and stats.unchanged == len(before)
    assert before == {p: p.stat().st_mtime_ns for p in (tmp_path / "a").rglob("*") if p.is_file() and not p.name.startswith(".")}


def test_removed_deck_removes_its_pages_and_hand_written_files_stay(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("hand written")
    convert(sources, docs, OPTIONS)
    (sources / "ml-quizlet-set.txt").unlink()
    _, stats = convert(sources, docs, OPTIONS)
    assert stats.removed > 50 and not (docs / "decks" / "ml-quizlet-set.md").exists()
    assert (docs / "index.md").read_text() == "hand written"


def test_ids_do_not_depend_on_order(tmp_path):
    lines = (SOURCES / "deep-learning-anki.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    random.Random(7).shuffle(lines)
    shuffled = tmp_path / "sources"
    shuffled.mkdir()
    (shuffled / "deep-learning-anki.txt").write_text("".join(lines), encoding="utf-8")
    anki_ids = lambda corpus: sorted(c.id for c in corpus.cards if c.file == "deep-learning-anki.txt")  # noqa: E731
    assert anki_ids(read_sources(shuffled)) == anki_ids(read_sources(SOURCES))


def test_same_front_twice_gets_two_ids(seed_corpus):
    curriculum = [c for c in seed_corpus.cards if c.front == "Curriculum Learning" and c.deck == "misc-ai-python-zh"]
    assert len(curriculum) == 2 and curriculum[0].id != curriculum[1].id


def test_unchanged_sources_write_nothing_again(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    _, first = convert(sources, tmp_path / "docs", OPTIONS)
    again, stats = convert(sources, tmp_path / "docs", OPTIONS)
    assert stats.written == 0 and stats.unchanged == first.written > 250
    assert len(again.cards) == SEED_CARDS
    # the output folder holds the generated files and nothing else (no cache of ours)
    on_disk = [p for p in (tmp_path / "docs").rglob("*") if p.is_file()]
    assert len(on_disk) == first.written and not [p for p in on_disk if p.name.startswith(".")]
    (tmp_path / "docs" / "concepts" / "softmax.md").unlink()  # a page went missing: convert again
    _, stats = convert(sources, tmp_path / "docs", OPTIONS)
    assert stats.written == 1
    text = (sources / "ml-quizlet-set.txt").read_text(encoding="utf-8")
    (sources / "ml-quizlet-set.txt").write_text(text.replace("Standard stochastic", "Plain stochastic"), encoding="utf-8")
    _, stats = convert(sources, tmp_path / "docs", OPTIONS)
    pages = [p for p in stats.changed if p.endswith(".md")]
    assert 0 < len(pages) <= 4, pages  # the card's concept page, its deck page, the quiz and report pages at most
    # besides them only data made from the card: quiz chunks, the exports (its deck, its tags, all cards)
    # and its concept's link preview
    data = [p for p in stats.changed if not p.endswith(".md")]
    assert data and all(p.startswith("quiz/cards/") or p.endswith(("/cards.txt", "/cards.json", "/preview.json"))
                        for p in data), data
    assert len([p for p in data if p.endswith("/preview.json")]) == 1
    assert "decks/ml-quizlet-set/cards.txt" in data and "decks/cards.txt" in data
