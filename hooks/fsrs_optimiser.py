"""The quiz's "Optimise my schedule" runs the official FSRS optimiser
(fsrs-rs, compiled to WebAssembly: the npm package fsrs-browser) in the
reader's browser. This hook publishes that package's module, its WebAssembly
and the helper the module imports under assets/fsrs-browser/, from
node_modules/ (`npm ci`), as hooks/math.py does for KaTeX. The browser
fetches them only when the reader asks for an optimisation
(docs/assets/optimiser.js)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from cardsite.core import urls
from cardsite.core.npm import package_dir

PACKAGE = "fsrs-browser"


def on_files(files, config):
    package = package_dir(PACKAGE, Path(config.config_file_path).resolve().parent)
    if not (package / "fsrs_browser_bg.wasm").is_file():
        raise PluginError(f"{PACKAGE} is not installed: run `npm ci` in {package.parent.parent} (Node.js needed)")
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".js", ".wasm")):
        files.append(File.generated(config, f"{urls.FSRS_BROWSER}/{path.relative_to(package).as_posix()}",
                                    abs_src_path=str(path)))
    return files
