"""Search, the index: Pagefind's chunked index of the concept pages, made
from the concepts (cardsite/search_index.py) once MkDocs has written the
site, at /pagefind/. The reader's browser fetches only the chunks a query
needs (assets/search.js)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from cardsite import buildstate
from cardsite.search_index import write_index


@event_priority(-90)  # once the site's pages are written
def on_post_build(config):
    write_index(buildstate.current().corpus.concepts, Path(config.site_dir), Path(config.config_file_path).parent)
