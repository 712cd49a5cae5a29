"""The hostile and broken deck set (issue 7), written into a sources folder by
`write_hostile_sources`. Every format the converter reads gets the same
script-running payloads; the broken files cover what real exports get wrong.
`CASES` says, file by file, what the site must do with each one: the number
of cards it keeps and the problems it reports (line, words of the reason)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from cardsite.site.csp import script_hash
from cardsite.markup.html_policy import is_safe_url

from anki_packages import HOSTILE, Note, Package, png, sample

# Each payload would run `alert(1)` (or fetch another origin) if it reached a
# page as HTML; the browser test fails on any dialog.
PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src="x.png" onerror="alert(1)">',
    '<img src=x onerror=alert(1)//',
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click me</a>',
    '<a href=" JaVaScRiPt:alert(1)">spaced scheme</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
    "[markdown link](javascript:alert(1))",
    "[entity link](JaVa&#115;cript:alert(1))",
    "![markdown image](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[reference link][evil]\n\n[evil]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<!-- <script>alert(1)</script> --> comment hides a tag",
    "<!--><img src=x onerror=alert(1)>-->",
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%;background:red">covers the page</p>',
    "<style>body{display:none}</style>",
    '<details open ontoggle="alert(1)">toggle</details>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>send</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "a paragraph\n{: onclick=\"alert(1)\" }",
    r"$\href{javascript:alert(1)}{formula link}$",
    r"$\htmlId{x}{y} \url{javascript:alert(1)}$",
    "```html\n<script>alert(1)</script>\n```",
    # issue 25: Markdown's precedence (a code span before math, no display math
    # inside a sentence, an unclosed fence), and links a browser would run
    "see $a <img src=x onerror=alert(1)> `$` here",
    "a $$ <img src=x onerror=alert(1)> $$ b",
    "~~~\n<img src=x onerror=alert(1)>",
    "`a\n- `<img src=x onerror=alert(1)>`",
    "[entity scheme](&#106;avascript&#58;alert(1))",
    "[angle link](<javascript:alert(1)>)",
    "<JaVaScRiPt:alert(1)>",
    "[tab entity](java&#9;script:alert(1))",
    '<a href="&#x6A;avascript:alert(1)">hex entity</a>',
]

# Terms that look like paths, or like pages the site already has.
PATH_TERMS = ["../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "index", "quiz", "glossary",
              "assets", "search", "decks", "%2e%2e%2f%2e%2e%2fetc", ".hidden", "CON", "tags", "404"]


@dataclass
class Case:
    cards: int  # cards the file must become (0: the file is skipped)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, words of the reason)
    why: str = ""  # what the case is, for the note and the README


def _rows(fields_of) -> str:
    return "".join(fields_of(i, p) for i, p in enumerate(PAYLOADS))


# A note type, its fields, a deck and media files named with payloads (issue 25):
# field names show as the labels of extra fields, media names in src= and players.
NAMED_TYPE = ("Type <img src=x onerror=alert(1)>", ["Front", "Back", 'Extra "><img src=x onerror=alert(1)>',
                                                     "Notes <svg onload=alert(1)>"],
              [("{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")], False)
MEDIA_NAMES = ['"><img src=x onerror=alert(1)>.png', "x' onerror='alert(1).png", '"><svg onload=alert(1)>.mp3']


def _named_package() -> bytes:
    escaped = [html.escape(name) for name in MEDIA_NAMES]
    notes = [Note(NAMED_TYPE, ["Named fields?", "answer", "extra one", "extra two"],
                  deck="Hostile <img src=x onerror=alert(1)>::Sub", tags="<svg/onload=alert(1)> ok", guid="hostile-named-1"),
             Note(NAMED_TYPE, [f'Named media? <img src="{escaped[0]}"> <img src="{escaped[1]}">',
                               f"[sound:{MEDIA_NAMES[2]}]", "", ""], deck="Hostile <img src=x onerror=alert(1)>::Sub",
                  guid="hostile-named-2")]
    return Package(notes, {MEDIA_NAMES[0]: png(), MEDIA_NAMES[1]: png(9), MEDIA_NAMES[2]: b"ID3hostile"}, True).build()


def _packages() -> dict[str, tuple[bytes, Case]]:
    files = {"packages/My Deck.apkg": (sample(True).build(), Case(7, why="a current Anki package (anki21b): "
                                                                       "every note type, cloze, audio, odd media names")),
             "packages/hostile-names.apkg": (_named_package(), Case(2, why="a package whose note type, field names, "
                                                                           "deck, tags and media file names are payloads"))}
    errors = {"traversal.apkg": 2}  # two media names that are paths
    for name, (make, words) in HOSTILE.items():
        files[f"packages/{name}"] = (make(), Case(1 if name == "traversal.apkg" else 0,
                                                  [(0, words)] * errors.get(name, 1), why=f"hostile package: {words}"))
    return files


def _files() -> dict[str, tuple[bytes, Case]]:
    n = len(PAYLOADS)
    one_mb = "x" * (1 << 20)
    wide = "\t".join(f"field {i}" for i in range(10_000))
    nested_html = "<div>" * 5000 + "deep" + "</div>" * 5000
    nested_md = "\n".join(["## Deep nesting", ""] + [">" * 200 + " quoted two hundred deep", ""]
                          + ["    " * i + "- level " + str(i) for i in range(120)])
    good = "".join(f"Good question {i}?\tGood answer {i}\n" for i in range(1, 6))
    return {
        # --- payloads, once per format
        "hostile/anki-html.txt": (
            ("#separator:tab\n#html:true\n#columns:Front\tBack\tTags\n"
             + _rows(lambda i, p: f'Payload {i} {p.replace(chr(10), " ")}\t"{p.replace(chr(34), chr(34) * 2)}"\thostile\n')).encode(),
            Case(n, why="Anki export with #html:true: every payload in the front and (quoted) in the back")),
        "hostile/anki-plain.txt": (
            _rows(lambda i, p: f"Plain payload {i}?;;{p.replace(chr(10), ' ').replace(';', ',')};\n").encode(),
            Case(n, why="header-less Anki text: payloads as plain text fields")),
        "hostile/quizlet-export.txt": (
            _rows(lambda i, p: f"Quizlet payload {i}\t{p.replace(chr(10), ' ')}\n").encode(),
            Case(n, why="Quizlet export (tab, newline): payloads as definitions")),
        "hostile/quizlet-page.txt": (
            (f"1/{n}\nLooks like no tags are added yet.\nNo analytics yet\n"
             + _rows(lambda i, p: f"Page payload {i}\n{p.replace(chr(10), ' ')}\n")).encode(),
            Case(n, why="Quizlet page copied as text: payloads as definitions")),
        "hostile/table-notes.md": (
            ("---\ntitle: Hostile table notes\n---\n\n## Section <script>alert(1)</script>\n\n| Term | Definition |\n|---|---|\n"
             + _rows(lambda i, p: f"| Table payload {i} | {p.replace(chr(10), ' ').replace('|', '&#124;')} |\n")).encode(),
            Case(n, why="Markdown table notes: payloads in cells, and in a section title")),
        "hostile/numbered-notes.md": (
            ("# Hostile numbered notes\n\n"
             + _rows(lambda i, p: f"{i + 1}. Numbered payload {i}: {p.replace(chr(10), ' ')}\n")).encode(),
            Case(n, why="numbered notes: payloads after the term")),
        "hostile/jekyll-cards.md": (
            ("---\nlayout: flashcards\ntitle: Hostile Jekyll cards\n---\n\n* TOC\n{:toc}\n\n"
             + _rows(lambda i, p: f"## Jekyll payload {i}\n\n{p}\n\n") + nested_md + "\n").encode(),
            Case(n + 1, why="heading cards (Jekyll): payloads as raw Markdown blocks; "
                            "a quote 200 deep and a list 120 deep")),
        # --- payloads where the page shows a name: deck, tags, titles, file names (issue 25)
        "hostile/anki-named.txt": (
            ("#separator:tab\n#html:false\n#deck:Deck <img src=x onerror=alert(1)>\n"
             "#tags:<svg/onload=alert(1)> tag$<img src=x onerror=alert(1)>$\n"
             "Glossary probe\tsee $a <img src=x onerror=alert(1)> `$` here\n"
             "Title <img src=x onerror=alert(1)> $x$\tanswer with [x](<javascript:alert(1)>)\n").encode(),
            Case(2, why="Anki export, #html:false: payloads in the deck name, the tags, a title and the issue's line")),
        "hostile/<img src=x onerror=alert(1)>.txt": (
            "Named by its file?\tthe deck title comes from the file name\n".encode(),
            Case(1, why="a deck whose file name is a payload")),
        "hostile/front-matter.md": (
            ('---\ntitle: "Notes <img src=x onerror=alert(1)>"\ntags: ["<svg onload=alert(1)>", "ok"]\n---\n\n'
             "| Term | Definition |\n|---|---|\n"
             "| Cell <img src=x onerror=alert(1)> | $a\\|<img src=x onerror=alert(1)>$ |\n"
             "| `x` $ | <javascript:alert(1)> |\n").encode(),
            Case(2, why="Markdown notes: payloads in front-matter title and tags and in table cells")),
        # --- names that look like paths or like the site's own pages
        "hostile/path-terms.txt": (
            "".join(f"{t}\tA term named {t}\n" for t in PATH_TERMS).encode(),
            Case(len(PATH_TERMS), why="terms named like paths and like the site's pages")),
        "index.txt": (good.encode(), Case(5, why="a deck whose name is the deck list's page (decks/index)")),
        "quiz.md": (b"1. Quiz: a deck named like the quiz page\n2. Glossary: another\n",
                    Case(2, why="a deck named like the quiz page")),
        "assets.txt": (good.encode(), Case(5, why="a deck named like the assets folder")),
        # --- sizes and shapes
        "broken/one-mb-line.txt": (f"Long answer?\t{one_mb}\nShort one?\tshort\n".encode(),
                                   Case(2, why="a 1 MB single line")),
        "broken/wide-rows.txt": ((good + f"{wide}\n" + good + f"{wide}\n").encode(),
                                 Case(12, [(6, "10000 fields"), (12, "10000 fields")],
                                      why="rows of 10,000 fields among two-field rows")),
        "broken/deep-html.txt": (f"#html:true\nDeep?\t{nested_html}\nShallow?\tyes\n".encode(),
                                 Case(2, why="HTML nested 5,000 deep")),
        # --- encodings and bytes
        "broken/nul-bytes.txt": (good.replace("answer 2", "ans\x00wer 2").encode(),
                                 Case(5, [(2, "NUL byte")], why="NUL bytes in a field")),
        "broken/invalid-utf8.txt": (good.encode().replace(b"answer 3", b"answer \xff\xfe3"),
                                    Case(5, [(3, "invalid UTF-8")], why="bytes that are not UTF-8")),
        "broken/gbk-chinese.md": ("1. 梯度下降: 沿负梯度方向更新参数\n2. 动量: 累积历史梯度\n".encode("gbk"),
                                  Case(2, why="Chinese notes saved as GBK")),
        "broken/bom.txt": (b"\xef\xbb\xbf" + good.encode(), Case(5, why="a UTF-8 byte-order mark")),
        "broken/mixed-newlines.txt": (good.replace("\n", "\r\n", 2).encode(), Case(5, why="CRLF and LF mixed")),
        "broken/empty.txt": (b"", Case(0, [(0, "empty")], why="an empty file")),
        "broken/unclosed-quote.txt": (
            ("#separator:tab\n#html:false\nBefore?\tfine\n"
             + '"Unclosed\tquote swallows\nAfter one?\tstill here\nAfter two?\tstill here\n').encode(),
            Case(4, [(4, "quoting")], why="an unclosed quote that would swallow the rest of the file")),
    }


FILES = _files() | _packages()
CASES = {name: case for name, (_, case) in FILES.items()}


def write_hostile_sources(sources: Path) -> None:
    for name, (data, _) in FILES.items():
        path = sources / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


# --------------------------------------------------------------------------
# A static scan of built pages: what could run, without a browser.

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset"}
# (KaTeX's output, which the site adds after the gate, holds <math> and <svg>: their attributes are checked)
_NEVER_IN_CONTENT = {"script", "iframe", "object", "embed", "base", "meta", "form", "style", "link"}


class _Runnable(HTMLParser):
    def __init__(self, allowed_hashes: set[str]):
        super().__init__(convert_charrefs=True)
        self.allowed, self.found, self.depth, self._script = allowed_hashes, [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"handler <{tag} {name}>")
            elif name in _URL_ATTRIBUTES and value and not is_safe_url(value):
                self.found.append(f"url <{tag} {name}={value!r}>")
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in _NEVER_IN_CONTENT and not (tag == "script" and _is_json(attrs)):
            self.found.append(f"<{tag}> in content")
        if tag == "script":
            self._script = [] if not attrs.get("src") and not _is_json(attrs) else None
            if attrs.get("src") and not is_safe_url(attrs["src"]):
                self.found.append(f"script from {attrs['src']}")

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag == "script" and self._script is not None:
            if script_hash("".join(self._script)) not in self.allowed:
                self.found.append("inline script the policy does not allow")
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


def _is_json(attrs) -> bool:
    return (attrs.get("type") or "").startswith("application/json")


def runnable_markup(page_html: str) -> list[str]:
    """Event handlers, script-capable URLs, inline scripts outside the page's
    own <meta> policy, and elements content must never hold."""
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page_html)
    allowed = set(re.findall(r"'(sha256-[^']+)'", policy.group(1))) if policy else set()
    scanner = _Runnable(allowed)
    scanner.feed(page_html)
    return scanner.found
