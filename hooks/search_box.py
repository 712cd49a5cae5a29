"""Search, the box: Material draws its header search box only with its own
search plugin, whose script indexes the whole site again on every page load.
This hook puts the same box (Material's classes and icons, so it looks and
folds as Material's does) into every page's header, without the attributes
that would make Material's script take it over; assets/search.js runs it
against the Pagefind index (hooks/search_index.py)."""

from __future__ import annotations

import functools
from pathlib import Path

import material

_ICONS = Path(material.__file__).parent / "templates" / ".icons" / "material"


def _icon(name: str) -> str:
    return (_ICONS / f"{name}.svg").read_text(encoding="utf-8")


TOGGLE = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
_DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'


@functools.cache  # the same markup on every page: its icons are read once, not once a page
def box() -> str:
    return (
        f'<label class="md-header__button md-icon" for="__search" title="Search (/)">{_icon("magnify")}</label>'
        f'<div class="md-search cardsite-search" role="dialog" aria-label="Search" data-nosnippet>'
        '<label class="md-search__overlay" for="__search"></label>'
        '<div class="md-search__inner" role="search">'
        '<form class="md-search__form" name="search">'
        '<input type="text" class="md-search__input" name="query" aria-label="Search" placeholder="Search"'
        ' autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" required'
        ' role="combobox" aria-expanded="false" aria-controls="cardsite-search-results">'
        f'<label class="md-search__icon md-icon" for="__search">{_icon("magnify")}{_icon("arrow-left")}</label>'
        '<nav class="md-search__options" aria-label="Search">'
        f'<button type="reset" class="md-search__icon md-icon" title="Clear" aria-label="Clear" tabindex="-1">{_icon("close")}</button>'
        '</nav></form>'
        '<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0">'
        '<div class="md-search-result">'
        '<div class="cardsite-search__filters" hidden>'  # filled by assets/search.js from the index's own lists
        '<select name="deck" aria-label="Only this deck"><option value="">All decks</option></select>'
        '<select name="tag" aria-label="Only this tag"><option value="">All tags</option></select></div>'
        '<div class="md-search-result__meta" role="status">Type to start searching</div>'
        '<ol class="md-search-result__list" id="cardsite-search-results" role="listbox"></ol>'
        '</div></div></div></div></div>')


def on_post_page(output, page, config):
    if 'class="md-search cardsite-search"' in output or "</header>" not in output:  # a card's text is escaped
        return output
    if TOGGLE not in output:  # Material writes the toggle itself in the pages of this version
        output = output.replace(_DRAWER, _DRAWER + TOGGLE, 1)
    header_end = output.index("</header>")
    nav_end = output.rindex("</nav>", 0, header_end)
    return output[:nav_end] + box() + output[nav_end:]


def on_post_template(output_content, template_name, config):
    """404.html is a theme template, not a page: it gets the box too."""
    return on_post_page(output_content, None, config) if template_name == "404.html" else output_content
