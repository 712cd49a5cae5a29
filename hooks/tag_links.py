"""Tag chips link to the tag's own page. Material links a chip to a tag
listing page, but one listing of every tag grows with the corpus; the
converter writes paged /tags/<tag>/ pages and tags/urls.json instead, and
this turns each chip into a link to its page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from cardsite.writers.pages import TAG_URLS

_CHIP = re.compile(r'<span class="(md-tag[^"]*)">([^<]*)</span>')
_urls: dict[str, str] = {}


def on_pre_build(config):
    source = Path(config.docs_dir) / TAG_URLS
    _urls.clear()
    if source.is_file():
        _urls.update(json.loads(source.read_text(encoding="utf-8")))


def on_post_page(output, page, config):
    if "md-tags" not in output or not _urls:
        return output
    up = "../" * page.url.count("/")

    def link(m: re.Match) -> str:
        url = _urls.get(html.unescape(m.group(2)).strip())
        return f'<a href="{up}{url}" class="{m.group(1)}">{m.group(2)}</a>' if url else m.group(0)

    return _CHIP.sub(link, output)
