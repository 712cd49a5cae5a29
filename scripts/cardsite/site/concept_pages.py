"""One page per concept: its names, every card about it from every deck,
"Mentioned in" (backlinks) and "Related"."""

from __future__ import annotations

import json

from ..core import urls
from ..cards.make import AUDIO, IMAGE, plain_text
from ..cards.model import ByCard, Concept
from ..markup.readable import shortened
from ..markup.sanitize import escape_markdown
from .card_blocks import card_block
from .common import copy_button, front_matter, quiz_button
from .paging import chunked, pager
from .glossary import FROM_TERMINOLOGY

DESCRIPTION_LIMIT = 200
MENTIONS_SHOWN = 50  # backlinks on the concept page; all of them on its "mentioned in" pages
MENTIONS_PAGE = 500


def concept_pages(concept: Concept, rendered: ByCard, deck_titles: dict[str, str],
                  deck_url_of: ByCard) -> dict[str, str]:
    """The concept's page, what a link preview shows of it (preview_data), and
    the pages listing everything that mentions it when that is more than
    MENTIONS_SHOWN."""
    summary = description(concept, rendered)  # the page's description and its link preview's text
    pages = {urls.source_of(urls.concept(concept.slug)): concept_page(concept, rendered, deck_titles, deck_url_of,
                                                                      summary),
             urls.preview(concept.slug): json.dumps(preview_data(concept, deck_titles, summary), ensure_ascii=False,
                                                    separators=(",", ":"))}
    mentions = _mentions(concept)
    if len(mentions) > MENTIONS_SHOWN:
        chunks = chunked(mentions, MENTIONS_PAGE)
        sources = [urls.source_of(urls.mentioned(concept.slug, n)) for n in range(len(chunks))]
        for number, (chunk, source) in enumerate(zip(chunks, sources)):
            title = f"Mentioned in: {concept.title}" + (f" ({number + 1}/{len(chunks)})" if number else "")
            pages_line = pager([urls.source_link(source, other) for other in sources], number)
            back = urls.page_link(source, urls.concept(concept.slug))
            pages[source] = "\n".join([
                front_matter(title), f"# {escape_markdown(title)}\n",
                f"{len(mentions)} concepts mention [{escape_markdown(concept.title)}]({back}).\n", pages_line,
                *[f"- [{escape_markdown(t)}]({urls.page_link(source, urls.card(slug, anchor))})"
                  for slug, t, anchor in chunk], "", pages_line])
    return pages


def page_inputs(concept: Concept, rendered: ByCard, deck_titles: dict[str, str], deck_url_of: ByCard) -> tuple:
    """Everything concept_pages reads, as one value a dict can be keyed by:
    a `mkdocs serve` rebuild takes over the pages of every concept whose
    inputs are all the same (cardsite.run.reuse)."""
    fields = vars(concept).copy()
    del fields["cards"]
    fields = tuple(map(_frozen, fields.values()))
    return fields, tuple((tuple(vars(card).values()), rendered[card], deck_url_of[card], deck_titles[card.deck])
                         for card in concept.cards)  # a card's fields: strings, numbers, tuples of strings


def _frozen(value):
    """A concept's field as a hashable value (its lists hold strings or tuples)."""
    return tuple(value) if isinstance(value, list) else frozenset(value) if isinstance(value, set) else value


def concept_page(concept: Concept, rendered: ByCard, deck_titles: dict[str, str],
                 deck_url_of: ByCard, summary: str) -> str:
    """deck_url_of: the URL of the deck page holding each card; summary: its description()."""
    here = urls.concept(concept.slug)
    source = urls.source_of(here)
    parts = [front_matter(concept.title, summary, concept.tags),
             f"# {escape_markdown(concept.title)}\n",
             f'{quiz_button(here, "concept", concept.slug)} {copy_button("", "Copy a link to this concept")}'
             "\n{ .concept-actions }\n"]
    if concept.zh_title:
        marker = FROM_TERMINOLOGY if concept.zh_source == "terminology" else ""
        zh = f"**中文：** {escape_markdown(concept.zh_title, keep_math=False)}{marker}"
        if concept.zh_definition:
            zh += f" — {escape_markdown(concept.zh_definition, keep_math=False)}"
        parts.append(zh + "\n{ .concept-zh lang=zh }\n")
    if concept.aliases:
        parts.append("Also known as: " + ", ".join(f"*{escape_markdown(a)}*" for a in concept.aliases)
                     + "\n{ .concept-aliases }\n")
    for card in concept.cards:
        # the front is the page's title, unless it holds more than its text (images, audio)
        show_front = plain_text(card.front) != concept.title or bool(IMAGE.search(card.front) or AUDIO.search(card.front))
        parts.append(card_block(card, rendered[card], here, f"{deck_url_of[card]}#{card.anchor}",
                                deck_titles[card.deck], show_front))
    mentions = _mentions(concept)
    if mentions:
        parts.append("## Mentioned in\n")
        parts += [f"- [{escape_markdown(title)}]({urls.page_link(source, urls.card(slug, anchor))})"
                  for slug, title, anchor in mentions[:MENTIONS_SHOWN]]
        if len(mentions) > MENTIONS_SHOWN:
            parts.append(f"- … [all {len(mentions)}]({urls.page_link(source, urls.mentioned(concept.slug))})")
        parts.append("")
    if concept.related:
        parts.append("## Related\n")
        parts += [f"- [{escape_markdown(title)}]({urls.page_link(source, urls.concept(slug))}) · {why}" for slug, title, why in concept.related]
        parts.append("")
    return "\n".join(parts)


def _mentions(concept: Concept) -> list[tuple[str, str, str]]:
    """The concepts whose cards link here, each once (its first card)."""
    seen: dict[str, tuple[str, str, str]] = {}
    for slug, title, anchor in concept.backlinks:
        seen.setdefault(slug, (slug, title, anchor))
    return list(seen.values())


def preview_data(concept: Concept, deck_titles: dict[str, str], summary: str) -> dict:
    """What a link to the concept shows on hover or first tap (assets/preview.js):
    plain text only, read as text; summary: its description()."""
    return {"title": concept.title, "zh": concept.zh_title or "", "summary": summary,
            "decks": list(dict.fromkeys(deck_titles[card.deck] for card in concept.cards))}


def description(concept: Concept, rendered: ByCard) -> str:
    """The first definition as clean prose: what a chat preview shows."""
    for card in concept.cards:
        front, back, extra = rendered[card].text
        for text in (back, extra):  # a note page's text is its back
            if text:
                return shortened(text, DESCRIPTION_LIMIT)
    return shortened(rendered[concept.cards[0]].text[0], DESCRIPTION_LIMIT) or concept.title

