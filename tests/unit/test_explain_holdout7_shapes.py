"""Shapes the held-out sets holdout7 and peers2 showed after they were measured (READMEs there): the
Gemini API's 2026 "high demand" 503 message, Antigravity's per-model allowance, the Firebase SDKs'
"requires the … API to be enabled", a code or RESOURCE_EXHAUSTED in the words of a post (also Japanese
and Chinese), a body that lost its code but keeps Google's typed details, google-genai's exception line
whatever status word follows the code, the request URL of a wrapper's envelope; and, for precision, a
WebSocket close the client sent itself, another API's word code, and Cloudflare's error page by its
/cdn-cgi/ path. Each rule is tested on the real paste, on variants, and on a look-alike."""

from __future__ import annotations

import pytest
from shapes import kind, one, real


def test_the_high_demand_503_message_is_overloaded_without_its_code() -> None:
    assert kind(real("holdout7", "011")) == "overloaded"
    msg = "This model is currently experiencing high demand. Spikes in demand are usually temporary."
    assert kind(msg) == "overloaded"
    # Azure's sentence of the same idea is not Google's.
    assert kind("The system is currently experiencing high demand and cannot process your request.") == (
        "unrecognized"
    )


def test_antigravitys_per_model_allowance_is_a_plan_quota() -> None:
    text = (
        "Agent execution terminated due to error.\nYou have reached the quota limit for this model. "
        "You can resume using this model at 1/28/2026, 7:14:45 AM."
    )
    d = one(text)
    assert (str(d.kind), str(d.retry)) == ("plan-quota", "wait-reset")


def test_the_firebase_sdks_api_not_enabled_message() -> None:
    assert kind(real("holdout7", "036")) == "api-disabled"
    variant = (
        "FirebaseAIException: The Firebase AI Logic SDK requires the Firebase AI Logic API "
        "(`firebasevertexai.googleapis.com`) to be enabled in your Firebase project."
    )
    assert kind(variant) == "api-disabled"
    assert kind("This plugin requires the Maps API (maps.example.com) to be enabled.") == "unrecognized"


@pytest.mark.parametrize(
    ("prefix", "model"),
    [("043", "gemini-3-pro-image-preview"), ("044", None)],
)
def test_a_429_in_the_words_of_a_japanese_or_chinese_post(prefix: str, model: str | None) -> None:
    d = one(real("holdout7", prefix))
    assert (str(d.kind), d.model) == ("unspecified-429", model)
    assert kind("我的 Gemini 一直报429错误") == "unspecified-429"
    assert kind("いつも429エラーになります") == "unrecognized"  # no Google product named


def test_resource_exhausted_in_words_beside_gemini() -> None:
    assert kind(real("holdout7", "020")) == "unspecified-429"
    assert kind("Time to time, Resource exhausted from our own job queue") == "unrecognized"


@pytest.mark.parametrize("prefix", ["083", "089"])
def test_a_body_that_lost_its_code_but_keeps_googles_typed_details(prefix: str) -> None:
    d = one(real("peers2", prefix))
    assert (str(d.kind), str(d.retry)) == ("rpm", "backoff")
    untyped = '{"error": {"message": "rate limited", "details": [{"reason": "slow"}]}}'
    assert kind(untyped) == "unrecognized"


@pytest.mark.parametrize(("prefix", "want"), [("031", "bad-key"), ("033", "unspecified-429")])
def test_google_genais_exception_line_whatever_the_status_word(prefix: str, want: str) -> None:
    assert kind(real("peers2", prefix)) == want
    assert kind("google.genai.errors.ServerError: 503 SOMETHING. {'error': {'message': 'x'}}") == "overloaded"


def test_the_request_url_of_a_wrappers_envelope_names_the_model() -> None:
    assert one(real("holdout7", "014")).model == "gemini-2.5-flash"


def test_a_model_after_advice_in_the_same_clause_is_not_the_one_that_failed() -> None:
    assert one(real("holdout7", "042")).model == "gemini-2.5-flash"


@pytest.mark.parametrize("prefix", ["004", "005", "008"])
def test_other_services_errors_of_the_same_shapes_are_not_claimed(prefix: str) -> None:
    assert kind(real("holdout7-not-google", prefix)) == "unrecognized"


def test_a_close_code_google_sent_is_still_read() -> None:
    text = (
        "websockets.exceptions.ConnectionClosedError: received 1011 (internal error) Internal error occurred."
    )
    assert kind(text) == "internal"


def test_veo_through_the_wrong_method_is_a_bad_request() -> None:
    text = "400 INVALID_ARGUMENT: Veo must be accessed through the Vertex PredictLongRunning API"
    assert kind(text) == "bad-request"
    assert kind(real("shapes27", "013")) in ("bad-request", "unspecified-429")


def test_a_model_id_then_no_longer_available_for_new_users() -> None:
    d = one(real("shapes27", "015"))
    assert (str(d.kind), d.model) == ("model-not-found", "gemini-2.5-flash-lite")
    assert kind("Model gemini-2.0-flash is no longer available for new users.") == "model-not-found"
    assert kind("This coupon is no longer available for new users.") == "unrecognized"
