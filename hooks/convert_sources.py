"""Turn sources/ into pages before MkDocs collects the docs folder, and have
`mkdocs serve` rebuild when a deck changes."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from cardsite.model import INFO  # noqa: E402
from cardsite.pipeline import convert  # noqa: E402
from cardsite.writers.glossary import coverage  # noqa: E402

log = logging.getLogger("mkdocs.hooks.convert_sources")


def on_pre_build(config):
    corpus, stats = convert(_sources(config), Path(config.docs_dir))
    # Findings in the user's content are reported, not MkDocs warnings: a deck
    # with a broken row must not stop `mkdocs build --strict` for everyone else.
    for problem in corpus.problems:
        if problem.severity != INFO:
            log.info("cards: %s", problem)
    have, total = coverage(corpus.concepts)
    log.info("glossary: %d of %d concepts have a Chinese term (%.1f%%)", have, total, 100 * have / max(total, 1))
    log.info("cards: %d decks, %d cards, %d concepts; %d pages written, %d unchanged, %d removed",
             len(corpus.decks), len(corpus.cards), len(corpus.concepts),
             stats.written, stats.unchanged, stats.removed)


def on_serve(server, config, builder):
    server.watch(str(_sources(config)))
    return server


# --------------------------------------------------------------------------


def _sources(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "sources"
