"""Put generated pages on disk: only what changed is written, what is no
longer generated is removed, nothing lands outside the output folder."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from ..core.urls import GENERATED_FOLDERS  # folders under docs/ that belong to the converter (git-ignores them too)


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    changed: list[str] = field(default_factory=list)  # what was written, in order


def write_tree(out: Path, files: dict[str, str | bytes]) -> WriteStats:
    """Paths are checked as text, and the folders listed once: on a slow file
    system a stat, resolve or mkdir per file costs more than the writing."""
    out = out.resolve()
    stats = WriteStats()
    existing = _files_under(out)
    made: set[Path] = set()
    for rel, content in sorted(files.items()):
        if not _inside_generated(rel):
            raise ValueError(f"refusing to write outside the generated folders: {rel}")
        path = out / rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        if rel in existing and path.read_bytes() == data:
            stats.unchanged += 1
            continue
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
        stats.written += 1
        stats.changed.append(rel)
    for rel in sorted(existing - files.keys()):
        (out / rel).unlink()
        stats.removed += 1
    if stats.removed:
        _remove_empty_folders(out)
    return stats


def _inside_generated(rel: str) -> bool:
    """A relative path, normalised already, under one of our folders: no
    '..', no absolute path, no empty or dot segments."""
    parts = rel.split("/")
    return (len(parts) >= 2 and parts[0] in GENERATED_FOLDERS and posixpath.normpath(rel) == rel
            and not any(part in ("", ".", "..") for part in parts) and "\\" not in rel and "\x00" not in rel)


def _files_under(out: Path) -> set[str]:
    found = set()
    for folder in GENERATED_FOLDERS:
        for root, _, names in os.walk(out / folder):
            base = Path(root).relative_to(out).as_posix()
            found.update(f"{base}/{name}" for name in names)
    return found


def _remove_empty_folders(out: Path) -> None:
    for folder in GENERATED_FOLDERS:
        for root, _, _ in os.walk(out / folder, topdown=False):  # deepest first
            if Path(root) != out / folder and not os.listdir(root):
                os.rmdir(root)
