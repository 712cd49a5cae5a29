"""An Anki package as a learner meets it in Chromium (the hostile site holds
tests/anki_packages.sample as sources/packages/My Deck.apkg): each cloze item
of the quiz hides its own deletion and its sibling waits for another day; the
package's audio plays from the site; its images show on the concept page."""

import json
import re
import time

import pytest
from conftest import serve
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

KEY = "cardsite.quiz.v1"
DAY = 86_400_000


@pytest.fixture(scope="module")
def site(hostile_site):
    yield from serve(hostile_site / "site")


@pytest.fixture(scope="module")
def cloze_items(hostile_site):
    folder = hostile_site / "site" / "quiz" / "cards"
    items = [item for path in folder.glob("[0-9]*.json") for item in json.loads(path.read_text())["cards"]
             if item["kind"] == "cloze" and item["title"].startswith("Warsaw")]
    return sorted(items, key=lambda item: item["id"])


def test_each_cloze_item_hides_its_own_deletion(page, site, cloze_items):
    first, second = cloze_items
    assert first["note"] == second["note"] and first["id"].endswith("-c1") and second["id"].endswith("-c2")
    page.goto(f"{site}/quiz/?concept={first['concept']}")
    card = page.locator(".quiz-card")
    expect(card).to_have_attribute("data-key", first["id"])
    front = page.locator(".quiz-front")
    expect(front.locator(".cloze-hidden")).to_have_text("[...]")
    expect(front).to_contain_text("Poland")
    expect(front).not_to_contain_text("Warsaw")
    page.keyboard.press("Space")
    expect(page.locator("#quiz-answer .cloze-answer")).to_have_text("Warsaw")
    page.locator(".quiz-grade", has_text="Easy").click()
    # Its sibling was not studied yet, but Anki buries it until tomorrow: the session ends.
    expect(page.locator(".quiz-summary")).to_be_visible()
    expect(page.locator(f'.quiz-card[data-key="{second["id"]}"]')).to_have_count(0)


def test_the_sibling_comes_the_next_day_hiding_the_other_deletion(page, site, cloze_items):
    first, second = cloze_items
    now = int(time.time() * 1000)
    studied = {first["id"]: {"state": 2, "step": 0, "stability": 5, "difficulty": 5, "due": now + 5 * DAY,
                             "lastReview": now - DAY}}
    page.goto(f"{site}/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [KEY, json.dumps({"format": "cardsite-quiz", "version": 1, "cards": studied})])
    page.goto(f"{site}/quiz/?concept={second['concept']}")
    expect(page.locator(".quiz-card")).to_have_attribute("data-key", second["id"])
    front = page.locator(".quiz-front")
    expect(front.locator(".cloze-hidden")).to_have_text("[country]")
    expect(front).to_contain_text("Warsaw")
    expect(front).not_to_contain_text("Poland")


def test_package_audio_plays_from_the_site(page, site, hostile_site):
    page.goto(f"{site}/decks/")
    page.goto(f"{site}/{_page_of(hostile_site, 'chleb')}")
    audio = page.locator("audio").first
    expect(audio).to_have_attribute("src", re.compile(r"media/chleb\.wav$"))
    audio.evaluate("a => a.load()")
    page.wait_for_function("() => document.querySelector('audio').readyState >= 1", timeout=10_000)
    assert audio.evaluate("a => a.duration") == pytest.approx(0.2, abs=0.05)


def test_package_images_show_on_the_concept_page(page, site, hostile_site):
    page.goto(f"{site}/{_page_of(hostile_site, 'three odd names')}")
    images = page.locator(".flashcard img")
    expect(images).to_have_count(2)
    for i in range(2):
        images.nth(i).scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth === 2", arg=images.nth(i).element_handle(),
                               timeout=10_000)


def _page_of(project, text: str) -> str:
    """The concept page (site-relative URL) whose cards hold `text`."""
    for path in sorted((project / "site" / "concepts").glob("*/index.html")):
        if text in path.read_text(encoding="utf-8"):
            return path.relative_to(project / "site").parent.as_posix() + "/"
    raise AssertionError(f"no concept page holds {text!r}")
