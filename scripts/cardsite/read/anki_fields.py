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

from ..markup.card_syntax import (CLOZE_BLOCK_END, CLOZE_END, MARK as CLOZE_MARK, audio_tag, cloze_block_opening,
                                  cloze_opening)
from ..markup.html_markdown import html_to_markdown, html_to_text

_MATH = re.compile(
    r"\\\((?P<paren>.+?)\\\)|\\\[(?P<bracket>.+?)\\\]"
    r"|\[\$\](?P<dollar>.+?)\[/\$\]|\[\$\$\](?P<dollars>.+?)\[/\$\$\]|\[latex\](?P<latex>.+?)\[/latex\]",
    re.S | re.I)
_SOUND = re.compile(r"\[sound:([^\]\n]+)\]")
_CLOZE_OPEN = re.compile(r"\{\{c(\d+)::")
_UNCLOSED_TAG = re.compile("<(?=[^<>]*(?:<|\ue100|$))")
_PLACEHOLDER = re.compile("\ue100(\\d+)\ue101")
# a held part and what follows it, when that could start a block: "#", ">", "-", "+"
_BLOCK_AFTER = re.compile("\ue100(\\d+)\ue101(?=[#>+-])")
# html_to_markdown's code blocks (its <pre>: Anki text's own backticks are escaped)
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
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
    # a displayed formula is a block of its own: a "#", ">", "-" or "+" after it is text, not a block's mark
    markdown = _BLOCK_AFTER.sub(lambda m: m.group(0) + "\\" if parts[int(m.group(1))].endswith("\n\n") else m.group(0),
                                markdown)
    for _ in range(3):  # a cloze holds math or audio, a nested cloze holds a cloze
        markdown = _PLACEHOLDER.sub(lambda m: parts[int(m.group(1))], markdown)
    return markdown


def _deletions_per_block(markdown: str, parts: list[str], inline: dict[str, str]) -> str:
    """A deletion that runs over several blocks (a paragraph and a list, as
    Anki's editor allows) closed at the end of each block and opened again in
    the next: no inline element spans two blocks, and each piece is then
    hidden as Anki hides the whole. A code block inside a deletion is held in
    a block of the deletion's own (a div that Markdown reads inside,
    md_in_html), its code left as it is. A displayed formula inside a
    deletion is set inline (in display style), to be hidden with it."""
    out, open_ones, at = [], [], 0
    due = False  # the deletions in open_ones are to be opened again before what comes next

    def content(piece: str) -> None:
        nonlocal due
        if due and piece.replace("<br>", "").strip():  # not before a piece with nothing to see
            out.extend(open_ones)
            due = False
        out.append(piece)

    token = re.compile(f"{_PLACEHOLDER.pattern}|{_BLOCK_END.pattern}")
    while (m := token.search(markdown, at)) is not None:
        content(markdown[at:m.start()])
        at = m.end()
        if m.group(1) is not None:
            part = parts[int(m.group(1))]
            if due and part == CLOZE_END and open_ones:
                open_ones.pop()  # it ends before it was opened again
                continue
            content("")
            if due:
                out.extend(open_ones)
                due = False
            _follow(part, open_ones)
            out.append(inline.get(m.group(0), m.group(0)) if open_ones else m.group(0))
        elif not m.group(3) and (fence := _FENCE.match(markdown, at)):
            code_end = _fence_end(markdown, fence)
            if open_ones or _opens_deletion(markdown, at, code_end, parts):
                # a code block in a deletion, or one a deletion starts in: hidden whole, in blocks of its own
                before = list(open_ones)
                code, inside = _held_aside(markdown[at:code_end], parts, open_ones)
                around = before + inside
                out += ["" if due else CLOZE_END * len(before), m.group(2), *map(cloze_block_opening, around),
                        "\n\n", code.rstrip("\n"), "\n\n", CLOZE_BLOCK_END * len(around), "\n\n"]
                due = bool(open_ones)
            else:  # a code block no deletion touches: as it is, not read inside
                out.append(m.group(0) + markdown[at:code_end])
            at = code_end
        elif open_ones and (m.group(2).count("\n") > 1 or m.group(3)):
            out += ["" if due else CLOZE_END * len(open_ones), m.group(2), m.group(3) or ""]
            due = True
        else:
            out.append(m.group(0))
    content(markdown[at:])
    return "".join(out)


def _follow(part: str, open_ones: list[str]) -> bool:
    """open_ones after `part` (a held piece); whether it opened or closed a deletion."""
    if part.startswith(CLOZE_MARK):
        open_ones.append(part)
        return True
    if part == CLOZE_END and open_ones:
        open_ones.pop()
        return True
    return False


def _held_aside(code: str, parts: list[str], open_ones: list[str]) -> tuple[str, list[str]]:
    """The code without the deletions' tags in it (open_ones follows them), and those opened in it."""
    opened = []

    def aside(h: re.Match) -> str:
        part = parts[int(h.group(1))]
        if part.startswith(CLOZE_MARK):
            opened.append(part)
        return "" if _follow(part, open_ones) else h.group(0)

    return _PLACEHOLDER.sub(aside, code), opened


def _opens_deletion(markdown: str, start: int, end: int, parts: list[str]) -> bool:
    return any(parts[int(h.group(1))].startswith(CLOZE_MARK) for h in _PLACEHOLDER.finditer(markdown, start, end))


def _fence_end(markdown: str, fence: re.Match) -> int:
    """Where the code block `fence` opens ends: after its closing fence (or at the end)."""
    mark = fence.group(1)
    closing = re.compile(rf"^[ \t]*{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$", re.M).search(markdown, fence.end())
    return closing.end() if closing else len(markdown)


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
