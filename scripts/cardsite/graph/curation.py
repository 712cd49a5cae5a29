"""sources/concepts.yml: the site owner's word on concepts. A list of entries:

    - title: Softmax                 # the concept's name on the site (rename)
      slug: softmax                  # pin its URL
      merge: [Softmax?, Softmax Function]   # other terms that are the same concept
      separate: ["Adam Optimizer"]   # card titles that deserve their own page
      aliases: [normalized exponential]     # more names to link and search by
      zh: 归一化指数函数              # its Chinese name

Every name is matched the way cards are grouped (case, trailing ?, a
"Function" suffix… do not matter). Mistakes are reported with the line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .concepts import concept_key
from ..cards.model import ERROR, Card, Problem, normalise
from ..cards.yamlerrors import yaml_problem

FILE = "concepts.yml"
FIELDS = {"title", "slug", "merge", "separate", "aliases", "zh"}


@dataclass
class Entry:
    line: int
    title: str
    slug: str = ""
    merge: list[str] = field(default_factory=list)
    separate: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    zh: str = ""

    @property
    def key(self) -> str:
        return concept_key(self.title)


@dataclass
class Curation:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _by_key: dict[str, Entry] = field(default_factory=dict)

    # -- used by concepts.build_concepts -------------------------------------

    def regroup(self, groups: dict[str, list[Card]]) -> dict[str, list[Card]]:
        groups = {k: list(v) for k, v in groups.items()}

        def key_of(name: str) -> str:  # notes are grouped by their full text
            return concept_key(name) if concept_key(name) in groups else normalise(name)

        for entry in self.entries:
            sources = [k for k in dict.fromkeys([entry.key, *map(key_of, entry.merge)]) if k in groups]
            unknown = [n for n in entry.merge if key_of(n) not in groups]
            for name in unknown:
                self._error(entry.line, f"merge: no concept is called {name!r}")
            if not sources:
                if not unknown:
                    self._error(entry.line, f"no concept is called {entry.title!r}: nothing to rename or pin")
                continue
            merged = [c for k in sources for c in groups.pop(k)]
            for title in entry.separate:
                alone = [c for c in merged if normalise(c.title) == normalise(title)]
                if not alone:
                    self._error(entry.line, f"separate: no card titled {title!r} in {entry.title!r}")
                merged = [c for c in merged if c not in alone]
                if alone:
                    groups[normalise(title) + " (separate)"] = alone
            if merged:
                groups[entry.key] = sorted(merged, key=lambda c: (c.file, c.line))
                self._by_key[entry.key] = entry
        return groups

    def title_for(self, key: str) -> str:
        return self._by_key[key].title if key in self._by_key else ""

    def aliases_for(self, key: str) -> list[str]:
        entry = self._by_key.get(key)
        return [*entry.merge, *entry.aliases] if entry else []

    def zh_terms(self) -> dict[str, str]:
        return {key: e.zh for key, e in self._by_key.items() if e.zh}

    def pinned_slugs(self) -> dict[str, str]:
        return {e.key: e.slug for e in self._by_key.values() if e.slug}

    def _error(self, line: int, message: str) -> None:
        self.problems.append(Problem(FILE, line, ERROR, message))


def load_curation(text: str | None) -> Curation:
    curation = Curation()
    if not text or not text.strip():
        return curation
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        curation.problems.append(yaml_problem(exc, FILE))
        return curation
    if root is None:
        return curation
    if not isinstance(root, yaml.SequenceNode):
        curation._error(root.start_mark.line + 1, "expected a list of concepts (lines starting with '- title:')")
        return curation
    slugs: dict[str, int] = {}
    for node in root.value:
        entry = _entry(node, curation)
        if entry is None:
            continue
        if entry.slug:
            if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry.slug) or entry.slug == "index":
                curation._error(entry.line, f"slug {entry.slug!r} must be lowercase ASCII words joined by '-' (and not 'index')")
                entry.slug = ""
            elif entry.slug in slugs:
                curation._error(entry.line, f"slug clash: {entry.slug!r} is already pinned on line {slugs[entry.slug]}")
                entry.slug = ""
            else:
                slugs[entry.slug] = entry.line
        curation.entries.append(entry)
    return curation


def _entry(node, curation: Curation) -> Entry | None:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        curation._error(line, "each concept is a mapping with at least 'title:'")
        return None
    data = yaml.safe_load(yaml.serialize(node))
    unknown = set(data) - FIELDS
    if unknown:
        curation._error(line, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}; known: {', '.join(sorted(FIELDS))}")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        curation._error(line, "missing 'title:'")
        return None
    lists = {}
    for name in ("merge", "separate", "aliases"):
        value = data.get(name) or []
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            curation._error(line, f"'{name}:' must be a list of names")
            value = []
        lists[name] = [str(v) for v in value]
    return Entry(line, title.strip(), str(data.get("slug") or ""), lists["merge"], lists["separate"],
                 lists["aliases"], str(data.get("zh") or ""))
