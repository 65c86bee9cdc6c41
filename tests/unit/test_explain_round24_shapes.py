"""Shapes found in round 24 of held-out sets (and in reference/gemini-2026.md while it was collected): each rule
is tested on variants and on a look-alike that must not change."""

from __future__ import annotations

import pytest
from shapes import kind


@pytest.mark.parametrize(
    "text",
    [
        # The OpenAI-compatible endpoint's refusal of a key (list-wrapped, without "API key not valid.").
        '[{"error": {"code": 400, "message": "Please pass a valid API key", "status": "INVALID_ARGUMENT"}}]',
        'Error code: 400 - [{"error": {"code": 400, "message": "Please pass a valid API key"}}]',
    ],
)
def test_please_pass_a_valid_api_key_alone_is_a_key_refusal(text: str) -> None:
    assert kind(text) == "bad-key"


def test_please_pass_a_valid_api_key_needs_a_google_signal() -> None:
    assert kind('{"error":{"message":"Please pass a valid API key","type":"invalid_request_error"}}') == "unrecognized"
