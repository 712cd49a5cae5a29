"""KaTeX at build time: one Node process for the whole build (started on first
use, shared by the converter and hooks/math.py, reused across `mkdocs serve`
rebuilds), every distinct formula rendered once.

KaTeX itself is the project's npm package (`npm ci` puts it in
node_modules/): it is looked for in the project folder (where mkdocs.yml is,
or the working folder), so the converter works the same installed with
`pip install .` as from a checkout."""

from __future__ import annotations

import atexit
import html
import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

from ..core.memo import bounded
from ..core.npm import package_dir

SCRIPT = Path(__file__).resolve().parent / "katex_render.mjs"
# arithmatex's generic markup in rendered pages, which hooks/math.py turns into
# KaTeX and hooks/exports.py into Anki's MathJax delimiters
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])</(?P=tag)>', re.S)
MISSING = ("math needs Node.js and KaTeX: install Node.js (e.g. `apt-get install nodejs npm`), "
           "then run `npm ci` in {root}")


_project_dist: Path | None = None  # set by use_project()


def katex_dist(project: Path | None = None) -> Path:
    """node_modules/katex/dist of the project: CARDSITE_KATEX if set, else the
    first node_modules with KaTeX in `project` (by default the one given to
    use_project(), else the working folder) and the folders above it. Where
    none is, the project's own path (for the message to run `npm ci` there)."""
    if os.environ.get("CARDSITE_KATEX"):
        return Path(os.environ["CARDSITE_KATEX"])
    if project is None and _project_dist is not None:
        return _project_dist
    return package_dir("katex", project or Path.cwd(), marker="dist/katex.mjs") / "dist"


def use_project(project: Path) -> None:
    """Look for KaTeX in this project from now on (the MkDocs hooks call it
    with the folder of mkdocs.yml, convert.py with that of its sources)."""
    global _project_dist
    _project_dist = katex_dist(project)


class KatexUnavailable(RuntimeError):
    pass


class KatexRenderer:
    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._cache: dict[tuple[str, bool], tuple[str | None, str | None]] = {}
        self._lock = threading.Lock()

    def render(self, tex: str, display: bool = False) -> tuple[str | None, str | None]:
        """(html, None) or (None, KaTeX's error message)."""
        return self.render_many([(tex, display)])[(tex, display)]

    def render_many(self, formulas) -> dict[tuple[str, bool], tuple[str | None, str | None]]:
        """All formulas at once: requests are written in one go and the
        answers read back in order, so a build pays one round trip."""
        wanted = list(dict.fromkeys((tex, bool(display)) for tex, display in formulas))
        with self._lock:
            missing = [f for f in wanted if f not in self._cache]
            if missing:
                process = self._start()
                payload = "".join(json.dumps({"tex": t, "display": d}) + "\n" for t, d in missing)
                answers = []
                writer = threading.Thread(target=self._write, args=(process, payload))
                writer.start()
                for _ in missing:
                    line = process.stdout.readline()
                    if not line:
                        raise KatexUnavailable("the KaTeX renderer stopped unexpectedly")
                    answers.append(json.loads(line))
                writer.join()
                found = {f: (a.get("html"), a.get("error")) for f, a in zip(missing, answers)}
                out = {f: found.get(f) or self._cache[f] for f in wanted}
                self._cache.update(found)
                bounded(self._cache)
                return out
            return {f: self._cache[f] for f in wanted}

    def _start(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            node = shutil.which("node")
            dist = katex_dist()
            if node is None or not (dist / "katex.mjs").is_file():
                raise KatexUnavailable(MISSING.format(root=dist.parents[2]))
            self._process = subprocess.Popen([node, str(SCRIPT), str(dist / "katex.mjs")], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
            atexit.register(self.close)
        return self._process

    @staticmethod
    def _write(process: subprocess.Popen, payload: str) -> None:
        process.stdin.write(payload)
        process.stdin.flush()

    def close(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.stdin.close()
            self._process.wait(timeout=10)
        self._process = None


_shared: KatexRenderer | None = None


def shared_renderer() -> KatexRenderer:
    global _shared
    if _shared is None:
        _shared = KatexRenderer()
    return _shared


def typeset(fragment: str, on_error=None) -> str:
    """HTML with arithmatex's math markup replaced by KaTeX's HTML: the one
    place that does it, for pages (hooks/math.py) and quiz cards alike. A
    formula KaTeX rejects is shown as code (the converter reports it with
    file:line); on_error(tex) is told about it."""
    found = list(ARITHMATEX.finditer(fragment))
    if not found:
        return fragment
    rendered = shared_renderer().render_many((_tex(m), m.group("block") is not None) for m in found)

    def swap(m: re.Match) -> str:
        tex = _tex(m)
        rendered_html, error = rendered[(tex, m.group("block") is not None)]
        if error:
            if on_error:
                on_error(tex)
            return f"<code>{html.escape(tex)}</code>"
        return rendered_html if m.group("inline") is not None else f'<div class="math-display">{rendered_html}</div>'

    return ARITHMATEX.sub(swap, fragment)


def mathjax(fragment: str) -> str:
    """HTML with arithmatex's markup as the bare \\(…\\) and \\[…\\] that Anki's MathJax reads."""
    def delimited(m: re.Match) -> str:
        inline = m.group("inline")
        return f"\\({inline}\\)" if inline is not None else f"\\[{m.group('block')}\\]"
    return ARITHMATEX.sub(delimited, fragment)


def _tex(m: re.Match) -> str:
    return html.unescape(m.group("inline") if m.group("inline") is not None else m.group("block")).strip()
