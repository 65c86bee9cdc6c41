"""Shapes the held-out set holdout5 showed after it was measured (README there): an Antigravity plan
notice, AI Studio by its former name, and other providers named by service (S3) or in prose (Hugging
Face). Each rule is tested on the real paste, on variants, and against the look-alike it must not claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from gemquota import explain

HOLD = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "holdout5"
OTHERS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "holdout5-not-google"


def kind(text: str) -> str:
    return str(explain(text)[0].kind)


def test_antigravity_baseline_quota_notice_is_a_plan_allowance() -> None:
    real = (HOLD / "014-forum-prose-antigravity-baseline-quota-refresh-date-overages.txt").read_text()
    assert kind(real) == "plan-quota"
    variants = [
        "Your plan's baseline quota will refresh on 3/16/2026, 7:10:46 PM.",
        "Antigravity: To continue using this model now, enable AI Credit overages.",
        "baseline quota will reset on 2026-03-16",
    ]
    for text in variants:
        d = explain(text)[0]
        assert (str(d.kind), str(d.retry)) == ("plan-quota", "wait-reset"), text
    assert kind("The baseline quota of our own service was lowered last week.") == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        "I'm using MakerSuite with Gemini and I get an error saying the caller does not have permission.",
        "makersuite: The caller does not have permission",
    ],
)
def test_makersuite_is_ai_studio(text: str) -> None:
    assert kind(text) == "permission"


def test_the_real_makersuite_paste_and_its_look_alike() -> None:
    real = (HOLD / "051-blog-discord-quote-makersuite-caller-does-not-have-permission.txt").read_text()
    assert kind(real) == "permission"
    assert kind("The caller does not have permission to edit this wiki page.") == "unrecognized"


@pytest.mark.parametrize(
    "name",
    [
        "026-aws-kc-amazons3exception-please-reduce-request-rate-slowdown.txt",
        "035-jp-issue-hf-hub-model-load-429-client-error-prose.txt",
        "039-issue-hugging-face-api-httperror-429-too-many-requests-for-url.txt",
    ],
)
def test_other_providers_named_by_service_or_in_prose_are_not_claimed(name: str) -> None:
    assert kind((OTHERS / name).read_text()) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        "Hugging Face Inference API: 429 Too Many Requests",
        "AmazonS3Exception: Please reduce your request rate. (Service: Amazon S3; Status Code: 503)",
        "Amazon S3 returned 503 Slow Down",
    ],
)
def test_other_provider_variants_are_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_google_errors_beside_those_names_are_still_claimed() -> None:
    # A Gemma model served by the Gemini API is Google's even where Hugging Face is mentioned.
    text = (
        'Downloaded from Hugging Face, but the Gemini API answers: {"error": {"code": 429, "message": '
        '"Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}'
    )
    assert kind(text) == "unspecified-429"


def test_a_quota_named_by_its_window_in_words() -> None:
    real = (HOLD / "042-forum-devtools-ai-studio-rpc-8-tokens-per-day-quota-exceeded.txt").read_text()
    d = explain(real)[0]
    assert (str(d.kind), str(d.retry)) == ("tpd", "wait-reset")
    assert "Tokens per day quota exceeded" in d.evidence
    assert not d.assumptions or all("window" not in a for a in d.assumptions)
    for text, want in [
        ("google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. Requests per day quota exceeded", "rpd"),
        (
            '{"error": {"code": 429, "message": "Input tokens per minute quota exceeded.", "status": '
            '"RESOURCE_EXHAUSTED"}}',
            "tpm",
        ),
        ("429 RESOURCE_EXHAUSTED: Requests per minute quota exceeded", "rpm"),
    ]:
        assert kind(text) == want, text
    # Groq writes the same words: another provider named is theirs.
    assert (
        kind("groq.RateLimitError: 429: rate limit reached, requests per day quota exceeded")
        == "unrecognized"
    )
