"""Bytes → text (textio, repair) → cards: the readers, in one list. May import
core, markup and cards. Each module offers:

    NAME           short format name shown in summaries
    sniff(text)    0.0–1.0: how sure it is that the text is its format
    read(text, file, deck) -> ReadResult

The registry picks the most confident reader; content decides, never the file
name.
"""

from __future__ import annotations

from . import anki, heading_cards, numbered_notes, prose_notes, qa_cards, quizlet, sr_cards, table_notes
from .base import ReadResult  # noqa: F401  (re-exported)

READERS = (anki, quizlet, table_notes, numbered_notes, sr_cards, qa_cards, heading_cards, prose_notes)
CONFIDENT_ENOUGH = 0.5


def pick_reader(text: str):
    """(reader, None) for the most confident reader, else (None, why not)."""
    if not text.strip():
        return None, "empty file"
    scores = sorted(((reader.sniff(text), i, reader) for i, reader in enumerate(READERS)),
                    key=lambda s: (-s[0], s[1]))
    best, _, reader = scores[0]
    if best < CONFIDENT_ENOUGH:
        tried = ", ".join(f"{r.NAME} {s:.2f}" for s, _, r in scores)
        return None, f"no reader recognises this content (confidence: {tried})"
    return reader, None
