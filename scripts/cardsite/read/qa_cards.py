"""Cards written as `Q:`/`A:` pairs and `C:` cloze cards (the hashcards
format), under `##` sections or none:

    Q: What is the capital of France?
    A: Paris

    C: The [order] of a group is [the cardinality of its underlying set].

A card runs until the next card, heading or `---`, blank lines included
(a cloze's attribution line belongs to it). Each `[bracket]` of a cloze card
is a deletion of its own, asked on its own, as Anki asks c1, c2…; brackets in
code or math, and Markdown links, are not deletions. Text before the first
card says what the deck is (shown on its page); other text outside the
cards is kept as a note."""

from __future__ import annotations

import re
from collections import Counter

from ..markup.card_syntax import CLOZE_END, cloze_opening
from ..cards.make import make_card
from ..cards.model import CLOZE, NOTE, UNANSWERED
from ..markup.sanitize import safe_markdown
from ..markup.spans import SPANS, fenced_lines, outside_fences
from . import markdown
from .base import ReadResult

NAME = "markdown-qa"

_START = re.compile(r"^(Q|A|C):(?:[ \t]+(.*))?$")
# not a link or an image
_DELETION = re.compile(r"(?<!!)\[([^\[\]\n]+)\](?![(\[])")
_REFERENCE = re.compile(r"^[ \t]*\[[^\[\]\n]+\]:", re.M)  # "[1]: https://…" starting a line


def sniff(text: str) -> float:
    starts = Counter(m.group(1) for ln in outside_fences(text.split("\n")) if (m := _START.match(ln)))
    cards = starts["Q"] + starts["C"]
    if cards < 2 or starts["A"] > starts["Q"] or starts["A"] < starts["Q"] / 2:
        return 0.0
    return 0.95


def read(text: str, file: str, deck: str) -> ReadResult:
    doc = markdown.parse(text, file)
    result = ReadResult(problems=doc.problems, title=doc.title, tags=doc.tags, aliases=doc.aliases)
    # (kind: "Q", "C" or "" for text outside cards, line, question lines, answer lines or None)
    entries: list[tuple[str, int, list[str], list[str] | None]] = [("", 0, [], None)]
    fenced = fenced_lines([line for _, line in doc.lines])  # closed fences only, as Markdown reads them
    for index, (number, line) in enumerate(doc.lines):
        kind, _, lines, answer = entries[-1]
        in_code = index in fenced
        start = None if in_code else _START.match(line)
        if start and start.group(1) in "QC":
            entries.append((start.group(1), number, [start.group(2) or ""], None))
        elif start and kind == "Q" and answer is None:
            entries[-1] = (kind, entries[-1][1], lines, [start.group(2) or ""])
        elif not in_code and not start and (markdown.HEADING.match(line) or markdown.RULE.match(line)):
            entries.append(("", number, [], None))  # a section or a break ends the card
        else:
            (lines if answer is None else answer).append(line)
    for index, (kind, number, lines, answer) in enumerate(entries):
        question = markdown.repaired(markdown.tidy(lines), file, number or 1, result.problems)
        if kind == "Q":
            back = markdown.repaired(markdown.tidy(answer or []), file, number, result.problems)
            result.cards.append(make_card(deck=deck, file=file, line=number, front=question, back=back,
                                          tags=doc.tags, kind=None if back else UNANSWERED))
        elif kind == "C":
            text, count = deletions(safe_markdown(question))
            result.cards.append(make_card(deck=deck, file=file, line=number, front=text, tags=doc.tags,
                                          markdown_is_safe=True, kind=CLOZE if count else None))
        elif index == 0:
            result.about = safe_markdown(question)
        elif question:
            first = next(n for n, ln in doc.lines if ln.strip() and n > number)
            result.cards.append(make_card(deck=deck, file=file, line=first, front=question, kind=NOTE, tags=doc.tags))
    return result


def deletions(text: str) -> tuple[str, int]:
    """Each [bracket] outside code and math as a cloze deletion of its own;
    the text, and how many there are."""
    # code and math blanked out (same length) so that their brackets are not seen
    masked = SPANS.sub(lambda m: m.group(0) if m.group("math") and _brackets_around(m, text) else
                       "\0" * len(m.group(0)), text)
    out, pos, number = [], 0, 0
    references = {m.start() + len(m.group(0)) - len(m.group(0).lstrip()) for m in _REFERENCE.finditer(masked)}
    for m in _DELETION.finditer(masked):
        if m.start() in references:
            continue
        number += 1
        out += [text[pos:m.start()], cloze_opening(number), text[m.start(1):m.end(1)], CLOZE_END]
        pos = m.end()
    return "".join(out) + text[pos:], number


def _brackets_around(m: re.Match, text: str) -> bool:
    """A formula that is a whole deletion: [$\\cos(x)$]."""
    return text[m.start() - 1:m.start()] == "[" and text[m.end():m.end() + 1] == "]"
