"""Search finds a concept by any of its names: its other names and Chinese
term are added to the title of its search entry, so results read
"Degradation Operators · 退化算子".

Chinese names go in whole. Material's search box does not segment a Chinese
query: it looks up the typed text as one term with a trailing wildcard, so a
whole name in the index (with the title's weight) is what a typed term or its
first characters find; words from the middle of a name are still found in
the page text, which Material segments with jieba."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

from cardsite import buildstate


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    names = buildstate.current().names
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for entry in data["docs"]:
        other = names.get(entry["location"])
        # once: a dirty rebuild (mkdocs serve --dirty) keeps the entries of pages it did not render
        if other and not entry["title"].endswith(" · ".join(["", *other])):
            entry["title"] = " · ".join([entry["title"], *other])
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
