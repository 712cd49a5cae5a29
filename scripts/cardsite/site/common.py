"""What every generated page shares: front matter, and the buttons that
link to the quiz, the exports and a card's address."""

from __future__ import annotations

import html
import json

from ..core import urls
from ..cards.make import plain_summary


def front_matter(title: str, description: str = "", tags=()) -> str:
    """JSON scalars are valid YAML. Material prints these values into <title>
    and <meta content="…"> without escaping, so they are written HTML-escaped
    here (`<`, `>`, `&`, quotes as entities: the page shows the characters
    themselves)."""
    lines = ["---", f"title: {json.dumps(_meta_text(plain_summary(title, 10_000)), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(_meta_text(description), ensure_ascii=False)}")
    if tags:
        lines.append("tags:")
        lines += [f"  - {json.dumps(_meta_text(t), ensure_ascii=False)}" for t in tags]
    return "\n".join(lines + ["---", ""]) + "\n"


def _meta_text(text: str) -> str:
    return html.escape(text, quote=True)


def quiz_button(page_url: str, scope: str, value: str, css: str = "md-button quiz-me") -> str:
    """Opens the quiz on this scope (value: a slug or a tag name)."""
    return f'<a class="{css}" href="{_attr(urls.relative(page_url, urls.quiz(scope, value)))}">Quiz me</a>'


def downloads(page_url: str, folder_url: str, name: str) -> str:
    """Links to the exports of a deck, a tag or the site (site/exports.py),
    which sit in folder_url; the name is a slug."""
    anki, data = (urls.relative(page_url, u) for u in urls.exports(folder_url))
    return (f'<a class="md-button" href="{_attr(anki)}" download="{name}.txt" title="Anki text file: '
            f'File → Import in Anki">Download for Anki</a> '
            f'<a class="md-button" href="{_attr(data)}" download="{name}.json">cards.json</a>')


def copy_button(anchor: str, label: str) -> str:
    """Filled in by assets/copy-link.js; the anchor is [A-Za-z0-9_-] only."""
    return (f'<button type="button" class="copy-link" data-anchor="{anchor}" title="{label}" '
            f'aria-label="{label}">copy link</button>')


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;")
