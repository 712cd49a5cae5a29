"""Generated study material for benchmarks and scale tests: N cards spread over
every supported format (Anki packages included), with math in about a fifth
of the cards, Chinese in about a fifth, cloze notes in about a seventh of the
Anki ones, and definitions that mention other concepts.

`write_corpus(folder, n)` writes the files and returns how many cards each
holds, so a test can check that every one of them reaches the site."""

from __future__ import annotations

import random
from pathlib import Path

from anki_package_writer import BASIC, CLOZE, Note, Package, png

WORDS = ("gradient loss layer tensor matrix vector model batch epoch sample feature kernel network weight bias "
         "attention token encoder decoder dropout momentum optimizer entropy softmax sigmoid pooling stride "
         "residual embedding variance prior posterior margin cluster").split()
SUBJECTS = ("Adaptive Sparse Residual Stochastic Spectral Bayesian Convolutional Recurrent Contrastive Latent "
            "Hierarchical Quantized Federated Causal Robust Kernel").split()
ZH_WORDS = "梯度 损失 张量 矩阵 向量 模型 批次 样本 特征 网络 权重 注意力 编码器 解码器 正则化 优化器".split()
FORMULAS = (r"$x_{i}^{2} + \frac{a}{b}$", r"$\sum_{j=1}^{n} w_j x_j$", r"$\mathbb{E}[X] = \mu$",
            r"$\sigma(z) = \frac{1}{1 + e^{-z}}$", r"$\lVert w \rVert_2^2$")
SHARES = (("anki", 0.3), ("package", 0.1), ("quizlet", 0.2), ("tables", 0.15), ("numbered", 0.15), ("headings", 0.1))
PER_FILE = 2000


def write_corpus(folder: Path, n: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = entry_names(n)
    counts: dict[str, int] = {}
    start, tables_start = 0, 0
    for kind, share in SHARES:
        total = round(n * share) if kind != SHARES[-1][0] else n - start
        tables_start = start if kind == "tables" else tables_start
        # the Chinese notes translate the English ones: same titles, same terms
        offset = tables_start - start if kind == "numbered" else 0
        for part, first in enumerate(range(start, start + total, PER_FILE)):
            last = min(first + PER_FILE, start + total)
            files = WRITERS[kind](rng, names, first + offset, last + offset, part)
            for name, content in files.items():
                if isinstance(content, bytes):
                    (folder / name).write_bytes(content)
                else:
                    (folder / name).write_text(content, encoding="utf-8")
                counts[name] = last - first
        start += total
    return _counted(folder, counts)


# --------------------------------------------------------------------------
# One card's text


def entry_names(n: int) -> list[str]:
    """The n concept names, one per entry: "Adaptive gradient 0", …"""
    return [f"{SUBJECTS[i % len(SUBJECTS)]} {WORDS[(i * 7) % len(WORDS)]} {i}" for i in range(n)]


def definition(rng: random.Random, names: list[str], i: int) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18)))
    text = f"{words.capitalize()}; related to {names[rng.randrange(len(names))]}."
    if i % 5 == 0:
        text += " " + FORMULAS[i % len(FORMULAS)]
    return text


def cloze(rng: random.Random, names: list[str], i: int) -> str:
    """Two deletions, one with a hint, and math inside the second in every other one."""
    hidden = r"\(\frac{a}{b}\)" if i % 2 else rng.choice(WORDS)
    return f"{{{{c1::{names[i]}}}}} works with {{{{c2::{hidden}::what}}}} and {rng.choice(WORDS)}."


def chinese(rng: random.Random) -> str:
    return "".join(rng.choice(ZH_WORDS) for _ in range(rng.randint(6, 12))) + "。"


# --------------------------------------------------------------------------
# Formats


def _anki(rng, names, first, last, part):
    rows = []
    for i in range(first, last):
        back = definition(rng, names, i).replace("; ", "<br>")
        if i % 5 == 1:
            back = chinese(rng) + "<br>" + back
        extra = f"torch.{rng.choice(WORDS)}(x, dim={i % 4})" if i % 3 == 0 else ""
        if i % 7 == 3:  # a cloze note: the text, then its Back Extra
            rows.append(f"{cloze(rng, names, i)}\t{back}\t")
        else:
            rows.append(f"{names[i]}?\t<b>{back}</b>\t{extra}")
    return {f"anki-{part}.txt": "#separator:tab\n#html:true\n#columns:Front\tBack\tExtra\n" + "\n".join(rows) + "\n"}


def _package(rng, names, first, last, part):
    """A current Anki package (anki21b): Basic and Cloze notes, some with a picture."""
    notes = []
    for i in range(first, last):
        back = definition(rng, names, i).replace("$", "").replace("; ", "<br>")
        if i % 3 == 0:
            back += f'<br><img src="figure-{i % 10}.png">'
        if i % 7 == 3:
            notes.append(Note(CLOZE, [cloze(rng, names, i), back], tags="generated package::cloze"))
        else:
            notes.append(Note(BASIC, [names[i], back], tags="generated package"))
    media = {f"figure-{k}.png": png(20 * k) for k in range(10)}
    return {f"package-{part}.apkg": Package(notes, media, modern=True).build()}


def _quizlet(rng, names, first, last, part):
    lines = [f"1/{last - first}", "No analytics yet", "Send a link to your students to track their progress"]
    for i in range(first, last):
        lines += [names[i], definition(rng, names, i).replace("$", "")]
    return {f"quizlet-{part}.txt": "\n".join(lines)}


def _tables(rng, names, first, last, part):
    rows = [f"| {names[i]} | {definition(rng, names, i)} |" for i in range(first, last)]
    body = "\n\n".join(f"## Section {k}\n\n| Concept | Description |\n| :-- | :-- |\n" + "\n".join(rows[k:k + 50])
                       for k in range(0, len(rows), 50))
    return {f"notes-{part}.en.md": f"---\ntags: [generated]\n---\n\n# Generated notes {part}\n\n{body}\n"}


def _numbered(rng, names, first, last, part):
    items = [f"{k}.  {names[i]}：{chinese(rng)}{' ' + FORMULAS[i % len(FORMULAS)] if i % 5 == 0 else ''}  \n"
             for k, i in enumerate(range(first, last), start=1)]
    return {f"notes-{part}.zh.md": f"---\ntags: [generated]\n---\n\n# Generated notes {part}\n" + "".join(items)}


def _headings(rng, names, first, last, part):
    cards = []
    for i in range(first, last):
        code = f"\n```python\nloss = {rng.choice(WORDS)}(x)\n```\n" if i % 4 == 0 else ""
        cards.append(f"## {names[i]}\n\nsource: https://example.org/{i}\n\n* {definition(rng, names, i)}\n{code}")
    return {f"cards-{part}.md": f"# Generated flashcards {part}\n\n1. TOC\n{{:toc}}\n\n" + "\n".join(cards)}


WRITERS = {"anki": _anki, "package": _package, "quizlet": _quizlet, "tables": _tables, "numbered": _numbered, "headings": _headings}


def _counted(folder: Path, counts: dict[str, int]) -> dict[str, int]:
    """Cards per file, from the generator's own arithmetic (one per entry)."""
    out = {}
    for name in counts:
        if name.endswith(".apkg"):
            out[name] = counts[name]  # one card per note written
            continue
        text = (folder / name).read_text(encoding="utf-8")
        if name.startswith("anki"):
            out[name] = sum(1 for ln in text.split("\n") if ln and not ln.startswith("#"))
        elif name.startswith("quizlet"):
            out[name] = (len([ln for ln in text.split("\n") if ln]) - 3) // 2
        elif name.endswith(".en.md"):
            out[name] = sum(1 for ln in text.split("\n") if ln.startswith("| ") and not ln.startswith(("| Concept", "| :")))
        elif name.endswith(".zh.md"):
            out[name] = sum(1 for ln in text.split("\n") if ln[:1].isdigit())
        else:
            out[name] = text.count("\n## ")
    return out
