"""Every formula in every card, checked by KaTeX at build time. Repairs come
first (unbalanced braces, dollars that were money); what KaTeX still rejects
is reported with file:line and shown as the raw formula in code style, never
as a red error. The rendered HTML stays in the shared renderer's cache, where
hooks/math.py finds it."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..markup.katex import KatexRenderer, KatexUnavailable
from .model import ERROR, INFO, WARNING, Card, Problem
from ..core.memo import no_memo
from ..markup.spans import SPANS, code_span, math_spans

FIELDS = ("front", "back", "extra")


def check_formulas(cards: list[Card], renderer: KatexRenderer, memo=no_memo) -> list[Problem]:
    """memo: each text's repairs and formulas, kept across rebuilds (cardsite.run.reuse)."""
    found: list[tuple[Card, str, tuple[Formula, ...]]] = []
    problems: list[Problem] = []
    for card in cards:
        for field in FIELDS:
            text = getattr(card, field)
            text, notes, formulas = memo(text, lambda: _formulas_of(text))
            setattr(card, field, text)
            problems += [Problem(card.file, card.line, INFO, note) for note in notes]
            if formulas:
                found.append((card, field, formulas))
    if not found:
        return problems
    try:
        results = renderer.render_many((f.tex, f.display) for _, _, formulas in found for f in formulas)
    except KatexUnavailable as exc:
        return problems + [Problem("(build)", 0, ERROR, f"formulas not checked: {exc}")]
    for card, field, formulas in found:
        rejected = [(f, error) for f in formulas if (error := results[(f.tex, f.display)][1])]
        if not rejected:
            continue
        text = getattr(card, field)
        for f, error in rejected:
            problems.append(Problem(card.file, card.line, WARNING,
                                    f"formula KaTeX cannot render, shown as code: {f.source!r} ({error})"))
        for f, _ in sorted(rejected, key=lambda r: r[0].start, reverse=True):
            text = text[:f.start] + code_span(f.source) + text[f.end:]
        setattr(card, field, text)
    return problems


class Formula(NamedTuple):
    tex: str
    display: bool
    source: str  # as written, delimiters included
    start: int
    end: int


def _formulas_of(text: str) -> tuple[str, list[str], tuple[Formula, ...]]:
    """The text repaired, what was repaired, and the formulas in it."""
    text, notes = _repaired(text)
    return text, notes, tuple(Formula(_tex(m), _display(m), m.group(0), m.start(), m.end()) for m in math_spans(text))


def _tex(m: re.Match) -> str:
    return next(g for g in (m.group("block"), m.group("inline"), m.group("paren"), m.group("bracket")) if g is not None).strip()


def _display(m: re.Match) -> bool:
    return m.group("block") is not None or m.group("bracket") is not None


# --------------------------------------------------------------------------
# Repairs


def _repaired(text: str) -> tuple[str, list[str]]:
    notes: list[str] = []

    def fix(m: re.Match) -> str:
        if m.group("fence") or m.group("code"):
            return m.group(0)
        formula = m.group(0)
        if m.group("inline") is not None and _is_money(m, text):
            notes.append(f"dollar signs are money, not math: {formula!r}")
            return formula.replace("$", "\\$")
        tex = _tex(m)
        balanced = balance_braces(tex)
        if balanced != tex:
            notes.append(f"math: unbalanced braces repaired in {formula!r}")
            return formula.replace(tex, balanced, 1)
        return formula

    return SPANS.sub(fix, text), notes


def balance_braces(tex: str) -> str:
    """Drop a `}` that closes nothing and close what is left open; escaped
    braces (`\\{`, `\\}`) do not count."""
    out, depth, i = [], 0, 0
    while i < len(tex):
        if tex[i] == "\\" and i + 1 < len(tex):
            out.append(tex[i:i + 2])
            i += 2
            continue
        if tex[i] == "{":
            depth += 1
        elif tex[i] == "}":
            if depth == 0:
                i += 1
                continue
            depth -= 1
        out.append(tex[i])
        i += 1
    return "".join(out) + "}" * depth


def _is_money(m: re.Match, text: str) -> bool:
    """`$5-$10`: a formula that is only a number, with a digit right after it."""
    return bool(re.fullmatch(r"\d[\d.,]*\s*[-–to ]*", m.group("inline"))) and text[m.end():m.end() + 1].isdigit()
