"""The Site of the MkDocs build under way: made by hooks/convert_sources.py,
read by the hooks that need more than their own page (tag links, search
names). It lives in this module, not in a hook, because MkDocs loads the
hooks afresh for every `mkdocs serve` rebuild: kept here, a rebuild whose
sources did not change reuses it. Under `mkdocs serve` it also holds what
rebuilds share: the conversion started as a source is saved (build_ahead),
MkDocs' files of the last build (kept_files) and the theme's compiled
templates (hooks/template_cache.py)."""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

import jinja2

from .pipeline import Options, Site, build_site, fingerprint
from .reuse import Reuse

_current: Site | None = None
_made_from: str = ""
_built: dict[str, str] | None = None  # the generated files of the last finished build
dirty = False  # `mkdocs serve --dirty`: rebuilds render only what changed
serving = False  # `mkdocs serve`: rebuilds take over what the build before made
_reuse = Reuse()
_lock = threading.Lock()  # one conversion at a time: MkDocs' build, or one started ahead of it
_options: Options | None = None  # those of the last build: a conversion started ahead uses them
_ahead: tuple[str, Site] | None = None  # (fingerprint, Site) converted ahead, for the next build
# hooks/convert_sources.py's MkDocs File of each generated file in the last
# build, and what their URLs were made from: a dirty rebuild keeps the unchanged
kept_files: dict = {}
kept_layout: tuple | None = None


UNCHANGED, AHEAD, CONVERTED = "sources unchanged", "converted as the source was saved", "converted"


def build(sources: Path, options: Options) -> tuple[Site, str]:
    """The Site for these sources and options, and how it came: the one
    before (UNCHANGED), the one converted ahead (AHEAD) or a new one."""
    global _current, _made_from, _options, _ahead
    with _lock:
        _options = options
        key = fingerprint(sources, options)
        if _current is not None and key == _made_from:
            return _current, UNCHANGED
        if _ahead is not None and _ahead[0] == key:  # converted while MkDocs' watcher was yet to notice
            (_made_from, _current), _ahead = _ahead, None
            return _current, AHEAD
        _pause_collector()
        _current, _made_from = build_site(sources, options, _reuse if serving else None), key
        return _current, CONVERTED


def build_ahead(sources: Path) -> None:
    """A source was saved under `mkdocs serve`: convert it now, while MkDocs'
    own watcher, which polls twice a second, is yet to notice; its build
    then takes this Site (build()). The Site of the build under way, if
    any, stays as it is."""
    global _ahead
    with _lock:
        if _options is None or _current is None:
            return  # the first build is not done
        key = fingerprint(sources, _options)
        if key == _made_from or (_ahead is not None and _ahead[0] == key):
            return
        _pause_collector()
        _ahead = key, build_site(sources, _options, _reuse)


def watch(sources: Path) -> None:
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
            time.sleep(SETTLE)  # an editor may write a file in several steps
            changed.clear()
            try:
                build_ahead(sources)
            except Exception:  # MkDocs' own build reports it
                pass

    observer = Observer()
    observer.schedule(Handler(), str(sources), recursive=True)
    observer.daemon = True
    observer.start()
    threading.Thread(target=convert_when_changed, daemon=True, name="cardsite-convert-ahead").start()


SETTLE = 0.05  # seconds


def _pause_collector() -> None:
    if serving:
        # What a rebuild keeps (cardsite.build.reuse) and MkDocs' own build are
        # millions of objects, which every full pass of the cyclic garbage
        # collector walks: 0.4 s a pass, several passes a rebuild at 10,000
        # cards. Under `mkdocs serve` the collector pauses until a rebuild
        # is served (built()); reference counting still frees most garbage.
        gc.disable()


def current() -> Site:
    if _current is None:
        raise RuntimeError("no site yet: hooks/convert_sources.py runs first (on_pre_build)")
    return _current


def built(site: Site) -> None:
    """A build of this Site finished: the next one compares its files with these."""
    global _built
    first = _built is None
    _built = site.files
    if serving and not gc.isenabled():
        if first:  # the first build is long anyway: collect now, not when the first edit comes
            _collect()
            return
        timer = threading.Timer(COLLECT_AFTER, _collect)  # once the browser has the new page
        timer.daemon = True
        timer.start()


COLLECT_AFTER = 2.0  # seconds


def _collect() -> None:
    if _lock.acquire(blocking=False):  # never in the middle of a conversion: the next served build collects
        try:
            gc.collect()
            gc.enable()
        finally:
            _lock.release()


def previous_files() -> dict[str, str] | None:
    """The generated files of the last finished build in this process, if any."""
    return _built


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates by name and source checksum, in memory
    (hooks/template_cache.py)."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], object] = {}

    def load_bytecode(self, bucket) -> None:
        bucket.code = self._code.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket) -> None:
        self._code[(bucket.key, bucket.checksum)] = bucket.code

    def clear(self) -> None:
        self._code.clear()


compiled_templates = CompiledTemplates()
