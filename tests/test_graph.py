"""The concept graph: curation, tags, report, redirects and a link check over
the built site."""

import re
import shutil
import subprocess
import sys

from conftest import OPTIONS, ROOT, SEED_CARDS, SOURCES, build, warnings_in

from cardsite.graph.curation import load_curation
from cardsite.site.linkcheck import check_site
from cardsite.run.pipeline import build_site, read_sources
from cardsite.graph.old_names import redirect_map
from cardsite.site.report import build_report


def test_curation_mistakes_are_reported_with_their_line(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "concepts.yml").write_text(
        "- title: Softmax\n  slug: softmax\n"
        "- title: Adam\n  slug: softmax\n"
        "- title: Nothing Like This\n"
        "- title: DiscoGAN\n  merge: [No Such Term]\n  colour: red\n"
        "- title: RGAN\n  slug: Not A Slug\n")
    corpus = read_sources(sources)
    found = sorted((p.line, p.message) for p in corpus.curation_problems)
    assert found == [
        (3, "slug clash: 'softmax' is already pinned on line 1"),
        (5, "no concept is called 'Nothing Like This': nothing to rename or pin"),
        (6, "merge: no concept is called 'No Such Term'"),
        (6, "unknown field(s) colour; known: aliases, merge, separate, slug, title, zh"),
        (9, "slug 'Not A Slug' must be lowercase ASCII words joined by '-' (and not 'index')"),
    ]
    assert len(corpus.cards) == SEED_CARDS  # the site still builds with every card
    assert load_curation("- [unclosed").problems[0].message.startswith("not valid YAML")


def test_separate_takes_a_card_out_of_a_merged_concept(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "concepts.yml").write_text("- title: Adam\n  separate: [Adam Optimizer]\n")
    by_title = {c.title: c for c in read_sources(sources).concepts}
    assert [c.file for c in by_title["Adam"].cards] == ["deep-learning-anki.txt"]
    assert [c.file for c in by_title["Adam Optimizer"].cards] == ["ml-quizlet-set.txt"]


def test_topic_and_deck_tags(seed_corpus):
    by_slug = {c.slug: c for c in seed_corpus.concepts}
    assert {"neural-networks", "probability"} <= set(by_slug["softmax"].topics)
    assert by_slug["softmax"].decks == ["Deep Learning Flashcards", "Deep learning anki", "Ml quizlet set"]
    assert "optimization" in by_slug["adam"].topics and "computer-vision" in by_slug["residual-in-resnet"].tags
    assert by_slug["abstract-expressionism"].topics == []  # the off-topic card


def test_quality_report(seed_corpus, tmp_path):
    sections = {s.title: s.entries for s in build_report(seed_corpus)}
    assert [(e.file, e.line) for e in sections["Questions without an answer"]] == [("deep-learning-anki.txt", 138)]
    assert len(sections["Quotes and notes"]) == 8 + 12
    assert len(sections["Missing media"]) == 5 and len(sections["Math that needed repair"]) == 7  # 5 (…$, 2 braces
    assert any("Curriculum Learning" in e.text and "zh.md:12" in e.text and "zh.md:61" in e.text
               for e in sections["Definitions that differ"])
    assert "Abstract Expressionism" in [e.text for e in sections["Concepts without a topic tag"]]
    assert all(e.slug and e.anchor for e in sections["Questions without an answer"] + sections["Missing media"])
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "convert.py"), "--report", "--out",
                          str(tmp_path / "docs")], capture_output=True, text=True, cwd=ROOT).stdout
    assert "Questions without an answer (1)\n  deep-learning-anki.txt:138  When should you use an L1 over an L2?" in out


def test_the_built_site_has_no_broken_links(seed_site, seed_url, tmp_path):
    assert check_site(seed_site / "site", seed_url) == []
    broken = tmp_path / "site"
    shutil.copytree(seed_site / "site" / "concepts" / "softmax", broken / "concepts" / "softmax")
    (broken / "concepts" / "softmax" / "index.html").write_text(
        '<a href="../gone/">x</a><a href="#nowhere">y</a><a id="here" href="#here">z</a>'
        '<a href="https://example.org/">external</a>')
    (broken / "assets").mkdir()
    (broken / "assets" / "x.css").write_text('a{background:url("data:image/png;base64,AAAA")}'
                                             "@font-face{src:url(fonts/gone.woff2)}")
    assert check_site(broken) == ["concepts/softmax/index.html: ../gone/ (no such file)",
                                  "concepts/softmax/index.html: #nowhere (no #nowhere on that page)",
                                  "assets/x.css: fonts/gone.woff2 (no such file)"]


def test_renames_and_merges_leave_redirects(tmp_path, seed_site):
    """Every concept URL of a site without curation still resolves in the
    seed site, where concepts.yml renames and merges concepts."""
    bare_sources = tmp_path / "bare"
    shutil.copytree(SOURCES, bare_sources)
    (bare_sources / "concepts.yml").unlink()
    # the pages the bare site would publish (each concepts/x.md is /concepts/x/)
    old = {path.split("/")[1].removesuffix(".md") for path in build_site(bare_sources, OPTIONS).files
           if re.fullmatch(r"concepts/[^/]+\.md", path) and path != "concepts/index.md"}
    assert len(old) > 200
    new_site = seed_site / "site" / "concepts"
    moved = redirect_map(read_sources(seed_site / "sources").concepts)
    assert {"softmax-function", "adam-optimizer", "discogan-cyclegan"} <= set(moved) & old
    for slug in sorted(old):
        page = new_site / slug / "index.html"
        assert page.is_file(), f"/concepts/{slug}/ no longer resolves"
        if slug in moved:
            assert f'url=../{moved[slug]}/"' in page.read_text()
            assert (new_site / moved[slug] / "index.html").is_file()
    assert check_site(seed_site / "site") == []


def test_likely_duplicates_are_flagged_when_not_merged(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "concepts.yml").unlink()
    sections = {s.title: s.entries for s in build_report(read_sources(sources))}
    pairs = {e.text for e in sections["Likely duplicates not merged"]}
    assert {"DiscoGAN ↔ DiscoGAN/CycleGAN", "PCA ↔ PCA before GMMs"} <= pairs


def test_a_rebuild_keeps_every_url(seed_site, seed_url):
    # built beside the shared site, not over it: the browser tests serve that one, at its own address
    pages = lambda site: sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))  # noqa: E731
    result = build(seed_site, site="site-again", SITE_URL=seed_url)
    assert result.returncode == 0 and warnings_in(result.stderr) == []
    before, again = pages(seed_site / "site"), pages(seed_site / "site-again")
    assert again == before and len(before) > 300


def test_tag_pages_are_paged():
    from cardsite.cards.model import Card, Concept
    from cardsite.site.indexes import TAG_PAGE, tag_pages, tag_slugs

    concepts = []
    for i in range(2 * TAG_PAGE + 50):
        concept = Concept(f"c{i}", f"Concept {i:04d}", [Card(deck="d", file="f", line=i + 1, kind="term", front="x")])
        concept.topics = ["big tag"]
        concepts.append(concept)
    slugs = tag_slugs(concepts)
    pages = tag_pages(concepts, slugs)
    assert sorted(p for p in pages if p.startswith("tags/big-tag")) == ["tags/big-tag.md", "tags/big-tag/2.md",
                                                                         "tags/big-tag/3.md"]
    assert pages["tags/big-tag/3.md"].count("](../../concepts/") == 50
    assert slugs == {"big tag": "big-tag"}


def test_two_decks_that_would_share_a_title_are_told_apart(tmp_path):
    from cardsite.run.pipeline import read_sources

    (tmp_path / "a.en.md").write_text("# Notes\n\n| Term | Def |\n|---|---|\n| Epoch | one pass |\n| Batch | a subset |\n",
                                      encoding="utf-8")
    (tmp_path / "a.zh.md").write_text("# Notes\n\n1. 轮次：一次遍历\n2. 批次：一个子集\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("# Notes\n\n| Term | Def |\n|---|---|\n| Loss | what we minimise |\n", encoding="utf-8")
    titles = {d.file: d.title for d in read_sources(tmp_path).decks}
    assert titles == {"a.en.md": "Notes (a.en.md)", "a.zh.md": "Notes · 中文", "b.txt": "Notes (b.txt)"}
