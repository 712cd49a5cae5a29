"""Installable and readable offline: every page links the web app manifest
(written here from mkdocs.yml, with icons drawn here), and the service worker
(docs/assets/sw.js, published here at the site's root, the only place from
which it may serve every page), which assets/offline.js registers, serves
what was kept when the network is gone (README, "Offline")."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import struct
import zlib
from pathlib import Path

from mkdocs.structure.files import File

from cardsite.run.plugin import plugin_of
from cardsite.core import urls

MANIFEST, ICONS = urls.MANIFEST, urls.ICONS
THEME = (0x35, 0x45, 0xA0)  # the buttons' colour (--cards-action in assets/cards.css)
THEME_HEX = "#" + "".join(f"{c:02x}" for c in THEME)


WORKER = urls.WORKER_SOURCE
BUILD_MARK = "__CARDSITE_BUILD__"


def on_files(files, config):
    worker = files.get_file_from_path(WORKER)
    if worker is not None:
        files.remove(worker)
        script = Path(worker.abs_src_path).read_text(encoding="utf-8").replace(BUILD_MARK, _build_id(files, config), 1)
        files.append(File.generated(config, urls.WORKER, content=script))
    return files


def on_post_page(output, page, config):
    root = urls.up(page.url)
    tags = (f'<link rel="manifest" href="{root}{MANIFEST}">'
            f'<meta name="theme-color" content="{THEME_HEX}">')
    return output.replace("</head>", tags + "</head>", 1)


def on_post_build(config):
    site = Path(config.site_dir)
    manifest = {
        "name": config.site_name, "short_name": _short(config.site_name),
        "description": config.site_description or "",
        "start_url": "./", "scope": "./", "display": "standalone",
        "background_color": "#ffffff", "theme_color": THEME_HEX,
        "icons": [{"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
                  for size, path in ICONS.items()],
    }
    (site / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    for size, path in ICONS.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(_icon(size))


def _build_id(files, config) -> str:
    """What this build publishes, in a few characters: what the converter made
    its pages, data and media from (the conversion's own fingerprint: sources,
    code, options; not the generated files hashed again), the site's own files,
    and the versions of the theme and of the npm packages served (KaTeX,
    Pagefind, fsrs-browser). The same sources and code give the same id,
    wherever built."""
    digest = hashlib.sha256(importlib.metadata.version("mkdocs-material").encode())
    lock = Path(config.config_file_path).parent / "package-lock.json"
    digest.update(lock.read_bytes() if lock.is_file() else b"")
    digest.update(plugin_of(config).state.made_from.encode())
    for file in sorted((f for f in files if f.abs_src_path and not f.generated_by), key=lambda f: f.src_uri):
        digest.update(f"\0{file.src_uri}\0".encode() + Path(file.abs_src_path).read_bytes())
    return digest.hexdigest()[:16]


def _short(name: str, limit: int = 12) -> str:
    """The name under an installed icon: whole words, as many as fit."""
    words, short = name.split(), ""
    for word in words:
        if len(f"{short} {word}".strip()) > limit:
            break
        short = f"{short} {word}".strip()
    return short or name[:limit]


def _icon(size: int) -> bytes:
    """A flash card on the theme colour, as a PNG: a white card, a line of text."""
    theme, white = bytes(THEME), b"\xff\xff\xff"
    card_x, card_y = (int(size * 0.2), int(size * 0.8)), (int(size * 0.28), int(size * 0.72))
    line_x, line_y = (int(size * 0.3), int(size * 0.7)), (int(size * 0.47), int(size * 0.53))
    plain = theme * size
    card = theme * card_x[0] + white * (card_x[1] - card_x[0]) + theme * (size - card_x[1])
    lined = (theme * card_x[0] + white * (line_x[0] - card_x[0]) + theme * (line_x[1] - line_x[0])
             + white * (card_x[1] - line_x[1]) + theme * (size - card_x[1]))
    rows = b"".join(b"\x00" + (lined if line_y[0] <= y < line_y[1] else card if card_y[0] <= y < card_y[1] else plain)
                    for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
