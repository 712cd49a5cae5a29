"""Search, the index: Pagefind's chunked index of the concept pages, made
from the concepts (cardsite/search_index.py) once MkDocs has written the
site, at /pagefind/. The reader's browser fetches only the chunks a query
needs (assets/search.js).

`mkdocs build` waits for the index. `mkdocs serve` does not: a rebuild
after an edit is served at once while the index is made again beside it
(seconds at 10,000 cards) and swapped in when complete; a newer rebuild
cancels an indexing still running, and one whose concepts did not change
keeps the index it has."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from mkdocs.plugins import event_priority

from cardsite import buildstate
from cardsite.search_index import FOLDER, IndexJob, record

log = logging.getLogger("mkdocs.hooks.search_index")
_running: IndexJob | None = None
_indexed: tuple[str, list[dict]] | None = None  # (site folder, records) of the index in place


@event_priority(-90)  # once the site's pages are written
def on_post_build(config):
    global _running, _indexed
    site_dir = Path(config.site_dir)
    records = [record(c) for c in buildstate.current().corpus.concepts]
    if _running is not None:
        _running.cancel()
        _running = None
    if _indexed == (str(site_dir), records) and (site_dir / FOLDER / "pagefind.js").is_file():
        return
    started = time.perf_counter()
    job = IndexJob(records, site_dir, Path(config.config_file_path).parent)
    if not buildstate.serving:
        job.wait()
        _indexed = (str(site_dir), records)
        log.info("search index: %d concepts indexed in %.2f s", len(records), time.perf_counter() - started)
        return
    _running = job

    def finish():
        global _indexed
        try:
            if job.wait() is not None:
                _indexed = (str(site_dir), records)
                log.info("search index: %d concepts indexed in %.2f s", len(records), time.perf_counter() - started)
        except RuntimeError as error:
            log.error("%s", error)

    threading.Thread(target=finish, name="search-index", daemon=True).start()


def on_shutdown():
    if _running is not None:
        _running.cancel()
