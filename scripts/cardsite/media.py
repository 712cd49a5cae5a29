"""Images cards refer to: those found in sources/ are published under
/media/, missing ones become a visible placeholder and a reported problem."""

from __future__ import annotations

import posixpath
import re

from . import urls
from .cards import IMAGE, is_local
from .model import WARNING, Card, Problem
from .sanitize import escape_markdown



def resolve_media(card: Card, available: dict[str, str]) -> list[Problem]:
    problems = []

    def replace(m: re.Match) -> str:
        src = m.group(2) or m.group(3)
        if not is_local(src):
            return m.group(0)
        name = posixpath.basename(src)
        if name in available:
            return m.group(0).replace(src, urls.site_link(urls.media(name)))
        problems.append(Problem(card.file, card.line, WARNING, f"missing image: {name} (not in sources)"))
        return f'<span class="missing-media">missing image: {escape_markdown(name)}</span>'

    for attr in ("front", "back", "extra"):
        text = getattr(card, attr)
        setattr(card, attr, IMAGE.sub(replace, text))
    return problems
