"""Math rendered at build time: arithmatex's markup becomes KaTeX HTML (one
Node process for the whole build, cardsite.markup.katex.typeset) and KaTeX's CSS
and fonts are served from the site itself. No math JavaScript, no CDN."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from cardsite.core import urls
from cardsite.markup.katex import KatexUnavailable, katex_dist, typeset, use_project

log = logging.getLogger("mkdocs.hooks.math")
CSS = urls.KATEX_CSS


def on_config(config):
    project = Path(config.config_file_path).resolve().parent
    use_project(project)
    if not (katex_dist(project) / "katex.min.css").is_file():
        raise PluginError(f"KaTeX is not installed: run `npm ci` in {project} (Node.js needed)")
    config.extra_css.insert(0, CSS)
    return config


def on_files(files, config):
    dist = katex_dist()
    files.append(File.generated(config, CSS, abs_src_path=str(dist / "katex.min.css")))
    for font in sorted((dist / "fonts").iterdir()):
        files.append(File.generated(config, f"{urls.KATEX_FONTS}/{font.name}", abs_src_path=str(font)))
    return files


@event_priority(-50)  # after every hook that adds content with math in it
def on_page_content(content, page, config, files):
    def rejected(tex: str) -> None:  # the converter reports these with file:line; never a red error on the page
        log.info("math: %s: KaTeX cannot render %r", page.file.src_uri, tex)

    try:
        return typeset(content, rejected)
    except KatexUnavailable as exc:
        raise PluginError(str(exc)) from None
