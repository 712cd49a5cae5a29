"""The corpus as Markdown pages: {path under docs/: text}. Pure: the same
corpus always gives the same pages, byte for byte."""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from urllib.parse import quote

from ..cards import is_question, plain_summary, plain_text
from ..formulas import FORMULA
from ..model import NOTE, QUESTION, TERM, UNANSWERED, Card, Concept, Corpus, Deck, short_hash
from ..report import Section, build_report
from ..sanitize import escape_markdown
from ..slugs import slugify
from .alphabet import index_letter, letter_anchor, sort_key
from .glossary import FROM_TERMINOLOGY, glossary_pages
from .paging import chunked, pager

KIND_LABELS = {QUESTION: "Question", TERM: "Term", NOTE: "Note", UNANSWERED: "No answer yet"}
DECK_PAGE = 100  # cards on one deck page
TAG_PAGE = 200  # concepts on one tag page
AZ_PAGE = 500  # concepts on one page of a letter
SPLIT_AT = 1000  # above this many entries, indexes get a page per letter
REPORT_LIMIT = 300  # lines per report section on the site; convert.py --report lists all
DESCRIPTION_LIMIT = 200


def render_pages(corpus: Corpus) -> dict[str, str]:
    concept_of = {c.id: concept for concept in corpus.concepts for c in concept.cards}
    decks = {d.slug: d for d in corpus.decks}
    deck_page_of = {card.id: _paged_path("decks", d.slug, i // DECK_PAGE) for d in corpus.decks
                    for i, card in enumerate(d.cards)}
    pages = {f"concepts/{c.slug}.md": concept_page(c, decks, deck_page_of) for c in corpus.concepts}
    for deck in corpus.decks:
        pages |= deck_pages(deck, concept_of)
    pages |= concepts_index(corpus.concepts)
    pages["decks/index.md"] = decks_index(corpus)
    pages["report/index.md"] = report_page(build_report(corpus), len(corpus.cards))
    pages |= glossary_pages(corpus.concepts, lambda title: _front_matter(title, search_excluded=True))
    pages["quiz/index.md"] = quiz_page(corpus)
    pages |= tag_pages(corpus.concepts)
    return pages


# --------------------------------------------------------------------------
# Concept and deck pages


def concept_page(concept: Concept, decks: dict[str, Deck], deck_page_of: dict[str, str]) -> str:
    parts = [_front_matter(concept.title, description(concept), concept.tags, search_boost=search_boost(concept),
                           names=[concept.zh_title, *concept.aliases]),
             f"# {escape_markdown(concept.title)}\n",
             f'{_quiz_button("concept", concept.slug)} {_copy_button("", "Copy a link to this concept")}'
             "\n{ .concept-actions data-search-exclude }\n"]
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
        deck = decks[card.deck]
        link = f"[{escape_markdown(deck.title)}](../{deck_page_of[card.id]}#{card.anchor})"
        show_front = plain_text(card.front) != concept.title
        parts.append(card_block(card, concept, link, show_front))
    if concept.backlinks:
        parts.append("## Mentioned in { data-search-exclude }\n")
        seen = set()
        for slug, title, anchor in concept.backlinks:
            if slug not in seen:
                seen.add(slug)
                parts.append(f"- [{escape_markdown(title)}]({slug}.md#{anchor})")
        parts.append("")
    if concept.related:
        parts.append("## Related { data-search-exclude }\n")
        parts += [f"- [{escape_markdown(title)}]({slug}.md) · {why}" for slug, title, why in concept.related]
        parts.append("")
    return "\n".join(parts)


def deck_pages(deck: Deck, concept_of: dict[str, Concept]) -> dict[str, str]:
    """A deck's cards in source order, DECK_PAGE to a page: /decks/<deck>/,
    /decks/<deck>/2/, …; every page stays small however big the deck."""
    counts = defaultdict(int)
    for card in deck.cards:
        counts[card.kind] += 1
    summary = ", ".join(f"{n} {KIND_LABELS[k].lower()}" for k, n in sorted(counts.items()))
    chunks = chunked(deck.cards, DECK_PAGE)
    pages = {}
    for number, chunk in enumerate(chunks):
        here = _paged_path("decks", deck.slug, number)
        title = deck.title if number == 0 else f"{deck.title} ({number + 1}/{len(chunks)})"
        parts = [_front_matter(title, search_excluded=True), f"# {escape_markdown(title)}\n",
                 f"{len(deck.cards)} cards ({summary}) from `{deck.file}`, read as **{deck.format}**.\n"
                 "Cards are listed in the order of the source file.\n",
                 f'{_quiz_button("deck", deck.slug, depth=here.count("/") + 1)} '
                 f'{_downloads("" if number == 0 else "../", deck.slug)}\n{{ .concept-actions data-search-exclude }}\n']
        up = "../" * here.count("/")
        pages_line = pager([f"{up}{_paged_path('decks', deck.slug, i)}" for i in range(len(chunks))], number)
        parts.append(pages_line)
        for card in chunk:
            concept = concept_of[card.id]
            link = f"[{escape_markdown(concept.title)}](../concepts/{concept.slug}.md#{card.anchor})"
            block = card_block(card, concept, link, show_front=True, deck_title=deck.title)
            # card text links to ../concepts/ and ../media/; a page one folder deeper needs one more ../
            parts.append(block if number == 0 else block.replace("](../", "](../../"))
        parts.append(pages_line)
        pages[here] = "\n".join(parts)
    return pages


def _paged_path(folder: str, slug: str, number: int) -> str:
    """Page `number` (from 0) of a paged listing: /<folder>/<slug>/, then
    /<folder>/<slug>/2/, …"""
    return f"{folder}/{slug}.md" if number == 0 else f"{folder}/{slug}/{number + 1}.md"


def card_block(card: Card, concept: Concept, link: str, show_front: bool, deck_title: str = "") -> str:
    """One card: front (when the page title does not already say it), answer,
    then a line with its kind, where else it lives and where it came from.
    On a deck page (deck_title given) it also carries what hooks/quiz.py and
    hooks/exports.py need as data attributes."""
    inner = []
    if show_front:
        inner.append(_div("flashcard-front", card.front))
    if card.back or card.extra:
        extra = _div("flashcard-extra", card.extra) if card.extra else ""  # its own div: the exports keep it apart
        inner.append(_div("flashcard-back", "\n\n".join(p for p in (card.back, extra) if p)))
    elif card.kind == UNANSWERED:
        inner.append(_div("flashcard-back flashcard-missing", "*No answer yet.*"))
    meta = [KIND_LABELS[card.kind], link, f"`{card.file}:{card.line}`"]
    if card.attribution:
        meta.append(f"— {escape_markdown(card.attribution)}")
    meta.append(_copy_button(card.anchor, "Copy a link to this card"))
    inner.append(" · ".join(meta) + "\n{ .flashcard-meta data-search-exclude }\n")
    data = f" {_card_data(card, concept, deck_title)}" if deck_title else ""  # deck pages feed the quiz and exports
    return (f'<div class="flashcard flashcard-{card.kind}" id="{card.anchor}"{data} markdown>\n\n'
            + "\n".join(inner) + "\n</div>\n")


def _card_data(card: Card, concept: Concept, deck_title: str) -> str:
    """What the quiz and the exports need besides the rendered card
    (cardsite.deck_html reads it for hooks/quiz.py and hooks/exports.py)."""
    data = {"concept": concept.slug, "deck": card.deck, "lang": card.lang, "tags": json.dumps(concept.tags,
            ensure_ascii=False), "title": concept.title, "zh": concept.zh_title, "card-id": card.id,
            "card-tags": json.dumps(card.tags, ensure_ascii=False), "attribution": card.attribution,
            "source": f"{card.file}:{card.line}", "deck-title": deck_title}
    return " ".join(f'data-{k}="{html.escape(v, quote=True)}"' for k, v in data.items())


TAG_URLS = "tags/urls.json"  # tag -> URL of its page, for hooks/tag_links.py and hooks/exports.py


def tag_pages(concepts: list[Concept]) -> dict[str, str]:
    """/tags/ lists every tag with its count; /tags/<tag>/ lists its concepts,
    TAG_PAGE to a page, so no tag page grows with the corpus. tags/urls.json
    tells hooks/tag_links.py where each tag chip should point."""
    members: dict[str, list[Concept]] = defaultdict(list)
    for concept in concepts:
        for tag in concept.tags:
            members[tag].append(concept)
    slugs = _tag_slugs(members)
    names = sorted(members, key=lambda t: (sort_key(t), t))
    index = [_front_matter("Tags", search_excluded=True), "# Tags\n",
             f"{len(names)} tags: topics, sections of the sources and decks.\n",
             "| Tag | Concepts | |", "|---|---:|---|"]
    index += [f"| [{escape_markdown(t)}]({slugs[t]}.md) | {len(members[t])} | "
              f'<a class="quiz-me" href="../quiz/?tag={quote(t)}">Quiz me</a> |' for t in names]
    pages = {"tags/index.md": "\n".join(index) + "\n",
             TAG_URLS: json.dumps({t: f"tags/{slugs[t]}/" for t in names}, ensure_ascii=False, sort_keys=True)}
    for tag in names:
        listed = sorted(members[tag], key=lambda c: (sort_key(c.title), c.slug))
        chunks = chunked(listed, TAG_PAGE)
        for number, chunk in enumerate(chunks):
            path = _paged_path("tags", slugs[tag], number)
            depth = path.count("/") + 1
            up = "../" * (depth - 1)
            title = f"Tag: {tag}" + (f" ({number + 1}/{len(chunks)})" if number else "")
            pages_line = pager([f"{up}{_paged_path('tags', slugs[tag], i)}" for i in range(len(chunks))],
                               number)
            parts = [_front_matter(title, search_excluded=True), f"# {escape_markdown(title)}\n",
                     f"{len(listed)} concepts. [All tags]({up}tags/index.md)\n",
                     f'<a class="md-button quiz-me" href="{"../" * depth}quiz/?tag={quote(tag)}">Quiz me</a> '
                     f'{_downloads("" if number == 0 else "../", slugs[tag])}\n', pages_line]
            parts += [f"- [{escape_markdown(c.title)}]({up}concepts/{c.slug}.md)" for c in chunk]
            pages[path] = "\n".join(parts + ["", pages_line])
    return pages


def _tag_slugs(members: dict[str, list]) -> dict[str, str]:
    """A slug per tag; tags that would share one get a short hash each."""
    wanted: dict[str, list[str]] = defaultdict(list)
    for tag in members:
        wanted[slugify(tag, "tag")].append(tag)
    return {tag: slug if len(tags) == 1 and slug != "index" else f"{slug}-{short_hash(tag, 6)}"
            for slug, tags in wanted.items() for tag in tags}


def quiz_page(corpus: Corpus) -> str:
    """The quiz itself is assets/quiz.js; it loads cards/ (hooks/quiz.py)."""
    decks = json.dumps({d.slug: d.title for d in corpus.decks}, ensure_ascii=False)
    return (_front_matter("Quiz", search_excluded=True) + "# Quiz\n\n"
            # hooks/quiz.py fills this with the chunk index and the first cards
            '<script type="application/json" id="quiz-data"></script>\n\n'
            f'<div id="quiz-app" class="quiz" data-cards="cards/index.json" data-decks="{html.escape(decks, quote=True)}">\n'
            "<p>Loading the cards… (the quiz needs JavaScript)</p>\n</div>\n")


def description(concept: Concept) -> str:
    """The first definition as plain text: what a chat preview shows."""
    for card in concept.cards:
        text = plain_summary(card.back or card.extra, DESCRIPTION_LIMIT) if card.has_answer else ""
        if text:
            return text
    return plain_summary(concept.cards[0].front, DESCRIPTION_LIMIT)


# --------------------------------------------------------------------------
# Index pages


def concepts_index(concepts: list[Concept]) -> dict[str, str]:
    """One A–Z page; above SPLIT_AT concepts, a page per letter (/az/<letter>/)
    so that no index page grows with the corpus."""
    by_letter: dict[str, list[Concept]] = defaultdict(list)
    for concept in concepts:
        by_letter[index_letter(concept.title)].append(concept)
    letters = sorted(by_letter, key=lambda k: (k == "#", k))
    if len(concepts) <= SPLIT_AT:
        parts = [_front_matter("Concepts A–Z", search_excluded=True), "# Concepts A–Z\n",
                 f"{len(concepts)} concepts. Jump to: " + " ".join(f"[{k}](#{letter_anchor(k)})" for k in letters) + "\n"]
        for letter in letters:
            parts += [f"## {letter} {{ #{letter_anchor(letter)} }}\n", *_concept_list(by_letter[letter], ""), ""]
        return {"concepts/index.md": "\n".join(parts)}
    pages = {"concepts/index.md": "\n".join([
        _front_matter("Concepts A–Z", search_excluded=True), "# Concepts A–Z\n", f"{len(concepts)} concepts.\n",
        *[f"- [{k}](../az/{letter_anchor(k)}.md) · {len(by_letter[k])} concepts" for k in letters], ""])}
    for letter in letters:
        ordered = sorted(by_letter[letter], key=lambda c: (sort_key(c.title), c.slug))
        chunks = chunked(ordered, AZ_PAGE)
        for n, chunk in enumerate(chunks):
            name = letter_anchor(letter) + (f"-{n + 1}" if n else "")
            pages_line = pager([f"{letter_anchor(letter)}{f'-{i + 1}' if i else ''}.md" for i in range(len(chunks))], n)
            pages[f"az/{name}.md"] = "\n".join([
                _front_matter(f"Concepts: {letter}", search_excluded=True), f"# Concepts: {letter}\n",
                " ".join(f"[{k}]({letter_anchor(k)}.md)" if k != letter else f"**{k}**" for k in letters) + "\n",
                pages_line, *_concept_list(chunk, "../concepts/"), ""])
    return pages


def _concept_list(concepts: list[Concept], prefix: str) -> list[str]:
    lines = []
    for c in sorted(concepts, key=lambda c: (sort_key(c.title), c.slug)):
        decks = len({card.deck for card in c.cards})
        count = f"{len(c.cards)} cards" if len(c.cards) > 1 else "1 card"
        lines.append(f"- [{escape_markdown(c.title)}]({prefix}{c.slug}.md) · {count}"
                     + (f" from {decks} decks" if decks > 1 else ""))
    return lines


def decks_index(corpus: Corpus) -> str:
    parts = [_front_matter("Decks", search_excluded=True), "# Decks\n",
             f"{len(corpus.cards)} cards in {len(corpus.decks)} decks, on {len(corpus.concepts)} concept pages.\n",
             f"All cards: {_downloads('', 'all-cards')}\n",
             "| Deck | Format | Cards | Problems | Source |", "|---|---|---:|---:|---|"]
    for deck in corpus.decks:
        problems = sum(p.severity != "info" for p in deck.problems)
        parts.append(f"| [{escape_markdown(deck.title)}]({deck.slug}.md) | {deck.format} | {len(deck.cards)} "
                     f"| {problems} | `{deck.file}` |")
    findings = [p for p in corpus.problems if p.severity != "info"]
    if findings:
        parts += ["", "## Problems found\n", "Each line names the source file and line.\n"]
        parts += [f"- **{p.severity}** `{p.file}:{p.line}` {_quoted(p.message)}" for p in findings]
    return "\n".join(parts) + "\n"


def report_page(sections: list[Section], cards: int) -> str:
    parts = [_front_matter("Quality report", search_excluded=True), "# Quality report\n",
             f"What to look at in the {cards} cards, each with its file and line. Counts: "
             + ", ".join(f"[{s.title.lower()}](#{_section_anchor(s)}) {len(s.entries)}" for s in sections) + ".\n"]
    for section in sections:
        parts.append(f"## {section.title} ({len(section.entries)}) {{ #{_section_anchor(section)} }}\n")
        if section.why:
            parts.append(f"{section.why}\n")
        for e in section.entries[:REPORT_LIMIT]:
            where = f"`{e.file}:{e.line}`" if e.line else (f"`{e.file}`" if e.file else "")
            text = _quoted(e.text) if e.quoted else escape_markdown(e.text)
            link = f"[{text}](../concepts/{e.slug}.md#{e.anchor})" if e.slug else text
            parts.append(f"- {where} {link}".replace("-  ", "- "))
        if len(section.entries) > REPORT_LIMIT:
            parts.append(f"- … and {len(section.entries) - REPORT_LIMIT} more: `python scripts/convert.py --report` lists them all.")
        parts.append("")
    return "\n".join(parts)


def _quoted(message: str) -> str:
    """A message that quotes formulas shows them as code, exactly as typed."""
    parts, pos = [], 0
    for m in FORMULA.finditer(message):
        if m.group("fence") or m.group("code"):
            continue
        parts += [escape_markdown(message[pos:m.start()], keep_math=False), _code_span(m.group(0))]
        pos = m.end()
    return "".join(parts) + escape_markdown(message[pos:], keep_math=False)


def _code_span(text: str) -> str:
    ticks = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks} {text} {ticks}" if len(ticks) > 1 else f"`{text}`"


def _section_anchor(section: Section) -> str:
    return re.sub(r"[^a-z0-9]+", "-", section.title.lower()).strip("-")


# --------------------------------------------------------------------------
# Helpers


def _quiz_button(scope: str, value: str, depth: int = 2) -> str:
    """Opens the quiz on this scope; the value is a slug ([a-z0-9-]); depth:
    how many folders below the site root the page's URL is."""
    return f'<a class="md-button quiz-me" href="{"../" * depth}quiz/?{scope}={value}">Quiz me</a>'


def _downloads(up: str, name: str) -> str:
    """Links to the exports hooks/exports.py writes beside the page (`up`
    reaches that folder); the name is a slug."""
    return (f'<a class="md-button" href="{up}cards.txt" download="{name}.txt" title="Anki text file: '
            f'File → Import in Anki">Download for Anki</a> '
            f'<a class="md-button" href="{up}cards.json" download="{name}.json">cards.json</a>')


def _copy_button(anchor: str, label: str) -> str:
    """Filled in by assets/copy-link.js; the anchor is [A-Za-z0-9_-] only."""
    return (f'<button type="button" class="copy-link" data-anchor="{anchor}" title="{label}" '
            f'aria-label="{label}">copy link</button>')


def _div(css_class: str, markdown: str) -> str:
    return f'<div class="{css_class}" markdown>\n\n{markdown}\n\n</div>\n'


def search_boost(concept: Concept) -> int:
    """A page named by a term outranks one named by a sentence or an example
    that merely mentions the term."""
    words = len(concept.title.split())
    compound = ":" in concept.title or re.search(r"\bvs\.?\b|\bversus\b", concept.title, re.I)
    return 8 if words <= 4 and not is_question(concept.title) and not compound else 2


def _front_matter(title: str, description: str = "", tags=(), search_boost: int = 0,
                  search_excluded: bool = False, names=()) -> str:
    """JSON scalars are valid YAML. Material prints these values into <title>
    and <meta content="…"> without escaping, so the characters that could end
    an attribute or open a tag are swapped for look-alikes here. Concept pages
    rank first in search; pages that only repeat card text stay out of it."""
    lines = ["---", f"title: {json.dumps(_meta_text(plain_summary(title, 10_000)), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(_meta_text(description), ensure_ascii=False)}")
    if tags:
        lines.append("tags:")
        lines += [f"  - {json.dumps(_meta_text(t), ensure_ascii=False)}" for t in tags]
    names = [n for n in dict.fromkeys(names) if n and n != title]
    if names:  # read by hooks/search_names.py
        lines.append(f"names: {json.dumps([_meta_text(n) for n in names], ensure_ascii=False)}")
    if search_boost:
        lines += ["search:", f"  boost: {search_boost}"]
    if search_excluded:
        lines += ["search:", "  exclude: true"]
    return "\n".join(lines + ["---", ""]) + "\n"


_META_SAFE = str.maketrans({"<": "‹", ">": "›", '"': "”"})


def _meta_text(text: str) -> str:
    text = re.sub(r"&(?=#?\w+;)", "＆", text)  # an entity would be decoded into markup
    return re.sub(r'"([^"\n]*)"', "“\\1”", text).translate(_META_SAFE)
