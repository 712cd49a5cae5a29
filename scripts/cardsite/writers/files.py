"""Put generated pages on disk: only what changed is written, what is no
longer generated is removed, nothing lands outside the output folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Folders under docs/ that belong to the converter (git-ignores them too).
GENERATED_FOLDERS = ("concepts", "decks", "tags", "media", "report", "glossary", "quiz", "az")


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def write_tree(out: Path, files: dict[str, str | bytes]) -> WriteStats:
    out = out.resolve()
    stats = WriteStats()
    for rel, content in sorted(files.items()):
        path = (out / rel).resolve()
        if out not in path.parents or not rel.startswith(tuple(f + "/" for f in GENERATED_FOLDERS)):
            raise ValueError(f"refusing to write outside the generated folders: {rel}")
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.is_file() and path.read_bytes() == data:
            stats.unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        stats.written += 1
    for folder in GENERATED_FOLDERS:
        stats.removed += _remove_stale(out / folder, out, files)
    return stats


def _remove_stale(folder: Path, out: Path, files: dict) -> int:
    removed = 0
    if not folder.is_dir():
        return 0
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(out).as_posix() not in files:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
