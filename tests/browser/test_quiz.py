"""The quiz as a learner uses it, in Chromium against the built seed site."""

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import SEED_CARDS, eventually, open_for_instant_navigation

pytestmark = pytest.mark.browser
KEY = "cardsite.quiz.v1"
SETTINGS = "cardsite.quiz.settings.v1"


def counts(new, learning=0, review=0):
    return f"New {new} · Learning {learning} · Review {review}"


# What the page's own store holds (assets/progress.js, IndexedDB), as its export writes it.
STORED = "async () => (await (await QuizProgress.open()).exportData())"


def saved(page, reviews: int) -> dict:
    """The stored progress once it holds this many reviews (the quiz saves
    right after showing the next card)."""
    return eventually(page, "async n => { const d = await (await QuizProgress.open()).exportData(); "
                            "return d.log.length >= n && d; }", reviews)


def forget_progress(page) -> None:
    """As a reader clearing the site's data: the database (the page's own
    connection gives way) and the settings."""
    page.evaluate("""() => new Promise((done, fail) => {
        localStorage.clear();
        const request = indexedDB.deleteDatabase("cardsite-quiz");
        request.onsuccess = () => done(); request.onerror = () => fail(request.error);
    })""")


def allow_new(page, server, scope, n=9999):
    """The day's limit of new cards for one scope ("deck:…", "all"), set as the settings panel does."""
    page.goto(f"{server}/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [SETTINGS, json.dumps({"newPerDay": {scope: n}})])


def gradeable(cards, **where):
    return [c for c in cards if c["kind"] in ("question", "term")
            and all(v in c[k] if k == "tags" else c[k] == v for k, v in where.items())]


def run_session(page) -> list[str]:
    """Study every card with Easy (Space, then 4); the keys shown, in order."""
    seen = []
    # between cards the quiz may be waiting for the next chunk: wait for a card or the end
    while page.locator(".quiz-card, .quiz-summary").first.wait_for() or page.locator(".quiz-card").count():
        card = page.locator(".quiz-card")
        seen.append(card.get_attribute("data-key"))
        page.keyboard.press("Space")
        expect(page.locator(".quiz-grades")).to_be_visible()
        page.keyboard.press("4")
        expect(page.locator(f'.quiz-card[data-key="{seen[-1]}"]')).to_have_count(0)
    expect(page.locator(".quiz-summary")).to_contain_text(f"Reviewed: {len(seen)}")
    return seen


def scope_of(query):
    kind, value = query.split("=", 1)
    return f"{kind}:{value}"


@pytest.mark.parametrize("query, where", [
    ("deck=deep-learning-flashcards", {"deck": "deep-learning-flashcards"}),
    ("tag=segmentation", {"tags": "segmentation"}),
    ("concept=softmax", {"concept": "softmax"}),
])
def test_scope_from_the_url_shows_exactly_those_cards(page, server, cards, query, where):
    expected = [c["id"] for c in gradeable(cards, **where)]
    assert expected
    allow_new(page, server, scope_of(query))
    page.goto(f"{server}/quiz/?{query}")
    expect(page.locator(".quiz-status")).to_have_text(counts(len(expected)))
    assert sorted(run_session(page)) == sorted(expected)


def test_search_scope(page, server, cards):
    page.goto(f"{server}/quiz/?search=softmax")
    expected = {c["id"] for c in gradeable(cards) if "softmax" in re.sub(r"<[^>]+>", " ", c["front"] + c["back"]
                                                                           + c["title"]).lower()}
    assert len(expected) >= 3 and set(run_session(page)) == expected


def test_flip_by_click_and_key_grade_with_keys_and_buttons(page, server):
    page.goto(f"{server}/quiz/?concept=softmax")
    flip = page.locator(".quiz-flip")
    expect(flip).to_have_attribute("aria-expanded", "false")
    expect(flip).to_be_focused()
    flip.click()
    answer = page.locator("#quiz-answer")
    expect(answer).to_be_visible()
    expect(answer).to_be_focused()  # revealing moves focus to the answer
    expect(flip).to_be_hidden()
    expect(flip).to_have_attribute("aria-expanded", "true")
    # each button with the interval FSRS gives a new card (learning steps 1 and 10 minutes)
    expect(page.locator(".quiz-grade")).to_have_text(["Again 1m 1", "Hard 6m 2", "Good 10m 3", "Easy 8d 4"])
    expect(page.locator(".quiz-open")).to_have_attribute("href", re.compile(r"^\.\./concepts/softmax/#"))
    page.locator(".quiz-grade", has_text="Good").click()
    expect(page.locator(".quiz-status")).to_have_text(counts(2, 1))  # Good on a new card: back in 10 min
    page.keyboard.press("Enter")
    page.keyboard.press("1")
    page.keyboard.press("Space")
    page.keyboard.press("2")
    stored = saved(page, 3)
    assert stored["format"] == "cardsite-quiz" and stored["version"] == 1 and len(stored["cards"]) == 3
    assert {c["state"] for c in stored["cards"].values()} == {1}  # all still learning


def test_reload_keeps_due_dates(page, server):
    page.goto(f"{server}/quiz/?concept=adam")
    before = saved(page, len(run_session(page)))
    page.reload()
    expect(page.locator(".quiz-summary")).to_contain_text("Reviewed: 0")  # nothing due again today
    expect(page.locator(".quiz-summary")).to_contain_text(re.compile(r"Next due: .+ \(in \d+ days\)"))
    assert page.evaluate(STORED) == before
    due = [c["due"] for c in before["cards"].values()]
    assert all(d > page.evaluate("Date.now()") + 86_400_000 for d in due)


def test_reverse_and_chinese_english_modes(page, server, cards):
    softmax = gradeable(cards, concept="softmax")
    page.goto(f"{server}/quiz/?concept=softmax&reverse=1")
    first = page.locator(".quiz-card")
    key = first.get_attribute("data-key")
    assert key.endswith(":reverse")
    card = next(c for c in softmax if c["id"] == key.removesuffix(":reverse"))
    assert re.sub(r"<[^>]+>", "", card["back"])[:30].strip() in first.locator(".quiz-front").inner_text()
    page.goto(f"{server}/quiz/?deck=misc-ai-python-en&mode=zh-en")
    expect(page.locator(".quiz-front")).to_have_text(re.compile(r"[\u4e00-\u9fff]"))
    page.keyboard.press("Space")
    expect(page.locator("#quiz-answer strong").first).to_have_text(re.compile(r"[A-Za-z]"))
    page.goto(f"{server}/quiz/?deck=misc-ai-python-en&mode=en-zh")
    expect(page.locator(".quiz-front")).to_have_text(re.compile(r"^[^\u4e00-\u9fff]+$"))
    page.keyboard.press("Space")
    expect(page.locator("#quiz-answer")).to_contain_text(re.compile(r"[\u4e00-\u9fff]"))


def test_notes_only_with_the_option_and_never_graded(page, server, cards):
    page.goto(f"{server}/quiz/?deck=deep-learning-anki")
    total = len(gradeable(cards, deck="deep-learning-anki"))
    expect(page.locator(".quiz-scope")).to_have_text(re.compile(rf"— {total} cards$"))
    expect(page.locator(".quiz-status")).to_have_text(counts(20))  # the day's new cards, of {total}
    page.goto(f"{server}/quiz/?deck=deep-learning-anki&notes=1&search=unsupervised")
    kinds = []
    for _ in range(40):  # the scope holds a handful of cards
        page.locator(".quiz-card, .quiz-summary").first.wait_for()
        if not page.locator(".quiz-card").count():
            break
        kind = page.locator(".quiz-card").get_attribute("data-kind")
        kinds.append(kind)
        page.keyboard.press("Space")
        if kind in ("question", "term"):
            expect(page.locator(".quiz-grades .quiz-grade")).to_have_count(4)
            page.keyboard.press("4")
        else:  # a note or an unanswered question: shown (with its back, if any), never graded
            expect(page.locator(".quiz-grade")).to_have_count(0)
            if page.locator(".quiz-next").count():
                page.keyboard.press("Space")
    else:
        pytest.fail(f"the session did not end after 40 cards: {kinds}")
    assert "note" in kinds and any(k in ("question", "term") for k in kinds), kinds


def test_math_renders_inside_a_card(page, server):
    page.goto(f"{server}/quiz/?concept=cross-entropy-loss")
    for _ in range(10):  # the concept has a few cards; one of them has math in its answer
        page.locator(".quiz-card").wait_for()
        page.keyboard.press("Space")
        expect(page.locator("#quiz-answer")).to_be_visible()
        if page.locator("#quiz-answer .katex").count():
            break
        page.keyboard.press("4")
    else:
        pytest.fail("no card of cross-entropy-loss showed math in its answer")
    expect(page.locator("#quiz-answer .katex").first).to_be_visible()
    assert page.locator(".katex-error").count() == 0


def test_export_clear_import_restores_progress(page, server, tmp_path):
    page.goto(f"{server}/quiz/?concept=softmax")
    saved_text = json.dumps(saved(page, len(run_session(page))))
    page.locator(".quiz-settings summary").click()
    with page.expect_download() as download:
        page.locator(".quiz-export").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text()) == json.loads(saved_text)
    forget_progress(page)
    page.reload()
    expect(page.locator(".quiz-status")).to_have_text(counts(3))
    page.locator(".quiz-settings summary").click()
    page.locator(".quiz-import").set_input_files(str(exported))
    expect(page.locator(".quiz-notice")).to_have_text("Imported progress for 3 cards.")
    expect(page.locator(".quiz-summary")).to_contain_text("Reviewed: 0")
    assert page.evaluate(STORED) == json.loads(saved_text)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else"}')
    page.locator(".quiz-settings summary").click()
    page.locator(".quiz-import").set_input_files(str(bad))
    expect(page.locator(".quiz-notice")).to_have_text("That file is not quiz progress (not quiz progress); nothing changed.")


def test_unreadable_progress_is_set_aside_and_the_quiz_starts_clean(page, server):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/")  # not the quiz: it would read the value before the reload
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, "{not json"])
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-notice")).to_have_text(
        "Saved progress was unreadable (not JSON); it is set aside and the quiz starts clean.")
    expect(page.locator(".quiz-status")).to_have_text(counts(3))
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    assert page.evaluate(f"localStorage.getItem('{KEY}.unreadable')") == "{not json" and errors == []


def test_one_bad_card_is_skipped_and_the_rest_kept(page, server, cards):
    good = gradeable(cards, concept="softmax")[0]
    stored = {"format": "cardsite-quiz", "version": 1, "cards": {
        "x": {"state": 9},
        good["id"]: {"state": 2, "step": None, "stability": 30.0, "difficulty": 5.0, "due": 4102444800000,
                     "lastReview": 0, "hash": good["hash"]}}}
    page.goto(f"{server}/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(stored)])
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-notice")).to_have_text(
        "1 saved card was unreadable and skipped; the rest of your progress is kept.")
    expect(page.locator(".quiz-status")).to_have_text(counts(2))  # the good card is not due: kept, not new
    page.keyboard.press("Space")
    page.keyboard.press("3")
    kept = saved(page, 1)["cards"]
    assert kept["x"] == {"state": 9} and kept[good["id"]]["stability"] == 30.0 and len(kept) == 3


def test_progress_of_a_newer_version_is_left_untouched(page, server):
    newer = json.dumps({"format": "cardsite-quiz", "version": 7, "cards": {}})
    page.goto(f"{server}/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, newer])
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-notice")).to_have_text(
        "Progress saved by a newer version of this site is left as it is; this session is not saved.")
    page.locator(".quiz-card").wait_for()  # the notice comes first: keys before the card would do nothing
    page.keyboard.press("Space")
    page.keyboard.press("3")
    expect(page.locator(".quiz-status")).to_have_text(counts(2, 1))  # the session goes on
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == newer


def test_a_learning_card_without_its_step_is_still_scheduled(page, server, cards):
    card = gradeable(cards, concept="softmax")[0]
    stored = {"format": "cardsite-quiz", "version": 1, "cards": {card["id"]: {
        "state": 1, "stability": 1.0, "difficulty": 5.0, "due": 0, "lastReview": 0, "hash": card["hash"]}}}
    page.goto(f"{server}/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(stored)])
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-card")).to_have_attribute("data-key", card["id"])  # learning, due: first
    page.keyboard.press("Space")
    page.keyboard.press("2")  # Hard: once gave due = NaN, stored as null, due forever
    state = saved(page, 1)["cards"][card["id"]]
    assert isinstance(state["due"], (int, float)) and state["due"] > 0 and state["step"] == 0


def test_changed_card_is_marked_updated(page, server):
    page.goto(f"{server}/quiz/?concept=softmax")
    key = page.locator(".quiz-card").get_attribute("data-key")
    old = {"format": "cardsite-quiz", "version": 1, "cards": {key: {
        "state": 2, "step": None, "stability": 3.0, "difficulty": 5.0, "due": 0, "lastReview": 0, "hash": "old"}}}
    page.goto(f"{server}/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(old)])
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(f'.quiz-card[data-key="{key}"] .quiz-badge')).to_have_text("updated")


def test_quiz_me_buttons_and_instant_navigation(page, server):
    open_for_instant_navigation(page, f"{server}/concepts/softmax/")
    page.locator("a.quiz-me").click()  # instant navigation: the quiz starts without a reload
    expect(page).to_have_url(re.compile(r"/quiz/\?concept=softmax$"))
    expect(page.locator(".quiz-status")).to_have_text(counts(3))
    assert page.evaluate("window.sameDocument") is True
    page.goto(f"{server}/decks/ml-quizlet-set/")
    expect(page.locator("a.quiz-me")).to_have_attribute("href", re.compile(r"quiz/\?deck=ml-quizlet-set$"))
    page.goto(f"{server}/tags/")
    expect(page.locator("a.quiz-me").first).to_have_attribute("href", re.compile(r"quiz/\?tag="))


def test_the_quiz_page_opened_first_still_follows_instant_navigation(page, server):
    """On /quiz/ the quiz's scripts run before Material's bundle (so the
    first card does not wait for it: hooks/quiz_scripts_first.py); the quiz
    still starts again after instant navigation away and back."""
    open_for_instant_navigation(page, f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-status")).to_have_text(counts(3))
    order = page.evaluate("[...document.scripts].filter(s => s.src).map(s => s.src.split('/').pop())")
    bundle = next(i for i, name in enumerate(order) if name.startswith("bundle."))
    assert order.index("offline.js") < order.index("fsrs.js") < order.index("quiz.js") < bundle
    page.locator(".quiz-flip").click()
    page.locator(".quiz-answer a", has_text="Open the page").click()
    expect(page).to_have_url(re.compile(r"/concepts/softmax/"))
    page.locator("a.quiz-me").click()
    expect(page).to_have_url(re.compile(r"/quiz/\?concept=softmax$"))
    expect(page.locator(".quiz-status")).to_have_text(counts(3))
    assert page.evaluate("window.sameDocument") is True


def test_cards_arrive_in_chunks_and_the_session_takes_them_all(page, server, seed_site, cards):
    index = json.loads((seed_site / "site" / "quiz" / "cards" / "index.json").read_text())
    assert len(index["chunks"]) > len({c["deck"] for c in index["chunks"]})  # some deck spans chunks
    assert [c["cards"] for c in index["chunks"]][0] <= 50 and index["cards"] == len(cards) == SEED_CARDS
    allow_new(page, server, "all")
    page.goto(f"{server}/quiz/")
    expected = [c["id"] for c in gradeable(cards)]
    expect(page.locator(".quiz-status")).to_have_text(counts(len(expected)))
    expect(page.locator(".quiz-scope")).to_have_text(f"Studying all cards — {len(expected)} cards")
    assert run_session(page) == expected  # source order, every card once, across chunks


def test_a_due_card_from_the_last_chunk_comes_before_new_ones(page, server, seed_site, cards):
    last = json.loads((seed_site / "site" / "quiz" / "cards" / "index.json").read_text())["chunks"][-1]
    overdue = gradeable(json.loads((seed_site / "site" / "quiz" / "cards" / last["file"]).read_text())["cards"])[-1]
    stored = {"format": "cardsite-quiz", "version": 1, "cards": {overdue["id"]: {
        "state": 2, "step": None, "stability": 3.0, "difficulty": 5.0, "due": 1000, "lastReview": 0,
        "hash": overdue["hash"]}}}
    page.goto(f"{server}/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(stored)])
    page.goto(f"{server}/quiz/")
    # the overdue card comes first, though its chunk arrives last
    expect(page.locator(".quiz-card")).to_have_attribute("data-key", overdue["id"])
    expect(page.locator(".quiz-status")).to_have_text(counts(20, 0, 1))
    page.keyboard.press("Space")
    page.keyboard.press("4")
    expect(page.locator(".quiz-status")).to_have_text(counts(20))
    kept = saved(page, 1)["cards"]
    assert kept[overdue["id"]]["due"] > 1000 and len(kept) == 1


def test_the_first_card_needs_no_download(page, server, cards):
    requests = []
    page.on("request", lambda r: requests.append(r.url.rsplit("/quiz/", 1)[-1]))
    page.goto(f"{server}/quiz/")
    total = len(gradeable(cards))
    expect(page.locator(".quiz-status")).to_have_text(counts(20))  # "(loading more…)" until all chunks are in
    expect(page.locator(".quiz-scope")).to_have_text(f"Studying all cards — {total} cards")
    chunk_requests = sorted(u for u in requests if u.startswith("cards/"))
    assert "cards/0.json" not in chunk_requests and "cards/index.json" not in chunk_requests  # carried by the page
    assert "cards/1.json" in chunk_requests
