"""What a clean chat preview (og:description) must not hold, shared by the
seed site's test (built HTML) and the real exports' (front matter)."""

import re

CHECKS = {
    "a list marker or numbering": r"^\s*(?:[*+-]|\d+\\?[.)])\s",
    "a Markdown escape": r"\\[\\`*_{}\[\]()#+\-.!|]",
    "a web address": r"https?://|www\.",
    "a source line": r"(?i)\bsource\s*:",
    "Markdown link or image": r"\]\(",  # "![number]" alone is bash history, as the user typed it
    "emphasis or code marks": r"\*\*|(?<!_)__(?!_)|`",  # "a ___ walked in" is a blank, not markup
    "TeX": r"\$|\\[a-zA-Z]{2,}",
    "a placeholder": r"missing (?:image|audio)|missing-media",
    "look-alikes": r"[‹›“”＆]",
}


def preview_problems(text: str, limit: int = 200) -> list[str]:
    found = [name for name, pattern in CHECKS.items() if re.search(pattern, text)]
    if not text.strip() or len(text) > limit:
        found.append(f"length {len(text)}")
    return found
