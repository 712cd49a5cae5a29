"""Exports (cardsite/site/exports.py): every deck, every tag and the whole site as an
Anki text file and as cards.json, linked from their pages; read back through
our own Anki reader they give the same cards."""

import html
import json
import re

import markdown
import pytest
from conftest import SEED_CARDS, SEED_COUNTS, build, make_project, seed_files
from test_bad_input import SITE_EXTENSIONS, dangers

from cardsite.cards.media import resolve_media
from cardsite.core import urls
from cardsite.run.pipeline import read_deck
from cardsite.site.indexes import tag_slugs

GUID_DECK = "\n".join([
    "#separator:tab", "#html:true", "#notetype column:1", "#deck column:2", "#guid column:3", "#tags column:6",
    "Basic\tML::Optim\tf>C8`+(Xq\tWhat does <b>Adam</b> combine?\tMomentum and RMSProp<br>per-parameter rates\toptim",
    "Basic\tML::Stats\tQw3rty99z\tVariance?\tSpread around the <i>mean</i>: $\\sigma^2$\tstats ml::basics",
    ""])

_md = markdown.Markdown(extensions=SITE_EXTENSIONS, extension_configs={"pymdownx.arithmatex": {"generic": True}})


def rendered(text: str) -> str:
    """What a card's Markdown shows on the site, as comparable text: the
    same HTML once links are text (cross-links are re-made on every build),
    code is its text (the highlighter's spans differ with the fence's
    language), and paragraphs and <br> are line breaks alike."""
    _md.reset()
    out = _md.convert(text)
    out = re.sub(r"</?a\b[^>]*>", "", out)
    out = re.sub(r'<div class="highlight"><pre>(?:<span></span>)?(.*?)</pre></div>',
                 lambda m: "<pre>" + re.sub(r"</?(?:span|code)[^>]*>", "", m.group(1)) + "</pre>", out, flags=re.S)
    out = re.sub(r"<pre><code[^>]*>(.*?)</code></pre>", r"<pre>\1</pre>", out, flags=re.S)
    out = re.sub(r"</p>\s*<p>|<br\s*/?>|</?p>", "\n", out)
    out = re.sub(r"\s*(<[^>]+>)\s*", r"\1", out)
    return re.sub(r"\s+", " ", html.unescape(out)).strip()


def tag_urls(corpus) -> dict[str, str]:
    return {tag: urls.tag(slug) for tag, slug in tag_slugs(corpus.concepts).items()}


def read_back(path, media=None):
    decks, problems, _ = read_deck(path.read_bytes(), "export.txt", "export")
    assert problems == [] and all(p.severity != "error" for d in decks for p in d.problems)
    for card in (c for d in decks for c in d.cards):
        resolve_media(card, media or {})  # as the converter does after reading
    return decks


def test_every_deck_tag_and_the_site_can_be_downloaded(seed_site, seed_corpus):
    site = seed_site / "site"
    for deck in seed_corpus.decks:
        page = (site / "decks" / deck.slug / "index.html").read_text()
        assert 'href="cards.txt" download=' in page and 'href="cards.json" download=' in page
        assert (site / "decks" / deck.slug / "cards.txt").read_text().startswith(
            "#separator:tab\n#html:true\n#columns:Front\tBack\tExtra\tAttribution\tTags\tDeck\tGUID\n"
            "#tags column:5\n#deck column:6\n#guid column:7\n")
    for tag, url in tag_urls(seed_corpus).items():
        assert 'href="cards.txt" download=' in (site / url / "index.html").read_text(), tag
        exported = json.loads((site / url / "cards.json").read_text())
        assert exported["scope"] == {"tag": tag} and exported["cards"], tag
    assert 'href="cards.txt" download="all-cards.txt"' in (site / "decks" / "index.html").read_text()
    everything = json.loads((site / "decks" / "cards.json").read_text())
    assert (everything["format"], everything["version"], len(everything["cards"])) == ("cardsite-cards", 1, SEED_CARDS)


@pytest.mark.parametrize("deck_file", sorted(SEED_COUNTS))
def test_a_deck_read_back_gives_the_same_cards(seed_site, seed_corpus, deck_file):
    for deck in (d for d in seed_corpus.decks if d.file == deck_file):
        (again,) = read_back(seed_site / "site" / "decks" / deck.slug / "cards.txt", seed_corpus.media)
        assert [c.id for c in again.cards] == [c.id for c in deck.cards]
        names = {c.subdeck for c in again.cards}
        assert len(names) == 1 and names.pop().startswith(deck.title)
        for before, after in zip(deck.cards, again.cards):
            where = f"{before.file}:{before.line}"
            assert (after.kind, after.attribution) == (before.kind, before.attribution), where
            assert after.tags == tuple(t.replace(" ", "_") for t in before.tags), where
            for field in ("front", "back", "extra"):
                assert rendered(getattr(after, field)) == rendered(getattr(before, field)), (where, field)


def test_the_whole_site_reads_back_as_its_decks(seed_site, seed_corpus):
    decks = read_back(seed_site / "site" / "decks" / "cards.txt", seed_corpus.media)
    assert sorted(len(d.cards) for d in decks) == sorted(len(d.cards) for d in seed_corpus.decks)
    assert {c.id for d in decks for c in d.cards} == {c.id for c in seed_corpus.cards}
    # two seed decks share the title "Misc for AI & Python": Anki would merge them, so the slug tells them apart
    assert len({d.title for d in decks}) == len(seed_corpus.decks)


def test_a_tag_export_holds_exactly_the_cards_of_its_concepts(seed_site, seed_corpus):
    url = tag_urls(seed_corpus)["segmentation"]
    decks = read_back(seed_site / "site" / url / "cards.txt", seed_corpus.media)
    expected = {card.id for concept in seed_corpus.concepts if "segmentation" in concept.tags for card in concept.cards}
    assert {c.id for d in decks for c in d.cards} == expected and len(expected) >= 3
    exported = json.loads((seed_site / "site" / url / "cards.json").read_text())["cards"]
    assert sorted(c["id"] for c in exported) == sorted(expected)


def test_anki_guids_survive_the_round_trip(tmp_path):
    project = make_project(tmp_path, seed_files(tmp_path / "sources"),  # that deck alone
                           extra_files={"anki-with-guids.txt": GUID_DECK.encode()})
    assert build(project).returncode == 0
    decks = read_back(project / "site" / "decks" / "cards.txt")
    cards = {c.id: c for d in decks for c in d.cards}
    assert {"f>C8`+(Xq", "Qw3rty99z"} <= set(cards)
    assert cards["Qw3rty99z"].tags == ("stats", "ml::basics") and cards["Qw3rty99z"].subdeck == "ML::Stats"
    assert cards["Qw3rty99z"].back == "Spread around the <em>mean</em>: \\(\\sigma^2\\)"  # math comes back as math
    text = (project / "site" / "decks" / "cards.txt").read_text()
    assert "\\(\\sigma^2\\)" in text  # Anki's MathJax delimiters, not KaTeX's HTML
    assert "katex" not in text


def test_exports_of_hostile_decks_are_safe_html(hostile_site):
    """Anki renders fields as HTML too: nothing exported may run script."""
    for path in (hostile_site / "site").rglob("cards.json"):
        if path.parent.name == "cards" and path.parent.parent.name == "quiz":
            continue
        for card in json.loads(path.read_text())["cards"]:
            for field in ("front", "back", "extra"):
                assert dangers(card[field]) == [], (path, card["id"], field)
