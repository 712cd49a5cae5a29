"""A rendered field's tree in the form Anki reads (for the exports,
cardsite.site.exports): math as the bare \\(…\\) and \\[…\\] of Anki's
MathJax, deletions as {{cN::…::hint}}, images by their bare file name and
sounds as [sound:x.mp3] (Anki looks both up in its media folder, which may
hold a file the site lacked), links to the site absolute under site_url, or
their text when there is none."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from urllib.parse import unquote

from ..core import urls
from ..markup import cloze
from ..markup.card_syntax import MISSING, MISSING_FILE, MISSING_KIND
from ..markup.tree import matching, replace_by_text, unwrap

_MEDIA = urls.site_link(urls.MEDIA + "/")
# superfences' highlighted code, which it stashes as HTML: never a node of the tree
_HIGHLIGHTED = re.compile(r'<div class="highlight"><pre>(?:<span></span>)?(.*?)</pre></div>', re.S)


def needs_anki_form(root: etree.Element) -> bool:
    """Whether the field holds anything Anki writes otherwise than the page does."""
    return any(_differs(el) for el in root.iter())


def to_anki(root: etree.Element, site_url: str) -> etree.Element:
    cloze.to_anki(root)
    for parent, el in matching(root, _differs):
        if el.get("class") == "arithmatex":
            unwrap(parent, el)
        elif el.get("class") == MISSING:
            if el.get(MISSING_KIND) == "image":  # the placeholder (text only) becomes the image
                el.tag, el.attrib, el.text = "img", {"src": el.get(MISSING_FILE, "")}, None
            else:
                replace_by_text(parent, el, f"[sound:{el.get(MISSING_FILE, '')}]")
        elif el.tag == "a":
            if site_url:
                el.set("href", site_url.rstrip("/") + "/" + el.get("href").removeprefix(urls.SITE))
            else:
                unwrap(parent, el)
        elif el.get("src", "").startswith(_MEDIA):
            name = unquote(el.get("src").removeprefix(_MEDIA))
            if el.tag == "img":
                el.set("src", name)
            else:
                replace_by_text(parent, el, f"[sound:{name}]")
        elif site_url:  # another file of the site
            el.set("src", site_url.rstrip("/") + "/" + el.get("src").removeprefix(urls.SITE))
    return root


def code_as_text(html: str) -> str:
    """Code keeps its text, not the highlighter's colour spans (Anki has no stylesheet for them)."""
    if "highlight" not in html:
        return html
    return _HIGHLIGHTED.sub(lambda m: "<pre>" + re.sub(r"</?span[^>]*>", "", m.group(1)) + "</pre>", html)


def _differs(el: etree.Element) -> bool:
    return (el.get("class") in ("arithmatex", MISSING, "cloze")
            or (el.tag == "a" and el.get("href", "").startswith(urls.SITE))
            or (el.tag in ("img", "audio") and el.get("src", "").startswith(urls.SITE)))
