"""Flashcards and notes from many tools turned into one MkDocs site.

The package is layered; each folder may import only from the folders above it
in this list (tests/test_layers.py holds the code to it):

  core/    URLs, slugs, npm packages, memo: knows nothing of cards or markup
  markup/  Markdown, HTML and TeX as text: spans, the HTML allow-list, cloze
           markup, KaTeX
  cards/   the data model (Card, Deck, Concept, Problem), how a card is made
           from a reader's fields, and the transforms on cards (media, formulas)
  read/    bytes → text → cards: one module per format, and the registry
  graph/   cards → concepts: grouping, curation, EN/ZH alignment, topic tags,
           links between concepts, old names
  site/    concepts → files: card HTML, pages, quiz data, exports, search
           records, the report, the security policy
  run/     the steps in order (pipeline), the command line (cli), the MkDocs
           plugin, what `mkdocs serve` keeps between rebuilds (buildstate, reuse)
"""
