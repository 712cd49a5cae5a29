#!/usr/bin/env python3
"""Benchmark the converter and the site on generated corpora.

For each size N (default 1,000, 10,000 and 20,000 cards) it generates mixed
sources (scripts/corpus.py), then measures: convert time and peak memory; the
full build (convert + `mkdocs build`) time and peak memory; the same pages
(written by convert.py) built by plain MkDocs + Material with this project's
hooks switched off, as the baseline; site, page, search index and quiz data
sizes; under `mkdocs serve --dirty`, the time from saving an edited card to
its deck page showing the edit; and, in headless Chromium, the time to the
quiz's first card and to the first search result. Then the same for the
bundled seeds plus the real exports of ../shared/real-exports (when that
folder exists; --real-exports DIR names another). Prints one table;
`--json FILE` writes the figures too.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from corpus import write_corpus  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
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
    parser.add_argument("--real-exports", type=Path, default=ROOT.parent / "shared" / "real-exports",
                        help="real exports to build beside the seeds (default: ../shared/real-exports)")
    args = parser.parse_args(argv)
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
    row["build_s"], row["build_mb"] = _measured([sys.executable, "-m", "mkdocs", "build", "-d", "site"], project)
    _measured([sys.executable, "scripts/convert.py", "--out", "docs"], project)  # the pages, on disk
    baseline = project / "mkdocs-baseline.yml"
    config = (project / "mkdocs.yml").read_text()
    baseline.write_text(re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", config))
    row["baseline_s"], row["baseline_mb"] = _measured(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(baseline), "-d", "site-baseline"], project)
    row["ratio"] = row["build_s"] / row["baseline_s"]
    row |= _sizes(project / "site")
    shutil.rmtree(project / "docs", ignore_errors=True)
    _fresh_docs(project)
    row |= _serve_edit(project)
    if browser:
        row |= _browser(project / "site")
    return row


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
    row["build_s"], row["build_mb"] = _measured([sys.executable, "-m", "mkdocs", "build", "-d", "site"], project)
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


def _measured(command: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak MB) of a command run in its own process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    out = subprocess.run([sys.executable, "-c", PEAK, *command], cwd=cwd, capture_output=True, text=True, env=env)
    seconds, kb, code = out.stdout.strip().split("\n")[-1].split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed:\n{out.stderr[-3000:]}")
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(condition, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > end:
            raise SystemExit(f"gave up after {seconds} s")
        time.sleep(0.1)


def _sizes(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    concept_pages = [p.stat().st_size for p in (site / "concepts").glob("*/index.html")
                     if b'http-equiv="refresh"' not in p.read_bytes()[:600]]
    generated = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("index.html")
                 if p.relative_to(site).parts[0] in ("decks", "tags", "glossary", "report", "quiz", "az", "concepts")}
    index = (site / "search" / "search_index.json").read_bytes()
    largest_generated = max(generated.items(), key=lambda kv: kv[1])
    return {
        "site_mb": round(sum(p.stat().st_size for p in files) / 2**20, 1),
        "concept_page_kb_max": round(max(concept_pages) / 1024, 1),
        "concept_page_kb_median": round(statistics.median(concept_pages) / 1024, 1),
        "largest_page": largest_generated[0], "largest_page_kb": round(largest_generated[1] / 1024, 1),
        "search_index_kb": round(len(index) / 1024), "search_index_gz_kb": round(len(gzip.compress(index)) / 1024),
        "quiz_data_kb": round(sum(p.stat().st_size for p in (site / "quiz" / "cards").glob("*.json")) / 1024),
    }


def _browser(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    quiz, search, grade = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        for _ in range(5):
            page = browser.new_page()
            page.goto(url + "/quiz/")
            page.wait_for_selector(".quiz-card")
            quiz.append(page.evaluate("performance.getEntriesByName('quiz-first-card')[0].startTime"))
            # grade → next card on screen: the key handler, the scheduling, the next card's layout
            grade.append(page.evaluate(GRADE_TO_NEXT))
            page.close()
            page = browser.new_page()
            page.add_init_script("""new MutationObserver((_, o) => { if (document.querySelector('.md-search-result__item')) {
                performance.mark('first-result'); o.disconnect(); } }).observe(document, {subtree: true, childList: true});""")
            page.goto(url + "/?q=gradient")
            page.wait_for_selector(".md-search-result__item", timeout=60_000)
            search.append(page.evaluate("performance.getEntriesByName('first-result')[0].startTime"))
            page.close()
        browser.close()
    server.shutdown()
    return {"quiz_first_card_ms": round(statistics.median(quiz)), "search_first_result_ms": round(statistics.median(search)),
            "quiz_grade_next_ms": round(statistics.median(grade), 1)}


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
           ("search_index_kb", "index KB"), ("search_index_gz_kb", "index gz KB"), ("quiz_data_kb", "quiz data KB"),
           ("serve_edit_s", "serve: edit shown s"), ("serve_edit_range", "range of 5"),
           ("quiz_first_card_ms", "quiz 1st card ms"), ("quiz_grade_next_ms", "quiz grade→next ms"),
           ("search_first_result_ms", "search 1st result ms")]


def table(rows: list[dict]) -> str:
    lines = []
    for key, label in COLUMNS:
        values = [r.get(key, "") for r in rows]
        shown = [f"{v:.2f}" if isinstance(v, float) and key == "ratio" else str(v) for v in values]
        lines.append(f"{label:<22}" + "".join(f"{v:>22}" for v in shown))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
