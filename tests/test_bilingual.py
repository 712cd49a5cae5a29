"""EN/ZH alignment, Chinese terms, the glossary and the search index."""

import html
import json
import re

from conftest import SOURCES

from cardsite.graph.bilingual import align, chinese_term_of, load_terminology, translation_pairs
from cardsite.site.glossary import coverage, glossary_pages, one_line


def notes(corpus):
    """The seeds' English and Chinese notes (after the pairing, the Chinese
    deck's title says its language: "Misc for AI & Python · 中文")."""
    by_file = {d.file: d for d in corpus.decks}
    return by_file["misc-ai-python.en.md"], by_file["misc-ai-python.zh.md"]


def test_the_english_and_chinese_notes_align_entry_by_entry(seed_corpus):
    from cardsite.run.pipeline import read_deck

    read = [read_deck((SOURCES / name).read_bytes(), name, name)[0][0]
            for name in ("deep-learning-flashcards.md", "misc-ai-python.en.md", "misc-ai-python.zh.md")]
    (english, chinese), = translation_pairs(read)  # the notes that share a title, one in each language
    assert (english.file, chinese.file) == ("misc-ai-python.en.md", "misc-ai-python.zh.md")
    english, chinese = notes(seed_corpus)
    assert chinese.title == f"{english.title} · 中文"
    terminology, problems = load_terminology((SOURCES / "terminology.yml").read_text(encoding="utf-8"))
    assert problems == []
    alignment = align(english, chinese, terminology)
    pairs = {(en.title, zh.line) for en, zh in alignment.pairs}
    assert len(pairs) == 25  # 26 rows, 27 items: 24 one-to-one + the item holding two rows' worth
    for title, zh_line in [("Degradation Operators", 40), ("Pretext Task", 58), ("Matrix Dot Product", 51),
                           ("Data Flow", 28), ("Ground Survey (Satellite)", 31), ("Tuples", 79),
                           ("Upstream vs. Downstream Tasks", 43), ("Curriculum Learning", 12), ("RNN", 37),
                           ("Residual in ResNet", 96), ("Instruction Fine-tuning", 93)]:
        assert (title, zh_line) in pairs, title
    unpaired = sorted((p.file, p.line) for p in alignment.problems)
    assert unpaired == [("misc-ai-python.en.md", 26), ("misc-ai-python.zh.md", 61), ("misc-ai-python.zh.md", 82)]


def test_alignment_follows_content_when_sections_move(seed_corpus):
    """An exporter may regroup entries into sections in any order: put the
    last section first and every pair still holds."""
    english, chinese = notes(seed_corpus)
    terminology, _ = load_terminology((SOURCES / "terminology.yml").read_text(encoding="utf-8"))
    before = {(en.line, zh.line) for en, zh in align(english, chinese, terminology).pairs}
    cards = list(english.cards)
    last = cards[-1].tags[-1]
    english.cards[:] = [c for c in cards if c.tags[-1] == last] + [c for c in cards if c.tags[-1] != last]
    try:
        after = {(en.line, zh.line) for en, zh in align(english, chinese, terminology).pairs}
    finally:
        english.cards[:] = cards
    assert after == before


def test_chinese_terms_and_their_source(seed_corpus):
    by_slug = {c.slug: c for c in seed_corpus.concepts}
    assert (by_slug["degradation-operators"].zh_title, by_slug["degradation-operators"].zh_source) == ("退化算子", "notes")
    assert (by_slug["pretext-task"].zh_title, by_slug["pretext-task"].zh_source) == ("伪任务", "notes")
    assert by_slug["pretext-task"].zh_definition.startswith("伪任务，不是目标")
    assert (by_slug["curriculum-learning"].zh_title, by_slug["curriculum-learning"].zh_source) == ("课程学习", "terminology")
    assert by_slug["torch-optim-sgd"].zh_title.startswith("随机梯度下降")
    assert {c.file for c in by_slug["data-flow"].cards} == {"misc-ai-python.en.md", "misc-ai-python.zh.md"}
    have, total = coverage(seed_corpus.concepts)
    assert have / total >= 0.9


def test_chinese_term_of_a_card(seed_corpus):
    zh = {c.line: c for c in notes(seed_corpus)[1].cards}
    assert [chinese_term_of(zh[n]) for n in (40, 58, 28, 12, 37)] == ["退化算子", "伪任务", "数据流", "", ""]


def test_terminology_mistakes_name_the_line():
    terms, problems = load_terminology("softmax: Softmax 函数\n'gpu': GPU\n")
    assert terms == {"softmax": "Softmax 函数"}
    assert [(p.line, p.message) for p in problems] == [(2, "'gpu': the Chinese term must be Chinese text")]


def test_glossary_pages(seed_corpus):
    pages = glossary_pages(seed_corpus.concepts, lambda title: f"# meta {title}\n")
    english, chinese = pages["glossary/index.md"], pages["glossary/zh.md"]
    rows = [ln for ln in english.split("\n") if ln.startswith("| [")]
    assert len(rows) == coverage(seed_corpus.concepts)[1]
    assert "| [Degradation Operators](../concepts/degradation-operators.md) | 退化算子 |" in english
    assert "| [Curriculum Learning](../concepts/curriculum-learning.md) | 课程学习<sup" in english  # marked: terminology
    headings = re.findall(r"^## (\S+)", chinese, re.M)
    assert headings == sorted(headings, key=lambda h: (h == "#", h))
    t_section = chinese.split("## T ", 1)[1].split("## ", 1)[0]
    assert "退化算子" in t_section and "[Degradation Operators]" in t_section  # pinyin: tui hua suan zi


def test_one_line_definitions_keep_math():
    assert one_line("**bold** $x^2$ and [link](../concepts/a.md).<br>\nsecond") == "**bold** $x^2$ and link."
    long = "First sentence has $a+b$. " + "word " * 60
    assert one_line(long) == "First sentence has $a+b$."


def test_search_index_holds_each_card_once(seed_site, seed_corpus):
    """One search record per concept page, holding the text of that
    concept's cards as a reader sees it, and no other card's
    (cardsite/site/search_index.py)."""
    from conftest import OPTIONS
    from cardsite.site.card_html import rendered_cards, renderer_for
    from cardsite.site.search_index import record

    rendered = rendered_cards(renderer_for(OPTIONS.markdown), seed_corpus.cards)
    records = [record(c, rendered) for c in seed_corpus.concepts]
    assert len({r["url"] for r in records}) == len(records) == len(seed_corpus.concepts)
    assert all(r["url"].startswith("/concepts/") for r in records)
    for concept, rec in zip(seed_corpus.concepts, records):
        assert rec["html"].count("<p>") == 2 * len(concept.cards)  # a front and a back per card, nothing else
        for card in concept.cards:
            front, back, _ = rendered[card].text
            assert f"<p>{html.escape(front, quote=False)}</p><p>{html.escape(back, quote=False)}</p>" in rec["html"]
        # no Markdown links, cloze syntax or marks, formulas' delimiters, Markdown's placeholders
        assert not re.search(r"\]\(|\{\{c|<span|\*\*|\\\(|\$\$|wzxhzdk|[\x02\x03]", rec["html"]), rec["html"]
    entry = json.loads((seed_site / "site" / "pagefind" / "pagefind-entry.json").read_text())
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(records)


