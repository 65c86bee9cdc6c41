"""Shapes the held-out set holdout6 showed after it was measured (README there): Google's 500 and 504
messages after their code, a client-version gate on a model, a model id written against Chinese text or
after a sentence of advice, and other providers named as a gateway's upstream (Xiaomi's MiMo) or by
their API (Replicate). Each rule is tested on the real paste, on variants, and on a look-alike."""

from __future__ import annotations

import pytest
from shapes import one, real

HOLD = "holdout6"
OTHERS = "holdout6-not-google"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (real(HOLD, "038"), "internal"),
        (real(HOLD, "028"), "deadline"),
        ("[gemini] Error calling generateContent: 500 Internal error encountered.", "internal"),
        ("Gemini API call failed: 504 Deadline Exceeded", "deadline"),
        ("google.api_core.exceptions: 500 Internal error encountered.", "internal"),
    ],
)
def test_google_messages_of_a_500_and_a_504_after_their_code(text: str, kind: str) -> None:
    d = one(text)
    assert (str(d.kind), str(d.retry)) == (kind, "backoff")


def test_the_same_messages_of_another_provider_are_not_claimed() -> None:
    assert str(one("Anthropic API error: 504 Deadline exceeded").kind) == "unrecognized"
    assert str(one("Internal error encountered while saving your draft.").kind) == "unrecognized"


def test_a_model_the_client_version_may_not_use_is_a_permission_to_upgrade() -> None:
    d = one(real(HOLD, "037"))
    assert (str(d.kind), str(d.retry)) == ("permission", "fix")
    variant = (
        "Gemini 3 Pro is not available on this version. Please update to the latest version of Antigravity."
    )
    assert str(one(variant).kind) == "permission"
    assert str(one("This feature is not available on this version of the editor.").kind) == "unrecognized"


@pytest.mark.parametrize(
    ("prefix", "model"),
    [("030", "gemini-3.5-flash"), ("042", "gemini-3-flash-preview"), ("043", "gemini-3-pro-image-preview")],
)
def test_a_model_id_against_chinese_text_or_after_a_sentence_of_advice(prefix: str, model: str) -> None:
    assert one(real(HOLD, prefix)).model == model


def test_advice_still_rules_out_the_model_it_names() -> None:
    body = '{"error": {"code": 503, "message": "The model is overloaded.", "status": "UNAVAILABLE"}}'
    assert one(f"{body}\nThe model is overloaded, try gemini-2.5-flash instead.").model is None
    assert (
        one(f"{body}\n我用gemini-2.5-flash的时候报错").model == "gemini-2.5-flash"
    )  # a script without spaces
    assert one(f"{body}\nPlease try again later.\ngemini-2.5-pro failed with it.").model == "gemini-2.5-pro"


@pytest.mark.parametrize("prefix", ["028", "032"])
def test_a_gateways_upstream_provider_and_a_provider_named_by_its_api_are_theirs(prefix: str) -> None:
    d = one(real(OTHERS, prefix))
    assert str(d.kind) == "unrecognized"
    assert "not of a Google API" in (d.why or "")


def test_replicate_as_a_verb_and_a_google_error_beside_other_names_stay_google() -> None:
    text = "I can replicate it every time: 429 RESOURCE_EXHAUSTED. Resource has been exhausted (e.g. check quota)."
    assert str(one(text).kind) == "unspecified-429"
    google = (
        "Tried Replicate API first, then Gemini: {'error': {'code': 429, 'message': 'Resource has been "
        "exhausted (e.g. check quota).', 'status': 'RESOURCE_EXHAUSTED'}}"
    )
    assert str(one(google).kind) == "unspecified-429"
