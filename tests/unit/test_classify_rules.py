"""One test per SPEC §2 pitfall and per classifier rule (ordered rules, primary ordering, fields)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from gemquota.core.classify import FREE_RPD_LIMITS, FREE_RPM_LIMITS, classify, diagnose
from gemquota.core.diagnosis import Backend, Kind, Retry, Tier
from gemquota.core.google_error import GoogleError
from gemquota.core.reset import next_pacific_midnight

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
FREE_REQ = "generativelanguage.googleapis.com/generate_content_free_tier_requests"
NEW = (
    "You exceeded your current quota, please check your plan and billing details. For more information on this "
    "error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. "
)


def body(message: str, *details: dict[str, Any], code: int = 429, status: str = "RESOURCE_EXHAUSTED") -> str:
    err: dict[str, Any] = {"code": code, "message": message, "status": status}
    if details:
        err["details"] = list(details)
    return json.dumps({"error": err})


def quota_failure(*violations: dict[str, Any]) -> dict[str, Any]:
    return {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": list(violations)}


def violation(
    qid: str, metric: str = FREE_REQ, model: str = "gemini-2.5-flash", value: str | None = None
) -> dict[str, Any]:
    v: dict[str, Any] = {
        "quotaMetric": metric,
        "quotaId": qid,
        "quotaDimensions": {"location": "global", "model": model},
    }
    if value is not None:
        v["quotaValue"] = value
    return v


def retry_info(delay: str) -> dict[str, Any]:
    return {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": delay}


def primary(text: str, **kw: Any) -> Any:
    return diagnose(text, now=NOW, **kw)[0]


# ---- zero quota beats dimension


def test_limit_zero_bullet_beats_dimension() -> None:
    d = primary(
        body(
            NEW
            + f"\n* Quota exceeded for metric: {FREE_REQ}, limit: 0, model: gemini-2.5-pro\nPlease retry in 5s."
        )
    )
    assert d.kind == Kind.ZERO_QUOTA and d.retry == Retry.FIX and d.limit == 0 and d.reset_at is None


def test_limit_zero_point_five_is_not_zero() -> None:
    d = primary(body(NEW + f"\n* Quota exceeded for metric: {FREE_REQ}, limit: 0.5, model: gemini-2.5-pro"))
    assert d.kind != Kind.ZERO_QUOTA


def test_quota_value_zero_with_future_zero() -> None:
    v = violation("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", value="0")
    v["futureQuotaValue"] = "0"
    d = primary(body(NEW, quota_failure(v)))
    assert d.kind == Kind.ZERO_QUOTA and d.limit == 0 and d.tier == Tier.FREE


def test_quota_limit_value_zero_old_scheme() -> None:
    info = {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "RATE_LIMIT_EXCEEDED",
        "domain": "googleapis.com",
        "metadata": {
            "quota_limit": "GenerateContentRequestsPerMinutePerProjectPerRegion",
            "quota_limit_value": "0",
        },
    }
    assert primary(body("Quota exceeded for quota metric 'x'", info)).kind == Kind.ZERO_QUOTA


def test_no_free_quota_tier_message() -> None:
    d = primary(
        body(
            "Gemini 2.5 Pro Preview doesn't have a free quota tier. Please use Gemini 2.5 Pro Experimental (models/gemini-2.5-pro-exp-03-25) instead."
        )
    )
    assert d.kind == Kind.ZERO_QUOTA
    assert d.model == "gemini-2.5-pro-preview"  # never the suggested replacement


def test_several_free_tier_ids_without_values_is_zero_quota() -> None:
    d = primary(
        body(
            NEW,
            quota_failure(
                violation("GenerateRequestsPerMinutePerProjectPerModel-FreeTier"),
                violation("GenerateRequestsPerDayPerProjectPerModel-FreeTier"),
                violation(
                    "GenerateContentInputTokensPerModelPerMinute-FreeTier",
                    metric=FREE_REQ.replace("requests", "input_token_count"),
                ),
            ),
        )
    )
    assert d.kind == Kind.ZERO_QUOTA


def test_single_free_tier_id_without_value_is_its_dimension() -> None:
    d = primary(body(NEW, quota_failure(violation("GenerateRequestsPerDayPerProjectPerModel-FreeTier"))))
    assert d.kind == Kind.RPD


# ---- billing limit


@pytest.mark.parametrize(
    "message",
    [
        "Your prepayment credits are depleted. Please go to AI Studio at https://ai.studio/projects to manage your project and billing.",
        "Your project has exceeded its monthly spending cap.",
    ],
)
def test_billing_limit(message: str) -> None:
    d = primary(body(message))
    assert d.kind == Kind.BILLING_LIMIT and d.retry == Retry.FIX


def test_insufficient_g1_credits_and_402() -> None:
    info = {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "INSUFFICIENT_G1_CREDITS_BALANCE",
        "domain": "x",
    }
    assert primary(body("No credits", info)).kind == Kind.BILLING_LIMIT
    assert (
        primary(body("Payment required", code=402, status="FAILED_PRECONDITION")).kind == Kind.BILLING_LIMIT
    )


# ---- dimensions


@pytest.mark.parametrize(
    ("qid", "metric", "kind"),
    [
        ("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", FREE_REQ, Kind.RPM),
        ("GenerateRequestsPerDayPerProjectPerModel-FreeTier", FREE_REQ, Kind.RPD),
        (
            "GenerateContentInputTokensPerModelPerMinute-FreeTier",
            FREE_REQ.replace("requests", "input_token_count"),
            Kind.TPM,
        ),
        (
            "GenerateContentInputTokensPerModelPerDay-FreeTier",
            FREE_REQ.replace("requests", "input_token_count"),
            Kind.TPD,
        ),
        (
            "GenerateContentPaidTierImagesPerMinutePerProjectPerModel",
            "generativelanguage.googleapis.com/x_images",
            Kind.IPM,
        ),
    ],
)
def test_dimension_from_quota_id(qid: str, metric: str, kind: Kind) -> None:
    assert primary(body(NEW, quota_failure(violation(qid, metric=metric, value="7")))).kind == kind


@pytest.mark.parametrize(
    ("metric", "limit", "kind"),
    [
        ("generativelanguage.googleapis.com/generate_requests_per_model", 150, Kind.RPM),
        ("generativelanguage.googleapis.com/generate_requests_per_model_per_day", 10000, Kind.RPD),
        ("generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count", 2000000, Kind.TPM),
    ],
)
def test_paid_metrics_are_unambiguous(metric: str, limit: int, kind: Kind) -> None:
    d = primary(body(NEW + f"\n* Quota exceeded for metric: {metric}, limit: {limit}, model: gemini-2.5-pro"))
    assert d.kind == kind and d.tier == Tier.TIER_1 and d.limit == limit


@pytest.mark.parametrize("limit", sorted(FREE_RPM_LIMITS))
def test_free_metric_rpm_limits(limit: int) -> None:
    d = primary(
        body(NEW + f"\n* Quota exceeded for metric: {FREE_REQ}, limit: {limit}, model: gemini-2.5-flash")
    )
    assert d.kind == Kind.RPM and d.tier == Tier.FREE


@pytest.mark.parametrize("limit", sorted(FREE_RPD_LIMITS))
def test_free_metric_rpd_limits(limit: int) -> None:
    d = primary(
        body(NEW + f"\n* Quota exceeded for metric: {FREE_REQ}, limit: {limit}, model: gemini-2.5-flash")
    )
    assert d.kind == Kind.RPD


def test_free_metric_several_limits_most_restrictive_wins() -> None:
    text = (
        NEW
        + f"\n* Quota exceeded for metric: {FREE_REQ}, limit: 5, model: gemini-2.5-flash\n* Quota exceeded for metric: {FREE_REQ}, limit: 5, model: gemini-2.5-flash"
    )
    assert primary(body(text)).kind == Kind.RPD


def test_errorinfo_quota_limit_per_minute() -> None:
    info = {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "RATE_LIMIT_EXCEEDED",
        "domain": "googleapis.com",
        "metadata": {
            "quota_limit": "GenerateContentRequestsPerMinutePerProjectPerRegion",
            "quota_limit_value": "60",
            "quota_location": "us-east2",
        },
    }
    d = primary(body("Quota exceeded", info))
    assert d.kind == Kind.RPM and d.limit == 60 and d.location == "us-east2"


def test_old_sentence_per_day_per_user_per_tier() -> None:
    msg = "Quota exceeded for quota metric 'Gemini 2.5 Pro Requests' and limit 'Gemini 2.5 Pro Requests per day per user per tier' of service 'cloudcode-pa.googleapis.com' for consumer 'project_number:681255809395'."
    d = primary(body(msg))
    # SPEC §2: a per-day, per-user Code Assist limit is a plan allowance.
    assert (d.kind, d.backend, d.model, d.project_number) == (
        Kind.PLAN_QUOTA,
        Backend.CODE_ASSIST,
        "gemini-2.5-pro",
        "681255809395",
    )
    assert d.retry == Retry.WAIT_RESET


def test_vertex_base_model() -> None:
    d = primary(
        "429 Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model with base model: gemini-1.5-pro. Please submit a quota increase request."
    )
    assert (d.kind, d.backend, d.model) == (Kind.RPM, Backend.VERTEX_AI, "gemini-1.5-pro")


def test_per_day_with_short_retry_info_is_still_rpd() -> None:
    d = primary(
        body(
            NEW,
            quota_failure(violation("GenerateRequestsPerDayPerProjectPerModel-FreeTier", value="20")),
            retry_info("5s"),
        )
    )
    assert d.kind == Kind.RPD and d.retry == Retry.WAIT_RESET
    assert d.retry_after_s == 5.0
    assert d.reset_at == next_pacific_midnight(NOW) and d.reset_basis == "pacific-midnight"
    assert any("RetryInfo" in n for n in d.notes)


def test_minute_kind_reset_uses_hint_else_sixty_seconds() -> None:
    v = violation("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", value="10")
    d = primary(body(NEW, quota_failure(v), retry_info("38.8s")))
    assert d.reset_at == NOW + timedelta(seconds=38.8) and d.reset_basis == "retry-hint"
    d = primary(body(NEW, quota_failure(v)))
    assert d.reset_at == NOW + timedelta(seconds=60) and d.reset_basis == "rolling-minute"


# ---- bare 429s


@pytest.mark.parametrize(
    "text",
    [
        body("Resource has been exhausted (e.g. check quota)."),
        body(NEW + "To monitor your current usage, head to: https://ai.dev/rate-limit. "),
        "HTTP Error 429: Too Many Requests",
        "upstream said status: 429",
        "Error: 429 status code (no body)",
    ],
)
def test_bare_429_is_unspecified(text: str) -> None:
    d = primary(text)
    assert d.kind == Kind.UNSPECIFIED_429 and d.retry == Retry.BACKOFF


def test_app_prose_is_unrecognized() -> None:
    d = primary("Rate limit reached. Please slow down and try again later.")
    assert d.kind == Kind.UNRECOGNIZED and d.retry is None and d.backend == Backend.UNKNOWN


# ---- Code Assist


def _ca(message: str, reason: str, reset: str | None = None) -> str:
    meta: dict[str, str] = {"model": "gemini-3-pro-preview"}
    if reset:
        meta["quotaResetDelay"] = reset
    info = {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": reason,
        "domain": "cloudcode-pa.googleapis.com",
        "metadata": meta,
    }
    return "[" + body(message, info) + "]"


def test_code_assist_short_reset_is_rpm() -> None:
    d = primary(
        _ca(
            "You have exhausted your capacity on this model. Your quota will reset after 27s.",
            "RATE_LIMIT_EXCEEDED",
            "27s",
        )
    )
    assert (d.kind, d.backend, d.retry_after_s, d.reset_basis) == (
        Kind.RPM,
        Backend.CODE_ASSIST,
        27.0,
        "code-assist-reset",
    )
    assert d.reset_at == NOW + timedelta(seconds=27)


def test_code_assist_quota_exhausted_multi_hour_is_plan_quota() -> None:
    d = primary(
        _ca(
            "You have exhausted your capacity on this model. Your quota will reset after 5h59m59s.",
            "QUOTA_EXHAUSTED",
            "5h59m59.96s",
        )
    )
    assert d.kind == Kind.PLAN_QUOTA and d.reset_basis == "code-assist-reset"
    assert d.retry_after_s == pytest.approx(5 * 3600 + 59 * 60 + 59.96)


def test_code_assist_capacity_and_individual_quota() -> None:
    assert (
        primary(
            _ca(
                "No capacity available for model gemini-3-pro-image on the server", "MODEL_CAPACITY_EXHAUSTED"
            )
        ).kind
        == Kind.CAPACITY
    )
    assert (
        primary(body("Individual quota reached. Contact your administrator to enable overages")).kind
        == Kind.PLAN_QUOTA
    )


def test_vertex_capacity_wordings() -> None:
    assert (
        primary(
            body(
                "Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details."
            )
        ).kind
        == Kind.CAPACITY
    )
    d = primary(
        "io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: Unable to submit request because the service is temporarily out of capacity. Try again later."
    )
    assert d.kind == Kind.CAPACITY and d.backend == Backend.VERTEX_AI


# ---- neighbours


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            body("The model is overloaded. Please try again later.", code=503, status="UNAVAILABLE"),
            Kind.OVERLOADED,
        ),
        (body("An internal error has occurred.", code=500, status="INTERNAL"), Kind.INTERNAL),
        (
            body("Deadline expired before operation could complete.", code=504, status="DEADLINE_EXCEEDED"),
            Kind.DEADLINE,
        ),
        (
            body("User location is not supported for the API use.", code=400, status="FAILED_PRECONDITION"),
            Kind.REGION,
        ),
        (
            body("API key not valid. Please pass a valid API key.", code=400, status="INVALID_ARGUMENT"),
            Kind.BAD_KEY,
        ),
        (
            body("API Key not found. Please pass a valid API key.", code=400, status="INVALID_ARGUMENT"),
            Kind.BAD_KEY,
        ),
        (
            body("API key expired. Please renew the API key.", code=400, status="INVALID_ARGUMENT"),
            Kind.BAD_KEY,
        ),
        (
            body(
                "Your API key was reported as leaked. Please use another API key.",
                code=403,
                status="PERMISSION_DENIED",
            ),
            Kind.LEAKED_KEY,
        ),
        (
            body(
                "Generative Language API has not been used in project 123 before or it is disabled.",
                code=403,
                status="PERMISSION_DENIED",
            ),
            Kind.API_DISABLED,
        ),
        (
            body(
                "Permission denied: Consumer 'api_key:x' has been suspended.",
                code=403,
                status="PERMISSION_DENIED",
            ),
            Kind.PERMISSION,
        ),
        (
            body(
                "models/gemini-9 is not found for API version v1beta, or is not supported for generateContent.",
                code=404,
                status="NOT_FOUND",
            ),
            Kind.MODEL_NOT_FOUND,
        ),
        (
            body(
                "The input token count exceeds the maximum number of tokens allowed 1048576.",
                code=400,
                status="INVALID_ARGUMENT",
            ),
            Kind.BAD_REQUEST,
        ),
    ],
)
def test_neighbour_kinds(text: str, kind: Kind) -> None:
    assert primary(text).kind == kind


def test_bad_key_inside_misleading_app_wrapper() -> None:
    text = '[500] [GoogleGenerativeAI Error]: Error fetching from https://generativelanguage.googleapis.com/v1/models/gemini-pro:generateContent: [400 Bad Request] API key not valid. Please pass a valid API key. [{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]'
    d = primary(text)
    assert d.kind == Kind.BAD_KEY and d.http_code == 400 and d.model == "gemini-pro"


def test_reason_service_disabled_and_billing_disabled() -> None:
    for reason, kind in (
        ("SERVICE_DISABLED", Kind.API_DISABLED),
        ("BILLING_DISABLED", Kind.BILLING_DISABLED),
        ("API_KEY_HTTP_REFERRER_BLOCKED", Kind.PERMISSION),
    ):
        info = {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": reason,
            "domain": "googleapis.com",
        }
        assert primary(body("denied", info, code=403, status="PERMISSION_DENIED")).kind == kind


# ---- fields, multiple errors, overrides


def test_fields_of_a_full_rpd_diagnosis() -> None:
    text = body(
        NEW,
        quota_failure(
            violation(
                "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
                model="gemini-2.5-flash-preview-image",
                value="100",
            )
        ),
        retry_info("51s"),
    )
    d = primary(text, requested_model="models/gemini-2.5-flash-image")
    assert d.kind == Kind.RPD and d.model == "gemini-2.5-flash-preview-image"
    assert d.requested_model == "gemini-2.5-flash-image" and d.tier == Tier.FREE and d.limit == 100
    assert d.quota_id == "GenerateRequestsPerDayPerProjectPerModel-FreeTier" and d.quota_metric == FREE_REQ
    assert d.http_code == 429 and d.status == "RESOURCE_EXHAUSTED" and d.backend == Backend.GEMINI_API
    assert d.headline.startswith("Requests per day exhausted") and "limit 100" in d.headline
    assert d.fixes and d.why
    assert any("free tier" in n for n in d.notes)
    assert "GenerateRequestsPerDayPerProjectPerModel-FreeTier" in d.evidence


def test_project_number_masked_is_null() -> None:
    d = primary(
        "429 Quota exceeded for quota metric 'Generate Content API requests per minute' and limit 'GenerateContent request limit per minute for a region' of service 'generativelanguage.googleapis.com' for consumer 'project_number:**********'."
    )
    assert d.kind == Kind.RPM and d.project_number is None


def test_repeats_are_counted_not_repeated() -> None:
    line = "Retrying x in 2.0 seconds as it raised ResourceExhausted: 429 Resource has been exhausted (e.g. check quota)..\n"
    diags = diagnose(line * 3, now=NOW)
    assert len(diags) == 1 and diags[0].count == 3
    assert diags[0].retry_after_s is None  # the client's backoff is not Google's hint


def test_body_as_structure_and_text_is_one_occurrence() -> None:
    text = "429 RESOURCE_EXHAUSTED. " + body("Resource has been exhausted (e.g. check quota).")
    diags = diagnose(text, now=NOW)
    assert len(diags) == 1 and diags[0].count == 1


def test_primary_is_most_restrictive_then_specific_then_last() -> None:
    overloaded = body("The model is overloaded. Please try again later.", code=503, status="UNAVAILABLE")
    bare = body("Resource has been exhausted (e.g. check quota).")
    rpm = body(
        NEW, quota_failure(violation("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", value="10"))
    )
    zero = body(NEW + f"\n* Quota exceeded for metric: {FREE_REQ}, limit: 0, model: gemini-2.5-pro")
    kinds = [d.kind for d in diagnose("\n".join([zero, overloaded, bare, rpm]), now=NOW)]
    assert kinds[0] == Kind.ZERO_QUOTA
    assert kinds.index(Kind.RPM) < kinds.index(Kind.UNSPECIFIED_429)
    # among equals, the last one in the paste first
    assert kinds.index(Kind.RPM) < kinds.index(Kind.OVERLOADED)


def test_dict_body_and_overrides() -> None:
    d = diagnose(
        {"error": {"message": "Resource has been exhausted (e.g. check quota)."}}, now=NOW, http_code=429
    )[0]
    assert d.kind == Kind.UNSPECIFIED_429 and d.http_code == 429 and d.status == "RESOURCE_EXHAUSTED"
    d = diagnose(
        [{"error": {"code": 503, "message": "The model is overloaded.", "status": "UNAVAILABLE"}}], now=NOW
    )[0]
    assert d.kind == Kind.OVERLOADED
    d = diagnose(
        {
            "code": 404,
            "message": "models/gemini-9 is not found for API version v1beta",
            "status": "NOT_FOUND",
        },
        now=NOW,
    )[0]
    assert d.kind == Kind.MODEL_NOT_FOUND and d.model == "gemini-9"
    d = diagnose({}, now=NOW, http_code=503)[0]
    assert d.kind == Kind.OVERLOADED


def test_classify_single_record() -> None:
    d = classify(GoogleError(http_code=504), now=NOW)
    assert d.kind == Kind.DEADLINE and d.status is None
    assert classify(GoogleError(), now=NOW).kind == Kind.UNRECOGNIZED


def test_backoff_kind_with_hint_gets_reset_at() -> None:
    text = body("The model is overloaded.", retry_info("12s"), code=503, status="UNAVAILABLE")
    d = primary(text)
    assert d.reset_at == NOW + timedelta(seconds=12) and d.reset_basis == "retry-hint"


def test_fix_kinds_have_no_reset() -> None:
    d = primary(body("API key not valid. Please pass a valid API key.", code=400, status="INVALID_ARGUMENT"))
    assert d.reset_at is None and d.reset_basis is None


# ---- a quota metric is never read out of a URL


def test_quota_metric_is_not_read_out_of_an_activation_url() -> None:
    corpus = Path(__file__).resolve().parents[1] / "fixtures" / "corpus-dev"
    text = (corpus / "044-api-core-permissiondenied-service-disabled-protobuf.txt").read_text(
        encoding="utf-8"
    )
    assert "console.developers.google.com/apis/api/generativelanguage.googleapis.com" in text
    d = primary(text)
    assert d.kind == Kind.API_DISABLED and d.quota_metric is None


@pytest.mark.parametrize(
    "url",
    [
        "https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=1",
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
        "POST https://aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google/models/x",
    ],
)
def test_no_url_yields_a_quota_metric(url: str) -> None:
    d = primary(f"{url}\n" + body("Resource has been exhausted (e.g. check quota)."))
    assert d.kind == Kind.UNSPECIFIED_429 and d.quota_metric is None


def test_a_metric_in_prose_is_still_read() -> None:
    d = primary(
        "429 Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model"
        " with base model: gemini-2.0-flash. Please submit a quota increase request."
    )
    assert d.quota_metric == (
        "aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model"
    )


# ---- string error codes (Interactions API)


def test_string_code_model_not_found() -> None:
    d = primary('{"error":{"code":"invalid_request","message":"Model gemini-9-ultra not found"}}')
    assert d.kind == Kind.MODEL_NOT_FOUND and d.retry == Retry.FIX and d.model == "gemini-9-ultra"
    assert d.evidence


@pytest.mark.parametrize(
    ("code", "message", "kind"),
    [
        ("invalid_request", "temperature must be between 0.0 and 2.0", Kind.BAD_REQUEST),
        ("not_found", "Interaction abc123 does not exist", Kind.MODEL_NOT_FOUND),
        ("rate_limit_exceeded", "Slow down", Kind.UNSPECIFIED_429),
        ("unavailable", "Try later", Kind.OVERLOADED),
        ("permission_denied", "No access", Kind.PERMISSION),
    ],
)
def test_string_codes_map_to_their_status(code: str, message: str, kind: Kind) -> None:
    d = primary(json.dumps({"error": {"code": code, "message": message}}))
    assert d.kind == kind
    assert f'"code": "{code}"' in d.evidence


def test_unknown_string_code_is_not_an_error() -> None:
    assert primary('{"error":{"code":"banana","message":"whatever"}}').kind == Kind.UNRECOGNIZED


# ---- a body's own wrapper text is the same occurrence

CAPACITY_BODY = (
    '{"error":{"code":503,"message":"No capacity available for model gemini-3-pro-image on the server",'
    '"status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",'
    '"reason":"MODEL_CAPACITY_EXHAUSTED","domain":"cloudcode-pa.googleapis.com",'
    '"metadata":{"model":"gemini-3-pro-image"}}]}}'
)


@pytest.mark.parametrize("sep", [" ", "\n"])
def test_wrapper_line_of_a_body_is_not_a_second_error(sep: str) -> None:
    diags = diagnose(f"Error: 503 Service Unavailable:{sep}{CAPACITY_BODY}", now=NOW)
    assert [d.kind for d in diags] == [Kind.CAPACITY]
    assert diags[0].count == 1 and diags[0].model == "gemini-3-pro-image"


def test_a_different_error_on_the_line_before_a_body_stays_separate() -> None:
    text = "2025-06-01 10:00:00 ERROR 503 Service Unavailable (model is overloaded)\n" + body(
        NEW, quota_failure(violation("GenerateRequestsPerDayPerProjectPerModel-FreeTier", value="20"))
    )
    kinds = sorted(str(d.kind) for d in diagnose(text, now=NOW))
    assert kinds == ["overloaded", "rpd"]


def test_grpc_details_and_debug_string_are_one_occurrence() -> None:
    text = (
        "grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n"
        "\tstatus = StatusCode.RESOURCE_EXHAUSTED\n"
        '\tdetails = "Resource has been exhausted (e.g. check quota)."\n'
        '\tdebug_error_string = "UNKNOWN:Error received from peer ipv4:142.250.74.74:443 '
        '{grpc_message:"Resource has been exhausted (e.g. check quota).", grpc_status:8}"\n>'
    )
    diags = diagnose(text, now=NOW)
    assert len(diags) == 1 and diags[0].kind == Kind.UNSPECIFIED_429 and diags[0].count == 1
    assert diagnose(text + "\n" + text, now=NOW)[0].count == 2


# ---- zero quota: a request-count quota is reported before a token quota


def test_zero_quota_prefers_a_request_quota_over_a_token_quota() -> None:
    tokens = "generativelanguage.googleapis.com/generate_content_free_tier_input_token_count"
    text = body(
        NEW,
        quota_failure(
            violation("GenerateContentInputTokensPerModelPerMinute-FreeTier", metric=tokens, value="0"),
            violation("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", value="0"),
            violation("GenerateRequestsPerDayPerProjectPerModel-FreeTier", value="0"),
        ),
    )
    d = primary(text)
    assert d.kind == Kind.ZERO_QUOTA and d.limit == 0
    assert d.quota_id == "GenerateRequestsPerMinutePerProjectPerModel-FreeTier" and d.quota_metric == FREE_REQ


def test_zero_quota_with_only_a_token_quota_reports_it() -> None:
    tokens = "generativelanguage.googleapis.com/generate_content_free_tier_input_token_count"
    text = body(
        NEW,
        quota_failure(
            violation("GenerateContentInputTokensPerModelPerMinute-FreeTier", metric=tokens, value="0"),
            violation("GenerateRequestsPerDayPerProjectPerModel-FreeTier", value="250"),
        ),
    )
    d = primary(text)
    assert d.kind == Kind.ZERO_QUOTA
    assert d.quota_id == "GenerateContentInputTokensPerModelPerMinute-FreeTier" and d.quota_metric == tokens


def test_vertex_online_prediction_quota_is_per_minute() -> None:
    text = (
        "RESOURCE_EXHAUSTED: Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model "
        "with base model: gemini-1.5-flash. Please submit a quota increase request."
    )
    d = diagnose(text, now=NOW)[0]
    assert (d.kind, d.retry, d.model, d.backend) == ("rpm", "backoff", "gemini-1.5-flash", "vertex-ai")


def test_zero_quota_reports_a_quota_id_matching_its_metric() -> None:
    # Real shape: limit-0 bullets name only metrics; the QuotaFailure ids carry no value.
    metric_tok = "generativelanguage.googleapis.com/generate_content_free_tier_input_token_count"
    metric_req = "generativelanguage.googleapis.com/generate_content_free_tier_requests"
    model = "gemini-2.5-flash-preview-image"
    bullets = "".join(
        f"\n* Quota exceeded for metric: {m}, limit: 0, model: {model}"
        for m in (metric_tok, metric_req, metric_req, metric_tok)
    )
    ids = [
        (metric_tok, "GenerateContentInputTokensPerModelPerMinute-FreeTier"),
        (metric_req, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"),
        (metric_req, "GenerateRequestsPerDayPerProjectPerModel-FreeTier"),
    ]
    body = {
        "error": {
            "code": 429,
            "status": "RESOURCE_EXHAUSTED",
            "message": "You exceeded your current quota." + bullets,
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                    "violations": [
                        {"quotaMetric": m, "quotaId": q, "quotaDimensions": {"model": model}} for m, q in ids
                    ],
                }
            ],
        }
    }
    d = diagnose(body, now=NOW)[0]
    assert d.kind == "zero-quota"
    assert d.quota_metric == metric_req
    assert d.quota_id is not None and d.quota_id.startswith("GenerateRequests")


@pytest.mark.parametrize(("limit", "kind"), [(100, Kind.RPM), (1000, Kind.RPD)])
def test_free_embedding_metric_is_shared_by_its_own_limits(limit: int, kind: Kind) -> None:
    # The embedding metric's own limits (100 a minute, 1,000 a day), not the generation metric's.
    metric = "generativelanguage.googleapis.com/embed_content_free_tier_requests"
    d = primary(body(NEW + f"\n* Quota exceeded for metric: {metric}, limit: {limit}"))
    assert d.kind == kind and d.tier == Tier.FREE
    assert any("inferred from the size of the limit" in a for a in d.assumptions)
