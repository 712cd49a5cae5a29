"""ASCII slugs for URLs: pinyin for Chinese, words for everything else."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import lazy_pinyin

MAX_LENGTH = 60


@lru_cache(maxsize=None)  # pinyin is slow and the same names come back
def slugify(text: str, fallback: str = "entry") -> str:
    text = " ".join(lazy_pinyin(text))  # leaves non-Chinese text as it is
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0]
    return slug or fallback
