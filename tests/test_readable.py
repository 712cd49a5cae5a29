"""A field's text as a person reads it (cardsite.markup.readable), made from
the tree the page's HTML comes from: what search indexes and what a link
preview or chat preview says."""

import pytest

from conftest import OPTIONS

from cardsite.markup.card_syntax import audio_tag, cloze_opening, CLOZE_END, missing_media
from cardsite.site.card_html import CardRenderer

RENDERER = CardRenderer(OPTIONS.markdown)  # the site's own Markdown, a cache of its own


def read(markdown: str) -> str:
    return RENDERER.field(markdown).text


@pytest.mark.parametrize("markdown, text", [
    # lines an Anki field parts with <br> read as a list; a wrapped sentence reads on
    ("Reduce the model size<br>Regularize<br>Estimate how much data you need.",
     "Reduce the model size; Regularize; Estimate how much data you need."),
    ("Student pilot certificates issued after April 2016 do not expire. If you have a<br>paper certificate, see 61.19",
     "Student pilot certificates issued after April 2016 do not expire. If you have a paper certificate, see 61.19"),
    ("m: slope<br>b: constant", "m: slope; b: constant"),
    ("Steps:<br>1. warm up<br>2) stretch<br>- run", "Steps: warm up; stretch; run"),
    ("- Loss of consciousness\n- Amnesia\n\n1. first\n2. second", "Loss of consciousness; Amnesia; first; second"),
    ("# Heading\n\nBody text.", "Heading; Body text."),
    ("| a | b |\n|---|---|\n| c | d |", "a b; c d"),
    # what came from where, addresses, rules: not prose
    ("Definition.<br>Source: https://example.org/x", "Definition."),
    ("See [the paper](https://arxiv.org/abs/1) and https://example.org too", "See the paper and too"),
    ("Text\n\n---\n\nMore", "Text More"),
    ("\\`\\`\\`bash<br>ls -l<br>\\`\\`\\`", "ls -l"),
    # code blocks and displayed formulas are not read; an inline formula reads as its TeX without commands
    ("Softplus: $\\log(1+e^x)$ and\n\n```python\nprint(1)\n```\n\n$$x^2$$", "Softplus: log(1+e^x) and"),
    ("An aligned formula $\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}$ reads as noise", "An aligned formula reads as noise"),
    ("It is `x = 1` here", "It is x = 1 here"),
    # emphasis, HTML, entities: their text only
    ("**bold** <b>html bold</b> a &amp; b &lt;tag&gt; _it_", "bold html bold a & b <tag> it"),
    ("Mail me: <someone@example.org>", "Mail me: someone@example.org"),
    # media: an image by its description; sound and a missing file are not read
    (f"Heart sound {audio_tag('lub.mp3')} ![a diagram of the heart](heart.png) {missing_media('image', 'x.png')}",
     "Heart sound a diagram of the heart"),
    # a deletion reads as its text
    (f"The {cloze_opening(1, 'organ')}heart{CLOZE_END} pumps", "The heart pumps"),
])
def test_a_field_reads_as_a_person_reads_it(markdown, text):
    assert read(markdown) == text


def test_a_formula_katex_cannot_render_is_not_read():
    """Shown as its TeX in code style on the page (cards/formulas.py); a
    preview would show a screen of backslashes."""
    assert read("Its derivative:\n\n`$$\\mbox{if } x > 0$$`") == "Its derivative:"


def test_page_search_and_preview_come_from_one_parse():
    """The readable text is made with the page's HTML, from the same tree."""
    field = RENDERER.field("A **term**<br>its definition")
    assert field.html == "<p>A <strong>term</strong><br>its definition</p>"
    assert field.text == "A term; its definition"
