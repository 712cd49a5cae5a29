"""Markdown, HTML and TeX as text: where code, math and fences are (spans),
what HTML survives (html_policy, sanitize), Anki HTML to Markdown, cloze
markup, KaTeX. May import core."""
