"""Cross-links: word-bounded English, substring Chinese, longest first, once
per card, never to itself, never inside code, math, links or headings."""

from cardsite.cards import make_card
from cardsite.concepts import build_concepts
from cardsite.linking import link_concepts


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
