"""Formulas: repaired, checked by KaTeX, reported with file:line when they
still fail, and a clear message when Node or KaTeX is missing."""

from conftest import build, make_project, seed_files

from cardsite.cards.make import make_card
from cardsite.cards.formulas import balance_braces, check_formulas
from cardsite.markup.katex import shared_renderer


def card(back: str):
    return make_card(deck="d", file="d.md", line=7, front="Formula", back=back)


def test_unbalanced_braces():
    assert balance_braces(r"\text{Recall}}={\frac {tp}{tp+fn}}") == r"\text{Recall}={\frac {tp}{tp+fn}}"
    assert balance_braces(r"\frac{a}{b") == r"\frac{a}{b}"
    assert balance_braces(r"\{x\}}") == r"\{x\}"


def test_repairs_then_katex_then_code_for_what_still_fails():
    c = card(r"ok $x_i^2$, fixed $\text{Recall}}$, broken $\frac{a}{b}\bad$, money $5-$10, code `$a$`")
    problems = check_formulas([c], shared_renderer())
    assert c.back == (r"ok $x_i^2$, fixed $\text{Recall}$, broken `$\frac{a}{b}\bad$`, money \$5-\$10, code `$a$`")
    found = sorted((p.severity, p.line, p.message.split(":")[0]) for p in problems)
    assert found == [("info", 7, "dollar signs are money, not math"), ("info", 7, "math"),
                     ("warning", 7, "formula KaTeX cannot render, shown as code")]
    html, error = shared_renderer().render(r"\text{Recall}")
    assert 'class="katex"' in html and error is None


def test_missing_katex_is_one_clear_line(tmp_path):
    project = make_project(tmp_path, seed_files(tmp_path / "sources", "deep-learning-flashcards.md"))  # it has math
    (project / "node_modules").unlink()
    result = build(project)
    assert result.returncode != 0
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1 and "run `npm ci`" in errors[0] and "Node.js" in errors[0]
