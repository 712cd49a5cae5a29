"""A note with no card structure (an Obsidian or Jekyll page written as
prose): one note page, titled by its front matter or H1 (else the file
name), with the whole text and its sections. Tables, lists and headings
inside it are the note's own, not flashcards: a note is prose when they are
a small part of it."""

from __future__ import annotations

import re

from ..cards.make import make_card
from ..cards.model import NOTE
from ..markup.spans import fenced_lines
from . import anki, heading_cards, markdown, quizlet
from .base import ReadResult

NAME = "markdown-note"

PROSE_SHARE = 0.65  # of the text's lines outside tables, numbered lists and card headings' sections
MIN_LINES = 8
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+\S")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")


def sniff(text: str) -> float:
    lines = [ln for ln in _outside_code_and_math(text.split("\n")) if ln.strip()]
    if not lines:
        return 0.0
    level = heading_cards.card_level(lines)
    structured = in_card = 0
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            in_card = len(heading.group(1)) == level
        structured += bool(_TABLE_ROW.match(line) or _NUMBERED.match(line) or in_card)
    if 1 - structured / len(lines) < PROSE_SHARE or _looks_like_other_formats(text):
        return 0.0
    # the card readers are sure of themselves up to 0.9: a prose note must win
    # over them; a short one only where none of them reads anything
    return 0.92 if len(lines) >= MIN_LINES else 0.55


def read(text: str, file: str, deck: str) -> ReadResult:
    doc = markdown.parse(text, file)
    result = ReadResult(problems=doc.problems, title=doc.title, tags=doc.tags, aliases=doc.aliases)
    first = next((n for n, ln in doc.lines if ln.strip()), 1)
    body = markdown.repaired(markdown.tidy([_section(ln) for _, ln in doc.lines]), file, first, result.problems)
    body = heading_cards.linked_urls(body)
    title = doc.title or _file_title(file)
    result.cards.append(make_card(deck=deck, file=file, line=first, front=title, back=body, kind=NOTE, tags=doc.tags))
    return result


def _section(line: str) -> str:
    """A heading inside the note as a bold line: the page has its own outline."""
    heading = _HEADING.match(line)
    return f"**{heading.group(2)}**" if heading else line


def _file_title(file: str) -> str:
    stem = re.sub(r"[-_]+", " ", file.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip()
    return stem[:1].upper() + stem[1:]


_MARKDOWN = re.compile(r"^\s{0,3}#{1,6}[ \t]+\S|^\s*(?:`{3,}|~{3,}|\$\$)|\[\[|\*\*\S|\A---[ \t]*\n", re.M)


_NOTE_SYNTAX = re.compile(r"^\s{0,3}#{1,6}[ \t]+\S|\[\[|^\s*\$\$", re.M)
_YAML = re.compile(r"^\s*(?:[^\s:#][^:#]{0,60}:(?:\s|$)|-\s+\S)")  # "key: value", "- item"


def _looks_like_other_formats(text: str) -> bool:
    """Rows that one separator splits (Quizlet, Anki), or no Markdown at all
    (headings, code, formulas, wiki links, emphasis, front matter)."""
    lines = [ln for ln in text.split("\n") if ln.strip() and not ln.lstrip().startswith("#")]
    yaml_like = sum(bool(_YAML.match(ln)) for ln in lines) >= 0.6 * len(lines)
    tabbed = sum("\t" in ln for ln in lines) > len(lines) / 2  # tab-separated rows
    if yaml_like or tabbed or not _MARKDOWN.search(text):
        return True
    rows = max(quizlet.sniff(text), anki.sniff(text))
    # Anki's headers or columns, a Quizlet page: sure; rows one separator
    # splits: unless the text also has headings, wiki links or formula blocks
    return rows >= 0.85 or rows > 0 and not _NOTE_SYNTAX.search(text)


def _outside_code_and_math(lines: list[str]):
    fenced = fenced_lines(lines)  # closed fences, as Markdown reads them
    in_math = False
    for number, line in enumerate(lines):
        if number in fenced:
            continue
        if line.strip().count("$$") % 2:
            in_math = not in_math
        elif not in_math:
            yield line
