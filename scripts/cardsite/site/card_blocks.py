"""One card as the site shows it, on a concept page or a deck page: its
front and answer (HTML rendered once, cardsite.site.card_html), then a line with its
kind, where else it lives and where it came from."""

from __future__ import annotations

import html

from ..core import urls
from ..cards.model import CLOZE, NOTE, QUESTION, TERM, UNANSWERED, Card
from .card_html import CardHtml
from .common import copy_button

KIND_LABELS = {QUESTION: "Question", TERM: "Term", NOTE: "Note", UNANSWERED: "No answer yet", CLOZE: "Cloze"}


def card_block(card: Card, rendered: CardHtml, page_url: str, link_url: str, link_text: str,
               show_front: bool) -> str:
    """Raw HTML for a page's Markdown: MkDocs passes it through as it is.
    link_url: a site URL (cardsite.core.urls) of the card's other home."""
    inner = []
    if show_front:
        inner.append(_div("flashcard-front", rendered.front))
    if rendered.back or rendered.extra:
        inner.append(_div("flashcard-back", rendered.whole_back))
    elif card.kind == UNANSWERED:
        inner.append(_div("flashcard-back flashcard-missing", "<p><em>No answer yet.</em></p>"))
    meta = [KIND_LABELS[card.kind], f'<a href="{urls.site_link(link_url)}">{html.escape(link_text, quote=False)}</a>',
            f"<code>{html.escape(card.file, quote=False)}:{card.line}</code>"]
    if card.attribution:
        meta.append(f"— {html.escape(card.attribution, quote=False)}")
    meta.append(copy_button(card.anchor, "Copy a link to this card"))
    inner.append('<p class="flashcard-meta">' + " · ".join(meta) + "</p>")
    block = f'<div class="flashcard flashcard-{card.kind}" id="{card.anchor}">\n' + "\n".join(inner) + "\n</div>\n"
    return urls.localized(block, page_url)


def _div(css_class: str, inner_html: str) -> str:
    return f'<div class="{css_class}">\n{inner_html}\n</div>'
