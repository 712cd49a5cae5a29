"""Anki text exports: real ones with `#key:value` headers and CSV quoting, and
header-less ones (like the bundled seed) whose separator and field roles are
sniffed from the rows themselves."""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from dataclasses import dataclass, field

from ..cards.make import make_card
from ..cards.model import CLOZE, ERROR, Problem
from ..markup.html_markdown import html_to_text
from .anki_fields import field_to_markdown, has_deletion
from .base import ReadResult

NAME = "anki"

_HEADER = re.compile(r"#([a-z][a-z ]*):(.*)$", re.I)
_KNOWN_HEADERS = {"separator", "html", "columns", "tags", "deck", "notetype", "guid column",
                  "notetype column", "deck column", "tags column", "if matches"}
SEPARATOR_NAMES = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
SNIFFED_SEPARATORS = ("\t", ";", ",")  # pipe and space only when a header says so
_HTML_HINT = re.compile(r"<(?:br|div|img|b|i|p|span|sub|sup)\b|&nbsp;|&lt;|&gt;|&amp;", re.I)
_ROLE_NAMES = {
    "front": "front", "question": "front", "term": "front", "text": "front", "word": "front",
    "back": "back", "answer": "back", "definition": "back", "meaning": "back",
    "extra": "extra", "back extra": "extra", "notes": "extra", "note": "extra", "example": "extra",
    "attribution": "attribution", "source": "attribution", "author": "attribution",
    "tags": "tags", "guid": "guid", "deck": "deck", "notetype": "notetype", "note type": "notetype",
}


@dataclass
class Layout:
    separator: str
    html: bool
    roles: list[str]
    default_tags: tuple[str, ...] = ()
    default_deck: str = ""
    first_row: int = 0  # index of the first line after the headers
    problems: list[Problem] = field(default_factory=list)
    # A file of several note types: the roles of each, by its note type (the
    # #notetype column) or, in a header-less export, by its row width.
    shapes: dict[str | int, list[str]] = field(default_factory=dict)

    def roles_of(self, fields: list[str]) -> list[str]:
        if "notetype" in self.roles:
            at = self.roles.index("notetype")
            return self.shapes.get(fields[at].strip() if at < len(fields) else "", self.roles)
        return self.shapes.get(len(fields), self.roles)

    def widths(self) -> set[int]:
        return {len(self.roles)} | {len(roles) for roles in self.shapes.values()}


# --------------------------------------------------------------------------
# Sniffing


def sniff(text: str) -> float:
    lines = text.split("\n")
    headers = _headers(lines)[0]
    if "separator" in headers or "columns" in headers or "html" in headers:
        return 1.0
    rows = _sample_rows(lines)
    if not rows:
        return 0.0
    separator, share, width = _best_separator(rows)
    # Anki's own fixture has 7 good rows in 9 (one too wide, one too narrow):
    # a small export with a few broken rows is still an export.
    if width < 2 or share < 0.75:
        return 0.0
    score = 0.6 if width == 2 else 0.85
    if _HTML_HINT.search(text):
        score += 0.1
    return score


def _headers(lines: list[str]) -> tuple[dict[str, str], int]:
    headers, i = {}, 0
    while i < len(lines) and lines[i].startswith("#"):
        m = _HEADER.match(lines[i].strip())
        if m and m.group(1).lower().strip() in _KNOWN_HEADERS:
            headers[m.group(1).lower().strip()] = m.group(2).strip()
        i += 1
    return headers, i


def _sample_rows(lines: list[str]) -> list[str]:
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")][:300]


def _best_separator(rows: list[str]) -> tuple[str, float, int]:
    """The separator that splits the most rows into the same number (≥2) of
    fields; CSV quoting respected. Returns (separator, share of rows, width)."""
    best = ("\t", 0.0, 0)
    for sep in SNIFFED_SEPARATORS:
        # line by line: one unclosed quote must not hide the format of the rest
        widths = Counter(len(_fields_of_line(r, sep)) for r in rows)
        width, count = widths.most_common(1)[0]
        share = count / len(rows)
        if width >= 2 and (share, width) > (best[1], best[2]):
            best = (sep, share, width)
    return best


def _fields_of_line(line: str, separator: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=separator), [])
    except csv.Error:  # e.g. a stray carriage return: count plainly
        return line.split(separator)


# --------------------------------------------------------------------------
# Reading


def read(text: str, file: str, deck: str) -> ReadResult:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    layout = _layout(lines, file)
    result = ReadResult(problems=list(layout.problems))
    for line_no, fields in _records(lines, layout, file, result.problems):
        roles = layout.roles_of(fields)
        width = len(roles)
        if any(f.strip() for f in fields[width:]):
            result.problems.append(Problem(file, line_no, ERROR,
                                           f"row has {len(fields)} fields, expected {width}; kept what is there"))
        # fewer fields: Anki's exporter leaves a note's empty last fields out; they read as empty
        row = _by_role(fields, roles)
        if not any(v.strip() for v in row.values() if isinstance(v, str)):
            continue
        result.cards.append(_card(row, layout, deck, file, line_no))
    return result


def _layout(lines: list[str], file: str) -> Layout:
    headers, first = _headers(lines)
    rows = _sample_rows(lines[first:])
    problems = []
    if "separator" in headers:
        value = headers["separator"]
        separator = SEPARATOR_NAMES.get(value.lower(), html.unescape(value)[:1] or "\t")
    else:
        separator = _best_separator(rows)[0] if rows else "\t"
    is_html = headers["html"].lower() == "true" if "html" in headers else bool(_HTML_HINT.search("\n".join(rows)))
    parsed = [_fields_of_line(r, separator) for r in rows]
    width = Counter(len(r) for r in parsed).most_common(1)[0][0] if parsed else 2
    if "columns" in headers:
        names = _fields_of_line(headers["columns"], separator)
        roles = [_ROLE_NAMES.get(n.strip().lower(), "") for n in names]
        width = max(width, len(roles))
        roles += [""] * (width - len(roles))
    else:
        roles = [""] * width
    for key in ("notetype column", "deck column", "tags column", "guid column"):
        if key in headers:
            try:
                index = int(headers[key]) - 1
                roles[index] = key.split()[0]
            except (ValueError, IndexError):
                problems.append(Problem(file, 0, ERROR, f"header #{key}:{headers[key]} names no column"))
    header_roles = list(roles)
    if "" in roles:
        roles = _sniff_roles(parsed, roles)
    shapes = {} if "columns" in headers else _shapes(lines[first:], separator, header_roles)
    return Layout(separator, is_html, roles, tuple(headers.get("tags", "").split()),
                  headers.get("deck", ""), first, problems, shapes)


MIN_SHAPE_ROWS = 3  # fewer rows of a width are broken rows, not a note type


def _shapes(lines: list[str], separator: str, header_roles: list[str]) -> dict[str | int, list[str]]:
    """Roles per note type, each sniffed from its own rows: grouped by the
    #notetype column where there is one (explicit headers keep their
    columns), else by row width, a width being a note type once it has
    MIN_SHAPE_ROWS rows. Line by line: close enough to group rows."""
    at = header_roles.index("notetype") if "notetype" in header_roles else None
    groups: dict[str | int, list[list[str]]] = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            fields = _fields_of_line(line, separator)
            key = (fields[at].strip() if at < len(fields) else "") if at is not None else len(fields)
            groups.setdefault(key, []).append(fields)
    shapes = {}
    for key, rows in groups.items():
        width = max(len(r) for r in rows) if at is not None else key
        if width < 2 or (at is None and len(rows) < MIN_SHAPE_ROWS):
            continue
        roles = (header_roles + [""] * width)[:width if at is None else max(width, len(header_roles))]
        shapes[key] = _sniff_roles(rows[:300], roles) if "" in roles else roles
    return shapes


def _sniff_roles(rows: list[list[str]], roles: list[str]) -> list[str]:
    """Fill the unnamed roles: first free column is the front; the fullest
    remaining text column is the back; short, sparse columns before the back
    are attributions; tag-like and GUID-like columns are recognised; the rest
    is extra."""
    roles = list(roles)
    free = [i for i, r in enumerate(roles) if not r]
    if "front" not in roles and free:
        roles[free.pop(0)] = "front"
    columns = {i: [r[i].strip() for r in rows if i < len(r)] for i in free}
    if "back" not in roles and free:
        back = max(free, key=lambda i: (sum(map(len, columns[i])), -i))
        roles[back] = "back"
        free.remove(back)
    back_at = roles.index("back") if "back" in roles else len(roles)
    for i in free:
        values = [v for v in columns[i] if v]
        if values and _looks_like_guids(values, len(rows)):
            roles[i] = "guid"
        elif values and "tags" not in roles and _looks_like_tags(values):
            roles[i] = "tags"
        elif values and i < back_at and sum(map(len, values)) / len(values) <= 40:
            roles[i] = "attribution"
        else:
            roles[i] = "extra"
    return roles


def _looks_like_guids(values: list[str], rows: int) -> bool:
    return (len(values) == rows >= 3 and len(set(values)) == len(values)
            and all(re.fullmatch(r"[^\s]{6,24}", v) and re.search(r"\d", v) for v in values))


def _looks_like_tags(values: list[str]) -> bool:
    return all(re.fullmatch(r"[\w:./-]+(?: [\w:./-]+)*", v) for v in values) and any(
        "::" in v or " " in v or "_" in v for v in values) and not any(
        re.search(r"\w\(|\.\w+\(", v) for v in values)


def _records(lines: list[str], layout: Layout, file: str, problems: list[Problem]):
    """(line number, fields) for each record. A record whose quoting breaks is
    reported and read again as one plain line, so nothing after it is lost."""
    feed = _LineFeed(lines, layout.first_row)
    reader = csv.reader(feed, delimiter=layout.separator, strict=True)
    widths = layout.widths()
    while feed.at < len(lines):
        line = lines[feed.at]
        if not line.strip() or line.startswith("#"):
            feed.at += 1
            continue
        start = feed.at
        try:
            fields = next(reader)
            if feed.at - start > 1 and len(fields) not in widths:
                raise csv.Error(f"quoted field spans lines {start + 1}–{feed.at} and the row has "
                                f"{len(fields)} fields")
        except csv.Error as exc:
            problems.append(Problem(file, start + 1, ERROR,
                                    f"broken quoting ({exc}); line read as plain fields"))
            fields = line.split(layout.separator)
            feed.at = start + 1
            reader = csv.reader(feed, delimiter=layout.separator, strict=True)
        except StopIteration:
            break
        yield start + 1, fields


class _LineFeed:
    """Lines to csv.reader one at a time, so the caller always knows where the
    reader stands and can skip comments between records."""

    def __init__(self, lines: list[str], at: int) -> None:
        self.lines, self.at = lines, at

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.at >= len(self.lines):
            raise StopIteration
        self.at += 1
        return self.lines[self.at - 1] + "\n"


def _by_role(fields: list[str], roles: list[str]) -> dict:
    row: dict = {}
    for role, value in zip(roles, fields):
        if role in row and value.strip():
            row[role] += "\n" + value
        else:
            row.setdefault(role, value)
    for value in fields[len(roles):]:  # surplus fields are kept as extra, not lost
        if value.strip():
            row["extra"] = (row.get("extra", "") + "\n" + value).strip()
    return row


def _card(row: dict, layout: Layout, deck: str, file: str, line: int):
    def to_md(field: str) -> str:
        return field_to_markdown(field, layout.html)

    extra = row.get("extra", "")
    code = html_to_text(extra) if layout.html else extra.strip()
    extra_md = _fenced(code) if code and looks_like_code(code) else to_md(extra)
    tags = layout.default_tags + tuple(row.get("tags", "").split())
    card = make_card(deck=deck, file=file, line=line, front=to_md(row.get("front", "")),
                     back=to_md(row.get("back", "")), extra=extra_md,
                     attribution=html_to_text(row.get("attribution", "")), tags=tags,
                     guid=row.get("guid", "").strip(), markdown_is_safe=True,
                     kind=CLOZE if has_deletion(row.get("front", "")) else None)
    card.subdeck = row.get("deck", "").strip() or layout.default_deck
    # Anki's stock "Basic (and reversed card)" always has its reverse card (a
    # text export lists notes, not cards; the optional kind cannot be told)
    card.reversible = card.has_answer and bool(_ALWAYS_REVERSED.search(row.get("notetype", "")))
    return card


_ALWAYS_REVERSED = re.compile(r"\band reversed card\b", re.I)


_CODE_SIGNAL = re.compile(r"[A-Za-z_]\w*\(|\w\.\w+|\w\[|==|^\s*\w+\s*=\s*\S|\bimport\b|\bdef\b|\s@\s", re.M)
_PROSE = re.compile(r"(?:\b[A-Za-z]{2,}[,;]? ){6,}|^\s*\w+\s*=\s*[A-Za-z][a-z]+[ -][A-Za-z][a-z]+[ -][A-Za-z]", re.M)
_CODE_PUNCTUATION = re.compile(r"\s*[{}()\[\];,]*\s*")
_ANKI_MARKUP = re.compile(r"\[sound:|\{\{c\d+::|\[/?\$|\[/?latex\]", re.I)


def looks_like_code(text: str) -> bool:
    """Every line looks like code, none like a sentence, and no Anki markup
    (a field with [sound:] or a cloze is content, whatever else it holds)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines or _PROSE.search(text) or _ANKI_MARKUP.search(text):
        return False
    return all(_CODE_SIGNAL.search(line) or _CODE_PUNCTUATION.fullmatch(line) for line in lines)


def _fenced(code: str) -> str:
    fence = "~~~" if "```" in code else "```"
    return f"{fence}python\n{code}\n{fence}"
