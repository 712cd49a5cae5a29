"""The bilingual glossary: /glossary/ (A–Z by English term) and /glossary/zh/
(by the pinyin of the Chinese term). One row per concept: English term,
Chinese term (marked † when it comes from sources/terminology.yml rather than
the notes), a one-line definition in each language."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ..cards.make import AUDIO, plain_summary, plain_text
from ..markup.card_syntax import MISSING_MEDIA
from ..core import urls
from ..markup.spans import SPANS
from ..cards.model import NOTE, Concept
from ..markup.sanitize import escape_markdown
from .alphabet import index_letter, letter_anchor, sort_key
from .paging import chunked, pager

ONE_LINE = 160
SPLIT_AT = 1000
PAGE = 300  # rows on one page of a letter
FROM_TERMINOLOGY = '<sup class="zh-source" title="from sources/terminology.yml">†</sup>'


def glossary_concepts(concepts: list[Concept]) -> list[Concept]:
    """Everything but quotes and notes, which name no term."""
    return [c for c in concepts if not all(card.kind == NOTE for card in c.cards)]


def coverage(concepts: list[Concept]) -> tuple[int, int]:
    entries = glossary_concepts(concepts)
    return sum(bool(c.zh_title) for c in entries), len(entries)


def glossary_pages(concepts: list[Concept], front_matter) -> dict[str, str]:
    entries = glossary_concepts(concepts)
    have, total = coverage(concepts)
    intro = (f"{total} concepts, {have} with a Chinese term ({100 * have / max(total, 1):.1f}%). "
             f"† marks a term taken from the terminology file rather than from the notes.\n")
    english_key = lambda c: (index_letter(c.title), sort_key(c.title))  # noqa: E731
    chinese_key = lambda c: (index_letter(c.zh_title), sort_key(c.zh_title))  # noqa: E731
    english, chinese = urls.glossary(), urls.glossary("zh")
    pages = _lettered(english, "Glossary", intro + f"中文版：[按拼音排序]({urls.source_link(english, chinese)})\n",
                      entries, english_key, False, front_matter)
    pages |= _lettered(chinese, "术语表（中文）",
                       f"{have} 个有中文名称的概念，按拼音排序。English: [A–Z]({urls.source_link(chinese, english)})\n",
                       [c for c in entries if c.zh_title], chinese_key, True, front_matter)
    return pages


def _lettered(path: str, title: str, intro: str, entries, key, zh_first: bool, front_matter) -> dict[str, str]:
    """One page, or above SPLIT_AT entries an index of letters and a page per
    letter beside it (glossary/zh-letter-t.md…), so no page grows with the corpus."""
    if len(entries) <= SPLIT_AT:
        return {path: _page(front_matter(title), title, intro, entries, key, zh_first)}
    by_letter = defaultdict(list)
    for c in entries:
        by_letter[key(c)[0]].append(c)
    letters = sorted(by_letter, key=lambda k: (k == "#", k))
    stem = path.rsplit("/", 1)[1].removesuffix(".md")
    prefix = "" if stem == "index" else f"{stem}-"
    pages = {path: "\n".join([front_matter(title), f"# {title}\n", intro,
                               *[f"- [{k}]({urls.source_link(path, urls.glossary(prefix + letter_anchor(k)))}) · "
                                 f"{len(by_letter[k])}" for k in letters], ""])}
    for k in letters:
        chunks = chunked(by_letter[k], PAGE)
        sources = [urls.glossary(prefix + letter_anchor(k), n) for n in range(len(chunks))]
        for n, (chunk, source) in enumerate(zip(chunks, sources)):
            pages_line = pager([urls.source_link(source, other) for other in sources], n)
            pages[source] = _page(front_matter(f"{title}: {k}"), f"{title}: {k}",
                                  f"[{title}]({urls.source_link(source, path)})\n\n{pages_line}", chunk, key, zh_first)
    return pages


def english_definition(concept: Concept) -> str:
    for card in concept.cards:
        if card.lang == "en" and card.has_answer and (line := one_line(card.back or card.extra)):
            return line
    return ""


@lru_cache(maxsize=1 << 16)  # every rebuild under `mkdocs serve` asks for every concept's
def one_line(markdown: str, limit: int = ONE_LINE) -> str:
    """The first line of an answer as Markdown (math kept), links reduced to
    their text; cut at a sentence end when long, never inside a formula."""
    in_code = False
    for raw in markdown.split("\n"):
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or not line or line.startswith(("<div", "</div", "#", "{")):
            continue
        line = re.sub(r"<br\s*/?>", " ", line)
        line = re.sub(r"^(?:[*+-]|\d+\\?\.)\s+", "", line)
        line = re.sub(r"(?<!!)\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = MISSING_MEDIA.sub("", re.sub(r"!\[[^\]]*\]\([^)]*\)", "", AUDIO.sub("", line))).strip()
        if line:
            return _shortened(line, limit)
    return ""


# --------------------------------------------------------------------------


def _page(front_matter: str, title: str, intro: str, entries: list[Concept], key, zh_first: bool) -> str:
    by_letter: dict[str, list[Concept]] = defaultdict(list)
    for concept in sorted(entries, key=key):
        by_letter[key(concept)[0]].append(concept)
    letters = sorted(by_letter, key=lambda k: (k == "#", k))
    parts = [front_matter, f"# {title}\n", intro,
             " ".join(f"[{k}](#{letter_anchor(k)})" for k in letters) + "\n{ .glossary-jump }\n"]
    header = ("| 中文 | English | 定义 | Definition |" if zh_first else "| English | 中文 | Definition | 中文定义 |")
    for letter in letters:
        parts += [f"## {letter} {{ #{letter_anchor(letter)} }}\n", header, "|---|---|---|---|"]
        parts += [_row(c.title, c.slug, c.zh_title, c.zh_source, english_definition(c), c.zh_definition, zh_first)
                  for c in by_letter[letter]]
        parts.append("")
    return "\n".join(parts)


@lru_cache(maxsize=1 << 16)  # the same rows, rebuild after rebuild under `mkdocs serve`
def _row(title: str, slug: str, zh_title: str, zh_source: str, en_def: str, zh_definition: str, zh_first: bool) -> str:
    en_term = f"[{escape_markdown(title)}]({urls.page_link(urls.glossary(), urls.concept(slug))})"
    zh_term = escape_markdown(zh_title, keep_math=False) + (FROM_TERMINOLOGY if zh_source == "terminology" else "")
    zh_def = escape_markdown(zh_definition, keep_math=False)
    cells = [zh_term, en_term, zh_def, en_def] if zh_first else [en_term, zh_term, en_def, zh_def]
    return "| " + " | ".join(_cell(x) for x in cells) + " |"


def _shortened(line: str, limit: int) -> str:
    if len(plain_text(line)) <= limit:
        return line
    formulas = [m.span() for m in SPANS.finditer(line) if not m.group("fence")]
    for end in sorted((m.end() for m in re.finditer(r"[.!?。！？](?=\s|$)", line)), reverse=True):
        if len(plain_text(line[:end])) <= limit and not any(s < end < e for s, e in formulas):
            return line[:end]
    return escape_markdown(plain_summary(line, limit), keep_math=False)


def _cell(text: str) -> str:
    """Markdown text as one table cell: every pipe that would end the cell
    escaped, one that is escaped already left as it is (escaping it again
    would escape the backslash and end the cell there)."""
    return re.sub(r"(?<!\\)((?:\\\\)*)\|", r"\1\\|", text.replace("\n", " ")) or "—"
