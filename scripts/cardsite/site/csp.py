"""The Content-Security-Policy the site is built to honour (README, "Trust").

Script runs only from the site's own files and from the theme's few inline
scripts, allowed one by one by their SHA-256; nothing a card says can add to
that list. Styles may be inline because KaTeX lays out formulas with style
attributes (cards cannot carry any: the sanitiser drops them).

Every page carries the policy in a <meta> (hosts such as GitHub Pages send no
headers); `_headers` repeats it for the hosts that read it (Netlify,
Cloudflare Pages) with what only a header can say (frame-ancestors)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

FIXED = {
    "default-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: https:",  # data: for the theme's icons in CSS; https: for card images
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
# Directives a <meta> policy cannot carry (the browser ignores them there).
HEADER_ONLY = {"frame-ancestors": "'self'"}
# Other headers worth sending where a host lets us.
OTHER_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?![^>]*\bsrc=)[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r'\btype="application/(?:ld\+)?json"', re.I)
_CONTENT_START, _CONTENT_END = '<article class="md-content__inner', "</article>"  # Material's page content


def policy(script_hashes=()) -> str:
    # 'wasm-unsafe-eval' lets the site's own scripts compile WebAssembly (the
    # quiz's FSRS optimiser), and nothing else: no eval, no new script source
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *(f"'{h}'" for h in sorted(set(script_hashes)))])
    return "; ".join([f"default-src {FIXED['default-src']}", f"script-src {scripts}",
                      *(f"{k} {v}" for k, v in FIXED.items() if k != "default-src")])


def script_hash(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()


def inline_scripts(html: str, outside: tuple[int, int] | None = None) -> list[str]:
    """Bodies of the inline scripts a browser would run, except those within
    `outside` (start, end): the page's content, which is never trusted (and,
    being most of the page, not even scanned)."""
    parts = [html[:outside[0]], html[outside[1]:]] if outside else [html]
    return [m.group("body") for part in parts for m in _INLINE_SCRIPT.finditer(part)
            if not _DATA_TYPE.search(m.group("attrs"))]  # JSON data is never run


def theme_script_hashes(page_html: str) -> set[str]:
    """The hashes of a built page's inline scripts outside its content (the
    theme's), which the policy allows."""
    start = page_html.find(_CONTENT_START)
    content = (start, page_html.find(_CONTENT_END, start)) if start >= 0 else None
    return {script_hash(body) for body in inline_scripts(page_html, outside=content)}


HEADERS_FILE = "_headers"  # in site/: Netlify's and Cloudflare Pages' format


def header_policy(script_hashes=()) -> str:
    return "; ".join([policy(script_hashes), *(f"{k} {v}" for k, v in HEADER_ONLY.items())])


def headers_file(script_hashes) -> str:
    lines = [f"Content-Security-Policy: {header_policy(script_hashes)}", *(f"{k}: {v}" for k, v in OTHER_HEADERS.items())]
    return "/*\n" + "".join(f"  {line}\n" for line in lines)


def policy_of_site(site) -> str:
    """The policy a built site asks for (read back from its _headers)."""
    text = (Path(site) / HEADERS_FILE).read_text(encoding="utf-8")
    return text.split("Content-Security-Policy:", 1)[1].split("\n", 1)[0].strip()


def meta_tag(script_hashes=()) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(script_hashes)}">'
