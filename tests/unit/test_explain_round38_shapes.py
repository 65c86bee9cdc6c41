"""Shapes found in round 38 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    "text",
    [
        "google_search_retrieval is not supported. Please use google_search tool instead.",
        "❌ AI error: google_search_retrieval is not supported. Please use google_search field instead.",
        '{"error": {"message": "googleSearchRetrieval is not supported"}}',
    ],
)
def test_the_retired_search_tool_refused_is_a_bad_request(text: str) -> None:
    # Gemini's own words for the pre-2.0 search tool: Google's refusal of the request, no code needed.
    assert kind(text) == Kind.BAD_REQUEST.value


def test_another_tool_not_supported_is_nobodys() -> None:
    # A generic "X is not supported" of another tool is no Google wording.
    assert kind("web_search_preview is not supported. Please use web_search tool instead.") == "unrecognized"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Node gRPC's "<number> <STATUS>: …" quoted in backticks is gRPC's own rendering: no Google signal.
        (
            "A lot of users hit `8 RESOURCE_EXHAUSTED: Persistence Max QPS Reached for List Operations.`",
            "unrecognized",
        ),
        ("(14 UNAVAILABLE: No connection established)", "unrecognized"),
        # … Google's own words beside it still make it Google's.
        (
            "`8 RESOURCE_EXHAUSTED: Resource has been exhausted (e.g. check quota).`",
            Kind.UNSPECIFIED_429.value,
        ),
        # … and so does a Google client library named by its npm scope.
        (
            "`@google-cloud/aiplatform` version: ^2.3.0\nThe process paused and shows `4 DEADLINE_EXCEEDED: Deadline "
            "exceeded` on predictionServiceClient.predict(request)",
            Kind.DEADLINE.value,
        ),
    ],
)
def test_a_quoted_node_grpc_status_is_grpcs_own(text: str, expected: str) -> None:
    assert kind(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Role 'function' is not supported. Please use a valid role: MODEL, USER.",
        "Please use a valid role: user, model.",
    ],
)
def test_gemini_role_refusal_in_either_order(text: str) -> None:
    assert kind(text) == Kind.BAD_REQUEST.value


def test_another_apis_role_list_is_nobodys() -> None:
    assert kind("Please use a valid role: system, user, assistant.") == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        "Titles on Gemini 3.7 Flash can fail with `Thinking level MINIMAL is not supported` even when chat works.",
        'HTTP 400, "Thinking level THINKING_LEVEL_MINIMAL is not supported for this model."',
        '{"error":{"code":400,"message":"Unable to submit request because thinking_level MINIMAL is not supported by '
        'this model.","status":"INVALID_ARGUMENT"}}',
    ],
)
def test_a_thinking_level_refused_is_a_bad_request(text: str) -> None:
    assert kind(text) == Kind.BAD_REQUEST.value


@pytest.mark.parametrize(
    "text",
    ["Thinking level set to high.", "thinking level big is not supported, try /think:low"],
)
def test_an_apps_thinking_level_words_are_nobodys(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_an_apis_own_error_number_after_the_status_is_another_apis() -> None:
    # SiliconFlow's "HTTP 400 (Code 20015)": Google's errors carry no such number.
    assert (
        kind("failed to create chat stream completion: HTTP 400 (Code 20015): Field required")
        == "unrecognized"
    )
    # … without it, a bare 400 is read as SPEC §1.1's bare status.
    assert kind("failed to create chat stream completion: HTTP 400: Field required") == Kind.BAD_REQUEST.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '异常429({"cf_details":"Rate limit exceeded. Please wait an hour before trying again."} (code: 429))',
            "unrecognized",
        ),
        (
            '异常429({"message":"Rate limit exceeded. Please wait an hour before trying again."} (code: 429))',
            "unspecified-429",
        ),
        (
            "✕ [API Error: <5000202> InternalError.Algo.ModelServingError.ModelServingUnknownError: An error occurred "
            'in model serving. [{"status_code":503,"status_name":"ServiceUnavailable"}]]',
            "unrecognized",
        ),
        (
            "✕ [API Error: Arrearage: Access denied, please make sure your account is in good standing. (Status: 400)]",
            "unrecognized",
        ),
    ],
)
def test_cloudflares_and_alibabas_own_fields_name_them(text: str, expected: str) -> None:
    assert kind(text) == expected


def test_the_model_a_chinese_sentence_says_fails_is_the_one() -> None:
    text = (
        "可用模型里面包含了 gemini-3.5-flash-low，gemini-3.5-flash-high，只有 gemini-3.5-flash调用会报错：\n"
        "500 Internal error encountered."
    )
    assert one(text).model == "gemini-3.5-flash"


@pytest.mark.parametrize(
    "text",
    [
        "Resource projects/useful-core-f3b9a could not be found.",
        'All accounts exhausted. Last error: HTTP 404: {"error": {"code": 404, "message": "Resource projects/swift-core-1x '
        'could not be found.", "status": "NOT_FOUND", "details": [{"@type": "type.googleapis.com/google.rpc.ResourceInfo", '
        '"resourceName": "projects/swift-core-1x"}]}}',
    ],
)
def test_a_project_not_found_is_no_model_not_found(text: str) -> None:
    assert kind(text) == Kind.BAD_REQUEST.value


def test_a_publisher_model_path_not_found_stays_a_model() -> None:
    text = "404 Publisher Model projects/p1/locations/us-central1/publishers/google/models/gemini-9-pro was not found"
    assert kind(text) == Kind.MODEL_NOT_FOUND.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'request failed: Post "https://cloudcode-pa.googleapis.com/v1internal:streamGenerateContent?alt=sse": '
            'oauth2: "unauthorized_client" "Unauthorized"',
            Kind.BAD_KEY.value,  # Code Assist's sign-in: sign in again
        ),
        (
            'Post "https://generativelanguage.googleapis.com/v1beta/models/gemini-3.8-flash:generateContent": oauth2: '
            '"unauthorized_client" "Unauthorized"',
            Kind.AUTH_METHOD.value,
        ),
        ('oauth2: "unauthorized_client" "Unauthorized"', "unrecognized"),
    ],
)
def test_an_oauth_client_refused_for_the_grant(text: str, expected: str) -> None:
    assert kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Crew used Antigravity agy 1.1.27 with model gemini-3.8-flash-high. Its result was status ERROR, error "
            '"timeout waiting for response".',
            Kind.DEADLINE.value,
        ),
        ('worker 3: error "timeout waiting for response"', "unrecognized"),
        (
            "Antigravity CLI exited (code 1)\nError: model gemini-3.6-flash-high is not recognized as a known model or "
            "custom model in settings",
            Kind.MODEL_NOT_FOUND.value,
        ),
        ("Error: model foo-7b is not recognized as a known model", "unrecognized"),
    ],
)
def test_a_clis_own_words_beside_a_google_signal(text: str, expected: str) -> None:
    assert kind(text) == expected


def test_an_error_event_of_a_stream_is_no_http_200() -> None:
    text = (
        "// A refused request arrives as an error event with HTTP 200.\n"
        'event: error\ndata: {"error": {"message": "Rate limit exceeded for model gemini-3.1-flash-tts (limit: 10 '
        'requests per day on Free Tier).", "code": "rate_limit_exceeded"}, "event_type": "error"}'
    )
    got = one(text)
    assert (str(got.kind), got.model) == (Kind.RPD.value, "gemini-3.1-flash-tts")
    assert got.http_code != 200


def test_a_status_200_without_a_stream_stays_unclaimed() -> None:
    # No error event: a 200 beside generic words is nobody's error.
    assert kind("HTTP 200 OK, but the model gemini-3.1-flash-tts said: rate limit exceeded") == "unrecognized"


def test_of_several_interactions_limits_the_daily_one_decides() -> None:
    text = (
        'holdMs("limit: 15 requests per minute on Free Tier")\n'
        'holdMs("Rate limit exceeded for model gemini-3.5-flash-lite (limit: 500 requests per day on Free Tier). '
        'Please retry in 32s or upgrade your tier")'
    )
    assert kind(text) == Kind.RPD.value


@pytest.mark.parametrize(
    "text",
    [
        "updating gh page info\ngh: Resource not accessible by integration (HTTP 403)",
        " ERR_PNPM_FETCH_503  GET https://mirror.example/npm/prisma: Service Unavailable - 503",
        "npm error code E404\nnpm error 404  The requested resource '@google/generative-ai-cli@*' could not be found or "
        "you do not have permission to access it.",
    ],
)
def test_github_and_package_managers_by_their_own_words(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_the_js_sdk_by_its_package_name_is_still_google() -> None:
    text = "import { GoogleGenerativeAI } from '@google/generative-ai';\n[500 Internal Server Error] fetch failed"
    assert kind(text) == Kind.INTERNAL.value


def test_a_body_cut_in_a_string_ends_before_a_blank_line() -> None:
    # A report row's body cut mid-message, then the next row: the next row's model is not the error's.
    text = (
        '**Gemini 2.5 Pro (GA)** — error 1405ms · `{"error":{"code":503,"message":"This model is currently '
        "experiencing high demand. Spikes in demand a`\n\n**Gemini 2.5 Flash (GA)** — PASS 3474ms"
    )
    got = one(text)
    assert (str(got.kind), got.model) == (Kind.OVERLOADED.value, "gemini-2.5-pro")


def test_a_hard_wrapped_string_still_runs_over_one_line_break() -> None:
    text = '{"error": {"code": 404, "message": "models/gemini-9-pro is not found for API version v1beta, or is\nnot sup'
    assert one(text).model == "gemini-9-pro"


def test_a_relays_mode_in_another_script_leads_to_the_model() -> None:
    text = (
        "### 调用的是哪个模型\n\n流式抗截断/gemini-3.1-pro-high\n\n### 具体报错内容\n\n"
        '[ERROR] status=500, 响应: {"error": {"code": 500, "message": "Internal error encountered.", "status": "INTERNAL"}}'
    )
    assert one(text).model == "gemini-3.1-pro-high"


def test_a_path_segment_before_the_id_is_still_no_route() -> None:
    # A file's path ("docs/gemini-9-pro.md") names no model the error is about.
    text = 'see docs/gemini-9-pro.md\n{"error": {"code": 500, "message": "Internal error encountered.", "status": "INTERNAL"}}'
    assert one(text).model is None


def test_imagens_safety_filter_refusal_is_a_bad_request() -> None:
    text = (
        '**Error**: "The prompt could not be submitted. Your current safety filter threshold prohibited one or more '
        'words in this prompt."'
    )
    assert kind(text) == Kind.BAD_REQUEST.value
    assert kind('**Error**: "The prompt could not be submitted."') == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        'Trigger: hours of Gemini 503 "high demand" turned every chat into an error.',
        "Gemini kept answering 503 (high demand).",
    ],
)
def test_a_503_told_with_its_cause_in_quotes_is_overloaded(text: str) -> None:
    assert kind(text) == Kind.OVERLOADED.value


def test_a_503_with_high_demand_elsewhere_stays_nobodys() -> None:
    assert kind('Our shop saw 503 "high demand" pages on Black Friday.') == "unrecognized"


def test_the_model_the_error_line_names_after_the_code_is_the_one() -> None:
    text = (
        "fix(ai): point fastModelId default at gemini-2.5-flash (1.5-flash 404s)\n\nLive testing returned:\n\n"
        "  GoogleGenerativeAI Error: [404 Not Found] model gemini-1.5-flash\n"
    )
    assert one(text).model == "gemini-1.5-flash"


@pytest.mark.parametrize(
    "text",
    [
        "Getting RateLimitError: Error code: 429 - {'message': 'you used $2.0003, exceeding 2'}. I cannot send requests "
        "to https://aiproxy.example.dev/openai/v1 .",
        'message: Internal error: {"message": "API error (status 402 Payment Required): Grok Build usage balance '
        'exhausted", "http_status": 402}',
        "بلاغ من استخدام حقيقي: `HTTP 429 … Limit 12000, Used 7739, Requested 4539`.",
    ],
)
def test_other_providers_by_their_host_product_and_counts(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_requests_sent_to_googles_host_stay_google() -> None:
    text = "I cannot send requests to https://generativelanguage.googleapis.com/v1beta: 429 Too Many Requests"
    assert kind(text) == Kind.UNSPECIFIED_429.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vertex AI Reasoning Engine deployment fails: `Failed to update Agent Engine: {'code': 13, 'message': "
            "'Please refer to our troubleshooting pages...'}`",
            Kind.INTERNAL.value,
        ),
        (
            '{"error": {"code": 4, "message": "Deadline expired before operation could complete."}}',
            Kind.DEADLINE.value,
        ),
        # A small code of another API with nothing of Google's beside it stays nobody's.
        ("{'code': 3, 'message': 'invalid page token'}", "unrecognized"),
    ],
)
def test_a_bare_status_with_a_grpc_code(text: str, expected: str) -> None:
    assert kind(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "If you encounter errors similar to `Error code: 403 - {'message': \"You don't\n    have access to the model with "
        'the specified model ID."}`, make sure your region is right',
        'Scaleway answers its rate limits with:\n    HTTP/2 429\n    {"status":429,"error":"INSUFFICIENT QUOTA",\n'
        '     "message":"You exceeded your current limit of concurrent requests."}',
    ],
)
def test_bedrocks_model_access_and_scaleway_name_them(text: str) -> None:
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    ("text", "expected", "after"),
    [
        # A scheduler's own summary: the reset it states decides the window (hours: a plan allowance).
        (
            '{"status": "failed", "error": "Gemini quota exhausted. Resets in 13h52m"}',
            Kind.PLAN_QUOTA,
            49_920.0,
        ),
        ("Gemini quota exhausted. Resets in 21s", Kind.RPM, 21.0),
    ],
)
def test_a_quota_told_in_words_with_its_reset(text: str, expected: Kind, after: float) -> None:
    got = one(text)
    assert (str(got.kind), got.retry_after_s) == (expected.value, after)


def test_a_reset_without_a_quota_is_nobodys() -> None:
    assert kind("Our scheduler: job failed. Resets in 13h52m") == "unrecognized"


def test_a_display_name_half_written_as_an_id_names_the_model() -> None:
    text = (
        "Error: You exceeded your current quota, please check your plan and billing details\n"
        "Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 200\n"
        "The free tier allows only **200 requests per day** for Gemini 2.0-flash model."
    )
    assert one(text).model == "gemini-2.0-flash"


def test_a_family_of_half_written_names_is_still_no_model() -> None:
    text = "429 Too Many Requests on all Gemini 2.5-flash models"
    assert one(text).model is None


def test_the_model_an_alias_resolves_to_is_the_one() -> None:
    text = (
        "fix: switch default chat model to gemini-flash-lite-latest\n\ngemini-flash-latest resolves to gemini-3.6-flash "
        "on this account, whose free tier is capped at 20 requests/day (GenerateRequestsPerDayPerProjectPerModel-FreeTier)"
    )
    assert one(text).model == "gemini-3.6-flash"


def test_a_model_switched_to_is_still_not_the_failing_one() -> None:
    # "moved from X to Y" is no alias: the earlier rules decide.
    text = "gemini-2.5-flash: 404 no longer available to new users. We moved to gemini-3.6-flash."
    assert one(text).model == "gemini-2.5-flash"
