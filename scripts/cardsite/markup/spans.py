"""The one tokenizer for what Markdown text must not be touched in: code
(fenced blocks and inline spans) and math, found the way the site's Markdown
finds them, so that what we leave alone is exactly what Markdown will not read
as HTML. Sanitising, formula repair and checks, cross-linking, glossary
shortening and report messages all use it; and the one place that knows which
characters are Chinese.

Markdown's precedence, followed step by step (tests/test_spans.py holds it to
Python-Markdown itself on generated text):
- fenced blocks first (pymdownx.superfences, a preprocessor): a fence counts
  only once it is closed by the same run of backticks or tildes;
- then block by block (blank lines apart; a list item, heading, quote or
  table cell is a block of its own): a block that is one `$$…$$`, `\\[…\\]`
  or `\\begin{env}…\\end{env}` is display math (arithmatex's block processor);
- inside a block, code spans before math (the backtick pattern has priority
  190, arithmatex's inline one 189.9), found by pymdownx.inlinehilite's own
  scan; math by arithmatex's own expressions, which never cross a code span."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import markdown
from markdown.inlinepatterns import BacktickInlineProcessor
from pymdownx.arithmatex import RE_BRACKET_BLOCK, RE_BRACKET_INLINE, RE_DOLLAR_BLOCK, RE_SMART_DOLLAR_INLINE, \
    RE_TEX_BLOCK
from pymdownx.inlinehilite import BACKTICK_CODE_RE


class Span:
    """One code or math span, read like a regex match: group(0) is its text,
    group(name) its part for each kind (None where it is not that kind):
    fence, code, or math with block (`$$…$$`, `\\begin…\\end`), inline
    (`$…$`), paren (`\\(…\\)`) or bracket (`\\[…\\]`) holding the TeX."""

    __slots__ = ("string", "_start", "_end", "_parts")

    def __init__(self, string: str, start: int, end: int, **parts: str) -> None:
        self.string, self._start, self._end, self._parts = string, start, end, parts
        if parts.keys() & {"block", "inline", "paren", "bracket"}:
            parts["math"] = string[start:end]

    def group(self, name: str | int = 0) -> str | None:
        return self.string[self._start:self._end] if name == 0 else self._parts.get(name)

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end


class _Spans:
    """`finditer` and `sub` over the spans of a text, as for a compiled regex."""

    def finditer(self, text: str) -> tuple[Span, ...]:
        return _spans(text)

    def sub(self, replace, text: str) -> str:
        out, pos = [], 0
        for span in _spans(text):
            out += [text[pos:span.start()], replace(span)]
            pos = span.end()
        return "".join(out) + text[pos:]

    def outside(self, text: str, edit, kept) -> str:
        """The text through edit(piece) but for the spans kept(span) takes, left as they are."""
        out, pos = [], 0
        for span in _spans(text):
            if kept(span):
                out += [edit(text[pos:span.start()]), span.group(0)]
                pos = span.end()
        return "".join(out) + edit(text[pos:])


SPANS = _Spans()

# An opening fence superfences surely takes: a language at most (one with
# options it might refuse is left as text, which only means it is sanitised).
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>`{3,}|~{3,})[ \t]*\.?[\w#.+-]*[ \t]*$", re.M)
_SPAN_START = re.compile(r"[`$\\~]")  # every fence, code span and formula holds one of these
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_MATH_BLOCK = re.compile(r"(?s)^(?:%s)[ ]*$" % "|".join((RE_DOLLAR_BLOCK, RE_BRACKET_BLOCK, RE_TEX_BLOCK)))
# Compiled as Python-Markdown compiles every inline pattern (InlineProcessor)
_MATH_INLINE = re.compile("(?:%s)" % "|".join((RE_SMART_DOLLAR_INLINE, RE_BRACKET_INLINE)), re.S)
_BACKTICK = re.compile(BACKTICK_CODE_RE, re.S)
# Python-Markdown's own block processors, for their tests and expressions
_BLOCKS = markdown.Markdown(extensions=["tables"]).parser.blockprocessors
_QUOTE_MARK = re.compile(r"[ ]{0,3}>[ ]?")  # what BlockQuoteProcessor.clean takes off a line
_find_code_spans = BacktickInlineProcessor.find_code_spans  # the scan inlinehilite inherits


@lru_cache(maxsize=1 << 14)  # the same field is read by the sanitiser, the linker, the formula checks…
def _spans(text: str) -> tuple[Span, ...]:
    """Fences first; then the blocks, each fence standing in them as the
    one-line placeholder superfences leaves in its place."""
    if not _SPAN_START.search(text):
        return ()  # most fields: nothing that could open code or math
    fences = list(_fences(text))
    masked = _masked(text, [(s, e, True) for s, e in fences], filler=" ")
    found = [Span(text, s, e, fence=text[s:e]) for s, e in fences] + _blocks(text, _Piece(masked, range(len(text))))
    return tuple(sorted(found, key=Span.start))


def _fences(text: str):
    """(start, end) of each closed fenced block: from its opening line to the
    end of the line that closes it with the same mark. A line indented less
    than the opening one, or no closing line, and it is no fence."""
    pos = 0
    while (opening := _FENCE_OPEN.search(text, pos)) is not None:
        indent, mark = len(opening.group("indent").expandtabs(4)), opening.group("mark")
        closing = re.compile(rf"^[ \t]*{re.escape(mark)}[ \t]*$", re.M)
        line_start = opening.end() + 1
        end = None
        while line_start <= len(text):
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            line = text[line_start:line_end]
            if closing.match(line):
                end = line_end
                break
            if line.strip() and len(line) - len(line.lstrip(" \t")) < indent:
                break
            line_start = line_end + 1
        if end is None:
            if line_start > len(text):
                return  # open to the end: superfences looks for no other fence inside it
            pos = line_start  # abandoned at a line indented less: the search goes on after it
            continue
        yield opening.start(), end
        pos = end


class _Piece(NamedTuple):
    """Some text Markdown reads on its own, and where each of its characters
    stands in the whole (a quote's text has lost its `> `, an item its marker)."""
    text: str
    at: Sequence[int]

    def part(self, start: int, end: int | None = None) -> _Piece:
        return _Piece(self.text[start:end], self.at[start:end])


def _blocks(text: str, piece: _Piece) -> list[Span]:
    found, pos = [], 0
    for m in [*_BLANK_LINES.finditer(piece.text), None]:
        found += _block(text, piece.part(pos, m.start() if m else None))
        pos = m.end() if m else pos
    return found


def _block(text: str, piece: _Piece) -> list[Span]:
    """One block, as Python-Markdown's block processors take it, in their order."""
    block = piece.text
    while block.startswith("\n"):
        piece = piece.part(1)
        block = piece.text
    if not block or block.startswith(("    ", "\t")):
        return []  # indented code, or more of a list item above: never claimed
    if (m := _MATH_BLOCK.match(block)) is not None and "\x02" not in block:  # a fence inside: not ours to call math
        kind = "bracket" if m.group("math3") is not None else "block"
        tex = m.group("math") if m.group("math") is not None else m.group("math3") or m.group("math2")
        return [_span(text, piece, 0, len(block.rstrip(" ")), **{kind: tex})]
    if _BLOCKS["table"].test(None, block):
        return [s for line, at in _lines(piece) for cell in _cells(_Piece(line, at))
                for s in _inline(text, cell)]
    if (m := _BLOCKS["hashheader"].RE.search(block)) is not None:
        return (_block(text, piece.part(0, m.start())) + _inline(text, piece.part(*m.span("header")))
                + _block(text, piece.part(m.end())))
    if _BLOCKS["setextheader"].RE.match(block):
        first = block.find("\n")
        rest = block.find("\n", first + 1)
        return _inline(text, piece.part(0, first)) + ([] if rest < 0 else _block(text, piece.part(rest + 1)))
    if (m := _BLOCKS["hr"].SEARCH_RE.search(block)) is not None:
        return _block(text, piece.part(0, m.start())) + _block(text, piece.part(m.end()))
    if _BLOCKS["olist"].test(None, block) or _BLOCKS["ulist"].test(None, block):
        return [s for item in _items(piece) for s in _block(text, item)]
    if (m := _BLOCKS["quote"].RE.search(block)) is not None:
        quoted = [_unquoted(line, at) for line, at in _lines(piece.part(m.start() + (m.group(1) == "\n")))]
        return _block(text, piece.part(0, m.start())) + _blocks(text, _joined(quoted))
    return _inline(text, piece)


def _lines(piece: _Piece):
    pos = 0
    for line in piece.text.split("\n"):
        yield line, piece.at[pos:pos + len(line)]
        pos += len(line) + 1


def _joined(lines) -> _Piece:
    """Lines back into one piece, each line break standing where the first one after it did."""
    text, at = [], []
    for n, (line, line_at) in enumerate(lines):
        if n:
            text.append("\n")
            at.append(line_at[0] - 1 if line_at else at[-1] if at else 0)
        text.append(line)
        at += line_at
    return _Piece("".join(text), at)


def _unquoted(line: str, at) -> tuple[str, Sequence[int]]:
    m = _QUOTE_MARK.match(line)
    return (line[m.end():], at[m.end():]) if m else (line, at)


def _items(piece: _Piece) -> list[_Piece]:
    """A list's items as Python-Markdown's get_items splits them: a marker
    line opens an item (its text after the marker), any other line goes on."""
    items: list[list] = []
    child = _BLOCKS["olist"].CHILD_RE
    for line, at in _lines(piece):
        if (m := child.match(line)) is not None and not _BLOCKS["olist"].INDENT_RE.match(line):
            items.append([(line[m.start(3):], at[m.start(3):])])
        elif items:
            items[-1].append((line, at))
    return [_joined(item) for item in items]


def _cells(piece: _Piece):
    """A table row cell by cell, split where Markdown's tables extension
    splits it (not at an escaped pipe or one inside code)."""
    pos = 0
    for cell in _BLOCKS["table"]._split(piece.text):
        yield piece.part(pos, pos + len(cell))
        pos += len(cell) + 1


def _span(text: str, piece: _Piece, start: int, end: int, **parts: str) -> Span:
    return Span(text, piece.at[start], piece.at[end - 1] + 1, **parts)


def _inline(text: str, piece: _Piece) -> list[Span]:
    """Code spans, then math in what they leave: arithmatex's expressions
    stop at the code spans' placeholders (\\x02…\\x03), so does a mask here."""
    chunk = piece.text
    if not chunk:
        return []
    codes = _code_spans(chunk)
    found = [_span(text, piece, s, e, code=chunk[s:e]) for s, e, is_code in codes if is_code]
    masked, pos = _masked(chunk, codes), 0
    while (m := _MATH_INLINE.search(masked, pos)) is not None:
        pos = m.end()
        if m.group(2):  # $…$
            found.append(_span(text, piece, m.start(), m.end(), inline=m.group(3)))
        elif m.group(5):  # \\(…\\)
            found.append(_span(text, piece, m.start(), m.end(), paren=m.group(6)))
        else:  # escaped backslashes: Markdown takes them out of the text, as it does code
            masked = _masked(masked, [(m.start(), m.end(), False)])
    return sorted(found, key=Span.start)


def _code_spans(chunk: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_code) of each code span and of each run of escaped
    backslashes before backticks, which Markdown takes out of the text too."""
    found, pos = [], 0
    while (m := _BACKTICK.search(chunk, pos)) is not None:
        if m.group(1):
            found.append((m.start(), m.end(), False))
            chunk, pos = _masked(chunk, [found[-1]]), m.end()  # as Markdown's placeholder would
            continue
        content_start, content_end = _find_code_spans(None, m.start(), chunk)
        if content_end is None:
            pos = content_start  # an unmatched run of backticks is text
            continue
        ticks = content_start - m.start()
        # one around a fence (its placeholder) is Markdown's code, but never a span of ours: spans do not overlap
        found.append((m.start(), content_end + ticks, "\x02" not in chunk[m.start():content_end + ticks]))
        pos = content_end + ticks
    return found


def _masked(chunk: str, spans: list[tuple[int, int, bool]], filler: str = "\x00") -> str:
    """The chunk with each span replaced by a placeholder of the same length
    (on one line: Markdown's placeholders hold no line break)."""
    out, pos = [], 0
    for s, e, _ in spans:
        out += [chunk[pos:s], "\x02" + filler * (e - s - 2) + "\x03" if e - s >= 2 else "\x02"]
        pos = e
    return "".join(out) + chunk[pos:]


def fenced_lines(lines: list[str]) -> set[int]:
    """The indexes of the lines inside closed fenced blocks (fence lines
    included): for readers going line by line. An unclosed fence is text,
    as it is to Markdown, so it cannot swallow the cards after it."""
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    inside = set()
    for start, end in _fences("\n".join(lines)):
        inside.update(n for n, at in enumerate(starts) if start <= at <= end)
    return inside


def outside_fences(lines):
    """The lines of some Markdown that are not inside a fenced code block
    (the fence lines themselves left out): for readers going line by line."""
    lines = list(lines)
    fenced = fenced_lines(lines)
    return (line for n, line in enumerate(lines) if n not in fenced)


def math_spans(text: str):
    """The formulas of some Markdown, outside code."""
    return (m for m in SPANS.finditer(text) if m.group("math"))


def protected(text: str) -> list[tuple[int, int]]:
    """(start, end) of every code or math span."""
    return [m.span() for m in SPANS.finditer(text)]


def code_span(text: str) -> str:
    """Inline code showing text exactly: fenced by more backticks than any
    run inside it, padded where it starts or ends with a backtick."""
    ticks = "`" * (max(map(len, re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


# Han characters: the unified ideographs, extension A and the compatibility block.
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # to put inside [] in other patterns
CJK = re.compile(f"[{CJK_CLASS}]")


def is_cjk(ch: str) -> bool:
    return bool(CJK.match(ch))


def cjk_count(text: str) -> int:
    return len(CJK.findall(text))
