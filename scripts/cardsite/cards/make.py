"""From a reader's raw fields to a Card: kind, plain-text title, language,
media references. Readers decide WHAT the fields are; this decides the rest
the same way for every format."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import unquote

from .model import NOTE, QUESTION, TERM, UNANSWERED, Card
from ..markup.readable import flat_tex, shortened
from ..markup.sanitize import safe_markdown
from ..markup.spans import CJK

_QUESTION_WORDS = re.compile(
    r"^(what|why|how|when|where|which|who|whom|whose|is|are|does|do|can|should|"
    r"describe|explain|name|define|list|compare)\b", re.I)
# An image in Markdown (alt text: group 1, URL: group 2) or as an <img> tag (URL: group 3).
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)>\s]+)>?[^)]*\)|<img\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>")
# Obsidian's [[Note]], [[Note#Heading]], [[Note|label]]: name (1), heading (2), label (3).
WIKILINK = re.compile(r"(?<!!)\[\[([^\[\]|#\n]*)(?:#([^\[\]|\n]*))?(?:\|([^\[\]\n]*))?\]\]")


def wikilink_text(m: re.Match) -> str:
    """What a wiki link reads as: its label, else the note's name (else the heading)."""
    return (m.group(3) or m.group(1) or m.group(2) or "").strip()


# An audio player (read/anki_fields.py writes them for [sound:…]); URL: group 1.
AUDIO = re.compile(r"<audio\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>(?:</audio>)?")
# "Adam? Kingma, Q4 2014": a question followed by who and when.
_TRAILING_ATTRIBUTION = re.compile(
    r"^(?P<front>.+?[?？])[ \t]+(?P<who>[A-Z][\w.'’-]*(?:[ \t]+(?:et al\.?|[A-Z][\w.'’-]*))*,[ \t]*"
    r"(?:Q[1-4][ \t]*)?'?\d{2,4}\b[^\n]*)$")
TITLE_LIMIT = 90


def make_card(*, deck: str, file: str, line: int, front: str, back: str = "",
              extra: str = "", attribution: str = "", tags=(), guid: str = "",
              kind: str | None = None, markdown_is_safe: bool = False) -> Card:
    if not markdown_is_safe:
        front, back, extra = map(safe_markdown, (front.strip(), back.strip(), extra.strip()))
    if not attribution and (m := _TRAILING_ATTRIBUTION.match(front.strip())):
        front, attribution = m.group("front"), m.group("who")
    title = plain_title(front) or plain_title(back) or f"Untitled entry ({file}:{line})"
    has_answer = bool(back.strip() or extra.strip())
    kind = kind or infer_kind(title, has_answer)  # a reader that wrote deletions says CLOZE
    text = f"{front}\n{back}"
    return Card(
        deck=deck, file=file, line=line, kind=kind,
        front=front.strip(), back=back.strip(), extra=extra.strip(),
        attribution=plain_text(attribution), tags=tuple(dict.fromkeys(t for t in tags if t)),
        media=tuple(dict.fromkeys(media_refs(f"{text}\n{extra}"))), guid=guid,
        lang="zh" if len(CJK.findall(text)) >= 2 else "en",
        title=title,
    )


def infer_kind(title: str, has_answer: bool) -> str:
    question = is_question(title)
    if has_answer:
        return QUESTION if question else TERM
    return UNANSWERED if question else NOTE


def is_question(text: str) -> bool:
    return "?" in text or "？" in text or bool(_QUESTION_WORDS.match(text.strip()))


def media_src(m: re.Match) -> str:
    """The URL of an IMAGE or AUDIO match."""
    return m.group(1) if m.re is AUDIO else m.group(2) or m.group(3) or ""


def media_refs(markdown: str) -> list[str]:
    found = [*IMAGE.finditer(markdown), *AUDIO.finditer(markdown)]
    return [unquote(src) for m in found if is_local(src := media_src(m))]


def is_local(src: str) -> bool:
    """A file that should sit beside the sources, not a web address or anchor."""
    return bool(src) and not re.match(r"[a-z][a-z0-9+.-]*:|#", src, re.I)


@lru_cache(maxsize=1 << 16)  # titles, summaries and indexes ask for the same texts again
def plain_text(markdown: str) -> str:
    """What a person reads, without markup: for titles, previews, summaries."""
    # Escaped characters are literal: park them where markup stripping can't see them.
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!$|])", lambda m: chr(0xE000 + ord(m.group(1))), markdown)
    text = WIKILINK.sub(lambda m: wikilink_text(m), text)
    text = IMAGE.sub(lambda m: m.group(1) or "", text)
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = AUDIO.sub("", text)
    text = re.sub(r"</?[a-z][a-z0-9]*(?:\s+[a-z-]+(?:=\"[^\"<>]*\")?)*\s*/?>", "", text)
    text = re.sub(r"(\*\*|__|(?<!\w)[*_](?!\s)|`+)", "", text)
    text = re.sub(r"[\ue000-\ue07f]", lambda m: chr(ord(m.group(0)) - 0xE000), text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def plain_summary(markdown: str, limit: int = 200) -> str:
    """Plain text with math flattened too (`$\\log(1+e^x)$` → `log(1+e^x)`), at
    most `limit` characters: a page's title, a glossary line, before any card is
    rendered (a rendered field's own text is cardsite.markup.readable's)."""
    text = re.sub(r"\$\$(.+?)\$\$|\$(.+?)\$|\\\((.+?)\\\)", lambda m: flat_tex(next(g for g in m.groups() if g)),
                  markdown, flags=re.S)
    return shortened(plain_text(re.sub(r"```[^\n]*\n(.*?)```", r"\1", text, flags=re.S)), limit)


def plain_title(front: str) -> str:
    title = plain_text(front)
    if len(title) <= TITLE_LIMIT:
        return title
    cut = title[:TITLE_LIMIT].rsplit(" ", 1)[0] if " " in title[:TITLE_LIMIT] else title[:TITLE_LIMIT]
    return cut.rstrip(" ,;:.-") + "…"
