"""What HTML and which URLs survive, for everything the site shows: the one
place that decides it. Sources' HTML fields are cleaned with nh3 on the way
in (cardsite.markup.html_markdown); every card's rendered HTML is cleaned again on
the way out (cardsite.site.card_html); and every page's content passes `clean_page`
once Markdown has rendered it, whatever writer made it (hooks/html_gate.py),
as every piece of data the browser turns into markup passes `clean_rendered`
(the quiz's cards). So nothing outside this allow-list reaches a reader,
whichever stage forgot to escape something."""

from __future__ import annotations

import html
import re
import secrets

import nh3

# design.md: keep these in sources' HTML, everything else becomes text.
INLINE_TAGS = {"br", "b", "i", "strong", "em", "code", "sub", "sup", "img"}
# Block tags nh3 may keep so that we can turn them into line breaks and lists.
STRUCTURE_TAGS = {"div", "p", "ul", "ol", "li", "pre", "span"}
IMG_ATTRIBUTES = {"src", "alt", "title"}
SAFE_SCHEMES = {"http", "https", "mailto"}
SITE_SCHEME = "site"  # the site's own links in rendered cards (cardsite.core.urls)

# What the site's Markdown makes of a card: the tags and attributes its
# extensions write (tables, code highlighting, math markup, headings with
# ids, lists, links, images). No style, no script, no event handlers.
RENDERED_TAGS = INLINE_TAGS | STRUCTURE_TAGS | {
    "a", "abbr", "blockquote", "dd", "del", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ins", "kbd",
    "mark", "s", "small", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "audio"}
RENDERED_ATTRIBUTES = {
    "*": {"class"}, "a": {"href", "title"}, "img": IMG_ATTRIBUTES | {"width", "height"}, "ol": {"start"},
    "td": {"style"}, "th": {"style"}, **{f"h{n}": {"id"} for n in range(1, 7)},
    "span": {"data-cloze", "title"}, "div": {"data-cloze", "title"}, "audio": {"src", "controls", "preload"}}


# What the site's own writers add to a page around the cards: buttons, the
# quiz's mount point and its places (data-*), headings' permalinks, ARIA.
PAGE_TAGS = RENDERED_TAGS | {"button", "nav", "section", "details", "summary", "figure", "figcaption", "source"}
PAGE_ATTRIBUTES = {
    **RENDERED_ATTRIBUTES,
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby"},
    "a": {"href", "title", "download"}, "button": {"type"}, "source": {"src", "type"}}
# A JSON data island is inert (the browser never runs it) once nothing in it
# can end the element: the quiz page carries its first cards so.
_JSON_ISLAND = re.compile(r'<script type="application/json" id="[A-Za-z0-9_-]+">[^<]*</script>')


def is_safe_url(url: str) -> bool:
    """Relative URLs and http(s)/mailto only; entities and control characters
    are decoded first, the way a browser would."""
    # a Markdown link's <…> around its URL may arrive escaped (&lt;…&gt;): a browser would not strip it, Markdown does
    plain = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url)).lower().lstrip("<")
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", plain)
    return scheme is None or scheme.group(1) in SAFE_SCHEMES


def clean_img_tag(raw: str) -> str:
    cleaned = nh3.clean(raw, tags={"img"}, attributes={"img": IMG_ATTRIBUTES | {"width", "height"}},
                        url_schemes=SAFE_SCHEMES)
    return cleaned if cleaned.startswith("<img") else ""


def clean_field_html(fragment: str) -> str:
    """A source's HTML field with only the allow-listed tags left."""
    return nh3.clean(fragment, tags=INLINE_TAGS | STRUCTURE_TAGS | {"a"}, clean_content_tags={"script", "style"},
                     attributes={"img": IMG_ATTRIBUTES, "a": {"href"}}, link_rel=None, url_schemes=SAFE_SCHEMES,
                     strip_comments=True)


def clean_rendered(fragment: str) -> str:
    """Rendered card HTML within the site's allow-list (RENDERED_*): what
    the Markdown extensions write passes, anything a source smuggled past the
    Markdown sanitiser does not."""
    return _rendered_html(fragment, RENDERED_TAGS, RENDERED_ATTRIBUTES, SAFE_SCHEMES | {SITE_SCHEME})


def clean_page(fragment: str) -> str:
    """A page's content (its HTML once Markdown has rendered it) within the
    page allow-list: the one gate every page passes, whatever made it."""
    islands = _JSON_ISLAND.findall(fragment)
    mark = f"cardsite-island-{secrets.token_hex(8)}-"  # text no content can guess
    for n, island in enumerate(islands):
        fragment = fragment.replace(island, f"{mark}{n}", 1)
    cleaned = _rendered_html(fragment, PAGE_TAGS, PAGE_ATTRIBUTES, SAFE_SCHEMES, generic_attribute_prefixes={"data-"})
    for n, island in reversed(list(enumerate(islands))):  # island-1 before island-10 would match it
        cleaned = cleaned.replace(f"{mark}{n}", island, 1)
    return cleaned


def _rendered_html(fragment: str, tags, attributes, schemes, **more) -> str:
    """HTML that Markdown rendered, within an allow-list: scripts and styles
    go with their content, comments go, tables keep only their alignment."""
    return nh3.clean(fragment, tags=tags, clean_content_tags={"script", "style"}, attributes=attributes,
                     filter_style_properties={"text-align"}, link_rel=None, url_schemes=schemes,
                     strip_comments=True, **more)
