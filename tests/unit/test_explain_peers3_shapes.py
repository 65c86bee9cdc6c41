"""Shapes the held-out set peers3 (error inputs of peer projects' test suites) showed after it was
measured (README there): a long-running operation's error with gRPC's numeric code, another 4xx from an
SDK's own class (422), the Vertex AI Node SDK's own request check, and a Google quota reason in a body
that lost its code. Each rule is tested on the real input, on variants, and on a look-alike."""

from __future__ import annotations

import pytest
from shapes import kind, one
from shapes import real as paste


def real(prefix: str) -> str:
    return paste("peers3", prefix)


def test_an_operations_error_carries_grpcs_code() -> None:
    assert kind(real("059")) == "bad-request"
    op = '{"name": "projects/p/locations/us-central1/operations/42", "done": true, "error": {"code": 8, '
    assert kind(op + '"message": "Quota exceeded."}}') == "unspecified-429"
    assert kind(op.replace('"code": 8', '"code": 13') + '"message": "Internal error."}}') == "internal"
    # The same small code outside an operation is no HTTP status and names no one.
    assert kind('{"code": 3, "message": "Invalid argument"}') == "unrecognized"


def test_another_client_error_from_googles_sdk_is_a_bad_request() -> None:
    assert kind(real("010")) == "bad-request"
    assert kind("HTTP 422 Unprocessable Entity") == "unrecognized"  # nothing Google's


@pytest.mark.parametrize("prefix", ["045", "046", "048"])
def test_the_vertex_node_sdks_own_request_check(prefix: str) -> None:
    assert kind(real(prefix)) == "bad-request"


def test_a_quota_reason_alone_is_a_429() -> None:
    assert kind(real("038")) in ("rpm", "unspecified-429")
    body = (
        '{"error": {"message": "slow down", "details": [{"@type": '
        '"type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED", '
        '"domain": "generativelanguage.googleapis.com"}]}}'
    )
    assert kind(body) == "unspecified-429"


def real4(prefix: str) -> str:
    return paste("peers4", prefix)


def test_an_sdk_error_with_the_phrase_before_the_code() -> None:
    assert kind(real4("004")) == "internal"
    assert kind("ApiError: Too Many Requests 429") == "unspecified-429"


def test_an_http_clients_envelope_gives_its_status_to_the_body() -> None:
    assert kind(real4("014")) == "permission"
    body = '{"response": {"status": 404, "data": {"error": {"message": "models/gemini-9 is not found"}}}}'
    assert kind(body) == "model-not-found"


def test_an_http_status_key() -> None:
    assert kind(real4("060")) == "unspecified-429"
    assert kind('{"provider": "openai", "http_status": 429, "message": "x"}') == "unrecognized"


def test_a_model_named_by_its_resource_name_in_the_message() -> None:
    body = '{"error": {"code": 400, "message": "Penalty is not enabled for models/gemini-2.5-pro", "status": "INVALID_ARGUMENT"}}'
    assert str(one(body).model) == "gemini-2.5-pro"
    body = '{"error": {"code": 404, "message": "models/gemini-3.6-flahs is not supported for generateContent.", "status": "NOT_FOUND"}}'
    assert str(one(body).model) == "gemini-3.6-flahs"


def test_openais_context_length_error_is_theirs() -> None:
    text = (
        "BadRequestError: This model's maximum context length is 8192 tokens. However, your messages resulted "
        "in 10000 tokens. (code: context_length_exceeded)"
    )
    assert kind(text) == "unrecognized"
