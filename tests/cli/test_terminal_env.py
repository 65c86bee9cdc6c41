"""NO_COLOR, FORCE_COLOR, COLUMNS and TERM=dumb are honoured by every command, ``--demo`` runs included
(SPEC §5), and shell completion offers scenarios, windows, formats and check ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gemquota.cli import main
from gemquota.emulator import SCENARIOS

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus-dev"
RPD = CORPUS / "032-gemini-cli-rpd-freetier-quotavalue250-wrapped.txt"
NOW = "2026-03-08T09:30:00Z"

COMMANDS = {
    "explain-error": ["explain-error", "--file", str(RPD), "--now", NOW],
    "reset-in": ["reset-in", "rpd", "--now", NOW, "--tz", "UTC"],
    "doctor-demo": ["doctor", "--demo", "healthy"],
    "probe-demo": ["probe", "--demo", "healthy"],
}
_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colour_codes(text: str) -> list[str]:
    """The SGR sequences in ``text`` that set a foreground or background colour."""
    found = []
    for match in _SGR.finditer(text):
        params = [int(p) for p in match.group(1).split(";") if p.isdigit()]
        if any(30 <= p <= 49 or 90 <= p <= 107 for p in params):
            found.append(match.group(0))
    return found


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)

    def go(args: list[str], **env: str) -> str:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        code = main(list(args))
        out = capsys.readouterr().out
        for name in env:
            monkeypatch.delenv(name, raising=False)
        assert code in (0, 1), out
        return out

    return go


def test_the_colour_check_can_fail() -> None:
    assert colour_codes("\x1b[1;31mred\x1b[0m \x1b[38;5;2mgreen\x1b[0m") == ["\x1b[1;31m", "\x1b[38;5;2m"]
    assert colour_codes("\x1b[1mbold\x1b[0m plain") == []


@pytest.mark.parametrize("command", COMMANDS)
def test_piped_output_has_no_colour_unless_forced(run, command: str) -> None:  # type: ignore[no-untyped-def]
    args = COMMANDS[command]
    assert _SGR.search(run(args)) is None
    assert _SGR.search(run(args, FORCE_COLOR="1")) is not None


@pytest.mark.parametrize("command", COMMANDS)
def test_no_color_wins_over_force_color(run, command: str) -> None:  # type: ignore[no-untyped-def]
    assert colour_codes(run(COMMANDS[command], FORCE_COLOR="1", NO_COLOR="1")) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_dumb_terminal_gets_no_colour(run, command: str) -> None:  # type: ignore[no-untyped-def]
    assert colour_codes(run(COMMANDS[command], FORCE_COLOR="1", TERM="dumb")) == []


@pytest.mark.parametrize("command", ["explain-error", "doctor-demo"])
def test_columns_sets_the_width(run, command: str) -> None:  # type: ignore[no-untyped-def]
    # (reset-in and probe print soft-wrapped lines, never cut to a width, so that URLs stay whole)
    narrow = run(COMMANDS[command], COLUMNS="60")
    wide = run(COMMANDS[command], COLUMNS="200")
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert max(len(line) for line in wide.splitlines()) > 60


# ------------------------------------------------------------------------------------ completion


def complete(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], line: str) -> list[str]:
    """What bash completion offers for ``line`` (through typer's own completion machinery)."""
    words = line.split(" ")
    monkeypatch.setenv("_GEMQUOTA_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", line)
    monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
    with pytest.raises(SystemExit) as done:
        main(words[1:])
    assert done.value.code in (0, None)
    return capsys.readouterr().out.split()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("gemquota reset-in ", ["rpm", "tpm", "ipm", "rpd", "tpd"]),
        ("gemquota reset-in r", ["rpm", "rpd"]),
        ("gemquota doctor --format ", ["human", "json", "github"]),
        ("gemquota explain-error --format ", ["human", "json"]),
        ("gemquota reset-in --format j", ["json"]),
        ("gemquota doctor --check quota-", ["quota-limits", "quota-usage"]),
        ("gemquota emulator --scenario zero", ["zero-quota-image"]),
    ],
)
def test_completion(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], line: str, expected: list[str]
) -> None:
    assert complete(monkeypatch, capsys, line) == expected


@pytest.mark.parametrize("command", ["doctor", "probe"])
def test_completion_of_demo_scenarios(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    assert complete(monkeypatch, capsys, f"gemquota {command} --demo ") == list(SCENARIOS)


def test_completion_of_check_ids_is_every_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from gemquota.checks.registry import titles

    assert complete(monkeypatch, capsys, "gemquota doctor --check ") == list(titles())


# ------------------------------------------------------------------------------------------ help


@pytest.mark.parametrize("command", ["explain-error", "reset-in", "probe", "doctor", "emulator"])
def test_help_shows_no_raw_types(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage: gemquota" in out
    assert not re.search(r"<[a-z ]+>|\[x[<>]=", out), out
