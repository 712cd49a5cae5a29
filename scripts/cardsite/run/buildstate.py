"""What the MkDocs build under way has made, and what `mkdocs serve`
rebuilds share: one BuildState, owned by the cardsite plugin (plugin.py),
which MkDocs keeps for the whole `mkdocs serve` session. It holds the Site
(read by the hooks that need more than their own page), the conversion
started as a source is saved (build_ahead), MkDocs' files of the last build
(kept_files) and the theme's compiled templates."""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

import jinja2

from .pipeline import Options, Site, build_site, fingerprint
from .reuse import Reuse

UNCHANGED, AHEAD, CONVERTED = "sources unchanged", "converted as the source was saved", "converted"
SETTLE = 0.05  # seconds an editor may take to write a file in several steps
COLLECT_AFTER = 2.0  # seconds: once the browser has the new page


class BuildState:
    def __init__(self, serving: bool = False, dirty: bool = False) -> None:
        self.serving = serving  # `mkdocs serve`: rebuilds take over what the build before made
        self.dirty = dirty  # `--dirty`: rebuilds render only what changed
        self._current: Site | None = None
        self._made_from = ""
        self._built: dict[str, str] | None = None  # the generated files of the last finished build
        self._reuse = Reuse()
        self._lock = threading.Lock()  # one conversion at a time: MkDocs' build, or one started ahead of it
        self._options: Options | None = None  # those of the last build: a conversion started ahead uses them
        self._ahead: tuple[str, Site] | None = None  # (fingerprint, Site) converted ahead, for the next build
        # MkDocs' File of each generated file in the last build, and what their
        # URLs were made from: a dirty rebuild keeps the unchanged ones
        self.kept_files: dict = {}
        self.kept_layout: tuple | None = None
        self.compiled_templates = CompiledTemplates()

    def build(self, sources: Path, options: Options) -> tuple[Site, str]:
        """The Site for these sources and options, and how it came: the one
        before (UNCHANGED), the one converted ahead (AHEAD) or a new one."""
        with self._lock:
            self._options = options
            key = fingerprint(sources, options)
            if self._current is not None and key == self._made_from:
                return self._current, UNCHANGED
            if self._ahead is not None and self._ahead[0] == key:  # converted while MkDocs' watcher was yet to notice
                (self._made_from, self._current), self._ahead = self._ahead, None
                return self._current, AHEAD
            self._current, self._made_from = self._convert(sources, options), key
            return self._current, CONVERTED

    def build_ahead(self, sources: Path) -> None:
        """A source was saved under `mkdocs serve`: convert it now, while MkDocs'
        own watcher, which polls twice a second, is yet to notice; its build
        then takes this Site (build()). The Site of the build under way, if
        any, stays as it is."""
        with self._lock:
            if self._options is None or self._current is None:
                return  # the first build is not done
            key = fingerprint(sources, self._options)
            if key == self._made_from or (self._ahead is not None and self._ahead[0] == key):
                return
            self._ahead = key, self._convert(sources, self._options)

    def _convert(self, sources: Path, options: Options) -> Site:
        if not self.serving:
            return build_site(sources, options, None)
        # What a rebuild keeps (reuse.py) and MkDocs' own build are millions of
        # objects, which every full pass of the cyclic garbage collector walks:
        # 0.4 s a pass, several passes a rebuild at 10,000 cards. Under `mkdocs
        # serve` the collector pauses until a rebuild is served (built());
        # reference counting still frees most garbage. A conversion that fails
        # turns it back on at once.
        gc.disable()
        try:
            return build_site(sources, options, self._reuse)
        except BaseException:
            gc.enable()
            raise

    def watch(self, sources: Path) -> None:
        """Under `mkdocs serve`: convert ahead (build_ahead) as soon as a file in
        sources/ changes, told by the system's file events (watchdog, which
        MkDocs itself depends on)."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        changed = threading.Event()

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if not event.is_directory:
                    changed.set()

        def convert_when_changed() -> None:
            while True:
                changed.wait()
                time.sleep(SETTLE)
                changed.clear()
                try:
                    self.build_ahead(sources)
                except Exception:  # MkDocs' own build reports it
                    pass

        observer = Observer()
        observer.schedule(Handler(), str(sources), recursive=True)
        observer.daemon = True
        observer.start()
        threading.Thread(target=convert_when_changed, daemon=True, name="cardsite-convert-ahead").start()

    @property
    def made_from(self) -> str:
        """The fingerprint of what the current Site was made from (sources, code, options)."""
        self.current()
        return self._made_from

    def current(self) -> Site:
        if self._current is None:
            raise RuntimeError("no site yet: the cardsite plugin converts the sources first (on_pre_build)")
        return self._current

    def built(self, site: Site) -> None:
        """A build of this Site finished: the next one compares its files with these."""
        first = self._built is None
        self._built = site.files
        if self.serving and not gc.isenabled():
            if first:  # the first build is long anyway: collect now, not when the first edit comes
                self._collect()
                return
            timer = threading.Timer(COLLECT_AFTER, self._collect)
            timer.daemon = True
            timer.start()

    def _collect(self) -> None:
        if self._lock.acquire(blocking=False):  # never in the middle of a conversion: the next served build collects
            try:
                gc.collect()
                gc.enable()
            finally:
                self._lock.release()

    def previous_files(self) -> dict[str, str] | None:
        """The generated files of the last finished build in this process, if any."""
        return self._built


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates by name and source checksum, in memory
    (plugin.on_env)."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], object] = {}

    def load_bytecode(self, bucket) -> None:
        bucket.code = self._code.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket) -> None:
        self._code[(bucket.key, bucket.checksum)] = bucket.code

    def clear(self) -> None:
        self._code.clear()

