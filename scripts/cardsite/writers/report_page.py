"""The quality report as a page (/report/); cardsite.report finds what goes in it."""

from __future__ import annotations

import re

from .. import urls
from ..formulas import FORMULA
from ..report import Section
from ..sanitize import escape_markdown
from .common import front_matter

REPORT_LIMIT = 300  # lines per report section on the site; convert.py --report lists all


def report_page(sections: list[Section], cards: int) -> str:
    source = "report/index.md"
    parts = [front_matter("Quality report", search_excluded=True), "# Quality report\n",
             f"What to look at in the {cards} cards, each with its file and line. Counts: "
             + ", ".join(f"[{s.title.lower()}](#{_section_anchor(s)}) {len(s.entries)}" for s in sections) + ".\n"]
    for section in sections:
        parts.append(f"## {section.title} ({len(section.entries)}) {{ #{_section_anchor(section)} }}\n")
        if section.why:
            parts.append(f"{section.why}\n")
        for e in section.entries[:REPORT_LIMIT]:
            where = f"`{e.file}:{e.line}`" if e.line else (f"`{e.file}`" if e.file else "")
            text = quoted(e.text) if e.quoted else escape_markdown(e.text)
            target = urls.source_link(source, urls.source_of(urls.concept(e.slug)))
            link = f"[{text}]({target}#{e.anchor})" if e.slug else text
            parts.append(f"- {where} {link}".replace("-  ", "- "))
        if len(section.entries) > REPORT_LIMIT:
            parts.append(f"- … and {len(section.entries) - REPORT_LIMIT} more: `python scripts/convert.py --report` lists them all.")
        parts.append("")
    return "\n".join(parts)


def quoted(message: str) -> str:
    """A message that quotes formulas shows them as code, exactly as typed."""
    parts, pos = [], 0
    for m in FORMULA.finditer(message):
        if m.group("fence") or m.group("code"):
            continue
        parts += [escape_markdown(message[pos:m.start()], keep_math=False), _code_span(m.group(0))]
        pos = m.end()
    return "".join(parts) + escape_markdown(message[pos:], keep_math=False)


def _code_span(text: str) -> str:
    ticks = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks} {text} {ticks}" if len(ticks) > 1 else f"`{text}`"


def _section_anchor(section: Section) -> str:
    return re.sub(r"[^a-z0-9]+", "-", section.title.lower()).strip("-")
