"""Concepts → the files of the site: card HTML (card_html), pages (concept,
deck, index, glossary, report), quiz data, exports, redirect pages, search
records, the security policy; files.py puts them on disk. May import core,
markup, cards, read and graph."""
