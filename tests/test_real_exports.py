"""The real exports of ../shared/real-exports (never copied into the
repository) next to the seeds: what a user's sources folder looks like.
Every generated page stays bounded however many problems or mentions pile
up. CI has ../shared beside the clone; a local checkout without it skips."""

import html
import json
import os
import re
import shutil

import pytest
from conftest import OPTIONS, ROOT, SOURCES

from cardsite.cards.make import plain_text
from cardsite.markup.katex import typeset
from cardsite.graph.linking import ordinary_word
from cardsite.run.pipeline import build_site

REAL = ROOT.parent / "shared" / "real-exports"
PAGE_LIMIT = 250_000  # bytes of a page's Markdown with its math typeset: with the theme, under 300 KB of HTML


# one worker runs this file: its module fixture converts everything once (xdist loadgroup)
pytestmark = pytest.mark.xdist_group("real-exports")

@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    if not REAL.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{REAL} is missing: CI has ../shared beside the clone")
        pytest.skip("no ../shared/real-exports here")
    sources = tmp_path_factory.mktemp("real") / "sources"
    shutil.copytree(SOURCES, sources)
    for path in REAL.iterdir():
        shutil.copy(path, sources / path.name)
    return build_site(sources, OPTIONS)


def test_no_generated_page_grows_with_the_corpus(real_site):
    pages = {path: len(typeset(text).encode("utf-8")) for path, text in real_site.files.items() if path.endswith(".md")}
    too_big = {path: size for path, size in pages.items() if size > PAGE_LIMIT}
    assert too_big == {} and len(pages) > 5000, sorted(too_big.items(), key=lambda kv: -kv[1])[:5]


def test_long_lists_link_to_their_paged_whole(real_site):
    decks = real_site.files["decks/index.md"]
    problems = sum(p.severity != "info" for p in real_site.corpus.problems)
    if problems > 100:  # the deck list shows the first ones and points to the report
        assert "more, all in the quality report" in decks
    report = real_site.files["report/index.md"]
    paged = [path for path in real_site.files if path.startswith("report/") and path != "report/index.md"]
    for path in paged:
        assert path.endswith(".md") and "Quality report" in real_site.files[path]
    assert ("more: [all" in report) == bool(paged)
    crowded = [c for c in real_site.corpus.concepts if len({s for s, _, _ in c.backlinks}) > 50]
    for concept in crowded:
        page = real_site.files[f"concepts/{concept.slug}.md"]
        assert f"]({concept.slug}/mentioned.md)" in page
        assert f"concepts/{concept.slug}/mentioned.md" in real_site.files


def test_no_anki_markup_reaches_a_page_and_mixed_note_types_are_no_error(real_site):
    pages = {path: text for path, text in real_site.files.items() if path.endswith(".md")}
    for raw in ("[sound:", "[$]", "[/$]", "[$$]", "[latex]"):
        assert not [path for path, text in pages.items() if raw in text], raw
    assert not [path for path, text in pages.items() if re.search(r"\{\{c\d+::", text)]
    mixed = [p for p in real_site.corpus.problems if p.file == "oldanki-kinesiology-mixed.txt" and p.severity == "error"]
    assert mixed == []  # rows of 3, 4, 5, 12 and 27 fields: five note types, not 6,583 short rows


def _listing() -> dict:
    listing = ROOT.parent / "shared" / "real-exports.json"
    return json.loads(listing.read_text()) if listing.is_file() else {"entries": {}, "prose_notes": []}


OTHER_FILES = [name for name in _listing()["entries"] if name.startswith(("quizlet-", "jekyll-", "md-", "obsidian-"))]


@pytest.mark.parametrize("name", OTHER_FILES)
def test_every_other_export_gives_exactly_its_entries(real_site, name):
    """Quizlet with any separator or a header row, heading cards at any level,
    Q:/A:/C: cards, Obsidian notes: every entry a card, nothing invented."""
    cards = [c for d in real_site.corpus.decks if d.file == name for c in d.cards]
    assert len(cards) == _listing()["entries"][name]
    assert not [p for p in real_site.corpus.problems if p.file == name and p.severity == "error"]


def test_a_prose_note_is_one_note_page(real_site):
    names = _listing()["prose_notes"]
    assert names
    for name in names:
        (card,) = [c for d in real_site.corpus.decks if d.file == name for c in d.cards]
        assert card.kind == "note" and card.line == 1
        (concept,) = [c for c in real_site.corpus.concepts if any(x is card for x in c.cards)]
        page = real_site.files[f"concepts/{concept.slug}.md"]
        assert f'id="{card.anchor}"' in page
        # its chat preview is what the note says first, not its title again
        description = html.unescape(json.loads(next(ln for ln in page.split("\n") if ln.startswith("description: "))
                                               .removeprefix("description: ")))
        assert description and description != concept.title and description[:40] in plain_text(card.back)
        text = f"{card.front}\n{card.back}"
        assert "[[" not in text and not re.search(r"\s\^[0-9a-f]{6}\s", text + "\n")
        # a formula block with blank lines inside stays one block
        in_math, blank_in_math = False, []
        for line in card.back.split("\n"):
            if line.strip().count("$$") % 2:
                in_math = not in_math
            elif in_math and not line.strip():
                blank_in_math.append(line)
        assert not in_math and blank_in_math == []


def test_no_link_goes_to_an_ordinary_word(real_site):
    """With every real export added, 'for', 'this', 'then', 'two'… keep their
    pages, and nothing links to them."""
    ordinary = [c for c in real_site.corpus.concepts if ordinary_word(c.title)]
    assert len(ordinary) > 20
    assert [(c.title, len(c.backlinks)) for c in ordinary if c.backlinks] == []
    linked = re.compile(r"\]\(site:concepts/(" + "|".join(re.escape(c.slug) for c in ordinary) + r")/[)#]")
    assert not [c.anchor for c in real_site.corpus.cards if linked.search(f"{c.front}\n{c.back}\n{c.extra}")]


def test_every_concept_preview_is_clean(real_site):
    """Every concept page's description (og:description, twitter:description):
    nothing of the exporter's or the converter's markup. What the user typed
    ("$ ln -s <file>", curly quotes, code) stays as typed."""
    from previews import CHECKS

    ours = {k: CHECKS[k] for k in ("a Markdown escape", "a web address", "a source line", "Markdown link or image",
                                   "a placeholder")}
    bad = []
    for concept in real_site.corpus.concepts:
        page = real_site.files[f"concepts/{concept.slug}.md"]
        line = next(ln for ln in page.split("\n") if ln.startswith("description: "))
        text = html.unescape(json.loads(line.removeprefix("description: ")))
        # what the card shows as code is what its author typed (`/\\d/`, `operator[](int i)`), not markup of ours
        code = "\n".join(html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", page, re.S))
        problems = [name for name, pattern in ours.items()
                    if any(text[max(0, m.start() - 3):m.end()] not in code and text[m.start():m.end() + 3] not in code
                           for m in re.finditer(pattern, text))]
        if problems or not 0 < len(text) <= 200 or re.match(r"\s*(?:[*+-]|\d+\\\.)\s", text):
            bad.append((concept.slug, problems, text[:80]))
    assert len(real_site.corpus.concepts) > 10_000 and bad == []


def test_one_name_in_decks_about_different_things_stays_apart(real_site):
    """vim's `cat` is not aviation's CAT (Clear Air Turbulence), vim's `i` not
    the Polish word "i"; the text export and the package of the vim deck still
    meet on one page. The report lists what was kept apart."""
    def files_of(name):
        return sorted(sorted({c.file for c in concept.cards}) for concept in real_site.corpus.concepts
                      if concept.title.casefold() == name)

    assert files_of("cat") == [["oldanki-vim.txt", "patrickmult-vim-collection.apkg"], ["pilot-all-decks.txt"]]
    assert ["polish-strus.txt"] in files_of("i") and ["oldanki-vim.txt", "patrickmult-vim-collection.apkg"] in files_of("i")
    report = "\n".join(text for path, text in real_site.files.items() if path.startswith("report/"))
    assert "Same name, kept apart" in report and "(pilot-all-decks.txt) is not" in report


def test_media_files_beside_the_decks_are_media_by_their_content(real_site):
    """The 28 `.mp3` files beside `zh-nl-les05.txt` (no ID3 tag: they start with
    an MPEG frame) are published and played by the cards that name them, not
    reported as binary files that are no deck."""
    media = _listing().get("media", [])
    assert media
    assert not [p for p in real_site.corpus.problems if p.file in media]
    assert {f"media/{name}" for name in media} <= real_site.media.keys()
    cards = [c for d in real_site.corpus.decks if d.file == "zh-nl-les05.txt" for c in d.cards]
    assert cards and not [c for c in cards if "missing audio" in c.front + c.back + c.extra]
