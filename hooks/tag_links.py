"""Tag chips link to the tag's own page. Material links a chip to a tag
listing page, but one listing of every tag grows with the corpus; the
converter writes paged /tags/<tag>/ pages instead, and this turns each chip
into a link to its page."""

from __future__ import annotations

import html
import re

from cardsite.run.plugin import site_of
from cardsite.core import urls

_CHIP = re.compile(r'<span class="(md-tag[^"]*)">([^<]*)</span>')


def on_post_page(output, page, config):
    if "md-tags" not in output:
        return output
    tag_urls = site_of(config).tag_urls

    def link(m: re.Match) -> str:
        url = tag_urls.get(html.unescape(m.group(2)).strip())
        return f'<a href="{urls.relative(page.url, url)}" class="{m.group(1)}">{m.group(2)}</a>' if url else m.group(0)

    return _CHIP.sub(link, output)
