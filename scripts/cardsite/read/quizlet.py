"""Quizlet, both ways people get a set out of it:

- the web page copied as text: a `1/N` counter and page chrome, then a term
  line and a definition line, alternating;
- Quizlet's own export: term and definition separated by a tab, a comma or
  any string the user typed into the export dialog (`|`, `/////`, ` - `),
  rows by newlines or semicolons; a CSV may start with a header row that
  names the columns (not a card).
"""

from __future__ import annotations

import csv
import io
import re

from ..cards.make import make_card
from ..cards.model import UNANSWERED, WARNING, Problem
from ..markup.sanitize import plain_to_markdown
from .base import ReadResult

NAME = "quizlet"

_COUNTER = re.compile(r"^\s*1\s*/\s*(\d+)\s*$|^\s*Terms in this set \((\d+)\)\s*$", re.I)
# Words only Quizlet's page says: enough to recognise a copied page.
_PAGE_PHRASES = re.compile(
    r"^\s*(?:Looks like no tags are added yet\.?|No analytics yet|Send a link to your students.*"
    r"|Name \|.*Mastery.*|Terms in this set.*|Your stats)\s*$", re.I)
# Everything the page shows before the first term, once we know it is a page (with _MODES).
_CHROME = re.compile(
    r"^\s*(?:\|?[-| :]+\|?|Share|Save|Study|Created by"
    r"|\d+\s*/\s*\d+)\s*$", re.I)


_CREATED_BY = re.compile(r"^\s*Created by\s*$", re.I)
_MODES = re.compile(r"^\s*(?:Flashcards|Learn|Test|Match|Q-Chat|Blocks|Blast|Spell|Write|Gravity|Live)\s*$", re.I)


def _is_chrome(line: str) -> bool:
    return bool(_CHROME.match(line) or _PAGE_PHRASES.match(line) or _MODES.match(line))


def sniff(text: str) -> float:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return 0.0
    if (_COUNTER.match(lines[0]) or sum(bool(_PAGE_PHRASES.match(ln)) for ln in lines[:10]) >= 2
            or sum(bool(_MODES.match(ln)) for ln in lines[:15]) >= 3):  # a page with its study modes
        return 0.95
    layout = _export_layout(text)
    if not layout:
        return 0.0
    if re.search(r"<(?:br|div|img|b|i|span)\b", text, re.I):
        return 0.45  # Quizlet exports plain text; HTML says Anki
    # rows by semicolon put many records on one line, which no Anki file does
    score = 0.9 if layout[1] == ";" else 0.75 if layout[0] == "\t" else 0.55
    # a header row naming the columns: Anki writes none (its headers are "#" lines)
    return max(score, 0.7) if _has_header(text, layout) else score


def read(text: str, file: str, deck: str) -> ReadResult:
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), 0)
    head = [ln for ln in lines if ln.strip()][:15]
    if _COUNTER.match(lines[first]) or _PAGE_PHRASES.match(lines[first]) or sum(bool(_MODES.match(ln)) for ln in head) >= 3:
        return _read_page_copy(lines, file, deck)
    layout = _export_layout(text) or ("\t", "\n")
    return _read_export(text, layout, file, deck)


# --------------------------------------------------------------------------
# Web page copy


def _read_page_copy(lines: list[str], file: str, deck: str) -> ReadResult:
    """The page's chrome is recognised by its structure: the set's title
    (a first line followed by chrome), the study modes, "Created by" and
    the account name on the line after it, the counter or "Terms in this set
    (N)" — then term and definition lines. The counter checks the pairs."""
    result, expected = ReadResult(), None
    filled = [n for n, ln in enumerate(lines) if ln.strip()]
    i = filled[0] if filled else 0
    if len(filled) > 1 and not _is_chrome(lines[filled[0]]) and _is_chrome(lines[filled[1]]):
        result.title, i = lines[filled[0]].strip(), filled[1]  # the set's title, above its modes
    while i < len(lines) and (not lines[i].strip() or _is_chrome(lines[i])):
        counter = _COUNTER.match(lines[i])
        if counter and expected is None:
            expected = int(counter.group(1) or counter.group(2))
        if _CREATED_BY.match(lines[i]):  # the account name follows: not a term
            i = next((n for n in filled if n > i), len(lines))
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
    """(term separator, row separator): the string that splits (nearly)
    every row in two. A short list of one-word lines is terms alone."""
    for rows_by in ("\n", ";"):
        rows = [r.strip() for r in text.split(rows_by) if r.strip()]
        if len(rows) < 2 or (rows_by == ";" and text.count(";") < text.count("\n") + 1):
            continue
        if term_by := _term_separator(rows):
            return term_by, rows_by
    rows = [r.strip() for r in text.split("\n") if r.strip()]
    if 2 <= len(rows) <= WORD_LIST and all(len(r.split()) == 1 and r[0].isalnum() for r in rows):
        return "\t", "\n"
    return None


SPLIT_SHARE = 0.8  # of rows a separator must split in exactly two
WORD_LIST = 200  # lines: longer lists of single words are more likely something else
_PUNCTUATION = re.compile(r"[^\w\s]+")
# Markdown's and HTML's own syntax, and sentence punctuation, split no terms.
_NOT_SEPARATORS = set("#*`_<>[]().!?\"'")


def _term_separator(rows: list[str]) -> str | None:
    if sum(r.count("\t") == 1 for r in rows) / len(rows) >= SPLIT_SHARE and all(r.count("\t") <= 1 for r in rows):
        return "\t"  # Quizlet's default (more tabs in a row say Anki)
    sample = rows[:1000]
    candidates: set[str] = {","}
    for row in sample:
        for m in _PUNCTUATION.finditer(row):
            run = m.group(0)
            if not set(run) <= _NOT_SEPARATORS and run != ":":  # "key: value" is YAML's, not a term's
                candidates.add(run)
                if row[m.start() - 1:m.start()] == " " and row[m.end():m.end() + 1] == " ":
                    candidates.add(f" {run} ")  # " - " where "-" also joins words
    scored = []
    for candidate in candidates:
        halves = [r.split(candidate) for r in sample if r.count(candidate) == 1]
        halves = [(a.strip(), b.strip()) for a, b in halves if a.strip() and b.strip()]
        # "Q:"/"A:" lines split in two too, but their left halves are labels, not terms
        if len(halves) / len(sample) >= SPLIT_SHARE and len({a for a, _ in halves}) > min(3, len(halves) - 1):
            scored.append((len(halves), candidate == ",", len(candidate), candidate))  # a tie: Quizlet's comma
    if scored:
        return max(scored)[-1]
    if sum("," in r for r in rows) / len(rows) >= SPLIT_SHARE:
        return ","  # Quizlet's other choice: the definition may hold more commas
    return None


def _read_export(text: str, layout: tuple[str, str], file: str, deck: str) -> ReadResult:
    term_by, rows_by = layout
    if term_by == "," and rows_by == "\n" and re.search(r'(?:^|,)"', text, re.M):
        return _read_csv(text, file, deck)  # quoted fields: a real CSV
    result, offset = ReadResult(), 0
    rows = []
    for row in text.split(rows_by):
        line = text.count("\n", 0, offset + len(row) - len(row.lstrip())) + 1
        offset += len(row) + len(rows_by)
        if row.strip():
            term, _, definition = row.strip().partition(term_by)
            rows.append((line, term.strip(), definition.strip()))
    if rows and _is_header(rows[0][1:], [r[1:] for r in rows[1:]]):
        rows = rows[1:]
    for line, term, definition in rows:
        _add(result, term, definition, deck, file, line)
    return result


def _read_csv(text: str, file: str, deck: str) -> ReadResult:
    result = ReadResult()
    reader = csv.reader(io.StringIO(text))
    records = []
    while True:
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.problems.append(Problem(file, line, WARNING, f"CSV row not read: {exc}"))
            continue
        if any(field.strip() for field in record):
            records.append((line, record))
    if records and _is_header(records[0][1][:2], [r[:2] for _, r in records[1:]]):
        records = records[1:]
    for line, record in records:
        term, definition = record[0].strip(), ",".join(record[1:]).strip()
        _add(result, term, definition, deck, file, line)
    return result


# Column names of a header row, in the languages of the sets people share.
HEADER_WORDS = {
    "question", "answer", "term", "definition", "front", "back", "word", "meaning", "translation", "prompt",
    "frage", "antwort", "begriff", "definition", "vorderseite", "rückseite", "wort", "bedeutung",
    "pregunta", "respuesta", "término", "definición", "palabra", "significado",
    "réponse", "terme", "définition", "recto", "verso", "mot", "sens",
    "domanda", "risposta", "termine", "definizione", "parola", "pergunta", "resposta", "termo", "definição",
    "pytanie", "odpowiedź", "pojęcie", "definicja", "otázka", "odpověď", "pojem",
    "câu hỏi", "trả lời", "thuật ngữ", "định nghĩa", "từ", "nghĩa",
    "问题", "答案", "术语", "定义", "正面", "背面", "单词", "词语", "释义", "質問", "回答", "用語", "定義", "表", "裏",
}


def _has_header(text: str, layout: tuple[str, str]) -> bool:
    term_by, rows_by = layout
    rows = [r.strip() for r in text.split(rows_by) if r.strip()][:50]
    if term_by == ",":
        rows = [",".join(r) for r in csv.reader(rows)] if '"' in text else rows
    pairs = [r.partition(term_by)[::2] for r in rows]
    return len(pairs) > 1 and _is_header(pairs[0], pairs[1:])


def _is_header(first, rest: list) -> bool:
    """A first row that names the columns ("Question,Answer", "Frage,Antwort",
    "问题,答案"): both of its fields column names, and other rows after it. A
    first row of anything else is a card: nothing is dropped on a guess."""
    names = [f.strip().strip("\ufeff").strip('"').casefold() for f in first[:2]]
    return len(names) == 2 and bool(rest) and names[0] != names[1] and all(n in HEADER_WORDS for n in names)


def _add(result: ReadResult, term: str, definition: str, deck: str, file: str, line: int) -> None:
    result.cards.append(_pair(term, definition, deck, file, line))
    if not definition:
        result.problems.append(Problem(file, line, WARNING, "term without a definition"))


def _pair(term: str, definition: str, deck: str, file: str, line: int):
    return make_card(deck=deck, file=file, line=line, front=plain_to_markdown(term),
                     back=plain_to_markdown(definition), markdown_is_safe=True,
                     kind=None if definition else UNANSWERED)
