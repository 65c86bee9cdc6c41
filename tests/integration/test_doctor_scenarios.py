"""doctor end to end through the CLI against the bundled emulator, one run per scenario."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from _doctor_support import demo_run

from gemquota.cli import main
from gemquota.context import OutputFormat
from gemquota.emulator import SCENARIOS, Emulator

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]

ALL_IDS = [
    "api-key",
    "key-accepted",
    "cloud-credentials",
    "key-project",
    "key-restrictions",
    "billed-project",
    "billing-account",
    "api-enabled",
    "quota-limits",
    "quota-usage",
    "tier",
    "shared-keys",
    "probe",
]

#: scenario → (extra args, expected statuses of the checks that tell its story, verdict prefix, exit)
EXPECT: dict[str, tuple[list[str], dict[str, str], str, int]] = {
    "healthy": (
        [],
        {
            "api-key": "ok",
            "key-accepted": "ok",
            "cloud-credentials": "ok",
            "key-project": "ok",
            "key-restrictions": "ok",
            "billed-project": "ok",
            "billing-account": "ok",
            "api-enabled": "ok",
            "quota-limits": "ok",
            "quota-usage": "ok",
            "tier": "ok",
            "shared-keys": "skip",
            "probe": "skip",
        },
        "✓",
        0,
    ),
    "billing-on-other-project": (
        [],
        {"key-project": "ok", "billed-project": "fail", "billing-account": "skip", "api-enabled": "ok"},
        "✗ Fix first: create your API key in acme-prod",
        1,
    ),
    "zero-quota-image": (
        ["--model", "gemini-3.1-flash-image"],
        {"billed-project": "warn", "quota-limits": "fail", "api-enabled": "ok"},
        "✗ Fix first:",
        1,
    ),
    "rpd-exhausted": (
        [],
        {"billed-project": "warn", "quota-usage": "fail", "quota-limits": "ok"},
        "✗ Fix first: wait for the reset",
        1,
    ),
    "api-disabled": (
        [],
        {"billed-project": "ok", "api-enabled": "fail"},
        "✗ Fix first: gcloud services enable generativelanguage.googleapis.com",
        1,
    ),
    "no-iam": (
        [],
        {
            "cloud-credentials": "ok",
            "key-project": "fail",
            "billed-project": "skip",
            "api-enabled": "skip",
            "quota-limits": "skip",
        },
        "✗ Fix first:",
        1,
    ),
    "shared-keys": (  # a key in the unbilled team-b-sandbox among billed ones is a finding
        [],
        {"billed-project": "fail", "shared-keys": "warn", "api-enabled": "ok", "quota-limits": "ok"},
        "✗ Fix first: link billing to team-b-sandbox",
        1,
    ),
    "standard-key-rejected": (
        [],
        {"api-key": "fail", "key-accepted": "fail", "key-project": "ok", "billed-project": "ok"},
        "✗ Fix first: create an auth key (AQ.…) in AI Studio",
        1,
    ),
    "prepay-depleted": (
        [],
        {"key-accepted": "ok", "billed-project": "ok", "tier": "ok", "probe": "skip"},
        "✓",
        0,
    ),
    "key-only": (
        [],
        {
            "api-key": "ok",
            "key-accepted": "ok",
            "cloud-credentials": "skip",
            "key-project": "skip",
            "billed-project": "skip",
            "quota-usage": "skip",
        },
        "✓",
        0,
    ),
    "model-retired": (
        ["--probe"],
        {"billed-project": "ok", "api-enabled": "ok", "probe": "fail"},
        "✗ Fix first:",
        1,
    ),
}


def test_every_bundled_scenario_has_an_expectation() -> None:
    assert set(SCENARIOS) <= set(EXPECT)


def _json_run(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, dict[str, Any], str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def _demo_json(scenario: str, extra: Sequence[str] = ()) -> tuple[int, dict[str, Any], str]:
    """A demo run at noon in Los Angeles (usage stories do not depend on the wall clock)."""
    code, out, err = demo_run(scenario, **_options(extra))
    return code, json.loads(out), err


def _options(extra: Sequence[str]) -> dict[str, Any]:
    """The options ``--model M``, ``--probe`` and ``--check C`` of ``extra`` as doctor.run reads them."""
    models: list[str] = []
    checks: list[str] = []
    probe = False
    rest = list(extra)
    while rest:
        flag = rest.pop(0)
        if flag == "--probe":
            probe = True
        elif flag == "--model":
            models.append(rest.pop(0))
        elif flag == "--check":
            checks.append(rest.pop(0))
        else:  # pragma: no cover - a test's own mistake
            raise AssertionError(flag)
    return {"models": tuple(models), "probe": probe, "checks": tuple(checks)}


@pytest.mark.parametrize("scenario", sorted(EXPECT))
def test_scenario_json_report(scenario: str, capsys: pytest.CaptureFixture[str]) -> None:
    extra, statuses, verdict, exit_code = EXPECT[scenario]
    code, doc, err = _demo_json(scenario, extra)
    assert doc["schema_version"] == 1 and doc["command"] == "doctor"
    data = doc["data"]
    checks = data["checks"]
    assert [c["id"] for c in checks] == ALL_IDS
    for c in checks:
        assert set(c) >= {"id", "title", "status", "summary", "messages", "fix"}
        assert c["status"] in {"ok", "warn", "fail", "skip", "crash"}
        assert c["status"] != "crash", c
        for m in c["messages"]:
            assert set(m) == {"level", "text", "url"} and m["level"] in {"info", "hint", "error"}
    got = {c["id"]: c["status"] for c in checks}
    assert {k: got[k] for k in statuses} == statuses, json.dumps(checks, indent=1)
    assert data["verdict"].startswith(verdict), data["verdict"]
    assert code == exit_code
    assert err == ""  # no spinner in JSON mode, nothing else on stderr


def test_billing_on_other_project_says_which_project_has_billing(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc, _ = _json_run(capsys, ["doctor", "--demo", "billing-on-other-project", "--format", "json"])
    billed = next(c for c in doc["data"]["checks"] if c["id"] == "billed-project")
    assert billed["summary"] == "billing is on acme-prod but your key belongs to gen-lang-client-0408997230"
    project = doc["data"]["project"]
    assert project["number"] == "1036424820765"
    assert project["project_id"] == "gen-lang-client-0408997230"
    assert project["display_name"] == "Default Gemini Project"
    assert project["billing"] == {"enabled": False, "account": None}
    assert project["believed_project"] == {
        "project": "acme-prod",
        "source": "GOOGLE_CLOUD_PROJECT",
        "billing_enabled": True,
    }
    assert project["tier"]["tier"] == "free" and project["tier"]["inferred"] is True
    tier = next(c for c in doc["data"]["checks"] if c["id"] == "tier")
    assert "inferred from" in tier["summary"]
    limits = next(c for c in doc["data"]["checks"] if c["id"] == "quota-limits")
    assert any("gemini-3.1-pro" in m["text"] and "Limit 0" in m["text"] for m in limits["messages"])
    assert code == 1


def test_quota_limits_table_and_tier(capsys: pytest.CaptureFixture[str]) -> None:
    _, doc, _ = _json_run(
        capsys, ["doctor", "--demo", "healthy", "--format", "json", "--model", "gemini-3.8-flash"]
    )
    checks = {c["id"]: c for c in doc["data"]["checks"]}
    limits = checks["quota-limits"]["limits"]
    assert limits["tier"] == "tier-1"
    assert {"RPM", "RPD", "TPM"} <= set(limits["columns"])
    first = limits["rows"][0]
    assert first["model"] == "gemini-3.8-flash"
    assert all(isinstance(first[c], int) for c in ("RPM", "TPM")) and first["RPM"] != 0
    assert checks["tier"]["summary"].startswith("Tier 1 (inferred from")


def test_zero_quota_image_names_the_quota_group(capsys: pytest.CaptureFixture[str]) -> None:
    _, doc, _ = _json_run(
        capsys,
        ["doctor", "--demo", "zero-quota-image", "--format", "json", "--model", "gemini-3.1-flash-image"],
    )
    limits = next(c for c in doc["data"]["checks"] if c["id"] == "quota-limits")
    assert "gemini-3.1-flash-image" in limits["summary"]
    assert limits["fix"] and "billing" in limits["fix"]


def test_rpd_exhausted_says_it_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    _, doc, _ = _demo_json("rpd-exhausted")
    usage = next(c for c in doc["data"]["checks"] if c["id"] == "quota-usage")
    assert "gemini-3.8-flash RPD exhausted" in usage["summary"]
    assert "midnight Pacific" in usage["summary"]
    assert any("20 of 20 (100 %)" in m["text"] for m in usage["messages"])


def test_no_iam_names_the_missing_permission(capsys: pytest.CaptureFixture[str]) -> None:
    _, doc, _ = _json_run(capsys, ["doctor", "--demo", "no-iam", "--format", "json"])
    checks = {c["id"]: c for c in doc["data"]["checks"]}
    assert "apikeys.keys.lookup" in checks["key-project"]["summary"]
    assert checks["billed-project"]["summary"] == "skipped: the key's project is unknown (see key-project)"


def test_shared_keys_groups_keys_by_project(capsys: pytest.CaptureFixture[str]) -> None:
    _, doc, _ = _json_run(capsys, ["doctor", "--demo", "shared-keys", "--format", "json"])
    shared = next(c for c in doc["data"]["checks"] if c["id"] == "shared-keys")
    assert shared["summary"].startswith("2 keys share project 217364509881")
    assert "do not multiply quota" in shared["summary"]


@pytest.mark.parametrize("scenario", sorted(EXPECT))
def test_scenario_human_output(scenario: str) -> None:
    extra, statuses, _verdict, exit_code = EXPECT[scenario]
    code, out, _ = demo_run(scenario, fmt=OutputFormat.HUMAN, verbose=True, **_options(extra))
    lines = out.splitlines()
    rows = [line for line in lines if re.match(r"^\[[✓!✗\-☠]\] ", line)]
    assert len(rows) == len(ALL_IDS)
    assert rows[0].startswith(("[✓] API key (", "[!] API key (", "[✗] API key ("))
    mark = {"ok": "[✓]", "warn": "[!]", "fail": "[✗]", "skip": "[-]"}
    titles = {"billed-project": "Billing on the key's project", "quota-limits": "Quota limits"}
    for check_id, title in titles.items():
        if check_id in statuses:
            assert any(r.startswith(f"{mark[statuses[check_id]]} {title} (") for r in rows), rows
    assert lines[-1].startswith(("✓", "!", "✗"))
    assert "Traceback" not in out
    assert code == exit_code


def test_github_format(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["doctor", "--demo", "billing-on-other-project", "--format", "github"])
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(
        "::error title=gemquota doctor%3A Billing on the key's project::billing is on acme-prod but your key "
        "belongs to gen-lang-client-0408997230. Fix: "
    )
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out)
    assert out[-1].startswith("::notice title=gemquota doctor::✗ Fix first:")
    assert code == 1


def test_demo_without_scenario_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["doctor", "--demo"])
    out = capsys.readouterr().out
    assert code == 0
    for name in SCENARIOS:
        assert name in out


def test_list_checks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--list-checks"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == ALL_IDS


def test_check_runs_only_that_and_what_it_needs(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc, _ = _json_run(
        capsys,
        ["doctor", "--demo", "billing-on-other-project", "--check", "billed-project", "--format", "json"],
    )
    assert [c["id"] for c in doc["data"]["checks"]] == ["cloud-credentials", "billed-project"]
    assert code == 1


def test_unknown_check_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc, _ = _json_run(capsys, ["doctor", "--check", "nope", "--format", "json"])
    assert code == 2 and doc["error"]["code"] == "usage"


# --- the request log: GET only unless --probe -------------------------------------------------


@pytest.fixture
def emulator_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    def start(name: str) -> Emulator:
        emu = Emulator(name)
        emu.__enter__()
        started.append(emu)
        for k, v in emu.demo_env().items():
            monkeypatch.setenv(k, v)
        return emu

    started: list[Emulator] = []
    yield start
    for emu in started:
        emu.__exit__(None, None, None)


@pytest.mark.parametrize("scenario", sorted(EXPECT))
def test_only_get_requests_without_probe(
    scenario: str, emulator_env: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    emu = emulator_env(scenario)
    keys = [a for k in emu.scenario.demo.api_keys for a in ("--key", k)]
    code = main(["doctor", "--format", "json", *keys])
    doc = json.loads(capsys.readouterr().out)
    assert code in (0, 1) and "data" in doc
    posts = [r.path for r in emu.requests if r.method != "GET"]
    # the one POST is key-accepted's free countTokens (SPEC §4, §8), once per run
    assert len(posts) <= 1 and all(p.endswith(":countTokens") for p in posts), posts
    assert not any("generateContent" in r.path for r in emu.requests)


def test_probe_sends_generate_content(emulator_env: Any, capsys: pytest.CaptureFixture[str]) -> None:
    emu = emulator_env("healthy")
    code = main(["doctor", "--format", "json", "--probe", "--model", "gemini-3.8-flash"])
    doc = json.loads(capsys.readouterr().out)
    probe = next(c for c in doc["data"]["checks"] if c["id"] == "probe")
    assert probe["status"] == "ok", probe
    posts = [r for r in emu.requests if r.method == "POST" and not r.path.endswith(":countTokens")]
    assert len(posts) == 1 and posts[0].path.endswith("gemini-3.8-flash:generateContent")
    assert code == 0


def test_keys_file_and_project_flag(
    emulator_env: Any, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    emu = emulator_env("shared-keys")
    keys = emu.scenario.demo.api_keys
    path = tmp_path / "keys.txt"
    path.write_text("# team keys\n" + "\n".join(f"{k}  # key {i}" for i, k in enumerate(keys)) + "\n\n")
    code = main(["doctor", "--format", "json", "--keys-file", str(path), "--project", "team-b-sandbox"])
    doc = json.loads(capsys.readouterr().out)
    checks = {c["id"]: c for c in doc["data"]["checks"]}
    assert checks["api-key"]["summary"].endswith("from --keys-file (+2 more)")
    assert checks["shared-keys"]["status"] == "warn"
    assert doc["data"]["project"]["believed_project"]["project"] == "team-b-sandbox"
    assert doc["data"]["project"]["believed_project"]["billing_enabled"] is False
    # the key's project (team-a-prod) is billed, but the third key's team-b-sandbox is not: a finding
    assert checks["billed-project"]["status"] == "fail"
    texts = [m["text"] for m in checks["billed-project"]["messages"]]
    assert any("but your key belongs to team-a-prod" in t for t in texts)
    assert any("unbilled (team-b-sandbox)" in t for t in texts)
    projects = {p["project_id"]: p for p in doc["data"]["projects"]}
    assert projects["team-a-prod"]["billing_enabled"] is True and len(projects["team-a-prod"]["keys"]) == 2
    assert projects["team-b-sandbox"]["billing_enabled"] is False
    assert projects["team-b-sandbox"]["tier"] == "free"
    assert code == 1
