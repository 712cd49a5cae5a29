"""A page at every old concept URL that points at the concept now holding it
(cardsite.graph.old_names makes the map). A card anchor in the old URL is carried
over by assets/redirect.js: no inline script, so the pages keep the site's
Content-Security-Policy."""

from __future__ import annotations

import html

from ..core import urls


def redirect_files(moved: dict[str, str], site_url: str, policy_meta: str) -> dict[str, str]:
    """{concepts/<old>/index.html: page}; policy_meta: the <meta> policy every page carries (cardsite.site.csp)."""
    base = site_url.rstrip("/")
    return {f"{urls.concept(old)}index.html": _redirect_page(urls.concept(old), urls.concept(new),
                                                               f"{base}/{urls.concept(new)}", policy_meta)
            for old, new in moved.items()}


def _redirect_page(here: str, target: str, canonical: str, policy: str) -> str:
    relative = html.escape(urls.relative(here, target))
    script = html.escape(urls.relative(here, "assets/redirect.js"))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">{policy}
<title>Moved</title>
<link rel="canonical" href="{html.escape(canonical)}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={relative}">
</head>
<body><p>This concept moved to <a id="moved-to" href="{relative}">{relative}</a>.</p>
<script src="{script}"></script></body>
</html>
"""
