"""explain-error, reset-in and ``import gemquota; gemquota.explain(...)`` load no google-cloud, grpc,
proto or google-genai module (SPEC §1.6, §9): checked in a fresh interpreter via ``sys.modules``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "fixtures" / "corpus-dev"
PASTE = CORPUS / "032-gemini-cli-rpd-freetier-quotavalue250-wrapped.txt"
FORBIDDEN = ("google.cloud", "google.api_core", "google.genai", "google.protobuf", "proto", "grpc")

# Runs the CLI exactly as ``python -m gemquota ARGS`` would, then writes the loaded modules as JSON
# to a file so the command's own stdout stays untouched.
_DRIVER = """
import json, runpy, sys
out_path = sys.argv[1]
sys.argv = ["gemquota", *sys.argv[2:]]
code = 0
try:
    runpy.run_module("gemquota", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
with open(out_path, "w") as fh:
    json.dump({"code": code, "modules": sorted(sys.modules)}, fh)
"""

_LIBRARY = """
import json, sys
import gemquota
from datetime import datetime, timezone
found = gemquota.explain(open(sys.argv[2], "rb").read(), now=datetime(2026, 3, 8, tzinfo=timezone.utc))
gemquota.explain({"error": {"code": 503, "status": "UNAVAILABLE", "message": "The model is overloaded."}})
with open(sys.argv[1], "w") as fh:
    json.dump({"code": 0, "kind": found[0].kind, "modules": sorted(sys.modules)}, fh)
"""


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GEMQUOTA_", "GOOGLE_", "GEMINI_"))}
    env["NO_GCE_CHECK"] = "true"
    return env


def _loaded(script: str, args: list[str], tmp_path: Path) -> dict[str, object]:
    out = tmp_path / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", script, str(out), *args],
        cwd=REPO,
        env=_env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert out.exists(), proc.stderr.decode(errors="replace")
    result: dict[str, object] = json.loads(out.read_text())
    result["stdout"] = proc.stdout.decode(errors="replace")
    return result


def _forbidden(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return [m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]


@pytest.mark.parametrize(
    "args",
    [
        ["explain-error", "--file", str(PASTE), "--format", "json"],
        ["explain-error", "--file", str(PASTE)],
        ["reset-in", "rpd", "--now", "2026-03-08T09:30:00Z"],
        ["reset-in", "rpd", "--format", "json"],
    ],
    ids=["explain-json", "explain-human", "reset-in-human", "reset-in-json"],
)
def test_cli_commands_import_no_google_client_library(args: list[str], tmp_path: Path) -> None:
    result = _loaded(_DRIVER, args, tmp_path)
    assert result["code"] == 0, result["stdout"]
    assert "gemquota.entry" in result["modules"]  # type: ignore[operator]
    assert _forbidden(result["modules"]) == []


def test_library_explain_imports_no_google_client_library(tmp_path: Path) -> None:
    result = _loaded(_LIBRARY, [str(PASTE)], tmp_path)
    assert result["kind"] == "rpd"
    assert _forbidden(result["modules"]) == []
    assert "rich" not in result["modules"] and "typer" not in result["modules"]  # type: ignore[operator]


def test_the_check_itself_can_fail(tmp_path: Path) -> None:
    # Guard against a driver that never sees imports: importing google.genai must be reported.
    script = _LIBRARY.replace("import gemquota\n", "import gemquota\nimport google.genai.errors\n")
    result = _loaded(script, [str(PASTE)], tmp_path)
    assert any(m.startswith("google.genai") for m in _forbidden(result["modules"]))


# The human explain-error panel is written by gemquota.render.plain: rich (about a fifth of the cold
# start, SPEC §9) is not loaded, whatever the paste: a quota error, an overload, nobody's error.
_NOT_GOOGLE = REPO / "tests" / "fixtures" / "not-google"


@pytest.mark.parametrize(
    "paste",
    [PASTE, CORPUS / "033-raw-json-503-overloaded.txt", next(iter(sorted(_NOT_GOOGLE.glob("*.txt"))))],
    ids=["rpd", "overloaded", "unrecognized"],
)
def test_human_explain_error_imports_neither_rich_nor_typer(paste: Path, tmp_path: Path) -> None:
    result = _loaded(_DRIVER, ["explain-error", "--file", str(paste)], tmp_path)
    assert result["code"] in (0, 4), result["stdout"]
    assert "Fastest fix" in str(result["stdout"]) or "No Google / Gemini" in str(result["stdout"])
    modules = result["modules"]
    assert isinstance(modules, list) and "gemquota.render.explain" in modules
    assert [m for m in modules if m == "rich" or m.startswith("rich.")] == []
    assert "typer" not in modules and "click" not in modules


def test_the_rich_check_itself_can_fail(tmp_path: Path) -> None:
    # A driver that loads rich.console before the command runs: the check must see it.
    script = _DRIVER.replace("import json, runpy, sys\n", "import json, runpy, sys\nimport rich.console\n")
    result = _loaded(script, ["explain-error", "--file", str(PASTE)], tmp_path)
    assert "rich.console" in result["modules"]  # type: ignore[operator]
