"""The one gate for what pages show: every page's content, once Markdown has
rendered it and before any hook adds markup of the site's own (math, links),
is held to the page allow-list (cardsite.markup.html_policy.clean_page). A writer
that forgets to escape something cannot publish it; the site then stays safe
on a host that sends no Content-Security-Policy header."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from cardsite.markup.html_policy import clean_page


@event_priority(1000)  # first: what the hooks after it add is the site's own
def on_page_content(content, page, config, files):
    return clean_page(content)
