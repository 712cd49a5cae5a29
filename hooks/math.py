"""Math rendered at build time: arithmatex's markup becomes KaTeX HTML (from
the converter's cache, one Node process for the whole build) and KaTeX's CSS
and fonts are served from the site itself. No math JavaScript, no CDN."""

from __future__ import annotations

import html
import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from cardsite.katex import ARITHMATEX, KATEX_DIST, KatexUnavailable, shared_renderer  # noqa: E402

log = logging.getLogger("mkdocs.hooks.math")
CSS = "assets/katex/katex.min.css"


def on_config(config):
    if not (KATEX_DIST / "katex.min.css").is_file():
        raise PluginError(f"KaTeX is not installed: run `npm ci` in {KATEX_DIST.parents[2]} (Node.js needed)")
    config.extra_css.insert(0, CSS)
    return config


def on_files(files, config):
    files.append(File.generated(config, CSS, abs_src_path=str(KATEX_DIST / "katex.min.css")))
    for font in sorted((KATEX_DIST / "fonts").iterdir()):
        files.append(File.generated(config, f"assets/katex/fonts/{font.name}", abs_src_path=str(font)))
    return files


def on_page_content(content, page, config, files):
    formulas = [(_tex(m), m.group("block") is not None) for m in ARITHMATEX.finditer(content)]
    if not formulas:
        return content
    try:
        rendered = shared_renderer().render_many(formulas)
    except KatexUnavailable as exc:
        raise PluginError(str(exc)) from None

    def swap(m: re.Match) -> str:
        rendered_html, error = rendered[(_tex(m), m.group("block") is not None)]
        if error:  # the converter reports these with file:line; never a red error on the page
            log.info("math: %s: KaTeX cannot render %r", page.file.src_uri, _tex(m))
            return f"<code>{html.escape(_tex(m))}</code>"
        return rendered_html if m.group("inline") is not None else f'<div class="math-display">{rendered_html}</div>'

    return ARITHMATEX.sub(swap, content)


# --------------------------------------------------------------------------


def _tex(m: re.Match) -> str:
    return html.unescape(m.group("inline") if m.group("inline") is not None else m.group("block")).strip()
