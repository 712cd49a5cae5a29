"""The converter inside the MkDocs build: sources/ become pages (and quiz
data, exports, redirects, media) in memory before MkDocs collects its files,
and MkDocs gets them as generated files: nothing is written into docs/, so
`mkdocs serve` rebuilds once per change of a source, and never because of
its own output. The Site stays available to the other hooks
(cardsite.build.buildstate).

Under `mkdocs serve --dirty` a rebuild renders only the generated files whose
text changed since the last build (and removes the output of those that are
gone): one edited card re-renders its own pages, not the whole site."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from cardsite.build import buildstate
from cardsite.core import urls  # noqa: E402
from cardsite.cards.model import INFO  # noqa: E402
from cardsite.build.pipeline import Options  # noqa: E402
from cardsite.site.card_html import MarkdownConfig  # noqa: E402
from cardsite.site.glossary import coverage  # noqa: E402

log = logging.getLogger("mkdocs.hooks.convert_sources")


@event_priority(100)  # first: every other hook reads the Site
def on_pre_build(config):
    options = Options(MarkdownConfig.of_mkdocs(config), site_url=config.site_url or "")
    site, how = buildstate.build(_sources(config), options)
    corpus = site.corpus
    # Findings in the user's content are reported, not MkDocs warnings: a deck
    # with a broken row must not stop `mkdocs build --strict` for everyone else.
    for problem in corpus.problems:
        if problem.severity != INFO:
            log.info("cards: %s", problem)
    have, total = coverage(corpus.concepts)
    log.info("glossary: %d of %d concepts have a Chinese term (%.1f%%)", have, total, 100 * have / max(total, 1))
    log.info("cards: %d decks, %d cards, %d concepts; %d files generated%s", len(corpus.decks), len(corpus.cards),
             len(corpus.concepts), len(site.files) + len(site.media), "" if how == buildstate.CONVERTED else f" ({how})")


def on_startup(command, dirty):
    buildstate.dirty = dirty
    buildstate.serving = command == "serve"


@event_priority(100)
def on_files(files, config):
    site, before = buildstate.current(), buildstate.previous_files()
    # Whatever lies in the generated folders of docs/ (an earlier convert.py
    # run) is replaced by this build's own files.
    for file in [f for f in files if f.src_uri.split("/", 1)[0] in urls.GENERATED_FOLDERS]:
        files.remove(file)
    changed = 0
    # Under `serve --dirty`, an unchanged file is the File (and Page) MkDocs
    # had last time, while nothing that places pages changed: making 9,000
    # of them again took 0.4 s of every rebuild at 10,000 cards.
    layout = _layout(config)
    kept = buildstate.kept_files if buildstate.dirty and buildstate.kept_layout == layout else {}
    made: dict[str, File] = {}
    for path, text in site.files.items():
        same = before is not None and before.get(path) == text
        file = kept.get(path) if same else None
        if file is None:
            file = GeneratedFile.generated(config, path, content=text)
        elif file.page is not None:  # its text is in site.files, its HTML in site/: not kept twice
            file.page.markdown = file.page.content = None
            file.page.toc = []
        file.changed = not same
        changed += file.changed
        made[path] = file
        files.append(file)
    if buildstate.serving:
        buildstate.kept_files, buildstate.kept_layout = made, layout
    for path, source in site.media.items():  # a file in sources/, or one from a package
        files.append(File.generated(config, path, content=source) if isinstance(source, bytes)
                     else File.generated(config, path, abs_src_path=str(source)))
    if before is not None:
        log.info("cards: %d of %d generated files changed since the last build", changed, len(site.files))
    return files


@event_priority(-100)  # after everything else has written into the site
def on_post_build(config):
    site, before = buildstate.current(), buildstate.previous_files()
    if buildstate.dirty and before:  # a clean build starts from an empty folder
        for path in before.keys() - site.files.keys():
            stale = Path(File(path, None, config.site_dir, config.use_directory_urls).abs_dest_path)
            stale.unlink(missing_ok=True)
    buildstate.built(site)


def on_serve(server, config, builder):
    server.watch(str(_sources(config)))  # MkDocs rebuilds when a source changes
    buildstate.watch(_sources(config))  # and the conversion starts before it notices
    return server


class GeneratedFile(File):
    """A file the converter made. For MkDocs' dirty rebuilds it counts as
    modified only when its text changed since the last build (MkDocs takes
    every generated file for modified)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


# --------------------------------------------------------------------------


def _layout(config) -> tuple:
    """What a File's URL and a Page's links and navigation are made from."""
    return (config.docs_dir, config.site_dir, config.site_url, config.use_directory_urls, config.repo_url,
            config.edit_uri, config.edit_uri_template, repr(config.nav))


def _sources(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "sources"
