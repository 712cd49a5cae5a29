"""The Site of the MkDocs build under way: made by hooks/convert_sources.py,
read by the hooks that need more than their own page (tag links, search
names). It lives in this module, not in a hook, because MkDocs loads the
hooks afresh for every `mkdocs serve` rebuild: kept here, a rebuild whose
sources did not change reuses it."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from .pipeline import Options, Site, build_site, fingerprint
from .reuse import Reuse

_current: Site | None = None
_made_from: str = ""
_built: dict[str, str] | None = None  # the generated files of the last finished build
dirty = False  # `mkdocs serve --dirty`: rebuilds render only what changed
serving = False  # `mkdocs serve`: rebuilds take over what the build before made
_reuse = Reuse()


def build(sources: Path, options: Options) -> tuple[Site, bool]:
    """The Site for these sources and options, and whether it was reused."""
    global _current, _made_from
    key = fingerprint(sources, options)
    if _current is not None and key == _made_from:
        return _current, True
    if serving:
        # What a rebuild keeps (cardsite.reuse) and MkDocs' own build are
        # millions of objects, which every full pass of the cyclic garbage
        # collector walks: 0.4 s a pass, several passes a rebuild at 10,000
        # cards. Under `mkdocs serve` the collector pauses until a rebuild
        # is served (built()); reference counting still frees most garbage.
        gc.disable()
    _current, _made_from = build_site(sources, options, _reuse if serving else None), key
    return _current, False


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
    gc.collect()
    gc.enable()


def previous_files() -> dict[str, str] | None:
    """The generated files of the last finished build in this process, if any."""
    return _built
