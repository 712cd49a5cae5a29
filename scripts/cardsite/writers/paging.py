"""Long lists cut into pages, and the line that links the pages together:
what keeps deck, tag, A–Z and glossary pages from growing with the corpus."""

from __future__ import annotations


def chunked(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def pager(targets: list[str], current: int) -> str:
    """`Pages: [1](…) · **2** · [3](…)` as a Markdown paragraph, or "" when
    there is one page; targets are the pages' links, in order."""
    if len(targets) < 2:
        return ""
    links = [f"**{i + 1}**" if i == current else f"[{i + 1}]({t})" for i, t in enumerate(targets)]
    return "Pages: " + " · ".join(links) + "\n{ .deck-pager data-search-exclude }\n"
