"""The real google-cloud-* REST clients and google-auth against the emulator's Cloud APIs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from _emulator_support import (
    cloud_client,
    gcloud_adc_file,
    scenario_with,
    service_account_file,
    user_creds,
    without_boundary_lookup,
)
from conftest import EMU_NOW, EmulatorFactory

from gemquota.emulator import SCENARIOS, Grant
from gemquota.emulator.scenarios import QuotaPreferenceSpec

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]

T = 5.0  # per-call timeout (seconds)
GL = "generativelanguage.googleapis.com"


def _raw(emu: Any, path: str, **params: Any) -> requests.Response:
    headers = {"authorization": f"Bearer {emu.scenario.demo.access_token}"}
    if emu.scenario.demo.quota_project:
        headers["x-goog-user-project"] = emu.scenario.demo.quota_project
    return requests.get(emu.base_url + path, params=params, headers=headers, timeout=T)


# --- API Keys -----------------------------------------------------------------------------------


def test_api_keys_lookup_and_get(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy")
    client = cloud_client("apikeys", emu, user_creds(emu))
    found = client.lookup_key(request={"key_string": emu.scenario.demo.api_keys[0]}, timeout=T)
    number = emu.scenario.projects[0].number
    assert found.parent == f"projects/{number}/locations/global"  # the NUMBER, not the id
    assert found.name.startswith(f"projects/{number}/locations/global/keys/")
    key = client.get_key(name=found.name, timeout=T)
    assert key.display_name == "Gemini API key (server)"
    assert [t.service for t in key.restrictions.api_targets] == [GL]
    req = emu.requests[0]
    assert req.path == "/v2/keys:lookupKey"
    assert req.query["keyString"] == [emu.scenario.demo.api_keys[0]]
    assert req.query["$alt"] == ["json;enum-encoding=int"]
    assert req.headers["x-goog-user-project"] == emu.scenario.demo.quota_project
    assert "keyString" not in _raw(emu, f"/v2/{found.name}").text  # the key string is never echoed


def test_api_keys_unknown_key_in_project_is_legacy_404(emulator: EmulatorFactory) -> None:
    from google.api_core import exceptions as gexc

    emu = emulator("healthy")
    client = cloud_client("apikeys", emu, user_creds(emu))
    number = emu.scenario.projects[0].number
    with pytest.raises(gexc.NotFound) as info:
        client.get_key(name=f"projects/{number}/locations/global/keys/nope", timeout=T)
    body = _raw(emu, f"/v2/projects/{number}/locations/global/keys/nope").json()
    assert body["error"]["errors"][0]["reason"] == "notFound"
    assert "not found" in info.value.message


# --- Resource Manager -------------------------------------------------------------------------------


def test_resource_manager_get_by_id_and_number(emulator: EmulatorFactory) -> None:
    emu = emulator("healthy")
    client = cloud_client("resourcemanager", emu, user_creds(emu))
    p = emu.scenario.projects[0]
    by_id = client.get_project(name=f"projects/{p.project_id}", timeout=T)
    by_number = client.get_project(name=f"projects/{p.number}", timeout=T)
    assert by_id.name == by_number.name == f"projects/{p.number}"  # id in projectId, number in name
    assert by_id.project_id == p.project_id
    assert by_id.state.name == "ACTIVE"  # parsed from the int enum
    assert _raw(emu, f"/v3/projects/{p.number}", **{"$alt": "json;enum-encoding=int"}).json()["state"] == 1
    assert _raw(emu, f"/v3/projects/{p.number}").json()["state"] == "ACTIVE"


def test_resource_manager_missing_project_is_the_short_403(emulator: EmulatorFactory) -> None:
    from google.api_core import exceptions as gexc

    emu = emulator("healthy")
    client = cloud_client("resourcemanager", emu, user_creds(emu))
    with pytest.raises(gexc.Forbidden) as info:
        client.get_project(name="projects/does-not-exist-42", timeout=T)
    assert info.value.reason is None
    assert "The caller does not have permission" in info.value.message
    assert _raw(emu, "/v3/projects/does-not-exist-42").json() == {
        "error": {
            "code": 403,
            "message": "The caller does not have permission",
            "status": "PERMISSION_DENIED",
        }
    }


def test_resource_manager_search_pages_and_empty_result(emulator: EmulatorFactory) -> None:
    emu = emulator("shared-keys")
    client = cloud_client("resourcemanager", emu, user_creds(emu))
    everything = [p.project_id for p in client.search_projects(request={"page_size": 1}, timeout=T)]
    assert everything == ["team-a-prod", "team-b-sandbox"]
    assert sum(1 for r in emu.requests if r.path == "/v3/projects:search") == 2  # the pager followed
    assert [p.project_id for p in client.search_projects(query="id:team-b-*", timeout=T)] == [
        "team-b-sandbox"
    ]
    assert list(client.search_projects(query="id:nothing-here", timeout=T)) == []
    assert _raw(emu, "/v3/projects:search", query="id:nothing-here").json() == {}  # empty lists vanish


# --- Cloud Billing ------------------------------------------------------------------------------------


def test_billing_info_and_account(emulator: EmulatorFactory) -> None:
    emu = emulator("billing-on-other-project")
    client = cloud_client("billing", emu, user_creds(emu))
    billed = client.get_project_billing_info(name="projects/acme-prod", timeout=T)
    assert billed.billing_enabled and billed.billing_account_name.startswith("billingAccounts/")
    account = client.get_billing_account(name=billed.billing_account_name, timeout=T)
    assert account.open and account.display_name == "Acme Corp billing"
    key_project = emu.scenario.projects[1]
    unbilled = client.get_project_billing_info(name=f"projects/{key_project.number}", timeout=T)
    assert not unbilled.billing_enabled and unbilled.billing_account_name == ""
    assert unbilled.name == f"projects/{key_project.project_id}/billingInfo"  # the id, even asked by number
    raw = _raw(emu, f"/v1/projects/{key_project.project_id}/billingInfo").json()
    assert raw == {
        "name": f"projects/{key_project.project_id}/billingInfo",
        "projectId": key_project.project_id,
        "billingAccountName": "",
        "billingEnabled": False,
    }


# --- Service Usage -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("scenario", "state"), [("healthy", "ENABLED"), ("api-disabled", "DISABLED")])
def test_service_usage_state_is_an_int_enum_parsed(
    emulator: EmulatorFactory, scenario: str, state: str
) -> None:
    emu = emulator(scenario)
    client = cloud_client("serviceusage", emu, user_creds(emu))
    p = emu.scenario.projects[0]
    svc = client.get_service(request={"name": f"projects/{p.project_id}/services/{GL}"}, timeout=T)
    assert svc.state.name == state
    assert svc.config.title == "Generative Language API"
    assert svc.name == f"projects/{p.project_id}/services/{GL}"  # echoes the id ...
    assert svc.parent == f"projects/{p.number}"  # ... but the parent carries the number
    raw = _raw(emu, f"/v1/projects/{p.project_id}/services/{GL}", **{"$alt": "json;enum-encoding=int"}).json()
    assert raw["state"] == {"ENABLED": 2, "DISABLED": 1}[state]


# --- Cloud Quotas ---------------------------------------------------------------------------------------


def test_cloud_quotas_pager_follows_pages_and_zero_is_absent(emulator: EmulatorFactory) -> None:
    emu = emulator("billing-on-other-project")
    client = cloud_client("cloudquotas", emu, user_creds(emu))
    key_project = emu.scenario.projects[1]
    parent = f"projects/{key_project.number}/locations/global/services/{GL}"
    infos = list(client.list_quota_infos(parent=parent, timeout=T))
    pages = [r for r in emu.requests if r.path.endswith("/quotaInfos")]
    assert len(pages) >= 2 and "pageToken" not in pages[0].query and pages[1].query["pageToken"]
    ids = {i.quota_id for i in infos}
    # every tier's quota ids are listed at once
    assert {
        "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
        "GenerateRequestsPerDayPerProjectPerModel",
        "GenerateRequestsPerDayPerProjectPerModel-PaidTier2",
        "GenerateRequestsPerDayPerProjectPerModel-PaidTier3",
    } <= ids
    rpd = next(i for i in infos if i.quota_id == "GenerateRequestsPerDayPerProjectPerModel-FreeTier")
    assert rpd.container_type.name == "PROJECT" and rpd.refresh_interval == "day"
    assert rpd.quota_increase_eligibility.ineligibility_reason.name == "NO_VALID_BILLING_ACCOUNT"
    by_model = {d.dimensions.get("model"): d.details.value for d in rpd.dimensions_infos}
    assert by_model["gemini-3.8-flash"] == 20
    assert by_model["gemini-3.1-pro"] == 0 and by_model[None] == 0
    raw = _raw(emu, f"/v1/{parent}/quotaInfos/GenerateRequestsPerDayPerProjectPerModel-FreeTier").json()
    raw_by_model = {d.get("dimensions", {}).get("model"): d["details"] for d in raw["dimensionsInfos"]}
    assert raw_by_model["gemini-3.1-pro"] == {}  # zero = absent value, not "0"
    assert raw_by_model["gemini-3.8-flash"] == {"value": "20"}  # int64 as a JSON string
    got = client.get_quota_info(
        name=f"{parent}/quotaInfos/GenerateRequestsPerDayPerProjectPerModel", timeout=T
    )
    assert {d.dimensions.get("model"): d.details.value for d in got.dimensions_infos}[
        "gemini-2.5-flash-lite"
    ] == -1


def test_cloud_quotas_unknown_quota_id_and_preferences(emulator: EmulatorFactory) -> None:
    from google.api_core import exceptions as gexc

    pref = QuotaPreferenceSpec(
        "gemini-pro-rpd", "GenerateRequestsPerDayPerProjectPerModel", "gemini-3.1-pro", 20000, 10000
    )
    emu = emulator(scenario_with("healthy", preferences=(pref,)))
    client = cloud_client("cloudquotas", emu, user_creds(emu))
    p = emu.scenario.projects[0]
    with pytest.raises(gexc.NotFound):
        client.get_quota_info(
            name=f"projects/{p.number}/locations/global/services/{GL}/quotaInfos/Nope", timeout=T
        )
    prefs = list(client.list_quota_preferences(parent=f"projects/{p.number}/locations/global", timeout=T))
    assert len(prefs) == 1
    assert prefs[0].quota_config.preferred_value == 20000 and prefs[0].quota_config.granted_value == 10000
    assert prefs[0].reconciling and dict(prefs[0].dimensions) == {"model": "gemini-3.1-pro"}
    plain = emulator("healthy")
    assert (
        list(
            cloud_client("cloudquotas", plain, user_creds(plain)).list_quota_preferences(
                parent=f"projects/{p.number}/locations/global", timeout=T
            )
        )
        == []
    )


# --- IAM and auth errors ---------------------------------------------------------------------------------


def test_no_iam_every_cloud_api_is_forbidden_with_real_bodies(emulator: EmulatorFactory) -> None:
    from google.api_core import exceptions as gexc

    emu = emulator("no-iam")
    creds = user_creds(emu)
    p = emu.scenario.projects[0]
    with pytest.raises(gexc.Forbidden) as lookup:
        cloud_client("apikeys", emu, creds).lookup_key(
            request={"key_string": emu.scenario.demo.api_keys[0]}, timeout=T
        )
    assert lookup.value.reason == "IAM_PERMISSION_DENIED"
    assert lookup.value.domain == "apikeys.googleapis.com"
    assert lookup.value.metadata["permission"] == "apikeys.keys.lookup"
    with pytest.raises(gexc.Forbidden) as project:
        cloud_client("resourcemanager", emu, creds).get_project(name=f"projects/{p.number}", timeout=T)
    assert project.value.reason is None  # the short form, no details
    with pytest.raises(gexc.Forbidden) as billing:
        cloud_client("billing", emu, creds).get_project_billing_info(
            name=f"projects/{p.project_id}", timeout=T
        )
    assert billing.value.reason == "IAM_PERMISSION_DENIED"
    with pytest.raises(gexc.Forbidden) as services:
        cloud_client("serviceusage", emu, creds).get_service(
            request={"name": f"projects/{p.project_id}/services/{GL}"}, timeout=T
        )
    assert services.value.metadata["permission"] == "serviceusage.services.get"
    assert "Permission denied to get service" in services.value.message
    with pytest.raises(gexc.Forbidden) as quotas:
        list(
            cloud_client("cloudquotas", emu, creds).list_quota_infos(
                parent=f"projects/{p.number}/locations/global/services/{GL}", timeout=T
            )
        )
    assert quotas.value.metadata["permission"] == "cloudquotas.quotas.get"
    monitoring = _raw(emu, f"/v3/projects/{p.project_id}/timeSeries", filter='metric.type = "x"')
    assert monitoring.status_code == 403
    assert monitoring.json()["error"]["details"][0]["reason"] == "IAM_PERMISSION_DENIED"


def test_service_disabled_on_the_quota_project(emulator: EmulatorFactory) -> None:
    from google.api_core import exceptions as gexc

    emu = emulator(scenario_with("healthy", disabled_services=frozenset({"cloudquotas.googleapis.com"})))
    p = emu.scenario.projects[0]
    with pytest.raises(gexc.Forbidden) as info:
        list(
            cloud_client("cloudquotas", emu, user_creds(emu)).list_quota_infos(
                parent=f"projects/{p.number}/locations/global/services/{GL}", timeout=T
            )
        )
    assert info.value.reason == "SERVICE_DISABLED"
    meta = info.value.metadata
    assert meta["service"] == "cloudquotas.googleapis.com" and meta["consumer"] == f"projects/{p.number}"
    assert meta["activationUrl"].endswith(f"cloudquotas.googleapis.com/overview?project={p.number}")
    assert meta["serviceTitle"] == "Cloud Quotas API"


def test_token_missing_invalid_and_foreign_quota_project(emulator: EmulatorFactory) -> None:
    from google.api_core import exceptions as gexc
    from google.oauth2.credentials import Credentials

    emu = emulator("healthy")
    name = f"projects/{emu.scenario.projects[0].number}"
    missing = gexc.from_http_response(requests.get(f"{emu.base_url}/v3/{name}", timeout=T))
    assert isinstance(missing, gexc.Unauthorized) and missing.reason == "CREDENTIALS_MISSING"
    from google.auth.exceptions import RefreshError

    # an unknown token: 401, on which the client tries (and fails) to refresh a bare token
    with pytest.raises(RefreshError):
        cloud_client("resourcemanager", emu, Credentials(token="ya29.not-a-known-token")).get_project(
            name=name, timeout=T
        )
    invalid = requests.get(
        f"{emu.base_url}/v3/{name}", headers={"authorization": "Bearer ya29.not-a-known-token"}, timeout=T
    )
    assert invalid.status_code == 401 and invalid.json()["error"]["status"] == "UNAUTHENTICATED"
    foreign = Credentials(token=emu.scenario.demo.access_token, quota_project_id="someone-elses-project")
    with pytest.raises(gexc.Forbidden) as denied:
        cloud_client("resourcemanager", emu, foreign).get_project(name=name, timeout=T)
    assert denied.value.reason == "USER_PROJECT_DENIED"


# --- credentials the way real ones reach the clients ---------------------------------------------------


def test_service_account_key_file_jwt_grant_and_self_signed_jwt(
    emulator: EmulatorFactory, tmp_path: Path
) -> None:
    from google.auth.transport.requests import AuthorizedSession
    from google.oauth2.service_account import Credentials

    emu = emulator("healthy")
    path = service_account_file(emu, tmp_path)
    # (the key file read by google-auth's loader of its type, with the scope a token is asked for)
    creds = Credentials.from_service_account_file(
        str(path), scopes=["https://www.googleapis.com/auth/cloud-platform"]
    )
    assert creds.project_id == "acme-gemini-prod"
    session = AuthorizedSession(without_boundary_lookup(creds))
    resp = session.get(f"{emu.base_url}/v3/projects/acme-gemini-prod", timeout=T)
    assert resp.status_code == 200 and resp.json()["projectId"] == "acme-gemini-prod"
    token_call, call = emu.requests[0], emu.requests[1]
    assert (token_call.method, token_call.path) == ("POST", "/token")
    assert "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer" in (token_call.body or "")
    assert call.headers["authorization"].startswith("Bearer ya29.emulator-")
    # a GAPIC client signs its own JWT (no token endpoint call): the emulator accepts it
    emu.clear_requests()
    gapic_creds = Credentials.from_service_account_file(str(path))
    got = cloud_client("billing", emu, without_boundary_lookup(gapic_creds)).get_project_billing_info(
        name="projects/acme-gemini-prod", timeout=T
    )
    assert got.billing_enabled
    assert [r.path for r in emu.requests] == ["/v1/projects/acme-gemini-prod/billingInfo"]
    assert emu.requests[0].headers["authorization"].startswith("Bearer eyJ")


def test_unknown_service_account_is_refused_by_token_endpoint(
    emulator: EmulatorFactory, tmp_path: Path
) -> None:
    from google.auth.exceptions import RefreshError
    from google.auth.transport.requests import AuthorizedSession
    from google.oauth2.service_account import Credentials

    emu = emulator("healthy")
    path = service_account_file(emu, tmp_path, email="stranger@elsewhere.iam.gserviceaccount.com")
    creds = Credentials.from_service_account_file(
        str(path), scopes=["https://www.googleapis.com/auth/cloud-platform"]
    )
    with pytest.raises(RefreshError, match="invalid_grant"):
        AuthorizedSession(without_boundary_lookup(creds)).get(
            f"{emu.base_url}/v3/projects/acme-gemini-prod", timeout=T
        )


def test_gcloud_user_adc_file(emulator: EmulatorFactory, tmp_path: Path) -> None:
    from google.auth.exceptions import RefreshError
    from google.auth.transport.requests import AuthorizedSession
    from google.oauth2.credentials import Credentials

    emu = emulator("healthy")
    key = emu.scenario.demo.api_keys[0]
    path = gcloud_adc_file(emu, tmp_path, quota_project="acme-gemini-prod")
    # (gcloud's user ADC file, read by the loader of its type; its token_uri is gcloud's, so it is pointed here.)
    creds = Credentials.from_authorized_user_file(str(path)).with_token_uri(emu.token_url)
    resp = AuthorizedSession(creds).get(
        f"{emu.base_url}/v2/keys:lookupKey", params={"keyString": key}, timeout=T
    )
    assert resp.status_code == 200
    refresh = next(r for r in emu.requests if r.path == "/token")
    assert "grant_type=refresh_token" in (refresh.body or "")
    assert emu.requests[-1].headers["x-goog-user-project"] == "acme-gemini-prod"
    # the same user credentials without a quota project: SERVICE_DISABLED naming gcloud's project
    bare = Credentials.from_authorized_user_file(str(gcloud_adc_file(emu, tmp_path, quota_project=None)))
    bare = bare.with_token_uri(emu.token_url)
    denied = AuthorizedSession(bare).get(
        f"{emu.base_url}/v2/keys:lookupKey", params={"keyString": key}, timeout=T
    )
    info = denied.json()["error"]["details"][0]
    assert denied.status_code == 403 and info["reason"] == "SERVICE_DISABLED"
    assert info["metadata"]["consumer"] == "projects/764086051850"
    # a refresh token the emulator does not know
    wrong = Credentials.from_authorized_user_file(
        str(gcloud_adc_file(emu, tmp_path, quota_project=None, refresh="1//not-a-real-refresh-token"))
    )
    with pytest.raises(RefreshError):
        AuthorizedSession(wrong.with_token_uri(emu.token_url)).get(
            f"{emu.base_url}/v3/projects:search", timeout=T
        )


# --- Monitoring ---------------------------------------------------------------------------------------


def _usage_query(emu: Any, project: str, metric: str, start: datetime, end: datetime, **extra: Any) -> Any:
    from google.auth.transport.requests import AuthorizedSession

    params = {
        "filter": f'metric.type = "{GL}/quota/{metric}/usage" AND resource.type = "{GL}/Location"',
        "interval.startTime": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "interval.endTime": end.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "aggregation.alignmentPeriod": f"{int((end - start).total_seconds()) + 1}s",
        "aggregation.perSeriesAligner": "ALIGN_SUM",
        "aggregation.crossSeriesReducer": "REDUCE_SUM",
        "aggregation.groupByFields": ["metric.label.model", "metric.label.limit_name"],
        "view": "FULL",
    }
    params.update(extra)
    resp = AuthorizedSession(user_creds(emu)).get(
        f"{emu.base_url}/v3/projects/{project}/timeSeries", params=params, timeout=T
    )
    return resp


def test_monitoring_grouped_usage_sums_via_authorized_session(
    emulator: EmulatorFactory, emu_clock: Callable[[], datetime]
) -> None:
    from gemquota.emulator.server import pacific_midnight

    emu = emulator("healthy", clock=emu_clock, monitoring_delay_s=0)  # the lag has its own tests
    start = pacific_midnight(EMU_NOW)
    resp = _usage_query(emu, "acme-gemini-prod", "generate_requests_per_model_per_day", start, EMU_NOW)
    assert resp.status_code == 200
    body = resp.json()
    assert body["unit"] == "1"
    sums = {
        (ts["metric"]["labels"]["model"], ts["metric"]["labels"]["limit_name"]): sum(
            int(p["value"]["int64Value"]) for p in ts["points"]
        )
        for ts in body["timeSeries"]
    }
    # healthy: 37 today + 2 in the last minute on flash, 5 on pro
    assert sums == {
        ("gemini-3.8-flash", "GenerateRequestsPerDayPerProjectPerModel"): 39,
        ("gemini-3.1-pro", "GenerateRequestsPerDayPerProjectPerModel"): 5,
    }
    ts = body["timeSeries"][0]
    assert ts["metricKind"] == "DELTA" and ts["valueType"] == "INT64"
    assert ts["resource"]["type"] == f"{GL}/Location"
    # the request carried repeated groupByFields
    assert emu.requests[-1].query["aggregation.groupByFields"] == [
        "metric.label.model",
        "metric.label.limit_name",
    ]
    # current minute only, filtered on a label
    minute = _usage_query(
        emu,
        "acme-gemini-prod",
        "generate_requests_per_model",
        EMU_NOW - timedelta(seconds=60),
        EMU_NOW,
    ).json()
    assert [int(ts["points"][0]["value"]["int64Value"]) for ts in minute["timeSeries"]] == [2]


def test_monitoring_raw_points_filters_and_no_data(
    emulator: EmulatorFactory, emu_clock: Callable[[], datetime]
) -> None:
    from google.auth.transport.requests import AuthorizedSession

    emu = emulator("rpd-exhausted", clock=emu_clock)
    session = AuthorizedSession(user_creds(emu))
    url = f"{emu.base_url}/v3/projects/nightly-batch-jobs/timeSeries"
    end = EMU_NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    start = (EMU_NOW - timedelta(hours=24)).strftime("%Y-%m-%dT%H:%M:%SZ")
    raw = session.get(
        url,
        timeout=T,
        params={
            "filter": f'metric.type = starts_with("{GL}/quota/") AND metric.labels.limit_name = '
            '"GenerateRequestsPerDayPerProjectPerModel-FreeTier" AND metric.labels.model = "gemini-3.8-flash"',
            "interval.startTime": start,
            "interval.endTime": end,
        },
    ).json()
    (series,) = raw["timeSeries"]
    assert series["resource"]["labels"]["resource_container"] == "664109385127"
    ends = [p["interval"]["endTime"] for p in series["points"]]
    assert ends == sorted(ends, reverse=True)  # newest first
    assert sum(int(p["value"]["int64Value"]) for p in series["points"]) == 20
    empty = session.get(
        url,
        timeout=T,
        params={
            "filter": f'metric.type = "{GL}/quota/generate_content_paid_tier_3_requests/usage"',
            "interval.startTime": start,
            "interval.endTime": end,
        },
    )
    assert empty.status_code == 200 and empty.json() == {"unit": "1"}  # no series: no timeSeries key
    bad = session.get(url, timeout=T, params={"filter": "metric.type = oops", "interval.endTime": end})
    assert bad.status_code == 400 and bad.json()["error"]["status"] == "INVALID_ARGUMENT"
    no_end = session.get(url, timeout=T, params={"filter": 'metric.type = "x"'})
    assert no_end.status_code == 400


# --- unknown routes -------------------------------------------------------------------------------------


def test_unknown_route_is_a_google_shaped_404(emulator: EmulatorFactory) -> None:
    from google.api_core import exceptions as gexc

    emu = emulator("healthy")
    resp = requests.get(f"{emu.base_url}/v9/nothing:here", timeout=T)
    assert resp.status_code == 404
    assert resp.json() == {"error": {"code": 404, "message": "Method not found.", "status": "NOT_FOUND"}}
    assert isinstance(gexc.from_http_response(resp), gexc.NotFound)


def test_all_scenario_tokens_reach_their_believed_project(emulator: EmulatorFactory) -> None:
    for name in SCENARIOS:
        emu = emulator(name)
        demo = emu.scenario.demo
        if demo.key_only:  # a key-only user has no cloud credentials and names no project
            assert demo.believed_project is None
            emu.stop()
            continue
        assert demo.believed_project is not None
        resp = _raw(emu, f"/v3/projects/{demo.believed_project}")
        assert resp.status_code == (403 if name == "no-iam" else 200), name
        emu.stop()


def test_grants_are_data(emulator: EmulatorFactory) -> None:
    """A scenario whose user can read the project but not its billing account."""
    base = SCENARIOS["healthy"]
    user = base.principals[0]
    narrowed = dataclasses.replace(
        user, grants=tuple(g for g in user.grants if g.resource.startswith("projects/"))
    )
    assert all(isinstance(g, Grant) for g in narrowed.grants)
    scenario = dataclasses.replace(base, principals=(narrowed, *base.principals[1:]))
    emu = emulator(scenario)
    from google.api_core import exceptions as gexc

    client = cloud_client("billing", emu, user_creds(emu))
    info = client.get_project_billing_info(name="projects/acme-gemini-prod", timeout=T)
    with pytest.raises(gexc.Forbidden) as denied:
        client.get_billing_account(name=info.billing_account_name, timeout=T)
    assert denied.value.metadata == {
        "permission": "billing.accounts.get",
        "resource": info.billing_account_name,
    }


def test_monitoring_points_show_only_after_the_delay(
    emulator: EmulatorFactory, emu_clock: Callable[[], datetime]
) -> None:
    """As on Google: a usage point becomes visible ~150 s after its minute (per scenario)."""
    from gemquota.emulator.server import pacific_midnight

    start = pacific_midnight(EMU_NOW)
    counts = {}
    for delay in (0.0, 150.0):
        emu = emulator("healthy", clock=emu_clock, monitoring_delay_s=delay)
        resp = _usage_query(emu, "acme-gemini-prod", "generate_requests_per_model_per_day", start, EMU_NOW)
        counts[delay] = sum(
            int(p["value"]["int64Value"])
            for ts in resp.json().get("timeSeries", [])
            if ts["metric"]["labels"]["model"] == "gemini-3.8-flash"
            for p in ts["points"]
        )
        emu.stop()
    assert counts[0.0] == 39  # 37 spread over the day + 2 in the last minute
    assert counts[150.0] == 37  # the last minute is not in Monitoring yet
    assert SCENARIOS["healthy"].monitoring_delay_s == 150.0
