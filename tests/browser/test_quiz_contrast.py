"""Every control of the quiz is readable in both palettes: text at least
4.5:1 against what is behind it (WCAG AA), a button's border at least 3:1,
computed from the styles Chromium applies."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# For each visible element: its text colour blended over the first opaque
# background behind it, its border over the background around it, and the
# WCAG contrast ratios.
CONTRASTS = """(selector) => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, below) => top.slice(0, 3).map((v, i) => v * top[3] + below[i] * (1 - top[3])).concat([1]);
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let base = [255, 255, 255, 1];
    for (const c of layers.reverse()) base = over(c, base);
    return base;
  };
  const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  return [...document.querySelectorAll(selector)].filter(e => e.offsetParent !== null && e.textContent.trim())
    .map(e => {
      const s = getComputedStyle(e), bg = background(e);
      const text = over(parse(s.color), bg);
      const border = parseFloat(s.borderTopWidth) > 0 && s.borderTopStyle !== "none" ? parse(s.borderTopColor) : null;
      const outside = background(e.parentElement);  // what a button's edge stands out from
      return { what: e.className || e.tagName, text: e.textContent.trim().slice(0, 30),
               textRatio: ratio(text, bg), borderRatio: border && border[3] > 0 ? ratio(over(border, outside), outside) : null };
    });
}"""
CONTROLS = ".quiz-count, .quiz-flip, .quiz-grade, .quiz-grade__interval, .quiz-open, .quiz-notice, .quiz-scope, " \
           ".quiz-settings summary, .quiz-settings label, .quiz-settings .md-button, .quiz-summary li, .quiz-more, .quiz-back"


def low_contrast(page) -> list[dict]:
    found = page.evaluate(CONTRASTS, CONTROLS)
    assert found
    return [f for f in found if f["textRatio"] < 4.5 or (f["borderRatio"] is not None and "md-button" in f["what"]
                                                         and f["borderRatio"] < 3)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_quiz_control_is_readable_in_both_palettes(browser, server, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{server}/quiz/?concept=softmax")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
        page.locator(".quiz-settings summary").click()
        problems = low_contrast(page)  # the front, the counts, the settings open
        page.locator(".quiz-flip").click()
        problems += low_contrast(page)  # the grade buttons and their intervals
        for _ in range(5):  # the concept's three cards
            page.locator(".quiz-card, .quiz-summary").first.wait_for()
            if not page.locator(".quiz-card").count():
                break
            if page.locator(".quiz-flip").is_visible():
                page.locator(".quiz-flip").click()
            page.locator(".quiz-grade--easy").click()
        expect(page.locator(".quiz-summary")).to_be_visible()
        problems += low_contrast(page)  # the end of the session
        assert problems == [], problems
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["concepts/softmax/", "decks/ml-quizlet-set/"])
def test_the_buttons_and_links_of_pages_are_readable_in_both_palettes(browser, server, scheme, path):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(f"{server}/{path}")
        found = page.evaluate(CONTRASTS, ".md-content .md-button, .md-content a:not(.headerlink)")
        assert len(found) > 3
        low = [f for f in found if f["textRatio"] < 4.5 or ("md-button" in f["what"] and f["borderRatio"] < 3)]
        assert low == [], low
    finally:
        context.close()
