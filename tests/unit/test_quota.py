"""Pure quota-name knowledge: tier, window, measure, quota group, display names."""

from __future__ import annotations

import pytest

from gemquota.core.diagnosis import Tier
from gemquota.core.quota import (
    measure_from,
    model_from_display_name,
    model_from_metric,
    quota_group_for_model,
    tier_from_metric,
    tier_from_quota_id,
    window_from_metric,
    window_from_quota_id,
)


@pytest.mark.parametrize(
    ("qid", "tier"),
    [
        ("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", Tier.FREE),
        ("GenerateRequestsPerDayPerProjectPerModel-FreeTier", Tier.FREE),
        ("GeneratedImagesPerDayPerProjectPerModelFreeTier", Tier.FREE),
        ("MapGroundingRequestFreePerProjectPerModelPerDay", Tier.FREE),
        ("GenerateRequestsPerMinutePerProjectPerModel-PaidTier2", Tier.TIER_2),
        ("GenerateContentPaidTierInputTokensPerModelPerMinute-PaidTier3", Tier.TIER_3),
        ("GenerateContentBatchConcurrentBatchesPaidTier2PerProjectPerModel", Tier.TIER_2),
        ("GeneratedImagesPerDayPerProjectPerModelPaidTier1", Tier.TIER_1),
        ("EmbedContentRequestsPerMinutePerProjectPerModel-PaidTier", Tier.TIER_1),
        ("GenerateContentPaidTierInputTokensPerModelPerMinute", Tier.TIER_1),
        ("GenerateRequestsPerDayPerProjectPerModel", Tier.TIER_1),
        ("GenerateRequestsPerMinutePerProjectPerModel", Tier.TIER_1),
        ("GenerateContentRequestsPerMinutePerProjectPerRegion", None),
        ("", None),
        (None, None),
    ],
)
def test_tier_from_quota_id(qid: str | None, tier: Tier | None) -> None:
    assert tier_from_quota_id(qid) == tier


@pytest.mark.parametrize(
    ("metric", "tier"),
    [
        ("generativelanguage.googleapis.com/generate_content_free_tier_requests", Tier.FREE),
        ("generativelanguage.googleapis.com/generate_content_free_tier_input_token_count", Tier.FREE),
        ("generativelanguage.googleapis.com/generate_requests_per_model", Tier.TIER_1),
        ("generativelanguage.googleapis.com/generate_requests_per_model_per_day", Tier.TIER_1),
        ("generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count", Tier.TIER_1),
        ("generativelanguage.googleapis.com/generate_content_paid_tier_2_requests", Tier.TIER_2),
        ("generativelanguage.googleapis.com/generate_content_paid_tier_3_input_token_count", Tier.TIER_3),
        ("generativelanguage.googleapis.com/generate_content_requests", None),
        ("cloudcode-pa.googleapis.com/gemini_2_5_pro_requests", None),
        (None, None),
    ],
)
def test_tier_from_metric(metric: str | None, tier: Tier | None) -> None:
    assert tier_from_metric(metric) == tier


@pytest.mark.parametrize(
    ("name", "window"),
    [
        ("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "minute"),
        ("GenerateRequestsPerDayPerProjectPerModel", "day"),
        ("GenerateContentRequestsPerMinutePerProjectPerRegion", "minute"),
        ("RequestsPerDay-limit", "day"),
        ("Gemini25ProRequestsDaily", "day"),
        ("TotalCachedContentStorageTokensPerModelFreeTier", None),
        (None, None),
    ],
)
def test_window_from_quota_id(name: str | None, window: str | None) -> None:
    assert window_from_quota_id(name) == window


def test_window_from_metric() -> None:
    assert window_from_metric("generativelanguage.googleapis.com/generate_requests_per_model") == "minute"
    assert (
        window_from_metric("generativelanguage.googleapis.com/generate_requests_per_model_per_day") == "day"
    )
    assert window_from_metric("generativelanguage.googleapis.com/generate_content_free_tier_requests") is None
    assert (
        window_from_metric(
            "aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model"
        )
        == "minute"
    )


@pytest.mark.parametrize(
    ("name", "measure"),
    [
        ("GenerateContentInputTokensPerModelPerMinute-FreeTier", "tokens"),
        ("generativelanguage.googleapis.com/generate_content_free_tier_input_token_count", "tokens"),
        ("GeneratedImagesPerDayPerProjectPerModelFreeTier", "images"),
        ("GenerateRequestsPerDayPerProjectPerModel", "requests"),
        ("generativelanguage.googleapis.com/generate_content_free_tier_requests", "requests"),
        ("BidiGenerateContentSessionsPerProject-PaidTier3", "other"),
        (None, "other"),
    ],
)
def test_measure_from(name: str | None, measure: str) -> None:
    assert measure_from(name) == measure


@pytest.mark.parametrize(
    ("api_model", "group"),
    [
        ("gemini-3-pro-preview", "gemini-3-pro"),
        ("models/gemini-3-pro-image-preview", "gemini-3-pro-image"),
        ("gemini-embedding-001", "gemini-embedding-1.0"),
        ("gemini-2.5-flash-image", "gemini-2.5-flash-preview-image"),
        ("gemini-2.5-flash-preview-05-20", "gemini-2.5-flash"),
        ("gemini-2.5-flash-lite-preview-06-17", "gemini-2.5-flash-lite"),
        ("gemini-2.5-flash-preview-09-2025", "gemini-2.5-flash"),
        ("gemini-1.5-flash-001", "gemini-1.5-flash"),
        ("gemini-2.5-pro-exp-03-25", "gemini-2.0-pro-exp"),
        ("gemini-2.5-flash", "gemini-2.5-flash"),
        ("gemma-3-27b-it", "gemma-3-27b-it"),
    ],
)
def test_quota_group_for_model(api_model: str, group: str) -> None:
    assert quota_group_for_model(api_model) == group


@pytest.mark.parametrize(
    ("display", "model"),
    [
        ("Gemini 2.5 Pro Requests", "gemini-2.5-pro"),
        ("Gemini 2.5 Pro Preview", "gemini-2.5-pro-preview"),
        ("Gemini 2.0 Flash-Lite", "gemini-2.0-flash-lite"),
        ("Gemini 2.5 Flash Lite Requests", "gemini-2.5-flash-lite"),
        ("Gemini 2.5 Pro Experimental", "gemini-2.5-pro-exp"),
        ("Generate Content API requests per minute", None),
        ("Gemini", None),
        (None, None),
    ],
)
def test_model_from_display_name(display: str | None, model: str | None) -> None:
    assert model_from_display_name(display) == model


def test_model_from_metric() -> None:
    assert model_from_metric("cloudcode-pa.googleapis.com/gemini_2_5_pro_requests") == "gemini-2.5-pro"
    assert (
        model_from_metric("cloudcode-pa.googleapis.com/gemini_2_5_flash_lite_requests")
        == "gemini-2.5-flash-lite"
    )
    assert model_from_metric("generativelanguage.googleapis.com/generate_content_free_tier_requests") is None
