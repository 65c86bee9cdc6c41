"""Every adapter turns Google errors and transport faults into gemquota exceptions."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from _sources_support import emu_context, write_service_account_file

from gemquota.context import Context
from gemquota.emulator import SCENARIOS, Emulator, Fault
from gemquota.exceptions import (
    ApiDisabled,
    CallTimeout,
    GemquotaError,
    PermissionDenied,
    QuotaProjectMissing,
    UnexpectedResponse,
    Unreachable,
)
from gemquota.sources import apikeys, billing, cloudquotas, monitoring, resourcemanager, serviceusage
from gemquota.sources.credentials import CloudCredentials, load_cloud_credentials

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]

PROJECT = "acme-gemini-prod"
Call = Callable[[Context, CloudCredentials, Emulator, str], Any]

#: id -> (emulator api name, call, permission it needs, API title in messages)
CALLS: dict[str, tuple[str, Call, str, str]] = {
    "lookupKey": (
        "apikeys",
        lambda c, k, e, p: apikeys.lookup_key(c, k, e.scenario.demo.api_keys[0]),
        "apikeys.keys.lookup",
        "API Keys API",
    ),
    "keys.get": (
        "apikeys",
        lambda c, k, e, p: apikeys.get_key_restrictions(
            c,
            k,
            f"projects/{e.scenario.keys[0].project_number}/locations/global/keys/{e.scenario.keys[0].kid}",
        ),
        "apikeys.keys.get",
        "API Keys API",
    ),
    "projects.get": (
        "resourcemanager",
        lambda c, k, e, p: resourcemanager.get_project(c, k, p),
        "resourcemanager.projects.get",
        "Cloud Resource Manager API",
    ),
    "getBillingInfo": (
        "billing",
        lambda c, k, e, p: billing.get_billing_info(c, k, p),
        "resourcemanager.projects.get",
        "Cloud Billing API",
    ),
    "billingAccounts.get": (
        "billing",
        lambda c, k, e, p: billing.get_billing_account(c, k, e.scenario.accounts[0].name),
        "billing.accounts.get",
        "Cloud Billing API",
    ),
    "services.get": (
        "serviceusage",
        lambda c, k, e, p: serviceusage.get_service(c, k, p),
        "serviceusage.services.get",
        "Service Usage API",
    ),
    "quotaInfos": (
        "cloudquotas",
        lambda c, k, e, p: cloudquotas.list_quota_limits(c, k, p),
        "cloudquotas.quotas.get",
        "Cloud Quotas API",
    ),
    "quotaPreferences": (
        "cloudquotas",
        lambda c, k, e, p: cloudquotas.list_quota_preferences(c, k, p),
        "cloudquotas.quotas.get",
        "Cloud Quotas API",
    ),
    "timeSeries": (
        "monitoring",
        lambda c, k, e, p: monitoring.read_usage(c, k, p, now=e.now()),
        "monitoring.timeSeries.list",
        "Cloud Monitoring API",
    ),
}
IDS = list(CALLS)


@pytest.fixture
def healthy() -> Iterator[Emulator]:
    with Emulator("healthy") as e:
        yield e


def _run(emu: Emulator, call_id: str, *, timeout: float = 5.0, project: str = PROJECT) -> GemquotaError:
    ctx = emu_context(emu, timeout=timeout)
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    with pytest.raises(GemquotaError) as err:
        CALLS[call_id][1](ctx, creds, emu, project)
    e = err.value
    text = f"{e.message} {e.hint}"
    assert CALLS[call_id][3] in text, text  # names the API
    assert emu.scenario.demo.access_token not in text
    assert emu.scenario.demo.api_keys[0] not in text
    assert {r.method for r in emu.requests} <= {"GET"}
    return e


@pytest.mark.parametrize("call_id", IDS)
def test_forbidden_without_details_names_the_permission(healthy: Emulator, call_id: str) -> None:
    api, _call, permission, _title = CALLS[call_id]
    healthy.inject(api, Fault.forbidden_no_details())
    err = _run(healthy, call_id)
    assert isinstance(err, PermissionDenied)
    assert err.permission == permission
    assert err.hint and permission in err.hint


def test_role_hints() -> None:
    with Emulator("healthy") as emu:
        for call_id, role in [
            ("lookupKey", "roles/serviceusage.apiKeysViewer"),
            ("billingAccounts.get", "roles/billing.viewer"),
            ("quotaInfos", "roles/servicemanagement.quotaViewer"),
            ("timeSeries", "roles/monitoring.viewer"),
        ]:
            emu.clear_faults()
            emu.inject(CALLS[call_id][0], Fault.forbidden_no_details())
            err = _run(emu, call_id)
            assert err.hint and role in err.hint, (call_id, err.hint)


@pytest.mark.parametrize("call_id", IDS)
def test_iam_denial_carries_the_permission(call_id: str) -> None:
    with Emulator("no-iam") as emu:
        err = _run(emu, call_id, project="locked-down-prod")
    assert isinstance(err, PermissionDenied)
    assert err.permission == CALLS[call_id][2]


def test_resource_manager_denial_says_missing_and_unseen_look_alike() -> None:
    with Emulator("healthy") as emu:
        ctx = emu_context(emu)
        creds = load_cloud_credentials(ctx)
        assert creds is not None
        with pytest.raises(PermissionDenied) as err:
            resourcemanager.get_project(ctx, creds, "no-such-project-123")
    assert err.value.permission == "resourcemanager.projects.get"
    assert err.value.hint and "does not exist" in err.value.hint and "cannot see" in err.value.hint


def _quota_api_disabled_scenario() -> Any:
    base = SCENARIOS["healthy"]
    project = dataclasses.replace(
        base.projects[0],
        disabled_services=frozenset({"cloudquotas.googleapis.com", "monitoring.googleapis.com"}),
    )
    return dataclasses.replace(base, projects=(project,))


def test_service_disabled_on_quota_project_is_api_disabled() -> None:
    with Emulator(_quota_api_disabled_scenario()) as emu:
        err = _run(emu, "quotaInfos")
        assert isinstance(err, ApiDisabled) and not isinstance(err, QuotaProjectMissing)
        assert err.service == "cloudquotas.googleapis.com"
        assert err.consumer == "projects/481516234201"
        assert err.activation_url and "cloudquotas.googleapis.com" in err.activation_url
        assert err.hint and "enable" in err.hint and "no quota project" not in err.hint
        mon = _run(emu, "timeSeries")
        assert isinstance(mon, ApiDisabled) and mon.service == "monitoring.googleapis.com"


def test_service_disabled_on_service_account_home_without_quota_project(tmp_path: Any) -> None:
    with Emulator(_quota_api_disabled_scenario()) as emu:
        demo = emu.scenario.demo
        assert demo.service_account
        key_file = write_service_account_file(
            tmp_path / "sa.json", email=demo.service_account, token_uri=emu.token_url, project_id=PROJECT
        )
        ctx = emu_context(emu, {"GOOGLE_APPLICATION_CREDENTIALS": str(key_file)})
        creds = load_cloud_credentials(ctx)
        assert creds is not None
        with pytest.raises(ApiDisabled) as err:
            cloudquotas.list_quota_limits(ctx, creds, "some-other-project")
    assert isinstance(err.value, QuotaProjectMissing)
    assert err.value.hint and "no quota project is set" in err.value.hint
    assert "set-quota-project some-other-project" in err.value.hint
    assert "cloudquotas.googleapis.com" in err.value.hint  # or enable it on the consumer


@pytest.mark.parametrize("call_id", IDS)
def test_timeout_is_call_timeout_quickly(healthy: Emulator, call_id: str) -> None:
    healthy.inject(CALLS[call_id][0], Fault.timeout())
    start = time.monotonic()
    err = _run(healthy, call_id, timeout=0.5)
    assert isinstance(err, CallTimeout)
    assert time.monotonic() - start < 3.0


@pytest.mark.parametrize("call_id", IDS)
@pytest.mark.parametrize("fault", ["status500", "malformed_json"])
def test_server_error_and_malformed_json_are_unexpected(healthy: Emulator, call_id: str, fault: str) -> None:
    healthy.inject(CALLS[call_id][0], getattr(Fault, fault)())
    err = _run(healthy, call_id)
    assert isinstance(err, UnexpectedResponse)
    assert not isinstance(err, Unreachable)


@pytest.mark.parametrize("call_id", IDS)
def test_connection_reset_is_unreachable(healthy: Emulator, call_id: str) -> None:
    healthy.inject(CALLS[call_id][0], Fault.connection_reset())
    err = _run(healthy, call_id)
    assert isinstance(err, Unreachable) and not isinstance(err, CallTimeout)


def test_nothing_listening_is_unreachable() -> None:
    with Emulator("healthy") as emu:
        env = emu.demo_env()
        ctx = emu_context(emu, env)
    # the emulator is stopped: connection refused on its port
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    with pytest.raises(Unreachable) as err:
        resourcemanager.get_project(ctx, creds, PROJECT)
    assert "Cloud Resource Manager API" in err.value.message


def test_no_retry_after_a_server_error(healthy: Emulator) -> None:
    healthy.inject("billing", Fault.status500())
    ctx = emu_context(healthy)
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    with pytest.raises(UnexpectedResponse):
        billing.get_billing_info(ctx, creds, PROJECT)
    assert len([r for r in healthy.requests if r.api == "billing"]) == 1


@pytest.mark.parametrize("call_id", ["projects.get", "timeSeries"])
def test_rejected_access_token_is_permission_denied(healthy: Emulator, call_id: str) -> None:
    env = {**healthy.demo_env(), "GEMQUOTA_ACCESS_TOKEN": "ya29.not-a-token-the-emulator-minted"}
    ctx = emu_context(healthy, env)
    creds = load_cloud_credentials(ctx)
    assert creds is not None
    with pytest.raises(PermissionDenied) as err:
        CALLS[call_id][1](ctx, creds, healthy, PROJECT)
    assert err.value.permission is None
    assert "not-a-token" not in err.value.message + str(err.value.hint)
    assert err.value.hint and "gcloud auth application-default login" in err.value.hint
