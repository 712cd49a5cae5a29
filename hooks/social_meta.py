"""Chat previews: every page says what it is in Open Graph and Twitter card
tags, so a pasted link unfurls with its title and summary (the concept's
first definition, written into the page's `description` by the converter)."""

from __future__ import annotations

import html
import re

from cardsite import urls


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
    return re.sub(r"\s+", " ", str(text)).strip()
