# mypy: disable-error-code="no-untyped-call"
"""``gemquota.explain`` on real SDK exception objects (google-genai and google-api-core), built from real
Google bodies, and on their printed forms."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from google.api_core import exceptions as core_exc
from google.genai import errors as genai_errors
from hypothesis import given, settings
from hypothesis import strategies as st
from spec_contract import DIAGNOSIS_EXTRA_KEYS, DIAGNOSIS_KEYS

import gemquota
from gemquota import explain
from gemquota.core.diagnosis import Backend, Diagnosis, Kind, Retry, Tier

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RECORDED = FIXTURES / "recorded-google-bodies" / "gemini"
CORPUS = FIXTURES / "corpus-dev"
NOW = datetime(2026, 3, 8, 17, 30, tzinfo=UTC)  # 09:30 PDT; next Pacific midnight is 07:00Z on 03-09
NEXT_PT_MIDNIGHT = datetime(2026, 3, 9, 7, 0, tzinfo=UTC)

SPEC_KEYS = DIAGNOSIS_KEYS
EXTRA_KEYS = DIAGNOSIS_EXTRA_KEYS

_RATE = "https://ai.google.dev/gemini-api/docs/rate-limits"


def _quota_429(quota_id: str, metric: str, model: str, value: str | None, retry: str) -> dict[str, Any]:
    """The late-2025 Gemini 429 body (google-apis.md §11), one violation."""
    violation: dict[str, Any] = {
        "quotaMetric": metric,
        "quotaId": quota_id,
        "quotaDimensions": {"location": "global", "model": model},
    }
    if value is not None:
        violation["quotaValue"] = value
    limit = value if value is not None else "0"
    return {
        "error": {
            "code": 429,
            "status": "RESOURCE_EXHAUSTED",
            "message": (
                "You exceeded your current quota, please check your plan and billing details. For more "
                f"information on this error, head to: {_RATE}. To monitor your current usage, head to: "
                f"https://ai.dev/rate-limit. \n* Quota exceeded for metric: {metric}, limit: {limit}, "
                f"model: {model}\nPlease retry in {retry}."
            ),
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.Help",
                    "links": [{"description": "Learn more about Gemini API quotas", "url": _RATE}],
                },
                {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [violation]},
                {
                    "@type": "type.googleapis.com/google.rpc.RetryInfo",
                    "retryDelay": retry.split(".")[0] + "s",
                },
            ],
        }
    }


FREE_REQ = "generativelanguage.googleapis.com/generate_content_free_tier_requests"
RPD_BODY = _quota_429(
    "GenerateRequestsPerDayPerProjectPerModel-FreeTier", FREE_REQ, "gemini-2.5-flash", "250", "38.863719904s"
)
RPM_BODY = _quota_429(
    "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", FREE_REQ, "gemini-2.5-pro", "10", "38.1s"
)
ZERO_IMAGE_BODY = _quota_429(
    "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
    FREE_REQ,
    "gemini-2.5-flash-preview-image",
    None,
    "22.5s",
)
OVERLOADED_BODY = {
    "error": {
        "code": 503,
        "message": "The model is overloaded. Please try again later.",
        "status": "UNAVAILABLE",
    }
}
REGION_BODY = {
    "error": {
        "code": 400,
        "message": "User location is not supported for the API use.",
        "status": "FAILED_PRECONDITION",
    }
}


_json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=30,
)


def _recorded(name: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads((RECORDED / name).read_text())
    return body


def _response(code: int, body: Any, url: str) -> requests.Response:
    resp = requests.Response()
    resp.status_code = code
    resp._content = json.dumps(body).encode()
    resp.headers["Content-Type"] = "application/json"
    resp.url = url
    resp.request = requests.Request("POST", url).prepare()
    return resp


def _primary(found: list[Diagnosis]) -> Diagnosis:
    assert found, "explain() always returns at least one diagnosis"
    return found[0]


# --- plain inputs ---------------------------------------------------------------------------------


def test_public_names_are_exported() -> None:
    # ``gemquota.explain`` is the function, also after the module that defines it is imported.
    import gemquota.library as library

    assert set(gemquota.__all__) >= {"explain", "reset_time", "Diagnosis"}
    for fn in (gemquota.explain, explain, library.explain):
        assert callable(fn)
        assert fn(RPD_BODY, now=NOW)[0].kind == "rpd"
    assert gemquota.Diagnosis is Diagnosis


def test_text_dict_list_and_bytes_agree() -> None:
    as_text = explain(json.dumps(RPD_BODY), now=NOW)
    as_dict = explain(RPD_BODY, now=NOW)
    as_list = explain([RPD_BODY], now=NOW)
    as_bytes = explain(b"\xef\xbb\xbf" + json.dumps(RPD_BODY).encode(), now=NOW)
    for found in (as_text, as_dict, as_list, as_bytes):
        d = _primary(found)
        assert d.kind == "rpd" and d.kind is Kind.RPD
        assert d.retry == "wait-reset"
        assert d.model == "gemini-2.5-flash"
        assert d.limit == 250
        assert d.tier is Tier.FREE
        assert d.reset_at == NEXT_PT_MIDNIGHT


def test_to_json_has_exactly_the_spec_keys() -> None:
    d = _primary(explain(RPD_BODY, now=NOW, model="gemini-2.5-flash"))
    doc = d.to_json()
    assert set(doc) - EXTRA_KEYS == SPEC_KEYS
    assert doc["kind"] == "rpd" and doc["retry"] == "wait-reset"
    assert doc["reset_at"] == "2026-03-09T07:00:00Z"
    assert doc["requested_model"] == "gemini-2.5-flash"
    assert isinstance(doc["limit"], int) and isinstance(doc["retry_after_s"], float)
    assert doc["fixes"] and set(doc["fixes"][0]) == {"id", "title", "steps", "url"}
    json.dumps(doc)  # serialisable as is


def test_default_now_is_the_system_clock() -> None:
    before = datetime.now(UTC)
    d = _primary(explain(RPD_BODY))
    assert d.reset_at is not None
    assert before < d.reset_at <= before + timedelta(hours=25)


def test_naive_now_is_taken_as_utc() -> None:
    d = _primary(explain(RPD_BODY, now=NOW.replace(tzinfo=None)))
    assert d.reset_at == NEXT_PT_MIDNIGHT


@pytest.mark.parametrize("junk", ["", "hello", b"\xff\xfe\x00garbage", {"foo": 1}, [], 42, None])
def test_anything_without_a_google_error_is_unrecognized(junk: object) -> None:
    d = _primary(explain(junk, now=NOW))
    assert d.kind is Kind.UNRECOGNIZED and d.retry is None
    assert d.fixes, "even unrecognized input says how to capture the full error"


# --- google-genai ---------------------------------------------------------------------------------


def test_genai_client_error_rpd() -> None:
    exc = genai_errors.ClientError(429, copy.deepcopy(RPD_BODY), None)
    d = _primary(explain(exc, now=NOW))
    assert d.kind == "rpd" and d.retry is Retry.WAIT_RESET
    assert d.http_code == 429 and d.status == "RESOURCE_EXHAUSTED"
    assert d.model == "gemini-2.5-flash"
    assert d.retry_after_s == pytest.approx(38.863719904, abs=1.0)
    assert d.reset_at == NEXT_PT_MIDNIGHT
    assert d.backend is Backend.GEMINI_API


def test_genai_client_error_rpm_uses_the_retry_hint() -> None:
    exc = genai_errors.ClientError(429, copy.deepcopy(RPM_BODY), None)
    d = _primary(explain(exc, now=NOW))
    assert d.kind == "rpm" and d.retry == "backoff"
    assert d.limit == 10 and d.model == "gemini-2.5-pro"
    assert d.retry_after_s == pytest.approx(38.1, abs=0.2)
    assert d.reset_at is not None and NOW < d.reset_at <= NOW + timedelta(seconds=60)


def test_genai_zero_quota_image_model_counted_elsewhere() -> None:
    exc = genai_errors.ClientError(429, copy.deepcopy(ZERO_IMAGE_BODY), None)
    d = _primary(explain(exc, model="gemini-2.5-flash-image", now=NOW))
    assert d.kind == "zero-quota" and d.retry == "fix"
    assert d.model == "gemini-2.5-flash-preview-image"
    assert d.requested_model == "gemini-2.5-flash-image"
    assert d.fixes[0].id == "image-price-per-image"


def test_genai_server_error_503() -> None:
    exc = genai_errors.ServerError(503, copy.deepcopy(OVERLOADED_BODY), None)
    d = _primary(explain(exc, now=NOW))
    assert d.kind == "overloaded" and d.http_code == 503 and d.status == "UNAVAILABLE"


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [
        ("06-error-403-service-disabled-generativelanguage.json", 403, Kind.API_DISABLED),
        ("07-error-400-api-key-invalid.json", 400, Kind.BAD_KEY),
        ("08-error-404-model-not-found-v1.json", 404, Kind.MODEL_NOT_FOUND),
    ],
)
def test_genai_client_error_from_recorded_bodies(name: str, code: int, kind: Kind) -> None:
    exc = genai_errors.ClientError(code, _recorded(name), None)
    found = explain(exc, now=NOW)
    assert _primary(found).kind is kind
    assert _primary(explain(str(exc), now=NOW)).kind is kind


def test_genai_list_wrapped_body_and_request_url_model() -> None:
    # The OpenAI-compatible endpoint and Code Assist wrap the body in a list; google-genai unwraps one.
    url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent"
    exc = genai_errors.ClientError(429, [copy.deepcopy(RPM_BODY)], _response(429, [RPM_BODY], url))
    d = _primary(explain(exc, now=NOW))
    assert d.kind == "rpm"
    assert d.requested_model == "gemini-2.5-pro"


def test_genai_error_with_details_none_or_odd() -> None:
    exc = genai_errors.ServerError(503, OVERLOADED_BODY, None)
    exc.details = None  # tolerated: rebuilt from code / status / message
    assert _primary(explain(exc, now=NOW)).kind == "overloaded"
    # A non-JSON response body: google-genai stores the text and the reason phrase.
    odd = genai_errors.ClientError(
        429, {"message": "Resource has been exhausted (e.g. check quota).", "status": "Too Many Requests"}
    )
    d = _primary(explain(odd, now=NOW))
    assert d.kind == "unspecified-429" and d.http_code == 429
    assert d.status != "Too Many Requests"


@pytest.mark.parametrize(
    "body",
    [RPD_BODY, RPM_BODY, ZERO_IMAGE_BODY, OVERLOADED_BODY, REGION_BODY],
    ids=["rpd", "rpm", "zero", "503", "region"],
)
def test_genai_printed_form_gives_the_same_kind(body: dict[str, Any]) -> None:
    code = body["error"]["code"]
    cls = genai_errors.ServerError if code >= 500 else genai_errors.ClientError
    exc = cls(code, copy.deepcopy(body), None)
    structured = _primary(explain(exc, now=NOW))
    printed = _primary(explain(str(exc), now=NOW))
    with_class = _primary(explain(f"google.genai.errors.{cls.__name__}: {exc}", now=NOW))
    assert structured.kind is printed.kind is with_class.kind
    assert structured.model == printed.model


def test_chained_genai_error_is_found_through_the_cause() -> None:
    inner = genai_errors.ClientError(429, copy.deepcopy(RPD_BODY), None)
    try:
        try:
            raise inner
        except genai_errors.ClientError as exc:
            raise RuntimeError("summarise failed") from exc
    except RuntimeError as outer:
        d = _primary(explain(outer, now=NOW))
    assert d.kind == "rpd"


# --- google-api-core ------------------------------------------------------------------------------


def test_api_core_from_http_response_rpd() -> None:
    url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"
    exc = core_exc.from_http_response(_response(429, RPD_BODY, url))
    assert isinstance(exc, core_exc.TooManyRequests)
    d = _primary(explain(exc, now=NOW))
    assert d.kind == "rpd" and d.http_code == 429
    assert d.model == "gemini-2.5-flash" and d.limit == 250
    assert d.reset_at == NEXT_PT_MIDNIGHT
    assert d.requested_model == "gemini-2.5-flash"
    assert _primary(explain(str(exc), now=NOW)).kind == "rpd"


def test_api_core_from_http_response_service_disabled() -> None:
    body = _recorded("06-error-403-service-disabled-generativelanguage.json")
    exc = core_exc.from_http_response(
        _response(403, body, "https://generativelanguage.googleapis.com/v1beta/models?pageSize=1")
    )
    assert isinstance(exc, core_exc.Forbidden) and exc.reason == "SERVICE_DISABLED"
    d = _primary(explain(exc, now=NOW))
    assert d.kind == "api-disabled"
    assert d.project_number == "12345678"
    assert _primary(explain(str(exc), now=NOW)).kind == "api-disabled"


def test_api_core_too_many_requests_with_details_list() -> None:
    body = RPM_BODY["error"]
    exc = core_exc.TooManyRequests(body["message"], details=copy.deepcopy(body["details"]))
    d = _primary(explain(exc, now=NOW))
    assert d.kind == "rpm" and d.http_code == 429 and d.limit == 10


def test_api_core_resource_exhausted_with_protobuf_details() -> None:
    # The gRPC transport gives protobuf messages, not dicts.
    from google.protobuf import duration_pb2
    from google.rpc import error_details_pb2

    failure = error_details_pb2.QuotaFailure(
        violations=[
            error_details_pb2.QuotaFailure.Violation(
                subject="project:123", description="GenerateRequestsPerDayPerProjectPerModel-FreeTier"
            )
        ]
    )
    info = error_details_pb2.ErrorInfo(
        reason="RATE_LIMIT_EXCEEDED",
        domain="googleapis.com",
        metadata={
            "quota_limit": "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
            "quota_metric": FREE_REQ,
            "quota_limit_value": "20",
            "consumer": "projects/123456789",
            "service": "generativelanguage.googleapis.com",
        },
    )
    retry = error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=8))
    exc = core_exc.ResourceExhausted(
        "You exceeded your current quota, please check your plan and billing details.",
        details=[failure, info, retry],
        error_info=info,
    )
    d = _primary(explain(exc, now=NOW))
    assert d.kind == "rpd", d
    assert d.limit == 20
    assert d.reset_at == NEXT_PT_MIDNIGHT
    assert d.http_code == 429 and d.status == "RESOURCE_EXHAUSTED"


def test_api_core_bare_resource_exhausted() -> None:
    exc = core_exc.ResourceExhausted("Resource has been exhausted (e.g. check quota).")
    d = _primary(explain(exc, now=NOW))
    assert d.kind == "unspecified-429" and d.retry == "backoff"
    assert (
        _primary(explain(f"google.api_core.exceptions.ResourceExhausted: {exc}", now=NOW)).kind
        == "unspecified-429"
    )


def test_api_core_permission_denied_leaked_key() -> None:
    exc = core_exc.PermissionDenied("Your API key was reported as leaked. Please use another API key.")
    assert _primary(explain(exc, now=NOW)).kind == "leaked-key"
    assert _primary(explain(str(exc), now=NOW)).kind == "leaked-key"


def test_api_core_failed_precondition_region() -> None:
    exc = core_exc.FailedPrecondition("User location is not supported for the API use.")
    d = _primary(explain(exc, now=NOW))
    assert d.kind == "region" and d.retry == "fix"
    assert (
        _primary(explain(f"google.api_core.exceptions.FailedPrecondition: {exc}", now=NOW)).kind == "region"
    )


def test_api_core_grpc_only_error_without_http_code() -> None:
    exc = core_exc.from_grpc_status(8, "Resource has been exhausted (e.g. check quota).")
    assert exc.code == 429 or exc.code is None
    assert _primary(explain(exc, now=NOW)).kind == "unspecified-429"


# --- other exceptions -----------------------------------------------------------------------------


def test_other_exception_text_is_read() -> None:
    exc = ValueError(f"upstream said: {json.dumps(REGION_BODY)}")
    assert _primary(explain(exc, now=NOW)).kind == "region"


def test_other_exception_with_an_http_response_body() -> None:
    url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"

    class HTTPStatusError(Exception):
        def __init__(self, response: requests.Response) -> None:
            super().__init__("Client error '429 Too Many Requests'")
            self.response = response

    d = _primary(explain(HTTPStatusError(_response(429, RPD_BODY, url)), now=NOW))
    assert d.kind == "rpd"


def test_corpus_paste_matches_labels_for_a_few_files() -> None:
    cases = {
        "105-void-js-genai-rpd-freetier-quotavalue25-exp.txt": Kind.RPD,
        "033-raw-json-503-overloaded.txt": Kind.OVERLOADED,
        "017-api-core-grpc-failedprecondition-region.txt": Kind.REGION,
    }
    for name, kind in cases.items():
        assert _primary(explain((CORPUS / name).read_bytes(), now=NOW)).kind is kind, name


# --- robustness of the library boundary -----------------------------------------------------------


def test_hostile_exceptions_do_not_break_explain() -> None:
    class BadStr(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no text for you")

    class BadResponse:
        status_code = 429

        @property
        def text(self) -> str:
            raise RuntimeError("stream not read")

    class WithBadResponse(Exception):
        response = BadResponse()

    looped = ValueError("first")
    second = KeyError("second")
    looped.__context__ = second
    second.__context__ = looped  # a cycle
    for exc in (BadStr(), WithBadResponse("429 Too Many Requests"), looped):
        assert explain(exc, now=NOW)


def test_genai_error_whose_attributes_are_odd() -> None:
    exc = genai_errors.ClientError(429, copy.deepcopy(RPD_BODY), None)
    exc.code = "429"  # type: ignore[assignment]
    exc.status = None
    assert _primary(explain(exc, now=NOW)).kind == "rpd"


@given(st.one_of(st.text(max_size=2000), st.binary(max_size=2000), _json_like))
@settings(max_examples=150, deadline=None)
def test_explain_is_total(x: object) -> None:
    found = explain(x, now=NOW)
    assert found and all(d.fixes for d in found)
    for d in found:
        json.dumps(d.to_json())
