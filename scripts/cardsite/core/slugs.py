"""ASCII slugs for URLs: pinyin for Chinese, words for everything else."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import lru_cache

from pypinyin import lazy_pinyin
from pypinyin.constants import RE_HANS

MAX_LENGTH = 60

# Any character pypinyin reads as Han (its own class, wider than spans.CJK):
# text without one comes out of lazy_pinyin as it went in, so skip the call.
_HAN = re.compile(RE_HANS.pattern.removeprefix("^(?:").removesuffix(")+$"))


def pinyin_words(text: str) -> str:
    """Chinese in pinyin, words apart; everything else as it is."""
    return " ".join(lazy_pinyin(text)) if _HAN.search(text) else text


@lru_cache(maxsize=1 << 17)  # pinyin is slow and the same names come back
def slugify(text: str, fallback: str = "entry") -> str:
    text = pinyin_words(text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0]
    return slug or fallback


RESERVED = frozenset({"index"})  # in every folder, the page that lists it


def short_hash(text: str, length: int = 10) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def allocate(wanted: Mapping[Hashable, str], taken: Iterable[str] = (),
             first: Callable[[Hashable], object] = lambda key: 0) -> dict:
    """The one rule by which every folder (concepts, decks, tags) hands out
    slugs: each key gets the slug it wants, unless another key wants it too,
    the slug is reserved (RESERVED) or already taken. Of the keys wanting one
    slug, the one that sorts first (by `first`, then by the key's text) keeps
    it; every other gets `<slug>-<6 hex of its key>`. The result does not
    depend on the order of `wanted`: the same sources give the same URLs
    however their files are read."""
    by_slug: dict[str, list] = {}
    for key, slug in wanted.items():
        by_slug.setdefault(slug, []).append(key)
    used = set(taken) | RESERVED
    out = {}
    for slug in sorted(by_slug):
        for rank, key in enumerate(sorted(by_slug[slug], key=lambda k: (first(k), str(k)))):
            unique = slug if rank == 0 and slug not in used else f"{slug}-{short_hash(str(key), 6)}"
            out[key] = unique
        used.update(out[key] for key in by_slug[slug])
    return out
