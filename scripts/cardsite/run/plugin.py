"""The converter inside MkDocs, as the `cardsite` plugin (an entry point of
the package, listed under `plugins:` in mkdocs.yml): sources/ become pages
(and quiz data, exports, redirects, media) in memory before MkDocs collects
its files, and MkDocs gets them as generated files. Nothing is written into
docs/, so `mkdocs serve` rebuilds once per change of a source, never because
of its own output.

The plugin owns the build's state (a BuildState): MkDocs keeps one plugin
object for a whole `mkdocs serve` session because it has on_startup, and the
hooks (hooks/) read the Site from it through `site_of(config)`; no hook
depends on another's module or on the order they load in. Its events run
first (conversion, files) and last (stale files removed) by priority.

Under `mkdocs serve --dirty` a rebuild renders only the generated files whose
text changed since the last build (and removes the output of those that are
gone): one edited card re-renders its own pages, not the whole site."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from ..cards.model import INFO
from ..core import urls
from ..site.card_html import MarkdownConfig
from ..site.glossary import coverage
from .buildstate import CONVERTED, BuildState
from .pipeline import Options, Site

log = logging.getLogger("mkdocs.plugins.cardsite")
NAME = "cardsite"  # the entry point's name: `plugins: [cardsite]`


class CardsiteConfig(base.Config):
    sources = c.Type(str, default="sources")  # the folder of sources, relative to mkdocs.yml


class CardsitePlugin(BasePlugin[CardsiteConfig]):
    def __init__(self) -> None:
        self.state = BuildState()

    def on_startup(self, *, command, dirty) -> None:
        self.state = BuildState(serving=command == "serve", dirty=dirty)

    @event_priority(100)  # first: every hook reads the Site
    def on_pre_build(self, *, config) -> None:
        options = Options(MarkdownConfig.of_mkdocs(config), site_url=config.site_url or "")
        site, how = self.state.build(self._sources(config), options)
        corpus = site.corpus
        # Findings in the user's content are reported, not MkDocs warnings: a deck
        # with a broken row must not stop `mkdocs build --strict` for everyone else.
        for problem in corpus.problems:
            if problem.severity != INFO:
                log.info("cards: %s", problem)
        have, total = coverage(corpus.concepts)
        log.info("glossary: %d of %d concepts have a Chinese term (%.1f%%)", have, total, 100 * have / max(total, 1))
        log.info("cards: %d decks, %d cards, %d concepts; %d files generated%s", len(corpus.decks), len(corpus.cards),
                 len(corpus.concepts), len(site.files) + len(site.media), "" if how == CONVERTED else f" ({how})")

    @event_priority(100)
    def on_files(self, files, *, config):
        state = self.state
        site, before = state.current(), state.previous_files()
        # Whatever lies in the generated folders of docs/ (an earlier convert.py
        # run) is replaced by this build's own files.
        for file in [f for f in files if f.src_uri.split("/", 1)[0] in urls.GENERATED_FOLDERS]:
            files.remove(file)
        changed = 0
        # Under `serve --dirty`, an unchanged file is the File (and Page) MkDocs
        # had last time, while nothing that places pages changed: making 9,000
        # of them again took 0.4 s of every rebuild at 10,000 cards.
        layout = _layout(config)
        kept = state.kept_files if state.dirty and state.kept_layout == layout and _still_written(state.kept_files) else {}
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
        if state.serving:
            state.kept_files, state.kept_layout = made, layout
        for path, source in site.media.items():  # a file in sources/, or one from a package
            files.append(File.generated(config, path, content=source) if isinstance(source, bytes)
                         else File.generated(config, path, abs_src_path=str(source)))
        if before is not None:
            log.info("cards: %d of %d generated files changed since the last build", changed, len(site.files))
        return files

    def on_env(self, env, *, config, files):
        # Under `mkdocs serve`, the theme's templates are compiled once, not on
        # every rebuild: MkDocs makes a new Jinja environment for each build, and
        # compiling Material's templates again took about 0.2 s of each rebuild
        # at 10,000 cards. Kept by template and source checksum: an edited
        # template is compiled afresh.
        if self.state.serving:
            env.bytecode_cache = self.state.compiled_templates
        return env

    @event_priority(-100)  # after everything else has written into the site
    def on_post_build(self, *, config) -> None:
        site, before = self.state.current(), self.state.previous_files()
        if self.state.dirty and before:  # a clean build starts from an empty folder
            for path in before.keys() - site.files.keys():
                stale = Path(File(path, None, config.site_dir, config.use_directory_urls).abs_dest_path)
                stale.unlink(missing_ok=True)
        self.state.built(site)

    def on_serve(self, server, *, config, builder):
        server.watch(str(self._sources(config)))  # MkDocs rebuilds when a source changes
        self.state.watch(self._sources(config))  # and the conversion starts before it notices
        return server

    def _sources(self, config) -> Path:
        return Path(config.config_file_path).resolve().parent / self.config.sources


def plugin_of(config) -> CardsitePlugin:
    try:
        return config.plugins[NAME]
    except KeyError:
        raise RuntimeError(f"mkdocs.yml must list the {NAME} plugin under plugins: the hooks read its Site") from None


def site_of(config) -> Site:
    """The Site of the build under way, for the hooks."""
    return plugin_of(config).state.current()


class GeneratedFile(File):
    """A file the converter made. For MkDocs' dirty rebuilds it counts as
    modified only when its text changed since the last build (MkDocs takes
    every generated file for modified)."""

    changed = True

    def is_modified(self) -> bool:
        # not stat'ed one by one (17,000 files at 10,000 cards): a kept file was
        # written by the last build into a site folder still there (_still_written)
        return self.changed


def _still_written(files: dict[str, File]) -> bool:
    """The last build's files still lie in its site folder (MkDocs' own
    temporary one under `mkdocs serve`), as far as one of them tells."""
    one = next(iter(files.values()), None)
    return one is not None and os.path.isfile(one.abs_dest_path)


def _layout(config) -> tuple:
    """What a File's URL and a Page's links and navigation are made from."""
    return (config.docs_dir, config.site_dir, config.site_url, config.use_directory_urls, config.repo_url,
            config.edit_uri, config.edit_uri_template, repr(config.nav))
