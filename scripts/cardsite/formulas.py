"""Every formula in every card, checked by KaTeX at build time. Repairs come
first (unbalanced braces, dollars that were money); what KaTeX still rejects
is reported with file:line and shown as the raw formula in code style, never
as a red error. The rendered HTML stays in the shared renderer's cache, where
hooks/math.py finds it."""

from __future__ import annotations

import re

from .katex import KatexRenderer, KatexUnavailable
from .model import ERROR, INFO, WARNING, Card, Problem
from .spans import SPANS, code_span, math_spans

FIELDS = ("front", "back", "extra")


def check_formulas(cards: list[Card], renderer: KatexRenderer) -> list[Problem]:
    found: list[tuple[Card, str, re.Match]] = []
    problems: list[Problem] = []
    for card in cards:
        for field in FIELDS:
            text, notes = _repaired(getattr(card, field))
            setattr(card, field, text)
            problems += [Problem(card.file, card.line, INFO, note) for note in notes]
            found += [(card, field, m) for m in math_spans(text)]
    if not found:
        return problems
    try:
        results = renderer.render_many((_tex(m), _display(m)) for _, _, m in found)
    except KatexUnavailable as exc:
        return problems + [Problem("(build)", 0, ERROR, f"formulas not checked: {exc}")]
    rejected: dict[tuple[int, str], list[re.Match]] = {}
    for card, field, m in found:
        html, error = results[(_tex(m), _display(m))]
        if error:
            problems.append(Problem(card.file, card.line, WARNING,
                                    f"formula KaTeX cannot render, shown as code: {m.group(0)!r} ({error})"))
            rejected.setdefault((id(card), field), []).append(m)
    by_id = {id(card): card for card, _, _ in found}
    for (card_id, field), matches in rejected.items():
        card = by_id[card_id]
        text = getattr(card, field)
        for m in sorted(matches, key=lambda m: m.start(), reverse=True):
            text = text[:m.start()] + code_span(m.group(0)) + text[m.end():]
        setattr(card, field, text)
    return problems


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
