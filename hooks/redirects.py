"""Leave a page at every old concept URL that points at the concept now
holding it (the map comes from the converter: scripts/cardsite/redirects.py).
A card anchor in the old URL is carried over (by assets/redirect.js: no
inline script, so the pages keep the site's Content-Security-Policy)."""

from __future__ import annotations

import html
import json
from pathlib import Path

from cardsite.csp import meta_tag
from cardsite.redirects import MAP_FILE


def on_post_build(config):
    source = Path(config.docs_dir) / MAP_FILE
    if not source.is_file():
        return
    site = Path(config.site_dir)
    base = (config.site_url or "").rstrip("/")
    for old, new in json.loads(source.read_text(encoding="utf-8")).items():
        target = site / "concepts" / old / "index.html"
        if target.exists():  # a real page always wins
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        policy = meta_tag() if config.extra.get("csp_meta") else ""  # see hooks/csp.py
        target.write_text(_redirect_page(new, f"{base}/concepts/{new}/", policy), encoding="utf-8")


# --------------------------------------------------------------------------


def _redirect_page(new: str, canonical: str, policy: str) -> str:
    relative = html.escape(f"../{new}/")
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
<script src="../../assets/redirect.js"></script></body>
</html>
"""
