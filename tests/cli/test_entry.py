"""The console script's fast path for explain-error gives what the typer CLI gives, and only takes
command lines it fully understands (everything else is parsed, and refused, by typer)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gemquota import cli, entry

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "fixtures" / "corpus-dev"
RPD = str(CORPUS / "032-gemini-cli-rpd-freetier-quotavalue250-wrapped.txt")
KEY = "AIzaSyD" + "x1Y2z3" * 5 + "Qq4_-"
NOW = "2026-03-08T17:30:00Z"

FAST = [
    ["explain-error"],  # nothing given and stdin a terminal: the command says what to give
    ["explain-error", "--file", RPD, "--now", NOW],
    ["explain-error", "--file", RPD, "--now", NOW, "--format", "json"],
    ["explain-error", f"--file={RPD}", f"--now={NOW}", "--format=JSON"],
    ["explain-error", "-f", RPD, "--now", NOW, "--model", "gemini-2.5-pro"],
    ["explain-error", "429 Too Many Requests", "--now", NOW],
    ["explain-error", "--format", "json", "Resource has been exhausted (e.g. check quota).", "--now", NOW],
    ["explain-error", "API key not valid. Please pass a valid API key.", "--key", KEY, "--now", NOW],
    ["explain-error", "hello world", "--now", NOW],  # unrecognized: exit 4
    ["explain-error", "--file", "/nonexistent/error.txt"],  # usage error from the command
    ["explain-error", "--file", RPD, "--now", "yesterday"],  # --now refused by the command
    ["explain-error", "429", "--file", RPD],  # both text and --file
    ["explain-error", "   "],  # empty text
]

SLOW = [
    ["explain-error", "-h"],
    ["explain-error", "--help"],
    ["explain-error", "--file"],  # missing value
    ["explain-error", "--file", RPD, "--file", RPD],  # repeated
    ["explain-error", "--format", "github", "429"],
    ["explain-error", "--format", "xml", "429"],
    ["explain-error", "--bogus", "429"],
    ["explain-error", "--", "-429"],
    ["explain-error", "one", "two"],
    ["explain-error", "-f=x"],
    ["explain-error", "--model", "--now", NOW],
    ["--debug", "explain-error", "429"],
    ["reset-in", "rpd"],
    [],
]


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("GEMQUOTA_", "GOOGLE_", "GEMINI_", "_GEMQUOTA")) or name in (
            "COLUMNS",
            "FORCE_COLOR",
        ):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def _run(
    main: object,
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stdin: bytes | None = None,
) -> tuple[int, str, str]:
    fake = io.TextIOWrapper(io.BytesIO(stdin or b""))
    fake.isatty = lambda: stdin is None  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", fake)
    code = main(list(args))  # type: ignore[operator]
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("args", FAST, ids=lambda a: " ".join(a)[:60])
def test_the_fast_path_takes_plain_explain_error_lines_and_answers_like_typer(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert entry.explain_fast_args(args, {}) is not None
    fast = _run(entry.main, args, monkeypatch, capsys)
    typed = _run(cli.main, args, monkeypatch, capsys)
    assert fast == typed
    assert KEY not in fast[1] + fast[2]


@pytest.mark.parametrize("args", SLOW, ids=lambda a: " ".join(a)[:60] or "(none)")
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert entry.explain_fast_args(args, {}) is None


def test_a_piped_paste_takes_the_fast_path_and_answers_like_typer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paste = Path(RPD).read_bytes()
    for args in (
        ["explain-error", "--now", NOW],
        ["explain-error", "--file", "-", "--format", "json", "--now", NOW],
    ):
        assert entry.explain_fast_args(args, {}) is not None
        fast = _run(entry.main, args, monkeypatch, capsys, stdin=paste)
        assert fast == _run(cli.main, args, monkeypatch, capsys, stdin=paste)
        assert fast[0] == 0 and "rpd" in fast[1].lower()


def test_the_format_environment_variable_is_honoured_like_typer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["explain-error", "--file", RPD, "--now", NOW]
    for value, fast in (("json", True), (" JSON ", True), ("github", False), ("yaml", False)):
        monkeypatch.setenv("GEMQUOTA_FORMAT", value)
        assert (entry.explain_fast_args(args, dict(os.environ)) is not None) is fast
        assert _run(entry.main, args, monkeypatch, capsys) == _run(cli.main, args, monkeypatch, capsys)


def test_the_fast_path_imports_neither_typer_nor_click(tmp_path: Path) -> None:
    paste = tmp_path / "e.txt"
    paste.write_text('{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}')
    code = (
        "import sys; from gemquota.entry import main; rc = main(['explain-error', '--file', sys.argv[1],"
        " '--format', 'json']); bad = sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('typer', 'click', 'grpc', 'google')); print(rc, bad)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GEMQUOTA_", "GOOGLE_", "GEMINI_"))}
    done = subprocess.run(
        [sys.executable, "-c", code, str(paste)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip().endswith("0 []"), done.stdout[-300:]


@pytest.mark.parametrize(
    "args",
    [
        ["explain-error", "--format", "json", "--now", NOW, "--file", RPD],
        ["explain-error", "--now", NOW, "--file", RPD],
        ["--help"],
        ["reset-in", "rpd", "--now", NOW],
        ["scan", RPD, "--format", "json"],
    ],
    ids=["explain-json", "explain-human", "help", "reset-in", "scan"],
)
def test_a_reader_that_went_away_ends_the_command_quietly(args: list[str]) -> None:
    # The read end of the pipe is closed before the command writes a byte (``gemquota … | head -0``).
    read_end, write_end = os.pipe()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GEMQUOTA_", "GOOGLE_", "GEMINI_"))}
    env["COLUMNS"] = "100"
    with subprocess.Popen(
        [sys.executable, "-c", "from gemquota.entry import run; run()", *args],
        stdout=write_end,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    ) as proc:
        os.close(write_end)
        os.close(read_end)
        _, err = proc.communicate(timeout=60)
    text = err.decode("utf-8", "replace")
    assert "Traceback" not in text and "BrokenPipeError" not in text and "Exception ignored" not in text, text
    assert proc.returncode in (0, 1), (proc.returncode, text)
