"""Import rules: a pure core, only cli.py knows typer, only renderers know rich."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "gemquota"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules() -> list[Path]:
    return sorted(PKG.rglob("*.py"))


def test_core_is_pure_stdlib() -> None:
    for path in (PKG / "core").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            assert top not in {"typer", "click", "rich", "google", "grpc", "proto", "requests", "httpx"}, (
                f"{path.name} imports {name}"
            )
            if top == "gemquota":
                assert name.startswith("gemquota.core"), f"{path.name} imports {name}"


def test_only_cli_imports_typer() -> None:
    for path in _modules():
        if path.name == "cli.py" and path.parent == PKG:
            continue
        assert not any(n.split(".")[0] in {"typer", "click"} for n in _imports(path)), path


def test_only_renderers_import_rich() -> None:
    for path in _modules():
        if "render" in path.relative_to(PKG).parts:
            continue
        assert not any(n.split(".")[0] == "rich" for n in _imports(path)), path
