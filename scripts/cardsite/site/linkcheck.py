"""Check a built site: every link and asset that stays on the site exists
(pages, scripts, images, and the fonts and images stylesheets load), and
every #fragment names an element of its page. URLs under site_url count
as on the site. `python -m cardsite.site.linkcheck site/ [--site-url URL]`."""

from __future__ import annotations

import argparse
import re
import sys
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}
PSEUDO = "http://site.invalid/"  # the site's root, for resolving relative URLs
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        url = attrs.get(ATTRIBUTES.get(tag, ""))
        if url and not (tag == "link" and attrs.get("rel") in ("alternate",)):
            self.urls.append(url)
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh" and "url=" in attrs.get("content", ""):
            self.urls.append(attrs["content"].split("url=", 1)[1].strip())


def check_site(site: Path, site_url: str = "") -> list[str]:
    site = site.resolve()

    @lru_cache(maxsize=None)
    def parsed(path: Path) -> _Page:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        return page

    broken = []
    for html_file in sorted(site.rglob("*.html")):
        here = PSEUDO + html_file.relative_to(site).as_posix()
        for url in parsed(html_file).urls:
            target = _local_target(url, here, site_url)
            if target is None:
                continue
            path, fragment = target
            file = _file_for(site, path)
            where = f"{html_file.relative_to(site)}: {url}"
            if file is None:
                broken.append(f"{where} (no such file)")
            elif fragment and file.suffix == ".html" and fragment not in parsed(file).ids:
                broken.append(f"{where} (no #{fragment} on that page)")
    for css in sorted(site.rglob("*.css")):
        here = PSEUDO + css.relative_to(site).as_posix()
        for _, url in CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            target = _local_target(url, here, site_url)
            if target and _file_for(site, target[0]) is None:
                broken.append(f"{css.relative_to(site)}: {url} (no such file)")
    return broken


def _local_target(url: str, here: str, site_url: str) -> tuple[str, str] | None:
    if url.startswith(("mailto:", "javascript:", "data:", "tel:")):
        return None
    if site_url and url.startswith(site_url):
        url = PSEUDO + url[len(site_url):]
    absolute = urlsplit(urljoin(here, url))
    if f"{absolute.scheme}://{absolute.netloc}/" != PSEUDO:
        return None  # another site
    return unquote(absolute.path), unquote(absolute.fragment)


def _file_for(site: Path, path: str) -> Path | None:
    candidate = (site / path.lstrip("/")).resolve()
    if site not in candidate.parents and candidate != site:
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--site-url", default="", help="the site's public URL (site_url in mkdocs.yml)")
    args = parser.parse_args(argv)
    broken = check_site(args.site, args.site_url)
    print("\n".join(broken) or "0 broken links")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
