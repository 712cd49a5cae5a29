"""KaTeX at build time: one Node process for the whole build (started on first
use, shared by the converter and hooks/math.py, reused across `mkdocs serve`
rebuilds), every distinct formula rendered once."""

from __future__ import annotations

import atexit
import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "katex_render.mjs"
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
# arithmatex's generic markup in rendered pages, which hooks/math.py turns into
# KaTeX and hooks/exports.py into Anki's MathJax delimiters
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])</(?P=tag)>', re.S)
MISSING = ("math needs Node.js and KaTeX: install Node.js (e.g. `apt-get install nodejs npm`), "
           "then run `npm ci` in {root}")


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
                for formula, answer in zip(missing, answers):
                    self._cache[formula] = (answer.get("html"), answer.get("error"))
            return {f: self._cache[f] for f in wanted}

    def _start(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            node = shutil.which("node")
            if node is None or not (KATEX_DIST / "katex.mjs").is_file():
                raise KatexUnavailable(MISSING.format(root=ROOT))
            self._process = subprocess.Popen([node, str(SCRIPT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             text=True, encoding="utf-8", cwd=ROOT, bufsize=1)
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
