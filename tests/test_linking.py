"""Cross-links: word-bounded English, substring Chinese, longest first, once
per card, never to itself, never inside code, math, links or headings."""

from cardsite.cards.make import make_card
from cardsite.graph.concepts import build_concepts
from cardsite.graph.linking import link_concepts


def site(*entries):
    """entries: (term, definition) pairs, one card each, in one deck."""
    cards = [make_card(deck="d", file="d.txt", line=i, front=t, back=b) for i, (t, b) in enumerate(entries, 1)]
    for card in cards:
        card.id = f"c{card.line}"
    concepts = build_concepts(cards)
    link_concepts(concepts)
    return {c.slug: c for c in concepts}


def back(concepts, slug):
    return concepts[slug].cards[0].back


def test_english_word_bounded_case_insensitive_once_per_card():
    c = site(("Softmax", "turns logits into probabilities"),
             ("Logits", "Raw scores; SOFTMAX of them, softmax again, softmaxes, presoftmax."))
    assert back(c, "logits") == "Raw scores; [SOFTMAX](site:concepts/softmax/) of them, softmax again, softmaxes, presoftmax."
    assert [(s, a) for s, _, a in c["softmax"].backlinks] == [("logits", "c2")]
    assert c["logits"].links_out == {"softmax"}


def test_chinese_substring_and_longest_match_first():
    c = site(("梯度", "导数"), ("梯度下降", "沿负梯度方向更新"), ("SGD", "随机梯度下降的一种"),
             ("Gradient", "a vector"), ("Gradient descent", "follow the negative gradient"),
             ("Optimizers", "Gradient descent and its variants"))
    assert back(c, "sgd") == "随机[梯度下降](site:concepts/ti-du-xia-jiang/)的一种"
    assert back(c, "ti-du-xia-jiang") == "沿负[梯度](site:concepts/ti-du/)方向更新"
    assert back(c, "optimizers") == "[Gradient descent](site:concepts/gradient-descent/) and its variants"
    assert back(c, "gradient-descent") == "follow the negative [gradient](site:concepts/gradient/)"


def test_never_inside_code_math_links_headings_or_to_itself():
    text = ("`Softmax` in code, $softmax(x)$ in math, [Softmax](https://x.org) linked, "
            "<https://softmax.org>, https://example.org/softmax and Softmax itself.")
    c = site(("Softmax", text), ("Other", "```\nsoftmax()\n```\n\n## Softmax heading\n\nthen softmax"))
    assert back(c, "softmax") == text
    assert back(c, "other") == "```\nsoftmax()\n```\n\n## Softmax heading\n\nthen [softmax](site:concepts/softmax/)"


def test_acronyms_match_as_spelled_and_shared_names_link_nowhere():
    c = site(("mAP", "mean average precision"), ("Logistic regression", "map logits with sigmoid; report mAP"),
             ("Cross-entropy loss (log loss)", "-sum y log p"), ("Logistic loss (log loss)", "the same, for two classes"),
             ("Note", "log loss again"))
    assert back(c, "logistic-regression") == "map logits with sigmoid; report [mAP](site:concepts/map/)"
    assert back(c, "note") == "log loss again"  # "log loss" names two concepts


def test_versus_questions_relate_both_sides():
    c = site(("Momentum", "a fraction of the last step"), ("Nesterov momentum", "look ahead"),
             ("Momentum vs Nesterov momentum?", "the latter looks ahead"))
    pair = "momentum-vs-nesterov-momentum"
    assert {s for s, _, _ in c[pair].related} == {"momentum", "nesterov-momentum"}
    assert (pair, "Momentum vs Nesterov momentum", "compared") in c["momentum"].related


def test_ordinary_words_letters_and_numbers_keep_their_page_but_are_never_linked():
    c = site(("for", "a preposition"), ("two", "a number word"), ("I", "a letter, or a month"), ("42", "a number"),
             ("defined", "a past participle"), ("学习", "常用词"),
             ("Adam", "an optimiser"), ("Softmax", "Useful for compression, two or I or 42 times; defined here; "
                                                  "Adam too. 学习率"))
    assert set(c) >= {"for", "two", "i", "42", "defined", "xue-xi", "adam"}  # each still has its page
    assert back(c, "softmax") == ("Useful for compression, two or I or 42 times; defined here; "
                                  "[Adam](site:concepts/adam/) too. 学习率")
    assert [c[slug].backlinks for slug in ("for", "two", "i", "42", "defined", "xue-xi")] == [[]] * 6


def test_related_are_real_relations_never_a_deck_tag_or_a_backlink():
    cards = [make_card(deck="d", file="d.md", line=i, front=t, back=b, tags=("AI", *extra))
             for i, (t, b, extra) in enumerate([
                 ("Softmax", "turns logits into probabilities", ()),
                 ("Cross-Entropy", "a loss", ()),
                 ("Logits", "raw scores", ()),
                 ("Classifier", "uses Softmax with Cross-Entropy on its Logits", ()),
                 ("Beam search", "decoding", ("decoding",)),
                 ("Greedy decoding", "one step at a time", ("decoding",))], start=1)]
    for card in cards:
        card.id = f"c{card.line}"
    concepts = build_concepts(cards)
    link_concepts(concepts)
    c = {x.slug: x for x in concepts}
    # mentioned together in one card: related, with that reason
    assert ("cross-entropy", "Cross-Entropy", "mentioned together") in c["softmax"].related
    assert ("logits", "Logits", "mentioned together") in c["softmax"].related
    # "AI" is on every card of the deck: it relates nothing
    assert not [r for r in c["cross-entropy"].related if r[2] == "shares tags"]
    # a rare shared tag does
    assert c["beam-search"].related == [("greedy-decoding", "Greedy decoding", "shares tags")]
    # what mentions a concept is listed under "Mentioned in", not again under Related
    assert "classifier" not in {s for s, _, _ in c["softmax"].related}


def test_wiki_links_go_to_the_concept_of_that_name_on_purpose():
    c = site(("for", "a preposition"), ("Softmax", "turns logits into probabilities"),
             ("Notes", "See [[Softmax#Formula|the formula]], [[for]], [[Nowhere]] and `[[Softmax]]`, "
                       "then softmax again."))
    assert back(c, "notes") == ("See [the formula](site:concepts/softmax/), [for](site:concepts/for/), Nowhere and "
                                "`[[Softmax]]`, then softmax again.")  # once per card: the wiki link was the one
    assert [s for s, _, _ in c["for"].backlinks] == ["notes"]  # an ordinary word, linked on purpose
