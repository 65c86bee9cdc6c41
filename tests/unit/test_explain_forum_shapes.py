"""Shapes found in forum pastes (tests/fixtures/forum; each post's thread is in its SOURCES.tsv), and
variants written here to check that each rule is general over its shape family rather than keyed to one
paste:

* a status code stated as a kind of error in prose ("frequent 429 errors", "consistent 503 and 504
  errors", "Persistent Status 429s", "429 rate limiting", "503 (model overload)"), claimed only where a
  Google product is named (forum 03, 04, 10, 19, 27);
* the model named only once, anywhere in the post (a title, a bullet, "calling the model X", "the X
  model") when nothing better names it (forum 07, 12, 21, 22, 24, 25, 28, 29).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gemquota import explain
from gemquota.core.diagnosis import Diagnosis, Kind, Retry

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def one(text: str) -> Diagnosis:
    return explain(text, now=NOW)[0]


def paste(prefix: str) -> str:
    (path,) = sorted((FIXTURES / "forum").glob(f"{prefix}-*.txt"))
    return path.read_text(encoding="utf-8")


# --- a status code stated in prose --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "kinds"),
    [
        ("03", {Kind.UNSPECIFIED_429}),  # "I encountered frequent 429 errors" (Gemini 2.5, free keys)
        ("04", {Kind.UNSPECIFIED_429}),  # "I keep getting the 429 errors" (Google AI Studio)
        (
            "10",
            {Kind.OVERLOADED, Kind.DEADLINE},
        ),  # "499 errors … escalated to consistent 503 (model overload)"
        ("19", {Kind.OVERLOADED, Kind.DEADLINE}),  # "consistent 503 and 504 errors" (AI Studio)
        ("27", {Kind.UNSPECIFIED_429}),  # "severe 429 rate limiting issues with Gemini CLI", "Status 429s"
    ],
)
def test_forum_prose_code_is_claimed_beside_a_google_product(prefix: str, kinds: set[Kind]) -> None:
    diagnosis = one(paste(prefix))
    assert diagnosis.kind in kinds
    assert diagnosis.retry is Retry.BACKOFF


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Our Vertex AI batch keeps returning 503 errors since this morning.", Kind.OVERLOADED),
        ("Gemini CLI shows Persistent Status 429s for the last 2 days", Kind.UNSPECIFIED_429),
        ("antigravity: 429 rate-limit again after two prompts", Kind.UNSPECIFIED_429),
        ("AI Studio gives me 500 and 503 responses all day", Kind.INTERNAL),
        ("Gemini 3 Pro: 504 errors on long prompts", Kind.DEADLINE),
    ],
)
def test_prose_code_variants(text: str, kind: Kind) -> None:
    assert one(text).kind is kind


@pytest.mark.parametrize(
    "text",
    [
        # No Google product named: the same words about any API are not ours to claim.
        "We are on Tier 1 and get 429 errors, but can not track down the quota",
        "I keep getting 429 errors from my proxy",
        # Another provider, no Google product.
        "OpenAI keeps returning 429 errors on gpt-4o",
        # A number that only ends in a status code, or a price.
        "Gemini logs show 1429 errors processed and $503 errors budget",
        # A code not written as a kind of error.
        "Gemini: we saw 429 requests succeed today",
    ],
)
def test_prose_code_is_not_claimed_without_a_google_product_or_error_word(text: str) -> None:
    assert one(text).kind is Kind.UNRECOGNIZED


# --- the one model a post names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "model"),
    [
        ("07", "gemini-2.5-flash-image"),  # "errors on gemini-2.5-flash-image image generation"
        ("12", "gemini-3-pro-image-preview"),  # the model only in the post's title
        ("21", "gemini-embedding-001"),  # "utilize the gemini-embedding-001 model"
        ("22", "gemini-embedding-001"),  # "Batch API for gemini-embedding-001" (title)
        ("24", "gemini-embedding-001"),  # "using the Gemini-Embedding-001 model" (capitalised)
        ("25", "gemini-2.5-flash"),  # "calling gemini-2.5-flash through the standard endpoint"
        ("28", "gemini-2.5-pro"),  # "the gemini-2.5-pro model has 0 RPD" (three times, one model)
        ("29", "gemini-3-pro-image-preview"),  # "calling the model gemini-3-pro-image-preview"
    ],
)
def test_forum_model_named_once_in_the_post(prefix: str, model: str) -> None:
    assert one(paste(prefix)).model == model


def test_bare_model_variants() -> None:
    body = '{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}'
    assert one(f"Since Monday imagen-4.0-generate-001 fails with\n{body}").model == "imagen-4.0-generate-001"
    assert one(f"{body}\n(the model is gemini-2.5-flash-lite, paid tier)").model == "gemini-2.5-flash-lite"


def test_bare_model_is_left_unknown_when_advised() -> None:
    # A model after a word of advice is a target, not the model that failed.
    diagnosis = one("Gemini API: frequent 429 errors. Please switch to gemini-2.5-flash instead.")
    assert diagnosis.kind is Kind.UNSPECIFIED_429
    assert diagnosis.model is None


def test_of_several_bare_models_the_first_is_given_and_the_guess_said() -> None:
    # Two different models and an error that names neither: the first, and the diagnosis says it guessed.
    diagnosis = one("Gemini API: frequent 429 errors on gemini-2.5-flash and on gemini-2.5-pro today.")
    assert diagnosis.kind is Kind.UNSPECIFIED_429
    assert diagnosis.model == "gemini-2.5-flash"
    assert any("several models (gemini-2.5-flash, gemini-2.5-pro)" in a for a in diagnosis.assumptions)
