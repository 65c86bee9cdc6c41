"""Shapes found in round 41 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind


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
