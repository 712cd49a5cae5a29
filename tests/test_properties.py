"""Property tests: for every reader, arbitrary text never crashes it, and
well-formed entries written in its format are all read back, whatever the
surrounding noise."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardsite.pipeline import read_deck
from cardsite.readers import READERS
from cardsite.repair import all_repairs
from cardsite.sanitize import html_to_markdown, safe_markdown

PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words without any character a format uses as syntax.
word = st.text(alphabet=string.ascii_letters + string.digits + "中文梯度", min_size=1, max_size=8)
phrase = st.lists(word, min_size=1, max_size=5).map(" ".join)
entries = st.lists(st.tuples(phrase, phrase), min_size=1, max_size=12,
                   unique_by=lambda e: e[0].casefold())


@PROFILE
@given(st.text(max_size=400))
def test_no_reader_crashes_on_any_text(text):
    for reader in READERS:
        reader.sniff(text)
        result = reader.read(text, "fuzz.txt", "fuzz")
        for card in result.cards:
            assert card.line >= 1 and card.kind


@PROFILE
@given(st.binary(max_size=400))
def test_no_bytes_crash_the_pipeline(raw):
    decks, problems = read_deck(raw, "fuzz.bin", "fuzz")
    assert decks or problems


@PROFILE
@given(st.text(max_size=300))
def test_repair_and_sanitisers_never_crash(text):
    all_repairs(text)
    safe_markdown(text)
    html_to_markdown(text)


def fronts(text: str, reader_name: str) -> list[tuple[str, str]]:
    decks, problems = read_deck(text.encode("utf-8"), "deck.txt", "deck")
    assert decks, problems
    assert decks[0].format == reader_name
    return [(c.front, c.back) for d in decks for c in d.cards]


@PROFILE
@given(entries)
def test_anki_keeps_every_entry(pairs):
    text = "#separator:tab\n#html:false\n" + "".join(f"{t}\t{d}\n" for t, d in pairs)
    assert fronts(text, "anki") == pairs


@PROFILE
@given(entries, st.sampled_from([";", ",", "\t"]))
def test_headerless_anki_keeps_every_entry(pairs, sep):
    text = "".join(f"{t}{sep}<b>{d}</b><br>\n" for t, d in pairs)
    assert fronts(text, "anki") == [(t, f"**{d}**") for t, d in pairs]


@PROFILE
@given(entries)
def test_quizlet_page_copy_keeps_every_entry(pairs):
    text = f"1/{len(pairs)}\nNo analytics yet\n" + "".join(f"{t}\n{d}\n" for t, d in pairs)
    assert fronts(text, "quizlet") == pairs


@PROFILE
@given(entries)
def test_quizlet_export_keeps_every_entry(pairs):
    text = "".join(f"{t},{d};" for t, d in pairs) + "extra,row;"
    assert fronts(text, "quizlet")[:-1] == pairs


@PROFILE
@given(entries, st.text(alphabet=string.ascii_letters + " .", max_size=40))
def test_table_notes_keep_every_entry(pairs, noise):
    rows = "".join(f"| {t} | {d} |\n" for t, d in pairs)
    text = f"---\ntags: [x]\n---\n# Notes\n\n## Section\n\n| Concept | Description |\n|---|---|\n{rows}"
    assert fronts(text, "markdown-tables") == pairs


@PROFILE
@given(entries)
def test_numbered_notes_keep_every_entry(pairs):
    text = "# Notes\n" + "".join(f"{i}. {t}: {d}\n" for i, (t, d) in enumerate(pairs, start=1))
    assert fronts(text, "markdown-numbered") == pairs


@PROFILE
@given(entries.filter(lambda p: len(p) >= 2))
def test_heading_cards_keep_every_entry(pairs):
    text = "# Cards\n\n" + "".join(f"## {t}\n\n{d}\n\n" for t, d in pairs)
    assert fronts(text, "markdown-headings") == pairs


def _exports_hook():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("exports_hook", Path(__file__).parent.parent / "hooks" / "exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXPORTS = _exports_hook()
any_field = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
tag = st.text(alphabet=string.ascii_letters + ":_-中", min_size=1, max_size=10)


@PROFILE
@given(st.lists(st.tuples(any_field, any_field, any_field, st.lists(tag, max_size=3)), min_size=1, max_size=8))
def test_anki_export_keeps_every_card_whatever_its_fields_hold(rows):
    """Tabs, quotes, newlines, # at the start of a line, NUL: every exported
    row reads back as one card with its id, tags and deck."""
    cards = [{"front": f, "back": b, "extra": "", "attribution": a, "tags": tags, "deck_name": "Deck::Sub",
              "id": f"guid{i}x"} for i, (f, b, a, tags) in enumerate(rows)]
    decks, problems = read_deck(EXPORTS.anki_text(cards).encode("utf-8"), "export.txt", "export")
    read = [c for d in decks for c in d.cards]
    assert [c.id for c in read] == [c["id"] for c in cards]
    assert [c.tags for c in read] == [tuple(dict.fromkeys(t for t in c["tags"])) for c in cards]
    assert {c.subdeck for c in read} == {"Deck::Sub"}
