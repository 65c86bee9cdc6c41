"""doctor for the Gemini of December 2026, end to end against the emulator with the real clients:
auth / standard / malformed keys, key-accepted, an auth key lookupKey cannot resolve, a 401 from a
Cloud API, lagging Monitoring, several keys in mixed projects, broken GOOGLE_APPLICATION_CREDENTIALS,
Google runtimes, exit codes, compact and verbose output."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from _doctor_support import ARGS, demo_run, make_ctx

from gemquota import exceptions
from gemquota.cli import main
from gemquota.commands import doctor
from gemquota.context import Context, OutputFormat
from gemquota.emulator import SCENARIOS, Emulator, Scenario, Usage

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]


def _doc(ctx: Context) -> dict[str, Any]:
    assert isinstance(ctx.stdout, io.StringIO)
    data: dict[str, Any] = json.loads(ctx.stdout.getvalue())["data"]
    return data


def _checks(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in data["checks"]}


def _json(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, dict[str, Any]]:
    code = main([*args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["data"]


# --- key kinds ------------------------------------------------------------------------------------


def test_auth_key_is_ok_and_its_service_account_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = _json(capsys, ["doctor", "--demo", "healthy"])
    checks = _checks(data)
    assert checks["api-key"]["status"] == "ok" and "auth key" in checks["api-key"]["summary"]
    accepted = checks["key-accepted"]
    assert accepted["status"] == "ok" and "countTokens" in accepted["summary"]
    texts = json.dumps(checks["key-project"]["messages"])
    assert "gemini-api-key@acme-gemini-prod.iam.gserviceaccount.com" in texts
    key = SCENARIOS["healthy"].demo.api_keys[0]
    assert data["keys"] == [{"source": "GEMINI_API_KEY", "masked": f"AQ.A…{key[-4:]}", "kind": "auth"}]
    assert data["fix_first"] is None
    assert code == 0


def test_standard_key_is_a_fail_with_the_auth_key_steps(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = _json(capsys, ["doctor", "--demo", "standard-key-rejected"])
    checks = _checks(data)
    api_key = checks["api-key"]
    assert api_key["status"] == "fail"
    assert (
        "rejected by the Gemini API since September 2026: create an auth key in AI Studio"
        in (api_key["summary"])
    )
    urls = {m["url"] for m in api_key["messages"]}
    assert "https://aistudio.google.com/app/apikey" in urls
    assert any("x-goog-api-key" in m["text"] for m in api_key["messages"])  # the steps
    accepted = checks["key-accepted"]
    assert accepted["status"] == "fail"
    assert "401" in accepted["summary"] and "ACCESS_TOKEN_TYPE_UNSUPPORTED" in accepted["summary"]
    assert accepted["fix"] is None  # the finding and its fix are stated once, in api-key
    assert any("does not prove a key can generate" in m["text"] for m in accepted["messages"])
    # the key still names a project: the project checks ran
    assert checks["key-project"]["status"] == "ok" and checks["billed-project"]["status"] == "ok"
    assert data["keys"][0]["kind"] == "standard"
    assert data["fix_first"]["check"] == "api-key"
    assert data["fix_first"]["url"] == "https://ai.google.dev/gemini-api/docs/api-key"
    assert code == 1


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ('"AQ.Ab8RN6' + "x" * 44 + '"', "wrapped in quotes"),
        ("AQ.Ab8RN6abc", "truncated"),
        ("AIzaSyA" + "b" * 20, "truncated"),
        ("sk-ant-api03-" + "c" * 40, "Anthropic"),
        ("sk-proj-" + "d" * 40, "OpenAI"),
        ("hello world key", "space"),
    ],
)
def test_malformed_key_says_what_it_looks_like(key: str, says: str, tmp_path: Path) -> None:
    ctx = make_ctx({"NO_GCE_CHECK": "true", "HOME": str(tmp_path), "GEMINI_API_KEY": key})
    code = doctor.run(ctx, **{**ARGS, "checks": ("api-key", "key-accepted")})
    checks = _checks(_doc(ctx))
    assert checks["api-key"]["status"] == "fail"
    assert says in checks["api-key"]["summary"]
    assert checks["key-accepted"]["status"] == "skip"  # a malformed key is never sent
    out = ctx.stdout.getvalue()  # type: ignore[attr-defined]
    assert key.strip('"') not in out
    assert code == 1


# --- key -> project ----------------------------------------------------------------------------------


def _unresolvable() -> Scenario:
    base = SCENARIOS["healthy"]
    (key,) = base.keys
    return dataclasses.replace(base, keys=(dataclasses.replace(key, unresolvable=True),))


def test_auth_key_lookup_cannot_resolve_is_unknown_project_never_invalid_key(tmp_path: Path) -> None:
    with Emulator(_unresolvable()) as emu:
        ctx = make_ctx(emu.demo_env())
        code = doctor.run(ctx, **ARGS)
        named = make_ctx(emu.demo_env())
        named_code = doctor.run(named, **{**ARGS, "project": "acme-gemini-prod"})
    checks = _checks(_doc(ctx))
    row = checks["key-project"]
    assert row["status"] == "warn"
    assert row["summary"].startswith("unknown — pass --project")
    assert "invalid" not in row["summary"].lower() and "does not know" not in json.dumps(row)
    assert checks["key-accepted"]["status"] == "ok"  # Google accepts the key all the same
    assert checks["billed-project"]["status"] == "skip"
    assert code == 0
    # with --project the cloud checks look at the named project
    named_checks = _checks(_doc(named))
    assert named_checks["key-project"]["status"] == "warn"
    assert "you named it (--project)" in named_checks["key-project"]["summary"]
    assert named_checks["billed-project"]["status"] == "ok"
    assert named_checks["api-enabled"]["status"] == "ok"
    assert named_code == 0


def test_a_project_number_leaked_by_a_gemini_error_is_used_when_lookup_fails() -> None:
    # API disabled on the key's project: countTokens answers 403 SERVICE_DISABLED naming
    # consumer projects/N; lookupKey cannot resolve the key, so N is the project to check.
    base = SCENARIOS["api-disabled"]
    (key,) = base.keys
    scenario = dataclasses.replace(base, keys=(dataclasses.replace(key, unresolvable=True),))
    with Emulator(scenario) as emu:
        ctx = make_ctx(emu.demo_env())
        doctor.run(ctx, **ARGS)
    checks = _checks(_doc(ctx))
    row = checks["key-project"]
    assert row["summary"].startswith("project 309452771806: a Gemini error body named it"), row
    assert checks["api-enabled"]["status"] == "fail"  # checked on the leaked project
    assert checks["billed-project"]["status"] == "ok"


def test_unreadable_keys_get_never_lowers_key_project(tmp_path: Path) -> None:
    from gemquota.emulator import Fault

    with Emulator("healthy") as emu:
        emu.inject(r"GET /v2/projects/.*/keys/", Fault.forbidden_no_details())
        ctx = make_ctx(emu.demo_env())
        doctor.run(ctx, **ARGS)
    checks = _checks(_doc(ctx))
    assert checks["key-project"]["status"] == "ok"
    assert any("keys.get could not be read" in m["text"] for m in checks["key-project"]["messages"])
    assert checks["key-restrictions"]["status"] == "warn"


@pytest.mark.skipif(
    not hasattr(exceptions, "CredentialsRejected"),
    reason="401 → CredentialsRejected comes with the faults work (SPEC §4); active once it is merged",
)
def test_a_401_from_a_cloud_api_is_not_a_missing_permission(tmp_path: Path) -> None:
    with Emulator("healthy") as emu:
        env = {**emu.demo_env(), "GEMQUOTA_ACCESS_TOKEN": "ya29.expired-or-revoked-token"}
        ctx = make_ctx(env)
        code = doctor.run(ctx, **ARGS)
    checks = _checks(_doc(ctx))
    row = checks["key-project"]
    assert row["status"] == "fail"
    text = json.dumps(row).lower()
    assert "grant " not in text and "apikeys.keys.lookup missing" not in text
    assert checks["key-accepted"]["status"] == "ok"  # the key itself is fine
    assert code == 1


# --- several keys --------------------------------------------------------------------------------


def test_several_keys_in_mixed_projects(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = _json(capsys, ["doctor", "--demo", "shared-keys"])
    checks = _checks(data)
    billed = checks["billed-project"]
    assert billed["status"] == "fail"
    assert "team-b-sandbox have no billing" in billed["summary"]
    keys = SCENARIOS["shared-keys"].demo.api_keys
    projects = {p["project_id"]: p for p in data["projects"]}
    assert set(projects) == {"team-a-prod", "team-b-sandbox"}
    assert projects["team-a-prod"]["keys"] == [f"AQ.A…{k[-4:]}" for k in keys[:2]]
    assert projects["team-a-prod"]["billing_enabled"] is True
    assert projects["team-b-sandbox"] == {
        "project_id": "team-b-sandbox",
        "project_number": "940128375564",
        "keys": [f"AQ.A…{keys[2][-4:]}"],
        "billing_enabled": False,
        "tier": "free",
        "api_enabled": True,
    }
    assert [k["kind"] for k in data["keys"]] == ["auth", "auth", "auth"]
    assert data["fix_first"]["check"] == "billed-project"
    assert code == 1


# --- tier ------------------------------------------------------------------------------------------


def test_billing_on_without_other_evidence_is_paid_tier_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    _, data = _json(capsys, ["doctor", "--demo", "standard-key-rejected"])  # billed, no usage
    tier = _checks(data)["tier"]
    assert tier["summary"].startswith("paid (Tier 1–3, set on the billing account)")
    assert "Tier 1 (" not in tier["summary"]
    texts = " ".join(m["text"] for m in tier["messages"])
    assert "$10 per rolling 10 minutes" in texts and "$50" in texts and "$200" in texts
    assert "as of 2026-08-18" in texts and "402" in texts
    assert [p["tier"] for p in tier["published"]] == ["tier-1", "tier-2", "tier-3"]
    assert data["projects"][0]["tier"] == "paid"


def test_no_exact_tier_verdict_on_an_assumed_tier(capsys: pytest.CaptureFixture[str]) -> None:
    # gemini-3.1-pro-preview has limit 0 only where the exact tier says so; billed with no
    # other evidence, the zero limit of the assumed Tier 1 is not a verdict
    base = SCENARIOS["standard-key-rejected"]
    (project,) = base.projects
    zero = (("GenerateRequestsPerMinutePerProjectPerModel", "gemini-3.1-pro", None),)
    scenario = dataclasses.replace(base, projects=(dataclasses.replace(project, limit_overrides=zero),))
    with Emulator(scenario) as emu:
        ctx = make_ctx(emu.demo_env())
        doctor.run(ctx, **{**ARGS, "models": ("gemini-3.1-pro-preview",)})
    limits = _checks(_doc(ctx))["quota-limits"]
    assert limits["status"] == "warn"
    assert "assumed" in limits["summary"]
    assert not any("no entitlement for it; retrying never helps" in m["text"] for m in limits["messages"])


# --- Monitoring lag ----------------------------------------------------------------------------------

LAG_NOW = datetime(2026, 12, 5, 20, 0, 30, tzinfo=UTC)


def test_lagging_monitoring_is_unknown_not_zero() -> None:
    base = SCENARIOS["healthy"]
    (project,) = base.projects
    usage = (Usage("gemini-3.8-flash", 10), Usage("gemini-3.8-flash", 4, span="minute"))
    scenario = dataclasses.replace(base, projects=(dataclasses.replace(project, usage=usage),))
    with Emulator(scenario, clock=lambda: LAG_NOW) as emu:
        ctx = make_ctx(emu.demo_env()).with_(clock=lambda: LAG_NOW)
        doctor.run(ctx, **ARGS)
    row = _checks(_doc(ctx))["quota-usage"]
    texts = " ".join(m["text"] for m in row["messages"])
    assert "Per-minute usage of gemini-3.8-flash: unknown" in texts
    assert "10 of 10,000" in texts and "as of" in texts  # the 4 newest requests are not visible yet
    assert "as of" in row["summary"]


# --- credentials and runtimes ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["missing", "directory", "bad-json"])
def test_broken_google_application_credentials_says_correct_or_unset(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "key.json"
    if kind == "directory":
        path.mkdir()
    elif kind == "bad-json":
        path.write_text("{not json", encoding="utf-8")
    env = {
        "NO_GCE_CHECK": "true",
        "HOME": str(tmp_path),
        "CLOUDSDK_CONFIG": str(tmp_path / "gc"),
        "GOOGLE_APPLICATION_CREDENTIALS": str(path),
    }
    ctx = make_ctx(env)
    code = doctor.run(ctx, **{**ARGS, "project": "acme-gemini-prod"})
    row = _checks(_doc(ctx))["cloud-credentials"]
    assert row["status"] == "fail"
    assert row["fix"] == "correct or unset GOOGLE_APPLICATION_CREDENTIALS"
    assert "application-default login" not in row["fix"]
    assert code == 1


def test_google_runtimes_are_detected_without_a_network_call(tmp_path: Path) -> None:
    from gemquota.sources.credentials import google_runtime

    dmi = tmp_path / "product_name"
    dmi.write_text("Google Compute Engine\n", encoding="utf-8")
    base = Context(dmi_product_path=None)
    assert google_runtime(base) is None
    assert google_runtime(base.with_(env={"K_SERVICE": "api"})) == "Cloud Run"
    assert google_runtime(base.with_(env={"CLOUD_SHELL": "true"})) == "Cloud Shell"
    assert google_runtime(base.with_(dmi_product_path=str(dmi))) == "Compute Engine"
    gke = base.with_(dmi_product_path=str(dmi), env={"KUBERNETES_SERVICE_HOST": "10.0.0.1"})
    assert google_runtime(gke) == "GKE"
    other = tmp_path / "other"
    other.write_text("VirtualBox\n", encoding="utf-8")
    assert google_runtime(base.with_(dmi_product_path=str(other))) is None


# --- exit codes and output ------------------------------------------------------------------------------


def test_key_only_exits_0_and_says_once_what_needs_credentials(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["doctor", "--demo", "key-only"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("checks need Google Cloud credentials (") == 1  # one collapsed line, not nine rows
    assert "skipped: needs Google Cloud credentials" not in out  # not nine skip rows
    assert "roles/monitoring.viewer" in out


def test_compact_by_default_verbose_on_request() -> None:
    # (At noon in Los Angeles: run on the wall clock just after midnight, the healthy demo's day of requests
    # crowds into its last minutes and a minute window warns.)
    _, compact, _ = demo_run("healthy", fmt=OutputFormat.HUMAN)
    _, verbose, _ = demo_run("healthy", fmt=OutputFormat.HUMAN, verbose=True)
    assert "Quota project:" not in compact and "Quota project:" in verbose
    assert "RPM" not in compact and "RPM" in verbose  # the limits table only with -v
    assert compact.splitlines()[-1] == verbose.splitlines()[-1]


def test_no_call_answered_exits_3(tmp_path: Path) -> None:
    with Emulator("healthy") as emu:
        env = emu.demo_env()
    # the emulator is gone: every call is refused
    ctx = make_ctx(env, timeout=2.0)
    code = doctor.run(ctx, **ARGS)
    data = _doc(ctx)
    assert not data["verdict"].startswith("✓")
    assert code == 3


def test_a_fault_on_one_call_exits_1(tmp_path: Path) -> None:
    from gemquota.emulator import Fault

    with Emulator("healthy") as emu:
        emu.inject("monitoring", Fault.status500())
        ctx = make_ctx(emu.demo_env())
        code = doctor.run(ctx, **ARGS)
    data = _doc(ctx)
    assert _checks(data)["quota-usage"]["status"] == "warn"
    assert not data["verdict"].startswith("✓")
    assert code == 1


def test_human_json_and_github_keep_auth_keys_masked(capsys: pytest.CaptureFixture[str]) -> None:
    for scenario in ("healthy", "key-only", "shared-keys"):
        for fmt in ("human", "json", "github"):
            main(["doctor", "--demo", scenario, "--format", fmt, "-v"])
            captured = capsys.readouterr()
            for key in SCENARIOS[scenario].demo.api_keys:
                assert key not in captured.out + captured.err
                assert key[3:-4] not in captured.out + captured.err


def test_json_format_has_the_new_keys(capsys: pytest.CaptureFixture[str]) -> None:
    main(["doctor", "--demo", "billing-on-other-project", "--format", "json"])
    data = json.loads(capsys.readouterr().out)["data"]
    assert {"checks", "verdict", "fix_first", "project", "projects", "keys"} <= set(data)
    first = data["fix_first"]
    assert set(first) == {"check", "summary", "fix", "command", "url"}
    assert first["check"] == "billed-project"
    assert first["command"] is None or first["command"].startswith("gcloud ")


def test_limits_are_checked_for_every_keys_project(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = _json(capsys, ["doctor", "--demo", "shared-keys", "--model", "gemini-3.1-pro-preview"])
    limits = _checks(data)["quota-limits"]
    assert limits["status"] == "warn"
    third = SCENARIOS["shared-keys"].demo.api_keys[2]
    assert any(
        m["text"].startswith(
            f"team-b-sandbox (AQ.A…{third[-4:]}): limit 0 for gemini-3.1-pro-preview on Free tier"
        )
        for m in limits["messages"]
    ), limits["messages"]
    assert code == 1


def test_the_same_finding_is_stated_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = _json(capsys, ["doctor", "--demo", "api-disabled"])
    checks = _checks(data)
    accepted, enabled = checks["key-accepted"], checks["api-enabled"]
    assert accepted["status"] == "fail" and enabled["status"] == "fail"
    assert accepted["fix"] is None  # the fix is api-enabled's, said once
    assert enabled["fix"] == "gcloud services enable generativelanguage.googleapis.com --project 309452771806"
    assert accepted["messages"][-1]["text"] == "The cause and its fix: see Gemini API enabled (api-enabled)."
    assert not any("gcloud services enable" in m["text"] for m in accepted["messages"])
    assert data["fix_first"]["check"] == "api-enabled"
    assert data["fix_first"]["command"] == enabled["fix"]
    assert code == 1
