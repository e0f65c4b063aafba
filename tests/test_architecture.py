"""The package reads as its pipeline: every import points downstream, and no module imports
itself back through others.

The stages, earliest first. A module may import from its own stage or an earlier one, never
from a later one. The ``speclint`` package root (the public API) comes after every stage, and
the built-in rules (``speclint_rules``) last: they are a plugin like any third-party one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

STAGES: tuple[tuple[str, ...], ...] = (
    (
        "speclint.version",
        "speclint.data",
        "speclint.patterns",
        "speclint.basics",
        "speclint.inert",
        "speclint.prescan",
        "speclint.thresholds",
        "speclint.quantity",
    ),
    ("speclint.formula",),
    ("speclint.document",),
    ("speclint.settings",),
    ("speclint.claims",),
    ("speclint.judgement",),
    ("speclint.domain",),
    ("speclint.engine",),
    ("speclint.reporters",),
    ("speclint.app",),
    ("speclint", "speclint.__main__"),
    ("speclint_rules",),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[0] == "rules":
        parts[0] = "speclint_rules"
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str) -> set[str]:
    """Every speclint module ``path`` imports, wherever the import stands (``TYPE_CHECKING``
    blocks and function bodies included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t.split(".")[0] in ("speclint", "speclint_rules"))
    return found


def _graph() -> dict[str, set[str]]:
    paths = [*ROOT.joinpath("speclint").rglob("*.py"), *ROOT.joinpath("rules").rglob("*.py")]
    modules = {_module_name(p): p for p in paths}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        # An import of a name inside a module counts as an import of that module.
        graph[name] = {t if t in modules else t.rpartition(".")[0] for t in _imports(path, name)}
        graph[name] = {t for t in graph[name] if t in modules and t != name}
    return graph


def _stage(module: str) -> int:
    best, best_len = -1, -1
    for index, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    return best


def test_every_module_belongs_to_a_stage() -> None:
    assert [m for m in _graph() if _stage(m) < 0] == []


def test_imports_only_point_downstream() -> None:
    graph = _graph()
    upstream = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        for target in targets
        if _stage(target) > _stage(module)
    )
    assert upstream == []


def test_no_import_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from speclint.engine.rule import Rule\n", {"speclint.engine.rule"}),
        ("from . import verdict\n", {"speclint.judgement.verdict"}),
        ("if True:\n    import speclint.app.cli\n", {"speclint.app.cli"}),
    ],
)
def test_the_walker_sees_each_import_form(tmp_path: Path, source: str, expected: set[str]) -> None:
    path = tmp_path / "messages.py"
    path.write_text(source, encoding="utf-8")
    found = _imports(path, "speclint.judgement.messages")
    assert expected <= found
