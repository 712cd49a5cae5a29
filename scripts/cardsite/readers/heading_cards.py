"""Flashcards as Markdown headings (Jekyll/kramdown pages): each `## Term` is a
card and everything under it, up to the next `##`, is its answer: lists, code,
`source:` lines and bare URLs included. Kramdown's `{:toc}` goes."""

from __future__ import annotations

import re

from ..cards import make_card
from ..model import NOTE, UNANSWERED
from . import markdown
from .base import ReadResult

NAME = "markdown-headings"

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_BARE_URL = re.compile(r"(?<![<(\[\w])(https?://[^\s<>)\]]+[^\s<>)\].,;:!?'\"])")


def sniff(text: str) -> float:
    headings = sum(bool(markdown.H2.match(ln)) for ln in _outside_code(text.split("\n")))
    if headings < 2:
        return 0.0
    return 0.75 if "{:toc}" not in text else 0.9


def read(text: str, file: str, deck: str) -> ReadResult:
    doc = markdown.parse(text, file)
    result = ReadResult(problems=doc.problems, title=doc.title, tags=doc.tags, aliases=doc.aliases)
    entries: list[tuple[int, str, list[str]]] = [(0, "", [])]  # (line, heading, body)
    in_code = False
    for number, line in doc.lines:
        if _FENCE.match(line):
            in_code = not in_code
        heading = None if in_code else markdown.H2.match(line)
        if heading:
            entries.append((number, heading.group(1).strip(), []))
        else:
            entries[-1][2].append(line)
    for number, heading, body in entries:
        text = markdown.tidy(markdown.dedent(body)) if heading else markdown.tidy(body)
        text = markdown.repaired(text, file, number or 1, result.problems)
        text = _linked_urls(_demoted_headings(text))
        if heading:
            front = markdown.repaired(heading, file, number, result.problems)
            result.cards.append(make_card(deck=deck, file=file, line=number, front=front, back=text,
                                          tags=doc.tags, kind=None if text.strip() else UNANSWERED))
        elif text.strip():  # text before the first card is kept as a note
            first = next(n for n, ln in doc.lines if ln.strip())
            result.cards.append(make_card(deck=deck, file=file, line=first, front=text, kind=NOTE, tags=doc.tags))
    return result


def _outside_code(lines: list[str]):
    in_code = False
    for line in lines:
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code:
            yield line


def _demoted_headings(text: str) -> str:
    """A card's sub-headings would break the page outline: bold lines instead."""
    return re.sub(r"^#{3,6}[ \t]+(.+?)[ \t#]*$", r"**\1**", text, flags=re.M)


def _linked_urls(text: str) -> str:
    out, in_code = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
        out.append(line if in_code or line.startswith("    ") else _link_line(line))
    return "\n".join(out)


def _link_line(line: str) -> str:
    parts = re.split(r"(`[^`]*`)", line)
    return "".join(p if p.startswith("`") else _BARE_URL.sub(r"<\1>", p) for p in parts)
