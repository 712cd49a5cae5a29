"""Quizlet, both ways people get a set out of it:

- the web page copied as text: a `1/N` counter and page chrome, then a term
  line and a definition line, alternating;
- Quizlet's own export: term and definition separated by a tab or a comma,
  rows separated by newlines or semicolons.
"""

from __future__ import annotations

import re

from ..cards import make_card
from ..model import UNANSWERED, WARNING, Problem
from ..sanitize import plain_to_markdown
from .base import ReadResult

NAME = "quizlet"

_COUNTER = re.compile(r"^\s*1\s*/\s*(\d+)\s*$|^\s*Terms in this set \((\d+)\)\s*$", re.I)
# Words only Quizlet's page says: enough to recognise a copied page.
_PAGE_PHRASES = re.compile(
    r"^\s*(?:Looks like no tags are added yet\.?|No analytics yet|Send a link to your students.*"
    r"|Name \|.*Mastery.*|Terms in this set.*|Your stats)\s*$", re.I)
# Everything the page shows before the first term, once we know it is a page.
_CHROME = re.compile(
    r"^\s*(?:\|?[-| :]+\|?|Flashcards|Learn|Test|Match|Q-Chat|Share|Save|Study|Created by"
    r"|\d+\s*/\s*\d+)\s*$", re.I)


def sniff(text: str) -> float:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return 0.0
    if _COUNTER.match(lines[0]) or sum(bool(_PAGE_PHRASES.match(ln)) for ln in lines[:10]) >= 2:
        return 0.95
    layout = _export_layout(text)
    if not layout:
        return 0.0
    if re.search(r"<(?:br|div|img|b|i|span)\b", text, re.I):
        return 0.45  # Quizlet exports plain text; HTML says Anki
    # rows by semicolon put many records on one line, which no Anki file does
    return 0.9 if layout[1] == ";" else 0.75 if layout[0] == "\t" else 0.55


def read(text: str, file: str, deck: str) -> ReadResult:
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), 0)
    if _COUNTER.match(lines[first]) or _PAGE_PHRASES.match(lines[first]):
        return _read_page_copy(lines, file, deck)
    layout = _export_layout(text) or ("\t", "\n")
    return _read_export(text, layout, file, deck)


# --------------------------------------------------------------------------
# Web page copy


def _read_page_copy(lines: list[str], file: str, deck: str) -> ReadResult:
    result, expected, i = ReadResult(), None, 0
    while i < len(lines) and (not lines[i].strip() or _CHROME.match(lines[i]) or _PAGE_PHRASES.match(lines[i])):
        counter = _COUNTER.match(lines[i])
        if counter and expected is None:
            expected = int(counter.group(1) or counter.group(2))
        i += 1
    body = [(n + 1, ln.strip()) for n, ln in enumerate(lines) if n >= i and ln.strip()]
    for k in range(0, len(body), 2):
        (line, term), definition = body[k], body[k + 1][1] if k + 1 < len(body) else ""
        result.cards.append(_pair(term, definition, deck, file, line))
        if not definition:
            result.problems.append(Problem(file, line, WARNING, "term without a definition (file ends)"))
    if expected is not None and expected != len(result.cards):
        result.problems.append(Problem(
            file, 1, WARNING,
            f"the page counter says {expected} cards but {len(result.cards)} term/definition pairs "
            f"were found; all {len(result.cards)} kept"))
    return result


# --------------------------------------------------------------------------
# Export


def _export_layout(text: str) -> tuple[str, str] | None:
    """(term separator, row separator) when at least 80% of rows have one."""
    for rows_by in ("\n", ";"):
        rows = [r for r in text.split(rows_by) if r.strip()]
        if len(rows) < 2 or (rows_by == ";" and text.count(";") < text.count("\n") + 1):
            continue
        for term_by in ("\t", ","):
            split = sum(term_by in r for r in rows)
            exactly_one_tab = term_by != "\t" or all(r.count("\t") <= 1 for r in rows)
            if split / len(rows) >= 0.8 and exactly_one_tab:
                return term_by, rows_by
    return None


def _read_export(text: str, layout: tuple[str, str], file: str, deck: str) -> ReadResult:
    term_by, rows_by = layout
    result, offset = ReadResult(), 0
    for row in text.split(rows_by):
        line = text.count("\n", 0, offset + len(row) - len(row.lstrip())) + 1
        offset += len(row) + 1
        if not row.strip():
            continue
        term, _, definition = row.strip().partition(term_by)
        result.cards.append(_pair(term.strip(), definition.strip(), deck, file, line))
        if not definition.strip():
            result.problems.append(Problem(file, line, WARNING, "term without a definition"))
    return result


def _pair(term: str, definition: str, deck: str, file: str, line: int):
    return make_card(deck=deck, file=file, line=line, front=plain_to_markdown(term),
                     back=plain_to_markdown(definition), markdown_is_safe=True,
                     kind=None if definition else UNANSWERED)
