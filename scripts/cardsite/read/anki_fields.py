"""An Anki field (HTML, or plain text in a text export without #html:true)
as the site's Markdown, with Anki's own markup turned into what the site shows:

  math    \\(…\\) and [$]…[/$] inline; \\[…\\], [$$]…[/$$], [latex]…[/latex]
          displayed. The TeX is taken out before the HTML is converted (a
          formula may run across <br> and <div>, and hold &lt; or &amp;).
  audio   [sound:x.mp3] → an <audio> player (cardsite.cards.media publishes x.mp3)
  cloze   {{c1::text}}, {{c1::text::hint}}, nested, several numbers →
          <span class="cloze" data-cloze="1" title="hint">text</span>; the
          quiz asks one item per number (cardsite.markup.cloze)

The converted parts travel through the HTML → Markdown step as private-use
characters, so nothing in it can escape or split them."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from ..markup import cloze
from ..markup.html_markdown import html_to_markdown, html_to_text

_MATH = re.compile(
    r"\\\((?P<paren>.+?)\\\)|\\\[(?P<bracket>.+?)\\\]"
    r"|\[\$\](?P<dollar>.+?)\[/\$\]|\[\$\$\](?P<dollars>.+?)\[/\$\$\]|\[latex\](?P<latex>.+?)\[/latex\]",
    re.S | re.I)
_SOUND = re.compile(r"\[sound:([^\]\n]+)\]")
_CLOZE_OPEN = re.compile(r"\{\{c(\d+)::")
_UNCLOSED_TAG = re.compile("<(?=[^<>]*(?:<|\ue100|$))")
_PLACEHOLDER = re.compile("\ue100(\\d+)\ue101")


def field_to_markdown(field: str, is_html: bool = True) -> str:
    parts: list[str] = []

    def hold(markdown: str) -> str:
        parts.append(markdown)
        return f"\ue100{len(parts) - 1}\ue101"

    text = _MATH.sub(lambda m: hold(_math(m, is_html)), field)
    text = _SOUND.sub(lambda m: hold(audio_tag(html.unescape(m.group(1)).strip())), text)
    text = _clozes(text, hold, is_html)
    if is_html:  # a < that no > closes is text (else the HTML parser would take in what follows)
        text = _UNCLOSED_TAG.sub("&lt;", text)
    else:
        text = html.escape(text.strip()).replace("\n", "<br>")
    markdown = html_to_markdown(text)
    for _ in range(3):  # a cloze holds math or audio, a nested cloze holds a cloze
        markdown = _PLACEHOLDER.sub(lambda m: parts[int(m.group(1))], markdown)
    return markdown


def audio_tag(name: str) -> str:
    return f'<audio controls preload="none" src="{html.escape(quote(name))}"></audio>'


def _math(m: re.Match, is_html: bool) -> str:
    kind = m.lastgroup
    tex = m.group(kind)
    if is_html:
        tex = html_to_text(re.sub(r"(?i)<br\s*/?>|</?div[^>]*>", "\n", tex))
    tex = re.sub(r"\n\s*\n+", "\n", tex).strip()
    if not tex:
        return ""
    if kind in ("paren", "dollar"):
        return f"\\({tex.replace(chr(10), ' ')}\\)"
    return f"\n\n$$\n{tex}\n$$\n\n"


def _clozes(text: str, hold, is_html: bool) -> str:
    """Each {{cN::…[::hint]}}, innermost first, as a held span whose content
    goes on through the HTML conversion."""
    while True:
        opens = list(_CLOZE_OPEN.finditer(text))
        for m in reversed(opens):  # innermost: the last opening before a closing
            close = text.find("}}", m.end())
            if close < 0:
                continue
            inner = text[m.end():close]
            if _CLOZE_OPEN.search(inner):
                continue
            body, _, hint = inner.partition("::")
            hint = html_to_text(hint) if is_html else hint.strip()
            span = hold(cloze.opening(int(m.group(1)), hint))
            text = text[:m.start()] + span + body + hold("</span>") + text[close + 2:]
            break
        else:
            return text
