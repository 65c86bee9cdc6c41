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
