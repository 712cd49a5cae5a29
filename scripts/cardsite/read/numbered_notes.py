"""Notes as a numbered list (`1.  text` plus indented continuation lines).
Each item is a card; `Term: definition` (or a full-width `：`) splits it, as
does a short first line followed by its explanation or a leading **bold term**.
Anything else is kept whole as a note."""

from __future__ import annotations

import re

from ..cards.make import make_card
from ..cards.model import NOTE, UNANSWERED
from . import markdown
from .base import ReadResult

NAME = "markdown-numbered"

_ITEM = re.compile(r"^(\d{1,4})[.)][ \t\u00a0]+(.*)$")  # top level: column 0
_TERM_COLON = re.compile(r"^(?P<term>[^:：。，,;；$`*\n]{1,60}?)\s*[:：](?!//)\s*(?P<rest>.*)$")
_BOLD_TERM = re.compile(r"^\*\*(?P<term>[^*\n]{1,60})\*\*\s*(?P<rest>\S.*)$")
_SHORT_HEAD = re.compile(r"^[^。，,.;；:：$]{1,24}$")


def sniff(text: str) -> float:
    lines = text.split("\n")
    numbers = [int(m.group(1)) for ln in lines if (m := _ITEM.match(ln))]
    if not numbers:
        return 0.0
    in_order = sum(b == a + 1 for a, b in zip(numbers, numbers[1:])) / max(len(numbers) - 1, 1)
    headings = sum(bool(markdown.H2.match(ln)) for ln in lines)
    if headings >= len(numbers):
        return 0.3
    return 0.55 + 0.3 * in_order


def read(text: str, file: str, deck: str) -> ReadResult:
    doc = markdown.parse(text, file)
    result = ReadResult(problems=doc.problems, title=doc.title, tags=doc.tags, aliases=doc.aliases)
    items: list[tuple[int, list[str]]] = []
    preamble: list[tuple[int, str]] = []
    for number, line in doc.lines:
        item = _ITEM.match(line)
        if item:
            items.append((number, [item.group(2)]))
        elif items:
            items[-1][1].append(line)
        elif line.strip():
            preamble.append((number, line))
    if preamble:
        text = markdown.repaired(markdown.tidy([t for _, t in preamble]), file, preamble[0][0], result.problems)
        result.cards.append(make_card(deck=deck, file=file, line=preamble[0][0], front=text,
                                      kind=NOTE, tags=doc.tags))
    for number, lines in items:
        body = markdown.tidy([lines[0].lstrip("\u00a0 \t")] + markdown.dedent(lines[1:]))
        body = markdown.repaired(body, file, number, result.problems)
        term, definition = split_term(body)
        if term:
            kind = None if definition else UNANSWERED
            card = make_card(deck=deck, file=file, line=number, front=term, back=definition,
                             tags=doc.tags, kind=kind)
        else:
            card = make_card(deck=deck, file=file, line=number, front=body, kind=NOTE, tags=doc.tags)
        result.cards.append(card)
    return result


def split_term(body: str) -> tuple[str, str]:
    """(term, definition), or ("", "") when the item names no term."""
    first, _, rest = body.partition("\n")
    rest = rest.strip()
    if m := _TERM_COLON.match(first):
        # the first line keeps its trailing "  ": a Markdown line break
        return m.group("term").strip(), "\n".join(p for p in (m.group("rest").lstrip(), rest) if p.strip())
    if (m := _BOLD_TERM.match(first)) and not m.group("rest").startswith("*"):
        return m.group("term").strip(), body
    if rest and _SHORT_HEAD.match(first.strip()):
        return first.strip(), rest
    return "", ""
