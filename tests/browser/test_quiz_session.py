"""The quiz's day, as Anki runs it, on a phone-sized screen with real
keyboard focus: a daily limit of new cards, New · Learning · Review counts,
learning cards that come back, two tabs, full storage, the end of a session."""

import re

import pytest
from playwright.sync_api import expect

from test_quiz import counts, gradeable, saved

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context
    context.close()


def test_a_fresh_user_gets_twenty_new_cards_then_can_study_more(phone, server, cards):
    page = phone.new_page()
    page.goto(f"{server}/quiz/")
    assert len(gradeable(cards)) > 40
    expect(page.locator(".quiz-status")).to_have_text(counts(20))
    shown = []
    for _ in range(25):
        card = page.locator(".quiz-card, .quiz-summary").first
        card.wait_for()
        if not page.locator(".quiz-card").count():
            break
        shown.append(page.locator(".quiz-card").get_attribute("data-key"))
        page.locator(".quiz-flip").tap()
        page.locator(".quiz-grade--easy").tap()
        expect(page.locator(f'.quiz-card[data-key="{shown[-1]}"]')).to_have_count(0)
    assert len(shown) == len(set(shown)) == 20
    summary = page.locator(".quiz-summary")
    expect(summary).to_contain_text("Reviewed: 20 (20 new)")
    expect(summary).to_contain_text("Right: 20 (100%)")
    expect(summary).to_contain_text(re.compile(r"Next due: .+ \(in \d+ days\)"))  # the reader's locale, and relative
    expect(page.locator(".quiz-back")).to_have_text("Back to the site")
    log = saved(page, 20)["log"]
    assert len(log) == 20 and {r[2] for r in log} == {4}  # the review log: card, time, grade, elapsed days
    page.locator(".quiz-more").tap()  # Anki's "custom study": twenty more today
    expect(page.locator(".quiz-status")).to_have_text(counts(20))
    assert page.locator(".quiz-card").get_attribute("data-key") not in shown


def test_a_learning_card_comes_back_without_changing_the_counts_total(phone, server, cards):
    page = phone.new_page()
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-status")).to_have_text(counts(3))
    first = page.locator(".quiz-card").get_attribute("data-key")
    page.locator(".quiz-flip").tap()
    page.locator(".quiz-grade--good").tap()  # a new card, Good: learning, back in 10 minutes
    expect(page.locator(".quiz-status")).to_have_text(counts(2, 1))  # still 3 cards to study today
    for _ in range(2):
        page.locator(".quiz-flip").tap()
        page.locator(".quiz-grade--easy").tap()
    # nothing else is left: the learning card comes early (Anki's 20-minute learn-ahead), the same card
    expect(page.locator(".quiz-card")).to_have_attribute("data-key", first)
    expect(page.locator(".quiz-card")).to_have_attribute("data-queue", "learning")
    expect(page.locator(".quiz-status")).to_have_text(counts(0, 1))
    page.locator(".quiz-flip").tap()
    expect(page.locator(".quiz-grade--good .quiz-grade__interval")).to_have_text(re.compile(r"^\d+d$"))
    page.locator(".quiz-grade--good").tap()
    expect(page.locator(".quiz-summary")).to_contain_text("Reviewed: 4 (3 new)")
    expect(page.locator(".quiz-back")).to_have_text("Back to the concept")


def test_the_study_screen_fits_a_phone(phone, server):
    page = phone.new_page()
    page.goto(f"{server}/quiz/?deck=deep-learning-flashcards")
    expect(page.locator(".quiz-settings")).not_to_have_attribute("open", "")  # folded under the card
    assert page.locator(".quiz-settings").evaluate("d => !d.open")
    expect(page.locator(".quiz-key").first).to_be_hidden()  # no keyboard: no key hints
    page.locator(".quiz-flip").tap()
    height = page.viewport_size["height"]
    for name in ("again", "hard", "good", "easy"):
        box = page.locator(f".quiz-grade--{name}").bounding_box()
        assert box["y"] + box["height"] <= height and box["height"] >= 44, (name, box)  # on screen, thumb-sized
    styles = page.locator(".quiz-grade").evaluate_all(
        "bs => bs.map(b => [getComputedStyle(b).borderColor, getComputedStyle(b).borderStyle])")
    assert len(set(map(tuple, styles))) == 4  # told apart by more than their label


def test_keys_act_on_the_focused_control(page, server):
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-key").first).to_be_visible()  # a keyboard: hints shown
    page.keyboard.press("Enter")  # on the focused "Show answer"
    expect(page.locator("#quiz-answer")).to_be_focused()
    good = page.locator(".quiz-grade--good")
    good.focus()
    page.keyboard.press("Space")  # the focused Good button, not a global shortcut
    assert saved(page, 1)["log"][-1][2] == 3
    page.keyboard.press("Space")  # reveal
    page.locator(".quiz-grade--hard").focus()
    page.keyboard.press("Enter")
    assert saved(page, 2)["log"][-1][2] == 2
    page.locator(".quiz-settings summary").focus()
    page.keyboard.press("Enter")  # opens the settings, not the answer
    expect(page.locator(".quiz-export")).to_be_visible()
    expect(page.locator("#quiz-answer")).to_be_hidden()
    page.locator(".quiz-export").focus()
    with page.expect_download():
        page.keyboard.press("Enter")  # exports; the card stays unrevealed
    expect(page.locator("#quiz-answer")).to_be_hidden()


def test_two_tabs_keep_each_others_reviews(browser, server, cards):
    context = browser.new_context(**PHONE)  # one browser profile: one localStorage, two tabs
    try:
        one, two = context.new_page(), context.new_page()
        one.goto(f"{server}/quiz/?deck=deep-learning-flashcards")
        two.goto(f"{server}/quiz/?deck=ml-quizlet-set")
        graded = []
        for tab in (one, two, one, two):
            tab.bring_to_front()  # as a reader switches tabs (a tab in the background gets no animation frames)
            graded.append(tab.locator(".quiz-card").get_attribute("data-key"))
            tab.locator(".quiz-flip").tap()
            tab.locator(".quiz-grade--easy").tap()
            expect(tab.locator(f'.quiz-card[data-key="{graded[-1]}"]')).to_have_count(0)
        kept = saved(one, 4)["cards"]
        assert set(graded) <= set(kept), (graded, sorted(kept))
    finally:
        context.close()


def test_full_storage_is_said_in_one_line_and_the_session_goes_on(phone, server):
    page = phone.new_page()
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-status")).to_have_text(counts(3))
    # the browser's storage refuses every write, as a full disk or an exhausted quota does
    page.evaluate("""() => {
        window.__put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
    }""")
    first = page.locator(".quiz-card").get_attribute("data-key")
    page.locator(".quiz-flip").tap()
    page.locator(".quiz-grade--easy").tap()
    expect(page.locator(".quiz-notice")).to_have_text(re.compile(r"^Could not save this review \(storage is full"))
    expect(page.locator(".quiz-status")).to_have_text(counts(2))
    # room again: the next review saves the one kept in the tab too
    page.evaluate("() => { IDBObjectStore.prototype.put = window.__put; }")
    second = page.locator(".quiz-card").get_attribute("data-key")
    page.locator(".quiz-flip").tap()
    page.locator(".quiz-grade--easy").tap()
    assert [r[0] for r in saved(page, 2)["log"]] == [first, second]
