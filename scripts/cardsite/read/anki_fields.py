"""An Anki field (HTML, or plain text in a text export without #html:true)
as the site's Markdown, with Anki's own markup turned into what the site shows:

  math    \\(…\\) and [$]…[/$] inline; \\[…\\], [$$]…[/$$], [latex]…[/latex]
          displayed. The TeX is taken out before the HTML is converted (a
          formula may run across <br> and <div>, and hold &lt; or &amp;).
  audio   [sound:x.mp3] → an <audio> player (cardsite.cards.media publishes x.mp3)
  cloze   {{c1::text}}, {{c1::text::hint}}, nested, several numbers →
          <span class="cloze" data-cloze="1" title="hint">text</span>; the
          quiz asks one item per number (cardsite.markup.card_syntax)

The converted parts travel through the HTML → Markdown step as private-use
characters, so nothing in it can escape or split them."""

from __future__ import annotations

import html
import re

from ..markup.card_syntax import CLOZE_END, MARK as CLOZE_MARK, audio_tag, cloze_opening
from ..markup.html_markdown import html_to_markdown, html_to_text

_MATH = re.compile(
    r"\\\((?P<paren>.+?)\\\)|\\\[(?P<bracket>.+?)\\\]"
    r"|\[\$\](?P<dollar>.+?)\[/\$\]|\[\$\$\](?P<dollars>.+?)\[/\$\$\]|\[latex\](?P<latex>.+?)\[/latex\]",
    re.S | re.I)
_SOUND = re.compile(r"\[sound:([^\]\n]+)\]")
_CLOZE_OPEN = re.compile(r"\{\{c(\d+)::")
_UNCLOSED_TAG = re.compile("<(?=[^<>]*(?:<|\ue100|$))")
_PLACEHOLDER = re.compile("\ue100(\\d+)\ue101")
# where a Markdown block ends: a blank line, or a line that starts a list item (group 2: its marker)
_BLOCK_END = re.compile(r"(\n(?:[ \t]*\n)*)([ \t]*(?:[-*+]|\d+\.)[ \t]+)?")


def has_deletion(field: str) -> bool:
    """Whether the field holds a cloze deletion ({{cN::…}}, closed)."""
    return any(field.find("}}", m.end()) >= 0 for m in _CLOZE_OPEN.finditer(field))


def field_to_markdown(field: str, is_html: bool = True) -> str:
    parts: list[str] = []

    def hold(markdown: str) -> str:
        parts.append(markdown)
        return f"\ue100{len(parts) - 1}\ue101"

    inline: dict[str, str] = {}  # a displayed formula's placeholder → the formula inline, for inside a deletion

    def hold_math(m: re.Match) -> str:
        displayed, inline_form = _math(m, is_html)
        held = hold(displayed)
        inline[held] = inline_form
        return held

    text = _MATH.sub(hold_math, field)
    text = _SOUND.sub(lambda m: hold(audio_tag(html.unescape(m.group(1)).strip())), text)
    def as_text(hint: str) -> str:  # a hint is text: what it holds (a formula, a sound) as text too
        return _PLACEHOLDER.sub(lambda m: html_to_text(parts[int(m.group(1))]), hint)

    text = _clozes(text, hold, as_text, is_html)
    if is_html:  # a < that no > closes is text (else the HTML parser would take in what follows)
        text = _UNCLOSED_TAG.sub("&lt;", text)
    else:
        text = html.escape(text.strip()).replace("\n", "<br>")
    markdown = _deletions_per_block(html_to_markdown(text), parts, inline)
    for _ in range(3):  # a cloze holds math or audio, a nested cloze holds a cloze
        markdown = _PLACEHOLDER.sub(lambda m: parts[int(m.group(1))], markdown)
    return markdown


def _deletions_per_block(markdown: str, parts: list[str], inline: dict[str, str]) -> str:
    """A deletion that runs over several blocks (a paragraph and a list, as
    Anki's editor allows) closed at the end of each block and opened again in
    the next: no inline element spans two blocks, and each piece is then
    hidden as Anki hides the whole. A displayed formula inside a deletion is
    set inline (in display style), to be hidden with it."""
    out, open_ones, at = [], [], 0
    for m in re.finditer(f"{_PLACEHOLDER.pattern}|{_BLOCK_END.pattern}", markdown):
        out.append(markdown[at:m.start()])
        at = m.end()
        if m.group(1) is not None:
            part = parts[int(m.group(1))]
            if part.startswith(CLOZE_MARK):
                open_ones.append(part)
            elif part == CLOZE_END and open_ones:
                open_ones.pop()
            out.append(inline.get(m.group(0), m.group(0)) if open_ones else m.group(0))
        elif open_ones and (m.group(2).count("\n") > 1 or m.group(3)):
            out += [CLOZE_END * len(open_ones), m.group(2), m.group(3) or "", *open_ones]
        else:
            out.append(m.group(0))
    return "".join(out) + markdown[at:]


def _math(m: re.Match, is_html: bool) -> tuple[str, str]:
    """The formula as the site's Markdown, and set inline."""
    kind = m.lastgroup
    tex = m.group(kind)
    if is_html:
        tex = html_to_text(re.sub(r"(?i)<br\s*/?>|</?div[^>]*>", "\n", tex))
    tex = re.sub(r"\n\s*\n+", "\n", tex).strip()
    if not tex:
        return "", ""
    if kind in ("paren", "dollar"):
        return (inline := f"\\({tex.replace(chr(10), ' ')}\\)"), inline
    return f"\n\n$$\n{tex}\n$$\n\n", f"\\(\\displaystyle {tex.replace(chr(10), ' ')}\\)"


def _clozes(text: str, hold, as_text, is_html: bool) -> str:
    """Each {{cN::…[::hint]}}, innermost first, as a held span whose content
    goes on through the HTML conversion."""
    while True:
        opens = list(_CLOZE_OPEN.finditer(text))
        for m in reversed(opens):  # innermost: the last opening before a closing
            close = text.find("}}", m.end())
            if close < 0:
                continue
            inner = text[m.end():close]
            if _CLOZE_OPEN.search(inner):
                continue
            body, _, hint = inner.partition("::")
            hint = as_text(html_to_text(hint) if is_html else hint).strip()
            span = hold(cloze_opening(int(m.group(1)), hint))
            text = text[:m.start()] + span + body + hold(CLOZE_END) + text[close + 2:]
            break
        else:
            return text
