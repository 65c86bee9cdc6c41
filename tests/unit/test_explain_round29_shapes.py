"""Shapes found in round 29 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    "text",
    [
        # Gemini's OpenAI-compatible endpoint, list-wrapped, when the key is not sent as a Bearer token.
        'HTTP 400: [{ "error": { "code": 400,\n  "message": "Missing or invalid Authorization header.",\n'
        '  "status": "INVALID_ARGUMENT" } } ]',
        'Request Failed: 400 [{"error": {"code": 400, "message": "Invalid Authorization header.", '
        '"status": "INVALID_ARGUMENT"}}]',
        # (… and as a 401 through a relay that keeps Google's status.)
        "openai.AuthenticationError: Error code: 401 - [{'error': {'code': 401, 'message': 'Missing or invalid "
        "Authorization header.', 'status': 'UNAUTHENTICATED'}}] (base_url=generativelanguage.googleapis.com/v1beta/openai/)",
    ],
)
def test_the_compat_endpoint_s_authorization_header_refusal_is_auth_method(text: str) -> None:
    d = one(text)
    assert d.kind is Kind.AUTH_METHOD
    assert "Bearer" in d.why


@pytest.mark.parametrize(
    "text",
    [
        # Other services say it too: no Google signal beside it.
        '{"error": "Missing or invalid Authorization header"}',
        '{"detail": "Invalid Authorization header. Expected \'Token <key>\'."}',
        "nginx: auth_request denied: missing or invalid authorization header for upstream api.replicate.com",
        # A mention beside another code names no refusal ("distinct from the older HTTP 400 …").
    ],
)
def test_an_authorization_header_refusal_alone_is_nobody_s(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_mention_of_the_header_refusal_beside_a_404_stays_a_404() -> None:
    text = (
        "Onboarding probes https://generativelanguage.googleapis.com/v1beta/openai/models and returns HTTP 404.\n"
        "This is distinct from the older HTTP 400 `Missing or invalid Authorization header` report."
    )
    assert kind(text) != "auth-method"


def test_grpc_s_own_description_of_resource_exhausted_is_not_google_s_message() -> None:
    # xAI's error object carries gRPC's description of the status as its code.
    text = (
        '{\n  "code": "Some resource has been exhausted",\n  "error": "Your team 76d6 has either used all '
        'available credits or reached its monthly spending limit."\n}'
    )
    assert kind(text) == "unrecognized"
    # Google's own sentence still is.
    assert kind(text.replace("Some resource", "Resource")) == "unspecified-429"


@pytest.mark.parametrize(
    ("text", "want", "code"),
    [
        # google-genai's error classes written out in full, with a message that names nothing else.
        (
            "Google.GenAI.ClientError: schema at top-level must be a boolean or an object",
            Kind.BAD_REQUEST,
            400,
        ),
        (
            "com.google.genai.errors.ClientException: schema at top-level must be a boolean",
            Kind.BAD_REQUEST,
            400,
        ),
        ("google.genai.errors.ServerError: upstream connect error", Kind.INTERNAL, 500),
        # (A message that names a status decides it.)
        (
            "google.genai.errors.ClientError: Resource has been exhausted (e.g. check quota).",
            Kind.UNSPECIFIED_429,
            429,
        ),
        (
            "Google.GenAI.ClientError: models/gemini-9-pro is not found for API version v1beta",
            Kind.MODEL_NOT_FOUND,
            404,
        ),
    ],
)
def test_a_genai_error_class_with_no_code_reads_as_its_side(text: str, want: Kind, code: int) -> None:
    d = one(text)
    assert (d.kind, d.http_code) == (want, code)
    guessed = any("gives no status code" in a for a in d.assumptions)
    assert guessed == (code in (400, 500))


def test_another_client_error_class_is_nobody_s() -> None:
    assert (
        kind("MyApp.Http.ClientError: schema at top-level must be a boolean or an object") == "unrecognized"
    )


def test_a_display_name_with_its_major_version_only_gives_the_point_release_written_out() -> None:
    text = (
        "Vertex rejects THINKING_LEVEL_MINIMAL on Gemini 3 Flash models.\n"
        '{ "error": { "code": 400, "message": "Thinking level is unsupported: THINKING_LEVEL_MINIMAL", '
        '"status": "INVALID_ARGUMENT" } }\n'
        "Observed on `gemini-3.8-flash` (and `gemini-3.7-flash`). Any call to a Gemini 3 Flash model fails."
    )
    assert one(text).model == "gemini-3.8-flash"
    # Another model of the family (a -lite) is no release of it; an id the post writes is kept as written.
    assert one(text.replace("3.8-flash", "3.8-flash-lite").replace("3.7-flash", "3.7-flash-lite")).model == (
        "gemini-3-flash"
    )
    plain = "404 'no longer available' e.g. `gemini-3-pro-preview`, migrated to `gemini-3.1-pro-preview`."
    assert one(plain).model == "gemini-3-pro-preview"


def test_a_display_name_before_models_names_a_group() -> None:
    text = 'Gemini 2.5 Flash Lite models fail: {"error": {"code": 400, "message": "x", "status": "INVALID_ARGUMENT"}}'
    assert one(text).model is None
    assert one(text.replace("Lite models", "Lite")).model == "gemini-2.5-flash-lite"


def test_string_concatenation_with_the_plus_leading_the_next_line_is_undone() -> None:
    text = (
        "const real = new Error(\n"
        '  \'{"error":{"code":429,"message":"You exceeded your current quota. \'\n'
        "  + '\\\\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, '\n"
        '  + \'limit: 20, model: gemini-2.5-flash\\\\nPlease retry in 4.04s.","status":"RESOURCE_EXHAUSTED"}}\',\n'
        ")"
    )
    d = one(text)
    assert (d.kind, d.limit, d.model) == (Kind.RPD, 20, "gemini-2.5-flash")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # google-genai's errors built in a test, their code first.
        ('errors.ClientError(429, {"error": {"message": "Resource exhausted"}})', Kind.UNSPECIFIED_429),
        ("errors.APIError(code=503, response_json={})", Kind.OVERLOADED),
        # (A Live close code given as the error's code, and again in the test's expectation.)
        (
            '(errors.APIError(1011, "Internal error encountered.", None), {"code": 1011, "retryable": True}),',
            Kind.INTERNAL,
        ),
    ],
)
def test_a_genai_error_built_with_its_code(text: str, want: Kind) -> None:
    assert one(text).kind is want


def test_another_library_s_error_built_with_a_code_is_nobody_s() -> None:
    assert kind('MyLib.ClientError(429, "slow down")') == "unrecognized"


def test_vertex_s_not_found_sentence_with_its_path_elided_is_google_s() -> None:
    body = (
        '{"error": {"message": "Publisher Model was not found or your project does not have access to it."}}'
    )
    assert kind(body) == "model-not-found"
    # The words alone, without Vertex's "or your project does not have access", need a Google signal.
    assert kind('{"error": {"message": "Publisher Model was not found."}}') == "unrecognized"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # The window after the words of exceeding.
        (
            '{"error": {"code": 429, "message": "Quota exceeded for requests per minute", "status": "RESOURCE_EXHAUSTED"}}',
            Kind.RPM,
        ),
        (
            "gemini> Error: Resource exhausted. Quota exceeded for the day.\nPlease try again in 1 minute",
            Kind.RPD,
        ),
        ("Gemini API: 429 quota exceeded for today", Kind.RPD),
        # (A quota exceeded for something else names no window.)
        (
            '{"error": {"code": 429, "message": "Quota exceeded for project x", "status": "RESOURCE_EXHAUSTED"}}',
            Kind.UNSPECIFIED_429,
        ),
    ],
)
def test_a_window_told_after_quota_exceeded(text: str, want: Kind) -> None:
    d = one(text)
    assert d.kind is want
    if want is not Kind.UNSPECIFIED_429:
        assert any("taken from the words" in a for a in d.assumptions)


def test_anthropic_s_error_type_is_read_as_a_whole_word() -> None:
    text = (
        "fn parses_gemini_rate_limit_errors() {\n"
        '    let json = serde_json::json!({"type": "error", "message": "resourceExhausted: RATE_LIMIT_EXCEEDED"});\n'
    )
    assert kind(text) == "unspecified-429"
    assert (
        kind(
            '{"type": "error", "error": {"type": "rate_limit_error", "message": "Number of request tokens has exceeded your per-minute rate limit"}}'
        )
        == "unrecognized"
    )


def test_of_several_models_the_one_before_the_error_on_its_line_is_given() -> None:
    text = (
        "// measured: grounding on Antigravity\n"
        "//\tgemini-3.6-flash-medium  HTTP 200 + an answer and no groundingMetadata\n"
        "//\tgemini-3.1-pro-high      HTTP 400 INVALID_ARGUMENT\n"
    )
    d = one(text)
    assert (d.kind, d.model) == (Kind.BAD_REQUEST, "gemini-3.1-pro-high")
    # A model after the error on its line (another sentence) is not taken for it.
    prose = "every call fails with `400 FAILED_PRECONDITION`. (`gemini-embedding-001` still works; gemini-embedding-2 not.)"
    assert one("gemini-embedding-2 on Vertex:\n" + prose).model == "gemini-embedding-2"


def test_vertex_s_service_agents_being_provisioned_is_a_bad_request_that_passes() -> None:
    text = (
        "400 error : Service agents are being provisioned ... Service agents are needed to read the Cloud Storage "
        "file provided."
    )
    d = one(text)
    assert d.kind is Kind.BAD_REQUEST
    assert "within minutes" in d.why
    assert kind("Kubernetes: service accounts are being provisioned for namespace x") == "unrecognized"


def test_anthropic_s_words_for_an_empty_balance_name_anthropic() -> None:
    text = "status: 402,\nbody: { 'error' => { 'message' => 'Your credit balance is too low' } }"
    assert kind(text) == "unrecognized"
    google = '{"error": {"code": 402, "message": "Your Prepay credit balance is depleted.", "status": "RESOURCE_EXHAUSTED"}}'
    assert kind(google) == "billing-limit"


def test_claude_served_on_a_google_ai_plan_is_google_s_serving() -> None:
    text = '"429 RESOURCE_EXHAUSTED for Claude Opus 4.5 Thinking with Google AI Pro Account"'
    assert kind(text) == "unspecified-429"
    # Anthropic's own API with the same words is Anthropic's.
    assert (
        kind('"429 RESOURCE_EXHAUSTED for Claude Opus 4.5 Thinking with my Anthropic account"')
        == "unrecognized"
    )


def test_google_s_oneof_validation_without_its_field_path_is_google_s() -> None:
    text = "Gemini API error: empty text content causes 'required oneof field data must have one initialized field'"
    assert kind(text) == "bad-request"


def test_a_diff_s_added_line_is_not_joined_to_the_removed_one() -> None:
    from gemquota.core.parse.normalize import normalize

    diff = "-  'quota exceeded'\n+  'quota exceeded, limit: 0'\n"
    assert normalize(diff) == diff
    code = "msg = 'You exceeded your current quota. '\n      + 'limit: 20'"
    assert normalize(code) == "msg = 'You exceeded your current quota. limit: 20'"


def test_openrouter_s_own_limit_names_are_openrouter_s() -> None:
    assert kind('new Error("429 Rate limit exceeded: free-models-per-day")') == "unrecognized"
    assert kind('new Error("429 Rate limit exceeded: requests-per-day")') == "unspecified-429"


def test_an_ipython_traceback_s_source_lines_are_code_not_the_error() -> None:
    text = (
        "File /opt/conda/lib/python3.10/site-packages/google/auth/compute_engine/_metadata.py:217, in get(request)\n"
        "    215         retries += 1\n"
        "--> 217     raise exceptions.TransportError(\n"
        '    218         "Failed to retrieve {} from the metadata service".format(url)\n'
        "   (...)\n"
        "    224 if response.status == http_client.NOT_FOUND and return_none_for_not_found_error:\n"
        "\n"
        "TransportError: Failed to retrieve http://metadata.google.internal/computeMetadata/v1/universe/universe_domain"
    )
    assert kind(text) == "unrecognized"
    # The error under such a traceback is still read.
    raised = (
        text
        + "\nClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'status': 'RESOURCE_EXHAUSTED'}}"
    )
    assert kind(raised) == "unspecified-429"
    # Numbered lines outside a traceback's frame are text.
    assert kind("   429 RESOURCE_EXHAUSTED from generativelanguage.googleapis.com") == "unspecified-429"


def test_the_provider_an_app_falls_back_to_is_not_the_error_s() -> None:
    text = "[EVAL] gemini-2.0-flash quota exceeded — falling back to OpenAI gpt-4o-mini"
    assert kind(text) == "unspecified-429"
    assert kind("[EVAL] quota exceeded on OpenAI gpt-4o-mini") == "unrecognized"
