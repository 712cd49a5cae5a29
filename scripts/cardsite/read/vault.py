"""Obsidian's own syntax as plain Markdown, for every Markdown reader: notes
come from vaults as people keep them.

  ![[image.png|200]]      the image, 200 pixels wide (or the missing-image placeholder)
  ![[Other note]]         the note's name (an embed the site cannot show)
  [[Note]], [[Note|label]], [[Note#Heading]]
                          left as they are: cardsite.graph.linking links them to the
                          concept of that name (or leaves the text)
  text ^block-id          the block id dropped
  > [!note] Title         an admonition (`!!! note "Title"`)
  $$ … $$ over blank lines  one formula: blank lines inside are dropped
  %% comment %%           dropped
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..markup.spans import fenced_lines

_IMAGE_EXTENSIONS = ("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "avif")
_EMBED = re.compile(r"!\[\[([^\[\]|#\n]+?)(?:#[^\[\]|\n]*)?(?:\|\s*([^\[\]\n]*?))?\s*\]\]")
_BLOCK_ID = re.compile(r"(?:^|[ \t]+)\^(?=[\w-]*[A-Za-z])[A-Za-z0-9-]+[ \t]*$", re.M)  # not "x ^2"
_COMMENT = re.compile(r"%%.*?%%", re.S)
_CALLOUT = re.compile(r"^>[ \t]*\[!([A-Za-z-]+)\]([+-]?)[ \t]*(.*)$")
_SIZE = re.compile(r"^(\d+)(?:\s*x\s*(\d+))?$")


def to_markdown(text: str) -> str:
    if "[[" not in text and "^" not in text and "%%" not in text and "[!" not in text and "$$" not in text:
        return text  # most entries
    out: list[str] = []
    lines = _COMMENT.sub("", text).split("\n")
    fenced = fenced_lines(lines)  # closed fences, as Markdown reads them: code, kept as it is
    in_math = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in fenced:
            out.append(line)
            i += 1
            continue
        if line.strip().count("$$") % 2:
            in_math = not in_math
        elif in_math and not line.strip():
            i += 1  # a blank line would end the formula's paragraph
            continue
        if not in_math and (callout := _CALLOUT.match(line)):
            body = []
            while i + 1 < len(lines) and lines[i + 1].startswith(">"):
                i += 1
                body.append(lines[i][1:].removeprefix(" "))
            kind, title = callout.group(1).lower(), callout.group(3).strip()
            out.append(f'!!! {kind} "{title}"' if title else f"!!! {kind}")
            out += ["    " + _inline(b) if b.strip() else "" for b in body] + [""]
            i += 1
            continue
        out.append(line if in_math else _inline(line))
        i += 1
    return "\n".join(out)


def _inline(line: str) -> str:
    if "[[" in line:
        line = _EMBED.sub(_embed, line)
    return _BLOCK_ID.sub("", line) if "^" in line else line


def _embed(m: re.Match) -> str:
    name, option = m.group(1).strip(), (m.group(2) or "").strip()
    if name.rsplit(".", 1)[-1].lower() not in _IMAGE_EXTENSIONS:
        return name  # another note, a PDF…: its name
    size = _SIZE.match(option)
    width = f' width="{size.group(1)}"' if size else ""
    height = f' height="{size.group(2)}"' if size and size.group(2) else ""
    alt = option if option and not size else name
    return f'<img src="{quote(name)}" alt="{_attribute(alt)}"{width}{height}>'


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
