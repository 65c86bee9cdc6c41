"""doctor's credentials: none at all, key only, a service-account key file, a gcloud user ADC file,
a hanging metadata server; and no key or token ever appears in any output."""

from __future__ import annotations

import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _doctor_support import ARGS, make_ctx
from _sources_support import write_service_account_file, write_user_adc_file

from gemquota.cli import main
from gemquota.commands import doctor
from gemquota.context import Context, OutputFormat
from gemquota.emulator import SCENARIOS, Emulator
from gemquota.exceptions import NoCredentials

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]


def out_of(ctx: Context) -> str:
    assert isinstance(ctx.stdout, io.StringIO)
    return ctx.stdout.getvalue()


def checks_of(ctx: Context) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in json.loads(out_of(ctx))["data"]["checks"]}


def test_no_key_and_no_credentials_cannot_run(tmp_path: Path) -> None:
    ctx = make_ctx({"NO_GCE_CHECK": "true", "HOME": str(tmp_path), "CLOUDSDK_CONFIG": str(tmp_path / "gc")})
    with pytest.raises(NoCredentials) as info:
        doctor.run(ctx, **ARGS)
    assert info.value.exit_code == 3
    assert "gcloud auth application-default login" in (info.value.hint or "")


def test_no_key_and_no_credentials_through_the_cli(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLOUDSDK_CONFIG", str(tmp_path / "gcloud"))
    code = main(["doctor", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 3
    assert doc["error"]["code"] == "no-credentials"


def test_key_without_credentials_runs_and_skips_cloud_checks(tmp_path: Path) -> None:
    with Emulator("healthy") as emu:
        env = {
            "NO_GCE_CHECK": "true",
            "HOME": str(tmp_path),
            "CLOUDSDK_CONFIG": str(tmp_path / "gc"),
            "GEMQUOTA_GOOGLE_BASE_URL": emu.base_url,
            "GEMINI_API_KEY": emu.scenario.demo.api_keys[0],
        }
        ctx = make_ctx(env)
        code = doctor.run(ctx, **ARGS)
        # only what the key allows: the free models.list and countTokens, no Cloud API
        assert {(r.method, r.path.rsplit(":", 1)[-1]) for r in emu.requests} == {
            ("GET", "/v1beta/models"),
            ("POST", "countTokens"),
        }
    checks = checks_of(ctx)
    assert checks["api-key"]["status"] == "ok"
    assert checks["key-accepted"]["status"] == "ok"
    creds = checks["cloud-credentials"]
    assert creds["status"] == "skip"  # key only: not a failure
    assert creds["fix"] == "gcloud auth application-default login"
    said = json.dumps(creds["messages"])
    for needed in (
        "key-project",
        "billed-project",
        "quota-usage",
        "roles/monitoring.viewer",
        "apikeys.googleapis.com",
    ):
        assert needed in said
    for dependant in ("key-project", "billed-project", "quota-limits", "shared-keys"):
        assert checks[dependant]["status"] == "skip"
        assert (
            checks[dependant]["summary"] == "skipped: needs Google Cloud credentials (see cloud-credentials)"
        )
    assert code == 0  # checks skipped only for want of cloud credentials leave the exit code at 0


def test_credentials_without_key_check_the_named_project(tmp_path: Path) -> None:
    with Emulator("billing-on-other-project") as emu:
        env = {k: v for k, v in emu.demo_env().items() if k not in ("GEMINI_API_KEY", "GOOGLE_API_KEY")}
        ctx = make_ctx(env)
        code = doctor.run(ctx, **{**ARGS, "project": "acme-prod"})
    checks = checks_of(ctx)
    assert checks["api-key"]["status"] == "fail"
    assert checks["key-project"]["status"] == "skip"
    assert "acme-prod (--project)" in checks["key-project"]["summary"]
    assert checks["billed-project"]["status"] == "ok"
    assert code == 1


def _run_with_sa(tmp_path: Path, token_uri: str | None) -> tuple[int, str, list[Any]]:
    with Emulator("healthy") as emu:
        sa = emu.scenario.demo.service_account
        assert sa
        path = write_service_account_file(
            tmp_path / "sa.json",
            email=sa,
            token_uri=token_uri or f"{emu.base_url}/token",
            project_id="acme-gemini-prod",
        )
        env = {
            "NO_GCE_CHECK": "true",
            "HOME": str(tmp_path),
            "GEMQUOTA_GOOGLE_BASE_URL": emu.base_url,
            "GOOGLE_APPLICATION_CREDENTIALS": str(path),
            "GEMINI_API_KEY": emu.scenario.demo.api_keys[0],
        }
        ctx = make_ctx(env, fmt=OutputFormat.HUMAN)
        code = doctor.run(ctx, **ARGS)
        token_calls = [r for r in emu.requests if r.path.endswith("/token")]
    return code, out_of(ctx), token_calls


def test_service_account_key_file(tmp_path: Path) -> None:
    code, out, token_calls = _run_with_sa(tmp_path, None)
    assert (
        "[✓] Google Cloud credentials (service account gemquota-doctor@acme-gemini-prod.iam.gserviceaccount.com)"
        in out
    )
    assert "[✓] Billing on the key's project (billing is enabled on acme-gemini-prod" in out
    assert len(token_calls) == 1  # one token, shared by the concurrent checks
    assert "PRIVATE KEY" not in out
    assert code == 0


def test_service_account_token_uri_follows_the_base_url(tmp_path: Path) -> None:
    # The file names another token endpoint (a closed local port, so nothing leaves the machine):
    # with GEMQUOTA_GOOGLE_BASE_URL set, the token must come from the emulator anyway.
    code, out, token_calls = _run_with_sa(tmp_path, "http://127.0.0.1:9/token")
    assert len(token_calls) == 1, out
    assert code == 0


def test_gcloud_user_adc_file(tmp_path: Path) -> None:
    with Emulator("healthy") as emu:
        demo = emu.scenario.demo
        gcloud = tmp_path / "gcloud"
        assert demo.refresh_token
        write_user_adc_file(
            gcloud / "application_default_credentials.json",
            refresh_token=demo.refresh_token,
            quota_project=demo.quota_project,
        )
        env = {
            "NO_GCE_CHECK": "true",
            "HOME": str(tmp_path),
            "CLOUDSDK_CONFIG": str(gcloud),
            "GEMQUOTA_GOOGLE_BASE_URL": emu.base_url,
            "GEMINI_API_KEY": demo.api_keys[0],
        }
        ctx = make_ctx(env)
        code = doctor.run(ctx, **ARGS)
    checks = checks_of(ctx)
    assert checks["cloud-credentials"]["status"] == "ok"
    assert demo.principal in checks["cloud-credentials"]["summary"] or checks["cloud-credentials"][
        "summary"
    ].startswith("user")
    assert checks["billed-project"]["status"] == "ok"
    assert code == 0
    text = out_of(ctx)
    assert demo.refresh_token and demo.refresh_token not in text


@pytest.fixture
def hanging_server() -> Iterator[str]:
    """A TCP server on 127.0.0.1 that accepts connections and never answers."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    conns: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
                conns.append(conn)
            except OSError:
                continue

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield f"127.0.0.1:{srv.getsockname()[1]}"
    stop.set()
    t.join(2)
    for c in conns:
        c.close()
    srv.close()


@pytest.mark.parametrize("no_gce_check", [None, "false"])
def test_hanging_metadata_server_cannot_stall_the_run(
    hanging_server: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_gce_check: str | None
) -> None:
    # google-auth reads the metadata address from the process environment.
    monkeypatch.setenv("GCE_METADATA_HOST", hanging_server)
    monkeypatch.setenv("GCE_METADATA_IP", hanging_server)
    with Emulator("healthy") as emu:
        env = {
            "HOME": str(tmp_path),
            "CLOUDSDK_CONFIG": str(tmp_path / "gc"),
            "GEMQUOTA_GOOGLE_BASE_URL": emu.base_url,
            "GEMINI_API_KEY": emu.scenario.demo.api_keys[0],
            "GCE_METADATA_HOST": hanging_server,
            "GCE_METADATA_IP": hanging_server,
        }
        if no_gce_check is not None:
            env["NO_GCE_CHECK"] = no_gce_check
        ctx = make_ctx(env, timeout=1.0)
        start = time.perf_counter()
        code = doctor.run(ctx, **ARGS)
        elapsed = time.perf_counter() - start
    checks = checks_of(ctx)
    assert checks["cloud-credentials"]["status"] == "skip"  # a key and no credentials: key only
    assert code == 0
    assert elapsed < 6, elapsed


def _secrets(name: str) -> list[str]:
    demo = SCENARIOS[name].demo
    return [*demo.api_keys, demo.access_token, *([demo.refresh_token] if demo.refresh_token else [])]


@pytest.mark.parametrize("fmt", ["human", "json", "github"])
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_no_key_or_token_in_any_output(scenario: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["doctor", "--demo", scenario, "--format", fmt, "--model", "gemini-2.5-flash-image"])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert text.strip()
    for secret in _secrets(scenario):
        assert secret not in text
        assert secret[4:-4] not in text  # not even the middle of it


def test_user_adc_without_quota_project_says_set_one_not_enable_the_api(tmp_path: Path) -> None:
    # gcloud user credentials with no quota project: Google bills the call to gcloud's own client
    # project (764086051850) and answers SERVICE_DISABLED for it. The fix is a quota project.
    with Emulator("healthy") as emu:
        demo = emu.scenario.demo
        gcloud = tmp_path / "gcloud"
        assert demo.refresh_token
        write_user_adc_file(
            gcloud / "application_default_credentials.json",
            refresh_token=demo.refresh_token,
            quota_project=None,
        )
        env = {
            "NO_GCE_CHECK": "true",
            "HOME": str(tmp_path),
            "CLOUDSDK_CONFIG": str(gcloud),
            "GEMQUOTA_GOOGLE_BASE_URL": emu.base_url,
            "GEMINI_API_KEY": demo.api_keys[0],
            "GOOGLE_CLOUD_PROJECT": "acme-gemini-prod",
        }
        ctx = make_ctx(env)
        code = doctor.run(ctx, **ARGS)
    checks = checks_of(ctx)
    row = checks["key-project"]
    assert row["status"] == "fail"
    assert row["summary"] == "cannot map the key to its project: no quota project is set for your credentials"
    assert row["fix"] == "gcloud auth application-default set-quota-project acme-gemini-prod"
    assert "gcloud services enable" not in json.dumps(row)
    verdict = json.loads(out_of(ctx))["data"]["verdict"]
    assert verdict.startswith(
        "✗ Fix first: gcloud auth application-default set-quota-project acme-gemini-prod"
    )
    assert code == 1
