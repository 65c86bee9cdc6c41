"""``gemquota probe`` end to end: the CLI, real google-genai over loopback, the bundled emulator.

Each case runs the command twice (JSON, then human) and checks the row, the JSON document, the
exit code, the request log (exactly one generateContent POST per model, or none after a failed
models.list) and that no API key appears in any output."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from gemquota.cli import main
from gemquota.emulator import Emulator, Fault, RecordedRequest, Scenario, get_scenario

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]

#: Variables that would change which key, endpoint or backend google-genai / gemquota use.
CLEARED = (
    "GOOGLE_API_KEY",
    "GEMINI_API_KEY",
    "GEMQUOTA_GOOGLE_BASE_URL",
    "GEMQUOTA_FORMAT",
    "GEMQUOTA_ACCESS_TOKEN",
    "GOOGLE_CLOUD_PROJECT",
    "GOOGLE_CLOUD_QUOTA_PROJECT",
    "GOOGLE_CLOUD_LOCATION",
    "GOOGLE_APPLICATION_CREDENTIALS",
    "GOOGLE_GEMINI_BASE_URL",
    "GOOGLE_GENAI_USE_VERTEXAI",
    "GOOGLE_GENAI_USE_ENTERPRISE",
    "GOOGLE_GENAI_API_VERSION",
    "GOOGLE_GENAI_HTTP_CLIENT",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
)

UNKNOWN_KEY = "AIzaSyD-probeTESTunknownKEY0123456789ab"  # well formed, unknown to every scenario
PACIFIC = ZoneInfo("America/Los_Angeles")


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = json.loads(self.out)
        return doc

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.doc["data"]
        return data

    def row(self, model: str) -> dict[str, Any]:
        rows = [r for r in self.data["models"] if r["model"] == model]
        assert len(rows) == 1, self.data["models"]
        row: dict[str, Any] = rows[0]
        return row


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Any:
    """Run ``gemquota probe ARGS`` in-process with exactly ``env`` as the Google-related environment."""

    def run(env: dict[str, str], *args: str) -> Run:
        for name in CLEARED:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        start = time.monotonic()
        code = main(["probe", *args])
        seconds = time.monotonic() - start
        out, err = capsys.readouterr()
        return Run(code, out, err, seconds)

    return run


@pytest.fixture
def emulator() -> Iterator[Any]:
    started: list[Emulator] = []

    def start(scenario: str | Scenario) -> Emulator:
        emu = Emulator(scenario).start()
        started.append(emu)
        return emu

    yield start
    for emu in started:
        emu.stop()


def _env(emu: Emulator) -> dict[str, str]:
    return {"GEMQUOTA_GOOGLE_BASE_URL": emu.base_url, "GEMINI_API_KEY": emu.scenario.demo.api_keys[0]}


def _generate_posts(log: list[RecordedRequest], model: str) -> int:
    return sum(1 for r in log if r.method == "POST" and r.path.endswith(f"/models/{model}:generateContent"))


def _all_generate_posts(log: list[RecordedRequest]) -> int:
    return sum(1 for r in log if r.method == "POST" and r.path.endswith(":generateContent"))


def _list_gets(log: list[RecordedRequest]) -> int:
    return sum(1 for r in log if r.method == "GET" and r.path.endswith("/models"))


def _no_secret(run: Run, *keys: str) -> None:
    for key in keys:
        assert key not in run.out, "an API key leaked to stdout"
        assert key not in run.err, "an API key leaked to stderr"


def _both(cli: Any, emu: Emulator, env: dict[str, str], *args: str) -> tuple[Run, Run, list[RecordedRequest]]:
    """The JSON run, the human run, and the request log of the JSON run; no key in any output."""
    emu.clear_requests()
    as_json = cli(env, "--format", "json", *args)
    log = emu.requests
    emu.clear_requests()
    human = cli(env, *args)
    assert _all_generate_posts(emu.requests) == _all_generate_posts(log)
    secrets = (*emu.scenario.demo.api_keys, *(a for a in (*env.values(), *args) if a.startswith("AIza")))
    _no_secret(as_json, *secrets)
    _no_secret(human, *secrets)
    return as_json, human, log


def _scenario_with(base: str, **project_changes: Any) -> Scenario:
    scenario = get_scenario(base)
    project = replace(scenario.projects[0], **project_changes)
    return replace(scenario, projects=(project, *scenario.projects[1:]))


# ------------------------------------------------------------------------------------------- OK


def test_ok_healthy(cli: Any, emulator: Any) -> None:
    emu = emulator("healthy")
    as_json, human, log = _both(cli, emu, _env(emu))

    assert as_json.code == 0
    doc = as_json.doc
    assert doc["schema_version"] == 1 and doc["command"] == "probe"
    data = doc["data"]
    assert data["key_source"] == "GEMINI_API_KEY"
    key = emu.scenario.demo.api_keys[0]
    assert data["key_masked"] == key[:4] + "…" + key[-4:]
    row = as_json.row("gemini-2.5-flash")
    assert row["ok"] is True and row["listed"] is True
    assert isinstance(row["latency_ms"], float) and row["latency_ms"] >= 0
    assert row["diagnosis"] is None and row["quota_model"] is None
    assert "1 request of RPM and RPD" in data["cost"]
    assert set(row) >= {"model", "ok", "latency_ms", "listed", "quota_model", "diagnosis"}
    assert set(data) >= {"key_source", "models", "cost"}

    assert _list_gets(log) >= 1
    assert _generate_posts(log, "gemini-2.5-flash") == 1
    assert _all_generate_posts(log) == 1
    post = next(r for r in log if r.path.endswith(":generateContent"))
    body = json.loads(post.body or "{}")
    assert body["generationConfig"]["maxOutputTokens"] == 1
    assert "thinkingConfig" not in body["generationConfig"]  # never forced (some models reject it)
    assert body["contents"][0]["parts"][0]["text"] == "hi"

    assert human.code == 0
    assert "✓ gemini-2.5-flash" in human.out and "OK in" in human.out
    assert "from GEMINI_API_KEY" in human.out
    assert "Cost:" in human.out


def test_key_flag_beats_env_and_google_api_key_beats_gemini(cli: Any, emulator: Any) -> None:
    emu = emulator("healthy")
    key = emu.scenario.demo.api_keys[0]
    env = {"GEMQUOTA_GOOGLE_BASE_URL": emu.base_url, "GOOGLE_API_KEY": key, "GEMINI_API_KEY": UNKNOWN_KEY}
    run = cli(env, "--format", "json")
    assert run.code == 0 and run.data["key_source"] == "GOOGLE_API_KEY"
    run = cli({**env, "GOOGLE_API_KEY": UNKNOWN_KEY}, "--format", "json", "--key", key)
    assert run.code == 0 and run.data["key_source"] == "--key"
    _no_secret(run, key, UNKNOWN_KEY)


def test_several_models_one_post_each_and_no_generate(cli: Any, emulator: Any) -> None:
    emu = emulator("healthy")
    models = ("gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite")
    args = [a for m in models for a in ("--model", m)]
    run = cli(_env(emu), "--format", "json", *args)
    assert run.code == 0
    assert [r["model"] for r in run.data["models"]] == list(models)
    for model in models:
        assert _generate_posts(emu.requests, model) == 1
    assert run.data["generate_calls"] == 3

    emu.clear_requests()
    run = cli(_env(emu), "--format", "json", "--no-generate", *args)
    assert run.code == 0
    assert _all_generate_posts(emu.requests) == 0 and _list_gets(emu.requests) >= 1
    assert all(
        r["ok"] is True and r["listed"] is True and r["latency_ms"] is None for r in run.data["models"]
    )
    assert "free" in run.data["cost"]


def test_unknown_model_is_not_listed_and_not_found(cli: Any, emulator: Any) -> None:
    emu = emulator("healthy")
    as_json, human, log = _both(cli, emu, _env(emu), "--model", "gemini-9-flash")
    assert as_json.code == 1
    row = as_json.row("gemini-9-flash")
    assert row["ok"] is False and row["listed"] is False
    assert row["diagnosis"]["kind"] == "model-not-found"
    assert row["diagnosis"]["http_code"] == 404
    assert _generate_posts(log, "gemini-9-flash") == 1
    assert human.code == 1
    assert "model-not-found" in human.out and "not in models.list" in human.out


# ----------------------------------------------------------------------------------- quota rows


def test_zero_quota_image_counted_against_preview_image(cli: Any, emulator: Any) -> None:
    emu = emulator("zero-quota-image")
    as_json, human, log = _both(cli, emu, _env(emu), "--model", "gemini-2.5-flash-image")
    assert as_json.code == 1
    row = as_json.row("gemini-2.5-flash-image")
    assert row["ok"] is False and row["listed"] is True and row["latency_ms"] is None
    assert row["quota_model"] == "gemini-2.5-flash-preview-image"
    assert row["quota_elsewhere"] is True
    diag = row["diagnosis"]
    assert diag["kind"] == "zero-quota" and diag["retry"] == "fix"
    assert diag["http_code"] == 429 and diag["status"] == "RESOURCE_EXHAUSTED"
    assert diag["requested_model"] == "gemini-2.5-flash-image"
    assert diag["model"] == "gemini-2.5-flash-preview-image"
    assert diag["tier"] == "free"
    assert diag["fixes"], "a zero-quota row carries its fix"
    assert _generate_posts(log, "gemini-2.5-flash-image") == 1

    assert human.code == 1
    assert "✗ gemini-2.5-flash-image" in human.out and "zero-quota" in human.out
    assert "counted against gemini-2.5-flash-preview-image, not gemini-2.5-flash-image" in human.out
    assert "Fix:" in human.out


def test_rpd_exhausted_resets_at_pacific_midnight(cli: Any, emulator: Any) -> None:
    emu = emulator("rpd-exhausted")
    as_json, human, log = _both(cli, emu, _env(emu))
    assert as_json.code == 1
    row = as_json.row("gemini-2.5-flash")
    assert row["ok"] is False and row["listed"] is True
    assert row["quota_model"] == "gemini-2.5-flash" and row["quota_elsewhere"] is False
    diag = row["diagnosis"]
    assert diag["kind"] == "rpd" and diag["retry"] == "wait-reset"
    # The body carries a RetryInfo of under a minute; the reset is still Pacific midnight.
    reset = datetime.fromisoformat(diag["reset_at"].replace("Z", "+00:00"))
    local = reset.astimezone(PACIFIC)
    assert (local.hour, local.minute, local.second) == (0, 0, 0)
    now = datetime.now(UTC)
    assert now < reset <= now + timedelta(hours=25)
    assert _generate_posts(log, "gemini-2.5-flash") == 1
    assert human.code == 1
    assert "rpd" in human.out and "nothing succeeds before the reset" in human.out


def test_rpm_with_retry_info(cli: Any, emulator: Any) -> None:
    scenario = _scenario_with(
        "healthy",
        limit_overrides=(("GenerateRequestsPerMinutePerProjectPerModel", "gemini-2.5-flash", 1),),
    )
    emu = emulator(scenario)
    as_json, human, log = _both(cli, emu, _env(emu))
    assert as_json.code == 1
    row = as_json.row("gemini-2.5-flash")
    diag = row["diagnosis"]
    assert diag["kind"] == "rpm" and diag["retry"] == "backoff"
    assert diag["quota_id"] == "GenerateRequestsPerMinutePerProjectPerModel"
    assert diag["limit"] == 1
    assert isinstance(diag["retry_after_s"], float) and 0 <= diag["retry_after_s"] <= 60
    assert row["quota_model"] == "gemini-2.5-flash"
    assert _generate_posts(log, "gemini-2.5-flash") == 1
    assert human.code == 1
    assert "rpm" in human.out and "retry with backoff" in human.out


def test_503_overloaded(cli: Any, emulator: Any) -> None:
    emu = emulator(_scenario_with("healthy", forced_outcomes=(("gemini-2.5-flash", "overloaded"),)))
    as_json, human, log = _both(cli, emu, _env(emu))
    assert as_json.code == 1
    row = as_json.row("gemini-2.5-flash")
    assert row["ok"] is False and row["listed"] is True and row["quota_model"] is None
    diag = row["diagnosis"]
    assert diag["kind"] == "overloaded" and diag["http_code"] == 503 and diag["status"] == "UNAVAILABLE"
    assert diag["retry"] == "backoff"
    assert _generate_posts(log, "gemini-2.5-flash") == 1  # no retry by google-genai
    assert human.code == 1 and "overloaded" in human.out


def test_region_400_failed_precondition(cli: Any, emulator: Any) -> None:
    emu = emulator(_scenario_with("healthy", forced_outcomes=(("gemini-2.5-flash", "region"),)))
    as_json, human, log = _both(cli, emu, _env(emu))
    assert as_json.code == 1
    diag = as_json.row("gemini-2.5-flash")["diagnosis"]
    assert diag["kind"] == "region" and diag["retry"] == "fix"
    assert diag["http_code"] == 400 and diag["status"] == "FAILED_PRECONDITION"
    assert _generate_posts(log, "gemini-2.5-flash") == 1
    assert human.code == 1 and "region" in human.out


# ------------------------------------------------------------------------- models.list failures


def _assert_list_failure(
    as_json: Run, human: Run, log: list[RecordedRequest], kind: str, http: int
) -> dict[str, Any]:
    assert as_json.code == 1
    data = as_json.data
    assert data["list_error"]["kind"] == kind
    row = as_json.row("gemini-2.5-flash")
    assert row["ok"] is False and row["listed"] is None and row["latency_ms"] is None
    assert row["diagnosis"]["kind"] == kind and row["diagnosis"]["http_code"] == http
    assert row["diagnosis"]["retry"] == "fix"
    assert _all_generate_posts(log) == 0, "no generateContent after a failed models.list"
    assert _list_gets(log) == 1
    assert data["generate_calls"] == 0 and "no generateContent was sent" in data["cost"]
    assert human.code == 1
    assert "✗ models.list" in human.out and kind in human.out
    diag: dict[str, Any] = row["diagnosis"]
    return diag


def test_bad_key(cli: Any, emulator: Any) -> None:
    emu = emulator("healthy")
    env = {"GEMQUOTA_GOOGLE_BASE_URL": emu.base_url}
    as_json, human, log = _both(cli, emu, env, "--key", UNKNOWN_KEY)
    diag = _assert_list_failure(as_json, human, log, "bad-key", 400)
    assert diag["status"] == "INVALID_ARGUMENT"
    assert as_json.data["key_source"] == "--key"
    _no_secret(as_json, UNKNOWN_KEY)
    _no_secret(human, UNKNOWN_KEY)


def test_leaked_key(cli: Any, emulator: Any) -> None:
    scenario = get_scenario("healthy")
    scenario = replace(scenario, keys=tuple(replace(k, leaked=True) for k in scenario.keys))
    emu = emulator(scenario)
    as_json, human, log = _both(cli, emu, _env(emu))
    diag = _assert_list_failure(as_json, human, log, "leaked-key", 403)
    assert diag["status"] == "PERMISSION_DENIED"


def test_api_disabled(cli: Any, emulator: Any) -> None:
    emu = emulator("api-disabled")
    as_json, human, log = _both(cli, emu, _env(emu))
    diag = _assert_list_failure(as_json, human, log, "api-disabled", 403)
    assert diag["project_number"] == "309452771806"


# --------------------------------------------------------------------------- transport failures


def test_timeout_is_a_deadline_row(cli: Any, emulator: Any) -> None:
    emu = emulator("healthy")
    emu.inject(r"^POST .*:generateContent$", Fault.timeout())
    run = cli(_env(emu), "--format", "json", "--timeout", "0.5")
    assert run.seconds < 5, "the probe must not wait beyond --timeout"
    assert run.code == 1
    row = run.row("gemini-2.5-flash")
    assert row["ok"] is False and row["listed"] is True and row["latency_ms"] is None
    diag = row["diagnosis"]
    assert diag["kind"] == "deadline" and diag["retry"] == "backoff"
    assert diag["status"] == "DEADLINE_EXCEEDED" and diag["http_code"] is None  # our deadline, not a 504
    assert _generate_posts(emu.requests, "gemini-2.5-flash") == 1, "no retry after the timeout"
    _no_secret(run, *emu.scenario.demo.api_keys)

    emu.clear_requests()
    human = cli(_env(emu), "--timeout", "0.5")
    assert human.code == 1 and human.seconds < 5
    assert "deadline" in human.out and "0.5 s" in human.out


def _closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    sock.close()
    return port


def test_connection_refused_cannot_run(cli: Any) -> None:
    env = {"GEMQUOTA_GOOGLE_BASE_URL": f"http://127.0.0.1:{_closed_port()}", "GEMINI_API_KEY": UNKNOWN_KEY}
    run = cli(env, "--format", "json")
    assert run.code == 3
    assert run.doc["error"]["code"] == "unreachable"
    assert "could not reach" in run.doc["error"]["message"]
    human = cli(env)
    assert human.code == 3 and human.out == ""
    assert "could not reach http://127.0.0.1:" in human.err
    _no_secret(run, UNKNOWN_KEY)
    _no_secret(human, UNKNOWN_KEY)


def test_no_key_cannot_run(cli: Any) -> None:
    run = cli({}, "--format", "json")
    assert run.code == 3
    assert run.doc["error"]["code"] == "no-credentials"
    assert "GEMINI_API_KEY" in run.doc["error"]["hint"]
    human = cli({})
    assert human.code == 3
    assert "No Gemini API key" in human.err and "export GEMINI_API_KEY" in human.err


# ---------------------------------------------------------------------------- formats and demo


def test_github_annotations(cli: Any, emulator: Any) -> None:
    emu = emulator("zero-quota-image")
    run = cli(
        _env(emu), "--format", "github", "--model", "gemini-2.5-flash", "--model", "gemini-2.5-flash-image"
    )
    assert run.code == 1
    lines = run.out.splitlines()
    assert any(line.startswith("::notice title=gemquota probe%3A gemini-2.5-flash::OK in") for line in lines)
    error = [
        line for line in lines if line.startswith("::error title=gemquota probe%3A gemini-2.5-flash-image::")
    ]
    assert len(error) == 1 and "zero-quota" in error[0] and "gemini-2.5-flash-preview-image" in error[0]
    assert all(line.startswith("::") for line in lines)
    assert run.err == ""
    _no_secret(run, *emu.scenario.demo.api_keys)


def test_demo_zero_quota_image(cli: Any) -> None:
    run = cli({}, "--demo", "zero-quota-image", "--model", "gemini-2.5-flash-image", "--format", "json")
    assert run.code == 1
    row = run.row("gemini-2.5-flash-image")
    assert row["diagnosis"]["kind"] == "zero-quota"
    assert row["quota_model"] == "gemini-2.5-flash-preview-image"
    listing = cli({}, "--demo")
    assert listing.code == 0 and "zero-quota-image" in listing.out
    unknown = cli({}, "--demo", "no-such-scenario")
    assert unknown.code == 2


def test_500_is_an_internal_row_and_a_reset_cannot_run(cli: Any, emulator: Any) -> None:
    emu = emulator("healthy")
    emu.inject(r"^POST .*:generateContent$", Fault.status500(times=1))
    run = cli(_env(emu), "--format", "json")
    assert run.code == 1
    diag = run.row("gemini-2.5-flash")["diagnosis"]
    assert diag["kind"] == "internal" and diag["http_code"] == 500 and diag["retry"] == "backoff"
    assert _generate_posts(emu.requests, "gemini-2.5-flash") == 1

    emu.clear_requests()
    emu.inject(r"^POST .*:generateContent$", Fault.connection_reset(times=1))
    run = cli(_env(emu), "--format", "json")
    assert run.code == 3
    assert run.doc["error"]["code"] == "unreachable"
    assert _generate_posts(emu.requests, "gemini-2.5-flash") == 1, "no retry after a reset"
    _no_secret(run, *emu.scenario.demo.api_keys)
