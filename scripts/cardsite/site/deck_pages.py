"""A deck's cards in source order, DECK_PAGE to a page (/decks/<deck>/,
/decks/<deck>/2/, …), and the list of every deck with its problems."""

from __future__ import annotations

from collections import defaultdict

from ..core import urls
from ..markup.katex import typeset
from ..core.memo import no_memo
from ..cards.model import ByCard, Card, Corpus, Deck
from ..markup.sanitize import escape_markdown
from .card_blocks import KIND_LABELS, card_block
from .common import downloads, front_matter, quiz_button
from .paging import chunked_by_weight, pager
from .report import Section
from .report_page import quoted, section_anchor

DECK_PAGE = 100  # cards on one deck page at most
DECK_PAGE_BYTES = 150_000  # and at most this much card HTML, math typeset (a few cards hold whole articles)


def deck_chunks(deck: Deck, rendered: ByCard) -> list[list[Card]]:
    """The deck's cards as its pages will show them."""
    def size(card: Card) -> int:
        html = rendered[card]
        # KaTeX's HTML is many times the TeX it comes from: count what the page will hold
        return sum(len(typeset(part) if "arithmatex" in part else part) for part in (html.front, html.back, html.extra))
    return chunked_by_weight(deck.cards, DECK_PAGE, size, DECK_PAGE_BYTES)


def deck_url_of(chunks_of: dict[str, list[list[Card]]]) -> ByCard:
    """The URL of the deck page that shows each card (chunks_of: deck slug → its pages' cards)."""
    return ByCard((card, urls.deck(slug, number)) for slug, chunks in chunks_of.items()
                  for number, chunk in enumerate(chunks) for card in chunk)


def deck_pages(deck: Deck, chunks: list[list[Card]], concept_of: ByCard,
               rendered: ByCard, about_html: str = "", memo=no_memo) -> dict[str, str]:
    """about_html: what the file says of itself, rendered (on every page of
    the deck). memo: each card's block, kept across rebuilds (cardsite.run.reuse)."""
    counts = defaultdict(int)
    for card in deck.cards:
        counts[card.kind] += 1
    summary = ", ".join(f"{n} {KIND_LABELS[k].lower()}" for k, n in sorted(counts.items()))
    pages = {}
    for number, chunk in enumerate(chunks):
        here = urls.deck(deck.slug, number)
        title = deck.title if number == 0 else f"{deck.title} ({number + 1}/{len(chunks)})"
        parts = [front_matter(title), f"# {escape_markdown(title)}\n",
                 f"{len(deck.cards)} cards ({summary}) from `{deck.file}`, read as **{deck.format}**.\n"
                 "Cards are listed in the order of the source file.\n",
                 *([f'<div class="deck-about">\n{urls.localized(about_html, here)}\n</div>\n']
                   if about_html else []),
                 f'{quiz_button(here, "deck", deck.slug)} {downloads(here, urls.deck(deck.slug), deck.slug)}'
                 "\n{ .concept-actions }\n"]
        source = urls.source_of(here)
        pages_line = pager([urls.page_link(source, urls.deck(deck.slug, i))
                            for i in range(len(chunks))], number)
        parts.append(pages_line)
        for card in chunk:
            concept, card_html = concept_of[card], rendered[card]
            link = urls.card(concept.slug, card.anchor)
            key = (card.kind, card.file, card.line, card.attribution, card.anchor, card_html, here, link, concept.title)
            parts.append(memo(key, lambda: card_block(card, card_html, here, link, concept.title, show_front=True)))
        parts.append(pages_line)
        pages[source] = "\n".join(parts)
    return pages


PROBLEMS_SHOWN = 100  # on the deck list; the quality report lists them all


def decks_index(corpus: Corpus, report: list[Section]) -> str:
    here = urls.ALL_CARDS
    parts = [front_matter("Decks"), "# Decks\n",
             f"{len(corpus.cards)} cards in {len(corpus.decks)} decks, on {len(corpus.concepts)} concept pages.\n",
             f"All cards: {downloads(here, urls.ALL_CARDS, 'all-cards')}\n",
             "| Deck | Format | Cards | Problems | Source |", "|---|---|---:|---:|---|"]
    for deck in corpus.decks:
        problems = sum(p.severity != "info" for p in deck.problems)
        deck_link = urls.page_link(urls.listing(urls.DECKS), urls.deck(deck.slug))
        parts.append(f"| [{escape_markdown(deck.title)}]({deck_link}) | {deck.format} | {len(deck.cards)} "
                     f"| {problems} | `{deck.file}` |")
    findings = [p for p in corpus.problems if p.severity != "info"]
    if findings:
        parts += ["", "## Problems found\n", "Each line names the source file and line.\n"]
        parts += [f"- **{p.severity}** `{p.file}:{p.line}` {quoted(p.message)}" for p in findings[:PROBLEMS_SHOWN]]
        if len(findings) > PROBLEMS_SHOWN:
            report_link = urls.source_link(urls.listing(urls.DECKS), urls.listing(urls.REPORT))
            where = ", ".join(f"[{s.title.lower()}]({report_link}#{section_anchor(s)})"
                              for s in report if s.problems and s.entries)
            parts.append(f"- … and {len(findings) - PROBLEMS_SHOWN} more, all in the quality report: {where}")
    return "\n".join(parts) + "\n"
