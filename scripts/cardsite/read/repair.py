"""Undo what exporters broke, before anything else reads the text.

Each function takes Markdown and returns (repaired Markdown, list of what it
did), so readers can report every repair with its line.
"""

from __future__ import annotations

import re

# An exporter that turned `$…$` into `(…$`: an opening parenthesis, a TeX-looking
# body with at most one level of parentheses and no `$`, then a lone `$`.
_MANGLED_MATH = re.compile(
    r"(?<![\w$\\])\((?P<body>(?:[^()$\n]|\([^()$\n]*\))*?[\\_^=](?:[^()$\n]|\([^()$\n]*\))*)\$(?!\w)"
)
_KRAMDOWN_TOC = re.compile(r"^[ \t]*(?:[*+-]|\d+\.)[ \t]+(?:TOC|Table of Contents)[ \t]*\n[ \t]*\{:[ \t]*toc[ \t]*\}[ \t]*$\n?", re.M | re.I)
_KRAMDOWN_IAL = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*$\n?|[ \t]*\{:[ \t]*[.#][^}\n]*\}", re.M)


def mangled_math(text: str) -> tuple[str, list[str]]:
    done: list[str] = []

    def fix(m: re.Match) -> str:
        body = m.group("body").replace("\\[", "[").replace("\\]", "]").strip()
        done.append(f"math `(…$` repaired to ${body}$")
        return f"${body}$"

    return _MANGLED_MATH.sub(fix, text), done


def broken_bold(text: str) -> tuple[str, list[str]]:
    """`**start of bold` … a line holding only `**`: the exporter moved the
    closing marker down. Join it back and trim spaces inside the markers."""
    lines, done = text.split("\n"), []
    for i, line in enumerate(lines):
        if line.strip() != "**":
            continue
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0 and lines[j].count("**") % 2 == 1:
            lines[j] = lines[j].rstrip() + "**"
            lines[i] = ""
            done.append("bold marker split across lines rejoined")
    text = "\n".join(lines)
    text = re.sub(r"\*\*[ \t\u00a0]+(?=[^*\n]*?\S\*\*)", "**", text)
    text = re.sub(r"(?<=\S)[ \t\u00a0]+\*\*(?=\s|$|[^\w*])", "**", text)
    return text, done


def kramdown(text: str) -> tuple[str, list[str]]:
    done = []
    text, toc = _KRAMDOWN_TOC.subn("", text)
    if toc:
        done.append("kramdown table of contents dropped")
    text, ial = _KRAMDOWN_IAL.subn("", text)
    if ial:
        done.append("kramdown attribute list dropped")
    return text, done


def all_repairs(text: str) -> tuple[str, list[str]]:
    done: list[str] = []
    for step in (kramdown, broken_bold, mangled_math):
        text, notes = step(text)
        done += notes
    return text, done
