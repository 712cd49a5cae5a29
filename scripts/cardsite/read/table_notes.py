"""Markdown notes whose entries are table rows (Obsidian style): front matter,
`## Section` headings, tables `Concept | Description`. Each row is a card,
its section a tag; front-matter tags and aliases belong to the deck."""

from __future__ import annotations

import re

from ..cards.make import make_card
from ..cards.model import NOTE
from . import markdown
from .base import ReadResult

NAME = "markdown-tables"

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")  # GFM: one dash is enough


def sniff(text: str) -> float:
    lines = text.split("\n")
    rules = [i for i, ln in enumerate(lines) if _RULE.match(ln) and i and _ROW.match(lines[i - 1])]
    if not rules:
        return 0.0
    rows = sum(bool(_ROW.match(ln)) for ln in lines)
    headings = sum(bool(markdown.H2.match(ln)) for ln in lines)
    return 0.9 if rows - 2 * len(rules) >= headings else 0.6


def read(text: str, file: str, deck: str) -> ReadResult:
    doc = markdown.parse(text, file)
    result = ReadResult(problems=doc.problems, title=doc.title, tags=doc.tags, aliases=doc.aliases)
    section, stray, lines, i = "", [], doc.lines, 0
    while i < len(lines):
        number, line = lines[i]
        heading = markdown.H2.match(line) or re.match(r"^#{3,6}\s+(.+?)\s*#*$", line)
        if heading:
            _flush(stray, result, deck, file, section, doc.tags)
            section = heading.group(1).strip()
        elif _ROW.match(line) and i + 1 < len(lines) and _RULE.match(lines[i + 1][1]):
            _flush(stray, result, deck, file, section, doc.tags)
            header = _cells(line)
            i += 2
            while i < len(lines) and _ROW.match(lines[i][1]):
                result.cards.append(_row_card(lines[i], header, result, deck, file, section, doc.tags))
                i += 1
            continue
        else:
            stray.append((number, line))
        i += 1
    _flush(stray, result, deck, file, section, doc.tags)
    return result


def _cells(line: str) -> list[str]:
    """Split on pipes that are neither escaped nor inside inline code."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells, current, in_code = [], "", False
    for i, ch in enumerate(body):
        if ch == "`":
            in_code = not in_code
        if ch == "|" and not in_code and (i == 0 or body[i - 1] != "\\"):
            cells.append(current.strip())
            current = ""
        else:
            current += ch
    return cells + [current.strip()]


def _row_card(numbered_line, header, result, deck, file, section, tags):
    number, line = numbered_line
    cells = _cells(line)
    term = markdown.repaired(cells[0], file, number, result.problems)
    definition = markdown.repaired(cells[1] if len(cells) > 1 else "", file, number, result.problems)
    extra = "<br>\n".join(f"**{header[k] if k < len(header) and header[k] else f'Column {k + 1}'}:** {cell}"
                          for k, cell in enumerate(cells[2:], start=2) if cell)
    return make_card(deck=deck, file=file, line=number, front=term, back=definition,
                     extra=extra, tags=(*tags, section))


def _flush(stray, result, deck, file, section, tags):
    """Text between tables is an entry too: kept as a note, never dropped."""
    paragraphs: list[list[tuple[int, str]]] = [[]]
    for number, line in stray:
        if line.strip():
            paragraphs[-1].append((number, line))
        elif paragraphs[-1]:
            paragraphs.append([])
    for para in paragraphs:
        if para:
            text = markdown.repaired(markdown.tidy([t for _, t in para]), file, para[0][0], result.problems)
            result.cards.append(make_card(deck=deck, file=file, line=para[0][0], front=text,
                                          kind=NOTE, tags=(*tags, section)))
    stray.clear()
