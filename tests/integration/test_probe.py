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
from gemquota.core.redact import mask_key
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


def _kind(key: str) -> str:
    """The kind SPEC §5 gives a key of this shape."""
    return "auth" if key.startswith("AQ.") else "standard" if key.startswith("AIza") else "unknown"


def _listed(emu: Emulator) -> list[dict[str, Any]]:
    """What the emulator's models.list serves (the test's source of truth for 'listed')."""
    import urllib.request

    req = urllib.request.Request(
        f"{emu.base_url}/v1beta/models?pageSize=1000",
        headers={"x-goog-api-key": emu.scenario.demo.api_keys[0]},
    )
    with urllib.request.urlopen(req, timeout=5) as resp:
        models: list[dict[str, Any]] = json.loads(resp.read())["models"]
    return models


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
    secrets = (
        *emu.scenario.demo.api_keys,
        *(a for a in (*env.values(), *args) if a.startswith(("AIza", "AQ."))),
    )
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
    assert data["key_masked"] == mask_key(key)
    assert data["key_kind"] == _kind(key)
    # no model given: the newest stable Flash model that models.list returns, named
    assert data["default_model"] == "gemini-3.8-flash"
    row = as_json.row("gemini-3.8-flash")
    assert row["ok"] is True and row["listed"] is True and row["default"] is True
    assert isinstance(row["latency_ms"], float) and row["latency_ms"] >= 0
    assert row["diagnosis"] is None and row["quota_model"] is None
    assert row["served_model"] == "gemini-3.8-flash" and row["rerouted"] is False
    assert row["key_source"] == "GEMINI_API_KEY" and row["key_kind"] == _kind(key)
    assert "1 request of RPM and RPD" in data["cost"]
    assert set(row) >= {"model", "ok", "latency_ms", "listed", "quota_model", "served_model", "diagnosis"}
    assert set(data) >= {"key_source", "key_kind", "models", "cost"}

    assert _list_gets(log) >= 1
    assert _generate_posts(log, "gemini-3.8-flash") == 1
    assert _all_generate_posts(log) == 1
    post = next(r for r in log if r.path.endswith(":generateContent"))
    body = json.loads(post.body or "{}")
    assert body["generationConfig"]["maxOutputTokens"] == 1
    assert "thinkingConfig" not in body["generationConfig"]  # never forced (some models reject it)
    assert body["contents"][0]["parts"][0]["text"] == "hi"

    assert human.code == 0
    assert "✓ gemini-3.8-flash" in human.out and "OK in" in human.out
    assert "Default model: gemini-3.8-flash (the newest stable Flash model in models.list" in human.out
    assert "from GEMINI_API_KEY" in human.out
    assert "Cost:" in human.out


def test_default_model_follows_the_list(cli: Any, emulator: Any) -> None:
    """No model id is hard-coded: the default is whatever the key's models.list offers."""
    base = get_scenario("healthy")
    emu = emulator(replace(base, hidden_models=("gemini-3.8-flash",)))
    run = cli(_env(emu), "--format", "json")
    assert run.code == 0 and run.data["default_model"] == "gemini-3.6-flash"
    assert _generate_posts(emu.requests, "gemini-3.6-flash") == 1

    everything = _listed(emulator(base))
    no_flash = tuple(m["name"].removeprefix("models/") for m in everything if "flash" in m["name"])
    emu = emulator(replace(base, hidden_models=no_flash))
    as_json, human, log = _both(cli, emu, _env(emu))
    assert as_json.code == 1 and as_json.data["models"] == []
    assert as_json.data["keys"][0]["no_default"].startswith(
        "No model given and models.list lists no stable Flash"
    )
    assert _all_generate_posts(log) == 0
    assert "pass --model" in human.out


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
    models = ("gemini-3.8-flash", "gemini-3.1-pro-preview", "gemini-2.5-flash-lite")
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
        r["ok"] is True and r["listed"] is True and r["latency_ms"] is None and r["served_model"] is None
        for r in run.data["models"]
    )
    assert "free" in run.data["cost"]


def test_unknown_model_is_reported_from_the_list_without_a_request(cli: Any, emulator: Any) -> None:
    emu = emulator("healthy")
    as_json, human, log = _both(cli, emu, _env(emu), "--model", "gemini-3.8-flsh")
    assert as_json.code == 1
    row = as_json.row("gemini-3.8-flsh")
    assert row["ok"] is False and row["listed"] is False and row["served_model"] is None
    diag = row["diagnosis"]
    assert diag["kind"] == "model-not-found" and diag["retry"] == "fix"
    assert diag["http_code"] is None, "no request was sent: no HTTP answer"
    assert row["suggestions"][0] == "gemini-3.8-flash"
    listed = {m["name"].removeprefix("models/") for m in _listed(emu)}
    assert set(row["suggestions"]) <= listed
    assert diag["fixes"][0]["title"].startswith(
        "Use a listed model instead of gemini-3.8-flsh: gemini-3.8-flash"
    )
    assert _all_generate_posts(log) == 0, "a model models.list does not list costs no request"
    assert as_json.data["generate_calls"] == 0
    assert human.code == 1
    assert "model-not-found" in human.out and "Closest listed: gemini-3.8-flash" in human.out
    assert "limit 0" not in human.out.lower() and "enable billing" not in human.out.lower()


def test_retired_model_is_said_so_with_listed_successors(cli: Any, emulator: Any) -> None:
    emu = emulator("healthy")
    as_json, human, log = _both(cli, emu, _env(emu), "--model", "models/gemini-2.0-flash")
    row = as_json.row("gemini-2.0-flash")
    assert row["listed"] is False and row["ok"] is False and row["retired_on"] == "2026-06-01"
    diag = row["diagnosis"]
    assert diag["kind"] == "model-not-found" and "retired" in diag["headline"]
    assert "shut it down on 2026-06-01" in diag["headline"]
    listed = {m["name"].removeprefix("models/") for m in _listed(emu)}
    first_fix = diag["fixes"][0]
    assert first_fix["id"] == "use-listed-model"
    # Google's replacement gemini-3.5-flash was itself retired and routes to gemini-3.6-flash
    named = first_fix["title"].split(": ", 1)[1].split(", ")
    assert named[0] == "gemini-3.6-flash" and set(named) <= listed
    assert _all_generate_posts(log) == 0
    assert "is retired" in human.out and "zero-quota" not in human.out


def test_alias_is_named_and_resolves_to_its_model(cli: Any, emulator: Any) -> None:
    emu = emulator("healthy")
    as_json, human, _log = _both(cli, emu, _env(emu), "--model", "gemini-flash-latest")
    assert as_json.code == 0
    row = as_json.row("gemini-flash-latest")
    assert row["alias"] is True and row["rerouted"] is False
    assert row["served_model"] == "gemini-3.8-flash" and row["quota_model"] == "gemini-3.8-flash"
    assert "gemini-flash-latest is an alias: it resolved to gemini-3.8-flash" in human.out
    assert "Re-routed" not in human.out


def test_rerouted_model_is_flagged(cli: Any, emulator: Any) -> None:
    emu = emulator("model-retired")
    as_json, human, log = _both(cli, emu, _env(emu), "--model", "gemini-3.5-flash")
    assert as_json.code == 0  # it answered; the re-route is a warning, not a failure
    row = as_json.row("gemini-3.5-flash")
    assert row["ok"] is True and row["listed"] is True
    assert row["served_model"] == "gemini-3.6-flash" and row["rerouted"] is True
    assert row["quota_model"] == "gemini-3.6-flash" and row["quota_elsewhere"] is True
    assert _generate_posts(log, "gemini-3.5-flash") == 1
    assert "Re-routed: gemini-3.5-flash was answered by gemini-3.6-flash" in human.out
    assert "bills and rate-limits" in human.out and "answered by gemini-3.6-flash" in human.out


def test_version_suffix_of_the_same_model_is_not_a_reroute(cli: Any, emulator: Any) -> None:
    scenario = replace(get_scenario("healthy"), served_as=(("gemini-3.8-flash", "gemini-3.8-flash-001"),))
    emu = emulator(scenario)
    as_json, human, _log = _both(cli, emu, _env(emu))
    row = as_json.row("gemini-3.8-flash")
    assert row["served_model"] == "gemini-3.8-flash-001"
    assert row["rerouted"] is False and row["quota_model"] is None and row["quota_elsewhere"] is False
    assert "Re-routed" not in human.out and "answered by" not in human.out


def test_demo_model_retired_probes_the_scenario_models(cli: Any) -> None:
    run = cli({}, "--demo", "model-retired", "--format", "json")
    assert run.code == 1
    assert [r["model"] for r in run.data["models"]] == ["gemini-2.5-flash", "gemini-3.5-flash"]
    gone = run.row("gemini-2.5-flash")
    assert gone["listed"] is True and gone["ok"] is False
    assert gone["diagnosis"]["kind"] == "model-not-found" and gone["diagnosis"]["http_code"] == 404
    assert "no longer available to new users" in gone["diagnosis"]["headline"]
    assert gone["diagnosis"]["fixes"][0]["title"].endswith(": gemini-3.5-flash-lite")
    moved = run.row("gemini-3.5-flash")
    assert moved["rerouted"] is True and moved["served_model"] == "gemini-3.6-flash"


def test_several_keys_one_row_per_key_and_model(cli: Any, emulator: Any) -> None:
    emu = emulator("shared-keys")
    k1, _k2, k3 = emu.scenario.demo.api_keys
    env = {"GEMQUOTA_GOOGLE_BASE_URL": emu.base_url, "GEMINI_API_KEY": UNKNOWN_KEY}
    as_json, human, log = _both(cli, emu, env, "--key", k1, "--key", k3, "--model", "gemini-3.8-flash")
    assert as_json.code == 0
    rows = as_json.data["models"]
    assert [(r["model"], r["key"]) for r in rows] == [
        ("gemini-3.8-flash", mask_key(k1)),
        ("gemini-3.8-flash", mask_key(k3)),
    ]
    assert all(r["key_source"] == "--key" and r["key_kind"] == _kind(k1) for r in rows)
    assert [k["key"] for k in as_json.data["keys"]] == [mask_key(k1), mask_key(k3)]
    posts = [r for r in log if r.path.endswith(":generateContent")]
    assert [p.headers["x-goog-api-key"] for p in posts] == [k1, k3], "every key probed, in order"
    assert as_json.data["generate_calls"] == 2
    assert human.out.count("Key: ") == 2 and human.out.count("✓ gemini-3.8-flash") == 2
    _no_secret(as_json, k1, k3)

    # a failing key among good ones is its own row, never hidden behind the other
    as_json, _human, log = _both(cli, emu, env, "--key", k1, "--key", UNKNOWN_KEY)
    assert as_json.code == 1
    assert [k["list_error"] is None for k in as_json.data["keys"]] == [True, False]
    assert as_json.data["keys"][1]["list_error"]["kind"] == "bad-key"
    assert _all_generate_posts(log) == 1


def test_auth_key_is_probed_and_named(cli: Any, emulator: Any) -> None:
    auth = "AQ.Ab8RN6" + "DEMOprobeAuthKeyBoundToAServiceAccount0042"  # 51 characters, the AQ. shape
    base = get_scenario("healthy")
    scenario = replace(
        base,
        keys=(replace(base.keys[0], key=auth),),
        demo=replace(base.demo, api_keys=(auth,)),
    )
    emu = emulator(scenario)
    as_json, human, _log = _both(cli, emu, {"GEMQUOTA_GOOGLE_BASE_URL": emu.base_url, "GEMINI_API_KEY": auth})
    assert as_json.code == 0
    assert as_json.data["key_kind"] == "auth" and as_json.row("gemini-3.8-flash")["key_kind"] == "auth"
    assert "(auth key)" in human.out
    _no_secret(as_json, auth)
    _no_secret(human, auth)


# ----------------------------------------------------------------------------------- quota rows


def test_zero_quota_image(cli: Any, emulator: Any) -> None:
    emu = emulator("zero-quota-image")
    as_json, human, log = _both(cli, emu, _env(emu), "--model", "gemini-3.1-flash-image")
    assert as_json.code == 1
    row = as_json.row("gemini-3.1-flash-image")
    assert row["ok"] is False and row["listed"] is True and row["latency_ms"] is None
    assert row["quota_model"] == "gemini-3.1-flash-image"
    assert row["quota_elsewhere"] is False
    diag = row["diagnosis"]
    assert diag["kind"] == "zero-quota" and diag["retry"] == "fix"
    assert diag["http_code"] == 429 and diag["status"] == "RESOURCE_EXHAUSTED"
    assert diag["requested_model"] == "gemini-3.1-flash-image"
    assert diag["model"] == "gemini-3.1-flash-image"
    assert diag["tier"] == "free"
    assert diag["fixes"], "a zero-quota row carries its fix"
    assert _generate_posts(log, "gemini-3.1-flash-image") == 1

    assert human.code == 1
    assert "✗ gemini-3.1-flash-image" in human.out and "zero-quota" in human.out
    assert "Fix:" in human.out


def test_rpd_exhausted_resets_at_pacific_midnight(cli: Any, emulator: Any) -> None:
    emu = emulator("rpd-exhausted")
    as_json, human, log = _both(cli, emu, _env(emu))
    assert as_json.code == 1
    row = as_json.row("gemini-3.8-flash")
    assert row["ok"] is False and row["listed"] is True
    assert row["quota_model"] == "gemini-3.8-flash" and row["quota_elsewhere"] is False
    diag = row["diagnosis"]
    assert diag["kind"] == "rpd" and diag["retry"] == "wait-reset"
    # The body carries a RetryInfo of under a minute; the reset is still Pacific midnight.
    reset = datetime.fromisoformat(diag["reset_at"].replace("Z", "+00:00"))
    local = reset.astimezone(PACIFIC)
    assert (local.hour, local.minute, local.second) == (0, 0, 0)
    now = datetime.now(UTC)
    assert now < reset <= now + timedelta(hours=25)
    assert _generate_posts(log, "gemini-3.8-flash") == 1
    assert human.code == 1
    assert "rpd" in human.out and "nothing succeeds before the reset" in human.out


def test_rpm_with_retry_info(cli: Any, emulator: Any) -> None:
    scenario = _scenario_with(
        "healthy",
        limit_overrides=(("GenerateRequestsPerMinutePerProjectPerModel", "gemini-3.8-flash", 1),),
    )
    emu = emulator(scenario)
    as_json, human, log = _both(cli, emu, _env(emu))
    assert as_json.code == 1
    row = as_json.row("gemini-3.8-flash")
    diag = row["diagnosis"]
    assert diag["kind"] == "rpm" and diag["retry"] == "backoff"
    assert diag["quota_id"] == "GenerateRequestsPerMinutePerProjectPerModel"
    assert diag["limit"] == 1
    assert isinstance(diag["retry_after_s"], float) and 0 <= diag["retry_after_s"] <= 60
    assert row["quota_model"] == "gemini-3.8-flash"
    assert _generate_posts(log, "gemini-3.8-flash") == 1
    assert human.code == 1
    assert "rpm" in human.out and "retry with backoff" in human.out


def test_503_overloaded(cli: Any, emulator: Any) -> None:
    emu = emulator(_scenario_with("healthy", forced_outcomes=(("gemini-3.8-flash", "overloaded"),)))
    as_json, human, log = _both(cli, emu, _env(emu))
    assert as_json.code == 1
    row = as_json.row("gemini-3.8-flash")
    assert row["ok"] is False and row["listed"] is True and row["quota_model"] is None
    diag = row["diagnosis"]
    assert diag["kind"] == "overloaded" and diag["http_code"] == 503 and diag["status"] == "UNAVAILABLE"
    assert diag["retry"] == "backoff"
    assert _generate_posts(log, "gemini-3.8-flash") == 1  # no retry by google-genai
    assert human.code == 1 and "overloaded" in human.out


def test_region_400_failed_precondition(cli: Any, emulator: Any) -> None:
    emu = emulator(_scenario_with("healthy", forced_outcomes=(("gemini-3.8-flash", "region"),)))
    as_json, human, log = _both(cli, emu, _env(emu))
    assert as_json.code == 1
    diag = as_json.row("gemini-3.8-flash")["diagnosis"]
    assert diag["kind"] == "region" and diag["retry"] == "fix"
    assert diag["http_code"] == 400 and diag["status"] == "FAILED_PRECONDITION"
    assert _generate_posts(log, "gemini-3.8-flash") == 1
    assert human.code == 1 and "region" in human.out


# ------------------------------------------------------------------------- models.list failures


def _assert_list_failure(
    as_json: Run, human: Run, log: list[RecordedRequest], kind: str, http: int
) -> dict[str, Any]:
    assert as_json.code == 1
    data = as_json.data
    assert data["list_error"]["kind"] == kind
    assert data["keys"][0]["list_error"]["kind"] == kind
    # no --model and no list: there is no default model to name, so no row
    assert data["models"] == [] and data["default_model"] is None
    diag: dict[str, Any] = data["list_error"]
    assert diag["http_code"] == http and diag["retry"] == "fix"
    assert _all_generate_posts(log) == 0, "no generateContent after a failed models.list"
    assert _list_gets(log) == 1
    assert data["generate_calls"] == 0 and "no generateContent was sent" in data["cost"]
    assert human.code == 1
    assert "✗ models.list" in human.out and kind in human.out
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
    row = run.row("gemini-3.8-flash")
    assert row["ok"] is False and row["listed"] is True and row["latency_ms"] is None
    diag = row["diagnosis"]
    assert diag["kind"] == "deadline" and diag["retry"] == "backoff"
    assert diag["status"] == "DEADLINE_EXCEEDED" and diag["http_code"] is None  # our deadline, not a 504
    assert _generate_posts(emu.requests, "gemini-3.8-flash") == 1, "no retry after the timeout"
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
        _env(emu), "--format", "github", "--model", "gemini-3.8-flash", "--model", "gemini-3.1-flash-image"
    )
    assert run.code == 1
    lines = run.out.splitlines()
    assert any(line.startswith("::notice title=gemquota probe%3A gemini-3.8-flash::OK in") for line in lines)
    error = [
        line for line in lines if line.startswith("::error title=gemquota probe%3A gemini-3.1-flash-image::")
    ]
    assert len(error) == 1 and "zero-quota" in error[0] and "limit" in error[0]
    assert all(line.startswith("::") for line in lines)
    assert run.err == ""
    _no_secret(run, *emu.scenario.demo.api_keys)


def test_demo_zero_quota_image_probes_the_image_model(cli: Any) -> None:
    run = cli({}, "--demo", "zero-quota-image", "--format", "json")  # no --model: the scenario's model
    assert run.code == 1
    assert [r["model"] for r in run.data["models"]] == ["gemini-3.1-flash-image"]
    row = run.row("gemini-3.1-flash-image")
    assert row["diagnosis"]["kind"] == "zero-quota" and row["default"] is False
    assert row["quota_model"] == "gemini-3.1-flash-image"
    listing = cli({}, "--demo")
    assert listing.code == 0 and "zero-quota-image" in listing.out
    unknown = cli({}, "--demo", "no-such-scenario")
    assert unknown.code == 2


def test_500_is_an_internal_row_and_a_reset_cannot_run(cli: Any, emulator: Any) -> None:
    emu = emulator("healthy")
    emu.inject(r"^POST .*:generateContent$", Fault.status500(times=1))
    run = cli(_env(emu), "--format", "json")
    assert run.code == 1
    diag = run.row("gemini-3.8-flash")["diagnosis"]
    assert diag["kind"] == "internal" and diag["http_code"] == 500 and diag["retry"] == "backoff"
    assert _generate_posts(emu.requests, "gemini-3.8-flash") == 1

    emu.clear_requests()
    emu.inject(r"^POST .*:generateContent$", Fault.connection_reset(times=1))
    run = cli(_env(emu), "--format", "json")
    assert run.code == 3
    assert run.doc["error"]["code"] == "unreachable"
    assert _generate_posts(emu.requests, "gemini-3.8-flash") == 1, "no retry after a reset"
    _no_secret(run, *emu.scenario.demo.api_keys)


# ------------------------------------------------------------------------------------- doctor


def _doctor(env: dict[str, str], monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """``doctor --check probe --probe ARGS`` with exactly ``env`` as the Google-related environment."""
    for name in CLEARED:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return main(["doctor", "--format", "json", "--check", "probe", "--probe", *args])


def test_doctor_probe_without_model_probes_the_default_model(
    emulator: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    emu = emulator("healthy")
    capsys.readouterr()
    code = _doctor(_env(emu), monkeypatch)
    doc = json.loads(capsys.readouterr().out)
    probe = next(c for c in doc["data"]["checks"] if c["id"] == "probe")
    assert probe["status"] == "ok" and code == 0
    assert any(
        "gemini-3.8-flash (default: newest stable Flash): OK" in msg["text"] for msg in probe["messages"]
    )
    posts = [r for r in emu.requests if r.method == "POST" and r.path.endswith(":generateContent")]
    assert len(posts) == 1 and posts[0].path.endswith("/models/gemini-3.8-flash:generateContent")


def test_doctor_model_not_listed_costs_no_request(
    emulator: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    emu = emulator("healthy")
    capsys.readouterr()
    code = _doctor(_env(emu), monkeypatch, "--model", "gemini-2.5-pro")
    doc = json.loads(capsys.readouterr().out)
    probe = next(c for c in doc["data"]["checks"] if c["id"] == "probe")
    assert probe["status"] == "fail" and code == 1
    text = " ".join(msg["text"] for msg in probe["messages"])
    assert "model-not-found" in text and "retired on 2026-12-01" in text and "gemini-3.8-flash" in text
    assert "limit 0" not in text.lower()
    assert _all_generate_posts(emu.requests) == 0


def test_doctor_probe_warns_on_a_reroute(
    emulator: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    emu = emulator("model-retired")
    capsys.readouterr()
    code = _doctor(_env(emu), monkeypatch, "--model", "gemini-3.5-flash")
    doc = json.loads(capsys.readouterr().out)
    probe = next(c for c in doc["data"]["checks"] if c["id"] == "probe")
    assert probe["status"] == "warn", probe
    assert "re-routed" in probe["summary"] and code == 0


def test_demo_with_several_keys_probes_every_key(cli: Any) -> None:
    run = cli({}, "--demo", "shared-keys", "--format", "json")
    assert run.code == 0
    keys = [k["key"] for k in run.data["keys"]]
    assert len(keys) == 3 and len(set(keys)) == 3
    assert [r["key"] for r in run.data["models"]] == keys
    assert all(r["key_source"] == "demo" for r in run.data["models"])
    assert "1 model × 3 keys" in run.data["cost"]


def test_github_annotations_for_a_reroute_and_a_retired_model(cli: Any) -> None:
    run = cli({}, "--demo", "model-retired", "--format", "github")
    assert run.code == 1
    lines = run.out.splitlines()
    assert any(
        line.startswith("::error title=gemquota probe%3A gemini-2.5-flash::model-not-found") for line in lines
    )
    notice = [ln for ln in lines if ln.startswith("::notice title=gemquota probe%3A gemini-3.5-flash::OK in")]
    assert len(notice) == 1 and "answered by gemini-3.6-flash" in notice[0]
    assert any(
        line.startswith("::warning title=gemquota probe%3A gemini-3.5-flash::Re-routed") for line in lines
    )
