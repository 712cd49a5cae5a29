"""What the Markdown readers share: front matter, the title, numbered lines,
and repairs reported at the line of the entry they touched."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import frontmatter
import yaml

from ..cards.model import ERROR, INFO, Problem
from .repair import all_repairs
from . import vault

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$")
H2 = re.compile(r"^##[ \t]+(.+?)[ \t#]*$")
HEADING = re.compile(r"^#{1,6}[ \t]+\S")  # an ATX heading of any level
RULE = re.compile(r"^[ \t]*(?:-[ \t]*){3,}$|^[ \t]*(?:\*[ \t]*){3,}$")  # a thematic break


@dataclass
class MarkdownDoc:
    meta: dict
    title: str
    lines: list[tuple[int, str]]  # (1-based line number, text) of the body
    problems: list[Problem] = field(default_factory=list)

    @property
    def tags(self) -> tuple[str, ...]:
        return _strings(self.meta.get("tags"))

    @property
    def aliases(self) -> tuple[str, ...]:
        return _strings(self.meta.get("aliases"))


def parse(text: str, file: str) -> MarkdownDoc:
    """Front matter read with python-frontmatter. Exact copies of the block
    inside the body (an Obsidian export quirk) and the H1 (the deck's title,
    repeated or not) are taken out: they belong to the deck, not to an entry."""
    meta, problems, numbered = {}, [], list(enumerate(text.split("\n"), start=1))
    block = _FRONT_MATTER.match(text)
    copy: list[str] = []
    if block:
        try:
            meta = frontmatter.loads(block.group(0)).metadata or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(Problem(file, (mark.line + 1) if mark else 1, ERROR,
                                    f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}"))
        copy = block.group(0).rstrip("\n").split("\n")
        numbered = numbered[len(copy):]
    title = str(meta.get("title") or "")
    kept, i = [], 0
    while i < len(numbered):
        line = numbered[i][1]
        if copy and [t.rstrip() for _, t in numbered[i:i + len(copy)]] == [c.rstrip() for c in copy]:
            i += len(copy)
            continue
        h1 = H1.match(line)
        if h1 and (not title or h1.group(1).strip() == title):
            title = h1.group(1).strip()
        else:
            kept.append(numbered[i])
        i += 1
    return MarkdownDoc(meta, title or str(meta.get("id") or ""), kept, problems)


def repaired(text: str, file: str, line: int, problems: list[Problem]) -> str:
    """An entry's text as Markdown: Obsidian's syntax converted, then the
    repairs (each reported at the entry's line)."""
    text, notes = all_repairs(vault.to_markdown(text))
    problems += [Problem(file, line, INFO, note) for note in notes]
    return text


def dedent(lines: list[str]) -> list[str]:
    indents = [len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()]
    cut = min(indents, default=0)
    return [ln[cut:] if ln.strip() else "" for ln in lines]


def tidy(lines: list[str]) -> str:
    """Filler lines out: whitespace-only lines become one blank line, trailing
    spaces that are not a Markdown hard break go."""
    out: list[str] = []
    for line in lines:
        line = line.replace("\u00a0", " ") if not line.strip("\u00a0 \t") else line
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line.rstrip() + ("  " if line.endswith("  ") else ""))
    return "\n".join(out).strip("\n").rstrip()


def _strings(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(t.strip() for t in re.split(r"[,\s]+", str(value)) if t.strip())
