"""The site built with the hostile decks (tests/hostile.py), in Chromium,
served WITHOUT the policy header (as GitHub Pages serves it), so that no
header can mask a hole: every page and every card of the quiz open with no
dialog, no script from content, no console error, no policy violation, no
element with an event-handler attribute and no script-capable URL; and the
policy every page carries in its <meta> really stops a script that got into
the content."""

import json
import re
import shutil
from contextlib import closing

import pytest
from conftest import OPTIONS, SEED_COUNTS, serve
from hostile import CASES
from playwright.sync_api import expect
from walk import WATCH, walk  # WATCH: the policy-violation recorder the walks use too

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    yield from serve(hostile_site / "site", policy_header=False)


@pytest.fixture
def watched(browser):
    """A page that records dialogs (and dismisses them), console errors,
    uncaught exceptions and policy violations."""
    context = browser.new_context()
    page = context.new_page()
    seen = {"dialogs": [], "errors": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.add_init_script(WATCH)
    yield page, seen
    context.close()


def test_every_page_opens_without_script_from_content(browser, hostile_site, seed_site, seed_url):
    """Every page of the hostile site that holds anything from the hostile
    decks. A page byte for byte the same as in the seed site (built from the
    same code without them, for the address its server has) cannot, so it is
    not opened again here; nor is a page of the seed site whose lines new in
    the hostile site (a backlink to a hostile concept, say) are all on a page
    of the same kind already walked: the same markup under the same scripts."""
    site, seeds = hostile_site / "site", seed_site / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    here, there = seed_url.encode(), OPTIONS.site_url.encode()  # the hostile site's address is the default one
    walked, seen, changed = [], set(), 0
    for p in pages:
        if not (seeds / p).is_file():
            walked.append(p)
            continue
        before = set((seeds / p).read_bytes().replace(here, there).splitlines())
        new = {(p.split("/")[0], line) for line in (site / p).read_bytes().splitlines() if line not in before}
        changed += bool(new)
        if not new <= seen:
            walked.append(p)
            seen |= new
    assert len(pages) > 500 and len(walked) > 250 and changed > 100
    with closing(serve(site, policy_header=False)) as server:
        assert walk(next(server), ["/" + p.removesuffix("index.html") for p in walked], "scripts") == []


def test_the_quiz_shows_every_card_without_script_from_content(watched, hostile_server, hostile_site):
    page, seen = watched
    items = [item for path in (hostile_site / "site" / "quiz" / "cards").glob("[0-9]*.json")
             for item in json.loads(path.read_text())["cards"]]
    # a cloze card is one item per deletion, its siblings buried until tomorrow once one is studied
    siblings = len([i for i in items if "note" in i]) - len({i["note"] for i in items if "note" in i})
    page.goto(f"{hostile_server}/")  # every card today: no daily limit of new cards for this scope
    page.evaluate("localStorage.setItem('cardsite.quiz.settings.v1', JSON.stringify({newPerDay: {all: 99999}}))")
    page.goto(f"{hostile_server}/quiz/?notes=1")
    expect(page.locator(".quiz-card")).to_be_visible()
    # Study every card, front and back, as fast as the page allows: Space
    # shows the answer, 4 grades it (Space moves on from a note).
    shown = page.evaluate("""async () => {
      const key = k => document.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true}));
      const pause = () => new Promise(r => setTimeout(r, 0));
      let shown = 0;
      for (let i = 0; i < 5000; i++) {
        if (document.querySelector(".quiz-summary")) return shown;
        const card = document.querySelector(".quiz-card");
        if (!card) { await pause(); continue; }
        shown += 1;
        key(" ");
        await pause();
        if (document.querySelector(".quiz-grade")) key("4"); else if (document.querySelector(".quiz-card") === card) key(" ");
        await pause();
      }
      return -1;
    }""")
    total = int(re.search(r"— (\d+) cards", page.locator(".quiz-scope").text_content()).group(1))  # in the folded settings
    assert total == len(items) == sum(SEED_COUNTS.values()) + sum(case.cards for case in CASES.values()) + siblings
    assert shown == total - siblings and siblings > 0
    expect(page.locator(".quiz-summary")).to_contain_text("Reviewed:")
    assert (seen["dialogs"], seen["errors"], page.evaluate("window.__cspViolations")) == ([], [], [])


def test_search_for_hostile_text_shows_it_as_text(watched, hostile_server):
    page, seen = watched
    page.goto(f"{hostile_server}/?q=payload")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.goto(f"{hostile_server}/?q=script")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert (seen["dialogs"], seen["errors"], page.evaluate("window.__cspViolations")) == ([], [], [])


def test_the_policy_stops_a_script_that_reached_the_content(watched, hostile_site, tmp_path):
    """Defence in depth: plant inline script in a built page's content, as a
    sanitiser bug would; the page's own policy refuses to run it."""
    page, seen = watched
    site = tmp_path / "site"
    shutil.copytree(hostile_site / "site", site)
    target = site / "concepts" / "softmax" / "index.html"
    html = target.read_text()
    planted = ('<script>window.__ran = "inline"</script><img src="x.png" onerror="window.__ran = \'onerror\'">'
               '<a id="planted" href="javascript:window.__ran=\'href\'">x</a>')
    target.write_text(html.replace('<article class="md-content__inner md-typeset">',
                                   '<article class="md-content__inner md-typeset">' + planted, 1))
    for url in serve(site, policy_header=False):
        page.goto(f"{url}/concepts/softmax/")
        page.locator("#planted").click()
        page.wait_for_timeout(200)
        assert page.evaluate("window.__ran") is None
        violations = page.evaluate("window.__cspViolations")
        assert {v.split()[0] for v in violations} >= {"script-src-elem", "script-src-attr"}, violations
        break
    assert seen["dialogs"] == []
