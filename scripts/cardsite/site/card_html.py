"""Card fields rendered to HTML once, with the site's own Markdown
configuration, for every place that shows a card: concept pages, deck pages,
the quiz and the exports. The HTML is then held to the site's allow-list
(cardsite.markup.html_policy.clean_rendered): the last word on what a card
may hold. Math stays arithmatex markup (`\\(…\\)` in a `span.arithmatex`)
for the site and the quiz to typeset with KaTeX; links are `site:` links
(cardsite.core.urls) until a page localises them. The exports' Anki form is
made from the same tree (cardsite.site.anki_form)."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from copy import deepcopy
from dataclasses import dataclass
from typing import NamedTuple

import markdown

from ..core.memo import bounded
from ..markup.html_policy import clean_rendered
from ..markup import cloze
from ..markup.readable import lines, prose
from ..markup.card_syntax import CardSyntax
from ..cards.model import CLOZE, ByCard, Card
from .anki_form import code_as_text, needs_anki_form, to_anki

# MkDocs always loads these, whatever mkdocs.yml lists (its MarkdownExtensions builtins).
MKDOCS_BUILTINS = ["toc", "tables", "fenced_code"]


@dataclass
class MarkdownConfig:
    extensions: tuple
    configs: dict

    @classmethod
    def of_mkdocs(cls, config) -> MarkdownConfig:
        """From a loaded MkDocs config: exactly what the site's pages use."""
        return cls(tuple(config.markdown_extensions), dict(config.mdx_configs))

    @classmethod
    def of_settings(cls, settings: dict) -> MarkdownConfig:
        """From mkdocs.yml as data (without loading MkDocs' whole
        configuration, which imports the hooks and the theme)."""
        listed = settings.get("markdown_extensions") or []
        names, configs = list(MKDOCS_BUILTINS), {}
        for item in listed:
            name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            if name not in names:
                names.append(name)
            if options:
                configs[name] = options
        return cls(tuple(names), configs)


class Field(NamedTuple):
    """One field, rendered from one parse: the page's HTML, the same in the
    form Anki reads (cardsite.site.anki_form), what a person reads in it as
    plain prose (cardsite.markup.readable: for search and previews), and for a
    text with cloze deletions each number's (number, question, answer)."""
    html: str
    anki: str
    text: str
    clozes: tuple[tuple[int, str, str], ...] = ()


class CardHtml(NamedTuple):  # a tuple: hashed in C, as part of the memos' keys (cardsite.core.memo)
    front: str
    back: str
    extra: str
    clozes: tuple[tuple[int, str, str], ...] = ()  # (number, question, answer) of each cloze deletion
    anki: tuple[str, str, str] = ("", "", "")  # front, back and extra as Anki reads them
    text: tuple[str, str, str] = ("", "", "")  # front, back and extra as plain prose (Field.text)

    @property
    def whole_back(self) -> str:
        """The answer as the site shows it: the back, then the extra in its own div."""
        extra = f'<div class="flashcard-extra">\n{self.extra}\n</div>' if self.extra else ""
        return "\n".join(p for p in (self.back, extra) if p)


class CardRenderer:
    """One Markdown engine, and a cache of every field it rendered: a
    `mkdocs serve` rebuild renders only the fields that changed. Each field
    is parsed once into Python-Markdown's element tree (with our own markup
    read into elements by cardsite.markup.card_syntax), and every output is
    that tree, edited and serialised."""

    def __init__(self, config: MarkdownConfig, site_url: str = "") -> None:
        self.config, self.site_url = config, site_url
        self._md = markdown.Markdown(extensions=[*config.extensions, CardSyntax()],
                                     extension_configs=config.configs)
        self._cache: dict[str, Field] = {}

    def html(self, text: str) -> str:
        return self.field(text).html

    def field(self, text: str) -> Field:
        if not text.strip():
            return _EMPTY
        done = self._cache.get(text)
        if done is None:
            root = self._tree(text)
            read = prose(lines(root, self._md.htmlStash.rawHtmlBlocks))
            page = self._html(root)
            anki = code_as_text(self._html(to_anki(deepcopy(root), self.site_url)) if needs_anki_form(root) else page)
            clozes = tuple((n, self._html(cloze.question(deepcopy(root), n)), self._html(cloze.answer(deepcopy(root), n)))
                           for n in cloze.numbers(root))
            done = self._cache[text] = Field(page, anki, read, clozes)
            bounded(self._cache)
        return done

    def card(self, card: Card) -> CardHtml:
        front, back, extra = self.field(card.front), self.field(card.back), self.field(card.extra)
        return CardHtml(front.html, back.html, extra.html, front.clozes if card.kind == CLOZE else (),
                        (front.anki, back.anki, extra.anki), (front.text, back.text, extra.text))

    def _tree(self, text: str) -> etree.Element:
        """Markdown.convert's steps up to the finished tree (the stash of raw
        HTML it fills is read by _html, until the next field)."""
        md = self._md
        md.reset()
        md.lines = text.split("\n")
        for step in md.preprocessors:
            md.lines = step.run(md.lines)
        root = md.parser.parseDocument(md.lines).getroot()
        for step in md.treeprocessors:
            root = step.run(root) or root
        return root

    def _html(self, root: etree.Element) -> str:
        """Markdown.convert's steps from the tree on, then the allow-list."""
        md = self._md
        out = md.serializer(root)
        start, end = out.find(f"<{md.doc_tag}>"), out.rfind(f"</{md.doc_tag}>")
        out = out[start + len(md.doc_tag) + 2:end].strip() if start >= 0 and end >= 0 else ""
        for step in md.postprocessors:
            out = step.run(out)
        return clean_rendered(out.strip())


_EMPTY = Field("", "", "")


def rendered_cards(renderer: CardRenderer, cards: list[Card]) -> ByCard:
    """Each card's HTML, looked up by the card."""
    return ByCard((card, renderer.card(card)) for card in cards)


_renderers: dict[str, CardRenderer] = {}


def renderer_for(config: MarkdownConfig, site_url: str = "") -> CardRenderer:
    """The same renderer (and cache) for the same configuration, across the
    rebuilds of `mkdocs serve` (which loads mkdocs.yml, and so makes new
    function objects in it, every time)."""
    key = describe((config.extensions, config.configs, site_url))
    if key not in _renderers:
        _renderers[key] = CardRenderer(config, site_url)
    return _renderers[key]


def describe(value) -> str:
    """A stable text for a configuration value (functions by name, not address)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{k!r}:{describe(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(describe(v) for v in value) + "]"
    if callable(value):
        return f"<{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}>"
    return repr(value)
