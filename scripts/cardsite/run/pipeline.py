"""The whole conversion, its steps listed once and in order:

  read_sources: find files → decode → pick a reader → read → ids → media →
                formulas (KaTeX check) → curation, taxonomy, terminology →
                EN/ZH alignment → distinct deck titles → concepts → Chinese
                terms → tags → links
  build_site:   render every card once (the site's Markdown) → pages, quiz
                data, exports, redirects, media — all in memory (`Site`)
  convert:      the same Site written under an output folder (convert.py)

The MkDocs plugin (plugin.py) hands the Site's files to MkDocs
without writing them. Data only flows forward: nothing reads back what a
later step rendered."""

from __future__ import annotations

import hashlib
from collections import Counter
from copy import copy
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from ..graph.bilingual import FILE as TERMINOLOGY, align, assign_chinese, load_terminology, translation_pairs
from ..graph.concepts import build_concepts
from ..graph.curation import FILE as CURATION, load_curation
from ..cards.formulas import check_formulas
from ..site.csp import meta_tag
from ..markup.katex import shared_renderer
from ..graph.linking import link_concepts
from ..core import urls
from ..core.memo import no_memo
from ..cards.media import rename_clashing_media, resolve_media
from ..cards.model import ERROR, ByCard, Corpus, Deck, Problem, assign_ids
from ..read import anki_package, pick_reader
from ..graph.old_names import redirect_map
from ..site.card_html import MarkdownConfig, describe, rendered_cards, renderer_for
from ..site.report import build_report
from .reuse import NO_REUSE, Reuse
from ..core.slugs import RESERVED, allocate, slugify
from ..graph.tagging import FILE as TAXONOMY, load_taxonomy, tag_concepts
from ..read.textio import Decoded, decode, is_media
from ..site.deck_pages import deck_chunks, deck_pages, deck_url_of, decks_index
from ..site.exports import export_files
from ..site.files import WriteStats, write_tree
from ..site.glossary import glossary_pages
from ..site.common import front_matter
from ..site.concept_pages import concept_pages, page_inputs
from ..site.indexes import concepts_index, tag_pages, tag_slugs
from ..site.quiz import quiz_files
from ..site.redirect_pages import redirect_files
from ..site.report_page import report_pages
from ..site.search_index import record

# Files in sources/ that configure the site rather than hold cards.
CURATION_FILES = {CURATION, TAXONOMY, TERMINOLOGY}


def read_sources(sources: Path, reuse: Reuse = NO_REUSE) -> Corpus:
    """reuse: what the build before made (a `mkdocs serve` rebuild)."""
    files = sorted(p for p in sources.rglob("*") if p.is_file() and not _hidden(p, sources))
    slugs = _deck_slugs([p.relative_to(sources) for p in files])
    taken = set(slugs.values()) | RESERVED
    decks, unrecognised, media = [], [], {}
    for path in files:
        rel = path.relative_to(sources).as_posix()
        if path.name in CURATION_FILES:
            continue
        raw = path.read_bytes()
        if is_media(raw):
            media[path.name] = rel
            continue
        decks_of_file, problems, packed = read_kept(reuse.reads, raw, rel, slugs[rel], taken)
        if packed:
            rename_clashing_media(packed, media, [c for d in decks_of_file for c in d.cards])
        decks += decks_of_file
        unrecognised += problems
    cards = [c for d in decks for c in d.cards]
    for deck in decks:
        for card in deck.cards:
            deck.problems += resolve_media(card, media)
    deck_at = {(c.file, c.line): d for d in decks for c in d.cards}
    for problem in check_formulas(cards, shared_renderer(), reuse.formulas):
        deck = deck_at.get((problem.file, problem.line))
        (deck.problems if deck else unrecognised).append(problem)
    curation = load_curation(_read_optional(sources / CURATION))
    taxonomy, taxonomy_problems = load_taxonomy(_read_optional(sources / TAXONOMY))
    terminology, terminology_problems = load_terminology(_read_optional(sources / TERMINOLOGY))
    aligned = []
    for english, chinese in translation_pairs(decks):
        alignment = align(english, chinese, terminology)
        aligned += alignment.pairs
        for problem in alignment.problems:
            (english if problem.file == english.file else chinese).problems.append(problem)
    _distinct_titles(decks)  # after the pairing of translations, which goes by the shared title
    concepts = build_concepts(cards, curation, same_as={id(zh): en for en, zh in aligned})
    assign_chinese(concepts, aligned, terminology, curation.zh_terms())
    tag_concepts(concepts, decks, taxonomy, reuse.topics)
    link_concepts(concepts, reuse.links)
    return Corpus(decks, concepts, unrecognised, media,
                  curation.problems + taxonomy_problems + terminology_problems)


LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


def _distinct_titles(decks: list[Deck]) -> None:
    """Two decks that would share a title are told apart: by language where
    theirs differ ("Misc for AI & Python · 中文"), else by file name."""
    by_title: dict[str, list[Deck]] = {}
    for deck in decks:
        by_title.setdefault(deck.title, []).append(deck)
    for title, same in by_title.items():
        if len(same) < 2:
            continue
        languages = Counter(d.lang for d in same)
        for deck in same:
            if len(languages) > 1 and languages[deck.lang] == 1:
                if deck.lang != "en":  # the English one keeps the plain title
                    deck.title = f"{title} · {LANGUAGE_NAMES.get(deck.lang, deck.lang)}"
            elif len({d.file for d in same}) == len(same):
                deck.title = f"{title} ({Path(deck.file).name})"


def _read_optional(path: Path) -> str | None:
    return path.read_text(encoding="utf-8-sig") if path.is_file() else None


def read_kept(memo, raw: bytes, rel: str, slug: str, taken: set[str]):
    """read_deck, or what it gave for the same file, bytes, slug and slugs
    taken before (memo: cardsite.run.reuse), as a copy of its own: the steps
    after reading rewrite card fields, deck titles and problem lists in place,
    and what is kept must stay as it was read."""
    def read():
        before = set(taken)
        decks, problems, packed = read_deck(raw, rel, slug, taken)
        return decks, problems, packed, frozenset(taken - before)

    decks, problems, packed, took = memo((rel, slug, hashlib.sha1(raw).digest(), frozenset(taken)), read)
    taken.update(took)
    if memo is no_memo:
        return decks, problems, packed
    return [_copied(deck) for deck in decks], list(problems), packed


def _copied(deck: Deck) -> Deck:
    return replace(deck, cards=[copy(card) for card in deck.cards], problems=list(deck.problems))


def read_deck(raw: bytes, rel: str, slug: str, taken: set[str] | None = None,
              ) -> tuple[list[Deck], list[Problem], dict[str, bytes]]:
    """The decks of one file and the media it carries (a package's), or the
    reason it has none. Never raises: a file that breaks a reader is reported
    and the build goes on. `taken`: deck slugs already in use, which a deck
    named inside the file must avoid."""
    if anki_package.is_package(raw):  # a zip: read as bytes, not decoded
        reader, decoded, content = anki_package, Decoded(None), raw
    else:
        decoded = decode(raw, rel)
        if decoded.text is None:
            return [], [Problem(rel, 0, ERROR, f"skipped: {decoded.why_not}")], {}
        reader, why = pick_reader(decoded.text)
        if reader is None:
            return [], decoded.problems + [Problem(rel, 0, ERROR, f"skipped: {why}")], {}
        content = decoded.text
    try:
        result = reader.read(content, rel, slug)
    except Exception as exc:  # a reader bug must not take the whole site down
        return [], decoded.problems + [Problem(rel, 0, ERROR, f"skipped: {reader.NAME} reader failed: {exc!r}")], {}
    if result.skipped:
        return [], decoded.problems + result.problems, {}
    stem = Path(rel).stem.replace("-", " ").replace("_", " ")
    title = result.title or stem[:1].upper() + stem[1:]  # "My Deck.apkg" stays "My Deck"
    deck = Deck(slug, title, rel, reader.NAME, result.cards, decoded.problems + result.problems,
                result.tags, result.aliases, about=result.about)
    decks = _split_subdecks(deck, taken)
    assign_ids(result.cards)
    for d in decks:
        langs = [c.lang for c in d.cards]
        d.lang = max(set(langs), key=langs.count) if langs else "en"
    return decks, [], result.media


def _split_subdecks(deck: Deck, taken: set[str] | None) -> list[Deck]:
    """An Anki file with a deck column holds several decks; their slugs are
    kept apart from every slug in `taken` (which they join)."""
    names = sorted({c.subdeck for c in deck.cards})
    if len(names) <= 1:
        if names and names[0]:
            deck.title = names[0]
        return [deck]
    decks = []
    wanted = {name: f"{deck.slug}-{slugify(name)}" if name else deck.slug for name in names}
    slugs = allocate(wanted, taken=(taken or set()) - {deck.slug})
    if taken is not None:
        taken.update(slugs.values())
    for name in names:
        slug = slugs[name]
        cards = [c for c in deck.cards if c.subdeck == name]
        for card in cards:
            card.deck = slug
        decks.append(Deck(slug, name or deck.title, deck.file, deck.format, cards, [], deck.tags, deck.aliases,
                          about=deck.about))
    # A problem goes with the deck of the card on its line; file-level ones
    # (headers, encoding) with the first deck.
    deck_at = {c.line: d for d in decks for c in d.cards}
    for problem in deck.problems:
        deck_at.get(problem.line, decks[0]).problems.append(problem)
    return decks


def _deck_slugs(paths: list[Path]) -> dict[str, str]:
    """Deck slug from the file name without its extension; the extension is
    kept where two files would otherwise share a slug, and a short hash of
    the path where even that is taken (or names a page of the site: slugs.allocate)."""
    plain = {p.as_posix(): slugify(p.with_suffix("").as_posix(), "deck") for p in paths}
    shared = Counter(plain.values())
    return allocate({rel: slugify(rel, "deck") if shared[slug] > 1 or slug in RESERVED else slug
                     for rel, slug in plain.items()})


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


@dataclass
class Options:
    """What the site's configuration tells the converter."""

    markdown: MarkdownConfig  # the site's Markdown extensions: cards render as its pages do
    site_url: str = ""  # the public address: absolute links in the exports, canonical URLs


@dataclass
class Site:
    """Everything generated from the sources, in memory."""

    corpus: Corpus
    files: dict[str, str]  # path under docs/ → text: pages, quiz data, exports, redirects
    media: dict[str, Path | bytes]  # path under docs/ → the source file published there, or a package's file
    tag_urls: dict[str, str]  # tag → URL of its page
    rendered: ByCard  # each card's fields rendered (cardsite.site.card_html.CardHtml)

    @cached_property
    def search_records(self) -> list[dict]:
        """One per concept page, for the search index (made when asked: under
        `mkdocs serve`, beside the page a person waits for)."""
        return [record(concept, self.rendered) for concept in self.corpus.concepts]


def build_site(sources: Path, options: Options, reuse: Reuse | None = None) -> Site:
    """reuse: what the build before made, or None for a build that keeps nothing."""
    reuse = reuse or NO_REUSE
    site = generate(read_sources(sources, reuse), sources, options, reuse)
    reuse.finish()
    return site


def generate(corpus: Corpus, sources: Path, options: Options, reuse: Reuse = NO_REUSE) -> Site:
    """Pure but for the KaTeX renderer: the same corpus and options always
    give the same files, byte for byte."""
    renderer = renderer_for(options.markdown, options.site_url)
    rendered = rendered_cards(renderer, corpus.cards)
    concept_of = ByCard((card, concept) for concept in corpus.concepts for card in concept.cards)
    chunks_of = {deck.slug: deck_chunks(deck, rendered) for deck in corpus.decks}
    deck_urls = deck_url_of(chunks_of)
    deck_titles = {d.slug: d.title for d in corpus.decks}
    tag_slug = tag_slugs(corpus.concepts)
    tag_urls = {tag: urls.tag(slug) for tag, slug in tag_slug.items()}

    files: dict[str, str] = {}
    for concept in corpus.concepts:
        files |= reuse.pages(page_inputs(concept, rendered, deck_titles, deck_urls),
                             lambda: concept_pages(concept, rendered, deck_titles, deck_urls))
    for deck in corpus.decks:
        files |= deck_pages(deck, chunks_of[deck.slug], concept_of, rendered, renderer.html(deck.about),
                            reuse.card_blocks)
    files |= concepts_index(corpus.concepts)
    report = build_report(corpus)
    files |= report_pages(report, len(corpus.cards))
    files[urls.listing(urls.DECKS)] = decks_index(corpus, report)
    files |= glossary_pages(corpus.concepts, lambda title: front_matter(title))
    files |= tag_pages(corpus.concepts, tag_slug)
    files |= quiz_files(corpus, rendered, concept_of, reuse.quiz)
    files |= export_files(corpus, rendered, concept_of, tag_urls, reuse.exports)
    files |= redirect_files(redirect_map(corpus.concepts), options.site_url, meta_tag())
    media = {f"{urls.MEDIA}/{name}": source if isinstance(source, bytes) else sources / source
             for name, source in corpus.media.items()}
    return Site(corpus, files, media, tag_urls, rendered)


def convert(sources: Path, out: Path, options: Options) -> tuple[Corpus, WriteStats]:
    """sources/ → generated files under out/ (MkDocs' docs folder): what the
    plugin gives MkDocs, on disk to look at. A file whose content did not
    change is not written again; nothing else is kept in out/."""
    site = build_site(sources, options)
    files: dict[str, str | bytes] = dict(site.files)
    for path, source in site.media.items():
        files[path] = source if isinstance(source, bytes) else source.read_bytes()
    return site.corpus, write_tree(out, files)


# --------------------------------------------------------------------------
# What a build is made from: a rebuild under `mkdocs serve` whose sources and
# code are the same takes the Site it has (buildstate.BuildState.build)


CODE = Path(__file__).resolve().parent.parent  # the whole cardsite package


def fingerprint(sources: Path, options: Options) -> str:
    digest = hashlib.sha1(describe((options.markdown.extensions, options.markdown.configs, options.site_url)).encode())
    for path in sorted(CODE.rglob("*.py")) + sorted(CODE.rglob("*.mjs")):
        digest.update(path.read_bytes())
    for path in sorted(p for p in sources.rglob("*") if p.is_file() and not _hidden(p, sources)):
        digest.update(path.relative_to(sources).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
