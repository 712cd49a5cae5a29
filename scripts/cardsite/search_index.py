"""The site's search index (Pagefind): one record per concept page, made from
the concept, not read back from its rendered page. A concept's name, other
names and Chinese term weigh most; its decks and tags are filters; the text
of its cards is the body. search_index.mjs hands the records to Pagefind's
own indexer (the npm package `pagefind`, run by Node), which writes the
chunked index the browser loads piece by piece."""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from pathlib import Path

from . import urls
from .model import Concept
from .npm import package_dir

SCRIPT = Path(__file__).resolve().parent / "search_index.mjs"
FOLDER = "pagefind"  # under the site folder: /pagefind/pagefind.js and its chunks
_TAG = re.compile(r"<[^>]+>")


def record(concept: Concept) -> dict:
    """The document Pagefind indexes for one concept page."""
    def text(markdown: str) -> str:
        return html.escape(_TAG.sub(" ", markdown), quote=False)

    parts = [f'<h1 data-pagefind-weight="10" data-pagefind-meta="title">{text(concept.title)}</h1>']
    if concept.aliases:
        parts.append(f'<p data-pagefind-weight="8" data-pagefind-meta="aliases">{text(" · ".join(concept.aliases))}</p>')
    if concept.zh_title:
        parts.append(f'<p data-pagefind-weight="10" data-pagefind-meta="zh">{text(concept.zh_title)}</p>')
    # filters as attributes: their values are not words of the page
    parts += [f'<meta data-pagefind-filter="deck[content]" content="{html.escape(d)}">' for d in concept.decks]
    parts += [f'<meta data-pagefind-filter="tag[content]" content="{html.escape(t)}">'
              for t in concept.tags if t not in concept.decks]
    for card in concept.cards:
        parts.append(f"<p>{text(card.front)}</p><p>{text(card.back)}</p>")
    return {"url": "/" + urls.concept(concept.slug),
            "html": f'<html lang="zh"><body data-pagefind-body>{"".join(parts)}</body></html>'}


def write_index(concepts: list[Concept], site_dir: Path, project: Path) -> dict:
    """Index these concepts into site_dir/pagefind/ (replacing what was there)."""
    package = package_dir("pagefind", project)
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        json.dump([record(c) for c in concepts], f, ensure_ascii=False)
    try:
        done = subprocess.run(["node", str(SCRIPT), f.name, str(site_dir / FOLDER), str(package)],
                              capture_output=True, text=True, check=True)
    finally:
        Path(f.name).unlink()
    return json.loads(done.stdout.strip().splitlines()[-1])
