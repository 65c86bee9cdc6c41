"""Credential loading from ctx.env only, and what each kind of credentials sends to the emulator."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from _sources_support import (
    cloud_requests,
    emu_context,
    write_service_account_file,
    write_user_adc_file,
)

from gemquota.emulator import Emulator, Fault
from gemquota.exceptions import ApiDisabled, CallTimeout, NoCredentials, PermissionDenied, QuotaProjectMissing
from gemquota.sources import apikeys, resourcemanager
from gemquota.sources.credentials import load_cloud_credentials

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]


@pytest.fixture
def emu() -> Emulator:
    with Emulator("healthy") as e:
        yield e


def _only_get(emu: Emulator) -> None:
    reqs = cloud_requests(emu)
    assert reqs, "no Cloud API request reached the emulator"
    assert {r.method for r in reqs} == {"GET"}


def test_plain_token_is_a_bearer_with_quota_project(emu: Emulator) -> None:
    ctx = emu_context(emu)
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    assert creds.info.kind == "token"
    assert creds.info.source == "GEMQUOTA_ACCESS_TOKEN"
    assert creds.info.quota_project == "acme-gemini-prod"
    assert creds.info.project == "acme-gemini-prod"
    token = emu.scenario.demo.access_token
    assert token not in repr(creds)

    info = apikeys.lookup_key(ctx, creds, emu.scenario.demo.api_keys[0])
    assert info.project_number == "481516234201"
    req = cloud_requests(emu)[-1]
    assert req.headers["authorization"] == f"Bearer {token}"
    assert req.headers["x-goog-user-project"] == "acme-gemini-prod"
    assert not [r for r in emu.requests if r.api == "token"]
    _only_get(emu)


def test_service_account_key_file_gets_token_from_its_token_uri(emu: Emulator, tmp_path: Path) -> None:
    demo = emu.scenario.demo
    assert demo.service_account
    key_file = write_service_account_file(
        tmp_path / "sa.json",
        email=demo.service_account,
        token_uri=emu.token_url,
        project_id="acme-gemini-prod",
    )
    ctx = emu_context(emu, {"GOOGLE_APPLICATION_CREDENTIALS": str(key_file), "NO_GCE_CHECK": "true"})
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    assert creds.info.kind == "service-account"
    assert creds.info.principal == demo.service_account
    assert creds.info.project == "acme-gemini-prod"  # from the key file
    assert creds.info.quota_project is None
    assert "GOOGLE_APPLICATION_CREDENTIALS" in creds.info.source
    assert "PRIVATE" not in repr(creds)

    project = resourcemanager.get_project(ctx, creds, "acme-gemini-prod")
    assert project.number == "481516234201"
    key = apikeys.lookup_key(ctx, creds, demo.api_keys[0])
    assert key.project_number == "481516234201"

    token_calls = [r for r in emu.requests if r.api == "token"]
    assert len(token_calls) == 1  # one OAuth grant, shared by both clients (no self-signed JWT)
    assert token_calls[0].method == "POST"
    assert "jwt-bearer" in (token_calls[0].body or "")
    for r in cloud_requests(emu):
        assert r.headers["authorization"].startswith("Bearer ya29.emulator-")
        assert "x-goog-user-project" not in r.headers
    _only_get(emu)


def test_gcloud_user_adc_file_refreshes_against_emulator(emu: Emulator, tmp_path: Path) -> None:
    demo = emu.scenario.demo
    assert demo.refresh_token
    home = tmp_path / "userhome"
    write_user_adc_file(
        home / ".config" / "gcloud" / "application_default_credentials.json",
        refresh_token=demo.refresh_token,
        quota_project="acme-gemini-prod",
        account=demo.principal,
    )
    ctx = emu_context(emu, {"HOME": str(home), "GOOGLE_CLOUD_PROJECT": "acme-gemini-prod"})
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    assert creds.info.kind == "user"
    assert creds.info.principal == demo.principal
    assert creds.info.quota_project == "acme-gemini-prod"
    assert creds.info.project == "acme-gemini-prod"
    assert "gcloud" in creds.info.source

    info = apikeys.lookup_key(ctx, creds, demo.api_keys[0])
    assert info.project_number == "481516234201"
    token_calls = [r for r in emu.requests if r.api == "token"]
    assert len(token_calls) == 1
    assert "grant_type=refresh_token" in (token_calls[0].body or "")
    req = cloud_requests(emu)[-1]
    assert req.headers["authorization"].startswith("Bearer ya29.emulator-")
    assert req.headers["x-goog-user-project"] == "acme-gemini-prod"
    _only_get(emu)


def test_quota_project_env_overrides_file(emu: Emulator, tmp_path: Path) -> None:
    cfg = tmp_path / "gcloudcfg"
    write_user_adc_file(
        cfg / "application_default_credentials.json", refresh_token="1//x", quota_project="from-file"
    )
    (cfg / "configurations").mkdir()
    (cfg / "active_config").write_text("work\n")
    (cfg / "configurations" / "config_work").write_text("[core]\nproject = gcloud-config-project\n")
    ctx = emu_context(emu, {"CLOUDSDK_CONFIG": str(cfg), "GOOGLE_CLOUD_QUOTA_PROJECT": "from-env"})
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    assert creds.info.quota_project == "from-env"
    assert creds.credentials.quota_project_id == "from-env"
    assert creds.info.project == "gcloud-config-project"


def test_user_adc_without_quota_project_is_quota_project_missing(emu: Emulator, tmp_path: Path) -> None:
    demo = emu.scenario.demo
    assert demo.refresh_token
    home = tmp_path / "h"
    write_user_adc_file(
        home / ".config" / "gcloud" / "application_default_credentials.json",
        refresh_token=demo.refresh_token,
        quota_project=None,
    )
    ctx = emu_context(emu, {"HOME": str(home)})
    creds = load_cloud_credentials(ctx)
    assert creds is not None and creds.info.quota_project is None
    with pytest.raises(ApiDisabled) as err:
        apikeys.lookup_key(ctx, creds, demo.api_keys[0])
    assert isinstance(err.value, QuotaProjectMissing)
    assert err.value.consumer == "projects/764086051850"
    assert err.value.service == "apikeys.googleapis.com"
    assert err.value.hint is not None
    assert "no quota project is set" in err.value.hint
    assert "set-quota-project" in err.value.hint and "GOOGLE_CLOUD_QUOTA_PROJECT" in err.value.hint
    assert "API Keys API" in err.value.message


def test_no_credentials_at_all_is_none(
    emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The process environment is never read: only ctx.env counts.
    sa = write_service_account_file(
        tmp_path / "sa.json", email="x@y.iam.gserviceaccount.com", token_uri=emu.token_url, project_id="p"
    )
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(sa))
    monkeypatch.setenv("GEMQUOTA_ACCESS_TOKEN", "ya29.from-process-env")
    empty_home = tmp_path / "empty"
    empty_home.mkdir()
    ctx = emu_context(emu, {"HOME": str(empty_home), "NO_GCE_CHECK": "true"})
    assert load_cloud_credentials(ctx) is None
    assert load_cloud_credentials(emu_context(emu, {})) is None


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[1, 2]",
        json.dumps({"type": "martian"}).encode(),
        json.dumps({"type": "service_account"}).encode(),
    ],
    ids=["invalid-json", "not-object", "unknown-type", "missing-fields"],
)
def test_malformed_credentials_file_is_no_credentials(emu: Emulator, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(NoCredentials) as err:
        load_cloud_credentials(emu_context(emu, {"GOOGLE_APPLICATION_CREDENTIALS": str(path)}))
    assert str(path) in err.value.message
    # the variable names a broken file: the fix is the variable, not a new gcloud login
    assert err.value.hint == "correct or unset GOOGLE_APPLICATION_CREDENTIALS"


def test_missing_credentials_file_is_no_credentials(emu: Emulator, tmp_path: Path) -> None:
    with pytest.raises(NoCredentials, match="not found"):
        load_cloud_credentials(
            emu_context(emu, {"GOOGLE_APPLICATION_CREDENTIALS": str(tmp_path / "nope.json")})
        )


def test_token_endpoint_timeout_is_bounded(emu: Emulator, tmp_path: Path) -> None:
    demo = emu.scenario.demo
    assert demo.service_account
    key_file = write_service_account_file(
        tmp_path / "sa.json",
        email=demo.service_account,
        token_uri=emu.token_url,
        project_id="acme-gemini-prod",
    )
    emu.inject("token", Fault.timeout())
    ctx = emu_context(emu, {"GOOGLE_APPLICATION_CREDENTIALS": str(key_file)}, timeout=1.0)
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    start = time.monotonic()
    with pytest.raises(CallTimeout):
        resourcemanager.get_project(ctx, creds, "acme-gemini-prod")
    assert time.monotonic() - start < 5.0
    # A second call within the failure window fails at once, well before the 1 s timeout.
    start = time.monotonic()
    with pytest.raises(CallTimeout):
        apikeys.lookup_key(ctx, creds, demo.api_keys[0])
    assert time.monotonic() - start < 0.8


def test_rejected_refresh_token_is_permission_denied(emu: Emulator, tmp_path: Path) -> None:
    home = tmp_path / "h"
    write_user_adc_file(
        home / ".config" / "gcloud" / "application_default_credentials.json",
        refresh_token="1//revoked-refresh-token-xxxxxxxxxxxxxxxx",
        quota_project="acme-gemini-prod",
    )
    ctx = emu_context(emu, {"HOME": str(home)})
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    with pytest.raises(PermissionDenied) as err:
        resourcemanager.get_project(ctx, creds, "acme-gemini-prod")
    assert "revoked-refresh-token" not in str(err.value) + str(err.value.hint)
    assert err.value.hint and "gcloud auth application-default login" in err.value.hint


def test_concurrent_calls_share_one_token(emu: Emulator, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from gemquota.sources import billing, cloudquotas, monitoring, serviceusage

    demo = emu.scenario.demo
    assert demo.service_account
    key_file = write_service_account_file(
        tmp_path / "sa.json",
        email=demo.service_account,
        token_uri=emu.token_url,
        project_id="acme-gemini-prod",
    )
    ctx = emu_context(emu, {"GOOGLE_APPLICATION_CREDENTIALS": str(key_file)})
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    emu.set_latency(0.05)
    project = "acme-gemini-prod"
    calls = [
        lambda: apikeys.lookup_key(ctx, creds, demo.api_keys[0]),
        lambda: resourcemanager.get_project(ctx, creds, project),
        lambda: billing.get_billing_info(ctx, creds, project),
        lambda: serviceusage.get_service(ctx, creds, project),
        lambda: cloudquotas.list_quota_limits(ctx, creds, project),
        lambda: monitoring.read_usage(ctx, creds, project, now=emu.now()),
    ] * 3
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        results = [f.result() for f in [pool.submit(c) for c in calls]]
    assert all(r is not None for r in results)
    assert len([r for r in emu.requests if r.api == "token"]) == 1
    _only_get(emu)


def test_base_url_overrides_the_key_files_token_uri(emu: Emulator, tmp_path: Path) -> None:
    # The file names another token endpoint (a closed local port): with the emulator's base URL in
    # ctx.endpoints, the token must come from the emulator anyway (every Google call goes there).
    demo = emu.scenario.demo
    assert demo.service_account
    key_file = write_service_account_file(
        tmp_path / "sa.json",
        email=demo.service_account,
        token_uri="http://127.0.0.1:9/token",
        project_id="acme-gemini-prod",
    )
    ctx = emu_context(emu, {"GOOGLE_APPLICATION_CREDENTIALS": str(key_file)})
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    assert resourcemanager.get_project(ctx, creds, "acme-gemini-prod").number == "481516234201"
    assert len([r for r in emu.requests if r.api == "token"]) == 1


def test_without_base_url_the_key_files_token_uri_is_kept(tmp_path: Path) -> None:
    from gemquota.context import Context

    key_file = write_service_account_file(
        tmp_path / "sa.json",
        email="sa@p.iam.gserviceaccount.com",
        token_uri="http://127.0.0.1:9/custom-token",
        project_id="p",
    )
    creds = load_cloud_credentials(Context(env={"GOOGLE_APPLICATION_CREDENTIALS": str(key_file)}))
    assert creds is not None
    assert creds.credentials._token_uri == "http://127.0.0.1:9/custom-token"


def test_service_account_flow_resolves_no_host_but_loopback(
    emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # google-auth starts a background "regional access boundary" lookup at
    # iamcredentials.googleapis.com for service accounts; with the base URL overridden, nothing
    # may leave the machine, so every name resolved must be the emulator's.
    import socket

    resolved: list[str] = []
    real = socket.getaddrinfo

    def recording(host: Any, *args: Any, **kwargs: Any) -> Any:
        resolved.append(str(host))
        if str(host) not in ("127.0.0.1", "localhost"):
            raise socket.gaierror(socket.EAI_NONAME, "blocked in tests")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", recording)
    demo = emu.scenario.demo
    assert demo.service_account
    key_file = write_service_account_file(
        tmp_path / "sa.json",
        email=demo.service_account,
        token_uri=emu.token_url,
        project_id="acme-gemini-prod",
    )
    ctx = emu_context(emu, {"GOOGLE_APPLICATION_CREDENTIALS": str(key_file)})
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    resourcemanager.get_project(ctx, creds, "acme-gemini-prod")
    from gemquota.sources import monitoring

    monitoring.read_usage(ctx, creds, "acme-gemini-prod", now=emu.now())
    time.sleep(0.3)  # give a background lookup thread the time to start
    assert resolved and set(resolved) <= {"127.0.0.1"}
