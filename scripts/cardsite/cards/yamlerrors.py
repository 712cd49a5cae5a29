"""How a broken YAML data file (concepts.yml, taxonomy.yml, terminology.yml)
is reported: its name, the line the parser stopped at, and why."""

from __future__ import annotations

import yaml

from .model import ERROR, Problem


def yaml_problem(exc: yaml.YAMLError, file: str) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    return Problem(file, mark.line + 1 if mark else 1, ERROR, f"not valid YAML: {getattr(exc, 'problem', exc)}")
