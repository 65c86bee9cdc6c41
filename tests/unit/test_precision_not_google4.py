"""Precision on the held-out set not-google4 after it was measured (README there): other services named by
the AWS Java SDK's error suffix, AWS Lambda's throttling reason, Stripe's SDK, xAI's grok.com, Kimi's
coding models, Volcengine's Doubao, ElevenLabs' quota sentence, OpenAI's overload sentence, Twirp; and a
word code written without quotes. Each set paste stays unrecognized; Google's own errors beside the same
words are still claimed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gemquota import explain

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
SET = Path(__file__).resolve().parents[1] / "fixtures" / "not-google4"
GOOGLE_429 = (
    "{'error': {'code': 429, 'message': 'Resource has been exhausted (e.g. check quota).', "
    "'status': 'RESOURCE_EXHAUSTED'}}"
)


def kind(text: str) -> str:
    return str(explain(text, now=NOW)[0].kind)


@pytest.mark.parametrize("prefix", ["008", "014", "017", "025", "029", "053", "069", "080"])
def test_the_sets_look_alikes_are_not_claimed(prefix: str) -> None:
    (path,) = SET.glob(f"{prefix}-*.txt")
    d = explain(path.read_bytes(), now=NOW)[0]
    assert str(d.kind) == "unrecognized", d.why


@pytest.mark.parametrize(
    "text",
    [
        "(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: LimitExceededException; Request ID: x)",
        'Exception: Error 429: {"Reason":"CallerRateLimitExceeded","Type":"User","message":"Rate exceeded"}',
        "Error: 429 The engine is currently overloaded, please try again later",
        "twirp error resource_exhausted: Error from intermediary with HTTP status code 429",
        "RateLimitError: This request exceeds your quota. You have 0 credits remaining, while 91 credits are required",
        "Route: [doubao] ProviderBizError: { code: 'InvalidEndpoint.NotFound', message: 'no endpoint' } 404",
    ],
)
def test_the_same_shapes_in_other_words_are_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_googles_error_beside_those_names_is_still_googles() -> None:
    assert kind(f"After Stripe and AWS Lambda, Gemini failed: {GOOGLE_429}") == "unspecified-429"
    assert kind(f"code: 'RESOURCE_EXHAUSTED' {GOOGLE_429}") == "unspecified-429"
