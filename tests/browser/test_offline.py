"""Offline and installable (issue 14): after one visit the quiz and the
pages the reader opened load with the network off; "Keep the quiz offline"
keeps every deck's cards; search answers offline what it answered online;
Chromium finds the site installable."""

import re
import shutil

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def controlled(page) -> None:
    """Waits until the service worker serves this page (it claims its pages on activation)."""
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=10_000)


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context
    context.close()


def test_the_quiz_and_a_visited_page_load_offline(context, server):
    page = context.new_page()
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-card")).to_be_visible()
    controlled(page)
    page.reload()  # now through the worker: the page and what it loads are kept
    expect(page.locator(".quiz-card")).to_be_visible()
    page.goto(f"{server}/concepts/adam/")
    expect(page.locator("h1")).to_have_text(re.compile("Adam"))
    context.set_offline(True)
    page.goto(f"{server}/quiz/?concept=softmax")
    expect(page.locator(".quiz-card")).to_be_visible()
    expect(page.locator(".quiz-status")).to_have_text(re.compile(r"^New \d+ · Learning"))
    page.goto(f"{server}/concepts/adam/")
    expect(page.locator("h1")).to_have_text(re.compile("Adam"))
    with pytest.raises(Exception):  # never opened: not kept
        page.goto(f"{server}/concepts/softmax/")
        expect(page.locator("h1")).to_have_text("Softmax", timeout=2000)


def test_keep_the_quiz_offline_keeps_every_deck(context, server):
    page = context.new_page()
    page.goto(f"{server}/quiz/?concept=softmax")
    controlled(page)
    # pages load while the worker starts (navigation preload), not after
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.navigationPreload.getState())")["enabled"]
    page.locator(".quiz-settings summary").click()
    page.locator('.offline-keep[data-keep="quiz"]').click()
    expect(page.locator(".offline-status")).to_have_text(re.compile(r"^Kept \d+ files offline\.$"), timeout=30_000)
    context.set_offline(True)
    page.goto(f"{server}/quiz/?deck=ml-quizlet-set")  # a scope never opened online
    expect(page.locator(".quiz-card")).to_be_visible()
    expect(page.locator(".quiz-scope")).to_have_text(re.compile(r"— 5\d cards$"))


def test_search_works_offline_for_what_was_searched_online(context, server):
    page = context.new_page()
    page.goto(f"{server}/concepts/adam/")
    controlled(page)
    page.reload()  # through the worker: what search fetches from now on is kept
    box = page.locator("input.md-search__input")
    page.keyboard.press("/")
    page.keyboard.type("softmax")
    first = page.locator(".md-search-result__item > a").first
    expect(first).to_have_attribute("href", re.compile(r"/concepts/softmax/$"))
    page.wait_for_load_state("networkidle")
    context.set_offline(True)
    page.reload()
    page.keyboard.press("/")
    expect(box).to_be_focused()
    page.keyboard.type("softmax")
    expect(first).to_have_attribute("href", re.compile(r"/concepts/softmax/$"))


def test_chromium_finds_the_site_installable(browser, server, tmp_path):
    from conftest import CHROMIUM, CHROMIUM_ARGS

    # a profile of its own: Playwright's usual contexts are incognito, where Chromium never offers to install
    profile = browser.browser_type.launch_persistent_context(tmp_path / "profile", executable_path=CHROMIUM,
                                                             args=CHROMIUM_ARGS)
    try:
        page = profile.new_page()
        page.goto(f"{server}/")
        controlled(page)
        page.reload()
        session = profile.new_cdp_session(page)
        errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], errors
        manifest = session.send("Page.getAppManifest")
        assert manifest["url"].endswith("/manifest.json") and not manifest.get("errors"), manifest
    finally:
        profile.close()


def test_a_new_build_is_served_on_the_next_online_visit(context, seed_site, tmp_path):
    from conftest import serve

    site = tmp_path / "site"
    shutil.copytree(seed_site / "site", site)
    for url in serve(site):
        page = context.new_page()
        page.goto(f"{url}/concepts/adam/")
        controlled(page)
        page.reload()  # kept by the worker
        page_file = site / "concepts" / "adam" / "index.html"
        page_file.write_text(page_file.read_text().replace("</h1>", " (rebuilt)</h1>", 1))  # a new build
        page.reload()
        expect(page.locator("h1")).to_have_text(re.compile(r"\(rebuilt\)$"))  # online: the network's, not the kept one
        context.set_offline(True)
        page.reload()
        expect(page.locator("h1")).to_have_text(re.compile(r"\(rebuilt\)$"))  # and what is kept is the new one


def test_each_build_keeps_its_own_cache_and_drops_the_last(context, seed_site, hostile_site, tmp_path):
    """The worker carries its build's id (hooks/offline.py): another build's
    worker is installed on the next visit, keeps what it serves under its own
    name and drops the caches of earlier builds, so no page of the new build
    mixes with files of the old."""
    from conftest import eventually, serve

    ids = [re.search(r'BUILD = "([0-9a-f]{16})"', (s / "site" / "sw.js").read_text()).group(1)
           for s in (seed_site, hostile_site)]
    assert ids[0] != ids[1]  # other sources, another build
    site = tmp_path / "site"
    shutil.copytree(seed_site / "site", site)
    names = "async () => (await caches.keys()).filter(n => n.startsWith('cardsite-offline-'))"
    for url in serve(site):
        page = context.new_page()
        page.goto(f"{url}/concepts/adam/")
        controlled(page)
        page.reload()
        assert page.evaluate(names) == [f"cardsite-offline-{ids[0]}"]
        worker = site / "sw.js"
        worker.write_text(worker.read_text().replace(ids[0], ids[1]))  # the next build's worker
        # a browser looks for a new worker as pages are opened; the test asks at once
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        eventually(page, f"async () => (await ({names})()).join() === 'cardsite-offline-{ids[1]}'", timeout_ms=10_000)
        page.reload()
        context.set_offline(True)
        page.reload()  # served from the new build's cache
        expect(page.locator("h1")).to_contain_text("Adam")
        break
