"""Anki packages (.apkg/.colpkg), made here in both layouts Anki writes
(tests/anki_packages.py) and taken from ../shared/real-exports: every note is
a card in the roles its note type gives, media are published under names that
work, and hostile packages are reported without harming anything else."""

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from anki_packages import BASIC, HOSTILE, ODD_NAMES, Note, Package, png, sample, zip_of
from conftest import OPTIONS, ROOT

from cardsite.cards.model import CLOZE as CLOZE_KIND, ERROR
from cardsite.run.pipeline import build_site, convert, read_deck, read_sources
from cardsite.read import anki_package
from cardsite.site.card_html import renderer_for

RENDERER = renderer_for(OPTIONS.markdown)  # the site's own Markdown
REAL = ROOT.parent / "shared" / "real-exports"


def asked(markdown: str) -> dict[int, tuple[str, str]]:
    """Each deletion number's question and answer, as the quiz gets them."""
    return {n: (question, answer) for n, question, answer in RENDERER.field(markdown).clozes}


@pytest.fixture(params=[False, True], ids=["legacy", "anki21b"])
def package(request):
    raw = sample(request.param).build()
    assert zipfile.is_zipfile(__import__("io").BytesIO(raw))
    decks, problems, media = read_deck(raw, "My Deck.apkg", "my-deck")
    return decks, problems, media


def test_every_note_is_a_card_in_the_roles_of_its_note_type(package):
    decks, problems, media = package
    cards = {c.title: c for d in decks for c in d.cards}
    assert problems == [] and len(cards) == 7
    basic = cards["What is 2+2?"]
    assert (basic.front, basic.back, basic.id, basic.tags) == ("What is <strong>2+2</strong>?", "4", "g-basic",
                                                               ("math::arithmetic", "easy"))
    assert cards["chleb"].back.startswith("bread <audio controls")
    vocab = cards["dom"]
    assert vocab.front.startswith("dom") and ODD_NAMES[0] in vocab.media and vocab.back == "house"
    assert "**Example:** Mój dom." in vocab.extra and "**Audio:** <audio" in vocab.extra
    assert cards["Capital of France?"].back == "Paris"
    (clozed,) = [c for c in cards.values() if c.kind == CLOZE_KIND]
    assert clozed.title == "Warsaw is the capital of Poland; x^{2}" or clozed.title.startswith("Warsaw is the capital")
    assert "{{c" not in clozed.front and list(asked(clozed.front)) == [1, 2]
    assert clozed.extra == "Extra fact"
    assert {d.title for d in decks} == {"My Deck", "Polish::Food"}


def test_media_come_with_the_package_whatever_their_names(package):
    decks, _, media = package
    assert set(media) == set(ODD_NAMES) | {"chleb.wav", "dom.mp3"}
    assert media[ODD_NAMES[2]] == png(102)


def test_cloze_items_hide_their_own_deletion(package):
    decks, _, _ = package
    (card,) = [c for d in decks for c in d.cards if c.kind == CLOZE_KIND]
    items = asked(card.front)
    (first, answer), (second, _) = items[1], items[2]
    assert "Warsaw" not in first and '<span class="cloze cloze-hidden">[...]</span>' in first and "Poland" in first
    assert "Poland" not in second and "[country]" in second and "Warsaw" in second
    assert '<span class="cloze cloze-answer">Warsaw</span>' in answer and "Poland" in answer


def test_nested_and_repeated_clozes():
    from cardsite.read.anki_fields import field_to_markdown

    text = field_to_markdown("{{c1::outer {{c2::inner}} end}} and {{c1::again}} {{c3::\\(\\frac{a}{b}\\)}}")
    items = asked(text)
    assert list(items) == [1, 2, 3]
    # a hint is text, whatever it holds
    hinted = asked(field_to_markdown("{{c1::x::[sound:a b.mp3] \\(y\\)}}"))
    assert list(hinted) == [1] and "<audio" not in hinted[1][0] and "[\\(y\\)]" in hinted[1][0]
    one, two = items[1][0], items[2][0]
    assert "outer" not in one and "inner" not in one and "again" not in one
    assert "outer" in two and "inner" not in two and "again" in two
    assert "\\(\\frac{a}{b}\\)" in one and "\\frac" not in items[3][0]


def test_site_publishes_package_media_and_players(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "My Deck.apkg").write_bytes(sample(True).build())
    other = Package([Note(BASIC, ["Another picture", f'<img src="{ODD_NAMES[0]}">'])], {ODD_NAMES[0]: png(1)})
    (sources / "other.apkg").write_bytes(other.build())
    site = build_site(sources, OPTIONS)
    published = {path: content for path, content in site.media.items()}
    same_name = [p for p in published if p.startswith("media/Piet Mondrian")]
    assert len(same_name) == 2, "two files with one name must not overwrite each other"
    assert {published[p] for p in same_name} == {png(100), png(1)}
    pages = "\n".join(text for path, text in site.files.items() if path.endswith(".md"))
    assert "[sound:" not in pages and "{{c" not in pages
    assert 'media/chleb.wav"' in pages and "media/%C5%82%C3%B3d%C5%BA%20%E4%BD%A0%E5%A5%BD.png" in pages
    missing = [p for p in site.corpus.problems if "not-there.png" in p.message]
    assert [(p.file, p.line) for p in missing] == [("My Deck.apkg", 7)]
    quiz = json.loads(site.files["quiz/cards/index.json"])
    assert quiz["cards"] == 10  # 8 cards, the cloze card twice (one item per deletion), chleb both ways


def test_anki_export_gives_back_clozes_and_sounds(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "deck.apkg").write_bytes(sample(False).build())
    site = build_site(sources, OPTIONS)
    export = site.files["decks/cards.txt"]
    assert "{{c1::Warsaw}}" in export and "{{c2::Poland::country}}" in export
    assert "[sound:chleb.wav]" in export and "g-basic" in export


# --------------------------------------------------------------------------
# Hostile and broken packages


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_package_is_reported_by_name(name):
    make, words = HOSTILE[name]
    decks, problems, media = read_deck(make(), name, "h")
    everything = problems + [p for d in decks for p in d.problems]
    assert any(p.file == name and p.severity == ERROR and words in p.message for p in everything), everything
    assert all(anki_package.is_safe_media_name(n) for n in media)


def test_a_package_with_100000_media_is_refused_whole_media(tmp_path):
    listing = json.dumps({str(i): f"m{i}.png" for i in range(100_000)})
    raw = sample(False).build()
    with zipfile.ZipFile(__import__("io").BytesIO(raw)) as archive:
        collection = archive.read("collection.anki2")
    decks, problems, media = read_deck(zip_of({"collection.anki2": collection, "media": listing}), "many.apkg", "m")
    assert media == {} and sum(len(d.cards) for d in decks) == 7
    assert any("100000 media files" in p.message for d in decks for p in d.problems)


def test_hostile_packages_harm_nothing_else(tmp_path):
    sources, out = tmp_path / "sources", tmp_path / "out" / "docs"
    sources.mkdir()
    for name, (make, _) in HOSTILE.items():
        (sources / name).write_bytes(make())
    (sources / "good.txt").write_text("Good question?\tGood answer\nAnother?\tYes\n", encoding="utf-8")
    corpus, _ = convert(sources, out, OPTIONS)
    assert sorted(c.title for c in corpus.cards) == ["Another?", "Good question?", "Traversal?"]
    written = {p.resolve() for p in tmp_path.rglob("*")}
    assert all(p.is_relative_to(tmp_path / "out") or p.is_relative_to(sources) or p == tmp_path / "out"
               for p in written)
    assert not (tmp_path / "x.png").exists() and (out / "media" / "ok.png").is_file()


# --------------------------------------------------------------------------
# The real packages


def _real() -> Path:
    if not REAL.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{REAL} is missing: CI has ../shared beside the clone")
        pytest.skip("no ../shared/real-exports here")
    return REAL


def _expected() -> dict[str, int]:
    listing = ROOT.parent / "shared" / "real-exports.json"
    return json.loads(listing.read_text())["entries"] if listing.is_file() else {}


ANKI_FILES = [name for name in _expected() if name.endswith(".apkg") or name.startswith(("anki-", "oldanki-"))
              or name in ("cz-abstract-art.txt", "pilot-all-decks.txt", "linear-algebra-math.txt", "polish-strus.txt",
                          "js-methods-notetype.txt", "german-cloze-emotionen.txt")]


@pytest.mark.parametrize("name", ANKI_FILES)
def test_real_anki_file_gives_exactly_its_entries(name):
    path = _real() / name
    decks, problems, media = read_deck(path.read_bytes(), name, "real")
    assert problems == []
    assert sum(len(d.cards) for d in decks) == _expected()[name]
    for deck in decks:
        for card in deck.cards:
            text = f"{card.front}\n{card.back}\n{card.extra}"
            assert "{{c" not in text and "[sound:" not in text and "[$]" not in text and "[latex]" not in text.lower()


def test_real_package_media_and_cloze():
    real = _real()
    decks, _, media = read_deck((real / "kylans-ppl-deck.apkg").read_bytes(), "k.apkg", "k")
    assert set(media) == {"prohibited.jpg", "proceedwithcaution4.jpg", "moa.jpg"}
    assert all(content.startswith(b"\xff\xd8\xff") for content in media.values())  # unpacked JPEGs
    clozes = [c for d in decks for c in d.cards if c.kind == CLOZE_KIND]
    assert len(clozes) >= 10 and all(asked(c.front) for c in clozes)
    _, _, sound = read_deck((real / "anki-test-media.apkg").read_bytes(), "m.apkg", "m")
    assert list(sound) == ["foo.wav"]


def test_package_and_text_export_of_one_deck_meet_on_the_same_concepts(tmp_path):
    real = _real()
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(real / "oldanki-vim.txt", sources)
    shutil.copy(real / "patrickmult-vim-collection.apkg", sources)
    corpus = read_sources(sources)
    by_file: dict[str, set[str]] = {}
    for concept in corpus.concepts:
        for card in concept.cards:
            by_file.setdefault(card.file, set()).add(concept.slug)
    text, package = by_file["oldanki-vim.txt"], by_file["patrickmult-vim-collection.apkg"]
    assert len(text & package) >= 0.9 * len(text)


# --------------------------------------------------------------------------
# Property: Anki's markup in any field, among HTML and Markdown syntax


from hypothesis import assume, given, settings, strategies as st  # noqa: E402

# (no backslash in plain text: before a leaf's "[" or "(" it would open Anki math, as it does in Anki)
_TEXT = st.lists(st.sampled_from(list("ab zé中*_`#<>&;:[]()!$|-=1.") + ["&amp;", "&lt;", "<br>", "<b>", "</b>",
                                                                       "<div>", "</div>", "\n"]),
                 max_size=12).map("".join)
_LEAVES = st.one_of(_TEXT, st.sampled_from(["[sound:a b.mp3]", "\\(x^{2}\\)", "[$]y_1[/$]", "[$$]\\sum i[/$$]",
                                            "\\[a<br>+b\\]", "[latex]z[/latex]"]))


def _clozed(children):
    return st.tuples(st.integers(1, 4), st.lists(children, min_size=1, max_size=3),
                     st.sampled_from(["", "::hint", "::a <b>b</b>"])).map(
        lambda t: f"{{{{c{t[0]}::{''.join(t[1])}{t[2]}}}}}")


_FIELDS = st.lists(st.recursive(_LEAVES, _clozed, max_leaves=6), max_size=5).map("".join)


@settings(max_examples=150, deadline=None)
@given(_FIELDS)
def test_anki_markup_never_reaches_the_reader_raw(field):
    import re

    from cardsite.read.anki_fields import field_to_markdown

    # an opening with no end of its own ("[$$]" typed as text before a formula) stays text, as in Anki
    assume(all(field.count(f"[{tag}]") == field.count(f"[/{tag}]") for tag in ("$", "$$", "latex")))
    assume(not re.search(r"(?<!\{\{c\d)::[^}]*\{\{c", field))  # nor is a deletion written inside a hint
    markdown = field_to_markdown(field)
    numbers = {int(n) for n in re.findall(r"\{\{c(\d+)::", field)}
    for raw in ("{{c", "[sound:", "[$]", "[/$]", "[$$]", "[latex]"):
        assert raw not in markdown, (raw, markdown)
    items = asked(markdown)
    assert sorted(items) == sorted(numbers), markdown
    for question, answer in items.values():  # every item can be asked: its number hidden, then shown
        assert "cloze-hidden" in question and "cloze-answer" in answer


def test_a_reversed_card_is_asked_both_ways_in_the_quiz(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "deck.apkg").write_bytes(sample(True).build())
    site = build_site(sources, OPTIONS)
    (chleb,) = [c for c in site.corpus.cards if c.title == "chleb"]
    assert chleb.reversible and not any(c.reversible for c in site.corpus.cards if c is not chleb)
    items = [i for path, text in site.files.items() if path.startswith("quiz/cards/") and path[11].isdigit()
             for i in json.loads(text)["cards"] if i["title"] == "chleb"]
    forward, backward = sorted(items, key=lambda i: i["id"])
    assert backward["id"] == forward["id"] + "-r" and backward["reverse"] and forward["note"] == backward["note"]
    assert (backward["front"], backward["back"]) == (forward["back"], forward["front"])
    assert "bread" in backward["front"] and "chleb" in backward["back"]


def test_a_text_export_of_stock_reversed_notes_is_asked_both_ways():
    text = ("#separator:tab\n#html:true\n#notetype column:1\n"
            "Basic (and reversed card)\tchleb\tbread\n"
            "Basic\tdom\thouse\n"
            "Basic (optional reversed card)\tkot\tcat\t\n")
    decks, problems, _ = read_deck(text.encode(), "export.txt", "export")
    assert {c.title: c.reversible for d in decks for c in d.cards} == {"chleb": True, "dom": False, "kot": False}


def test_missing_sounds_and_odd_field_names(tmp_path):
    starred = ("Starred", ["Word", "Meaning", "*Note*", "Audio_file"], [("{{Word}}", "{{Meaning}}")], False)
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "deck.apkg").write_bytes(Package([Note(starred, ["kot", "cat", "a pet", "[sound:gone_1.mp3]"])]).build())
    site = build_site(sources, OPTIONS)
    (card,) = site.corpus.cards
    assert "**\\*Note\\*:** a pet" in card.extra and "**Audio\\_file:**" in card.extra
    assert [p.message for p in site.corpus.problems if "gone" in p.message] == ["missing audio: gone_1.mp3 (not in sources)"]
    assert '<span class="missing-media">missing audio: gone_1.mp3</span>' in site.files["decks/deck.md"]
    assert "[sound:gone_1.mp3]" in site.files["decks/cards.txt"]


def test_a_deletion_over_several_blocks_is_hidden_in_every_one():
    from cardsite.read.anki_fields import field_to_markdown

    markdown = field_to_markdown("Why?<br><br>{{c1::<b>three kinds:<ol><li>first</li><li>second</li></ol>and after</b>}}")
    ((question, answer),) = asked(markdown).values()
    for part in ("three kinds", "first", "second", "and after"):
        assert part not in question and part in answer, (part, question)
    assert "<li>" in question and "Why?" in question  # the list's shape stays, each item hidden


def test_a_missing_file_is_named_as_it_is_and_exported_by_its_name(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "deck.txt").write_text(
        "#separator:tab\n#html:true\nfile\ta record on a disk\nimage\ta picture\n"
        'Which painting?\t<img src="image_file@2x.jpg"> [sound:file_image.mp3]\n', encoding="utf-8")
    site = build_site(sources, OPTIONS)
    (page,) = [text for path, text in site.files.items() if path == "concepts/which-painting.md"]
    # the names are not linked to the concepts "file" and "image", nor read as an e-mail address
    assert '<span class="missing-media">missing image: image_file@2x.jpg</span>' in page
    assert '<span class="missing-media">missing audio: file_image.mp3</span>' in page
    assert '<img src=""image_file@2x.jpg""> [sound:file_image.mp3]' in site.files["decks/cards.txt"]


def test_sub_and_superscripts_in_code_are_small_figures_not_tags():
    from cardsite.read.anki_fields import field_to_markdown

    shown = RENDERER.html(field_to_markdown(
        "<code>x<sub>2</sub> + 2<sup>n</sup> + v<sub>max speed</sub></code><pre>a<sub>i</sub></pre>H<sub>2</sub>O"))
    assert "x₂ + 2ⁿ + vmax speed" in shown and "aᵢ" in shown and "H<sub>2</sub>O" in shown
    assert "&lt;sub" not in shown and "&lt;sup" not in shown


def test_code_blocks_in_or_around_a_deletion_are_hidden_whole():
    """Anki's editor lets a deletion hold a code block, or start inside one;
    Markdown's code blocks hold no markup, so each is hidden whole, never
    shown with the deletion's tags as text."""
    from cardsite.read.anki_fields import field_to_markdown

    field = ("Destructuring?<pre>const [a] = [1];</pre><pre>{{c1::rest parameters}}</pre>"
             "<pre>Output: {{c2::</pre><pre>a = 1</pre><pre>done}}</pre>{{c3::before<pre>in code</pre>after}}")
    markdown = field_to_markdown(field)
    shown = RENDERER.html(markdown)
    assert "&lt;span" not in shown and "&lt;div" not in shown and "{{c" not in shown
    items = asked(markdown)
    assert sorted(items) == [1, 2, 3]
    for n, hidden in ((1, ["rest parameters"]), (2, ["a = 1", "done"]), (3, ["before", "in code", "after"])):
        question, answer = items[n]
        assert all(text not in question and text in answer for text in hidden), (n, question)
    assert "const [a] = [1];" in items[1][0]  # the code outside every deletion stays


def test_an_image_inside_code_stays_code(tmp_path):
    """Code shows its text as typed: a file named in a code block is no image to publish or report."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "deck.txt").write_text('#separator:tab\n#html:true\nHow is an image written?\t<pre>![a cat](cat.png)</pre>\n',
                                      encoding="utf-8")
    site = build_site(sources, OPTIONS)
    (page,) = [text for path, text in site.files.items() if path == "concepts/how-is-an-image-written.md"]
    assert "![a cat](cat.png)" in page and "missing-media" not in page
    assert not [p for p in site.corpus.problems + [p for d in site.corpus.decks for p in d.problems] if "cat.png" in p.message]
