"""Issue 7 without a browser: the hostile and broken decks of tests/hostile.py
next to the seeds. Each file keeps its cards and reports what is wrong with
file:line; no other deck loses a card; nothing is written outside the output
folders; the strict build stays clean, links hold, pages carry the
Content-Security-Policy, and two builds are byte-identical."""

import filecmp
import re
import shutil
from pathlib import Path

import pytest
from conftest import BUILD_EPOCH, SEED_COUNTS, SOURCES, build, make_project, warnings_in
from hostile import CASES, PATH_TERMS, write_hostile_sources

from cardsite.csp import policy
from cardsite.linkcheck import check_site
from cardsite.model import ERROR
from cardsite.pipeline import convert, read_sources


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    sources = tmp_path_factory.mktemp("sources")
    shutil.copytree(SOURCES, sources, dirs_exist_ok=True)
    write_hostile_sources(sources)
    return read_sources(sources)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_file_keeps_its_cards_and_reports_its_faults(corpus, name):
    case = CASES[name]
    cards = [c for d in corpus.decks if d.file == name for c in d.cards]
    assert len(cards) == case.cards, case.why
    errors = [(p.line, p.message) for p in corpus.problems if p.file == name and p.severity == ERROR]
    assert len(errors) == len(case.errors), errors
    for (line, message), (want_line, words) in zip(sorted(errors), sorted(case.errors)):
        assert line == want_line and words in message, (line, message)
    assert all(c.file == name and c.line >= 1 for c in cards)


def test_no_other_deck_loses_a_card(corpus):
    for name, count in SEED_COUNTS.items():
        assert sum(len(d.cards) for d in corpus.decks if d.file == name) == count


def test_names_like_paths_or_pages_get_their_own_safe_slugs(corpus):
    slug_of = {card.front: c.slug for c in corpus.concepts for card in c.cards if card.file == "hostile/path-terms.txt"}
    slugs = [slug_of[t.replace("\\", "\\\\")] for t in PATH_TERMS]  # fronts are Markdown: \ escaped
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", s) and s != "index" for s in slugs), slugs
    decks = [d.slug for d in corpus.decks]
    assert len(set(decks)) == len(decks) and "index" not in decks  # index.txt is not the deck list


def test_nothing_is_written_outside_the_output_folders(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    write_hostile_sources(sources)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    convert(sources, tmp_path / "docs")
    after = {p for p in tmp_path.rglob("*") if p.is_file()}
    new = sorted(p.relative_to(tmp_path).as_posix() for p in after - set(before))
    assert new and all(p.startswith("docs/") for p in new)
    assert {p: p.read_bytes() for p in before} == before  # sources untouched


def test_strict_build_is_clean_and_links_hold(hostile_site):
    assert warnings_in((hostile_site / "build.log").read_text()) == []
    assert check_site(hostile_site / "site") == []


def test_every_page_carries_the_content_security_policy(hostile_site):
    pages = sorted((hostile_site / "site").rglob("*.html"))
    assert len(pages) > 500
    for page in pages:
        head = page.read_text(encoding="utf-8")[:1500]
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
        assert meta, page
        script_src = re.search(r"script-src ([^;]+)", meta.group(1)).group(1).split()
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert meta.start() < head.find("<script") if "<script" in head else True
    headers = (hostile_site / "site" / "_headers").read_text()
    assert headers.startswith("/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-")
    assert policy().startswith("default-src 'self'; script-src 'self'; style-src")


def _differences(one: Path, two: Path) -> list[str]:
    names = sorted({p.relative_to(one).as_posix() for p in one.rglob("*")}
                   | {p.relative_to(two).as_posix() for p in two.rglob("*")})
    return [n for n in names if not ((one / n).is_dir() and (two / n).is_dir())
            and not ((one / n).is_file() and (two / n).is_file() and filecmp.cmp(one / n, two / n, shallow=False))]


def test_two_builds_are_byte_identical(hostile_site, tmp_path):
    """A fresh copy elsewhere, built again: the same bytes in every file. With
    another build date only MkDocs' own sitemap dates differ."""
    again = make_project(tmp_path / "again")
    write_hostile_sources(again / "sources")
    assert build(again, SOURCE_DATE_EPOCH=BUILD_EPOCH).returncode == 0
    assert _differences(hostile_site / "site", again / "site") == []

    later = str(int(BUILD_EPOCH) + 86_400 * 40)
    assert build(again, site="site-later", SOURCE_DATE_EPOCH=later).returncode == 0
    assert _differences(again / "site", again / "site-later") == ["sitemap.xml", "sitemap.xml.gz"]
    dated = re.compile(r"<lastmod>\d{4}-\d\d-\d\d</lastmod>")
    assert dated.sub("", (again / "site" / "sitemap.xml").read_text()) == dated.sub(
        "", (again / "site-later" / "sitemap.xml").read_text())
