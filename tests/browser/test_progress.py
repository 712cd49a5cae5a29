"""Progress kept safe in the browser (assets/progress.js): IndexedDB, import
as a merge, the old localStorage key moved once, other tabs heard, storage
that is refused said, and a session left by instant navigation gone."""

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import open_for_instant_navigation
from test_quiz import STORED, counts, gradeable, saved

pytestmark = pytest.mark.browser
KEY = "cardsite.quiz.v1"  # where earlier versions kept progress


def _grade_easy(page) -> str:
    key = page.locator(".quiz-card").get_attribute("data-key")
    page.locator(".quiz-flip").click()
    page.locator(".quiz-grade--easy").click()
    expect(page.locator(f'.quiz-card[data-key="{key}"]')).to_have_count(0)
    return key


def _import(page, path, text: str) -> None:
    path.write_text(text)
    page.locator(".quiz-settings summary").click()
    page.locator(".quiz-import").set_input_files(str(path))
    expect(page.locator(".quiz-notice")).to_have_text(re.compile(r"^Imported progress for \d+ cards\.$"))


def test_importing_is_a_merge(page, server, cards, tmp_path):
    page.goto(f"{server}/quiz/?concept=softmax")
    first = _grade_easy(page)
    mine = saved(page, 1)
    # the same file twice: every review once
    _import(page, tmp_path / "same.json", json.dumps(mine))
    _import(page, tmp_path / "same.json", json.dumps(mine))
    assert page.evaluate(STORED) == mine
    # an older file: its review is added, the card keeps its later state
    older_state = dict(mine["cards"][first], lastReview=1000, due=2000, stability=1.0)
    older = {"format": "cardsite-quiz", "version": 1, "cards": {first: older_state}, "log": [[first, 1000, 1, 0]]}
    _import(page, tmp_path / "older.json", json.dumps(older))
    after = page.evaluate(STORED)
    assert after["cards"][first] == mine["cards"][first]
    assert after["log"] == [[first, 1000, 1, 0]] + mine["log"]
    # another device's file: its cards and reviews join ours
    other = next(c["id"] for c in gradeable(cards) if c["concept"] != "softmax")
    theirs = {"format": "cardsite-quiz", "version": 1, "log": [[other, 5000, 3, 0]], "cards": {other: {
        "state": 2, "step": None, "stability": 9.0, "difficulty": 5.0, "due": 4102444800000, "lastReview": 5000}}}
    _import(page, tmp_path / "theirs.json", json.dumps(theirs))
    merged = page.evaluate(STORED)
    assert set(merged["cards"]) == {first, other}
    assert merged["log"] == [[first, 1000, 1, 0], [other, 5000, 3, 0]] + mine["log"]


def test_progress_under_the_old_key_moves_into_the_database_once(page, server, cards):
    one, two = gradeable(cards, concept="softmax")[:2]
    old = {"format": "cardsite-quiz", "version": 1, "cards": {
        one["id"]: {"state": 2, "step": None, "stability": 30.0, "difficulty": 5.0, "due": 4102444800000,
                    "lastReview": 1000, "hash": one["hash"]}},
        "log": [[one["id"], 1000, 3, 0], [two["id"], 500, 1, 0]]}
    page.goto(f"{server}/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(old)])
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-status")).to_have_text(counts(2))  # the studied card is not due
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    stored = page.evaluate(STORED)
    assert stored["cards"] == old["cards"] and stored["log"] == sorted(old["log"], key=lambda r: r[1])
    page.reload()  # nothing moves twice
    expect(page.locator(".quiz-status")).to_have_text(counts(2))
    assert page.evaluate(STORED) == stored


def test_another_tabs_review_reaches_this_tabs_queue(browser, server, cards):
    context = browser.new_context()
    try:
        one, two = context.new_page(), context.new_page()
        for tab in (one, two):
            tab.goto(f"{server}/quiz/?concept=softmax")
            expect(tab.locator(".quiz-status")).to_have_text(counts(3))
        one.bring_to_front()
        a, b = _grade_easy(one), _grade_easy(one)
        two.bring_to_front()
        # two still shows a (on screen when the other tab graded it); b, studied there, never comes here
        expect(two.locator(".quiz-status")).not_to_have_text(counts(3))
        assert _grade_easy(two) == a
        expect(two.locator(".quiz-card")).not_to_have_attribute("data-key", b)
        expect(two.locator(".quiz-card")).to_have_count(1)
    finally:
        context.close()


def test_refused_storage_is_said_and_the_session_goes_on(browser, server):
    context = browser.new_context()
    context.add_init_script("""indexedDB.open = () => { throw new DOMException("denied", "SecurityError"); };""")
    try:
        page = context.new_page()
        page.goto(f"{server}/quiz/?concept=softmax")
        expect(page.locator(".quiz-notice")).to_have_text(re.compile(r"^This browser does not let the site keep"))
        _grade_easy(page)
        expect(page.locator(".quiz-status")).to_have_text(counts(2))
    finally:
        context.close()


# Counts the listeners and channels pages open, as a reader's browser holds them.
HELD = """
window.__held = new Set();
const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
EventTarget.prototype.addEventListener = function (type, fn, o) {
  if (this === window && type === "pagehide" || this === document && type === "visibilitychange") window.__held.add(fn);
  return add.call(this, type, fn, o);
};
EventTarget.prototype.removeEventListener = function (type, fn, o) {
  window.__held.delete(fn);
  return remove.call(this, type, fn, o);
};
const Channel = window.BroadcastChannel;
window.__channels = 0;
window.BroadcastChannel = class extends Channel {
  constructor(name) { super(name); window.__channels += 1; }
  close() { window.__channels -= 1; return super.close(); }
};
"""


def test_leaving_the_quiz_by_instant_navigation_ends_its_session(browser, server):
    context = browser.new_context()
    context.add_init_script(HELD)
    try:
        page = context.new_page()
        open_for_instant_navigation(page, f"{server}/concepts/softmax/")
        before = page.evaluate("[window.__held.size, window.__channels]")
        page.locator("a.quiz-me").click()
        expect(page.locator(".quiz-status")).to_have_text(counts(3))
        during = page.evaluate("[window.__held.size, window.__channels]")
        assert during[0] > before[0] and during[1] > before[1]
        page.locator(".quiz-flip").click()
        page.locator(".quiz-answer a", has_text="Open the page").click()
        expect(page).to_have_url(re.compile(r"/concepts/softmax/"))
        assert page.evaluate("window.sameDocument") is True
        # the quiz's own listeners and its channel for other tabs are gone (the store's writer stays open)
        page.wait_for_function("([held, channels]) => window.__held.size === held && window.__channels === channels",
                               arg=[before[0], during[1] - 1], timeout=5000)
    finally:
        context.close()


def test_progress_found_after_a_quick_start_joins_the_session(page, server, cards):
    """Without the 'stored here' hint the quiz starts at once (a first visit
    need not wait for the database); what the store turns out to hold joins the
    session as another tab's reviews would."""
    first, second = [c["id"] for c in gradeable(cards, concept="softmax")][:2]
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-card")).to_have_attribute("data-key", first)
    page.evaluate("""async id => (await QuizProgress.open()).save({[id]: {state: 2, step: null, stability: 30,
        difficulty: 5, due: Date.now() + 30 * 86400000, lastReview: Date.now()}}, [[id, Date.now(), 3, 0]])""", second)
    page.evaluate("localStorage.removeItem('cardsite.quiz.stored')")  # as if the site's other data were cleared
    page.reload()
    expect(page.locator(".quiz-status")).to_have_text(counts(2))  # the studied card, not due, left out
    assert page.evaluate("localStorage.getItem('cardsite.quiz.stored')") is None
    _grade_easy(page)
    expect(page.locator(".quiz-card")).not_to_have_attribute("data-key", second)
