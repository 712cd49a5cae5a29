"""Images cards refer to: those found in sources/ are published under
/media/, missing ones become a visible placeholder and a reported problem."""

from __future__ import annotations

import posixpath
import re

from .model import WARNING, Card, Problem
from .sanitize import escape_markdown

PUBLISHED = "media"  # folder under docs/
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)>\s]+)>?[^)]*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>")


def resolve_media(card: Card, available: dict[str, str]) -> list[Problem]:
    problems = []

    def replace(m: re.Match, src: str) -> str:
        if re.match(r"[a-z][a-z0-9+.-]*:|#", src, re.I):
            return m.group(0)
        name = posixpath.basename(src)
        if name in available:
            return m.group(0).replace(src, f"../{PUBLISHED}/{name}")
        problems.append(Problem(card.file, card.line, WARNING, f"missing image: {name} (not in sources)"))
        return f'<span class="missing-media">missing image: {escape_markdown(name)}</span>'

    for attr in ("front", "back", "extra"):
        text = getattr(card, attr)
        text = _MARKDOWN_IMAGE.sub(lambda m: replace(m, m.group(2)), text)
        text = _HTML_IMAGE.sub(lambda m: replace(m, m.group(1)), text)
        setattr(card, attr, text)
    return problems
