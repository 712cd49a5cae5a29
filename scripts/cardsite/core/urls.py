"""Where everything lives on the site: the one module that knows its URLs.

Every writer, hook and (through the data the build writes) front-end script
takes paths from here. Two forms of each place:

- the page's source path under docs/ (`concepts/softmax.md`), which is what
  MkDocs collects, and
- its URL relative to the site root (`concepts/softmax/`): MkDocs'
  directory URLs.

Card HTML is rendered once for every page that shows it, so links inside it
are written against the site root with the private scheme `site:`
(`site:concepts/softmax/`), and `localized()` turns them into relative URLs
for the page that embeds the card. Sources cannot produce `site:` links: the
sanitiser only lets http, https and mailto through.
"""

from __future__ import annotations

from urllib.parse import quote

SITE = "site:"  # root-relative link in card HTML; see localized()

# The generated parts of the site (folders under docs/ and the site root).
CONCEPTS, DECKS, TAGS, MEDIA, QUIZ, AZ, GLOSSARY, REPORT = (
    "concepts", "decks", "tags", "media", "quiz", "az", "glossary", "report")
GENERATED_FOLDERS = (CONCEPTS, DECKS, TAGS, MEDIA, REPORT, GLOSSARY, QUIZ, AZ)
QUIZ_CARDS = f"{QUIZ}/cards"  # the quiz's card chunks (JSON)
QUIZ_INDEX = f"{QUIZ_CARDS}/index.json"  # the list of those chunks
PREVIEW = "preview.json"  # beside each concept page: what a link preview shows of it
SEARCH = "pagefind"  # Pagefind's index, under the site root
SEARCH_LISTS = f"{SEARCH}/lists.json"  # the search box's deck and tag lists, with their counts
SEARCH_SCRIPT = f"{SEARCH}/pagefind.js"  # Pagefind's own script
SEARCH_FILES = (SEARCH_SCRIPT, f"{SEARCH}/pagefind-entry.json", SEARCH_LISTS)  # what a search loads first
SITEMAP = "sitemap.xml"
WORKER = "sw.js"  # the service worker, at the root so that its scope is the whole site
# The site's own scripts (docs/assets/) the quiz starts by URL, and the FSRS
# optimiser's npm package published beside them (hooks/fsrs_optimiser.py)
ASSETS = "assets"
FSRS_SCRIPT, OPTIMISER_SCRIPT = f"{ASSETS}/fsrs.js", f"{ASSETS}/optimiser.js"
FSRS_BROWSER = f"{ASSETS}/fsrs-browser"
FSRS_BROWSER_MODULE = f"{FSRS_BROWSER}/fsrs_browser.js"
KATEX = f"{ASSETS}/katex"  # KaTeX's stylesheet and fonts, from its npm package (hooks/math.py)
KATEX_CSS = f"{KATEX}/katex.min.css"
KATEX_FONTS = f"{KATEX}/fonts"
MANIFEST = "manifest.json"  # the web app manifest (.json: every static host sends it with a type browsers take)
ICONS = {192: f"{ASSETS}/icon-192.png", 512: f"{ASSETS}/icon-512.png"}
WORKER_SOURCE = f"{ASSETS}/sw.js"  # under docs/, published as WORKER


def source_of(url: str) -> str:
    """The page source (under docs/) of a directory URL: `a/b/` → `a/b.md`
    (the lists of a folder, like decks/index.md, are named where they are made)."""
    return url.rstrip("/") + ".md" if url else "index.md"


def depth(url: str) -> int:
    """How many folders below the site root a page URL is."""
    return url.count("/")


def up(url: str) -> str:
    """The relative path from a page URL back to the site root."""
    return "../" * depth(url)


def _shortest(from_path: str, to_path: str) -> str:
    """The relative path from the folder of from_path to to_path (no query or anchor)."""
    here, there = from_path.split("/")[:-1], to_path.split("/")
    shared = 0
    while shared < min(len(here), len(there) - 1) and here[shared] == there[shared]:
        shared += 1
    return "../" * (len(here) - shared) + "/".join(there[shared:])


def relative(from_url: str, to_url: str) -> str:
    """A link from one page URL to another place on the site, as short as it
    can be (`concepts/a/` → `concepts/b/#x` is `../b/#x`)."""
    path, sep, rest = to_url.partition("#") if "?" not in to_url.partition("#")[0] else to_url.partition("?")
    return (_shortest(from_url, path) or "./") + sep + rest


def source_link(from_source: str, to_source: str) -> str:
    """A Markdown link between two page sources under docs/, as short as it
    can be (`decks/a/2.md` → `decks/a.md` is `../a.md`; `concepts/a.md` →
    `concepts/b.md#x` is `b.md#x`): MkDocs resolves these against the
    source's folder, checks them and turns them into URLs."""
    path, sep, anchor = to_source.partition("#")
    return _shortest(from_source, path) + sep + anchor


def page_link(from_source: str, to_url: str) -> str:
    """A Markdown link from a page source to a page URL (`concepts/b/#x`)."""
    path, sep, anchor = to_url.partition("#")
    return source_link(from_source, source_of(path) + sep + anchor)


def listing(folder: str) -> str:
    """The source of the page that lists a folder (decks/index.md, tags/index.md, …)."""
    return f"{folder}/index.md"


# --------------------------------------------------------------------------
# Places


def concept(slug: str) -> str:
    return f"{CONCEPTS}/{slug}/"


def card(concept_slug: str, anchor: str) -> str:
    return f"{concept(concept_slug)}#{anchor}"


def paged(folder: str, slug: str, number: int = 0) -> str:
    """Page `number` (from 0) of a paged listing: /<folder>/<slug>/, then
    /<folder>/<slug>/2/, …"""
    return f"{folder}/{slug}/" if number == 0 else f"{folder}/{slug}/{number + 1}/"


def mentioned(slug: str, number: int = 0) -> str:
    """Everything that mentions a concept, when its page cannot list it all."""
    return paged(concept(slug).rstrip("/"), "mentioned", number)


def az(letter: str, number: int = 0) -> str:
    """Page `number` of the concepts under one letter (`letter` as in its anchor)."""
    return f"{AZ}/{letter}" + (f"-{number + 1}/" if number else "/")


def glossary(name: str = "index", number: int = 0) -> str:
    """The source of a glossary page: the list (index), the Chinese one (zh),
    or the page of a letter (`letter-a`, `zh-letter-a`) and its continuations."""
    return f"{GLOSSARY}/{name}" + (f"-{number + 1}" if number else "") + ".md"


def deck(slug: str, number: int = 0) -> str:
    return paged(DECKS, slug, number)


def tag(slug: str, number: int = 0) -> str:
    return paged(TAGS, slug, number)


def media(name: str) -> str:
    """A published media file; the name is kept as it is in the sources,
    quoted for the URL (spaces, parentheses, #, ?, non-ASCII)."""
    return f"{MEDIA}/{quote(name)}"


def quiz(scope: str = "", value: str = "") -> str:
    return f"{QUIZ}/?{scope}={quote(value)}" if scope else f"{QUIZ}/"


def preview(slug: str) -> str:
    """The JSON a link preview of the concept reads (title, Chinese name, summary, decks)."""
    return concept(slug) + PREVIEW


def browser_layout() -> dict:
    """Where the site's parts are, for the browser's scripts (written into every
    page by hooks/site_layout.py): URLs relative to the site root, so that no
    script spells a folder name of its own."""
    return {"concepts": f"{CONCEPTS}/", "preview": PREVIEW, "quiz": quiz(), "quizIndex": QUIZ_INDEX,
            "search": SEARCH_SCRIPT, "searchLists": SEARCH_LISTS, "searchFiles": list(SEARCH_FILES),
            "sitemap": SITEMAP, "worker": WORKER}


def exports(folder_url: str) -> tuple[str, str]:
    """The Anki text file and the JSON file beside a deck, tag or the deck list."""
    return folder_url + "cards.txt", folder_url + "cards.json"


ALL_CARDS = f"{DECKS}/"  # the whole site's exports sit beside the deck list


# --------------------------------------------------------------------------
# site: links


def site_link(url: str) -> str:
    return SITE + url


def localized(html: str, page_url: str) -> str:
    """Card HTML with its site: links made relative to the page at page_url.
    The renderer writes site: URLs only as whole href and src values, so
    the prefix is replaced as it stands (a card's text spelling out
    `href="site:` would change too, as it did with any pattern)."""
    if SITE not in html:
        return html
    prefix = up(page_url)
    return html.replace(f'href="{SITE}', f'href="{prefix}').replace(f'src="{SITE}', f'src="{prefix}')
