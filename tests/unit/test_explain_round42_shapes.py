"""Shapes found in round 42 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind, one


@pytest.mark.parametrize(
    ("text", "want", "code"),
    [
        # (Go's request label before the reason phrase a client put in its error.)
        (
            'failed to send validation request: Post "https://generativelanguage.googleapis.com/v1beta/models/'
            'gemini-2.5-flash:generateContent?key=AIza...": Bad Request',
            "bad-request",
            400,
        ),
        (
            'Get "https://generativelanguage.googleapis.com/v1beta/models/gemini-9-flash": Not Found',
            "model-not-found",
            404,
        ),
        # (… and "request failed:" as the label of the whole message.)
        (
            "generativelanguage.googleapis.com request failed: Too Many Requests.",
            "unspecified-429",
            429,
        ),
    ],
)
def test_a_reason_phrase_after_a_request_label_is_the_errors_message(text: str, want: str, code: int) -> None:
    d = one(text)
    assert (d.kind, d.http_code) == (want, code)


@pytest.mark.parametrize(
    "text",
    [
        # (The phrase inside a sentence, or after a URL that is not a request's label, stays words.)
        'Post "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent": '
        "dial tcp: i/o timeout; the docs say a Bad Request means a wrong field",
        "The gemini call failed: the server said it was not found in the cache, which is fine",
    ],
)
def test_a_reason_phrase_in_a_sentence_is_not_a_status(text: str) -> None:
    assert one(text).http_code not in (400, 404)


@pytest.mark.parametrize(
    "text",
    [
        # (Grafana Loki's own 429, through the OpenTelemetry exporter and through promtail.)
        '"error": "HTTP 429 \\"Too Many Requests\\": Ingestion rate limit exceeded for user default-logs (limit: '
        "12582912 bytes/sec) while attempting to ingest '60' lines, reduce log volume or contact your Loki "
        'administrator to see if the limit can be increased"',
        'level=warn caller=client.go:242 component=client msg="error sending batch, will retry" status=429 '
        'error="server returned HTTP status 429 Too Many Requests (429): ingestion rate limit (8388608 bytes) '
        'exceeded while adding 311 lines"',
        "promtail: server returned HTTP status 429 Too Many Requests",
    ],
)
def test_lokis_ingestion_limits_are_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_user_named_loki_does_not_hide_a_gemini_error() -> None:
    text = (
        'File "C:\\Users\\loki\\app\\main.py", line 3, in <module>\n'
        "google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': "
        "'Resource has been exhausted (e.g. check quota).', 'status': 'RESOURCE_EXHAUSTED'}}"
    )
    assert kind(text) == "unspecified-429"


@pytest.mark.parametrize(
    "text",
    [
        # (A relay's own 422 about its Google set-up, with only the product named.)
        "[antigravity/gemini-3.5-flash-low] [422]: Missing Google projectId for Antigravity account. Auto-discovery "
        "via loadCodeAssist found no Cloud Code project. Please reconnect OAuth in Providers -> Antigravity.",
        "Gemini Code Assist: HTTP 422 Unprocessable Entity: field 'project' is required",
    ],
)
def test_a_422_beside_only_product_names_is_the_relays_own_check(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_422_in_a_google_sdk_exception_is_still_read() -> None:
    # (A Google SDK's own exception class around it: Google's client reported the answer.)
    assert kind("google.genai.errors.ClientError: 422 Unprocessable Entity. {'message': 'bad field'}") == (
        "bad-request"
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "403 PERMISSION_DENIED / SUBSCRIPTION_REQUIRED for `antigravity-gemini-3.8-flash`.",
            "gemini-3.8-flash",
        ),
        ("Error 429 RESOURCE_EXHAUSTED (model vertex-gemini-2.5-pro)", "gemini-2.5-pro"),
        # (… not inside a longer word or path: the route must begin the word.)
        ("Error 429 RESOURCE_EXHAUSTED from my-antigravity-gemini-9-proxy", None),
    ],
)
def test_a_google_route_joined_to_an_id_by_a_hyphen_does_not_hide_it(text: str, want: str | None) -> None:
    assert one(text).model == want


@pytest.mark.parametrize(
    "text",
    [
        '{"message": "status code 400: Organization has been restricted. Please reach out to support if you '
        'believe this was in error.", "success": false}',
        "Error 401: Your organization has been disabled.",
    ],
)
def test_openais_refusal_of_an_organization_is_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_googles_refusal_of_a_project_is_still_read() -> None:
    text = (
        "google.genai.errors.ClientError: 403 PERMISSION_DENIED. {'error': {'code': 403, 'message': 'Your project "
        "has been denied access. Please contact support.', 'status': 'PERMISSION_DENIED'}}"
    )
    assert kind(text) == "permission"


@pytest.mark.parametrize(
    "text",
    [
        "google.auth.exceptions.DefaultCredentialsError: Your default credentials were not found. To set up "
        "Application Default Credentials, see https://cloud.google.com/docs/authentication/external/set-up-adc",
        "Error: Could not load the default credentials. Browse to "
        "https://cloud.google.com/docs/authentication/getting-started for more information.",
        "error: '[VertexAI.GoogleAuthError]: Unable to authenticate your request'",
        "google: could not find default credentials. See https://cloud.google.com/docs/authentication/external/"
        "set-up-adc for more information",
        "java.io.IOException: The Application Default Credentials are not available.",
    ],
)
def test_google_auth_libraries_finding_no_credentials_is_a_credentials_error(text: str) -> None:
    d = one(text)
    assert (d.kind, d.backend) == ("bad-key", "vertex-ai")
    assert d.headline.startswith("Credentials missing or not valid")
    assert d.fixes[0].id == "vertex-credentials"


def test_an_api_key_refused_by_vertex_keeps_the_key_fix_first() -> None:
    text = (
        "google.genai.errors.ClientError: 400 INVALID_ARGUMENT. {'error': {'code': 400, 'message': 'API key not "
        "valid. Please pass a valid API key.', 'status': 'INVALID_ARGUMENT'}} (aiplatform.googleapis.com)"
    )
    d = one(text)
    assert (d.kind, d.backend) == ("bad-key", "vertex-ai")
    assert d.fixes[0].id == "new-api-key"
    assert d.headline.startswith("API key not valid")


def test_the_same_words_from_another_auth_library_are_not_claimed() -> None:
    assert kind("Error: Unable to authenticate your request (Auth0)") == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        "API call to aiplatform.endpoints.generateContent failed with error: This API method requires billing to "
        "be enabled. Please enable billing on project ... then retry.",
        "This API method requires billing to be enabled. Please enable billing on project #123 by visiting "
        "https://console.developers.google.com/billing/enable?project=123 then retry.",
    ],
)
def test_google_clouds_whole_billing_sentence_is_read_alone(text: str) -> None:
    assert kind(text) == "billing-disabled"


def test_the_generic_half_of_it_alone_still_needs_a_google_signal() -> None:
    assert kind("Error: this plan requires billing to be enabled for exports.") == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        "remote: Permission to someone/app.git denied to my-Gemini-bot.\nfatal: unable to access "
        "'https://github.com/someone/app/': The requested URL returned error: 403",
        "fatal: unable to access 'https://gitlab.example.com/team/gemini-tools.git/': The requested URL returned "
        "error: 429",
    ],
)
def test_gits_own_refusals_by_a_remote_are_the_git_hosts(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_curls_same_words_against_google_are_still_read() -> None:
    text = (
        "curl: (22) The requested URL returned error: 429 "
        "(https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent)"
    )
    assert kind(text) == "unspecified-429"


@pytest.mark.parametrize(
    "text",
    [
        "Error 429: Quota exceeded for audio/speech (limit: 50 requests/month)",
        "429 Too Many Requests - monthly limit: 1,000 calls per month reached",
    ],
)
def test_a_monthly_allowance_of_requests_is_another_services(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_googles_own_per_day_wording_is_still_read() -> None:
    text = (
        "429 RESOURCE_EXHAUSTED: Quota exceeded for metric: generativelanguage.googleapis.com/"
        "generate_content_free_tier_requests, limit: 20, model: gemini-2.5-flash"
    )
    assert kind(text) == "rpd"


@pytest.mark.parametrize(
    ("text", "want", "code"),
    [
        # (An app's 500 around Google's 404 body, cut before its code.)
        (
            "POST /api/gemini/improve 500 (Internal Server Error)\nAPI Error: 500 {error: "
            '\'[gemini-proxy] …orted methods.",\\n    "status": "NOT_FOUND"\\n  }\\n}\\n\'}',
            "model-not-found",
            404,
        ),
        (
            'HTTP 502 Bad Gateway from the proxy: …exceeded your current quota.", "status": "RESOURCE_EXHAUSTED" }',
            "unspecified-429",
            429,
        ),
    ],
)
def test_a_google_bodys_status_field_wins_over_a_wrappers_server_error(
    text: str, want: str, code: int
) -> None:
    d = one(text)
    assert (d.kind, d.http_code) == (want, code)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # (A server status in the field, or a bare status word that is no field, leaves the 500 as it is.)
        ('API Error: 500 …internal error has occurred.", "status": "INTERNAL" }', "internal"),
        ("API Error: 500 - the upstream said NOT_FOUND earlier", "internal"),
    ],
)
def test_a_server_status_or_a_bare_word_leaves_the_code(text: str, want: str) -> None:
    assert kind(text) == want


def test_gemini_clis_user_agent_names_the_model_of_the_call() -> None:
    text = (
        "GaxiosError: Service Unavailable\n  status: 503,\n  config: { url: "
        "'https://cloudcode-pa.googleapis.com/v1internal:streamGenerateContent?alt=sse',\n    headers: {\n"
        "      'User-Agent': 'GeminiCLI-tui/0.46.0/gemini-3.1-pro-preview (linux; x64; terminal) "
        "google-api-nodejs-client/9.15.1',\n"
    )
    assert one(text).model == "gemini-3.1-pro-preview"


def test_an_id_in_another_path_is_still_not_a_model() -> None:
    assert one("Error 503 Service Unavailable (GET /static/v2/gemini-3.1-pro-preview/logo.png)").model is None


@pytest.mark.parametrize(
    "text",
    [
        "❌ Erro: POST /api/suno/generate 402 (Payment Required)",
        "Suno API error 429: Too Many Requests",
    ],
)
def test_music_generation_services_are_other_providers(text: str) -> None:
    assert kind(text) == "unrecognized"
