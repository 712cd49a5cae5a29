"""What a person sees, in Chromium against the built seed site on 127.0.0.1."""

import re

import pytest
from playwright.sync_api import expect

from conftest import open_for_instant_navigation

pytestmark = pytest.mark.browser


def heading(text: str) -> re.Pattern:
    """A heading's text, before the permalink sign MkDocs appends."""
    return re.compile("^" + re.escape(text) + "¶?$")


def test_home_links_to_decks_concepts_and_tags(page, server):
    page.goto(server + "/")
    expect(page.locator("h1")).to_have_text(heading("AI/ML Knowledge Cards"))
    for name in ("Decks", "Concepts A–Z", "Tags"):
        expect(page.locator("article").get_by_role("link", name=name)).to_be_visible()


def test_concept_page_renders_its_cards(page, server):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/concepts/curriculum-learning/")
    expect(page.locator("h1")).to_have_text(heading("Curriculum Learning"))
    cards = page.locator("article .flashcard")
    expect(cards).to_have_count(3)
    expect(cards.nth(0)).to_contain_text("sequential sampling")
    expect(cards.nth(1)).to_contain_text("不从数据集中随机采样")
    expect(cards.nth(0).locator(".flashcard-meta")).to_contain_text("misc-ai-python.en.md:24")
    expect(page.locator(".md-tag", has_text="Deep Learning Concepts").first).to_be_visible()
    assert errors == []


def test_deck_page_links_to_the_concept_card(page, server):
    page.goto(server + "/decks/deep-learning-anki/")
    cards = page.locator("article .flashcard")
    expect(cards).to_have_count(100)  # 100 cards a page
    pager = page.locator(".deck-pager").first
    expect(pager).to_contain_text("Pages: 1 · 2")
    pager.get_by_role("link", name="2").click()
    expect(page).to_have_url(re.compile(r"/decks/deep-learning-anki/2/$"))
    expect(cards).to_have_count(45)
    open_for_instant_navigation(page, server + "/decks/deep-learning-anki/")
    adam = cards.filter(has_text="RMSProp with momentum")
    adam.locator(".flashcard-meta a").first.click()  # instant navigation: no :target, the card is marked
    expect(page).to_have_url(re.compile(r"/concepts/adam/#[0-9a-f]{10}$"))
    expect(page.locator("h1")).to_have_text(heading("Adam"))
    assert page.evaluate("window.sameDocument") is True, "the click loaded the page in full"
    marked = page.locator(".flashcard.is-target")
    expect(marked).to_contain_text("RMSProp with momentum")
    border = "e => getComputedStyle(e).borderColor"  # outlined as :target outlines it
    assert marked.evaluate(border) != page.locator(".flashcard:not(.is-target)").first.evaluate(border)
    page.reload()  # a full load: the browser's own :target
    expect(page.locator(".flashcard:target")).to_contain_text("RMSProp with momentum")


def test_chinese_deck_and_missing_image_placeholder(page, server):
    page.goto(server + "/decks/misc-ai-python-zh/")
    expect(page.locator("article .flashcard")).to_have_count(27)
    expect(page.locator(".missing-media")).to_have_text(re.compile(r"missing image: paste-e4f2d8c5.*\.png"))
    expect(page.locator("article")).to_contain_text("由难到易学习数据")


def test_a_to_z_index_jump_bar(page, server):
    page.goto(server + "/concepts/")
    page.locator("article").get_by_role("link", name="S", exact=True).click()
    expect(page).to_have_url(re.compile(r"#letter-s$"))
    page.locator("article").get_by_role("link", name="Softmax", exact=True).click()
    expect(page.locator("h1")).to_have_text(heading("Softmax"))


def test_glossary_in_both_languages(page, server):
    page.goto(server + "/glossary/")
    row = page.locator("article tr", has_text="Degradation Operators")
    expect(row).to_contain_text("退化算子")
    expect(row).to_contain_text("下采样、模糊")
    page.locator("article .glossary-jump a", has_text="P").click()
    expect(page).to_have_url(re.compile(r"#letter-p$"))
    row.get_by_role("link", name="Degradation Operators").click()
    expect(page.locator(".concept-zh")).to_contain_text("中文： 退化算子")
    page.goto(server + "/glossary/zh/")
    expect(page.locator("article h2").first).to_have_text(heading("A"))
    expect(page.locator("article tr", has_text="伪任务")).to_contain_text("Pretext Task")
