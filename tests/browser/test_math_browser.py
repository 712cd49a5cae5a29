"""Math in a real browser: every formula rendered by KaTeX at build time,
no error boxes, no raw TeX left, fonts served from 127.0.0.1 only."""

from contextlib import closing

import pytest
from conftest import SOURCES, serve
from playwright.sync_api import expect
from walk import walk

pytestmark = pytest.mark.browser



def pages_to_walk(site):
    """Every page with math in it or anything that could read as math, and
    every page of a kind (by its first folder) for the requests check."""
    pages, kinds = [], {}
    for path in sorted(site.rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        url = ("/" + path.relative_to(site).parent.as_posix().removeprefix(".") + "/").replace("//", "/")
        article = text[text.find("<article"):text.find("</article>")]
        kind = url.strip("/").split("/")[0]
        if "katex" in article or "$" in article or "\\(" in article or kind not in kinds:
            pages.append(url)
            kinds[kind] = url
    return pages


def test_no_page_has_raw_or_broken_math_and_nothing_leaves_localhost(browser, seed_site):
    site = seed_site / "site"
    pages = pages_to_walk(site)
    assert len(pages) > 10 and "/concepts/cross-entropy-loss/" in pages and "/glossary/" in pages
    with closing(serve(site)) as server:
        assert walk(next(server), pages, "math") == []


@pytest.mark.parametrize("slug, formulas", [
    ("cross-entropy-loss", 2), ("precision-and-recall", 2), ("mixup", 4),
])
def test_source_formulas_are_katex_on_their_concept_page(page, server, slug, formulas):
    page.goto(f"{server}/concepts/{slug}/")
    expect(page.locator("article .katex")).to_have_count(formulas)


def test_repaired_chinese_note_formulas_render(page, server):
    page.goto(server + "/decks/misc-ai-python-zh/")
    annotations = page.locator("article .katex annotation").all_text_contents()
    for tex in (r"h_t = \sigma \Big( W_{hh} h_{t-1} +W_{hx} x_t + b_t)", r"h[n] = \lbrace 0.5, 0.5 \rbrace",
                r"softplus = \log ( 1 +e^x)", "R(x) = F(x) - x"):
        assert tex in annotations
    zh_formulas = (SOURCES / "misc-ai-python.zh.md").read_text(encoding="utf-8").count("$")
    assert len(set(annotations)) == zh_formulas  # each `(…$` became exactly one formula


def test_katex_font_loads_from_the_site(page, server):
    fonts = []
    page.on("response", lambda r: fonts.append((r.url, r.status)) if r.url.endswith(".woff2") else None)
    page.goto(server + "/concepts/precision-and-recall/")
    page.wait_for_function("document.fonts.check('16px KaTeX_Main')")
    assert page.evaluate("document.fonts.check('16px KaTeX_Main')")
    assert fonts and all(url.startswith(server + "/assets/katex/fonts/") and status == 200 for url, status in fonts)
