"""Flashcards as Markdown headings (Jekyll/kramdown pages): the heading level
that repeats as items (`##`, `###`, `#### 12. Question`…) makes the cards,
and everything under a card heading, up to the next heading of that level or
above, is its answer: lists, code, deeper headings, `source:` lines and bare
URLs included. Text before the first card says what the deck is (shown on
its page); text under a higher heading between cards is kept as a note.
Kramdown's `{:toc}` goes."""

from __future__ import annotations

import re
from collections import Counter

from ..cards.make import make_card
from ..cards.model import NOTE, UNANSWERED
from ..markup.sanitize import safe_markdown
from ..markup.spans import fenced_lines, outside_fences
from . import markdown
from .base import ReadResult

NAME = "markdown-headings"

_BARE_URL = re.compile(r"(?<![<(\[\w])(https?://[^\s<>)\]]+[^\s<>)\].,;:!?'\"])")


_HEADING = re.compile(r"^(#{2,6})[ \t]+(.+?)[ \t#]*$")
_NUMBER = re.compile(r"^\d{1,3}[.)][ \t]+(?=\S)")  # "12. What is SGD?"
_TOC = re.compile(r"^\s*(?:\d+\.|[*+-])\s*TOC\s*$|^\s*\{:toc\}\s*$", re.M)


def card_level(lines) -> int:
    """The heading level that repeats as items: the most used below the
    title (the shallower on a tie), 0 without two headings of one level."""
    counts = Counter(len(m.group(1)) for ln in outside_fences(lines) if (m := _HEADING.match(ln)))
    if not counts:
        return 0
    level, count = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return level if count >= 2 else 0


def sniff(text: str) -> float:
    if not card_level(text.split("\n")):
        return 0.0
    return 0.75 if "{:toc}" not in text else 0.9


def read(text: str, file: str, deck: str) -> ReadResult:
    doc = markdown.parse(text, file)
    result = ReadResult(problems=doc.problems, title=doc.title, tags=doc.tags, aliases=doc.aliases)
    level = card_level([ln for _, ln in doc.lines]) or 2
    entries: list[tuple[int, str, list[str]]] = [(0, "", [])]  # (line, card heading or "", body)
    fenced = fenced_lines([ln for _, ln in doc.lines])
    for index, (number, line) in enumerate(doc.lines):
        heading = None if index in fenced else _HEADING.match(line)
        if heading and len(heading.group(1)) == level:
            entries.append((number, _NUMBER.sub("", heading.group(2).strip()), []))
        elif heading and len(heading.group(1)) < level:  # a section: what follows is no card's answer
            entries.append((number, "", []))
        else:
            entries[-1][2].append(line)
    for index, (number, heading, body) in enumerate(entries):
        text = markdown.tidy(markdown.dedent(body)) if heading else markdown.tidy(body)
        text = markdown.repaired(text, file, number or 1, result.problems)
        text = linked_urls(_demoted_headings(text))
        if heading:
            front = markdown.repaired(heading, file, number, result.problems)
            result.cards.append(make_card(deck=deck, file=file, line=number, front=front, back=text,
                                          tags=doc.tags, kind=None if text.strip() else UNANSWERED))
            continue
        text = _TOC.sub("", text).strip()
        if index == 0:
            result.about = safe_markdown(text)
        elif text:  # text outside the cards is kept as a note
            first = next(n for n, ln in doc.lines if ln.strip() and n > number)
            result.cards.append(make_card(deck=deck, file=file, line=first, front=text, kind=NOTE, tags=doc.tags))
    return result


def _demoted_headings(text: str) -> str:
    """A card's sub-headings would break the page outline: bold lines instead."""
    return re.sub(r"^#{3,6}[ \t]+(.+?)[ \t#]*$", r"**\1**", text, flags=re.M)


def linked_urls(text: str) -> str:
    """Bare web addresses as links (outside code)."""
    lines = text.split("\n")
    fenced = fenced_lines(lines)
    return "\n".join(line if n in fenced or line.startswith("    ") else _link_line(line)
                     for n, line in enumerate(lines))


def _link_line(line: str) -> str:
    parts = re.split(r"(`[^`]*`)", line)
    return "".join(p if p.startswith("`") else _BARE_URL.sub(r"<\1>", p) for p in parts)
