"""A–Z for every index: the first letter of a title (pinyin for Chinese,
"#" for the rest), a sort key, and the heading anchor of a letter."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import lazy_pinyin

from ..core.slugs import pinyin_words
from ..markup.spans import is_cjk


def index_letter(title: str) -> str:
    for ch in title:
        if ch.isascii() and ch.isalpha():
            return ch.upper()
        if is_cjk(ch):
            return lazy_pinyin(ch)[0][:1].upper() or "#"
        if ch.isalnum():
            return "#"
    return "#"


@lru_cache(maxsize=1 << 17)  # the same titles are sorted in many indexes
def sort_key(title: str) -> str:
    return pinyin_words(title).casefold()


def letter_anchor(letter: str) -> str:
    return "other" if letter == "#" else f"letter-{letter.lower()}"
