"""What every reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..cards.model import Card, Problem


@dataclass
class ReadResult:
    cards: list[Card] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title: str = ""
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    about: str = ""  # Markdown: what the file says of itself before its first entry (shown on the deck page)
    media: dict[str, bytes] = field(default_factory=dict)  # files the input carries (a package's): name → content
    skipped: bool = False  # nothing could be read at all: the problems say why
