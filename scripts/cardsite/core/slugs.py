"""ASCII slugs for URLs: pinyin for Chinese, words for everything else."""

from __future__ import annotations

import re
import unicodedata
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


@lru_cache(maxsize=None)  # pinyin is slow and the same names come back
def slugify(text: str, fallback: str = "entry") -> str:
    text = pinyin_words(text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0]
    return slug or fallback
