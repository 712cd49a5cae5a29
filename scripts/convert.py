#!/usr/bin/env python3
"""Convert flashcard and note exports into the site's Markdown pages.
Run with --help for the options."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cardsite.run.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
