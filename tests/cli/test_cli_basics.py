"""The CLI surface: help everywhere, version, usage errors (also as JSON), one test per exit code."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gemquota import __version__
from gemquota.cli import main
from gemquota.exitcodes import ExitCode

COMMANDS = ["explain-error", "reset-in", "probe", "doctor", "emulator"]
CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus-dev"
RPD_PASTE = CORPUS / "105-void-js-genai-rpd-freetier-quotavalue25-exp.txt"
ZERO_PASTE = CORPUS / "109-curl-429-preview-has-no-free-quota-tier.txt"


def _clean_env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GEMINI", "GOOGLE", "GEMQUOTA", "CLOUDSDK"))
    }
    env["NO_GCE_CHECK"] = "true"
    return env


@pytest.mark.parametrize("command", COMMANDS)
def test_help_for_every_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage" in out and command in out


def test_root_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"gemquota {__version__}"


def test_usage_error_is_exit_2_with_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain-error", "--no-such-flag"]) == ExitCode.USAGE
    assert "no-such-flag" in capsys.readouterr().err


def test_usage_error_in_json_mode_is_one_json_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reset-in", "--format", "json", "--bogus"]) == ExitCode.USAGE
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema_version"] == 1
    assert doc["error"]["code"] == "usage"
    assert set(doc["error"]) == {"code", "message", "hint"}


def test_bad_format_value_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain-error", "x", "--format", "github"]) == ExitCode.USAGE


# One test per ExitCode member (SPEC §7).


def test_exit_ok_recognised_paste(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain-error", "--file", str(RPD_PASTE), "--format", "json"]) == ExitCode.OK


def test_exit_problem_no_reset_helps(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reset-in", "--file", str(ZERO_PASTE), "--format", "json"]) == ExitCode.PROBLEM
    assert json.loads(capsys.readouterr().out)["data"]["window"] is None


def test_exit_usage_no_input(capsys: pytest.CaptureFixture[str]) -> None:
    # Under pytest stdin is not a terminal but empty: still "no input".
    assert main(["explain-error", "--file", os.devnull]) == ExitCode.USAGE


def test_exit_cannot_run_without_key() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "gemquota", "probe", "--format", "json"],
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == ExitCode.CANNOT_RUN, proc.stderr
    assert json.loads(proc.stdout)["error"]["code"]


def test_exit_unrecognized_prose(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain-error", "my app crashed when the user clicked save", "--format", "json"]) == (
        ExitCode.UNRECOGNIZED
    )
    assert json.loads(capsys.readouterr().out)["data"]["diagnoses"][0]["kind"] == "unrecognized"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_exit_interrupted_on_ctrl_c() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "gemquota", "reset-in", "rpd", "--wait"],
        env=_clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        # a shell's background job ignores SIGINT, and a child would inherit that: give it Ctrl-C back
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as proc:
        try:
            assert proc.stdout is not None
            proc.stdout.readline()  # the result is printed before waiting starts
            time.sleep(0.3)
            proc.send_signal(signal.SIGINT)
            code = proc.wait(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert code == ExitCode.INTERRUPTED


def test_every_exit_code_has_a_test() -> None:
    names = {name for name in globals() if name.startswith("test_exit_")}
    for member in ExitCode:
        assert any(member.name.lower() in n for n in names), member


def test_shell_completion_lists_commands_and_options() -> None:
    env = {
        **_clean_env(),
        "_GEMQUOTA_COMPLETE": "complete_bash",
        "COMP_WORDS": "gemquota exp",
        "COMP_CWORD": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "gemquota"], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.stdout.split() == ["explain-error"]
    env.update(COMP_WORDS="gemquota doctor --list", COMP_CWORD="2")
    proc = subprocess.run(
        [sys.executable, "-m", "gemquota"], env=env, capture_output=True, text=True, timeout=60
    )
    assert "--list-checks" in proc.stdout.split()


# The error boundary: an internal error is one line + hint, never a traceback (unless --debug),
# and the secret in its message is redacted on every path.
SECRET = "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"


def _boom(*args: object, **kwargs: object) -> int:
    raise RuntimeError(f"unexpected state while reading key={SECRET} Bearer ya29.a0secret-token")


def test_internal_error_is_one_line_with_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gemquota.commands.explain_error as cmd

    monkeypatch.setattr(cmd, "run", _boom)
    assert main(["explain-error", "x"]) == ExitCode.CANNOT_RUN
    captured = capsys.readouterr()
    assert "internal error: RuntimeError" in captured.err
    assert "gemquota --debug explain-error" in captured.err  # the option goes before the command
    assert "Traceback" not in captured.err
    assert SECRET not in captured.err + captured.out and "a0secret" not in captured.err


def test_debug_shows_a_redacted_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gemquota.commands.explain_error as cmd

    monkeypatch.setattr(cmd, "run", _boom)
    assert main(["--debug", "explain-error", "x"]) == ExitCode.CANNOT_RUN
    err = capsys.readouterr().err
    assert "Traceback" in err and "_boom" in err
    assert SECRET not in err and "a0secret" not in err
    assert "AIza…5p6Q" in err
    assert "Rerun with --debug" not in err


def test_internal_error_in_json_mode_is_a_json_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gemquota.commands.explain_error as cmd

    monkeypatch.setattr(cmd, "run", _boom)
    assert main(["explain-error", "x", "--format", "json"]) == ExitCode.CANNOT_RUN
    out = capsys.readouterr().out
    doc = json.loads(out)
    assert doc["error"]["code"] == "internal"
    assert SECRET not in out
