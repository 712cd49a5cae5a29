"""Chinese word recall of a built site's search index: every 2–4 character
word a concept page shows (cut by jieba, a segmenter of its own), searched with
the site's own Pagefind index in a browser page. The benchmark reports it; the
search tests hold it to a floor."""

from __future__ import annotations

import gzip
import html.parser
import json
import re
from pathlib import Path


class _ConceptText(html.parser.HTMLParser):
    """What a concept page shows of its concept: the name, the Chinese term
    and the cards' text (not the page's tags, card footers, footnote marks,
    backlinks or related concepts, which name other pages)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, whether its text counts)

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        counting = self.stack[-1][1] if self.stack else False
        if tag == "h1" or "concept-zh" in classes or "flashcard" in classes:
            counting = True
        if "flashcard-meta" in classes or tag in ("sup", "strong") and self.stack and "zh" in self.stack[-1][0]:
            counting = False
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            self.stack.append((tag + (" zh" if "concept-zh" in classes else ""), counting))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0].split()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1]:
            self.parts.append(data)


def chinese_words(site: Path) -> dict[str, set[str]]:
    """Every Chinese word of 2 to 4 characters (as jieba, a segmenter of its
    own, cuts the text) that a concept page shows of its concept → the
    addresses of the pages it occurs on."""
    import jieba

    jieba.setLogLevel(60)
    found: dict[str, set[str]] = {}
    for path in sorted(site.glob("concepts/*/index.html")):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text[:600]:
            continue  # a redirect, not a page
        reader = _ConceptText()
        reader.feed(text[text.find("<article"):text.find("</article>")])
        url = "/" + path.parent.relative_to(site).as_posix() + "/"
        for run in re.findall(r"[\u4e00-\u9fff]+", " ".join(reader.parts)):
            for word in jieba.cut(run):
                if 2 <= len(word) <= 4:
                    found.setdefault(word, set()).add(url)
    return found


def chinese_recall(page, site: Path, root: str, sample: int = 300) -> tuple[float, int, list[str]]:
    """(share of word-page pairs found, pairs tried, a few misses): up to
    `sample` Chinese words of the concept pages (chinese_words), each searched
    with the site's Pagefind index in `page` (open on `site`, served at
    `root`); a pair is found when its page is among the word's results."""
    import random

    words = chinese_words(site)
    chosen = sorted(words) if len(words) <= sample else sorted(random.Random(1).sample(sorted(words), sample))
    # a result is a fragment id; the fragment (gzip, "pagefind_dcd" then JSON) says its address
    url_of = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        url_of[fragment.name.removesuffix(".pf_fragment")] = json.loads(data)["url"]
    found = page.evaluate("""async ([root, words]) => {
        const pf = await import(root + "/pagefind/pagefind.js");
        await pf.init();
        const ids = {};
        for (const word of words) ids[word] = (await pf.search(word)).results.map(r => r.id);
        return ids;
    }""", [root.rstrip("/"), chosen])
    pairs = hits = 0
    misses = []
    for word in chosen:
        got = {url_of.get(i) for i in found[word]}
        for url in sorted(words[word]):
            pairs += 1
            if url in got:
                hits += 1
            elif len(misses) < 10:
                misses.append(f"{word} {url}")
    return hits / max(pairs, 1), pairs, misses
