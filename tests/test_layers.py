"""The package's layers, as cardsite/__init__.py lists them, held against its
imports: nothing imports a layer below it in the list, no import cycle, no
module over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "cardsite"
LAYERS = ["core", "markup", "cards", "read", "graph", "site", "run"]  # each may import those before it
LONGEST = 400  # lines


def module_name(path: Path) -> str:
    parts = ["cardsite", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The cardsite modules `path` imports, anywhere in it (lazy imports count too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("cardsite"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "cardsite":
                target = node.module
            else:
                continue
            for alias in node.names:  # `from . import x` names a module
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    return found - {name}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def test_every_module_lives_in_a_layer():
    loose = [name for name in modules() if name != "cardsite" and layer_of(name) is None]
    assert not loose, f"modules outside the layer folders {LAYERS}: {loose}"
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(LAYERS)


def upward_imports(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    return [(name, target) for name, targets in sorted(edges.items()) for target in sorted(targets)
            if layer_of(name) and layer_of(target)
            and LAYERS.index(layer_of(target)) > LAYERS.index(layer_of(name))]


def test_no_layer_imports_one_above_it():
    upward = upward_imports(graph())
    assert not upward, "imports of a higher layer:\n" + "\n".join(f"  {a} → {b}" for a, b in upward)


def test_no_import_cycle():
    edges = graph()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target] if target in path else [node, target])
            elif target not in state and target in edges:
                visit(target, path + [target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, "import cycles:\n" + "\n".join("  " + " → ".join(c) for c in cycles)


def test_no_module_is_too_long_to_read():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST}
    assert not long, f"modules over {LONGEST} lines: {long}"


def test_the_rule_sees_an_upward_import(tmp_path):
    """The check itself: a lazy import of a higher layer planted in a lower module is found."""
    low, high = "cardsite.markup.spans", "cardsite.site.card_html"
    path = modules()[low]
    planted = tmp_path / path.name
    planted.write_text(path.read_text(encoding="utf-8") + f"\n\ndef _planted():\n    from {high} import CardHtml\n",
                       encoding="utf-8")
    edges = graph()
    edges[low] = imports_of(low, planted, set(edges))
    assert upward_imports(edges) == [(low, high)]
