"""The one tokenizer for what Markdown text must not be touched in: code
(fenced blocks and inline spans) and math, found by the rules
pymdownx.arithmatex (generic, smart dollar) applies on the site, code first so
that a formula inside code is code. Sanitising, formula repair and checks,
cross-linking, glossary shortening and report messages all use it; and the one
place that knows which characters are Chinese."""

from __future__ import annotations

import re

# One match per span; the group that matched tells what it is: fence, code,
# or math (block = $$…$$, inline = $…$, paren = \(…\), bracket = \[…\]).
SPANS = re.compile(
    r"(?P<fence>^[ \t]*(?P<mark>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*(?P=mark)[ \t]*$|\Z))"
    r"|(?P<code>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<math>(?<!\\)\$\$(?P<block>.+?)(?<!\\)\$\$"
    r"|(?<![\\$])\$(?![\s$])(?P<inline>(?:\\.|[^$\\\n])+?)(?<![\s\\])\$(?!\$)"
    r"|(?<!\\)\\\((?P<paren>.+?)(?<!\\)\\\)"
    r"|(?<!\\)\\\[(?P<bracket>.+?)(?<!\\)\\\])",
    re.S | re.M,
)


FENCE_LINE = re.compile(r"^\s*(`{3,}|~{3,})")  # a line that opens or closes a fenced block


def outside_fences(lines):
    """The lines of some Markdown that are not inside a fenced code block
    (the fence lines themselves left out): for readers going line by line."""
    in_code = False
    for line in lines:
        if FENCE_LINE.match(line):
            in_code = not in_code
        elif not in_code:
            yield line


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
