"""The span tokenizer (cardsite.markup.spans) against Python-Markdown itself, with
the site's own extensions: what it calls code or math is what Markdown
renders as code or math, on generated text full of dollars, backticks,
backslashes and HTML. Where it errs, it may only err towards prose (which
the sanitiser then escapes), never towards code or math that Markdown would
read as HTML."""

import html
from collections import Counter
from html.parser import HTMLParser

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import OPTIONS
from test_bad_input import dangers

from cardsite.markup.sanitize import safe_markdown
from cardsite.markup.spans import SPANS

PROFILE = settings(max_examples=400, deadline=None)
SITE_MARKDOWN = markdown.Markdown(extensions=list(OPTIONS.markdown.extensions),
                                  extension_configs=OPTIONS.markdown.configs)

# Inline syntax that decides what is code or math, and HTML that must never slip through.
INLINE = ["a", "b2", " ", " ", "$", "$", "$$", "`", "`", "``", "\\", "\\\\", "\\(", "\\)", "\\$", "\\`", "x+y",
          "<b>", "</b>", "<img src=x onerror=alert(1)>", "&amp;", "*", "_", "{", "中文", "\n"]
inline_text = st.lists(st.sampled_from(INLINE), min_size=1, max_size=14).map("".join)
# A paragraph's line starts with a word: a marker there would open a list, heading or quote.
paragraph = st.tuples(st.sampled_from(["a", "Q", "x"]), inline_text).map("".join)
fence = st.tuples(st.sampled_from(["```", "~~~", "````"]), inline_text).map(
    lambda t: f"{t[0]}\n{t[1]}\n{t[0]}")
display = st.tuples(st.sampled_from([("$$", "$$"), ("\\[", "\\]"), ("\\begin{aligned}", "\\end{aligned}")]),
                    st.sampled_from(["x^2", "a \\$ b", "<b>", "y`z`"])).map(lambda t: f"{t[0][0]}{t[1]}{t[0][1]}")
document = st.lists(st.one_of(paragraph, paragraph, fence, display), min_size=1, max_size=5).map("\n\n".join)

# Block structure the tokenizer reads conservatively (each item, heading,
# quote and table cell on its own): anything goes, but no invented span.
BLOCKY = INLINE + ["\n- ", "\n* ", "\n1. ", "\n# ", "\n> ", "|", "\n|---|---|\n", "\n\n", "\n```\n", "\n~~~\n"]
any_text = st.lists(st.sampled_from(BLOCKY), min_size=1, max_size=24).map("".join)


class _SpansOfHtml(HTMLParser):
    """What Markdown made code or math, as (kind, content), in page order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._open, self._text = [], [], []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        kind = ("fence" if tag == "pre" else "math" if "arithmatex" in classes else
                "code" if tag == "code" and not any(k == "fence" for k, _ in self._open) else None)
        self._open.append((kind, tag))
        if kind:
            self._text = []

    def handle_endtag(self, tag):
        while self._open:
            kind, opened = self._open.pop()
            if kind:
                self.found.append((kind, "".join(self._text)))
            if opened == tag:
                break

    def handle_data(self, data):
        self._text.append(data)


def markdowns_spans(text: str) -> list[tuple[str, str]]:
    SITE_MARKDOWN.reset()
    parser = _SpansOfHtml()
    parser.feed(SITE_MARKDOWN.convert(text))
    out = []
    for kind, content in parser.found:
        if kind == "math":  # arithmatex writes \(…\) or \[…\] around the TeX
            out.append(("math", content[2:-2].strip()))
        elif kind == "code":
            out.append(("code", content.strip()))
        else:
            out.append(("fence", content.strip("\n")))
    return out


def our_spans(text: str) -> list[tuple[str, str]]:
    out = []
    for m in SPANS.finditer(text):
        if m.group("fence"):
            out.append(("fence", "\n".join(m.group(0).split("\n")[1:-1])))
        elif m.group("code"):
            code = m.group("code")  # in a quote, without its > marks
            ticks = len(code) - len(code.rstrip("`"))  # the closing run; an opening one may be longer
            out.append(("code", code[ticks:-ticks].strip()))
        else:
            tex = next(m.group(g) for g in ("block", "inline", "paren", "bracket") if m.group(g) is not None)
            inline = m.group("inline") is not None or m.group("paren") is not None
            # arithmatex writes inline TeX as it is (an entity stays one) and escapes display TeX
            out.append(("math", (html.unescape(tex) if inline else tex).strip()))
    return out


def _comparable(spans):
    # Markdown escapes and unescapes code and math text on its way; compare what a reader sees
    return [(kind, " ".join(content.split())) for kind, content in spans]


@PROFILE
@given(document)
@example("see $a <img src=x onerror=alert(1)> `$` here")  # issue 25: the code span comes first
@example("a $$ <img src=x onerror=alert(1)> $$ b")  # no display math inside a sentence
@example("a $x `y` z$")  # math never crosses a code span
@example("```\n<img src=x onerror=alert(1)>")  # an unclosed fence is no fence
@example("a \\\\$x$ and \\$y$")
@example("``a`` and ```b`` and `c")
def test_spans_are_the_ones_markdown_renders(text):
    assert _comparable(our_spans(text)) == _comparable(markdowns_spans(text)), text


@PROFILE
@given(any_text)
@example("- a $x\n- <img src=x onerror=alert(1)>$")
@example("| $a | <img src=x onerror=alert(1)>$ |\n|---|---|\n| b | c |")
def test_no_span_that_markdown_would_read_as_prose(text):
    ours, theirs = Counter(_comparable(our_spans(text))), Counter(_comparable(markdowns_spans(text)))
    assert not ours - theirs, (text, ours - theirs)


@PROFILE
@given(st.one_of(document, any_text))
def test_sanitised_text_renders_nothing_that_runs(text):
    # Markdown alone, without the rendered-HTML allow-list behind it
    SITE_MARKDOWN.reset()
    assert dangers(SITE_MARKDOWN.convert(safe_markdown(text))) == [], text
