"""Search finds a concept by any of its names: its other names and Chinese
term (front matter `names:`, written by the converter) are added to the title
of its search entry, so results read "Degradation Operators · 退化算子".

Chinese names go in whole. Material's search box does not segment a Chinese
query: it looks up the typed text as one term with a trailing wildcard, so a
whole name in the index (with the title's weight) is what a typed term or its
first characters find; words from the middle of a name are still found in
the page text, which Material segments with jieba."""

from __future__ import annotations

import json
from pathlib import Path

_names: dict[str, list[str]] = {}


def on_pre_build(config):
    _names.clear()


def on_page_context(context, page, config, nav):
    if page.meta.get("names"):
        _names[page.url] = [str(n) for n in page.meta["names"]]
    return context


def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not _names or not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for entry in data["docs"]:
        names = _names.get(entry["location"])
        if names:
            entry["title"] = " · ".join([entry["title"], *names])
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
