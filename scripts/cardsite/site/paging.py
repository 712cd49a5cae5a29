"""Long lists cut into pages, and the line that links the pages together:
what keeps deck, tag, A–Z and glossary pages from growing with the corpus."""

from __future__ import annotations


def chunked(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def chunked_by_weight(items: list, count: int, weight, limit: int) -> list[list]:
    """Pages of at most `count` items and, past their first item, at most
    `limit` in summed weight: a page of big items holds fewer of them."""
    pages: list[list] = [[]]
    total = 0
    for item in items:
        w = weight(item)
        if pages[-1] and (len(pages[-1]) >= count or total + w > limit):
            pages.append([])
            total = 0
        pages[-1].append(item)
        total += w
    return pages


def pager(targets: list[str], current: int) -> str:
    """`Pages: [1](…) · **2** · [3](…)` as a Markdown paragraph, or "" when
    there is one page; targets are the pages' links, in order."""
    if len(targets) < 2:
        return ""
    links = [f"**{i + 1}**" if i == current else f"[{i + 1}]({t})" for i, t in enumerate(targets)]
    return "Pages: " + " · ".join(links) + "\n{ .deck-pager }\n"
