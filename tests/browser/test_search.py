"""Search in English and Chinese, typed into Material's search box the way a
person does (End pressed after Chinese, which fires no keyup otherwise)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FIRST_RESULT = {
    "softmax": "softmax", "adam": "adam", "curriculum learning": "curriculum-learning",
    "cross entropy": "cross-entropy-loss", "markov": "markov-chain", "dropout": "dropout",
    "momentum": "momentum", "transfer learning": "transfer-learning", "panoptic": "panoptic-segmentation",
    "log loss": "cross-entropy-loss", "NLL": "negative-log-likelihood", "QMFs": "quadrature-mirror-filters",
    "残差": "residual-in-resnet", "退化算子": "degradation-operators", "伪任务": "pretext-task",
    "课程学习": "curriculum-learning", "迁移学习": "transfer-learning", "马尔可夫链": "markov-chain",
    "帕累托前沿": "pareto-frontier", "全景分割": "panoptic-segmentation", "知识蒸馏": "knowledge-distillation",
    "困惑度": "perplexity", "独热编码": "one-hot-encoding", "矩阵点积": "matrix-dot-product",
    "随机梯度下降": "torch-optim-sgd",
}


def results(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")
    expect(page.locator(".md-search-result__item")).to_have_count(0)  # the last query's results are gone
    box.fill(query)
    box.press("End")  # Chinese input fires no keyup; End does
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    return _stable_hrefs(page)


def _stable_hrefs(page) -> list[str]:
    """The result list once the search worker has stopped updating it."""
    read = lambda: page.locator(".md-search-result__item > a").evaluate_all(  # noqa: E731
        "els => els.map(e => e.getAttribute('href'))")
    previous = read()
    for _ in range(20):
        page.wait_for_timeout(150)
        current = read()
        if current == previous and current:
            break
        previous = current
    return [re.sub(r"^https?://[^/]+/|\?h=.*$", "", href) for href in previous]


def test_queries_in_both_languages_put_the_concept_first(page, server):
    page.goto(server + "/")
    chinese = [q for q in FIRST_RESULT if re.search(r"[\u4e00-\u9fff]", q)]
    assert len(FIRST_RESULT) >= 20 and len(chinese) * 2 >= len(FIRST_RESULT)
    wrong = {}
    for query, slug in FIRST_RESULT.items():
        found = results(page, query)
        if found[0] != f"concepts/{slug}/":
            wrong[query] = found[:3]
        assert not any(f.startswith("decks/") for f in found)  # card text is indexed once, on its concept page
    assert wrong == {}


def test_the_examples_of_the_issue(page, server):
    page.goto(server + "/")
    assert "concepts/torch-optim-sgd/" in results(page, "梯度下降")
    assert results(page, "残差")[0] == "concepts/residual-in-resnet/"


def test_a_search_link_can_be_shared(page, server):
    page.goto(server + "/?q=softmax")
    expect(page.locator("input.md-search__input")).to_have_value("softmax")
    first = page.locator(".md-search-result__item > a").first
    expect(first).to_have_attribute("href", re.compile(r"/concepts/softmax/"))
    expect(first).to_contain_text("Softmax 函数")  # the result shows the Chinese name too
