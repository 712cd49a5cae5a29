"""Personal scheduling: "Optimise my schedule" fits FSRS's parameters to the
reader's own review log in the browser (fsrs-browser's WebAssembly in a
Worker, under the site's Content-Security-Policy), keeps them only when they
predict that log better, and the quiz schedules with them."""

import json
import re

import pytest
from playwright.sync_api import expect

from review_log import generated_log

pytestmark = pytest.mark.browser
KEY, SETTINGS = "cardsite.quiz.v1", "cardsite.quiz.settings.v1"
DEFAULT_EASY = "8d"  # a new card's Easy with FSRS's default parameters


def _with_log(page, server, log):
    page.goto(f"{server}/quiz/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [KEY, json.dumps({"format": "cardsite-quiz", "version": 1, "cards": {}, "log": log})])
    page.reload()
    page.locator(".quiz-card").wait_for()


def _open_settings(page):
    page.locator(".quiz-settings > summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".quiz-optimiser")).to_be_visible()


def test_optimising_a_thousand_reviews_lowers_their_loss_and_the_quiz_uses_the_fit(page, server):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    _with_log(page, server, generated_log(1000))
    page.locator(".quiz-flip").click()
    expect(page.locator(".quiz-grade--easy .quiz-grade__interval")).to_have_text(DEFAULT_EASY)
    _open_settings(page)
    about = page.locator(".quiz-optimiser p").nth(1)
    expect(about).to_have_text("Your schedule uses FSRS's default parameters.")
    run = page.get_by_role("button", name="Optimise my schedule")
    run.focus()
    page.keyboard.press("Enter")  # the focused button, not the card's keys
    result = page.locator(".quiz-optimiser-result")
    expect(result).to_contain_text("Fitted in", timeout=90_000)
    text = result.inner_text()
    before, after = map(float, re.search(r"reviews: ([\d.]+) with the parameters in use, ([\d.]+) with the fitted",
                                         text).groups())
    assert after < before, text
    assert "1,000 reviews" in text
    settings = json.loads(page.evaluate("k => localStorage.getItem(k)", SETTINGS))
    fitted = settings["parameters"]
    assert len(fitted) == 21 and all(isinstance(x, (int, float)) for x in fitted)
    assert settings["fitted"]["reviews"] == 1000 and settings["fitted"]["after"] == pytest.approx(after, abs=1e-4)
    expect(about).to_contain_text("Your schedule uses parameters fitted to your 1,000 reviews")
    assert violations == []  # WebAssembly compiles under the site's policy

    page.locator('input[name="new-per-day"]').fill("25")  # another setting, saved after the fit, keeps it
    page.get_by_role("button", name="Set", exact=True).click()
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", SETTINGS))
    assert stored["parameters"] == fitted and stored["newPerDay"] == {"all": 25}

    page.reload()  # the next session schedules with the reader's own parameters
    page.locator(".quiz-flip").click()
    expect(page.locator(".quiz-grade--easy .quiz-grade__interval")).not_to_have_text(DEFAULT_EASY)
    _open_settings(page)
    page.get_by_role("button", name="Use the default parameters").click()
    expect(about).to_have_text("Your schedule uses FSRS's default parameters.")
    assert "parameters" not in json.loads(page.evaluate("k => localStorage.getItem(k)", SETTINGS))


def test_too_few_reviews_say_how_many_are_needed(page, server):
    _with_log(page, server, generated_log(120))
    _open_settings(page)
    expect(page.locator(".quiz-optimiser p").nth(1)).to_have_text(
        "Your schedule uses FSRS's default parameters. Optimising needs 400 reviews; you have 120.")
    expect(page.get_by_role("button", name="Optimise my schedule")).to_be_disabled()
