"""Images and sounds cards refer to: those found in sources/ (or in a
package) are published under /media/, missing ones become a visible
placeholder and a reported problem."""

from __future__ import annotations

import posixpath
import re
import urllib.parse

from ..core import urls
from .make import AUDIO, IMAGE, is_local, media_src
from ..core.slugs import short_hash
from .model import WARNING, Card, Problem
from ..markup.card_syntax import missing_media
from ..markup.sanitize import escape_markdown
from ..markup.spans import SPANS


def resolve_media(card: Card, available: dict[str, str | bytes]) -> list[Problem]:
    problems = []

    def replace(m: re.Match) -> str:
        src = media_src(m)
        if not is_local(src):
            return m.group(0)
        name = _file_name(src)
        if name in available:
            return m.group(0).replace(src, urls.site_link(urls.media(name)))
        what = "audio" if m.re is AUDIO else "image"
        problems.append(Problem(card.file, card.line, WARNING, f"missing {what}: {name} (not in sources)"))
        return missing_media(what, escape_markdown(name))

    _each_media(card, replace)
    return problems


def rename_clashing_media(packed: dict[str, bytes], media: dict[str, str | bytes], cards: list[Card]) -> None:
    """Adds a package's media to the site's. A name already taken by another
    file with other content gets a short hash of its content, and the
    package's cards are pointed at the new name: no file overwrites another."""
    renames = {}
    for name, content in packed.items():
        published = name
        if name in media and media[name] != content:
            stem, dot, ext = name.rpartition(".")
            published = f"{stem}-{short_hash(content.hex(), 8)}.{ext}" if dot else f"{name}-{short_hash(content.hex(), 8)}"
            renames[name] = published
        media[published] = content
    if not renames:
        return

    def rename(m: re.Match) -> str:
        src = media_src(m)
        new = renames.get(_file_name(src)) if is_local(src) else None
        return m.group(0).replace(src, urllib.parse.quote(new)) if new else m.group(0)

    for card in cards:
        _each_media(card, rename)
        card.media = tuple(renames.get(name, name) for name in card.media)


def _file_name(src: str) -> str:
    """The media file a card's URL names (Anki looks media up by bare name)."""
    return posixpath.basename(urllib.parse.unquote(src))


def _each_media(card: Card, replace) -> None:
    """Every image and audio player in the card's fields through `replace`;
    not what code shows as text (an image's Markdown inside a code block)."""
    def edit(text: str) -> str:
        return AUDIO.sub(replace, IMAGE.sub(replace, text))

    for attr in ("front", "back", "extra"):
        text = getattr(card, attr)
        if "![" in text or "<img" in text or "<audio" in text:  # most fields have none: skip the patterns
            setattr(card, attr, SPANS.outside(text, edit, lambda span: not span.group("math")))
