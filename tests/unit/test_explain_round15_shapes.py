"""Shapes found in this session's work (round 15 of held-out sets; READMEs there): each rule is tested on
variants and on a look-alike that must not change."""

from __future__ import annotations

import pytest
from shapes import kind, one


def test_an_http_status_before_googles_status_name_is_no_grpc_rendering() -> None:
    assert (
        kind("Vertex returns `400 INVALID_ARGUMENT: Cache content X is expired` for Gemini") == "bad-request"
    )
    # Node gRPC's own "8 RESOURCE_EXHAUSTED:" with nothing of Google's stays nobody's.
    assert kind("Error: 8 RESOURCE_EXHAUSTED: Received message larger than max (4194304)") == "unrecognized"


def test_pythons_pprint_of_a_long_string_is_read_whole() -> None:
    pprinted = (
        "{'description': 'Invalid JSON '\n"
        "                'payload received. Unknown name '\n"
        "                '\"title\" at '\n"
        "                \"'generation_config.response_schema': Cannot find field.\"}"
    )
    assert kind(pprinted) == "bad-request"
    # Two literals on lines of their own in a list are not joined (a comma between them).
    assert kind("['payload',\n    'received']") == "unrecognized"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Gemini Live: websockets.exceptions.ConnectionClosedError: received 1008 (policy violation) "
            "Request trace id: 5abe86: application/json isn't",
            "bad-request",
        ),
        (
            "Gemini Live: received 1008 (policy violation) models/gemini-x is not found for API version v1beta",
            "model-not-found",
        ),
        (
            "gemini live session\n< CLOSE 1008 (policy violation) Operation is not implemented [38 bytes]",
            "bad-request",
        ),
        (
            "gemini live session\n< CLOSE 1011 (internal error) Internal error encountered. [40 bytes]",
            "internal",
        ),
    ],
)
def test_live_close_codes(text: str, want: str) -> None:
    assert kind(text) == want


def test_a_close_the_client_sent_and_a_size_in_brackets_are_no_error_of_googles() -> None:
    sent = "protocol: > CLOSE 1011 (unexpected error) keepalive ping timeout [24 bytes]"
    assert kind(sent) == "unrecognized"
    assert kind("Gemini: [125 bytes] received") == "unrecognized"
    assert kind("Gemini API [429] quota") == "unspecified-429"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Google rate-limited the request (429).", "unspecified-429"),
        ("打开提示User location not supported for the API use.", "region"),
        (
            "gemini cli 报错 Tool use with a response mime type: 'application/json' is unsupported",
            "bad-request",
        ),
        (
            "ClientError: 400 None. {'error': {'message': 'Please enable tool_config.include_server_side_tool_"
            "invocations to use Built-in tools with Function calling.', 'type': 'upstream_error', 'param': '', "
            "'code': 400}}",
            "bad-request",
        ),
        (
            "Invalid value at 'request.tools[0].function_declarations[23].parameters.properties[16].value.enum[0]' "
            "(TYPE_STRING), 2",
            "bad-request",
        ),
        (
            "Invalid argument: 400 Image generation failed with the following error: The response is blocked, "
            "as it may violate our policies.",
            "bad-request",
        ),
        ('Error: "Imagen API is only accessible to billed users at this time"', "bad-request"),
        (
            "RetryError: Timeout of 60.0s exceeded while calling target function, last exception:",
            "deadline",
        ),
    ],
)
def test_more_google_wordings(text: str, want: str) -> None:
    assert kind(text) == want


def test_a_field_path_of_another_api_is_no_google_wording() -> None:
    assert kind("Invalid value at 'user.email' (must be an address)") == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        '{"error_code": "RESOURCE_EXHAUSTED", "message": "Too many requests. Please wait a moment and try again."}',
        "The Brave Search API returned 429 Too Many Requests",
        'DeepL翻译显示 Http Request Error Http Status: 429 {"code":429,"message":"Too many requests."}',
        "MyMemory Response status code does not indicate success 429 (Too Many Requests)",
        '{"msg":"caddyhttp.HandlerError{StatusCode:429, Trace:\\"caddy-ratelimit.(*Handler).rateLimitExceeded '
        '(handler.go:213)\\"}"}',
        "Raycast chatGPT extension: Error Request failed with status code 429",
    ],
)
def test_other_services_named_are_theirs(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_google_reason_after_a_dot_of_a_message_key_is_still_read() -> None:
    # An i18n key ends with Google's reason: not a Go method on a receiver.
    assert kind("errors.geminiCli.rateLimitExceeded") == "unspecified-429"
    assert one("Gemini API: 429 rateLimitExceeded").kind == "unspecified-429"


def test_http2s_status_pseudo_header_is_a_code() -> None:
    table = (
        'requestBody := `{"model":"gemini-pro","messages":[]}`\n'
        'errorResponseHeaders := [][2]string{{":status", "429"}, {"Retry-After", "60"}}'
    )
    found = one(table)
    assert (found.kind, found.model) == ("unspecified-429", "gemini-pro")
    assert kind(":status: 503 for api.openai.com") == "unrecognized"
    assert kind("the :status field was 429ms late") == "unrecognized"
