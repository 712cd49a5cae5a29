"""Cards → concepts: grouping (concepts, curation), EN/ZH alignment
(bilingual), topic tags (tagging), links between concepts (linking, with the
one name matcher), and the old names that redirect. May import core, markup,
cards and read."""
