"""The built seed site: strict build with zero warnings, every card on its
concept page and its deck page, concept pages out of the nav."""

import json
import re

from conftest import SEED_CARDS, SEED_COUNTS


def html(site, path):
    return (site / "site" / path / "index.html").read_text(encoding="utf-8")


def deck_html(site, slug):
    """Every page of a deck (100 cards a page), joined."""
    return "".join(p.read_text(encoding="utf-8") for p in sorted((site / "site" / "decks" / slug).rglob("index.html")))


def test_strict_build_has_no_warnings(seed_site):
    log = (seed_site / "build.log").read_text()
    assert f"cards: 5 decks, {SEED_CARDS} cards" in log
    assert not re.search(r"^(WARNING|ERROR)", log, re.M)


def test_every_card_reaches_the_site(seed_site, seed_corpus):
    concept_of = {c.id: k for k in seed_corpus.concepts for c in k.cards}
    for deck in seed_corpus.decks:
        pages = deck_html(seed_site, deck.slug)
        assert pages.count('class="flashcard flashcard-') == SEED_COUNTS[deck.file]
        for card in deck.cards:
            assert f'id="{card.anchor}"' in pages
            assert f'/concepts/{concept_of[card.id].slug}/#{card.anchor}"' in pages
            concept_html = html(seed_site, f"concepts/{concept_of[card.id].slug}")
            assert f'id="{card.anchor}"' in concept_html
            assert f"{card.file}:{card.line}" in concept_html


def test_concept_pages_are_not_in_the_nav(seed_site):
    home = html(seed_site, "")  # the home page links nothing but the nav's entries
    assert 'href="concepts/"' in home and 'href="decks/"' in home and 'href="tags/"' in home
    assert not re.search(r'href="(concepts|decks)/[a-z0-9-]+/"', home)


def test_concept_page_shows_tags_deck_and_provenance(seed_site):
    page = html(seed_site, "concepts/curriculum-learning")
    assert page.count('class="flashcard flashcard-term"') == 3  # EN once, ZH twice
    assert "misc-ai-python.en.md:24" in page and "misc-ai-python.zh.md:12" in page and "misc-ai-python.zh.md:61" in page
    assert 'class="md-tag' in page and "Deep Learning Concepts" in page
    assert 'href="../../tags/deep-learning-concepts/" class="md-tag"' in page  # the chip links to its tag page
    tags_page = html(seed_site, "tags")
    assert 'href="deep-learning-concepts/"' in tags_page and "quiz/?tag=Deep%20Learning%20Concepts" in tags_page
    tag_page = html(seed_site, "tags/deep-learning-concepts")
    assert 'href="../../concepts/curriculum-learning/"' in tag_page and "14 concepts" in tag_page


def test_missing_media_placeholder_and_unanswered_label(seed_site, seed_corpus):
    anki = deck_html(seed_site, "deep-learning-anki")
    assert 'class="missing-media">missing image: bilinear-interpolation.png' in anki
    assert "No answer yet" in anki
    assert "Hinton, Q4 '17" in anki or "Hinton, Q4 &#39;17" in anki or "Hinton, Q4 ’17" in anki


def test_index_pages(seed_site, seed_corpus):
    az = html(seed_site, "concepts")
    missing = [c.slug for c in seed_corpus.concepts if f'href="{c.slug}/"' not in az]
    assert missing == [] and len(seed_corpus.concepts) > 200  # every concept is in the A–Z index
    assert 'id="letter-s"' in az and 'href="softmax/"' in az
    decks = html(seed_site, "decks")
    assert f"{SEED_CARDS} cards in 5 decks" in decks and "counter says 55" in decks


def head_meta(page_html):
    from html.parser import HTMLParser

    found = {}

    class Meta(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "meta" and "content" in a:
                found.setdefault(a.get("property") or a.get("name"), a["content"])
            if tag == "link" and a.get("rel") == "canonical":
                found["canonical"] = a["href"]

    Meta().feed(page_html[:page_html.index("</head>")])
    return found


def test_concept_pages_unfurl_in_chat(seed_site, seed_corpus, seed_url):
    import random

    for concept in random.Random(3).sample(seed_corpus.concepts, 10) + [
            c for c in seed_corpus.concepts if c.slug in ("softmax", "adam", "curriculum-learning")]:
        meta = head_meta(html(seed_site, f"concepts/{concept.slug}"))
        url = f"{seed_url}concepts/{concept.slug}/"
        assert meta["canonical"] == meta["og:url"] == url
        assert meta["og:type"] == "article" and meta["twitter:card"] == "summary"
        assert meta["og:title"] == meta["twitter:title"] and meta["og:title"].strip()
        assert meta["og:description"] == meta["description"] == meta["twitter:description"]
        assert 0 < len(meta["og:description"]) <= 200
    softmax = head_meta(html(seed_site, "concepts/softmax"))
    assert softmax["og:title"] == "Softmax"


def test_every_concept_preview_is_clean_prose(seed_site, seed_corpus):
    """What a chat shows of each concept page: its title and the first
    sentences of its definition, nothing of Markdown, sources or placeholders,
    and characters like < > " as themselves (escaped in the HTML, not swapped
    for look-alikes)."""
    from previews import preview_problems

    for concept in seed_corpus.concepts:
        meta = head_meta(html(seed_site, f"concepts/{concept.slug}"))
        assert meta["og:description"] == meta["description"] == meta["twitter:description"], concept.slug
        # a link preview on the site says the same (assets/preview.js reads this file)
        link_preview = json.loads((seed_site / "site" / "concepts" / concept.slug / "preview.json").read_text("utf-8"))
        assert (link_preview["title"], link_preview["summary"]) == (concept.title, meta["description"]), concept.slug
        assert link_preview["decks"] and link_preview["zh"] == (concept.zh_title or "")
        assert preview_problems(meta["og:description"]) == [], (concept.slug, meta["og:description"])
        assert preview_problems(meta["og:title"], limit=10_000) == [], (concept.slug, meta["og:title"])


def test_every_formula_is_katex_on_its_concept_page(seed_site, seed_corpus):
    from cardsite.markup.spans import math_spans

    total = 0
    for concept in seed_corpus.concepts:
        formulas = [m for c in concept.cards for f in (c.front, c.back, c.extra) for m in math_spans(f)]
        if formulas:
            page = html(seed_site, f"concepts/{concept.slug}")
            rendered = page.count('<span class="katex">')
            assert rendered >= len(formulas), (concept.slug, rendered, len(formulas))
            assert "katex-error" not in page
            total += len(formulas)
    assert total == 13  # 8 in the Jekyll cards, 5 repaired in the Chinese notes


def test_every_cards_text_is_on_its_concept_and_deck_pages(seed_site, seed_corpus):
    """What each card says (its fields rendered by the site's Markdown, as
    text, formulas aside: KaTeX shows them) is read on its concept page and on
    its deck page, whatever the pages around it look like. White space is left
    out of the comparison: how a parser splits text into runs is not the page's."""
    from visible_text import visible_text

    from cardsite.site.card_html import renderer_for
    from conftest import OPTIONS

    renderer = renderer_for(OPTIONS.markdown)
    concept_of = {c.id: k for k in seed_corpus.concepts for c in k.cards}
    def text(page: str) -> str:
        return re.sub(r"\s+", "", visible_text(page))

    deck_text = {d.slug: text(deck_html(seed_site, d.slug)) for d in seed_corpus.decks}
    concept_text = {k.slug: text(html(seed_site, f"concepts/{k.slug}")) for k in seed_corpus.concepts}
    checked = 0
    for deck in seed_corpus.decks:
        for card in deck.cards:
            for field in (card.front, card.back, card.extra):
                rendered = re.sub(r'<span class="arithmatex">.*?</span>|<div class="arithmatex">.*?</div>', "\n",
                                  renderer.html(field), flags=re.S)
                for run in filter(None, (text(part) for part in rendered.split("\n"))):
                    assert run in concept_text[concept_of[card.id].slug], (card.file, card.line, run)
                    assert run in deck_text[deck.slug], (card.file, card.line, run)
                    checked += 1
    assert checked > 2 * SEED_CARDS


def test_the_public_address_comes_from_site_url_and_a_local_one_is_named_when_publishing(monkeypatch, caplog):
    import importlib.util
    import logging

    from mkdocs.config import load_config

    from conftest import ROOT

    monkeypatch.setenv("SITE_URL", "https://cards.example.org/")
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "https://cards.example.org/"
    monkeypatch.delenv("SITE_URL")
    local = load_config(str(ROOT / "mkdocs.yml"))
    assert local.site_url == "http://127.0.0.1:8000/"

    spec = importlib.util.spec_from_file_location("social_meta_hook", ROOT / "hooks" / "social_meta.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    monkeypatch.delenv("CI", raising=False)
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.social_meta"):
        hook.on_startup("build", False)
        hook.on_config(local)
        assert caplog.records == []  # a local build says nothing
        hook.on_startup("gh-deploy", False)
        hook.on_config(local)
    (record,) = caplog.records
    assert record.levelname == "WARNING" and "set SITE_URL" in record.getMessage()
