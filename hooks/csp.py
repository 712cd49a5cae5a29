"""The site's Content-Security-Policy: script only from the site's own files
and from the theme's inline scripts, allowed one by one by hash (inline
scripts inside page content are never hashed, so never allowed). Every page
carries it in a <meta> right after its charset, before any script, so that a
host that sends no headers (GitHub Pages, a plain file server) still blocks
inline script; `_headers` (Netlify, Cloudflare Pages) sends it too, with
frame-ancestors, which only a header can carry."""

from __future__ import annotations

from pathlib import Path

from cardsite.site.csp import HEADERS_FILE, headers_file, meta_tag, theme_script_hashes

_CHARSET = '<meta charset="utf-8">'
_all_hashes: set[str] = set()


def on_pre_build(config):
    _all_hashes.clear()


def on_post_page(output, page, config):
    if "<head>" not in output:
        return output
    hashes = theme_script_hashes(output)
    _all_hashes.update(hashes)
    return output.replace(_CHARSET, _CHARSET + meta_tag(hashes), 1)  # before any script


def on_post_template(output_content, template_name, config):
    """404.html is a theme template, not a page: its scripts count too."""
    return on_post_page(output_content, None, config) if template_name.endswith(".html") else output_content


def on_post_build(config):
    Path(config.site_dir, HEADERS_FILE).write_text(headers_file(_all_hashes), encoding="utf-8")
