"""Shapes found in round 40 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind
from gemquota.core.parse.normalize import normalize


@pytest.mark.parametrize(
    ("text", "want", "code"),
    [
        ("Gemini API 429 too_many_requests: what it means and how to fix it", Kind.UNSPECIFIED_429, 429),
        ("Gemini API 500 api_error: An unexpected error occurred on the server.", Kind.INTERNAL, 500),
        ("[gemini] interactions.create failed: 402 payment_required", Kind.BILLING_LIMIT, 402),
        ("Google GenAI Interactions: 400 `invalid_request` Unknown field 'foo'.", Kind.BAD_REQUEST, 400),
    ],
)
def test_a_code_then_an_interactions_word_code_on_a_gemini_line_is_read(
    text: str, want: Kind, code: int
) -> None:
    d = one(text)
    assert (d.kind, d.http_code) == (want, code)


@pytest.mark.parametrize(
    "text",
    [
        # (Another API's word code on a line that names neither Gemini nor Google.)
        "Received error: c001_v0001029_t0037 is too busy (503 service_unavailable) - low level retry 1/10",
        # (A word that is an English word too, in prose.)
        "A 403 means no permission. This is different from 401 (authentication failed).",
    ],
)
def test_a_code_and_a_word_code_without_gemini_on_the_line_is_not_read(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_code_and_a_word_code_that_disagree_are_not_one_error() -> None:
    assert one("Gemini: 400 too_many_requests").http_code != 429


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("后台报错：假流式模式: API密钥 AIzaSy... 请求失败: 未知错误/模型不可用: 429", 429),
        ("Gemini 请求失败：503", 503),
        ("Gemini 呼び出しエラー: 429", 429),
        ("Gemini 요청 오류: 500", 500),
    ],
)
def test_a_code_after_an_error_word_and_a_colon_in_cjk_is_read(text: str, code: int) -> None:
    assert one(text).http_code == code


def test_a_cjk_error_word_before_a_number_that_is_no_code_reads_none() -> None:
    assert kind("Gemini 错误: 4291 条记录未处理") == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        "| What you see | HTTP 503 with `no available channels for model gemini-2.5-flash` |",
        '报错：503 {"error":{"message":"当前分组 default 下对于模型 gemini-2.5-pro 无可用渠道 (request id: 2025)","type":"one_api_error"}}',
        '{"error": {"message": "upstream failed", "type": "new_api_error"}, "status": 503}',
    ],
)
def test_a_relays_own_no_channel_refusal_is_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_googles_503_relayed_by_one_api_is_still_googles() -> None:
    text = (
        'one-api upstream: 503 {"error": {"code": 503, "message": "The model is overloaded. Please try again later.", '
        '"status": "UNAVAILABLE"}}'
    )
    assert kind(text) == Kind.OVERLOADED.value


@pytest.mark.parametrize(
    "enum",
    [
        "ProviderErrorCode.QUOTA_EXHAUSTED",
        "FailoverReason.RATE_LIMIT_EXCEEDED",
        "ErrorKind.QuotaExhausted.QUOTA_EXHAUSTED",
    ],
)
def test_an_apps_own_enum_member_is_no_reason_google_sent(enum: str) -> None:
    text = (
        'state = {"raise": _FakeGeminiError("429 RESOURCE_EXHAUSTED: Daily quota exceeded for generate_content '
        'requests per day")}\n'
        f"assert caught.value.provider_error_code == {enum}\n"
    )
    assert kind(text) == Kind.RPD.value


def test_googles_reason_after_a_key_or_errorreason_is_still_read() -> None:
    assert (
        one('429 {"reason": "QUOTA_EXHAUSTED", "domain": "cloudcode-pa.googleapis.com"}').kind
        != Kind.UNRECOGNIZED
    )
    assert "QUOTA_EXHAUSTED" in " ".join(
        one("429 ErrorReason.QUOTA_EXHAUSTED from cloudcode-pa.googleapis.com").evidence
    )


def test_a_metric_wrapped_right_after_the_hosts_slash_is_glued() -> None:
    text = (
        '    "Quota exceeded for metric: generativelanguage.googleapis.com/\n'
        "     generate_content_free_tier_requests, limit: 20, model: gemini-2.5-flash\n"
        '     Please retry in 42.364493284s."\n'
    )
    d = one(text)
    assert d.quota_metric == "generativelanguage.googleapis.com/generate_content_free_tier_requests"
    assert d.limit == 20


def test_a_url_ending_a_line_before_other_words_is_not_glued() -> None:
    text = "see https://generativelanguage.googleapis.com/\nrequests failed: 429 Too Many Requests"
    assert normalize(text) == text


def test_the_copilot_clis_api_error_class_is_not_googles() -> None:
    text = (
        'Custom agent "explore" encountered an error: Error: Failed to get response from the AI model; retried 5 times '
        "Last error: CAPIError: 429 Sorry, you've exceeded your rate limits."
    )
    assert kind(text) == "unrecognized"


def test_a_gemini_429_beside_the_word_capi_is_still_googles() -> None:
    text = "capi gateway: google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'status': 'RESOURCE_EXHAUSTED'}}"
    assert kind(text) == Kind.UNSPECIFIED_429.value


@pytest.mark.parametrize(
    "fallback",
    [
        "| Fallback model used | `gemini-2.5-flash` (via `-m gemini-2.5-flash`) |",
        "falling back: gemini -m gemini-2.5-flash -p review.md",
        "retried with --model gemini-2.5-flash and it worked",
    ],
)
def test_the_command_of_a_fallback_run_names_no_failing_model(fallback: str) -> None:
    text = (
        "| Primary model attempted | `gemini-3.1-pro-preview` |\n"
        "| Primary model outcome | **Failed** — RESOURCE_EXHAUSTED (HTTP 429, MODEL_CAPACITY_EXHAUSTED) |\n"
        f"{fallback}\n"
    )
    assert one(text).model == "gemini-3.1-pro-preview"


def test_the_command_that_failed_still_names_its_model() -> None:
    text = "$ gemini -m gemini-2.5-pro -p 'hi'\n429 RESOURCE_EXHAUSTED: MODEL_CAPACITY_EXHAUSTED\n"
    assert one(text).model == "gemini-2.5-pro"
