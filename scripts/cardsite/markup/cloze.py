"""Cloze deletions in a card's Markdown, as read/anki_fields.py writes them:
<span class="cloze" data-cloze="N" title="hint">text</span>, possibly nested;
the site's renderer keeps these spans as they are, so the functions below
work on the Markdown and on the HTML rendered from it alike.

The page shows the whole text with every deletion marked. The quiz asks one
item per deletion number, as Anki does: that number's deletions hidden as
[...] (or [hint]), every other deletion shown as plain text; the answer side
marks what was hidden."""

from __future__ import annotations

import html
import re

MARK = '<span class="cloze" data-cloze="'
_TAG = re.compile(r'<span class="cloze" data-cloze="(\d+)"(?: title="([^"]*)")?>|<span\b[^>]*>|</span>')
# in rendered HTML, innermost first: a cloze holds no other span
_INNERMOST = re.compile(r'<span class="cloze" data-cloze="(\d+)"(?: title="([^"]*)")?>((?:(?!<span\b).)*?)</span>', re.S)


def opening(number: int, hint: str = "") -> str:
    """The tag that opens deletion `number` (its end is </span>)."""
    title = f' title="{html.escape(hint)}"' if hint else ""
    return f'{MARK}{number}"{title}>'


def numbers(markdown: str) -> list[int]:
    return sorted({int(m.group(1)) for m in _TAG.finditer(markdown) if m.group(1)})


def question(markdown: str, number: int) -> str:
    """The text with deletion `number` hidden."""
    def hidden(hint: str, _inner: str) -> str:
        shown = f"[{html.escape(hint, quote=False)}]" if hint else "[...]"
        return f'<span class="cloze cloze-hidden">{shown.replace("[", "&#91;").replace("]", "&#93;")}</span>'
    return _rewrite(markdown, number, hidden)


def answer(markdown: str, number: int) -> str:
    """The text with deletion `number` marked as the answer."""
    return _rewrite(markdown, number, lambda _hint, inner: f'<span class="cloze cloze-answer">{inner}</span>')


def to_anki(fragment: str) -> str:
    """Rendered HTML with its deletions written back as Anki's {{cN::…::hint}}."""
    while (anki := _INNERMOST.sub(_anki_cloze, fragment)) != fragment:
        fragment = anki
    return fragment


def _anki_cloze(m: re.Match) -> str:
    hint = f"::{m.group(2)}" if m.group(2) else ""
    return f"{{{{c{m.group(1)}::{m.group(3)}{hint}}}}}"


def _rewrite(markdown: str, number: int, asked) -> str:
    """Deletions of `number` through `asked(hint, inner)`; the others unwrapped."""
    out: list[str] = []
    stack: list[tuple[int, str, int] | None] = []  # per open span: (number, hint, where its text starts) or None
    at = 0
    for m in _TAG.finditer(markdown):
        out.append(markdown[at:m.start()])
        at = m.end()
        if m.group(0).startswith("</"):
            opened = stack.pop() if stack else None
            if opened is None:
                out.append(m.group(0))
                continue
            n, hint, start = opened
            inner = "".join(out[start:])
            del out[start:]
            out.append(asked(hint, inner) if n == number else inner)
        elif m.group(1):
            stack.append((int(m.group(1)), html.unescape(m.group(2) or ""), len(out)))
        else:
            stack.append(None)
            out.append(m.group(0))
    out.append(markdown[at:])
    return "".join(out)
