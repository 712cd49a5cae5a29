"""Every page tells the browser's scripts where the site's parts are (the
concept pages and their previews, the quiz's cards, the search index, the
sitemap): an inert JSON island in <head>, made from cardsite.core.urls, the
one place that knows them. No script spells a folder name of its own."""

from __future__ import annotations

import json

from cardsite.core.urls import browser_layout

ISLAND = ('<script type="application/json" id="cardsite-layout">'
          + json.dumps(browser_layout(), separators=(",", ":")).replace("</", "<\\/") + "</script>")


def on_post_page(output, page, config):
    return output.replace("</head>", ISLAND + "</head>", 1)
