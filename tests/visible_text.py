"""What a reader sees of a built site: the text of every HTML page (scripts,
styles and icons left out, white space folded). tests/test_site.py compares
the seed site with the snapshot in fixtures/seed-visible-text.json.gz, so a
change in how the site is made cannot change what it shows unnoticed.

After an intended change of what the seed site shows, write the snapshot
again from a built site: python tests/visible_text.py SITE_FOLDER"""

from __future__ import annotations

import gzip
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parent / "fixtures" / "seed-visible-text.json.gz"


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


def site_text(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): visible_text(p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("*.html"))}


def load_snapshot() -> dict[str, str]:
    return json.loads(gzip.decompress(SNAPSHOT.read_bytes()))


if __name__ == "__main__":
    SNAPSHOT.parent.mkdir(exist_ok=True)
    data = json.dumps(site_text(Path(sys.argv[1])), ensure_ascii=False, indent=0, sort_keys=True).encode()
    SNAPSHOT.write_bytes(gzip.compress(data, mtime=0))
