"""Issue 7 without a browser: the hostile and broken decks of tests/hostile.py
next to the seeds. Each file keeps its cards and reports what is wrong with
file:line; no other deck loses a card; nothing is written outside the output
folders; the strict build stays clean, links hold, pages carry the
Content-Security-Policy, and two builds are byte-identical."""

import filecmp
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import BUILD_EPOCH, SEED_COUNTS, SOURCES, build, make_project, seed_files, warnings_in, OPTIONS
from hostile import CASES, PATH_TERMS, runnable_markup, write_hostile_sources

from cardsite.site.csp import inline_scripts, policy_of_site, script_hash
from cardsite.site.linkcheck import check_site
from cardsite.cards.model import ERROR
from cardsite.run.pipeline import convert, read_sources
from cardsite.site.files import write_tree


# one worker runs this file: its module fixture converts everything once (xdist loadgroup)
pytestmark = pytest.mark.xdist_group("hostile")

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
    convert(sources, tmp_path / "docs", OPTIONS)
    after = {p for p in tmp_path.rglob("*") if p.is_file()}
    new = sorted(p.relative_to(tmp_path).as_posix() for p in after - set(before))
    assert new and all(p.startswith("docs/") for p in new)
    assert {p: p.read_bytes() for p in before} == before  # sources untouched


def test_strict_build_is_clean_and_links_hold(hostile_site):
    assert warnings_in((hostile_site / "build.log").read_text()) == []
    assert check_site(hostile_site / "site") == []


def test_no_page_or_data_file_holds_anything_that_runs(hostile_site):
    """The static scan, without a browser: every generated page (every kind,
    every deck), every quiz card the browser turns into markup."""
    site = hostile_site / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 500
    found = {p.relative_to(site).as_posix(): f for p in pages if (f := runnable_markup(p.read_text(encoding="utf-8")))}
    assert found == {}
    items = [i for f in (site / "quiz" / "cards").glob("[0-9]*.json") for i in json.loads(f.read_text())["cards"]]
    assert len(items) > 300
    assert [(i["id"], d) for i in items for field in ("front", "back")
            for d in runnable_markup(f"<article>{i[field]}</article>")] == []  # as quiz.js shows it: content
    # issue 25's two lines: the glossary shows the text as text
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    row = re.search(r"<tr>(?:(?!</tr>).)*Glossary probe.*?</tr>", glossary, re.S).group(0)
    assert "&lt;img src=x onerror=alert(1)&gt;" in row and "<img" not in row, row


def test_the_policy_allows_the_theme_scripts_and_nothing_else(hostile_site):
    """_headers names every inline script the pages run outside their content,
    and no script-src escape hatch (compiling WebAssembly runs no script)."""
    site = hostile_site / "site"
    policy = policy_of_site(site)
    script_src = re.search(r"script-src ([^;]+)", policy).group(1).split()
    # WebAssembly (the quiz's optimiser) may compile; no 'unsafe-eval', no 'unsafe-inline', no other source
    assert script_src[:2] == ["'self'", "'wasm-unsafe-eval'"] and all(s.startswith("'sha256-") for s in script_src[2:])
    assert len(script_src) < 12  # the theme's few scripts, not one per page
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        start = text.find('<article class="md-content__inner')
        content = (start, text.find("</article>", start)) if start >= 0 else None
        assert {f"'{script_hash(b)}'" for b in inline_scripts(text, outside=content)} <= set(script_src), page


def test_every_page_carries_the_policy_before_any_script(tmp_path):
    # every kind of page, from one deck: the policy does not depend on the cards
    project = make_project(tmp_path, seed_files(tmp_path / "sources", "deep-learning-flashcards.md"))
    assert build(project).returncode == 0
    site = project / "site"
    header = policy_of_site(site)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 30  # concept, deck, tag, glossary, quiz, report, 404 pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert meta, page
        assert "<script" not in text[:meta.start()], page  # a policy after a script does not cover it
        meta_directives = dict(d.strip().split(" ", 1) for d in meta.group(1).split(";"))
        assert "frame-ancestors" not in meta_directives  # ignored in a <meta>: the header carries it
        assert meta_directives["object-src"] == "'none'" and meta_directives["base-uri"] == "'self'"
        assert set(meta_directives["script-src"].split()) <= set(header.split("script-src ", 1)[1].split(";")[0].split())
    assert "frame-ancestors 'self'" in header


def _differences(one: Path, two: Path) -> list[str]:
    names = sorted({p.relative_to(one).as_posix() for p in one.rglob("*")}
                   | {p.relative_to(two).as_posix() for p in two.rglob("*")})
    return [n for n in names if not ((one / n).is_dir() and (two / n).is_dir())
            and not ((one / n).is_file() and (two / n).is_file() and filecmp.cmp(one / n, two / n, shallow=False))]


def test_two_builds_are_byte_identical(hostile_site, tmp_path):
    """A fresh copy elsewhere, built again 40 days later: the same bytes in
    every file but MkDocs' own sitemap, which differs only in its dates."""
    again = make_project(tmp_path / "again")
    write_hostile_sources(again / "sources")
    later = str(int(BUILD_EPOCH) + 86_400 * 40)
    assert build(again, SOURCE_DATE_EPOCH=later).returncode == 0
    assert _differences(hostile_site / "site", again / "site") == ["sitemap.xml", "sitemap.xml.gz"]
    dated = re.compile(r"<lastmod>(\d{4}-\d\d-\d\d)</lastmod>")
    before, after = (hostile_site / "site" / "sitemap.xml").read_text(), (again / "site" / "sitemap.xml").read_text()
    assert dated.sub("", before) == dated.sub("", after)
    assert set(dated.findall(before)) == {"2026-01-01"} and set(dated.findall(after)) == {"2026-02-10"}


@pytest.mark.parametrize("rel", ["../x.md", "concepts/../../x.md", "/etc/passwd", "concepts//x.md", "concepts/./x.md",
                                 "sources/x.md", "concepts/..", "concepts\\..\\..\\x.md", "x.md"])
def test_the_writer_refuses_any_path_outside_its_folders(tmp_path, rel):
    with pytest.raises(ValueError, match="refusing to write"):
        write_tree(tmp_path / "docs", {rel: "x"})
    assert list(tmp_path.rglob("*")) == []
