"""The project's npm packages (`npm ci` puts them in node_modules/): found
in the project folder (where mkdocs.yml is) or a folder above it, so that a
build works the same installed with `pip install .` as from a checkout."""

from __future__ import annotations

from pathlib import Path


def package_dir(name: str, project: Path, marker: str = "package.json") -> Path:
    """node_modules/<name> in `project` or the first folder above it that has
    one (with `marker` in it); where none is, the project's own path (for the
    message to run `npm ci` there)."""
    start = project.resolve()
    for folder in (start, *start.parents):
        package = folder / "node_modules" / name
        if (package / marker).is_file():
            return package
    return start / "node_modules" / name
