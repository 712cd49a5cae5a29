"""Broken and hostile input: a clear error with file and line, and everything
else still converts. Untrusted HTML never reaches a page."""

import re
import shutil
from html.parser import HTMLParser

import markdown
import pytest
from conftest import SOURCES, build, make_project, seed_files, warnings_in, OPTIONS

from cardsite.run.cli import main as convert_main
from cardsite.cards.model import ERROR, UNANSWERED
from cardsite.run.pipeline import convert, read_deck, read_sources
from cardsite.markup.html_markdown import html_to_markdown
from cardsite.markup.sanitize import safe_markdown

GOOD_ANKI = "".join(f"Question {i}?;;Answer {i};\n" for i in range(1, 7))


def anki_with(bad_line: str, at: int = 3) -> str:
    lines = GOOD_ANKI.splitlines()
    return "\n".join(lines[:at - 1] + [bad_line] + lines[at - 1:]) + "\n"


def errors(problems):
    return [(p.line, p.message) for p in problems if p.severity == ERROR]


def test_unclosed_quote_is_reported_and_the_rest_is_read():
    (deck,), _, _ = read_deck(anki_with('"Unclosed? quote;;never ends;').encode(), "a.txt", "a")
    assert [c.front for c in deck.cards][:3] == ["Question 1?", "Question 2?", '"Unclosed? quote']
    assert len(deck.cards) == 7  # the six good rows and the broken one, kept
    (line, message), = errors(deck.problems)
    assert line == 3 and "quoting" in message


def test_a_row_without_its_last_fields_is_kept_and_no_error():
    """Anki's exporter leaves a note's empty last fields out (1,053-row
    spanish-all-decks.txt has 66 such rows): they read as empty."""
    (deck,), _, _ = read_deck(anki_with("Truncated question?;").encode(), "a.txt", "a")
    assert len(deck.cards) == 7 and not [p for p in deck.problems if "fields" in p.message]
    card = deck.cards[2]
    assert (card.line, card.front, card.back, card.kind) == (3, "Truncated question?", "", UNANSWERED)


def test_a_row_with_more_fields_than_its_note_type_is_an_error():
    (deck,), _, _ = read_deck(anki_with("One;two;three;four;five").encode(), "a.txt", "a")
    assert len(deck.cards) == 7
    assert errors(deck.problems) == [(3, "row has 5 fields, expected 4; kept what is there")]


def test_invalid_utf8_names_the_line_and_keeps_every_entry():
    raw = GOOD_ANKI.encode().replace(b"Answer 4", b"Answer \xff4")
    (deck,), _, _ = read_deck(raw, "a.txt", "a")
    assert len(deck.cards) == 6 and deck.cards[3].back == "Answer �4"
    assert errors(deck.problems) == [(4, "invalid UTF-8 byte 0xff at column 21; replaced with �")]


def test_nul_bytes_are_removed_and_reported():
    (deck,), _, _ = read_deck(GOOD_ANKI.replace("Answer 2", "Ans\x00wer 2").encode(), "a.txt", "a")
    assert deck.cards[1].back == "Answer 2" and errors(deck.problems) == [(2, "NUL byte removed")]


def test_gbk_chinese_is_read():
    raw = "1. 梯度下降: 沿负梯度方向更新参数\n2. 动量: 累积历史梯度\n".encode("gbk")
    (deck,), _, _ = read_deck(raw, "zh.md", "zh")
    assert [c.front for c in deck.cards] == ["梯度下降", "动量"]


@pytest.mark.parametrize("raw, why", [
    (b"\x00\x01\x02binary\x00\x00" * 50, "binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "binary"),
    (b"", "empty"),
    (b"Some prose that is not a deck of any kind.\n", "no reader recognises"),
])
def test_unreadable_files_are_skipped_with_a_reason(raw, why):
    decks, problems, _ = read_deck(raw, "odd.bin", "odd")
    assert decks == [] and why in problems[0].message and problems[0].file == "odd.bin"


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.txt").write_text(GOOD_ANKI)
    (sources / "noise.dat").write_bytes(b"\x00\x01" * 100)
    (sources / "prose.txt").write_text("Nothing card-like here.\n")
    corpus = read_sources(sources)
    assert len(corpus.cards) == 6
    assert sorted(p.file for p in corpus.unrecognised) == ["noise.dat", "prose.txt"]


def test_strict_exits_non_zero_on_errors(tmp_path, capsys):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(GOOD_ANKI)
    assert convert_main(["--sources", str(sources), "--out", str(tmp_path / "docs"), "--strict"]) == 0
    (sources / "b.txt").write_text(anki_with('"broken;;row;'))
    assert convert_main(["--sources", str(sources), "--out", str(tmp_path / "docs"), "--strict"]) == 1
    assert convert_main(["--sources", str(sources), "--out", str(tmp_path / "docs")]) == 0
    assert "ERROR b.txt:3: broken quoting" in capsys.readouterr().out


# --------------------------------------------------------------------------
# Untrusted HTML

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x.png" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<iframe src="https://example.org"></iframe>',
    "<style>body{display:none}</style>",
    '<svg onload="alert(1)"></svg>',
    '<b onclick="alert(1)">bold</b>',
    "[link](javascript:alert(1))",
    "[link](JaVa&#115;cript:alert(1))",
    "![img](data:text/html;base64,PHNjcmlwdD4=)",
    "<!-- <script>alert(1)</script> -->",
    "a paragraph\n{: onclick=alert(1) }",
]
SITE_EXTENSIONS = ["attr_list", "md_in_html", "tables", "pymdownx.arithmatex", "pymdownx.superfences",
                   "pymdownx.magiclink", "pymdownx.inlinehilite", "pymdownx.highlight"]
DANGEROUS_ELEMENTS = {"script", "iframe", "style", "svg", "object", "embed", "form", "math"}


class _DangerFinder(HTMLParser):
    """Everything in rendered HTML that could run script."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_ELEMENTS:
            self.found.append(tag)
        for name, value in attrs:
            url = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or (name in ("href", "src") and url.startswith(("javascript:", "data:", "vbscript:"))):
                self.found.append(f"{tag} {name}={value}")


def dangers(html: str) -> list[str]:
    finder = _DangerFinder()
    finder.feed(html)
    return finder.found


@pytest.mark.parametrize("payload", HOSTILE)
def test_sanitisers_defuse(payload):
    for safe in (safe_markdown(payload), html_to_markdown(payload)):
        rendered = markdown.markdown(safe, extensions=SITE_EXTENSIONS)
        assert dangers(rendered) == [], (safe, rendered)


def test_hostile_decks_build_without_script(tmp_path):
    hostile_anki = "".join(f"Hostile {i}?;;{p};\n" for i, p in enumerate(HOSTILE))
    hostile_md = "# Hostile notes\n\n" + "".join(f"## Entry {i}\n\n{p}\n\n" for i, p in enumerate(HOSTILE))
    project = make_project(tmp_path, seed_files(tmp_path / "sources"),  # the two hostile decks alone
                           extra_files={"hostile.txt": hostile_anki.encode(), "hostile.md": hostile_md.encode()})
    result = build(project)
    assert result.returncode == 0 and warnings_in(result.stderr) == [], result.stderr
    for name in ("hostile", "hostile-md"):
        deck_html = next(project.glob(f"site/decks/{name}*/index.html")).read_text()
        body = deck_html[deck_html.index('<article'):deck_html.index('</article>')]
        assert "Hostile" in body or "Entry" in body
        assert dangers(body) == []


def test_conversion_never_writes_into_sources(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "hostile.txt").write_text("".join(f"../../{i}?;;{p};\n" for i, p in enumerate(HOSTILE)))
    before = {p: p.read_bytes() for p in sources.rglob("*")}
    convert(sources, tmp_path / "docs", OPTIONS)
    assert {p: p.read_bytes() for p in sources.rglob("*")} == before
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(tmp_path / "docs")
               and not p.is_relative_to(sources)]
    assert outside == []
