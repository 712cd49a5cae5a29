"""Command line: `python scripts/convert.py` (or `cardsite-convert`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..markup.katex import use_project
from ..cards.model import ERROR, INFO, WARNING
from .pipeline import Options, convert
from ..site.card_html import MarkdownConfig
from ..site.report import build_report, report_text
from ..site.glossary import coverage

DESCRIPTION = """Convert flashcard and note exports into the site's Markdown pages.

Reads every file under --sources (Anki text, Quizlet, Markdown notes,
Jekyll heading cards: recognised by content, not by name) and writes concept
pages, deck pages and indexes under --out. `mkdocs build` runs this itself
through the cardsite plugin (plugin.py); run it by hand to see the summary."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="convert.py", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=Path, default=Path("sources"), help="folder of exports (default: sources/)")
    parser.add_argument("--out", type=Path, default=Path("docs"), help="MkDocs docs folder to write into (default: docs/)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="the site's mkdocs.yml: its Markdown extensions and site_url (default: mkdocs.yml)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any file or entry has an error")
    parser.add_argument("--verbose", "-v", action="store_true", help="also list the repairs made (info lines)")
    parser.add_argument("--report", action="store_true",
                        help="print the quality report (also on the site at /report/)")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        parser.error(f"sources folder not found: {args.sources}")
    # KaTeX is the project's (npm ci): beside its mkdocs.yml, else above the sources
    use_project((args.config if args.config.is_file() else args.sources).resolve().parent)
    corpus, stats = convert(args.sources, args.out, options_of(args.config))
    print(summary(corpus, stats, args.verbose))
    if args.report:
        print("\n" + report_text(build_report(corpus)))
    errors = _count(corpus.problems, ERROR)
    return 1 if args.strict and errors else 0


def options_of(mkdocs_yml: Path) -> Options:
    """The site's settings from its mkdocs.yml; MkDocs' defaults without one."""
    settings = {}
    if mkdocs_yml.is_file():
        from mkdocs.utils.yaml import yaml_load

        with mkdocs_yml.open(encoding="utf-8") as handle:
            settings = yaml_load(handle) or {}
    return Options(MarkdownConfig.of_settings(settings), site_url=settings.get("site_url") or "")


def summary(corpus, stats, verbose: bool = False) -> str:
    rows = [("deck", "format", "cards", "errors", "warnings", "file")]
    for d in corpus.decks:
        rows.append((d.slug, d.format, str(len(d.cards)), str(_count(d.problems, ERROR)),
                     str(_count(d.problems, WARNING)), d.file))
    for p in corpus.unrecognised:
        rows.append(("—", "unrecognised", "0", "1", "0", p.file))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) if c.isdigit() else c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    problems = corpus.problems  # sorted afresh on each access
    shown = [p for p in problems if verbose or p.severity != INFO]
    if shown:
        lines += ["", "Problems:"] + [f"  {p}" for p in shown]
    have, total = coverage(corpus.concepts)
    lines += ["", f"glossary: {have} of {total} concepts have a Chinese term ({100 * have / max(total, 1):.1f}%)"]
    lines += [f"{len(corpus.decks)} decks, {len(corpus.cards)} cards, {len(corpus.concepts)} concepts, "
              f"{_count(problems, ERROR)} errors, {_count(problems, WARNING)} warnings, "
              f"{_count(problems, INFO)} repairs; pages written {stats.written}, "
              f"unchanged {stats.unchanged}, removed {stats.removed}"]
    return "\n".join(lines)


def _count(problems, severity: str) -> int:
    return sum(p.severity == severity for p in problems)

