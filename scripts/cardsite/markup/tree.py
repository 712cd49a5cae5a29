"""Small edits of a rendered field's element tree (xml.etree, as
Python-Markdown builds it), for the outputs made from one tree."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable


def matching(root: etree.Element, wanted: Callable[[etree.Element], bool]) -> list[tuple[etree.Element, etree.Element]]:
    """(parent, element) for every element `wanted` takes, each after all it
    holds (document order reversed): editing one leaves the parents of those
    still to come as they were."""
    return [(parent, el) for parent in reversed(list(root.iter())) for el in reversed(parent) if wanted(el)]


def unwrap(parent: etree.Element, el: etree.Element, before: str = "", after: str = "") -> None:
    """el replaced by what it holds (its text and children), with `before`
    and `after` as text around it."""
    at = list(parent).index(el)
    _text_at(parent, at, before + (el.text or ""))
    children = list(el)
    for i, child in enumerate(children):
        parent.insert(at + 1 + i, child)
    parent.remove(el)
    end = at + len(children)  # where el's content ends, as an index of parent
    _text_at(parent, end, after + (el.tail or ""))


def replace_by_text(parent: etree.Element, el: etree.Element, text: str) -> None:
    at = list(parent).index(el)
    parent.remove(el)
    _text_at(parent, at, text + (el.tail or ""))


def _text_at(parent: etree.Element, index: int, text: str) -> None:
    """Text appended where the child at `index` (of the children left) starts:
    after the child before it, or in parent's own text."""
    if not text:
        return
    if index > 0:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
