"""Quota checks on hand-made facts: limit 0 never divides, no series is ok, thresholds, table."""

from __future__ import annotations

from typing import Any

from gemquota.checks.base import Status
from gemquota.checks.common import (
    BILLING,
    OPTIONS,
    QUOTAS,
    TARGET,
    TIER,
    USAGE,
    DoctorOptions,
    Fetched,
    Target,
)
from gemquota.checks.quota import QuotaLimitsCheck, QuotaUsageCheck, limits_table
from gemquota.core.cloud import BillingInfo, QuotaLimit, QuotaUsage
from gemquota.core.diagnosis import Tier
from gemquota.core.tier import infer_tier

TARGET_ = Target("123", "123", "key")
FREE_RPD = "GenerateRequestsPerDayPerProjectPerModel-FreeTier"
FREE_RPM = "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"
M = "generativelanguage.googleapis.com/generate_content_free_tier_requests"


def lim(qid: str, window: str, model: str | None, value: int, tier: Tier | None = Tier.FREE) -> QuotaLimit:
    return QuotaLimit(qid, M, window, model, value, "requests", tier)


def use(qid: str, window: str, model: str | None, value: int) -> QuotaUsage:
    return QuotaUsage(M, qid, model, window, value)


LIMITS = (
    lim(FREE_RPD, "day", "gemini-2.5-flash", 20),
    lim(FREE_RPM, "minute", "gemini-2.5-flash", 5),
    lim(FREE_RPD, "day", "gemini-2.5-flash-preview-image", 0),
    lim(FREE_RPM, "minute", "gemini-2.5-flash-preview-image", 0),
    lim(FREE_RPD, "day", None, 0),
    lim("GenerateRequestsPerDayPerProjectPerModel", "day", "gemini-2.5-flash", 10_000, Tier.TIER_1),
)


def facts(usage: tuple[QuotaUsage, ...] | None = (), extra: dict[str, Any] | None = None) -> dict[str, Any]:
    base: dict[str, Any] = {
        TARGET: TARGET_,
        QUOTAS: Fetched(LIMITS),
        USAGE: Fetched(usage),
        BILLING: BillingInfo("123", "p", False, None),
        TIER: infer_tier(billing_enabled=False),
        OPTIONS: DoctorOptions(),
    }
    base.update(extra or {})
    return base


def test_limit_zero_with_usage_never_divides(make_context: Any) -> None:
    result = QuotaUsageCheck().run(
        make_context(), facts((use(FREE_RPD, "day", "gemini-2.5-flash-preview-image", 3),))
    )
    assert result.status is Status.OK
    assert any("against a limit of 0 (see quota-limits)" in m.text for m in result.messages)


def test_limit_zero_with_no_usage_series_is_ok(make_context: Any) -> None:
    result = QuotaUsageCheck().run(make_context(), facts(()))
    assert result.status is Status.OK
    assert result.summary == "no usage recorded"


def test_usage_thresholds(make_context: Any) -> None:
    ctx = make_context()
    cases = {13: Status.OK, 14: Status.WARN, 18: Status.WARN, 20: Status.FAIL, 25: Status.FAIL}
    for used, status in cases.items():
        result = QuotaUsageCheck().run(ctx, facts((use(FREE_RPD, "day", "gemini-2.5-flash", used),)))
        assert result.status is status, (used, result)
    plain = QuotaUsageCheck().run(ctx, facts((use(FREE_RPD, "day", "gemini-2.5-flash", 18),)))
    assert "90 % — nearly exhausted" in plain.summary
    minute = QuotaUsageCheck().run(ctx, facts((use(FREE_RPM, "minute", "gemini-2.5-flash", 5),)))
    assert minute.status is Status.FAIL and "in a minute of the last 15" in minute.summary
    assert minute.fix and "60 s" in minute.fix


def test_unreadable_usage_is_a_warn_row(make_context: Any) -> None:
    from gemquota.exceptions import PermissionDenied

    err = PermissionDenied("denied", api="monitoring", permission="monitoring.timeSeries.list")
    f = facts()
    f[USAGE] = Fetched(None, err)
    result = QuotaUsageCheck().run(make_context(), f)
    assert result.status is Status.WARN
    assert "monitoring.timeSeries.list" in result.summary


def test_table_keeps_only_the_tier_in_force() -> None:
    free = limits_table(LIMITS, Tier.FREE)
    assert free["gemini-2.5-flash"] == {"RPD": 20, "RPM": 5}
    assert free["(default)"] == {"RPD": 0}
    paid = limits_table(LIMITS, Tier.TIER_1)
    assert paid == {"gemini-2.5-flash": {"RPD": 10_000}}


def test_requested_model_with_limit_zero_fails_through_its_quota_group(make_context: Any) -> None:
    f = facts(extra={OPTIONS: DoctorOptions(models=("gemini-2.5-flash-image",))})
    result = QuotaLimitsCheck().run(make_context(), f)
    assert result.status is Status.FAIL
    assert "gemini-2.5-flash-image (counted as gemini-2.5-flash-preview-image)" in result.summary
    assert result.extra["limits"]["rows"][0]["model"] == "gemini-2.5-flash-preview-image"


def test_model_without_own_bucket_uses_the_default_bucket(make_context: Any) -> None:
    f = facts(extra={OPTIONS: DoctorOptions(models=("gemini-9-ultra",))})
    result = QuotaLimitsCheck().run(make_context(), f)
    assert result.status is Status.FAIL  # the default bucket is 0 on this tier
    assert any("default bucket" in m.text for m in result.messages)


def test_other_zero_models_are_mentioned_not_failed(make_context: Any) -> None:
    result = QuotaLimitsCheck().run(make_context(), facts())
    assert result.status is Status.OK
    assert any(m.text.startswith("Limit 0 on Free tier") for m in result.messages)


def test_minute_usage_not_yet_in_monitoring_is_unknown_never_zero(make_context: Any) -> None:
    stale = QuotaUsage(M, FREE_RPM, "gemini-2.5-flash", "minute", 0, known=False)
    result = QuotaUsageCheck().run(make_context(), facts((stale,)))
    assert result.status is Status.OK
    assert "per-minute usage unknown" in result.summary
    assert any("unknown" in m.text and "not read as 0" in m.text for m in result.messages)
    assert not any("0 of" in m.text for m in result.messages)


def test_partial_monitoring_answer_is_said(make_context: Any) -> None:
    partial = QuotaUsage(M, FREE_RPD, "gemini-2.5-flash", "day", 3, partial=True)
    result = QuotaUsageCheck().run(make_context(), facts((partial,)))
    assert result.status is Status.WARN and "partial data" in result.summary
    assert any("executionErrors" in m.text for m in result.messages)
