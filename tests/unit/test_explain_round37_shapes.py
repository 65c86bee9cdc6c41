"""Shapes found in round 37 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A browser client's close event logged as JSON: the 1011 is read, its reason decides.
        (
            '{"type":"goAway","data":{"timeLeft":"50s"}}\n{"type":"session.closed","data":{"code":1011,'
            '"reason":"Deadline expired before operation could complete.","type":"close","wasClean":true}}',
            Kind.DEADLINE,
        ),
        (
            "Gemini Live session closed: {'code': 1008, 'reason': 'models/gemini-live-9-flash is not found for API "
            "version v1beta, or is not supported for bidiGenerateContent.'}",
            Kind.MODEL_NOT_FOUND,
        ),
        ('Gemini Live: {"code": 1007, "reason": "Request contains an invalid argument."}', Kind.BAD_REQUEST),
    ],
)
def test_a_live_close_code_as_a_json_key_is_read(text: str, expected: Kind) -> None:
    assert kind(text) == expected.value


def test_an_app_error_code_of_four_digits_is_no_close_code() -> None:
    # Another number in a "code" key: no Live close code, nothing Google's.
    assert kind('{"code": 1012, "reason": "Service restart"}') == "unrecognized"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "gemini_live exception: received 1011 (internal error) Request trace id: a7393b0b090c3a69, [ORIGINAL "
            "ERROR] generic::resource_exhausted: com.google.cloud.privacy.dlp.common.excep",
            Kind.UNSPECIFIED_429,
        ),
        (
            "Gemini Live exception: received 1011 (internal error) Request trace id: 6efe366d692c029f, [ORIGINAL "
            "ERROR] throttling::THROTTLED_CLIENT: Request throttled at the client by Adapt",
            Kind.UNSPECIFIED_429,
        ),
        (
            "Gemini Live: received 1011 (internal error) Request trace id: 1f2e, [ORIGINAL ERROR] "
            "generic::deadline_exceeded: Deadline exceeded",
            Kind.DEADLINE,
        ),
        # Google's internal status of another kind leaves the close code's own meaning.
        (
            "Gemini Live: received 1011 (internal error) Request trace id: 1f2e, [ORIGINAL ERROR] generic::internal: "
            "Internal error encountered.",
            Kind.INTERNAL,
        ),
    ],
)
def test_google_s_internal_status_in_a_close_reason_decides(text: str, expected: Kind) -> None:
    assert kind(text) == expected.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- `Vertex_ai_betaException BadRequestError ... CachedContent can not be used with GenerateContent "
            "request setting system_instruction, tools or tool_config`",
            Kind.BAD_REQUEST,
        ),
        (
            "litellm.APIError: GeminiException RateLimitError - Resource has been exhausted",
            Kind.UNSPECIFIED_429,
        ),
        ("VertexAIException NotFoundError - Publisher model was not found", Kind.MODEL_NOT_FOUND),
        ("Vertex_ai_betaException InternalServerError - something went wrong", Kind.INTERNAL),
    ],
)
def test_litellm_s_google_exception_and_its_class_give_the_status(text: str, expected: Kind) -> None:
    assert kind(text) == expected.value


def test_a_code_in_the_message_wins_over_the_class() -> None:
    text = (
        'litellm.BadRequestError: VertexAIException BadRequestError - {"error": {"code": 429, "message": '
        '"Resource exhausted. Please try again later.", "status": "RESOURCE_EXHAUSTED"}}'
    )
    assert kind(text) != "bad-request"


def test_another_provider_s_exception_and_class_stay_theirs() -> None:
    assert (
        kind("litellm.RateLimitError: AnthropicException RateLimitError - rate_limit_error") == "unrecognized"
    )


@pytest.mark.parametrize(
    "text",
    [
        # A batch line whose Google body is nested in a string and the outer object cut before it closes.
        '{"status":"Internal error occurred. Failed to get generateContentResponse: {\\"error\\": {\\"code\\": 404, '
        '\\"message\\": \\"Not found: cached content metadata for 3814716010150232064.\\", \\"status\\": '
        '\\"NOT_FOUND\\"}}"\n```',
        '{"error": {"code": 404, "message": "Not found: file abc123.", "status": "NOT_FOUND"}}',
    ],
)
def test_another_resource_named_in_words_after_not_found_is_a_bad_request(text: str) -> None:
    assert kind(text) == "bad-request"


def test_a_model_not_found_keeps_its_kind() -> None:
    text = '{"error": {"code": 404, "message": "Not found: models/gemini-9-pro.", "status": "NOT_FOUND"}}'
    assert kind(text) == "model-not-found"


def test_a_body_cut_before_its_close_and_followed_by_words_is_read() -> None:
    text = (
        '{"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED", '
        '"details": [{"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"quotaId": '
        '"GenerateRequestsPerDayPerProjectPerModel-FreeTier", "quotaValue": "20"}]}]\nthen the log ends here'
    )
    assert kind(text) == "rpd"


@pytest.mark.parametrize(
    "text",
    [
        "── Hermes error details ──\nlayer: provider\ncode: rate_limit\nprovider: nous\nmodel: step/step-3:free\n"
        "error: HTTP 429: Hold up for a bit, you've exceeded the rate limit on your API key.",
        '{"provider": "lobehub", "status": 429, "message": "Too many requests"}',
        "provider=acme-llm status=503 message=upstream overloaded",
    ],
)
def test_an_agent_s_provider_field_naming_another_provider(text: str) -> None:
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("provider: gemini\nerror: HTTP 429: Too Many Requests", Kind.UNSPECIFIED_429),
        # A gateway or an OpenAI-compatible client carries Google's calls too.
        ("provider: openai-compatible\nerror: HTTP 429 Too Many Requests", Kind.UNSPECIFIED_429),
        ("provider: litellm\nerror: HTTP 429 Too Many Requests", Kind.UNSPECIFIED_429),
        ('{"provider": "google-ai-studio", "status": 503, "message": "overloaded"}', Kind.OVERLOADED),
        # Prose is no field: "provider: an …".
        ("Error from provider: an upstream error, HTTP 503 Service Unavailable", Kind.OVERLOADED),
        # Google's body wins over any provider field.
        (
            'provider: openrouter\n{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).",'
            '"status":"RESOURCE_EXHAUSTED"}}',
            Kind.UNSPECIFIED_429,
        ),
    ],
)
def test_a_google_provider_field_or_prose_is_not_another_provider(text: str, expected: Kind) -> None:
    assert one(text).kind == expected


@pytest.mark.parametrize(
    "text",
    [
        "Error: You're restricted from using Gemini Code Assist for individuals in your organization. For more "
        "information, contact your administrator.\n    at Gaxios._request (gaxios/build/src/gaxios.js:142:23)",
        "[API Error: You are restricted from using Antigravity in your organization.]",
    ],
)
def test_an_organization_s_restriction_of_code_assist_is_permission(text: str) -> None:
    assert kind(text) == "permission"


def test_a_restriction_of_another_product_is_not_claimed() -> None:
    assert kind("You're restricted from using Copilot in your organization. Contact your administrator.") == (
        "unrecognized"
    )


@pytest.mark.parametrize(
    "text",
    [
        '**Error**: `504 Gateway Timeout` after 25 seconds\n**Log**: "Your function was stopped as it did not return '
        'an initial response within 25s"\nGemini was taking longer than 25 seconds to start streaming.',
        "Vercel's Hobby plan limit: 504 Gateway Timeout while waiting for Gemini.",
        "You're hitting MediaStack's rate limits (429 Too Many Requests).",
        "Alpha Vantage: 429 Too Many Requests (25 requests per day on the free key)",
        "Invalid Stripe Secret Key. Error: `Invalid API Key provided` Status: 401 Unauthorized",
    ],
)
def test_platforms_and_data_apis_by_name_are_not_google_s(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_google_body_on_vercel_is_still_google_s() -> None:
    text = (
        "Vercel's Hobby plan app log: "
        '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}'
    )
    assert kind(text) == "unspecified-429"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('### 1. Erro 400: "Multipart body does not contain 2 or 3 parts"', Kind.BAD_REQUEST),
        ("Errore 429: Too Many Requests", Kind.UNSPECIFIED_429),
        ("Fehler 503: Service Unavailable", Kind.OVERLOADED),
        ("Erreur 404: models/gemini-9-pro is not found", Kind.MODEL_NOT_FOUND),
    ],
)
def test_the_word_error_in_other_languages_leads_a_code(text: str, expected: Kind) -> None:
    assert one(text).kind == expected


@pytest.mark.parametrize(
    "text",
    [
        "The erroneous 400: nothing",
        "Fehlerhaft 429 mal",
        "J'ai testé l'api avec open AI et je me suis pris une erreur 429",
    ],
)
def test_look_alikes_of_the_word_error_or_openai_in_two_words_are_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_open_ai_studio_is_not_openai() -> None:
    assert kind("Error 429: open AI Studio and check your quota") == "unspecified-429"


@pytest.mark.parametrize(
    "text",
    [
        '{"error":{"message":"No endpoints found for poolside/laguna-m.1.","code":404}}',
        'API request failed: Status: 404 Body: {"error":{"message":"No endpoints found that support image input"}}',
    ],
)
def test_a_router_s_own_no_endpoints_404_is_not_google_s(text: str) -> None:
    assert kind(text) == "unrecognized"
