"""Every Cloud API adapter against the emulator: what each returns on the happy paths."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from _sources_support import cloud_requests, emu_context

from gemquota.core.diagnosis import Tier
from gemquota.emulator import SCENARIOS, Emulator, Scenario, Usage
from gemquota.emulator.scenarios import QuotaPreferenceSpec
from gemquota.sources import apikeys, billing, cloudquotas, monitoring, resourcemanager, serviceusage
from gemquota.sources.credentials import CloudCredentials, load_cloud_credentials

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]


#: Noon in Los Angeles: the scenarios' usage "since Pacific midnight" is spread over hours (on the wall clock
#: just after midnight it crowds into the last minutes, inside the minute window and Monitoring's lag).
NOON = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)


@pytest.fixture
def healthy() -> Iterator[Emulator]:
    with Emulator("healthy", clock=lambda: NOON) as e:
        yield e


def _creds(emu: Emulator) -> CloudCredentials:
    creds = load_cloud_credentials(emu_context(emu))
    assert creds is not None
    return creds


def test_lookup_key_and_restrictions(healthy: Emulator) -> None:
    ctx, creds = emu_context(healthy), _creds(healthy)
    info = apikeys.lookup_key(ctx, creds, healthy.scenario.demo.api_keys[0])
    assert info.project_number == "481516234201"
    assert info.key_name == "projects/481516234201/locations/global/keys/7c1d9e52-3b8a-4f06-9d2e-6a41b0c8f913"
    req = cloud_requests(healthy)[-1]
    assert req.path == "/v2/keys:lookupKey"

    restrictions = apikeys.get_key_restrictions(ctx, creds, info.key_name)
    assert restrictions.display_name == "Gemini API key (server)"
    assert restrictions.api_targets == ("generativelanguage.googleapis.com",)
    assert not restrictions.has_browser_restriction and not restrictions.has_server_restriction
    # an auth key: keys.get names the bound service account (read from the raw REST answer: the
    # google-cloud-api-keys Key message has no serviceAccountEmail field)
    assert restrictions.service_account_email == "gemini-api-key@acme-gemini-prod.iam.gserviceaccount.com"
    assert cloud_requests(healthy)[-1].path == f"/v2/{info.key_name}"


def test_standard_key_has_no_service_account() -> None:
    with Emulator("standard-key-rejected") as emu:
        ctx, creds = emu_context(emu), _creds(emu)
        info = apikeys.lookup_key(ctx, creds, emu.scenario.demo.api_keys[0])
        assert info.key_name is not None
        restrictions = apikeys.get_key_restrictions(ctx, creds, info.key_name)
        assert restrictions.service_account_email is None
        assert restrictions.api_targets == ("generativelanguage.googleapis.com",)


def test_unrestricted_key_has_no_api_targets() -> None:
    with Emulator("zero-quota-image") as emu:
        ctx, creds = emu_context(emu), _creds(emu)
        info = apikeys.lookup_key(ctx, creds, emu.scenario.demo.api_keys[0])
        assert info.key_name is not None
        restrictions = apikeys.get_key_restrictions(ctx, creds, info.key_name)
        assert restrictions.api_targets is None
        assert restrictions.display_name == "Image experiments"


def test_unknown_key_is_not_found(healthy: Emulator) -> None:
    from gemquota.exceptions import NotFound

    key = "AIza" + "Q" * 31 + "9876"
    with pytest.raises(NotFound) as err:
        apikeys.lookup_key(emu_context(healthy), _creds(healthy), key)
    text = err.value.message + str(err.value.hint)
    assert key not in text
    assert "AIza…9876" in text


@pytest.mark.parametrize("ref", ["acme-gemini-prod", "481516234201", "projects/481516234201"])
def test_get_project_by_id_or_number(healthy: Emulator, ref: str) -> None:
    project = resourcemanager.get_project(emu_context(healthy), _creds(healthy), ref)
    assert project.number == "481516234201"
    assert project.project_id == "acme-gemini-prod"
    assert project.display_name == "Acme Gemini Prod"
    assert project.state == "ACTIVE"  # the client asks for integer enums; the emulator answers 1


def test_billing_info_and_account(healthy: Emulator) -> None:
    ctx, creds = emu_context(healthy), _creds(healthy)
    info = billing.get_billing_info(ctx, creds, "acme-gemini-prod")
    assert info.billing_enabled is True
    assert info.project_id == "acme-gemini-prod"
    assert info.account_name == "billingAccounts/01A2B3-C4D5E6-F7A8B9"
    account = billing.get_billing_account(ctx, creds, info.account_name)
    assert account.open is True
    assert account.display_name == "Acme Corp billing"
    assert account.name == info.account_name


def test_unbilled_project_has_no_account() -> None:
    with Emulator("billing-on-other-project") as emu:
        info = billing.get_billing_info(emu_context(emu), _creds(emu), "1036424820765")
        assert info.billing_enabled is False
        assert info.account_name is None
        assert info.project == "1036424820765"


def test_service_state_enabled_and_disabled(healthy: Emulator) -> None:
    state = serviceusage.get_service(emu_context(healthy), _creds(healthy), "acme-gemini-prod")
    assert state.enabled and state.state == "ENABLED"
    assert state.title == "Generative Language API"
    with Emulator("api-disabled") as emu:
        disabled = serviceusage.get_service(emu_context(emu), _creds(emu), "new-app-prod")
        assert disabled.state == "DISABLED" and not disabled.enabled


def test_quota_limits_values_windows_tiers(healthy: Emulator) -> None:
    limits = cloudquotas.list_quota_limits(emu_context(healthy), _creds(healthy), "acme-gemini-prod")
    by_key = {(q.quota_id, q.model): q for q in limits}
    rpm = by_key[("GenerateRequestsPerMinutePerProjectPerModel", "gemini-3.8-flash")]
    assert (rpm.value, rpm.window, rpm.measure, rpm.tier) == (1000, "minute", "requests", Tier.TIER_1)
    assert rpm.metric == "generativelanguage.googleapis.com/generate_requests_per_model"
    assert rpm.display_name and "per minute" in rpm.display_name
    # -1 = unlimited (tier-1 RPD of gemini-2.5-flash-lite)
    unlimited = by_key[("GenerateRequestsPerDayPerProjectPerModel", "gemini-2.5-flash-lite")]
    assert unlimited.value == -1 and unlimited.unlimited and unlimited.window == "day"
    # absent value = 0 (free tier has no gemini-3.1-pro entitlement), default bucket = model None
    zero = by_key[("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "gemini-3.1-pro")]
    assert zero.value == 0 and zero.tier == Tier.FREE and not zero.unlimited
    default = by_key[("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", None)]
    assert default.value == 0
    tpm = by_key[("GenerateContentPaidTierInputTokensPerModelPerMinute-PaidTier2", "gemini-3.8-flash")]
    assert tpm.measure == "tokens" and tpm.tier == Tier.TIER_2
    assert {q.tier for q in limits} == {Tier.FREE, Tier.TIER_1, Tier.TIER_2, Tier.TIER_3}


def test_quota_limits_follow_pages(healthy: Emulator) -> None:
    ctx, creds = emu_context(healthy), _creds(healthy)
    all_at_once = cloudquotas.list_quota_limits(ctx, creds, "acme-gemini-prod")
    healthy.clear_requests()
    paged = cloudquotas.list_quota_limits(ctx, creds, "acme-gemini-prod", page_size=3)
    assert paged == all_at_once
    reqs = cloud_requests(healthy)
    assert len(reqs) >= 4
    assert all("pageToken" in r.query for r in reqs[1:])
    assert {r.method for r in reqs} == {"GET"}


def _with_preferences() -> Scenario:
    base = SCENARIOS["healthy"]
    prefs = (
        QuotaPreferenceSpec(
            "gemini-rpd-raise",
            "GenerateRequestsPerDayPerProjectPerModel",
            "gemini-3.1-pro",
            preferred=20_000,
            granted=10_000,
            reconciling=True,
        ),
        QuotaPreferenceSpec(
            "denied",
            "GenerateRequestsPerMinutePerProjectPerModel",
            None,
            preferred=5_000,
            granted=None,
            reconciling=False,
            state_detail="Quota request denied",
        ),
    )
    project = dataclasses.replace(base.projects[0], preferences=prefs)
    return dataclasses.replace(base, projects=(project,))


def test_quota_preferences() -> None:
    with Emulator(_with_preferences()) as emu:
        prefs = cloudquotas.list_quota_preferences(emu_context(emu), _creds(emu), "acme-gemini-prod")
    assert len(prefs) == 2
    first, second = prefs
    assert (first.quota_id, first.model) == ("GenerateRequestsPerDayPerProjectPerModel", "gemini-3.1-pro")
    assert (first.preferred_value, first.granted_value, first.reconciling) == (20_000, 10_000, True)
    assert second.model is None and second.granted_value is None and not second.reconciling
    assert second.state_detail == "Quota request denied"


def test_no_quota_preferences_is_empty(healthy: Emulator) -> None:
    assert cloudquotas.list_quota_preferences(emu_context(healthy), _creds(healthy), "acme-gemini-prod") == ()


def test_usage_day_and_minute(healthy: Emulator) -> None:
    healthy.monitoring_delay_s = 0  # every point visible at once (the lag has its own test)
    usage = monitoring.read_usage(
        emu_context(healthy), _creds(healthy), "acme-gemini-prod", now=healthy.now()
    )
    by_key = {(u.quota_id, u.model, u.window): u.value for u in usage}
    # 37 requests spread since Pacific midnight + 2 in the last minute
    assert by_key[("GenerateRequestsPerDayPerProjectPerModel", "gemini-3.8-flash", "day")] == 39
    assert by_key[("GenerateRequestsPerMinutePerProjectPerModel", "gemini-3.8-flash", "minute")] == 2
    assert by_key[("GenerateRequestsPerDayPerProjectPerModel", "gemini-3.1-pro", "day")] == 5
    assert by_key[("GenerateRequestsPerMinutePerProjectPerModel", "gemini-3.1-pro", "minute")] == 0
    # token quota: 2 requests x 12 tokens in the current minute
    assert by_key[("GenerateContentPaidTierInputTokensPerModelPerMinute", "gemini-3.8-flash", "minute")] == 24
    reqs = cloud_requests(healthy)
    assert len(reqs) == len(monitoring.USAGE_METRICS)
    assert {r.method for r in reqs} == {"GET"}
    for r in reqs:
        assert r.path == "/v3/projects/acme-gemini-prod/timeSeries"
        assert r.query["aggregation.perSeriesAligner"] == ["ALIGN_SUM"]
        assert sorted(r.query["aggregation.groupByFields"]) == [
            "metric.label.limit_name",
            "metric.label.model",
        ]


def test_usage_free_tier_rpd_exhausted() -> None:
    with Emulator("rpd-exhausted", clock=lambda: NOON) as emu:
        usage = monitoring.read_usage(emu_context(emu), _creds(emu), "nightly-batch-jobs", now=emu.now())
    by_key = {(u.quota_id, u.model, u.window): u for u in usage}
    rpd = by_key[("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "gemini-3.8-flash", "day")]
    assert rpd.value == 20
    assert rpd.metric == "generativelanguage.googleapis.com/generate_content_free_tier_requests"
    tpd = by_key[("GenerateContentInputTokensPerModelPerDay-FreeTier", "gemini-3.8-flash", "day")]
    assert tpd.value == 20 * 850
    assert all("Paid" not in u.quota_id for u in usage)


def test_no_usage_is_empty() -> None:
    with Emulator("api-disabled") as emu:
        assert monitoring.read_usage(emu_context(emu), _creds(emu), "new-app-prod", now=emu.now()) == ()


def test_pacific_midnight_is_dst_aware() -> None:
    from datetime import UTC, datetime

    # 2026-03-08 is the US spring-forward day: midnight PST = 08:00 UTC.
    assert monitoring.pacific_midnight(datetime(2026, 3, 8, 17, 30, tzinfo=UTC)) == datetime(
        2026, 3, 8, 8, 0, tzinfo=UTC
    )
    # The day after, midnight PDT = 07:00 UTC.
    assert monitoring.pacific_midnight(datetime(2026, 3, 9, 7, 0, tzinfo=UTC)) == datetime(
        2026, 3, 9, 7, 0, tzinfo=UTC
    )
    assert monitoring.pacific_midnight(datetime(2026, 3, 9, 6, 59, tzinfo=UTC)) == datetime(
        2026, 3, 8, 8, 0, tzinfo=UTC
    )


LAG_NOW = datetime(2026, 12, 5, 20, 0, 30, tzinfo=UTC)  # 12:00 in Los Angeles


def _lagging() -> Scenario:
    base = SCENARIOS["healthy"]
    (project,) = base.projects
    usage = (Usage("gemini-2.5-flash", 10), Usage("gemini-2.5-flash", 3, span="minute"))
    return dataclasses.replace(base, projects=(dataclasses.replace(project, usage=usage),))


@pytest.mark.parametrize("delay", [150.0, 0.0])
def test_usage_as_monitoring_shows_it_late(delay: float) -> None:
    """Monitoring shows a minute ~150 s late: the last minute's requests are not visible yet, the
    per-minute usage is then unknown (never 0), and the day count is as of the newest visible point."""
    with Emulator(_lagging(), clock=lambda: LAG_NOW, monitoring_delay_s=delay) as emu:
        ctx = emu_context(emu).with_(clock=lambda: LAG_NOW)
        usage = monitoring.read_usage(ctx, _creds(emu), "acme-gemini-prod", now=LAG_NOW)
    by_key = {(u.quota_id, u.window): u for u in usage if u.model == "gemini-2.5-flash"}
    day = by_key[("GenerateRequestsPerDayPerProjectPerModel", "day")]
    minute = by_key[("GenerateRequestsPerMinutePerProjectPerModel", "minute")]
    assert day.as_of is not None and day.as_of <= LAG_NOW
    if delay:
        assert day.value == 10  # the 3 requests of the last minute are not in Monitoring yet
        assert not minute.known  # the newest visible point is older than 15 minutes: unknown
        assert day.as_of <= LAG_NOW - timedelta(seconds=delay)
    else:
        assert day.value == 13
        assert minute.known and minute.value == 3
        assert minute.as_of is not None and LAG_NOW - minute.as_of < timedelta(minutes=1)
