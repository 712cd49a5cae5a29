"""Cloze deletions in a rendered field's tree (span elements made by
cardsite.markup.card_syntax from the markup the readers write).

The page shows the whole text with every deletion marked. The quiz asks one
item per deletion number, as Anki does: that number's deletions hidden as
[...] (or [hint]), every other deletion shown as plain text; the answer side
marks what was hidden. An export writes them back as Anki's {{cN::…::hint}}.
Each function edits the tree it is given: pass a copy."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from .card_syntax import CLOZE
from .tree import matching, unwrap


def numbers(root: etree.Element) -> list[int]:
    return sorted({int(el.get("data-cloze")) for el in root.iter() if _is_deletion(el)})


def question(root: etree.Element, number: int) -> etree.Element:
    """Deletion `number` hidden, the others as plain text."""
    for parent, el in matching(root, _is_deletion):
        if int(el.get("data-cloze")) != number:
            unwrap(parent, el)
            continue
        hint = el.get("title")
        for child in list(el):
            el.remove(child)
        el.attrib = {"class": "cloze cloze-hidden"}
        el.text = f"[{hint}]" if hint else "[...]"
    return root


def answer(root: etree.Element, number: int) -> etree.Element:
    """Deletion `number` marked as the answer, the others as plain text."""
    for parent, el in matching(root, _is_deletion):
        if int(el.get("data-cloze")) == number:
            el.attrib = {"class": "cloze cloze-answer"}
        else:
            unwrap(parent, el)
    return root


def to_anki(root: etree.Element) -> etree.Element:
    """Every deletion as Anki's {{cN::…}} or {{cN::…::hint}}."""
    for parent, el in matching(root, _is_deletion):
        hint = el.get("title")
        unwrap(parent, el, before=f"{{{{c{el.get('data-cloze')}::", after=f"::{hint}}}}}" if hint else "}}")
    return root


def _is_deletion(el: etree.Element) -> bool:
    # a span, or the div that holds a code block inside a deletion (read/anki_fields.py)
    return el.tag in ("span", "div") and el.get("class") == CLOZE and (el.get("data-cloze") or "").isdigit()
