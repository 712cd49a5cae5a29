"""Chat previews: every page says what it is in Open Graph and Twitter card
tags, so a pasted link unfurls with its title and summary (the concept's
first definition, written into the page's `description` by the converter)."""

from __future__ import annotations

import html
import logging
import os
import re
from urllib.parse import urlsplit

from cardsite.core import urls

log = logging.getLogger("mkdocs.hooks.social_meta")
_command = "build"


def on_startup(command, dirty):
    global _command
    _command = command


def on_config(config):
    """A build for publishing with the local address would give every chat
    preview and canonical link a URL nobody else can open: say so, once."""
    host = urlsplit(config.site_url or "").hostname or ""
    publishing = _command == "gh-deploy" or os.environ.get("CI", "").lower() == "true"
    if publishing and (host in ("localhost", "::1") or host.startswith("127.")):
        say = log.warning if _command == "gh-deploy" else log.info
        say("site_url is %s: previews and canonical links will point there; set SITE_URL to the public address",
            config.site_url)
    return config


def on_post_page(output, page, config):
    tags = _meta_tags(page, config)
    return output.replace("</head>", tags + "</head>", 1)


# --------------------------------------------------------------------------


def _meta_tags(page, config) -> str:
    title = page.meta.get("title") or page.title or config.site_name
    description = page.meta.get("description") or config.site_description or ""
    url = page.canonical_url or ""
    properties = {
        "og:type": "article" if page.url.startswith(urls.CONCEPTS + "/") and page.url != urls.CONCEPTS + "/" else "website",
        "og:site_name": config.site_name,
        "og:title": _plain(title),
        "og:description": _plain(description),
        "og:url": url,
    }
    names = {"twitter:card": "summary", "twitter:title": _plain(title), "twitter:description": _plain(description)}
    lines = [f'<meta property="{k}" content="{html.escape(v)}">' for k, v in properties.items() if v]
    lines += [f'<meta name="{k}" content="{html.escape(v)}">' for k, v in names.items() if v]
    return "\n    ".join(lines) + "\n  "


def _plain(text: str) -> str:
    """The text itself: page meta comes HTML-escaped (site/common.py) and is escaped again once, here."""
    return re.sub(r"\s+", " ", html.unescape(str(text))).strip()
