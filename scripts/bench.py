#!/usr/bin/env python3
"""Benchmark the converter and the site on generated corpora.

For each size N (default 1,000, 10,000 and 20,000 cards) it generates mixed
sources (scripts/corpus.py), then measures: convert time and peak memory; the
full build (convert + `mkdocs build`) time and peak memory; the same pages
(written by convert.py) built by plain MkDocs + Material with this project's
hooks switched off, as the baseline; site, page, search index and quiz data
sizes; under `mkdocs serve --dirty`, the time from saving an edited card to
its deck page showing the edit; and, in headless Chromium, the time to the
quiz's first card, and from typing a search (English and Chinese) to its
first result, with the bytes of the index fetched, and the Chinese word
recall of the search index (chinese_recall). Then the same for the
bundled seeds plus the real exports of ../shared/real-exports (when that
folder exists; --real-exports DIR names another). Prints one table;
`--json FILE` writes the figures too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from corpus import write_corpus  # noqa: E402
from search_recall import chinese_recall  # noqa: E402
from static_site import CHROMIUM, CHROMIUM_ARGS, fetch, free_port, served  # noqa: E402

PEAK = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
        "code = subprocess.call(sys.argv[1:]); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 20000])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    parser.add_argument("--serve-only", action="store_true",
                        help="only the `mkdocs serve` edit time, for each size (no builds, no real exports)")
    parser.add_argument("--progress-only", type=Path, metavar="SITE",
                        help="only the quiz with a year of stored progress, on this built site")
    parser.add_argument("--real-exports", type=Path, default=ROOT.parent / "shared" / "real-exports",
                        help="real exports to build beside the seeds (default: ../shared/real-exports)")
    args = parser.parse_args(argv)
    if args.progress_only:
        rows = [{"cards": "site"} | _with_browser(args.progress_only, _stored_progress)]
        print(table(rows))
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="cardsite-bench-"))
    if args.serve_only:
        rows = [bench_serve(n, work / f"n{n}") for n in args.sizes]
    else:
        rows = [bench(n, work / f"n{n}", browser=not args.no_browser) for n in args.sizes]
    if args.real_exports.is_dir() and not args.serve_only:
        rows.append(bench_real(args.real_exports, work / "real"))
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def bench(n: int, folder: Path, browser: bool) -> dict:
    print(f"--- {n} cards", file=sys.stderr)
    project = _project(folder)
    write_corpus(project / "sources", n)
    row = {"cards": n}
    row["convert_s"], row["convert_mb"] = _measured([sys.executable, "scripts/convert.py", "--out", "docs"], project)
    again, _ = _measured([sys.executable, "scripts/convert.py", "--out", "docs"], project)
    row["reconvert_s"] = again
    shutil.rmtree(project / "docs", ignore_errors=True)
    _fresh_docs(project)
    log: list[str] = []
    row["build_s"], row["build_mb"] = _measured([sys.executable, "-m", "mkdocs", "build", "-d", "site"], project, log)
    row |= _index_time(log[0], row["build_s"])
    _measured([sys.executable, "scripts/convert.py", "--out", "docs"], project)  # the pages, on disk
    baseline = project / "mkdocs-baseline.yml"
    baseline.write_text(baseline_config((project / "mkdocs.yml").read_text()))
    baseline_log: list[str] = []
    row["baseline_s"], row["baseline_mb"] = _measured(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(baseline), "-d", "site-baseline"], project, baseline_log)
    if re.search(r"\bcards: |search index: |mkdocs\.hooks", baseline_log[0]):  # a part of ours ran: no baseline
        raise SystemExit(f"the baseline build ran this project's plugin or hooks:\n{baseline_log[0][-2000:]}")
    row["ratio"] = row["build_s"] / row["baseline_s"]
    row |= _sizes(project / "site")
    shutil.rmtree(project / "docs", ignore_errors=True)
    _fresh_docs(project)
    row |= _serve_edit(project)
    if browser:
        row |= _browser(project / "site")
    return row


def baseline_config(config: str) -> str:
    """mkdocs.yml without this project's plugin and hooks: plain MkDocs +
    Material on the same pages. Whatever a line of those blocks ends with
    (comments included), they go; the build's log is checked as well."""
    config = re.sub(r"^hooks:.*\n(?:[ \t]+.*\n|[ \t]*\n)*", "", config, flags=re.M)
    return re.sub(r"^[ \t]*- cardsite\b.*\n", "", config, flags=re.M)


def bench_serve(n: int, folder: Path) -> dict:
    print(f"--- {n} cards, serve only", file=sys.stderr)
    project = _project(folder)
    write_corpus(project / "sources", n)
    return {"cards": n} | _serve_edit(project)


def bench_real(exports: Path, folder: Path) -> dict:
    """The seeds and every real export together: what a user's folder looks like."""
    print(f"--- seeds + {exports}", file=sys.stderr)
    project = _project(folder)
    shutil.copytree(ROOT / "sources", project / "sources")
    for path in sorted(exports.iterdir()):
        shutil.copy(path, project / "sources" / path.name)
    row = {"cards": "seeds+real"}
    row["convert_s"], row["convert_mb"] = _measured([sys.executable, "scripts/convert.py", "--out", "docs"], project)
    out = subprocess.run([sys.executable, "scripts/convert.py", "--out", "docs"], cwd=project, capture_output=True,
                         text=True).stdout
    row["cards"] = "seeds+real " + re.search(r"(\d+) cards,", out).group(1)
    shutil.rmtree(project / "docs", ignore_errors=True)
    _fresh_docs(project)
    log: list[str] = []
    row["build_s"], row["build_mb"] = _measured([sys.executable, "-m", "mkdocs", "build", "-d", "site"], project, log)
    row |= _index_time(log[0], row["build_s"])
    row |= _sizes(project / "site")
    return row


# --------------------------------------------------------------------------
# Measuring


def _project(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "package.json"):
        shutil.copy(ROOT / name, folder / name)
    for name in ("hooks", "scripts"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    _fresh_docs(folder)
    return folder


def _fresh_docs(folder: Path) -> None:
    (folder / "docs").mkdir(exist_ok=True)
    shutil.copy(ROOT / "docs" / "index.md", folder / "docs" / "index.md")
    shutil.copytree(ROOT / "docs" / "assets", folder / "docs" / "assets", dirs_exist_ok=True)


def _measured(command: list[str], cwd: Path, log: list[str] | None = None) -> tuple[float, float]:
    """(seconds, peak MB) of a command run in its own process; its stderr is
    appended to `log` if given."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    out = subprocess.run([sys.executable, "-c", PEAK, *command], cwd=cwd, capture_output=True, text=True, env=env)
    seconds, kb, code = out.stdout.strip().split("\n")[-1].split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed:\n{out.stderr[-3000:]}")
    if log is not None:
        log.append(out.stderr)
    return round(float(seconds), 2), round(int(kb) / 1024, 1)


SERVE_EDITS = 5  # one time is noise on a shared machine: the median of five, and their range


def _serve_edit(project: Path) -> dict:
    """Seconds from saving one edited card to its deck page serving the edit,
    under `mkdocs serve --dirty` (after its first, full build): the median of
    SERVE_EDITS edits of different cards, a few seconds apart as a person's are."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        source = project / "sources" / "quizlet-0.txt"
        lines = source.read_text(encoding="utf-8").split("\n")
        deck = f"http://127.0.0.1:{port}/decks/quizlet-0/"
        _wait(lambda: lines[3] in fetch(deck), 900)
        times = []
        for n in range(SERVE_EDITS):
            time.sleep(3)
            marker = f"Edited while serving ({n})."
            lines[4 + 2 * n] = f"{marker} {lines[4 + 2 * n]}"  # a definition: lines alternate term, definition
            saved = time.perf_counter()
            source.write_text("\n".join(lines), encoding="utf-8")
            _wait(lambda: marker in fetch(deck), 900)
            times.append(time.perf_counter() - saved)
        return {"serve_edit_s": round(statistics.median(times), 2),
                "serve_edit_range": f"{min(times):.2f}–{max(times):.2f}"}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait(condition, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > end:
            raise SystemExit(f"gave up after {seconds} s")
        time.sleep(0.1)


def _index_time(build_log: str, build_s: float) -> dict:
    """The search index's share of the build, as the build logs it."""
    seconds = float(re.search(r"search index: \d+ concepts indexed in ([\d.]+) s", build_log).group(1))
    return {"index_s": round(seconds, 2), "index_share": f"+{100 * seconds / (build_s - seconds):.0f}%"}


def _sizes(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    concept_pages = [p.stat().st_size for p in (site / "concepts").glob("*/index.html")
                     if b'http-equiv="refresh"' not in p.read_bytes()[:600]]
    generated = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("index.html")
                 if p.relative_to(site).parts[0] in ("decks", "tags", "glossary", "report", "quiz", "az", "concepts")}
    index = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    largest_generated = max(generated.items(), key=lambda kv: kv[1])
    return {
        "site_mb": round(sum(p.stat().st_size for p in files) / 2**20, 1),
        "concept_page_kb_max": round(max(concept_pages) / 1024, 1),
        "concept_page_kb_median": round(statistics.median(concept_pages) / 1024, 1),
        "largest_page": largest_generated[0], "largest_page_kb": round(largest_generated[1] / 1024, 1),
        # Pagefind's files are compressed already: what lies on disk is what a host sends
        "search_index_kb": round(sum(p.stat().st_size for p in index) / 1024), "search_index_files": len(index),
        "quiz_data_kb": round(sum(p.stat().st_size for p in (site / "quiz" / "cards").glob("*.json")) / 1024),
    }


def _browser(site: Path) -> dict:
    return _with_browser(site, lambda browser, url: _measured_in_browser(browser, url, site))


def _measured_in_browser(browser, url: str, site: Path) -> dict:
    quiz, search, grade, search_zh, fetched, fetched_zh, search_next, search_typed = [], [], [], [], [], [], [], []
    for _ in range(5):
        page = browser.new_page()
        page.goto(url + "/quiz/")
        page.wait_for_selector(".quiz-card")
        quiz.append(page.evaluate("performance.getEntriesByName('quiz-first-card')[0].startTime"))
        # grade → next card on screen: the key handler, the scheduling, the next card's layout
        grade.append(page.evaluate(GRADE_TO_NEXT))
        page.close()
        for queries, times, sizes in ((("gradient", "loss"), search, fetched), (("梯度", "损失"), search_zh, fetched_zh)):
            cold, typed, warm, size = _first_result(browser, url, *queries)
            times.append(cold)
            search_typed.append(typed)
            search_next.append(warm)
            sizes.append(size)
    progress = _stored_progress(browser, url)
    page = browser.new_page()
    page.goto(url + "/404.html")
    recall, pairs, _ = chinese_recall(page, site, url)
    page.close()
    return progress | {
        "quiz_first_card_ms": round(statistics.median(quiz)), "quiz_grade_next_ms": round(statistics.median(grade), 1),
        "search_first_result_ms": round(statistics.median(search)),
        "search_range": f"{min(search):.0f}–{max(search):.0f}", "search_kb": round(max(fetched) / 1024),
        "search_zh_first_result_ms": round(statistics.median(search_zh)), "search_zh_kb": round(max(fetched_zh) / 1024),
        "search_next_ms": round(statistics.median(search_next)), "search_typed_ms": round(statistics.median(search_typed)),
        "zh_recall": f"{100 * recall:.1f}% of {pairs}"}


def _first_result(browser, url: str, query: str, then: str) -> tuple[float, float, float, int]:
    """A fresh reader on the home page (nothing of the index is loaded before
    the box opens) presses / and pastes `query` at once, then replaces it with
    `then`; another presses / and types `query` at 10 keys a second. Returns
    (ms from the / key to the first result on screen, ms from the last key
    typed to that query's results, ms from the second query's input to its
    results, bytes of the index fetched for the first query). All include
    the box's 60 ms typing debounce."""
    marks = """
        document.addEventListener("keydown", () => performance.mark("key"), true);
        document.addEventListener("DOMContentLoaded", () => {  // the result list only (the deck and tag lists fill too)
            const list = document.querySelector(".cardsite-search .md-search-result__list");
            new MutationObserver(() => list.children.length && performance.mark("results")).observe(list, {childList: true});
        });"""
    since = """() => { const keys = performance.getEntriesByName("key"), first = keys[0].startTime, last = keys[keys.length - 1].startTime;
        const shown = performance.getEntriesByName("results").map(e => e.startTime);
        return [shown.find(t => t > first) - first, shown.find(t => t > last) - last]; }"""
    def opened():  # a fresh reader on the home page who has just pressed /
        page = browser.new_page()
        page.add_init_script(marks)
        page.goto(url + "/")
        page.wait_for_load_state("networkidle")
        page.keyboard.press("/")
        return page

    page = opened()
    page.keyboard.insert_text(query)  # pasted, or committed by an input method: one input event
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    cold = page.evaluate(since)[0]
    page.wait_for_load_state("networkidle")
    size = page.evaluate("""performance.getEntriesByType("resource").filter(e => e.name.includes("/pagefind/"))
        .reduce((sum, e) => sum + e.encodedBodySize, 0)""")  # the index is fetched by the page itself (no worker)
    warm = page.evaluate("""async query => {
        const input = document.querySelector(".cardsite-search .md-search__input");
        const list = document.querySelector(".cardsite-search .md-search-result__list");
        const before = list.innerHTML, start = performance.now();
        input.value = query;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((done, fail) => {
            const o = new MutationObserver(() => { if (list.children.length && list.innerHTML !== before) { o.disconnect(); done(); } });
            o.observe(list, { childList: true, subtree: true });
            setTimeout(() => fail(new Error("no results for " + query)), 30000);
        });
        return performance.now() - start;
    }""", then)
    page.close()
    page = opened()
    if re.search(r"[\u4e00-\u9fff]", query):
        page.wait_for_timeout(300)  # an input method commits the word after its keys: the last "key"
        page.evaluate("performance.mark('key')")
        page.keyboard.insert_text(query)
    else:
        page.keyboard.type(query, delay=100)
    page.wait_for_function("q => document.querySelector('.cardsite-search .md-search__input').value === q", arg=query)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(200)
    typed = page.evaluate(since)[1]
    page.close()
    return cold, typed, warm, size


STORED_CARDS, STORED_REVIEWS = 20_000, 100_000  # about a year of daily study


def _with_browser(site: Path, measure) -> dict:
    """measure(browser, url) on a built site, served here."""
    from playwright.sync_api import sync_playwright

    with served(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return measure(browser, url)
        finally:
            browser.close()


def _stored_progress(browser, url: str) -> dict:
    """The quiz with 20,000 card states and 100,000 reviews stored (IndexedDB,
    assets/progress.js): grade → next card (median of ten), one review's save,
    and another tab's grade shown here (its status line changed), median of
    five; each of five rounds in a fresh profile."""
    firsts, grades, saves, others = [], [], [], []
    for _ in range(5):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "/quiz/")
        page.wait_for_selector(".quiz-card")
        page.evaluate(FILL_PROGRESS, [STORED_CARDS, STORED_REVIEWS])
        other = context.new_page()
        for tab in (page, other):
            tab.goto(url + "/quiz/")
            tab.wait_for_selector(".quiz-card")
        page.bring_to_front()
        firsts.append(page.evaluate("performance.getEntriesByName('quiz-first-card')[0].startTime"))
        grades.append(page.evaluate(GRADE_TO_NEXT))
        saves.append(page.evaluate(ONE_SAVE))
        other.evaluate(STATUS_WATCH)
        at = page.evaluate(GRADE_ONE)
        others.append(other.evaluate("window.__statusChanged") - at if other.evaluate(STATUS_SEEN) else None)
        context.close()
    applied = [o for o in others if o is not None]
    return {"stored_first_card_ms": round(statistics.median(firsts)),
            "stored_grade_next_ms": round(statistics.median(grades), 1),
            "stored_save_ms": round(statistics.median(saves), 1),
            "other_tab_ms": round(statistics.median(applied), 1) if len(applied) == len(others) else None}


# 20,000 states and 100,000 reviews of cards this site does not have (ids of
# another collection): what the quiz reads and writes beside them is the point.
FILL_PROGRESS = """async ([cards, reviews]) => {
  const store = await QuizProgress.open(), states = {}, log = [], day = 86400000, now = Date.now();
  for (let i = 0; i < cards; i++)
    states["stored-" + i] = {state: 2, step: null, stability: 10 + i % 90, difficulty: 5, due: now + (1 + i % 300) * day,
                             lastReview: now - (i % 300) * day};
  for (let i = 0; i < reviews; i++) log.push(["stored-" + (i % cards), now - 400 * day + i * 60000, 1 + i % 4, i % 30]);
  for (let i = 0; i < reviews; i += 20000) await store.save(i ? {} : states, log.slice(i, i + 20000));
  return (await store.exportData()).log.length;
}"""
# One review saved as the quiz saves it, timed to the end of its transaction.
ONE_SAVE = """async () => {
  const store = await QuizProgress.open(), t = performance.now();
  await store.save({"bench-save": {state: 1, step: 0, stability: 1, difficulty: 5, due: Date.now(), lastReview: Date.now()}},
                   [["bench-save", Date.now(), 3, 0]]);
  return performance.now() - t;
}"""
STATUS_WATCH = """() => {
  window.__statusChanged = 0;
  const status = document.querySelector(".quiz-status"), before = status.textContent;
  new MutationObserver(() => { if (!window.__statusChanged && status.textContent !== before)
    window.__statusChanged = performance.timeOrigin + performance.now(); }).observe(status, {childList: true, subtree: true, characterData: true});
}"""
STATUS_SEEN = """() => new Promise(done => { const t0 = Date.now();
  (function look() { if (window.__statusChanged || Date.now() - t0 > 5000) done(!!window.__statusChanged); else setTimeout(look, 5); })(); })"""
# The card on screen graded Good: the moment of the key, on the clock all tabs share.
GRADE_ONE = """async () => {
  const key = k => document.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true}));
  key(" ");
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const at = performance.timeOrigin + performance.now();
  key("3");
  return at;
}"""


# Ten cards, each shown, revealed and graded Good by key: the median time
# from the grade's key press to the next card laid out (the synchronous part
# of one frame; saving follows once the card is on screen).
GRADE_TO_NEXT = """async () => {
  const key = k => document.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true}));
  const times = [];
  for (let i = 0; i < 10 && document.querySelector(".quiz-card"); i++) {
    key(" ");
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    const t = performance.now();
    key("3");
    document.querySelector(".quiz-card, .quiz-summary").getBoundingClientRect();
    times.push(performance.now() - t);
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}"""


# --------------------------------------------------------------------------


COLUMNS = [("cards", "cards"), ("convert_s", "convert s"), ("convert_mb", "convert MB"), ("reconvert_s", "re-convert s"),
           ("build_s", "build s"), ("build_mb", "build MB"), ("baseline_s", "baseline s"), ("ratio", "ours/base"),
           ("site_mb", "site MB"), ("concept_page_kb_max", "concept KB max"), ("concept_page_kb_median", "median"),
           ("largest_page_kb", "largest page KB"), ("largest_page", "largest page"),
           ("index_s", "index s"), ("index_share", "index adds"),
           ("search_index_kb", "index KB"), ("search_index_files", "index files"), ("quiz_data_kb", "quiz data KB"),
           ("serve_edit_s", "serve: edit shown s"), ("serve_edit_range", "range of 5"),
           ("quiz_first_card_ms", "quiz 1st card ms"), ("quiz_grade_next_ms", "quiz grade→next ms"),
           ("stored_first_card_ms", "1st card, year stored"), ("stored_grade_next_ms", "grade→next, year stored"),
           ("stored_save_ms", "one save, year stored"), ("other_tab_ms", "other tab's grade ms"),
           ("search_first_result_ms", "search: query with / ms"), ("search_range", "range of 5"),
           ("search_typed_ms", "search: after typing ms"),
           ("search_kb", "search KB fetched"), ("search_zh_first_result_ms", "梯度 1st result ms"),
           ("search_zh_kb", "梯度 KB fetched"), ("search_next_ms", "next query ms"), ("zh_recall", "Chinese word recall")]


def table(rows: list[dict]) -> str:
    lines = []
    for key, label in COLUMNS:
        values = [r.get(key, "") for r in rows]
        shown = [f"{v:.2f}" if isinstance(v, float) and key == "ratio" else str(v) for v in values]
        lines.append(f"{label:<22}" + "".join(f"{v:>22}" for v in shown))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
