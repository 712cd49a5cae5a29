"""Formats beyond the seeds: real Anki exports, Quizlet's own export, and
what every reader does with encodings and line endings."""

import re

import pytest

from cardsite.cards.model import NOTE, QUESTION, TERM, UNANSWERED
from cardsite.run.pipeline import read_deck
from cardsite.read import pick_reader

REAL_ANKI = "\n".join([
    "#separator:tab",
    "#html:true",
    "#notetype column:1",
    "#deck column:2",
    "#guid column:3",
    "#tags column:6",
    "# a comment the exporter added",
    "Basic\tML::Optim\tf>C8`+(Xq\tWhat does <b>Adam</b> combine?\tMomentum&nbsp;and RMSProp<br>per-parameter rates\toptim adam",
    'Basic\tML::Optim\tAbc123xyz\t"Quoted, with\ttab and',
    'a newline and ""quotes"""\t"<img src=""adam.png"">"\toptim',
    "Basic\tML::Stats\tQw3rty99z\tVariance?\tSpread around the mean\tstats",
    "",
])


def read(text: str, name: str = "deck.txt"):
    decks, problems, _ = read_deck(text.encode("utf-8"), name, "deck")
    assert decks, problems
    return decks, problems


def test_real_anki_export_headers_quotes_guids_tags_decks():
    decks, _ = read(REAL_ANKI)
    assert [d.title for d in decks] == ["ML::Optim", "ML::Stats"]
    cards = [c for d in decks for c in d.cards]
    assert [c.id for c in cards] == ["f>C8`+(Xq", "Abc123xyz", "Qw3rty99z"]  # GUIDs kept as ids
    first, second, third = cards
    assert first.front == "What does <strong>Adam</strong> combine?"
    assert first.back == "Momentum\u00a0and RMSProp<br>\nper-parameter rates"
    assert first.tags == ("optim", "adam") and first.line == 8 and first.kind == QUESTION
    assert first.anchor != first.id and first.anchor.isalnum()  # GUID punctuation is no URL fragment
    assert second.front == 'Quoted, with\ttab and a newline and "quotes"'  # HTML field: a raw newline is a space
    assert second.back == "![](adam.png)" and second.media == ("adam.png",)
    assert second.line == 9
    assert (third.line, third.tags, third.deck) == (11, ("stats",), "deck-ml-stats")


def test_anki_columns_header_names_the_roles():
    text = "#separator:Semicolon\n#columns:Back;Front;Tags\nthe answer;the question?;t1\n"
    (deck,), _ = read(text)
    card = deck.cards[0]
    assert (card.front, card.back, card.tags) == ("the question?", "the answer", ("t1",))


def test_headerless_separator_is_sniffed_not_first_seen():
    # Each row's first delimiter is a semicolon inside the text; only the
    # commas split every row the same way.
    text = "".join(f"term {i}{'; see notes' * (i % 3 + 1)},definition {i},extra {i}\n" for i in range(6))
    (deck,), _ = read(text)
    assert deck.format == "anki"
    assert deck.cards[0].front == "term 0; see notes" and deck.cards[0].back == "definition 0"


def test_headerless_field_roles_are_sniffed():
    rows = [("What is A?", "", "A is the first letter of the alphabet, used a lot", "a = 1"),
            ("What is B?", "Knuth, 1968", "B is the second letter, after A and before C", ""),
            ("What is C?", "", "C is the third letter and a programming language", "print(c)")]
    (deck,), _ = read("".join(";".join(r) + "\n" for r in rows))
    a, b, c = deck.cards
    assert b.attribution == "Knuth, 1968" and b.back.startswith("B is the second")
    assert a.extra == "```python\na = 1\n```" and c.extra == "```python\nprint(c)\n```"


def test_plain_text_anki_fields_are_not_html():
    (deck,), _ = read("#separator:tab\n#html:false\nx <b> y\t2 * 3 * 4\n")
    assert deck.cards[0].front == "x &lt;b> y" and deck.cards[0].back == "2 \\* 3 \\* 4"


@pytest.mark.parametrize("text, sep", [
    ("Epoch\tOne full pass\nBatch\tA subset of the data\nLoss\tWhat we minimise\n", "tab"),
    ("Epoch,One full pass, over all data;Batch,A subset;Loss,What we minimise;", "comma"),
])
def test_quizlet_export(text, sep):
    (deck,), _ = read(text)
    assert deck.format == "quizlet", sep
    assert [(c.front, c.kind) for c in deck.cards] == [("Epoch", TERM), ("Batch", TERM), ("Loss", TERM)]
    assert deck.cards[0].back.startswith("One full pass")


def test_quizlet_page_copy_without_definition_at_end():
    (deck,), _ = read("1/2\nNo analytics yet\nTerm one\nDef one\nTerm two\n")
    assert [(c.front, c.kind, c.line) for c in deck.cards] == [("Term one", TERM, 3), ("Term two", UNANSWERED, 5)]
    assert any("counter" not in p.message and p.line == 5 for p in deck.problems)


@pytest.mark.parametrize("prefix, newline", [(b"", b"\n"), (b"\xef\xbb\xbf", b"\r\n"), (b"\xef\xbb\xbf", b"\n")])
def test_bom_and_crlf_change_nothing(prefix, newline):
    plain = b"---\ntags: [x]\n---\n# T\n\n| A | B |\n|---|---|\n| one | uno |\n| two | dos |\n"
    decks, _, _ = read_deck(prefix + plain.replace(b"\n", newline), "n.md", "n")
    assert [(c.front, c.back, c.line) for c in decks[0].cards] == [("one", "uno", 8), ("two", "dos", 9)]


def test_notes_between_tables_and_unsplit_items_are_kept():
    (deck,), _ = read("# T\n\nA loose paragraph.\n\n| A | B |\n|---|---|\n| one | uno |\n")
    assert [(c.kind, c.front) for c in deck.cards] == [(NOTE, "A loose paragraph."), (TERM, "one")]
    (deck,), _ = read("1. alpha: first letter\n2. just a thought\n3. beta：第二个\n")
    assert [(c.kind, c.front) for c in deck.cards] == [(TERM, "alpha"), (NOTE, "just a thought"), (TERM, "beta")]


def test_unknown_content_is_not_guessed():
    reader, why = pick_reader("Just a paragraph of prose with nothing card-like in it.\n")
    assert reader is None and "no reader recognises" in why


def test_file_level_problems_survive_a_deck_column():
    text = "#separator:tab\n#deck column:1\n#guid column:9\nA\tq1?\ta1\nB\tq2?\ta2\n"
    decks, _ = read(text)
    assert [d.title for d in decks] == ["A", "B"]
    problems = [p for d in decks for p in d.problems]
    assert [(p.line, p.message) for p in problems] == [(0, "header #guid column:9 names no column")]


def test_plain_text_brackets_and_entities_show_as_typed():
    import html
    import re

    import markdown

    (deck,), _ = read("1/1\nNo analytics yet\nExample: z=[ln2, 0]\nA &amp; B [x]\n")
    card = deck.cards[0]
    assert card.title == "Example: z=[ln2, 0]"
    rendered = markdown.markdown(card.back)
    assert "&amp;#91;" not in rendered  # no entity shown as text
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == "A &amp; B [x]"  # what the reader sees


# --------------------------------------------------------------------------
# Issue 13: the other exports people make


@pytest.mark.parametrize("separator", ["|", "/////", " - ", " = ", " :: "])
def test_quizlet_export_with_the_separator_its_user_typed(separator):
    rows = [("break-in (n)", "a burglary - at night"), ("bad apple", "a trouble maker"), ("couch potato", "lazy"),
            ("cat burglar", "a thief who climbs in"), ("bone of contention", "what people argue about")]
    (deck,), _ = read("".join(f"{t}{separator}{d}\n" for t, d in rows))
    assert deck.format == "quizlet"
    assert [(c.front, c.back, c.line) for c in deck.cards] == [(t, d, n) for n, (t, d) in enumerate(rows, start=1)]


def test_csv_header_names_the_columns_and_quoted_fields_keep_their_commas():
    text = 'Frage,Antwort\n"Was ist, kurz, ein Tensor?","Ein Feld, mit Achsen"\nHund,Dog\n'
    (deck,), _ = read(text)
    assert [(c.front, c.back, c.line) for c in deck.cards] == [("Was ist, kurz, ein Tensor?", "Ein Feld, mit Achsen", 2),
                                                                ("Hund", "Dog", 3)]
    (deck,), _ = read("Hund,Dog\nKatze,Cat\n")  # a first row of anything else is a card
    assert [c.front for c in deck.cards] == ["Hund", "Katze"]


def test_a_short_list_of_words_is_terms_without_definitions():
    (deck,), _ = read("epoch\nbatch\nlogit\n")
    assert deck.format == "quizlet"
    assert [(c.front, c.back, c.kind) for c in deck.cards] == [(w, "", UNANSWERED) for w in ("epoch", "batch", "logit")]


def test_numbered_heading_cards_at_any_level_with_sections_between():
    text = ("# Chapter 4\n\n* https://example.org/ch4\n\n### Questionnaire\n\n"
            "#### 1. What is SGD?\n\nStochastic gradient descent.\n\n#### 2. Why mini-batches?\n\n"
            "### Further research\n\nRead the paper.\n\n#### 3. What is a loss?\n")
    (deck,), _ = read(text)
    assert deck.format == "markdown-headings" and deck.title == "Chapter 4"
    assert [(c.front, c.kind, c.line) for c in deck.cards] == [
        ("What is SGD?", QUESTION, 7), ("Why mini-batches?", UNANSWERED, 11), ("Read the paper.", NOTE, 15),
        ("What is a loss?", UNANSWERED, 17)]
    assert deck.about == "* <https://example.org/ch4>"


def test_qa_and_cloze_cards_in_sections():
    text = ("# Deck\n\nWhat the deck is.\n\n## Basics\n\nQ: Capital of France?\nA: Paris\n\n---\n\n"
            "C: The [order] of a group is `[not]` $[0,1]$ [$n$].\n\n— [Ecclesiastes] [6]:[9]\n\n"
            "## Notes\n\nLoose text.\n")
    (deck,), _ = read(text)
    assert deck.format == "markdown-qa" and deck.about == "What the deck is."
    q, c, note = deck.cards
    assert (q.front, q.back, q.kind, q.line) == ("Capital of France?", "Paris", QUESTION, 7)
    assert c.kind == "cloze" and c.line == 12
    assert re.findall(r'data-cloze="(\d+)">([^<]*)<', c.front) == [("1", "order"), ("2", "$n$"), ("3", "Ecclesiastes"),
                                                                     ("4", "6"), ("5", "9")]
    assert "`[not]`" in c.front and "$[0,1]$" in c.front
    assert (note.kind, note.front) == (NOTE, "Loose text.")


def test_an_unclosed_fence_in_an_answer_does_not_swallow_the_cards_after_it():
    """As Markdown reads it: a fence that is never closed is text, not code."""
    text = ("# Deck\n\nQ: Code?\nA: This:\n```python\nQ: not a card\n```\n\n"
            "Q: Shell?\nA: Run\n~~~\nls -l\n\nQ: Capital of France?\nA: Paris\n")
    (deck,), _ = read(text)
    assert [(c.front, c.line) for c in deck.cards] == [("Code?", 3), ("Shell?", 9), ("Capital of France?", 14)]
    assert "Q: not a card" in deck.cards[0].back


def test_obsidian_syntax_becomes_markdown():
    text = ("# Bayes\n\nPrior and posterior. ^8d39ff\n\n![[Pasted image 1.png|200]]\n\n![[Other note]]\n\n"
            "See [[Naive Bayes#Fit|the fit]] and [[Softmax]]. %% a private note %%\n\n"
            "> [!tip] Remember\n> It is *naive*.\n\n$$\n\na + b\n\n$$\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n"
            + "".join(f"More prose, line {i}.\n" for i in range(6)))
    (deck,), _ = read(text)
    (card,) = deck.cards
    assert deck.format == "markdown-note" and card.kind == NOTE and card.title == "Bayes"
    back = card.back
    assert "Prior and posterior." in back and "^8d39ff" not in back
    assert '<img src="Pasted%20image%201.png" alt="Pasted image 1.png" width="200">' in back
    assert "See [[Naive Bayes#Fit|the fit]] and [[Softmax]]." in back and "private" not in back  # for the linker
    assert '!!! tip "Remember"\n    It is *naive*.' in back
    assert "$$\na + b\n$$" in back and "| 1 | 2 |" in back


def test_obsidian_syntax_after_an_unclosed_fence_is_still_read():
    """A fence never closed is text to Markdown: what follows it is prose, not code."""
    text = ("# Bayes\n\nPrior and posterior.\n\n```\nan example that was never closed\n\n"
            "![[Pasted image 1.png|200]] and the rest. ^8d39ff\n\n"
            + "".join(f"More prose, line {i}.\n" for i in range(6)))
    (deck,), _ = read(text)
    (card,) = deck.cards
    assert '<img src="Pasted%20image%201.png" alt="Pasted image 1.png" width="200">' in card.back
    assert "![[" not in card.back and "^8d39ff" not in card.back


def test_quizlet_page_copied_from_another_view_keeps_no_chrome():
    """The set's title, the study modes, "Created by" and the account name
    are the page's, not cards; the counter checks what was found."""
    text = ("Machine learning basics\nFlashcards\nLearn\nTest\nMatch\nQ-Chat\nCreated by\njdoe42\n"
            "Terms in this set (3)\nEpoch\nOne pass over the data\nBatch\nA subset\nLoss\nWhat we minimise\n")
    (deck,), problems = read(text)
    assert deck.format == "quizlet" and deck.title == "Machine learning basics"
    assert [(c.front, c.back, c.line) for c in deck.cards] == [
        ("Epoch", "One pass over the data", 10), ("Batch", "A subset", 12), ("Loss", "What we minimise", 14)]
    assert not [p for p in deck.problems if "counter" in p.message]


SR_NOTE = "\n".join([
    "---", "tags: [study]", "---",
    "#flashcards/cpp/pointers",
    "# C++",
    "",
    "Capital of France::Paris",
    "<!--SR:!2024-12-31,3,250-->",
    "",
    "Paris:::the capital of France",
    "",
    "A question",
    "over two lines",
    "?",
    "An answer",
    "",
    "Back side",
    "??",
    "Front side",
    "",
    "The ==mitochondria== is the ==powerhouse==, not `==code==`.",
    "",
    "## A section",
    "What does std::move do?::It casts to an rvalue (`std::move(x)`)",
    "",
    "Q: An example?::",
    "<!--SR:!2025-01-01,3,252-->",
    "```cpp",
    "int x = 1;",
    "",
    "int y = x;",
    "```",
    "",
    "A paragraph the plugin would not quiz.",
])


def test_obsidian_spaced_repetition_cards_as_the_plugin_reads_them():
    """The Spaced Repetition plugin's syntax (st3v3nmw/obsidian-spaced-repetition,
    src/parser.ts): one card per `::`, `:::`, `?` or `??` card and per
    highlighted paragraph, review comments never shown, the deck sub-tag as a
    tag, a code block under an empty answer as its answer, prose kept."""
    (deck,), problems = read(SR_NOTE, "cpp.md")
    assert deck.format == "obsidian-sr" and not problems
    got = [(c.line, c.front, c.back, c.kind, c.reversible) for c in deck.cards]
    assert got[:4] == [
        (7, "Capital of France", "Paris", TERM, False),
        (10, "Paris", "the capital of France", TERM, True),
        (12, "A question\nover two lines", "An answer", TERM, False),
        (17, "Back side", "Front side", TERM, True),
    ]
    cloze = deck.cards[4]
    assert (cloze.line, cloze.kind) == (21, "cloze")
    assert cloze.front.count('data-cloze="') == 2 and "`==code==`" in cloze.front
    assert got[5][:3] == (24, "What does std::move do?", "It casts to an rvalue (`std::move(x)`)")
    assert got[6][:3] == (26, "An example?", "```cpp\nint x = 1;\n\nint y = x;\n```")
    assert got[7][:4] == (34, "A paragraph the plugin would not quiz.", "", NOTE)
    assert len(deck.cards) == 8 and not any("SR:" in c.front + c.back for c in deck.cards)
    assert {c.tags for c in deck.cards} == {("study", "cpp/pointers")}


def test_dataview_fields_are_not_spaced_repetition_cards():
    """`key:: value` is also Dataview's inline field: without the plugin's tag
    or its review comments, a note is not read as cards."""
    (deck,), _ = read("# Paper\n\nauthor:: Someone\nyear:: 2020\n\nWhat it found.\n", "paper.md")
    assert deck.format != "obsidian-sr"


def test_a_separator_inside_code_parts_no_spaced_repetition_card():
    (deck,), _ = read("#flashcards\n\nUse `std::vector` for arrays.\n\nWhat holds a size?::`std::size_t`\n", "c.md")
    assert [(c.front, c.back) for c in deck.cards] == [("Use `std::vector` for arrays.", ""),
                                                       ("What holds a size?", "`std::size_t`")]


@pytest.mark.parametrize("head, media", [
    (b"ID3\x04\x00", True), (b"\xff\xfb\x90\x64", True), (b"\xff\xf3\x28\xc4", True),  # MP3, tagged or not
    (b"OggS\x00\x02", True), (b"fLaC\x00", True), (b"\x1a\x45\xdf\xa3\x9f", True),  # Ogg, FLAC, WebM
    (b"\x00\x00\x00\x20ftypM4A ", True), (b"\x00\x00\x00\x1cftypavif", True),  # M4A, AVIF
    ("\ufeffFront\tBack".encode("utf-16"), False), (b"\xff\xfeF\x00", False),  # UTF-16 text
    (b"BMW\tA car", False), (b"ID\tName", False),
])
def test_media_are_known_by_their_content(head, media):
    from cardsite.read.textio import is_media

    assert is_media(head + b"\x00" * 64) is media
