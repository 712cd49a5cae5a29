"""Every deck, every tag and the whole site as downloads, beside their pages:
an Anki text file (`cards.txt`: #separator:tab, #html:true, GUID, tags and
deck columns) and `cards.json` — /decks/<deck>/, /tags/<tag>/, and /decks/
for all cards. Cards come from the rendered deck pages before hooks/math.py
swaps formulas for KaTeX (this hook is listed first): Anki shows \\(…\\) and
\\[…\\] with its own MathJax. Links to the site become absolute (or text when
there is no site_url); images become bare file names, as Anki's media
folder expects."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin

from cardsite.cards import is_local
from cardsite.deck_html import by_deck, cards_in, deck_page_key, in_source_order
from cardsite.katex import ARITHMATEX
from cardsite.writers.pages import TAG_URLS

COLUMNS = ["Front", "Back", "Extra", "Attribution", "Tags", "Deck", "GUID"]
FORMAT = "cardsite-cards"
_pages: dict[tuple[str, int], list[dict]] = {}
_LINK = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)
_IMAGE_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')
_MISSING_IMAGE = re.compile(r'<span class="missing-media">missing image: ([^<]*)</span>')
_HIGHLIGHTED = re.compile(r'<div class="highlight"><pre>(?:<span></span>)?(.*?)</pre></div>', re.S)


def on_pre_build(config):
    _pages.clear()


def on_page_content(content, page, config, files):
    key = deck_page_key(page.file.src_uri, page.url)
    if key:
        page_url = urljoin(config.site_url or "", page.url)
        _pages[key] = [_exported(card, page_url, bool(config.site_url)) for card in cards_in(content)]
    return content


def on_post_build(config):
    cards = in_source_order(_pages)
    _name_decks(cards)
    site = Path(config.site_dir)
    for deck, members in by_deck(cards).items():
        _write(site / "decks" / deck, members, {"deck": deck})
    _write(site / "decks", cards, {"all": True})
    by_tag: dict[str, list[dict]] = {}
    for card in cards:
        for tag in card["concept_tags"]:
            by_tag.setdefault(tag, []).append(card)
    tag_urls = Path(config.docs_dir) / TAG_URLS
    if tag_urls.is_file():
        for tag, url in json.loads(tag_urls.read_text(encoding="utf-8")).items():
            _write(site / url, by_tag.get(tag, []), {"tag": tag})


# --------------------------------------------------------------------------


def _exported(card, page_url: str, absolute: bool) -> dict:
    def anki(fragment: str) -> str:
        fragment = ARITHMATEX.sub(_mathjax, fragment)
        # code keeps its text, not the highlighter's colour spans (Anki has no stylesheet for them)
        fragment = _HIGHLIGHTED.sub(lambda m: "<pre>" + re.sub(r"</?span[^>]*>", "", m.group(1)) + "</pre>", fragment)
        fragment = _LINK.sub(lambda m: _link(m, page_url, absolute), fragment)
        # an image the site had no file for is still an image in Anki, whose media folder may hold it
        fragment = _MISSING_IMAGE.sub(lambda m: f'<img src="{m.group(1)}">', fragment)
        return _IMAGE_SRC.sub(lambda m: m.group(1) + _image(m.group(2)) + m.group(3), fragment).strip()

    data = card.data
    return {"id": data.get("card-id") or card.anchor, "deck": data.get("deck", ""), "deck_title": data.get("deck-title", ""),
            "kind": card.kind, "front": anki(card.front), "back": anki(card.answer), "extra": anki(card.extra),
            "attribution": data.get("attribution", ""), "tags": card.json_data("card-tags"),
            "concept": data.get("concept", ""), "concept_tags": card.json_data("tags"), "source": data.get("source", "")}


def _link(m: re.Match, page_url: str, absolute: bool) -> str:
    href, text = m.group(1), m.group(2)
    if re.match(r"(?:https?|mailto):", href):
        return f'<a href="{href}">{text}</a>'
    return f'<a href="{urljoin(page_url, href)}">{text}</a>' if absolute and not href.startswith("#") else text


def _mathjax(m: re.Match) -> str:
    inline = m.group("inline")
    return f"\\({inline}\\)" if inline is not None else f"\\[{m.group('block')}\\]"


def _image(src: str) -> str:
    return src.rsplit("/", 1)[-1] if is_local(src) else src


def _name_decks(cards: list[dict]) -> None:
    """Anki deck names: the deck titles, with the slug added where two decks
    share a title (Anki would merge them)."""
    titles: dict[str, set[str]] = {}
    for card in cards:
        titles.setdefault(card["deck_title"], set()).add(card["deck"])
    for card in cards:
        shared = len(titles[card["deck_title"]]) > 1
        card["deck_name"] = f"{card['deck_title']} ({card['deck']})" if shared else card["deck_title"]


def anki_tag(tag: str) -> str:
    """Anki tags cannot hold spaces."""
    return re.sub(r"\s+", "_", tag.strip())


ANKI_HEADER = ("#separator:tab\n#html:true\n#columns:" + "\t".join(COLUMNS) + "\n"
               f"#tags column:{COLUMNS.index('Tags') + 1}\n#deck column:{COLUMNS.index('Deck') + 1}\n"
               f"#guid column:{COLUMNS.index('GUID') + 1}\n")
PUBLIC = ("id", "deck", "deck_name", "kind", "front", "back", "extra", "attribution", "tags", "concept", "source")


def anki_row(card: dict) -> str:
    out = io.StringIO()
    # every field quoted: a row whose first field starts with # must not read as a comment
    csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_ALL).writerow(
        [card["front"], card["back"], card["extra"], card["attribution"], " ".join(map(anki_tag, card["tags"])),
         card["deck_name"], card["id"]])
    return out.getvalue()


def anki_text(cards: list[dict]) -> str:
    return ANKI_HEADER + "".join(_row(c, "anki", anki_row) for c in cards)


def _json(card: dict) -> str:
    return json.dumps({k: card[k] for k in PUBLIC}, ensure_ascii=False, separators=(",", ":"))


def _row(card: dict, kind: str, make) -> str:
    """A card's row in one format, made once however many files it goes to."""
    if kind not in card:
        card[kind] = make(card)
    return card[kind]


def _write(folder: Path, cards: list[dict], scope: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cards.txt").write_text(anki_text(cards), encoding="utf-8")
    head = json.dumps({"format": FORMAT, "version": 1, "scope": scope}, ensure_ascii=False)[:-1]
    body = ",\n".join(_row(c, "json", _json) for c in cards)
    (folder / "cards.json").write_text(f'{head}, "cards": [\n{body}\n]}}\n', encoding="utf-8")
