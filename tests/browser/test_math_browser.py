"""Math in a real browser: every formula rendered by KaTeX at build time,
no error boxes, no raw TeX left, fonts served from 127.0.0.1 only."""

import re
from urllib.parse import urlsplit

import pytest
from conftest import SOURCES
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

RAW_MATH = re.compile(r"(?<![\\\w])\$[^$\s][^$\n]*?[^\s\\]\$(?!\w)|\\\(.+?\\\)")


def all_pages(site):
    return sorted("/" + p.relative_to(site).parent.as_posix().removeprefix(".") for p in site.rglob("index.html")
                  if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


def test_no_page_has_raw_or_broken_math_and_nothing_leaves_localhost(browser, server, seed_site):
    context = browser.new_context()
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
    pages = all_pages(seed_site / "site")
    assert len(pages) > 250
    for path in pages:
        page.goto(server + path.replace("//", "/"))
        assert page.locator(".katex-error").count() == 0, path
        text = page.evaluate("""() => { const a = document.querySelector('article').cloneNode(true);
            a.querySelectorAll('code, pre, .katex').forEach(e => e.remove()); return a.innerText; }""")
        assert not RAW_MATH.search(text), (path, RAW_MATH.search(text).group(0))
    assert outside == []
    context.close()


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
