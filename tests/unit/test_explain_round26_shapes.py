"""Shapes found in round 26 of held-out sets (and in reference/gemini-2026.md while it was collected): each rule
is tested on variants and on a look-alike that must not change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # The Interactions API's error object: a word code in Google's envelope, whose message is a generic
        # time-out sentence (the message decides the status; the envelope's code says whose it is).
        (
            '{"error": {"code": "deadline_exceeded", "message": "Deadline expired before operation could complete."}}',
            Kind.DEADLINE,
        ),
        ('{"error": {"code": "deadline_exceeded", "message": "The request timed out."}}', Kind.DEADLINE),
        ('[{"error": {"code": "cancelled", "message": "The request timed out."}}]', Kind.DEADLINE),
    ],
)
def test_an_interactions_word_code_claims_a_generic_message(text: str, want: Kind) -> None:
    d = one(text)
    assert (d.kind, d.backend.value) == (want, "gemini-api")


@pytest.mark.parametrize(
    "text",
    [
        # Connect RPC's error object (no "error" envelope) and another API's envelope stay somebody else's.
        '{"code": "deadline_exceeded", "message": "context deadline exceeded"}',
        '{"error": {"code": "timeout", "message": "The request timed out.", "type": "server_error", "param": null}}',
    ],
)
def test_a_generic_time_out_outside_google_s_envelope_is_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_code_assist_s_ineligible_tiers_answer_is_google_s() -> None:
    # Code Assist's loadCodeAssist answer as a test writes it (its verification link on a test's own host).
    text = (
        "ineligibleTiers: [{ reasonMessage: 'User is not eligible', reasonCode: 'VALIDATION_REQUIRED', "
        "tierId: 'standard-tier', validationUrl: 'https://example.com/verify' }]"
    )
    d = one(text)
    assert (d.kind, d.backend.value) == (Kind.PERMISSION, "code-assist")
    # (… while the reason word alone beside another service's URL names that service.)
    other = "reasonCode: 'VALIDATION_REQUIRED', validationUrl: 'https://accounts.example-bank.io/verify'"
    assert kind(other) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        '{"error": {"message": "You exceeded your current quota.\\nPlease retry in 48.04s.", "details": []}}',
        "You exceeded your current quota. Please retry in 7.219402s.",
    ],
)
def test_the_gemini_api_s_float_retry_hint_is_google_s(text: str) -> None:
    assert kind(text) == "unspecified-429"


@pytest.mark.parametrize(
    "text",
    [
        # Other APIs' hints: whole seconds, "try again in", "retry after".
        "You exceeded your current quota. Please retry in 20 seconds.",
        "Rate limit reached. Please try again in 1.5s.",
        # The hint alone is no error.
        "Please retry in 23.5s",
    ],
)
def test_other_retry_hints_are_not_google_s(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_cloudcode_error_info_without_its_domain_is_code_assist() -> None:
    text = (
        '{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": ['
        '{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "metadata": {"model": "gemini-3-flash"}, '
        '"reason": "RATE_LIMIT_EXCEEDED"}, '
        '{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "0.4s"}]}}'
    )
    d = one(text)
    assert (d.kind, d.backend.value, d.model) == (Kind.RPM, "code-assist", "gemini-3-flash")
    # Service Control's quota ErrorInfo (metric and limit, no model) is not Code Assist's.
    cloud = text.replace(
        '"metadata": {"model": "gemini-3-flash"}', '"metadata": {"quota_metric": "x", "quota_limit": "y"}'
    )
    assert one(cloud).backend.value != "code-assist"


@pytest.mark.parametrize(
    "text",
    [
        "ERROR | open_webui.routers.openai:generate_chat_completion:755 - 400, message='Bad Request', "
        "url='https://generativelanguage.googleapis.co",
        "ClientResponseError: 404, message='Not Found', url='https://us-central1-aiplatform.googleapis.c",
    ],
)
def test_a_google_api_host_cut_at_the_end_is_still_google_s(text: str) -> None:
    assert kind(text) in ("bad-request", "model-not-found")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "错误名称: AI_APICallError\n状态码: 400\n请求路径: https://relay.example/v1beta/models/gemini-2.5-pro:streamGenerateContent",
            "bad-request",
        ),
        ("HTTP エラー\nステータスコード: 429\nモデル: gemini-2.5-flash", "unspecified-429"),
        ("요청 실패 (상태 코드: 503) gemini-3-flash", "overloaded"),
        # … a status code of another provider's model stays theirs.
        ("错误名称: AI_APICallError\n状态码: 429\n模型: gpt-4o", "unrecognized"),
    ],
)
def test_the_status_code_label_in_cjk(text: str, want: str) -> None:
    assert kind(text) == want


_SORRY = (
    "<html><head><title>Sorry...</title></head><body><h1>We're sorry...</h1><p>... but your computer or network "
    "may be sending automated queries. To protect our users, we can't process your request right now.</p>"
    'See <a href="https://support.google.com/websearch/answer/86640">Google Help</a></body></html>'
)


def test_google_s_automated_queries_page_on_an_api_call_is_a_429() -> None:
    d = one("Failed to sign in. Message: " + _SORRY)
    assert d.kind == Kind.UNSPECIFIED_429
    assert any("automated queries" in note for note in d.notes)


def test_google_search_s_block_stays_unrecognized() -> None:
    text = (
        "google search error: 429 Client Error: Too Many Requests for url: "
        "https://www.google.com/sorry/index?continue=https://www.google.com/search%3Fq%3Dnews"
    )
    assert kind(text) == "unrecognized"


def test_a_claude_error_in_google_s_envelope_from_vertex_is_google_s() -> None:
    inner = (
        '{\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"invalid_request_error\\",\\"message\\":'
        '\\"tools.0.custom.input_schema: Field required\\"},\\"request_id\\":\\"req_vrtx_011CXNFJ1Gf\\"}'
    )
    text = '{"error": {"code": 400, "message": "' + inner + '", "status": "INVALID_ARGUMENT"}}'
    assert kind(text) == "bad-request"
    # Anthropic's own error with Vertex's request id but no Google envelope is not read as Google's.
    bare = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_vrtx_011CX"}'
    assert kind(bare) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        # RFC 7807 problem details (NVIDIA NIM behind a proxy).
        'Upstream provider NIM returned HTTP 429.\nUpstream error:\n{"status":429,"title":"Too Many Requests"}',
        '{"type": "about:blank", "title": "Service Unavailable", "status": 503, "detail": "busy"}',
        # OpenAI's 503 sentence, which compatible servers copy.
        "ServiceUnavailableError: Error code: 503 - The server is overloaded or not ready yet.",
    ],
)
def test_other_apis_envelopes_and_sentences_are_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"
