"""Notes for Obsidian's Spaced Repetition plugin (st3v3nmw/obsidian-spaced-
repetition), read as its parser reads them (src/parser.ts), with its default
settings:

    #flashcards
    Capital of France::Paris                 a card on one line
    <!--SR:!2024-12-31,3,250-->              its review state: not shown
    Paris:::Capital of France                asked both ways
    A question                               several lines, `?` between
    ?                                        (`??`: asked both ways);
    An answer                                a blank line ends the card
    The ==mitochondria== is the powerhouse   each ==highlight== a deletion

The plugin reads a note only when it carries its tag (`#flashcards`, or a
sub-tag as a deck: `#flashcards/cpp` tags the cards `cpp`) or has its review
comments, so that is what this reader asks for: Dataview's `key:: value`
fields in other notes are not cards. The separator is the first `::`
outside code that is not inside a name (`std::move`). Lines that follow a
card without a blank line belong to its answer (a code block under
`Q::`); headings and tag lines are structure; other paragraphs are kept as
notes. Bold and `{{curly}}` deletions are settings the plugin has off by
default, and so are they here."""

from __future__ import annotations

import re

from ..cards.make import make_card
from ..cards.model import CLOZE, NOTE, UNANSWERED
from ..markup.card_syntax import CLOZE_END, cloze_opening
from ..markup.sanitize import safe_markdown
from ..markup.spans import SPANS, fenced_lines
from . import markdown
from .base import ReadResult

NAME = "obsidian-sr"
DECK_TAG = "flashcards"  # the plugin's default flashcard tag

_REVIEW = re.compile(r"^\s*<!--SR:.*?-->\s*$")
_COMMENT = re.compile(r"^\s*<!--(?!SR:).*?-->\s*$")
_TAGS_LINE = re.compile(r"^\s*(?:#[^\s#]+\s*)+$")
_TAG = re.compile(r"#([^\s#]+)")
_SEPARATOR = re.compile(r":::?")
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_LABEL = re.compile(r"^\s*Q:\s*")  # "Q: What is…?::…", the author's own label


def sniff(text: str) -> float:
    lines = text.split("\n")
    fenced = fenced_lines(lines)
    # the tag anywhere in the text, or in the front matter's tags (`tags: [flashcards]`, `- flashcards`)
    tagged = any(tag == DECK_TAG or tag.startswith(DECK_TAG + "/")
                 for n, line in enumerate(lines) if n not in fenced for tag in _TAG.findall(line)) \
        or bool(re.search(rf"^(?:tags:.*|\s*-\s*)\b{DECK_TAG}\b", text.split("\n---", 1)[0], re.M)
                and text.startswith("---"))
    reviewed = any(_REVIEW.match(line) for line in lines)
    cards = sum(1 for n, line in enumerate(lines) if n not in fenced
                and (_separator(line) or line.strip() in ("?", "??") or _HIGHLIGHT.search(line)))
    return 0.97 if cards and (tagged or reviewed) else 0.0


def read(text: str, file: str, deck: str) -> ReadResult:
    doc = markdown.parse(text, file)
    result = ReadResult(problems=doc.problems, title=doc.title, tags=doc.tags, aliases=doc.aliases)
    # a tag anywhere in a note is the note's (Obsidian's rule), so every card's
    tags = [_deck_tag(t) for t in doc.tags]
    tags += [_deck_tag(t) for _, line in doc.lines if _TAGS_LINE.match(line) for t in _TAG.findall(line)]
    card_tags = tuple(dict.fromkeys(t for t in tags if t))
    for block in _blocks(doc.lines):
        # review state (not shown), comments, structure, tags: not cards
        lines = [(number, line) for number, line in block if not any(
            pattern.match(line) for pattern in (_REVIEW, _COMMENT, markdown.RULE, markdown.HEADING, _TAGS_LINE))]
        for kind, number, front, back in _cards(lines):
            front = markdown.repaired(markdown.tidy(front), file, number, result.problems)
            if kind == CLOZE:
                marked, count = _deletions(safe_markdown(front))
                result.cards.append(make_card(deck=deck, file=file, line=number, front=marked, tags=card_tags,
                                              markdown_is_safe=True, kind=CLOZE if count else NOTE))
                continue
            back = markdown.repaired(markdown.tidy(back), file, number, result.problems)
            card = make_card(deck=deck, file=file, line=number, front=_LABEL.sub("", front, count=1) if back else front,
                             back=back, tags=card_tags, kind=NOTE if kind == NOTE else None if back else UNANSWERED)
            card.reversible = kind == "both" and card.has_answer
            result.cards.append(card)
    return result


def _deck_tag(tag: str) -> str:
    """`#flashcards/cpp/pointers` tags its cards `cpp/pointers`; `#flashcards` alone, nothing."""
    return tag.removeprefix(DECK_TAG).lstrip("/") if tag == DECK_TAG or tag.startswith(DECK_TAG + "/") else tag


def _blocks(numbered: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Paragraphs: lines between blank lines, a fenced code block never parted."""
    fenced = fenced_lines([line for _, line in numbered])
    blocks: list[list[tuple[int, str]]] = [[]]
    for index, (number, line) in enumerate(numbered):
        if not line.strip() and index not in fenced:
            blocks.append([])
        else:
            blocks[-1].append((number, line))
    return [b for b in blocks if b]


def _cards(lines: list[tuple[int, str]]):
    """(kind, line, front lines, back lines) of a paragraph: kind is "one" or
    "both" (ways), CLOZE or NOTE."""
    fenced = fenced_lines([line for _, line in lines])
    singles = [i for i, (_, line) in enumerate(lines) if i not in fenced and _separator(line)]
    if singles:
        if singles[0] > 0:
            yield NOTE, lines[0][0], [ln for _, ln in lines[:singles[0]]], []
        for i, start in enumerate(singles):
            number, line = lines[start]
            sep = _separator(line)
            rest = [ln for _, ln in lines[start + 1:singles[i + 1] if i + 1 < len(singles) else len(lines)]]
            yield ("both" if sep.group(0) == ":::" else "one"), number, [line[:sep.start()]], \
                [line[sep.end():].strip(), *rest]
        return
    marks = [i for i, (_, line) in enumerate(lines) if i not in fenced and line.strip() in ("?", "??")]
    if marks:
        at = marks[0]
        yield ("both" if lines[at][1].strip() == "??" else "one"), lines[0][0], \
            [ln for _, ln in lines[:at]], [ln for _, ln in lines[at + 1:]]
    elif any(i not in fenced and _HIGHLIGHT.search(line) for i, (_, line) in enumerate(lines)):
        yield CLOZE, lines[0][0], [ln for _, ln in lines], []
    elif lines:
        yield NOTE, lines[0][0], [ln for _, ln in lines], []


def _separator(line: str) -> re.Match | None:
    """The card separator of a line: the first `::` or `:::` outside code
    that is not inside a name (`std::move`), else the first one."""
    masked = SPANS.sub(lambda m: "\0" * len(m.group(0)) if m.group("code") else m.group(0), line)
    found = list(_SEPARATOR.finditer(masked))
    inside_names = [m for m in found if re.match(r"\w", masked[m.start() - 1:m.start()] or " ")
                    and re.match(r"\w", masked[m.end():m.end() + 1] or " ")]
    return next((m for m in found if m not in inside_names), found[0] if found else None)


def _deletions(text: str) -> tuple[str, int]:
    """Each ==highlight== outside code and math a deletion of its own."""
    number = 0

    def deletion(piece: str) -> str:
        def one(m: re.Match) -> str:
            nonlocal number
            number += 1
            return f"{cloze_opening(number)}{m.group(1)}{CLOZE_END}"
        return _HIGHLIGHT.sub(one, piece)

    return SPANS.outside(text, deletion, lambda span: True), number
