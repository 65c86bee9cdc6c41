"""Shapes found in round 24 of held-out sets (and in reference/gemini-2026.md while it was collected): each rule
is tested on variants and on a look-alike that must not change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    "text",
    [
        # The OpenAI-compatible endpoint's refusal of a key (list-wrapped, without "API key not valid.").
        '[{"error": {"code": 400, "message": "Please pass a valid API key", "status": "INVALID_ARGUMENT"}}]',
        'Error code: 400 - [{"error": {"code": 400, "message": "Please pass a valid API key"}}]',
    ],
)
def test_please_pass_a_valid_api_key_alone_is_a_key_refusal(text: str) -> None:
    assert kind(text) == "bad-key"


def test_please_pass_a_valid_api_key_needs_a_google_signal() -> None:
    assert (
        kind('{"error":{"message":"Please pass a valid API key","type":"invalid_request_error"}}')
        == "unrecognized"
    )


def test_agent_terminated_takes_the_code_the_post_tells() -> None:
    assert kind("Agent terminated due to error") == "unrecognized"
    text = (
        "Agent terminated due to error. The request returns a 429 error even though the UI shows quota left."
    )
    d = one(text)
    assert (d.kind, d.backend.value) == (Kind.UNSPECIFIED_429, "code-assist")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "ERROR - APIError in live flow: 1007 None. error when processing input audio, please check the format.",
            "bad-request",
        ),
        ("Downstream Error: 1011 None. Internal error encountered.; Error", "internal"),
        (
            "Connecting to wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha."
            "GenerativeService.BidiGenerateContent, Gemini closes the WebSocket with status **1007** and a reason.",
            "bad-request",
        ),
    ],
)
def test_live_close_codes_in_more_renderings(text: str, want: str) -> None:
    assert kind(text) == want


@pytest.mark.parametrize(
    "text",
    [
        # A close told as a status with nothing of Google's beside it is any WebSocket server's.
        "The websocket closed with status 1011",
        "socket closed: status 1008 policy violation",
        # A four-digit number after "status" in other senses is no close.
        "HTTP status 1011.5 ms",
    ],
)
def test_a_close_status_alone_is_nobodys(text: str) -> None:
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        "io.zeebe.gateway.cmd.BrokerErrorException: Received error from broker (RESOURCE_EXHAUSTED): Some brokers "
        "returned resource exhausted",
        "HTTP/1.1 402 Payment Required\nX-PAYMENT-RESPONSE: eyJzdWNjZXNzIjpmYWxzZX0=\n\n"
        '{"x402Version": 1, "error": "Payment failed: insufficient funds"}',
        'The Blockscout PRO API returns HTTP 402 with body {"error": "Out of credits"}.',
    ],
)
def test_other_services_status_names_and_402s_are_theirs(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_bare_status_name_and_a_bare_402_stay_googles() -> None:
    assert kind("Error: RESOURCE_EXHAUSTED") == "unspecified-429"
    assert kind("HTTP 402 Payment Required") == "billing-limit"


def test_a_model_not_found_told_in_chinese_beside_gemini() -> None:
    text = "Gemini 3 系列模型都只能通过 v1beta 调用，用 v1 就会提示找不到模型。"
    assert kind(text) == "model-not-found"
    # The same words about nothing of Google's are nobody's.
    assert kind("用 v1 就会提示找不到模型。") == "unrecognized"


def test_a_quota_told_exhausted_in_prose_beside_gemini() -> None:
    assert kind("With the Gemini API my quota is exhausted since this morning.") != "unrecognized"


def test_x_apis_credits_depleted_is_theirs() -> None:
    assert (
        kind("X API v2 returns HTTP 402 (CreditsDepleted) when the pay-per-use balance is empty.")
        == "unrecognized"
    )


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            "litellm.InternalServerError: VertexAIException - 400 INVALID_ARGUMENT for "
            "vertex_ai/qwen/qwen3-coder-480b-a35b-instruct-maas",
            "qwen3-coder-480b-a35b-instruct-maas",
        ),
        (
            'Agent("google-vertex:gpt-oss-120b-maas") -> google.genai.errors.ClientError: 400 INVALID_ARGUMENT.',
            "gpt-oss-120b-maas",
        ),
        (
            'Agent("google-gla:gemini-2.5-flash") -> google.genai.errors.ClientError: 400 INVALID_ARGUMENT.',
            "gemini-2.5-flash",
        ),
    ],
)
def test_the_model_of_a_vertex_maas_route_and_of_pydantic_ai_prefixes(text: str, model: str) -> None:
    assert one(text).model == model


def test_model_over_capacity_beside_gemini_cli() -> None:
    assert kind("gemini-cli: [ERROR] Model over capacity. Please try again later.") == "capacity"
    assert kind("[ERROR] Model over capacity. Please try again later.") == "unrecognized"


def test_a_status_named_in_parentheses_after_its_code_in_prose() -> None:
    text = (
        "The gateway classifies Gemini 500 (InternalServerError) and 503 (ServiceUnavailable) responses as rate "
        "limits. 429 TooManyRequests errors are the only ones that should."
    )
    assert kind(text) == "internal"


def test_the_github_api_by_name_is_theirs_beside_gemini_cli() -> None:
    text = (
        "The run-gemini-cli action's telemetry script calls the GitHub API unauthenticated and fails with HTTP 403 "
        "once the 60 requests per hour are used."
    )
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    ("text", "model"),
    [
        # The model the error came after switching to is the one in use (not advice).
        (
            "# Unexpected websocket close code 1007 after switching to gemini-2.5-flash-native-audio-preview-12-2025\n"
            "Since `gemini-2.5-flash-live-preview` (which worked fine prior) was withdrawn, I tried switching.\n"
            "APIError: 1007 None. Request contains an invalid argument.",
            "gemini-2.5-flash-native-audio-preview-12-2025",
        ),
        ("gemini-2.5-flash works fine, but gemini-2.5-pro returns 429 errors", "gemini-2.5-pro"),
        # Works only somewhere is no comparison.
        ("gemini-2.5-flash works only on v1beta; gemini-2.5-pro returns 429 errors", "gemini-2.5-flash"),
        # Advice stays advice.
        ("gemini-2.5-pro returns 429 errors. Switch to gemini-2.5-flash instead.", "gemini-2.5-pro"),
    ],
)
def test_the_model_that_failed_among_several_named(text: str, model: str) -> None:
    assert one(text).model == model


def test_copilots_own_refusal_of_a_gemini_request_is_copilots() -> None:
    text = (
        "gemini 3 pro\n\nSorry, your request failed. Please try again. Request id: 3e817bc8\n\n"
        'Reason: Request Failed: 400 {"error":{"message":"invalid request body","code":"invalid_request_body"}}'
    )
    assert kind(text) == "unrecognized"
    # Google's own body relayed by the same client stays Google's.
    google = text.replace(
        '{"error":{"message":"invalid request body","code":"invalid_request_body"}}',
        '{"error":{"code":400,"message":"Request contains an invalid argument.","status":"INVALID_ARGUMENT"}}',
    )
    assert kind(google) == "bad-request"


def test_a_gemma_model_retired_by_another_provider_is_theirs() -> None:
    text = "Groq decommissioned it: The model gemma-7b-it has been decommissioned and is no longer supported."
    assert kind(text) == "unrecognized"
    # Beside a Google signal the same words are Google's retirement.
    assert kind("404 NOT_FOUND: The model gemma-7b-it has been decommissioned.") == "model-not-found"
    # A Gemini model said retired stays Google's wording.
    assert kind("The gemini-1.0-pro model has been retired.") == "model-not-found"


@pytest.mark.parametrize(
    "text",
    [
        "createBaseten().embeddingModel() -> status: 404, code: 404, message: 'The model `x` does not exist.'",
        '{"model":"venice-nonexistent-rig-test"} -> status: 404 body: \'{"error":"Specified model not found"}\'',
    ],
)
def test_inference_hosts_by_name_are_theirs(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_coding_agents_commit_trailer_names_no_provider_of_the_error() -> None:
    commit = (
        "fix: retry when the API returns 429 Too Many Requests\n\n"
        "🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\n"
        "Co-Authored-By: Claude <noreply@anthropic.com>\n"
    )
    assert kind(commit) == "unspecified-429"
    # Anthropic named in the message itself still names the provider.
    assert kind(commit.replace("the API", "Anthropic's API")) == "unrecognized"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("fix: downgrade to gemini-1.5-flash due to zero free quota limits on 2.0-flash", "zero-quota"),
        ("gemini-2.5-pro has a free tier limit of 0 for my project", "zero-quota"),
        ("My Gemini API key was suspended yesterday without warning.", "permission"),
        ("Google flagged my Gemini API key as leaked and blocked it.", "leaked-key"),
        ("Gemini is not available in my country (Hong Kong).", "region"),
        ("The Generative Language API is not enabled for my project.", "api-disabled"),
        ("Hitting the daily request limit on Gemini after 20 requests.", "rpd"),
        ("With Gemini I keep exceeding the per-minute limit.", "rpm"),
    ],
)
def test_errors_told_in_words_beside_a_google_product(text: str, want: str) -> None:
    assert kind(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "My OpenAI API key was suspended yesterday without warning.",
        "Claude is not available in my country.",
        "Hitting the daily request limit on the Discord API after 20 requests.",
        # Another provider named beside Gemini's name in passing.
        "I moved from Gemini to OpenAI; now my OpenAI account was suspended.",
    ],
)
def test_the_same_words_without_google_are_nobodys(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_an_http_clients_arrow_log_of_a_request_and_its_status() -> None:
    line = (
        "19:49:35.595 [error] GET https://generativelanguage.googleapis.com/v1beta/corpora/c/permissions?key=X "
        "-> 401 (25.789 ms)"
    )
    assert kind(line) == "bad-key"
    # An arrow and a number without a request on the line is no status.
    assert kind("retry step 1 -> 429 (then 2)") == "unrecognized"


def test_a_code_then_api_error_in_a_quoted_line_beside_gemini() -> None:
    text = 'fix(gemini): every turn failed with an opaque\n`400 API error occurred: {"httpMeta":{}}`'
    assert kind(text) == "bad-request"


def test_a_violation_flattened_into_the_details() -> None:
    text = (
        "got status: 429. "
        '{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":['
        '{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaValue":"500"}],"retryDelay":"39s"}}'
    )
    d = one(text)
    assert (d.kind, d.limit) == (Kind.RPD, 500)


def test_googles_token_limit_sentence_without_its_last_word() -> None:
    body = '{"error":{"message":"Input token count exceeds the maximum number of tokens"}}'
    assert kind(body) == "bad-request"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "fix(relay): reconnect on Gemini 1011\n\nGemini's 1011 close code (internal error) dropped the call.",
            "internal",
        ),
        (
            "Surface Gemini Live `1007` context exhaustion errors as unrecoverable session errors.",
            "bad-request",
        ),
    ],
)
def test_a_live_close_code_told_in_prose_beside_gemini(text: str, want: str) -> None:
    assert kind(text) == want


def test_a_close_code_in_prose_without_google_is_nobodys() -> None:
    assert kind("The relay reconnects on a 1011 close code from the server.") == "unrecognized"


def test_a_404_of_another_resource_is_a_wrong_request_not_a_model() -> None:
    body = (
        '{"error": {"code": 404, "message": "Session projects/p/locations/us-central1/reasoningEngines/37/sessions/71 '
        'not found.", "status": "NOT_FOUND"}}'
    )
    assert kind(body) == "bad-request"
    # A model's 404 stays a model's.
    assert kind(
        body.replace(
            "Session projects/p/locations/us-central1/reasoningEngines/37/sessions/71", "models/gemini-9"
        )
    ) == ("model-not-found")


def test_a_missing_file_is_a_wrong_request_whatever_model_was_called() -> None:
    text = (
        "google.genai.errors.ClientError: 404 NOT_FOUND. POST https://generativelanguage.googleapis.com/v1beta/models/"
        'gemini-2.5-flash:generateContent {"error": {"code": 404, "message": "File files/abc123 was not found.", '
        '"status": "NOT_FOUND"}}'
    )
    d = one(text)
    assert (d.kind, d.model) == (Kind.BAD_REQUEST, "gemini-2.5-flash")


def test_a_model_id_that_begins_with_a_verb_is_still_read() -> None:
    body = (
        '{"error": {"code": 404, "message": "models/does-not-exist is not found for API version v1beta, or is not '
        'supported for embedContent.", "status": "NOT_FOUND"}}'
    )
    assert one(body).model == "does-not-exist"
    # The sentence's own verb is no id.
    assert (
        one('{"error": {"code": 404, "message": "Model does not exist.", "status": "NOT_FOUND"}}').model
        is None
    )
