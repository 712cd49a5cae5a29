"""The five bundled sources: every entry becomes exactly one card, with the
right format, kind, provenance and repairs."""

import re
from collections import Counter

import pytest
from conftest import SEED_CARDS, SEED_COUNTS, SOURCES

from cardsite.cards.model import NOTE, QUESTION, TERM, UNANSWERED


def deck(corpus, file):
    return next(d for d in corpus.decks if d.file == file)


def test_every_seed_entry_is_one_card(seed_corpus):
    assert {d.file: len(d.cards) for d in seed_corpus.decks} == SEED_COUNTS
    assert len(seed_corpus.cards) == SEED_CARDS
    assert len({c.id for c in seed_corpus.cards}) == SEED_CARDS
    assert seed_corpus.unrecognised == []


@pytest.mark.parametrize("file, reader", [
    ("deep-learning-anki.txt", "anki"),
    ("deep-learning-flashcards.md", "markdown-headings"),
    ("misc-ai-python.en.md", "markdown-tables"),
    ("misc-ai-python.zh.md", "markdown-numbered"),
    ("ml-quizlet-set.txt", "quizlet"),
])
def test_format_is_recognised_from_content(seed_corpus, file, reader):
    assert deck(seed_corpus, file).format == reader


def test_each_card_points_at_its_source_line(seed_corpus):
    """The line a card names holds the start of that entry's front."""
    for card in seed_corpus.cards:
        line = (SOURCES / card.file).read_text(encoding="utf-8").split("\n")[card.line - 1]
        word = re.search(r"[A-Za-z0-9]{2,}|[\u4e00-\u9fff]+", card.title).group(0)
        assert word[:4] in line, (card.file, card.line, card.title, line)


def test_anki_kinds_quotes_and_unanswered(seed_corpus):
    anki = deck(seed_corpus, "deep-learning-anki.txt")
    kinds = Counter(c.kind for c in anki.cards)
    assert kinds[NOTE] == 8
    assert kinds[UNANSWERED] == 1
    unanswered = next(c for c in anki.cards if c.kind == UNANSWERED)
    assert unanswered.front == "When should you use an L1 over an L2?" and unanswered.line == 138


def test_anki_fields(seed_corpus):
    cards = {c.line: c for c in deck(seed_corpus, "deep-learning-anki.txt").cards}
    assert cards[39].attribution == "Hinton, Q4 '17"
    assert cards[4].extra == "```python\ntorch.unsqueeze(X, -1)\n```"  # code-looking Extra: fenced
    assert cards[4].kind == QUESTION  # the Extra answers it
    assert "```python\ntorch.save(mode.state_dict(), PATH)\nmodel.load_state_dict(torch.load(PATH))\n```" == cards[9].extra
    assert cards[5].extra == "Apr '16"  # a date is not code
    assert "<br>" in cards[5].back and "optical flow" in cards[5].back
    assert "missing image: bilinear-interpolation.png" in cards[10].back
    assert "g²" in cards[12].extra and "’" in cards[72].front


def test_quizlet_page_copy(seed_corpus):
    quizlet = deck(seed_corpus, "ml-quizlet-set.txt")
    assert quizlet.cards[0].front == "Sigmoid Function" and quizlet.cards[0].line == 7
    assert all(c.kind == TERM for c in quizlet.cards)
    assert not any("analytics" in c.front.lower() or "Mastery" in c.front for c in quizlet.cards)
    mismatch = [p for p in quizlet.problems if "counter says 55" in p.message]
    assert mismatch and "56" in mismatch[0].message
    last = quizlet.cards[-1]
    assert last.front.startswith("SGD calc") and last.back.endswith("500.")  # no final newline
    assert any(c.back.startswith("NLL = -ln(p\\_true)") for c in quizlet.cards)  # plain text stays plain


def test_markdown_table_notes(seed_corpus):
    notes = deck(seed_corpus, "misc-ai-python.en.md")
    assert notes.title == "Misc for AI & Python" and notes.tags == ("AI",) and notes.aliases == ()
    first = notes.cards[0]
    assert (first.front, first.back, first.line) == ("`torch.nn` Loss", "Calculated Loss is a Dictionary.", 23)
    assert set(first.tags) == {"AI", "Deep Learning Concepts"}
    assert Counter(c.tags[-1] for c in notes.cards) == {
        "Deep Learning Concepts": 14, "Python Specifics": 3, "General Machine Learning & Data Concepts": 4,
        "Image & Signal Processing": 4, "Mathematical Concepts": 1}
    assert not any("Misc for AI" in c.front or "aliases" in c.front for c in notes.cards)


def test_numbered_notes_repairs(seed_corpus):
    zh = deck(seed_corpus, "misc-ai-python.zh.md")
    cards = {c.line: c for c in zh.cards}
    assert "$h_t = \\sigma \\Big( W_{hh} h_{t-1} +W_{hx} x_t + b_t)$" in cards[37].front
    assert "$h[n] = \\lbrace 0.5, 0.5 \\rbrace$" in cards[46].back
    assert cards[64].front == "$softplus = \\log ( 1 +e^x)$"
    assert "**梯度默认全部由第一个GPU求解**" in cards[73].front
    assert cards[76].front == "**ill-posed -> Nonlocal Sparsity Regularizer, nonlocal similarity**"
    assert (cards[82].front, cards[82].back) == (
        "Grounding 数据", '<span class="missing-media">missing image: paste-e4f2d8c5f242798027c237c0b1c2e6a9e442e93f.png</span>')
    assert (cards[34].front, cards[34].back) == ("Markov Chain", "当前状态仅取决于上一状态的一系列事件的概率")
    assert cards[51].front == "矩阵点积" and cards[51].back.startswith("逐元素相乘后")
    assert cards[15].back.split("\n")[0].endswith("  ")  # the source's hard line break survives
    assert [c.front for c in zh.cards].count("Curriculum Learning") == 2
    assert {c.line for c in zh.cards if c.lang != "zh"} == {64, 76}  # a formula; an English-only item
    repaired = [p for p in zh.problems if p.severity == "info"]
    assert len([p for p in repaired if "math" in p.message]) == 5
    assert len([p for p in repaired if "bold" in p.message]) == 3


def test_heading_cards(seed_corpus):
    jekyll = deck(seed_corpus, "deep-learning-flashcards.md")
    assert jekyll.title == "Deep Learning Flashcards"
    assert not any("TOC" in c.front or "{:toc}" in c.back for c in jekyll.cards)
    first = jekyll.cards[0]
    assert (first.front, first.line) == ("Panoptic Segmentation", 10)
    assert "Source: <https://arxiv.org/abs/1801.00868>" in first.back
    cross = next(c for c in jekyll.cards if c.front.startswith("Cross-Entropy"))
    assert "```\ndef CrossEntropy(yHat, y):" in cross.back
    assert jekyll.cards[-1].front == "What problem do ResNets solve?" and jekyll.cards[-1].kind == QUESTION
    assert "regularizatoin" in next(c.back for c in jekyll.cards if "Regularization" in c.front)  # typos kept


def test_missing_images_are_reported_with_file_and_line(seed_corpus):
    missing = sorted((p.file, p.line) for p in seed_corpus.problems if "missing image" in p.message)
    assert missing == [("deep-learning-anki.txt", 10), ("deep-learning-anki.txt", 30),
                       ("deep-learning-anki.txt", 57), ("deep-learning-anki.txt", 60),
                       ("misc-ai-python.zh.md", 82)]


def test_concepts_merge_across_decks(seed_corpus):
    by_slug = {c.slug: c for c in seed_corpus.concepts}
    softmax = by_slug["softmax"]
    assert {c.file for c in softmax.cards} == {"deep-learning-flashcards.md", "ml-quizlet-set.txt", "deep-learning-anki.txt"}
    assert {"Softmax Function", "Softmax Activation Function"} <= set(softmax.aliases)
    adam = by_slug["adam"]
    assert {c.file for c in adam.cards} == {"deep-learning-anki.txt", "ml-quizlet-set.txt"}
    kingma = next(c for c in adam.cards if c.file == "deep-learning-anki.txt")
    assert (kingma.front, kingma.attribution) == ("Adam?", "Kingma, Q4 2014")  # attribution out of the title
    curriculum = by_slug["curriculum-learning"]
    assert [c.file for c in curriculum.cards] == ["misc-ai-python.en.md"] + ["misc-ai-python.zh.md"] * 2
    assert "log loss" in by_slug["cross-entropy-loss"].aliases
    assert len(by_slug["discogan"].cards) == 2 and len(by_slug["rgan"].cards) == 2 and len(by_slug["medgan"].cards) == 2
    assert len({c.slug for c in seed_corpus.concepts}) == len(seed_corpus.concepts)
    assert all(re.fullmatch(r"[a-z0-9-]+", c.slug) for c in seed_corpus.concepts)
    assert sum(len(c.cards) for c in seed_corpus.concepts) == SEED_CARDS
