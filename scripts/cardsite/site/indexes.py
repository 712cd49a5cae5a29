"""The ways into the concepts: the A–Z index (a page per letter above
SPLIT_AT concepts) and the tags (/tags/, and /tags/<tag>/ TAG_PAGE to a page),
so that no index page grows with the corpus."""

from __future__ import annotations

from collections import defaultdict

from ..core import urls
from ..cards.model import Concept
from ..markup.sanitize import escape_markdown
from ..core.slugs import allocate, slugify
from .alphabet import index_letter, letter_anchor, sort_key
from .common import downloads, front_matter, quiz_button
from .paging import chunked, pager

TAG_PAGE = 200  # concepts on one tag page
AZ_PAGE = 500  # concepts on one page of a letter
SPLIT_AT = 1000  # above this many entries, indexes get a page per letter


def concepts_index(concepts: list[Concept]) -> dict[str, str]:
    by_letter: dict[str, list[Concept]] = defaultdict(list)
    for concept in concepts:
        by_letter[index_letter(concept.title)].append(concept)
    letters = sorted(by_letter, key=lambda k: (k == "#", k))
    index = urls.listing(urls.CONCEPTS)
    if len(concepts) <= SPLIT_AT:
        parts = [front_matter("Concepts A–Z"), "# Concepts A–Z\n",
                 f"{len(concepts)} concepts. Jump to: " + " ".join(f"[{k}](#{letter_anchor(k)})" for k in letters) + "\n"]
        for letter in letters:
            parts += [f"## {letter} {{ #{letter_anchor(letter)} }}\n", *_concept_list(by_letter[letter], index), ""]
        return {index: "\n".join(parts)}
    pages = {index: "\n".join([
        front_matter("Concepts A–Z"), "# Concepts A–Z\n", f"{len(concepts)} concepts.\n",
        *[f"- [{k}]({urls.page_link(index, urls.az(letter_anchor(k)))}) · {len(by_letter[k])} concepts"
          for k in letters], ""])}
    for letter in letters:
        ordered = sorted(by_letter[letter], key=lambda c: (sort_key(c.title), c.slug))
        chunks = chunked(ordered, AZ_PAGE)
        sources = [urls.source_of(urls.az(letter_anchor(letter), n)) for n in range(len(chunks))]
        for n, (chunk, source) in enumerate(zip(chunks, sources)):
            pages_line = pager([urls.source_link(source, other) for other in sources], n)
            pages[source] = "\n".join([
                front_matter(f"Concepts: {letter}"), f"# Concepts: {letter}\n",
                " ".join(f"[{k}]({urls.page_link(source, urls.az(letter_anchor(k)))})"
                         if k != letter else f"**{k}**" for k in letters) + "\n",
                pages_line, *_concept_list(chunk, source), ""])
    return pages


def _concept_list(concepts: list[Concept], source: str) -> list[str]:
    """The concepts, linked from the page whose source is `source`."""
    lines = []
    for c in sorted(concepts, key=lambda c: (sort_key(c.title), c.slug)):
        decks = len({card.deck for card in c.cards})
        count = f"{len(c.cards)} cards" if len(c.cards) > 1 else "1 card"
        lines.append(f"- [{escape_markdown(c.title)}]({urls.page_link(source, urls.concept(c.slug))})"
                     f" · {count}"
                     + (f" from {decks} decks" if decks > 1 else ""))
    return lines


def tag_slugs(concepts: list[Concept]) -> dict[str, str]:
    """A slug per tag, by the site's one rule (slugs.allocate)."""
    return allocate({tag: slugify(tag, "tag") for tag in dict.fromkeys(t for c in concepts for t in c.tags)})


def tag_pages(concepts: list[Concept], slugs: dict[str, str]) -> dict[str, str]:
    members: dict[str, list[Concept]] = defaultdict(list)
    for concept in concepts:
        for tag in concept.tags:
            members[tag].append(concept)
    names = sorted(members, key=lambda t: (sort_key(t), t))
    index = [front_matter("Tags"), "# Tags\n",
             f"{len(names)} tags: topics, sections of the sources and decks.\n",
             "| Tag | Concepts | |", "|---|---:|---|"]
    index += [f"| [{escape_markdown(t)}]({urls.page_link(urls.listing(urls.TAGS), urls.tag(slugs[t]))}) | {len(members[t])} | "
              f"{quiz_button(urls.TAGS + '/', 'tag', t, css='quiz-me')} |" for t in names]
    pages = {urls.listing(urls.TAGS): "\n".join(index) + "\n"}
    for tag in names:
        listed = sorted(members[tag], key=lambda c: (sort_key(c.title), c.slug))
        chunks = chunked(listed, TAG_PAGE)
        for number, chunk in enumerate(chunks):
            here = urls.tag(slugs[tag], number)
            source = urls.source_of(here)
            title = f"Tag: {tag}" + (f" ({number + 1}/{len(chunks)})" if number else "")
            pages_line = pager([urls.page_link(source, urls.tag(slugs[tag], i))
                                for i in range(len(chunks))], number)
            parts = [front_matter(title), f"# {escape_markdown(title)}\n",
                     f"{len(listed)} concepts. [All tags]({urls.source_link(source, urls.listing(urls.TAGS))})\n",
                     f"{quiz_button(here, 'tag', tag)} {downloads(here, urls.tag(slugs[tag]), slugs[tag])}\n",
                     pages_line]
            parts += [f"- [{escape_markdown(c.title)}]({urls.page_link(source, urls.concept(c.slug))})"
                      for c in chunk]
            pages[source] = "\n".join(parts + ["", pages_line])
    return pages
