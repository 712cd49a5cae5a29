"""The concept graph as a person uses it: merged pages, links between
concepts, backlinks, previews, copy-link."""

import re

import pytest
from playwright.sync_api import expect

from conftest import open_for_instant_navigation

pytestmark = pytest.mark.browser


def test_softmax_page_holds_cards_of_three_decks(page, server):
    page.goto(server + "/concepts/softmax/")
    metas = page.locator("article .flashcard .flashcard-meta")
    expect(metas).to_have_count(3)
    decks = {metas.nth(i).locator("a").first.inner_text() for i in range(3)}
    assert decks == {"Deep learning anki", "Deep Learning Flashcards", "Ml quizlet set"}
    expect(page.locator(".concept-aliases")).to_contain_text("Softmax Activation Function")


def test_a_mention_links_to_its_concept_which_lists_the_backlink(page, server):
    page.goto(server + "/concepts/logits-vs-probabilities/")
    page.locator("article .flashcard-back a", has_text="Softmax").click()
    expect(page).to_have_url(re.compile(r"/concepts/softmax/$"))
    mentioned = page.locator("h2#mentioned-in + ul")
    expect(mentioned.get_by_role("link", name="Logits vs. Probabilities")).to_be_visible()
    mentioned.get_by_role("link", name="Logits vs. Probabilities").click()
    expect(page).to_have_url(re.compile(r"/concepts/logits-vs-probabilities/#[0-9a-f]{10}$"))


def test_hover_preview_shows_title_and_definition_also_after_instant_navigation(page, server):
    open_for_instant_navigation(page, server + "/decks/ml-quizlet-set/")
    page.locator("article .flashcard-meta a", has_text="Logits vs. Probabilities").click()  # instant navigation
    expect(page).to_have_url(re.compile(r"/concepts/logits-vs-probabilities/"))
    # Material sets the address before it swaps the content: the deck page (three Softmax links) may still be there
    expect(page.locator("article h1")).to_contain_text("Logits vs. Probabilities")
    assert page.evaluate("window.sameDocument") is True
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.locator("article .flashcard-back a", has_text="Softmax").hover()
    preview = page.locator(".concept-preview")
    expect(preview).to_be_visible()
    expect(preview.locator("strong")).to_have_text("Softmax")
    expect(preview).to_contain_text("Translate numbers into")
    expect(preview.locator(".concept-preview__decks")).to_contain_text("Ml quizlet set")  # its decks
    # the concept's small preview file, not its whole page
    assert [u for u in fetched if "/concepts/softmax/" in u] == [server + "/concepts/softmax/preview.json"]
    page.mouse.move(5, 700)
    expect(preview).to_have_count(0)


def test_tap_opens_the_preview_and_a_second_tap_follows(browser, server):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 400, "height": 800})
    page = context.new_page()
    page.goto(server + "/concepts/logits-vs-probabilities/")
    link = page.locator("article .flashcard-back a", has_text="Softmax")
    link.tap()
    expect(page.locator(".concept-preview")).to_contain_text("Softmax")
    expect(page).to_have_url(re.compile(r"/concepts/logits-vs-probabilities/$"))
    page.locator(".concept-preview a", has_text="Open page").tap()
    expect(page).to_have_url(re.compile(r"/concepts/softmax/$"))
    context.close()


def test_copy_link_buttons(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "/concepts/adam/")
    page.locator(".concept-actions button.copy-link").click()
    expect(page.locator(".concept-actions button.copy-link")).to_have_attribute("data-copied", server + "/concepts/adam/")
    card = page.locator("article .flashcard").first
    card.locator("button.copy-link").click()
    anchor = card.get_attribute("id")
    assert page.evaluate("navigator.clipboard.readText()") == f"{server}/concepts/adam/#{anchor}"
    page.goto(page.evaluate("navigator.clipboard.readText()"))
    expect(page.locator(".flashcard:target")).to_have_attribute("id", anchor)
    context.close()


def test_old_url_redirects_keeping_the_card_anchor(page, server):
    page.goto(server + "/concepts/softmax/")
    anchor = page.locator("article .flashcard").nth(1).get_attribute("id")
    page.goto(f"{server}/concepts/softmax-function/#{anchor}")
    expect(page).to_have_url(f"{server}/concepts/softmax/#{anchor}")
    expect(page.locator(".flashcard:target")).to_have_attribute("id", anchor)
