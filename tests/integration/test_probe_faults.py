"""probe and doctor --probe diagnose a broken Gemini answer; they never call it a bug or an overload."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from _doctor_support import ARGS, make_ctx

from gemquota.cli import main
from gemquota.commands import doctor
from gemquota.emulator import Emulator, Fault

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]

LIST = r"^GET .*/models$"
GENERATE = r"^POST .*:generateContent$"


@pytest.mark.parametrize(
    "fault",
    [Fault.connection_reset, Fault.malformed_json, lambda: Fault.html(200), Fault.empty_ok],
    ids=["reset", "truncated-json", "html-200", "empty-200"],
)
def test_doctor_probe_with_a_broken_models_list_is_a_diagnosed_row(fault: Any) -> None:
    with Emulator("healthy") as emu:
        emu.inject(LIST, fault())
        ctx = make_ctx(emu.demo_env(), timeout=3.0)
        code = doctor.run(ctx, **{**ARGS, "probe": True})
    assert isinstance(ctx.stdout, io.StringIO)
    checks = {c["id"]: c for c in json.loads(ctx.stdout.getvalue())["data"]["checks"]}
    row = checks["probe"]
    assert row["status"] == "fail", row
    said = row["summary"] + " ".join(m["text"] for m in row["messages"])
    assert "cannot probe the Gemini API" in said or "models.list failed: Unexpected answer" in said, row
    assert not any("bug in gemquota" in m["text"] for m in row["messages"]), row
    assert code == 1


def _probe(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    """``gemquota probe --format json`` against the emulator (through the CLI: its options may grow)."""
    for name, value in emu.demo_env().items():
        monkeypatch.setenv(name, value)
    code = main(["probe", "--format", "json", "--timeout", "3"])
    return code, capsys.readouterr().out


def test_html_502_is_a_server_error_not_an_overload(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Emulator("healthy") as emu:
        emu.inject(GENERATE, Fault.html(502))
        code, out = _probe(emu, monkeypatch, capsys)
    rows = json.loads(out)["data"]["models"]
    diagnosis = rows[0]["diagnosis"]
    assert diagnosis["kind"] in ("internal", "overloaded"), diagnosis  # transient, retry with backoff
    assert "502" in diagnosis["headline"] and "503" not in diagnosis["headline"]
    assert "Model overloaded" not in diagnosis["headline"]
    assert code == 1


def test_redirected_probe_is_an_unexpected_answer_and_sends_nothing_elsewhere(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Emulator("healthy") as emu, Emulator("healthy") as elsewhere:
        emu.inject(GENERATE, Fault.redirect(elsewhere.base_url))
        code, out = _probe(emu, monkeypatch, capsys)
        seen = elsewhere.requests
    assert seen == []
    assert code != 0
    doc = json.loads(out)
    text = json.dumps(doc)
    assert "redirect" in text
    assert '"ok": true' not in text


@pytest.mark.parametrize(
    "fault",
    [lambda: Fault.html(200), Fault.empty_ok, Fault.malformed_json],
    ids=["html-200", "empty-200", "truncated"],
)
def test_probe_with_an_unreadable_models_list_is_a_diagnosed_failure_not_could_not_run(
    fault: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Emulator("healthy") as emu:
        emu.inject(LIST, fault())
        code, out = _probe(emu, monkeypatch, capsys)
    data = json.loads(out)["data"]  # a report, not the one-line error of "could not run"
    assert data["list_error"]["headline"].startswith("Unexpected answer"), data["list_error"]
    assert data["generate_calls"] == 0
    assert code == 1  # an answer came: a problem found (exit 3 is for no answer at all)
