"""Shapes found in this session's work (round 16 of held-out sets; READMEs there): each rule is tested on
variants and on a look-alike that must not change."""

from __future__ import annotations

import pytest
from shapes import kind, one


@pytest.mark.parametrize(
    "text",
    [
        # OpenRouter's own refusal, under a title that names Gemini.
        "# Gemini - Error code: 401 - {'error': {'message': 'No auth credentials found', 'code': 401}}",
        # A router's slug of a Google model on the error's line is no Google product named there.
        "❌ Hata: status_code: 402, model_name: google/gemini-2.5-flash-preview-09-2025,\n"
        "body: {'message': 'Insufficient credits. Purchase more at https://openrouter.ai/settings/credits', 'code':402}",
        # Relays' and gateways' own refusals in their own words.
        "BadRequestError: LLM Provider NOT provided. Pass in the LLM provider you are trying to call. "
        "You passed model=models/gemini-pro",
        "LLM API error (403): 403 team not allowed to access model. Tried to access google.gemini-3-flash-preview",
        "ccs: 502 Bad Gateway: unknown provider for model gemini-claude-opus-4-5-thinking",
        # A word code of another vocabulary in a body that holds nothing of Google's.
        'Gemini Balance: API Error: Status Code 401, {"error":{"code":"http_error","message":"Missing Authorization header"}}',
    ],
)
def test_relays_own_refusals_are_theirs(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_googles_errors_through_the_same_relays_stay_googles() -> None:
    relayed = (
        'LiteLLM: litellm.RateLimitError: VertexAIException - {"error": {"code": 429, "message": '
        '"Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}'
    )
    assert kind(relayed) == "unspecified-429"
    slug = "OpenRouter google/gemini-2.5-flash: 429 RESOURCE_EXHAUSTED, generativelanguage.googleapis.com"
    assert kind(slug) == "unspecified-429"


def test_gemini_clis_daily_quota_notice_without_a_model_is_the_plan_allowance() -> None:
    notice = (
        "⚡ You have reached your daily quota limit.\n"
        "  ⚡ Automatically switching from gemini-2.5-pro to gemini-2.5-flash for the remainder of this session.\n"
        "  ⚡ To increase your limits, upgrade to a Gemini Code Assist Standard or Enterprise plan\n"
        "✕ [API Error: Please submit a new query to continue with the Flash model.]"
    )
    found = one(notice)
    assert (found.kind, found.model) == ("plan-quota", "gemini-2.5-pro")


def test_a_seat_refused_by_code_assist_enterprise() -> None:
    refused = (
        "Gemini CLI with an enterprise account: You do not have a valid license of this product. Please contact "
        "your administrator to request a license."
    )
    assert kind(refused) == "permission"
    assert kind("You do not have a valid license of this product.") == "unrecognized"


def test_a_status_code_may_end_a_sentence() -> None:
    config = (
        "I am having an API error when trying to use gemini-2.0-flash api. The error is: OpenAI API error: "
        "Error code: 404. Does anyone know why?\n"
        'base_url = "https://generativelanguage.googleapis.com/vibeta"'
    )
    found = one(config)
    assert (found.kind, found.model) == ("model-not-found", "gemini-2.0-flash")
    # A version number is no status code, and another cloud's error stays theirs.
    assert kind("Gemini SDK Error code: 404.5 released") == "unrecognized"
    assert (
        kind("Service error:LimitExceeded. http status code: 400. Opc request id: e0895037") == "unrecognized"
    )


def test_googles_insufficient_permission_beside_a_google_signal() -> None:
    assert (
        kind("calling the Gemini API with the service account fails: `Insufficient Permission`")
        == "permission"
    )
    assert kind("Insufficient Permission") == "unrecognized"
