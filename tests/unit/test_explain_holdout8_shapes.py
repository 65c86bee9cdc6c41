"""Shapes the held-out set holdout8 showed after it was measured (README there): google-api-core's REST
line "404 POST https://…: message", Google Cloud's "Permission denied on resource project", the 400 of a
client deadline under the minimum, a code with one word before "errors" in prose; and, for precision,
another API's numeric code (Zhipu's "1302"), GLM and SiliconFlow by name, and the "detail" envelope of
FastAPI and Django REST services (ElevenLabs, Replicate). Each rule is tested on the real paste, on
variants, and on a look-alike."""

from __future__ import annotations

import pytest
from shapes import FIXTURES, kind, one, real


def test_api_cores_rest_line_with_the_request() -> None:
    d = one(real("holdout8", "024"))
    assert (str(d.kind), d.model) == ("model-not-found", "gemini-pro-vision")
    line = "429 POST https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent: Quota"
    assert kind(line) == "unspecified-429"
    assert kind("404 GET https://example.com/items/7: not here") == "unrecognized"


def test_permission_denied_on_a_resource_project() -> None:
    assert kind(real("holdout8", "014")) == "permission"
    assert kind(
        "StatusCode.PERMISSION_DENIED details = 'Permission denied on resource project my-proj.'"
    ) == ("permission")
    assert kind("Permission denied (publickey).") == "unrecognized"


def test_a_client_deadline_under_the_minimum_is_a_bad_request() -> None:
    assert kind(real("holdout8", "022")) == "bad-request"
    assert kind("Manually set deadline 5s is too short. Minimum allowed deadline is 10s.") == "bad-request"


def test_a_code_with_one_word_before_errors_in_prose() -> None:
    assert kind(real("holdout8", "036")) == "deadline"
    assert kind("Gemini keeps giving me 503 overload errors") == "overloaded"
    assert kind("Our own API keeps giving 503 timeout errors") == "unrecognized"  # no Google product


@pytest.mark.parametrize("prefix", ["004", "005", "015", "016", "026", "029"])
def test_other_providers_by_numeric_code_name_or_envelope_are_not_claimed(prefix: str) -> None:
    d = one(real("holdout8-not-google", prefix))
    assert str(d.kind) == "unrecognized", d.why


def test_a_google_body_beside_a_detail_envelope_or_a_numeric_code_stays_google() -> None:
    google = (
        '{"detail": "upstream failed"} then {"error": {"code": 429, "message": "Resource has been exhausted '
        '(e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}'
    )
    assert kind(google) == "unspecified-429"
    assert kind('{"code": 1302, "message": "rate limited"} HTTP 429') == "unrecognized"


HOLD9 = FIXTURES / "holdout9"


def real9(prefix: str) -> str:
    (path,) = HOLD9.glob(f"{prefix}-*.txt")
    return path.read_text(encoding="utf-8")


def test_holdout9_a_403_or_404_in_prose_beside_gemini() -> None:
    assert kind(real9("017")) == "permission"
    assert kind("I keep getting a 404 error from Gemini since yesterday") == "model-not-found"
    assert kind("I keep getting a 404 error from my own server") == "unrecognized"


def test_holdout9_error_code_then_a_capitalised_reason() -> None:
    assert kind(real9("021")) == "unspecified-429"
    assert kind("Error 503 Service Unavailable from gemini-2.5-pro") == "overloaded"


def test_holdout9_limit_0_capitalised() -> None:
    assert kind(real9("026")) == "zero-quota"


def test_telegrams_and_varnishs_own_wordings_are_theirs() -> None:
    assert kind("Error: 429 Too Many Requests: retry after 1") == "unrecognized"
    page = "Error 503 Backend fetch failed\n\nGuru Meditation:\nXID: 1\n\nVarnish cache server"
    assert kind(page) == "unrecognized"


def test_holdout10_go_genais_error_line_and_a_clients_too_many_requests_class() -> None:
    (path,) = (FIXTURES / "holdout10").glob("026-*.txt")
    assert kind(path.read_text(encoding="utf-8")) == "bad-request"
    assert kind(
        "Error 429, Message: Resource has been exhausted, Status: RESOURCE_EXHAUSTED, Details: []"
    ) == ("unspecified-429")
    # A client's TooManyRequestsError class is not Docker Hub's "toomanyrequests" code.
    assert kind("Faraday::TooManyRequestsError: the server responded with status 429") == "unspecified-429"
    assert kind(
        '{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]} 429'
    ) == ("unrecognized")
