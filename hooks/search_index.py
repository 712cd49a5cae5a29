"""Search, the index: Pagefind's chunked index of the concept pages, made
from the concepts (cardsite/site/search_index.py) once MkDocs has written the
site, at /pagefind/. The reader's browser fetches only the chunks a query
needs (assets/search.js).

`mkdocs build` waits for the index. `mkdocs serve` does not: a rebuild
after an edit is served at once while the index is made again beside it,
at the lowest processor priority (seconds at 10,000 cards), and swapped in
when complete; a new rebuild cancels an indexing still running, and one
whose concepts did not change keeps the index it has."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from mkdocs.plugins import event_priority

from cardsite.run.plugin import plugin_of
from cardsite.core import urls
from cardsite.site.search_index import IndexJob, filter_lists, write_index

log = logging.getLogger("mkdocs.hooks.search_index")
_lock = threading.Lock()  # the build's thread and the indexing thread of `mkdocs serve`
_running: IndexJob | None = None
_generation = 0  # one more for every build: an indexing thread of an older one gives up
_indexed: tuple[str, list[dict]] | None = None  # (site folder, records) of the index in place


def _cancel_running() -> None:
    global _running, _generation
    with _lock:
        _generation += 1
        if _running is not None:
            _running.cancel()
            _running = None


@event_priority(110)  # before the conversion (the cardsite plugin) starts
def on_pre_build(config):
    """A rebuild starts: an index of the sources before it would be stale, and it would take
    processor time from the rebuild a person is waiting for."""
    _cancel_running()


@event_priority(-90)  # once the site's pages are written
def on_post_build(config):
    site_dir, project = Path(config.site_dir), Path(config.config_file_path).parent
    state = plugin_of(config).state
    site = state.current()
    if not state.serving:
        started = time.perf_counter()
        write_index(site.search_records, site.corpus.concepts, site_dir, project)
        log.info("search index: %d concepts indexed in %.2f s", len(site.corpus.concepts), time.perf_counter() - started)
        return
    _cancel_running()
    threading.Thread(target=_index_in_background, args=(site, site_dir, project, _generation),
                     name="search-index", daemon=True).start()


def _index_in_background(site, site_dir: Path, project: Path, generation: int) -> None:
    global _running, _indexed
    started = time.perf_counter()
    records, concepts = site.search_records, site.corpus.concepts
    with _lock:
        if generation != _generation:
            return  # a newer build is under way
        if _indexed == (str(site_dir), records) and (site_dir / urls.SEARCH_SCRIPT).is_file():
            return  # no concept changed: the index in place is this build's
        try:
            job = _running = IndexJob(records, filter_lists(concepts), site_dir, project, background=True)
        except RuntimeError as error:
            log.error("%s", error)
            return
    try:
        if job.wait() is not None:
            _indexed = (str(site_dir), records)
            log.info("search index: %d concepts indexed in %.2f s", len(records), time.perf_counter() - started)
    except RuntimeError as error:
        log.error("%s", error)


def on_shutdown():
    _cancel_running()
