"""Shapes found in round 22 of held-out sets (holdout71–74, not-google26; READMEs there): each rule is tested
on variants and on a look-alike that must not change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


def test_a_bare_gemini_quota_metric_is_googles_even_beside_another_provider() -> None:
    text = (
        "- System has both OpenAI and Gemini keys\n\n### The Issue:\n"
        "429 Quota Exceeded: generate_content_free_tier_requests, limit: 0\n"
    )
    assert kind(text) == "zero-quota"
    # Without the metric the same 429 beside OpenAI's name is OpenAI's.
    assert kind(text.replace("generate_content_free_tier_requests", "requests")) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        "Requests from referer <empty> are blocked.",
        "Requests from this Android client application <empty> are blocked.",
        "Requests from this iOS client application com.example.app are blocked.",
        "The provided API key has an IP address restriction. The originating IP address of the call violates it.",
    ],
)
def test_googles_refusals_of_a_restricted_key(text: str) -> None:
    d = one(text)
    assert d.kind == Kind.PERMISSION, d.why


def test_a_code_with_its_cause_in_one_word_beside_gemini() -> None:
    d = one("Fix 429 concurrency errors by serializing API requests and using gemini-2.5-flash\n")
    assert (d.kind, d.model) == (Kind.UNSPECIFIED_429, "gemini-2.5-flash")
    # The same words about another service are nobody's.
    assert (
        kind("Fix 429 concurrency errors by serializing API requests to the billing service\n")
        == "unrecognized"
    )


def test_gemini_clis_slow_response_fallback_notice() -> None:
    notice = (
        "ℹ ⚡ Slow response times detected. Automatically switching from gemini-2.5-pro to gemini-2.5-flash for "
        "faster responses for the remainder of this session."
    )
    d = one(notice)
    assert (d.kind, d.model) == (Kind.UNSPECIFIED_429, "gemini-2.5-pro")


def test_google_auths_invalid_scope_is_the_credential_asked_for_the_wrong_way() -> None:
    text = (
        "google.auth.exceptions.RefreshError: ('invalid_scope: Invalid OAuth scope or ID token audience provided.', "
        "{'error': 'invalid_scope', 'error_description': 'Invalid OAuth scope or ID token audience provided.'})"
    )
    assert kind(text) == "auth-method"
    # Another OAuth server's invalid_scope is its own.
    assert kind("OAuthError: invalid_scope: The requested scope is invalid (GitHub App)") == "unrecognized"


def test_openai_and_anthropic_response_headers_name_another_provider() -> None:
    text = (
        'err.response = _fake_response(status_code=409, headers={"retry-after-ms": "250", "x-should-retry": "false"}, '
        'text=\'{"error":{"type":"rate_limit_exceeded","code":"rate_limit_exceeded"}}\')'
    )
    assert kind(text) == "unrecognized"


def test_a_live_close_reason_cut_at_123_bytes_cuts_the_model_id_named_in_full_elsewhere() -> None:
    cut = (
        "websockets.exceptions.ConnectionClosedError: received 1008 (policy violation) Publisher Model "
        "`projects/gcp-samples-ic0/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-preview-nati;"
        " then sent 1008 (policy violation)"
    )
    assert one(cut).model == "gemini-live-2.5-flash-preview-nati"  # nothing names it in full
    heading = "#### gemini-live-2.5-flash-preview-native-audio (text)\n\n"
    d = one(heading + cut)
    assert (d.kind, d.model) == (Kind.MODEL_NOT_FOUND, "gemini-live-2.5-flash-preview-native-audio")
    # A complete reason (its path closed by its quote) is not completed from another id.
    whole = cut.replace("-preview-nati;", "-preview` was not found;")
    assert one(heading + whole).model == "gemini-live-2.5-flash-preview"
