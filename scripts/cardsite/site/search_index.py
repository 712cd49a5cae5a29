"""The site's search index (Pagefind): one record per concept page, made from
the concept, not read back from its rendered page. A concept's name, other
names and Chinese term weigh most; its decks and tags are filters; the text
of its cards is the body. search_index.mjs hands the records to Pagefind's
own indexer (the npm package `pagefind`, run by Node), which writes the
chunked index the browser loads piece by piece."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from ..core import urls
from ..cards.make import is_question
from ..cards.model import ByCard, Concept
from ..core.npm import package_dir

SCRIPT = Path(__file__).resolve().parent / "search_index.mjs"
FOLDER = urls.SEARCH  # under the site folder: /pagefind/pagefind.js and its chunks
LISTS = urls.SEARCH_LISTS.removeprefix(FOLDER + "/")  # in FOLDER: the search box's deck and tag lists


def named_by_a_term(concept: Concept) -> bool:
    """A page named by a term outranks one named by a question, a comparison
    or an example that merely mentions the term."""
    compound = ":" in concept.title or re.search(r"\bvs\.?\b|\bversus\b", concept.title, re.I)
    return len(concept.title.split()) <= 4 and not is_question(concept.title) and not compound


def _filters(concept: Concept) -> dict[str, list[str]]:
    """A concept's filter values: its decks, and its tags other than its decks."""
    decks = list(dict.fromkeys(concept.decks))
    return {"deck": decks, "tag": [t for t in concept.tags if t not in decks]}


def record(concept: Concept, rendered: ByCard) -> dict:
    """The document Pagefind indexes for one concept page: its cards' text as
    a reader sees it (no Markdown, cloze marks or addresses), then its names,
    weighted (after the cards, so that a snippet starts with what the cards
    say rather than the name again), then its decks and tags as filters."""
    def text(plain: str) -> str:
        return html.escape(plain, quote=False)

    parts = []
    for card in concept.cards:
        front, back, _ = rendered[card].text
        parts.append(f"<p>{text(front)}</p><p>{text(back)}</p>")
    weight = 10 if named_by_a_term(concept) else 5
    parts.append(f'<h1 data-pagefind-weight="{weight}" data-pagefind-meta="title">{text(concept.title)}</h1>')
    if concept.aliases:
        aliases = " · ".join(concept.aliases)
        parts.append(f'<p data-pagefind-weight="8" data-pagefind-meta="aliases">{text(aliases)}</p>')
    if concept.zh_title:
        parts.append(f'<p data-pagefind-weight="10" data-pagefind-meta="zh">{text(concept.zh_title)}</p>')
    # filters as attributes: their values are not words of the page
    parts += [f'<meta data-pagefind-filter="{name}[content]" content="{html.escape(value)}">'
              for name, values in _filters(concept).items() for value in values]
    return {"url": "/" + urls.concept(concept.slug),
            "html": f'<html lang="zh"><body data-pagefind-body>{"".join(parts)}</body></html>'}


def filter_lists(concepts: list[Concept]) -> dict:
    """The values of the records' deck and tag filters, each with its number
    of concepts, as Pagefind counts them: the search box reads this small
    file when it opens, instead of every filter of the index (58 KB to
    unpack at 20,000 cards, on the processor the first query needs)."""
    counts: dict[str, Counter[str]] = {"deck": Counter(), "tag": Counter()}
    for concept in concepts:
        for name, values in _filters(concept).items():
            counts[name].update(values)
    return {name: dict(sorted(count.items())) for name, count in counts.items()}


class IndexJob:
    """Pagefind's indexer (Node) running on these records: it writes into a
    staging folder of the site, and wait() moves that to site/pagefind/ once
    it is complete, so a reader never gets half an index. cancel() stops it
    (a newer build under `mkdocs serve` supersedes it)."""

    def __init__(self, records: list[dict], lists: dict, site_dir: Path, project: Path, background: bool = False):
        package = package_dir("pagefind", project)
        if not (package / "lib" / "index.js").is_file():
            raise RuntimeError(f"the search indexer is not installed ({package}): run `npm ci` in the project folder")
        self.site_dir, self.cancelled, self.lists = site_dir, False, lists
        site_dir.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir))
        with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
            json.dump(records, f, ensure_ascii=False)
        self.records_file = Path(f.name)
        # in the background (under `mkdocs serve`) at the lowest priority: the next rebuild,
        # which a person is waiting for, gets the processor first
        lowest = (lambda: os.nice(19)) if background and hasattr(os, "nice") else None
        self.process = subprocess.Popen(["node", str(SCRIPT), f.name, str(self.staging), str(package)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=lowest)

    def wait(self) -> dict | None:
        """The indexer's summary once the index is in place; None if cancelled."""
        out, err = self.process.communicate()
        self.records_file.unlink(missing_ok=True)
        if self.cancelled:
            return None
        if self.process.returncode:
            shutil.rmtree(self.staging, ignore_errors=True)
            raise RuntimeError(f"search index: Pagefind failed: {err.strip()[-2000:]}")
        (self.staging / LISTS).write_text(json.dumps(self.lists, ensure_ascii=False), encoding="utf-8")
        final = self.site_dir / FOLDER
        shutil.rmtree(final, ignore_errors=True)
        self.staging.rename(final)
        return json.loads(out.strip().splitlines()[-1])

    def cancel(self) -> None:
        self.cancelled = True
        self.process.kill()
        self.process.wait()
        self.records_file.unlink(missing_ok=True)
        shutil.rmtree(self.staging, ignore_errors=True)


def write_index(records: list[dict], concepts: list[Concept], site_dir: Path, project: Path) -> dict:
    """Index these concepts' records into site_dir/pagefind/ (replacing what
    was there) and wait for it."""
    summary = IndexJob(records, filter_lists(concepts), site_dir, project).wait()
    assert summary is not None  # only a cancelled job has none
    return summary
