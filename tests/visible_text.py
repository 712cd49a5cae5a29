"""What a reader sees of an HTML page: its text, scripts, styles and icons
left out, white space folded."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Visible(HTMLParser):
    HIDDEN = {"script", "style", "svg", "template", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(page_html: str) -> str:
    parser = _Visible()
    parser.feed(page_html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()
