"""Bundled scenarios, their demo environment, ``--demo`` plumbing and the ``gemquota emulator`` command."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from _emulator_support import cloud_client, genai_client, user_creds
from conftest import EmulatorFactory

from gemquota.app import demo as demo_app
from gemquota.app import emulator as emulator_app
from gemquota.context import Context, OutputFormat
from gemquota.core.redact import redact
from gemquota.emulator import SCENARIOS, Emulator, get_scenario
from gemquota.emulator.server import pacific_midnight
from gemquota.exceptions import UsageError
from gemquota.keys import KeyKind, key_kind
from gemquota.render.demo import scenario_list

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]

T = 5.0
REQUIRED = {
    "healthy",
    "billing-on-other-project",
    "zero-quota-image",
    "rpd-exhausted",
    "api-disabled",
    "no-iam",
    "standard-key-rejected",
    "prepay-depleted",
    "key-only",
    "shared-keys",
}


def test_bundled_scenarios_are_consistent_data() -> None:
    assert set(SCENARIOS) >= REQUIRED
    for name, sc in SCENARIOS.items():
        assert sc.name == name and sc.description and sc.expect
        numbers = {p.number for p in sc.projects}
        assert len(numbers) == len(sc.projects)
        for key in sc.keys:
            assert key.project_number in numbers
            assert key_kind(key.key) is not KeyKind.UNKNOWN and "DEMO" in key.key  # real shape, clearly fake
            assert redact(key.key) == f"{key.key[:4]}…{key.key[-4:]}"
            # auth keys (AQ.) are bound to a service account; standard keys only where that is the story
            if key.standard:
                assert name == "standard-key-rejected" and key.service_account is None
            else:
                assert key_kind(key.key) is KeyKind.AUTH and key.service_account
                assert key.service_account.endswith(".iam.gserviceaccount.com")
        assert sc.demo.api_keys == tuple(k.key for k in sc.keys)
        assert sc.demo.believed_project is None or sc.project(sc.demo.believed_project) is not None
        assert any(email == sc.demo.principal for _, email in sc.tokens)
    assert len(SCENARIOS["shared-keys"].keys) == 3
    with pytest.raises(KeyError, match="healthy"):
        get_scenario("nope")


def test_demo_env_is_only_the_demo(emulator: EmulatorFactory) -> None:
    emu = emulator("billing-on-other-project")
    env = emu.demo_env()
    assert env == {
        "GEMQUOTA_GOOGLE_BASE_URL": emu.base_url,
        "GOOGLE_GEMINI_BASE_URL": emu.base_url,  # google-genai in the user's own code stays here too
        "GEMINI_API_KEY": emu.scenario.demo.api_keys[0],
        "GEMQUOTA_ACCESS_TOKEN": emu.scenario.demo.access_token,
        "GOOGLE_CLOUD_PROJECT": "acme-prod",
        "GOOGLE_CLOUD_QUOTA_PROJECT": "acme-prod",
        "NO_GCE_CHECK": "true",
    }
    assert emu.base_url.startswith("http://127.0.0.1:")
    assert "GOOGLE_CLOUD_QUOTA_PROJECT" not in emulator("no-iam").demo_env()


def test_demo_context_replaces_the_users_env(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = lambda: datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # noqa: E731
    ctx = Context(
        env={"GEMINI_API_KEY": "AIzaSyREAL-USER-KEY-xxxxxxxxxxxxxxxxxxxx", "HOME": "/x"}, clock=clock
    )
    with demo_app.demo_context(ctx, "shared-keys") as (demo_ctx, emu):
        assert dict(demo_ctx.env) == emu.demo_env()
        assert demo_ctx.endpoints.overridden and demo_ctx.endpoints.gemini == emu.base_url
        assert demo_ctx.endpoints.token == f"{emu.base_url}/token"
        assert emu.now() == clock()  # the emulator runs on the Context's clock
        assert genai_client(emu, demo_ctx.env["GEMINI_API_KEY"]).models.get(model="gemini-3.8-flash").name
    with pytest.raises(RuntimeError, match="not running"):  # stopped on exit
        _ = emu.port
    with pytest.raises(UsageError) as err, demo_app.demo_context(ctx, "no-such-scenario"):
        pass
    assert "healthy" in (err.value.hint or "")


def test_list_scenarios_human_and_json() -> None:
    import io

    human = Context(stdout=io.StringIO())
    scenario_list(human, "doctor", demo_app.scenarios())
    text = human.stdout.getvalue()  # type: ignore[attr-defined]
    assert all(name in text for name in REQUIRED)
    as_json = Context(stdout=io.StringIO(), fmt=OutputFormat.JSON)
    scenario_list(as_json, "probe", demo_app.scenarios())
    doc = json.loads(as_json.stdout.getvalue())  # type: ignore[attr-defined]
    assert doc["command"] == "probe" and doc["schema_version"] == 1
    assert {s["name"] for s in doc["data"]["scenarios"]} == set(SCENARIOS)
    assert all(s["description"] for s in doc["data"]["scenarios"])


# --- what doctor should find, checked with the real clients -----------------------------------------


def _key_projects(emu: Emulator) -> list[str]:
    client = cloud_client("apikeys", emu, user_creds(emu))
    return [
        client.lookup_key(request={"key_string": k}, timeout=T).parent.split("/")[1]
        for k in emu.scenario.demo.api_keys
    ]


def test_billing_on_other_project_story(emulator: EmulatorFactory) -> None:
    emu = emulator("billing-on-other-project")
    (number,) = _key_projects(emu)
    billing = cloud_client("billing", emu, user_creds(emu))
    key_project = cloud_client("resourcemanager", emu, user_creds(emu)).get_project(
        name=f"projects/{number}", timeout=T
    )
    assert key_project.project_id.startswith("gen-lang-client-")
    assert key_project.project_id != emu.scenario.demo.believed_project
    assert not billing.get_project_billing_info(name=f"projects/{number}", timeout=T).billing_enabled
    believed = emu.scenario.demo.believed_project
    assert billing.get_project_billing_info(name=f"projects/{believed}", timeout=T).billing_enabled


def test_shared_keys_story(emulator: EmulatorFactory) -> None:
    emu = emulator("shared-keys")
    a1, a2, b = _key_projects(emu)
    assert a1 == a2 != b


def test_no_iam_story_gemini_still_works(emulator: EmulatorFactory) -> None:
    emu = emulator("no-iam")
    assert genai_client(emu).models.generate_content(model="gemini-3.8-flash", contents="hi").text == "OK"


def test_rpd_usage_is_since_pacific_midnight_across_dst() -> None:
    # the day after the November switch: midnight PST = 08:00 UTC; in summer PDT = 07:00 UTC
    assert pacific_midnight(datetime(2026, 11, 2, 7, 30, tzinfo=UTC)) == datetime(
        2026, 11, 1, 7, 0, tzinfo=UTC
    )
    assert pacific_midnight(datetime(2026, 11, 2, 9, 0, tzinfo=UTC)) == datetime(
        2026, 11, 2, 8, 0, tzinfo=UTC
    )
    assert pacific_midnight(datetime(2026, 7, 1, 6, 59, tzinfo=UTC)) == datetime(
        2026, 6, 30, 7, 0, tzinfo=UTC
    )


def test_rpd_exhausted_just_after_midnight_still_counts_today(emulator: EmulatorFactory) -> None:
    """At 00:00:30 Pacific the baseline usage still lands inside today (no spill into yesterday)."""
    now = datetime(2026, 11, 23, 8, 0, 30, tzinfo=UTC)
    emu = emulator("rpd-exhausted", clock=lambda: now)
    from google.genai import errors

    with pytest.raises(errors.ClientError) as info:
        genai_client(emu).models.generate_content(model="gemini-3.8-flash", contents="hi")
    assert '"quotaValue": "20"' in json.dumps(info.value.details) or "limit: 20" in info.value.message


# --- the gemquota emulator command ------------------------------------------------------------------


class _Stop:
    """A ctx.sleep that interrupts the foreground loop after the banner was printed."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, seconds: float) -> None:
        self.calls += 1
        raise KeyboardInterrupt


def test_emulator_command_prints_url_env_and_keys(make_context: Any) -> None:
    ctx = make_context(sleep=_Stop())
    assert emulator_app.run(ctx, scenario="shared-keys", port=0) == 130
    out = ctx.out
    assert "Listening on http://127.0.0.1:" in out
    assert "export GEMQUOTA_GOOGLE_BASE_URL=http://127.0.0.1:" in out
    assert "export GOOGLE_CLOUD_PROJECT=team-a-prod" in out
    for key in SCENARIOS["shared-keys"].demo.api_keys:  # fake keys are printed in full: users need them
        assert key in out
    assert "Emulator stopped." in ctx.err


def test_emulator_command_errors(make_context: Any) -> None:
    with pytest.raises(UsageError) as unknown:
        emulator_app.run(make_context(sleep=_Stop()), scenario="nope", port=0)
    assert "rpd-exhausted" in (unknown.value.hint or "")
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        with pytest.raises(UsageError, match="Cannot listen"):
            emulator_app.run(make_context(sleep=_Stop()), scenario="healthy", port=busy.getsockname()[1])
    finally:
        busy.close()


@pytest.mark.slow
def test_gemquota_emulator_runs_in_the_foreground_until_ctrl_c(tmp_path: Any) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOOGLE_", "GEMINI_", "GEMQUOTA_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gemquota", "emulator", "--scenario", "rpd-exhausted"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # a shell's background job ignores SIGINT, and a child would inherit that: give it Ctrl-C back
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert proc.stdout is not None
        lines = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            if line.startswith("What gemquota doctor should find"):
                break
        text = "".join(lines)
        base = text.split("Listening on ", 1)[1].split(" ", 1)[0]
        key = SCENARIOS["rpd-exhausted"].demo.api_keys[0]
        import requests

        listed = requests.get(f"{base}/v1beta/models", headers={"x-goog-api-key": key}, timeout=T)
        assert listed.status_code == 200 and listed.json()["models"]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
