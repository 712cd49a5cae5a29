"""An Anki note → one card, its fields in the roles its note type gives them.

The note type's first card template says which fields are asked (those its
question side shows) and which answer (those only its answer side adds);
a cloze note type asks its `{{cloze:…}}` field. Every other field with
content is kept as extra, under its field name where there are several."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..cards.make import make_card
from .anki_fields import field_to_markdown, has_deletion
from ..cards.model import CLOZE, Card
from ..markup.sanitize import escape_markdown

# {{Field}}, {{#Field}}, {{^Field}}, {{/Field}}, {{filter:Field}}, {{cloze:Text}}
_REFERENCE = re.compile(r"\{\{\s*[#^/]?\s*([^{}]+?)\s*\}\}")
_SPECIAL = {"FrontSide", "Tags", "Deck", "Subdeck", "Card", "Type", "CardFlag", "CardID"}


@dataclass
class NoteType:
    name: str
    fields: list[str]
    templates: list[tuple[str, str]]  # (question format, answer format) of each card template
    cloze: bool = False

    @cached_property  # once per note type, not per note
    def roles(self) -> tuple[list[str], list[str]]:
        """(fields asked, fields that answer); any other field is extra."""
        question, answer = self.templates[0] if self.templates else ("", "")
        if self.cloze:
            asked = [name for filters, name in _references(question) if "cloze" in filters]
        else:  # {{type:Back}} on the question side is the box to type the answer in
            asked = [name for filters, name in _references(question) if "type" not in filters]
        asked = [n for n in dict.fromkeys(asked) if n in self.fields] or self.fields[:1]
        typed = [name for filters, name in _references(question) if "type" in filters]
        answers = [n for n in typed + [n for _, n in _references(answer)] if n in self.fields and n not in asked]
        if not self.cloze and not answers:
            answers = [n for n in self.fields if n not in asked][:1]
        return asked, list(dict.fromkeys(answers))[:1] if not self.cloze else []


    @cached_property
    def reverse_template(self) -> int | None:
        """The ordinal of the card template that asks the answer for the
        front (Basic-and-reversed's "Card 2"), if the note type has one."""
        asked, answers = self.roles
        for ordinal, (question, _) in enumerate(self.templates[1:], start=1):
            shown = {name for _, name in _references(question)}
            if not self.cloze and answers and set(answers) <= shown and not shown & set(asked):
                return ordinal
        return None


def _references(template: str) -> list[tuple[list[str], str]]:
    """(filters, field name) of each field the template shows, in order."""
    found = []
    for m in _REFERENCE.finditer(template):
        *filters, name = m.group(1).split(":")
        if name.strip() not in _SPECIAL:
            found.append(([f.strip() for f in filters], name.strip()))
    return found


def note_card(note_type: NoteType, values: list[str], *, deck: str, file: str, line: int,
              tags: list[str], guid: str, subdeck: str, reversed_card: bool = False) -> Card:
    """reversed_card: the note has its reverse card (Anki made it), so the
    quiz asks it both ways."""
    names = list(note_type.fields) + [f"Field {i + 1}" for i in range(len(note_type.fields), len(values))]
    by_name = dict(zip(names, values))
    asked, answers = note_type.roles
    extras = [n for n in names if n not in asked and n not in answers and by_name.get(n, "").strip()]
    front = "\n\n".join(field_to_markdown(by_name.get(n, "")) for n in asked if by_name.get(n, "").strip())
    back = "\n\n".join(field_to_markdown(by_name.get(n, "")) for n in answers)
    labelled = len(extras) > 1
    extra = "\n\n".join(f"**{escape_markdown(n)}:** {field_to_markdown(by_name[n])}" if labelled
                        else field_to_markdown(by_name[n])
                        for n in extras)
    cloze = any(has_deletion(by_name.get(n, "")) for n in asked)
    card = make_card(deck=deck, file=file, line=line, front=front, back=back, extra=extra,
                     tags=tags, guid=guid, markdown_is_safe=True, kind=CLOZE if cloze else None)
    card.subdeck = subdeck
    card.reversible = reversed_card and card.has_answer
    return card
