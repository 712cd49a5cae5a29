"""Every page carries its Content-Security-Policy as the first thing in its
<head>: script only from the site's files and from the theme's own inline
scripts (by hash; inline scripts inside the page content are never allowed).
The union of all pages' policies goes to `_headers` for servers that send
headers (Netlify and Cloudflare Pages read that file as it is)."""

from __future__ import annotations

from pathlib import Path

from cardsite.csp import inline_scripts, meta_tag, policy, script_hash

_CONTENT_START, _CONTENT_END = '<article class="md-content__inner', "</article>"
_all_hashes: set[str] = set()


def on_pre_build(config):
    _all_hashes.clear()


def on_post_page(output, page, config):
    if "<head>" not in output:
        return output
    start = output.find(_CONTENT_START)
    content = (start, output.find(_CONTENT_END, start)) if start >= 0 else None
    hashes = {script_hash(body) for body in inline_scripts(output, outside=content)}
    _all_hashes.update(hashes)
    return output.replace("<head>", "<head>\n    " + meta_tag(hashes), 1)


def on_post_template(output_content, template_name, config):
    """404.html is a theme template, not a page: it gets its policy here."""
    return on_post_page(output_content, None, config) if template_name.endswith(".html") else output_content


def on_post_build(config):
    Path(config.site_dir, "_headers").write_text(
        f"/*\n  Content-Security-Policy: {policy(_all_hashes)}\n", encoding="utf-8")
