"""Shapes found in round 41 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    "text",
    [
        # (LiteLLM names the provider in its exception class and in its model prefix.)
        "BadRequestError: litellm.BadRequestError: Together_aiException - Error code: 400 - {'error': {'message':"
        " 'Input validation error'}}",
        "litellm.RateLimitError: Fireworks_aiException - Error code: 429 - rate limited",
        "Error code: 429 calling model together_ai/meta-llama/Llama-3-70b-chat-hf",
    ],
)
def test_litellm_provider_names_of_other_hosts_are_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        # (AWS's Go SDK: "Code: message\n\tstatus code: N, request id: …, host id: …".)
        'msg="error resolving upload: s3aws: SlowDown:\n\tstatus code: 503, request id: tx00000f64, host id: "',
        "ThrottledException: Rate exceeded\n\tstatus code: 429, request id: 1f2e3d4c-aaaa-bbbb, host id: 9Zx==",
    ],
)
def test_the_go_aws_sdk_failure_suffix_names_aws(text: str) -> None:
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        "⚠  Error: 402 Insufficient Balance\n\n   If the issue persists, contact support: https://example.ai/discord",
        "Error 503: service busy. Please contact us at https://status.example.com",
    ],
)
def test_a_bare_status_whose_support_link_is_another_hosts_is_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # (A Google host after "contact support" stays Google's, and a bare status with no link is still read.)
        (
            "Error: 402 Insufficient Balance. Contact support: https://support.google.com/gemini",
            "billing-limit",
        ),
        ("⚠  Error: 402 Insufficient Balance", "billing-limit"),
        ("google.genai.errors.ClientError: 400 Together we found an invalid argument", "bad-request"),
    ],
)
def test_look_alikes_of_the_round_41_foreign_hints_stay_claimed(text: str, want: str) -> None:
    assert kind(text) == want


@pytest.mark.parametrize(
    ("text", "model"),
    [
        # (Two adjacent string literals of a docstring, glued when read as one.)
        (
            '        "Quota exceeded for metric: ...generate_content_free_tier_requests, limit: 0, model: gemini-2.0-flash"\n'
            '        "Please retry in 40.121029375s."',
            "gemini-2.0-flash",
        ),
        (
            "'Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, "
            "limit: 20, model: gemini-2.5-flash-lite'\n    'Please retry in 3s.'",
            "gemini-2.5-flash-lite",
        ),
        # (A capital after a hyphen is no glued word.)
        ("429 RESOURCE_EXHAUSTED model: gemini-2.5-Pro", "gemini-2.5-pro"),
    ],
)
def test_a_capitalised_word_glued_to_a_google_id_is_cut_off(text: str, model: str) -> None:
    d = one(text)
    assert d.kind is not Kind.UNRECOGNIZED
    assert d.model == model


@pytest.mark.parametrize(
    "text",
    [
        # (The Codex CLI's own line when its retries run out.)
        "just showing ■ exceeded retry limit, last status: 429 Too Many Requests, nothing more",
        # (OpenCode's wrapper naming the provider it called.)
        "HTTP 429: Error from provider (Console Go): Provider rate limit exceeded",
        "HTTP 402: Error from provider (deepseek): Insufficient Balance",
        # (Sentry's SDK refusing an event: Sentry's 429, not a model's.)
        "fail: Sentry.ISentryClient[0]\n      Sentry rejected the event 970d918d. Status code: TooManyRequests.",
    ],
)
def test_agents_and_services_naming_another_provider_are_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # (The wrapper naming Google's route keeps the error Google's.)
        (
            "HTTP 429: Error from provider (google): Resource has been exhausted (e.g. check quota).",
            "unspecified-429",
        ),
        (
            "HTTP 503: Error from provider (Gemini): The model is overloaded. Please try again later.",
            "overloaded",
        ),
        # (A Gemini error reported through Sentry stays Gemini's.)
        (
            "sentry_sdk captured: google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, "
            "'message': 'You exceeded your current quota.', 'status': 'RESOURCE_EXHAUSTED'}}",
            "unspecified-429",
        ),
    ],
)
def test_google_errors_beside_the_round_41_provider_words_stay_claimed(text: str, want: str) -> None:
    assert kind(text) == want
