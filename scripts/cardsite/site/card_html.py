"""Card fields rendered to HTML once, with the site's own Markdown
configuration, for every place that shows a card: concept pages, deck pages,
the quiz and the exports. The HTML is then held to the site's allow-list
(cardsite.markup.html_policy.clean_rendered): the last word on what a card may hold. Math stays arithmatex markup (`\\(…\\)` in a
`span.arithmatex`) so that each consumer typesets it its own way (KaTeX for
the site and the quiz, MathJax delimiters for Anki); links are `site:` links
(cardsite.core.urls) until a page localises them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import markdown

from ..core.memo import bounded
from ..markup.html_policy import clean_rendered
from ..markup import cloze
from ..cards.model import CLOZE, ByCard, Card

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


class CardHtml(NamedTuple):  # a tuple: hashed in C, as part of the memos' keys (cardsite.core.memo)
    front: str
    back: str
    extra: str
    clozes: tuple[tuple[int, str, str], ...] = ()  # (number, question, answer) of each cloze deletion

    @property
    def whole_back(self) -> str:
        """The answer as the site shows it: the back, then the extra in its own div."""
        extra = f'<div class="flashcard-extra">\n{self.extra}\n</div>' if self.extra else ""
        return "\n".join(p for p in (self.back, extra) if p)


class CardRenderer:
    """One Markdown engine, and a cache of every field it rendered: a
    `mkdocs serve` rebuild renders only the fields that changed."""

    def __init__(self, config: MarkdownConfig) -> None:
        self.config = config
        self._md = markdown.Markdown(extensions=list(config.extensions), extension_configs=config.configs)
        self._cache: dict[str, str] = {}
        self._clozes: dict[str, tuple] = {}

    def html(self, text: str) -> str:
        if not text:
            return ""
        done = self._cache.get(text)
        if done is None:
            self._md.reset()
            done = self._cache[text] = clean_rendered(self._md.convert(text))
            bounded(self._cache)
        return done

    def card(self, card: Card) -> CardHtml:
        front = self.html(card.front)
        clozes = self._clozes_of(front) if card.kind == CLOZE else ()
        return CardHtml(front, self.html(card.back), self.html(card.extra), clozes)

    def _clozes_of(self, front: str) -> tuple:
        """Each deletion's question and answer from the front as rendered: the
        cloze spans pass the renderer as they are, so no second Markdown pass."""
        done = self._clozes.get(front)
        if done is None:
            done = self._clozes[front] = tuple((n, cloze.question(front, n), cloze.answer(front, n))
                                               for n in cloze.numbers(front))
            bounded(self._clozes)
        return done


def rendered_cards(renderer: CardRenderer, cards: list[Card]) -> ByCard:
    """Each card's HTML, looked up by the card."""
    return ByCard((card, renderer.card(card)) for card in cards)


_renderers: dict[str, CardRenderer] = {}


def renderer_for(config: MarkdownConfig) -> CardRenderer:
    """The same renderer (and cache) for the same configuration, across the
    rebuilds of `mkdocs serve` (which loads mkdocs.yml, and so makes new
    function objects in it, every time)."""
    key = describe((config.extensions, config.configs))
    if key not in _renderers:
        _renderers[key] = CardRenderer(config)
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
