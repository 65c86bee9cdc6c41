"""Import rules: a pure core, only cli.py knows typer, only renderers know rich, dependencies point
one way (core ← sources ← checks ← app ← commands ← cli; render beside app, never importing it) and
no module imports another that imports it back.

Every import counts, also one inside a function (a lazy import is still a dependency); only imports
under ``if TYPE_CHECKING:`` do not, since they never run."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "gemquota"

#: Layer of each part of the package: a module may import only modules of its own layer or below.
LAYERS: dict[str, int] = {
    "core": 0,
    # the foundation every layer may use: exit codes, exceptions, the Context, keys, the library API
    "exitcodes": 1,
    "exceptions": 1,
    "context": 1,
    "keys": 1,
    "inputfile": 1,  # the one guard for files named on the command line
    "threads": 1,  # the daemon-thread pool every concurrent part uses
    "library": 1,
    "": 1,  # gemquota/__init__.py
    "sources": 2,
    "emulator": 2,
    "checks": 3,
    "app": 4,
    "render": 4,
    "commands": 5,
    "boundary": 6,  # the error boundary of every command (typer-free)
    "cli": 6,
    "entry": 7,  # the console script: explain-error's fast path, else the cli
    "__main__": 7,
}

#: Pairs of parts that may not import each other although their layers would allow it.
FORBIDDEN: set[tuple[str, str]] = {
    ("app", "render"),  # app returns reports; commands (or cli) render them
    ("render", "app"),  # renderers take reports from core/checks, never from app
    ("render", "commands"),
    ("sources", "emulator"),  # adapters talk to Google (or the emulator) over sockets only
    ("emulator", "sources"),
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterable[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except those under ``if TYPE_CHECKING:``."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def imports_of(source: str, module: str, known: Iterable[str], *, is_package: bool = False) -> set[str]:
    """The package modules ``module`` imports (``from a import b`` counts as ``a.b`` when that is one)."""
    names = set(known)
    out: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in _import_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in names else base for alias in node.names
            ]
        for target in targets:
            while target and target not in names:  # ``import gemquota.core.x.y`` → the module part
                target = target.rpartition(".")[0]
            if target and target != module:
                out.add(target)
    return out


def graph() -> dict[str, set[str]]:
    mods = _modules()
    return {
        name: imports_of(path.read_text(encoding="utf-8"), name, mods, is_package=path.name == "__init__.py")
        for name, path in mods.items()
    }


def cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def part(module: str) -> str:
    """``gemquota.render.probe`` → ``render``; ``gemquota`` → ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations(edges: Mapping[str, Iterable[str]]) -> list[str]:
    out = []
    for importer, targets in edges.items():
        for target in targets:
            a, b = part(importer), part(target)
            if a == b:
                continue
            if LAYERS[a] < LAYERS[b]:
                out.append(f"{importer} (layer {LAYERS[a]}) imports {target} (layer {LAYERS[b]})")
            elif (a, b) in FORBIDDEN:
                out.append(f"{importer} imports {target} ({a} must not import {b})")
    return out


# ----------------------------------------------------------------------------------------- tests


def test_every_part_of_the_package_has_a_layer() -> None:
    assert {part(m) for m in _modules()} <= set(LAYERS)


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_dependencies_point_one_way() -> None:
    assert violations(graph()) == []


def test_the_graph_sees_lazy_imports_but_not_type_checking_ones() -> None:
    edges = graph()
    # cli imports its commands only inside functions; they still count
    assert "gemquota.commands.explain_error" in edges["gemquota.cli"]
    # app.demo names the emulator for typing and imports it lazily: the lazy import counts
    assert "gemquota.emulator" in edges["gemquota.app.demo"]
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from gemquota.app import x\n"
    assert imports_of(source, "gemquota.render.y", ["gemquota.app", "gemquota.app.x"]) == set()


def test_the_cycle_and_layer_checks_can_fail() -> None:
    lazy = "def f():\n    from gemquota.app.reset_in import plan\n"
    known = ["gemquota.app", "gemquota.app.reset_in", "gemquota.render", "gemquota.render.reset"]
    render_edges = imports_of(lazy, "gemquota.render.reset", known)
    assert render_edges == {"gemquota.app.reset_in"}
    edges = {"gemquota.render.reset": render_edges, "gemquota.app.reset_in": {"gemquota.render.reset"}}
    assert cycles(edges) == [["gemquota.app.reset_in", "gemquota.render.reset"]]
    assert len(violations(edges)) == 2
    assert violations({"gemquota.core.x": {"gemquota.checks.y"}}) == [
        "gemquota.core.x (layer 0) imports gemquota.checks.y (layer 3)"
    ]


@pytest.mark.parametrize("source", ["from . import sibling\n", "from .sibling import thing\n"])
def test_relative_imports_are_resolved(source: str) -> None:
    known = ["gemquota.render", "gemquota.render.sibling", "gemquota.render.me"]
    assert imports_of(source, "gemquota.render.me", known) == {"gemquota.render.sibling"}


# ------------------------------------------------------------------------- third-party libraries


def _third_party(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_is_pure_stdlib() -> None:
    for path in (PKG / "core").rglob("*.py"):
        for name in _third_party(path):
            top = name.split(".")[0]
            assert top not in {"typer", "click", "rich", "google", "grpc", "proto", "requests", "httpx"}, (
                f"{path.name} imports {name}"
            )
            if top == "gemquota":
                assert name.startswith("gemquota.core"), f"{path.name} imports {name}"


def test_only_cli_imports_typer() -> None:
    for path in PKG.rglob("*.py"):
        if path.name == "cli.py" and path.parent == PKG:
            continue
        assert not any(n.split(".")[0] in {"typer", "click"} for n in _third_party(path)), path


def test_only_renderers_import_rich() -> None:
    for path in PKG.rglob("*.py"):
        if "render" in path.relative_to(PKG).parts:
            continue
        assert not any(n.split(".")[0] == "rich" for n in _third_party(path)), path
