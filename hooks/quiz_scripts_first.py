"""On the quiz page the quiz's own scripts (and the two it calls: the FSRS
scheduler and the offline actions) run before Material's bundle. The parser
reaches a script only when every script before it has run, and the bundle's
first run is a long task (60–150 ms here), which the first card used to wait
for: 295 ms from navigation to the first card at 10,000 cards, 171 ms with
this order (scripts/bench.py). quiz.js takes up Material's instant
navigation once the bundle is there (at DOMContentLoaded)."""

from __future__ import annotations

import re

from cardsite.site.quiz import SOURCE as QUIZ_PAGE

FIRST = ("offline.js", "fsrs.js", "progress.js", "quiz.js")  # in the order they run: quiz.js uses the others
_TAG = re.compile(r'<script src="[^"]*assets/(?P<name>[\w.-]+\.js)"></script>\n?')
_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def on_post_page(output, page, config):
    if page.file.src_uri != QUIZ_PAGE:
        return output
    bundle = _BUNDLE.search(output)
    if bundle is None:  # another theme: leave the page as it is
        return output
    head, tail = output[:bundle.start()], output[bundle.start():]
    moved = {m.group("name"): m.group(0) for m in _TAG.finditer(tail) if m.group("name") in FIRST}
    if len(moved) < len(FIRST):
        return output
    for tag in moved.values():
        tail = tail.replace(tag, "", 1)
    return head + "".join(moved[name].rstrip("\n") + "\n" for name in FIRST) + tail
