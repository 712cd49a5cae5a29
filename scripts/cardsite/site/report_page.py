"""The quality report as a page (/report/); cardsite.site.report finds what goes in it."""

from __future__ import annotations

import re

from ..core import urls
from ..markup.spans import code_span, math_spans
from .report import Section
from ..markup.sanitize import escape_markdown
from .common import front_matter
from .paging import chunked, pager

REPORT_LIMIT = 100  # lines per section on the report page; the rest on the section's own pages
SECTION_PAGE = 500  # lines on each page of a long section


def report_pages(sections: list[Section], cards: int) -> dict[str, str]:
    """/report/ with the first lines of every section; a section longer than
    REPORT_LIMIT lines is listed whole on /report/<section>/ (paged)."""
    source = urls.listing(urls.REPORT)
    parts = [front_matter("Quality report"), "# Quality report\n",
             f"What to look at in the {cards} cards, each with its file and line. Counts: "
             + ", ".join(f"[{s.title.lower()}](#{section_anchor(s)}) {len(s.entries)}" for s in sections) + ".\n"]
    pages = {}
    for section in sections:
        parts.append(f"## {section.title} ({len(section.entries)}) {{ #{section_anchor(section)} }}\n")
        if section.why:
            parts.append(f"{section.why}\n")
        parts += [_line(e, source) for e in section.entries[:REPORT_LIMIT]]
        if len(section.entries) > REPORT_LIMIT:
            whole = urls.page_link(source, urls.paged(urls.REPORT, section_anchor(section)))
            parts.append(f"- … and {len(section.entries) - REPORT_LIMIT} more: [all {len(section.entries)}]({whole})")
            pages |= _section_pages(section)
        parts.append("")
    pages[source] = "\n".join(parts)
    return pages


def _section_pages(section: Section) -> dict[str, str]:
    chunks = chunked(section.entries, SECTION_PAGE)
    sources = [urls.source_of(urls.paged(urls.REPORT, section_anchor(section), n)) for n in range(len(chunks))]
    pages = {}
    for number, (chunk, source) in enumerate(zip(chunks, sources)):
        title = f"{section.title} ({number + 1}/{len(chunks)})"
        pages_line = pager([urls.source_link(source, other) for other in sources], number)
        pages[source] = "\n".join([
            front_matter(title), f"# {escape_markdown(title)}\n",
            f"{len(section.entries)} in all. [Quality report]({urls.source_link(source, urls.listing(urls.REPORT))})\n",
            pages_line, *[_line(e, source) for e in chunk], "", pages_line])
    return pages


def _line(e, source: str) -> str:
    where = f"`{e.file}:{e.line}`" if e.line else (f"`{e.file}`" if e.file else "")
    text = quoted(e.text) if e.quoted else escape_markdown(e.text)
    target = urls.page_link(source, urls.concept(e.slug))
    link = f"[{text}]({target}#{e.anchor})" if e.slug else text
    return f"- {where} {link}".replace("-  ", "- ")


def quoted(message: str) -> str:
    """A message that quotes formulas shows them as code, exactly as typed."""
    parts, pos = [], 0
    for m in math_spans(message):
        parts += [escape_markdown(message[pos:m.start()], keep_math=False), code_span(m.group(0))]
        pos = m.end()
    return "".join(parts) + escape_markdown(message[pos:], keep_math=False)


def section_anchor(section: Section) -> str:
    return re.sub(r"[^a-z0-9]+", "-", section.title.lower()).strip("-")
