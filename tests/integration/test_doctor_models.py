"""doctor --model names checked against models.list (SPEC §1.4), with the key alone, and never
turned into "limit 0 — enable billing"; the real google-genai and Cloud clients over loopback."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gemquota.cli import main
from gemquota.emulator import Emulator

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]


def _doctor(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], emu: Emulator, *args: str
) -> tuple[int, dict[str, Any]]:
    for name in (
        "GOOGLE_API_KEY",
        "GEMINI_API_KEY",
        "GEMQUOTA_ACCESS_TOKEN",
        "GOOGLE_APPLICATION_CREDENTIALS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in emu.demo_env().items():
        monkeypatch.setenv(name, value)
    capsys.readouterr()
    code = main(["doctor", "--format", "json", *args])
    doc: dict[str, Any] = json.loads(capsys.readouterr().out)
    return code, doc


def _check(doc: dict[str, Any], check_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in doc["data"]["checks"] if c["id"] == check_id)
    return found


def _texts(check: dict[str, Any]) -> str:
    return "\n".join(m["text"] for m in check["messages"])


def test_unknown_and_retired_names_are_said_so_not_limit_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Emulator("billing-on-other-project") as emu:
        code, doc = _doctor(
            monkeypatch, capsys, emu, "--model", "gemini-2.0-flash", "--model", "gemini-3.8-flsh"
        )
        requests = list(emu.requests)
    accepted = _check(doc, "key-accepted")
    assert accepted["status"] == "warn"
    assert "not in models.list: gemini-2.0-flash, gemini-3.8-flsh" in accepted["summary"]
    text = _texts(accepted)
    assert "gemini-2.0-flash is retired: Google shut it down on 2026-06-01" in text
    assert "Closest listed: gemini-3.8-flash" in text
    limits = _check(doc, "quota-limits")
    assert "gemini-2.0-flash" not in limits["summary"] and "gemini-3.8-flsh" not in limits["summary"]
    assert "limit 0 for gemini-2.0-flash" not in _texts(limits)
    assert "not in models.list for this key" in _texts(limits)
    # nothing was sent to either name: no request spent on a model the list does not have
    assert not any("gemini-2.0-flash" in r.path or "gemini-3.8-flsh" in r.path for r in requests)
    assert code == 1  # billing-on-other-project still fails on its own finding


def test_alias_and_rerouted_names(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Emulator("model-retired") as emu:
        _code, doc = _doctor(
            monkeypatch, capsys, emu, "--model", "gemini-flash-latest", "--model", "gemini-3.5-flash"
        )
    accepted = _check(doc, "key-accepted")
    text = _texts(accepted)
    assert "gemini-flash-latest is an alias" in text
    assert "gemini-3.5-flash is still listed, but Google retired it on 2026-10-08" in text
    assert "routes its requests to gemini-3.6-flash" in text
    limits = _texts(_check(doc, "quota-limits"))
    assert "re-routed by Google to gemini-3.6-flash: the limits of gemini-3.6-flash apply" in limits
    assert "gemini-flash-latest is an alias: its quota is the model it resolves to" in limits


def test_key_only_checks_names_with_the_key_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Emulator("key-only") as emu:
        _code, doc = _doctor(monkeypatch, capsys, emu, "--model", "gemini-2.5-pro")
        requests = list(emu.requests)
    accepted = _check(doc, "key-accepted")
    text = _texts(accepted)
    assert "gemini-2.5-pro was retired on 2026-12-01" in text and "gemini-3.8-flash" in text
    assert all(r.api == "gemini" for r in requests), "key only: no Cloud API was called"
