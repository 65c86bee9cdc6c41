"""The model a paste names outside the Google body, found in fresh real pastes (tests/fixtures/real9; each
paste's thread is in that folder's SOURCES.tsv), with variants written here to check that each rule is
general over its shape family rather than keyed to one paste:

* a labelled field of the client's own information: gemini-cli's ``* **Model Version:** gemini-2.5-pro``,
  its ``/about`` box row ``│ Model   gemini-3-pro-preview │``, code's ``model: "gemini-3.5-flash-lite"``
  (real9 06, 10, 22, 26, 27, 36, 39);
* prose naming the model with "with", the id in backticks or quotes (real9 11, 40).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gemquota import explain
from gemquota.core.diagnosis import Diagnosis, Kind, Retry

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

BARE_429 = '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}'
OVERLOADED = '{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}'


def one(text: str) -> Diagnosis:
    return explain(text, now=NOW)[0]


def paste(prefix: str) -> str:
    (path,) = sorted((FIXTURES / "real9").glob(f"{prefix}-*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "kind", "model"),
    [
        (paste("06"), Kind.CAPACITY, "gemini-3-pro-preview"),
        (paste("10"), Kind.UNSPECIFIED_429, "gemini-3.5-flash-lite"),
        (paste("22"), Kind.UNSPECIFIED_429, "gemini-2.5-pro"),
        (paste("26"), Kind.OVERLOADED, "gemini-2.5-pro"),
        (paste("27"), Kind.OVERLOADED, "gemini-2.5-pro"),
        (paste("36"), Kind.REGION, "gemini-2.5-flash"),
        (paste("39"), Kind.REGION, "gemini-2.5-flash"),
        # Variants: other labels, separators and quoting of the same field.
        (
            f"{BARE_429}\n\n- Model Version: gemini-2.0-flash-lite\n- OS: linux",
            Kind.UNSPECIFIED_429,
            "gemini-2.0-flash-lite",
        ),
        (
            f"{OVERLOADED}\n\n│ Model        gemini-3-flash-preview      │",
            Kind.OVERLOADED,
            "gemini-3-flash-preview",
        ),
        (
            f"const r = await ai.models.generateContent({{ model: 'gemini-2.5-flash' }});\n{BARE_429}",
            Kind.UNSPECIFIED_429,
            "gemini-2.5-flash",
        ),
        (
            f'{BARE_429}\nllm = ChatGoogleGenerativeAI(model = "models/gemini-1.5-pro-002")',
            Kind.UNSPECIFIED_429,
            "gemini-1.5-pro-002",
        ),
    ],
)
def test_model_in_a_labelled_field(text: str, kind: Kind, model: str) -> None:
    d = one(text)
    assert d.kind == kind, d.why
    assert d.model == model


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (paste("11"), "gemini-3.1-pro-preview"),
        (paste("40"), "gemini-2.0-flash-001"),
        (f"Calling the API with gemini-2.5-flash-lite fails:\n{BARE_429}", "gemini-2.5-flash-lite"),
        (f"{OVERLOADED}\n(the app talks to Gemini with the 'gemini-2.5-pro' model)", "gemini-2.5-pro"),
    ],
)
def test_model_named_in_prose_with(text: str, model: str) -> None:
    assert one(text).model == model


@pytest.mark.parametrize(
    "text",
    [
        # A model word with no id after it, an id glued to another word: no model.
        f"{BARE_429}\n* **Model Version:** auto-gemini-3",
        f"{BARE_429}\nthe model was slow with large prompts",
    ],
)
def test_no_model_without_an_id_after_the_label(text: str) -> None:
    d = one(text)
    assert (d.kind, d.retry) == (Kind.UNSPECIFIED_429, Retry.BACKOFF)
    assert d.model is None


def test_fallback_model_notice_is_not_the_failing_model() -> None:
    d = one(paste("01"))
    assert d.kind == Kind.CAPACITY
    assert d.model is None


# --- a 429 written beside gRPC's RESOURCE_EXHAUSTED in words, mid-line or quoted (real9 45) -------------


@pytest.mark.parametrize(
    "text",
    [
        paste("45"),
        'Hitting 429 "Resource exhausted" after a few prompts',
        "Gemini API 429 resource exhausted error since this morning",
        "gemini-cli: 429 Resource Exhausted",
        "Got a 429 “Resource exhausted” from Gemini again",
    ],
)
def test_429_beside_resource_exhausted_in_words_is_a_bare_429(text: str) -> None:
    d = one(text)
    assert (d.kind, d.retry) == (Kind.UNSPECIFIED_429, Retry.BACKOFF), d.why


@pytest.mark.parametrize(
    "text",
    [
        "Error: resource exhausted",  # no code: gRPC's status from anyone (Ollama, a local server)
        "worker pool resource exhausted after 429 retries",  # the number is no status code before the words
    ],
)
def test_resource_exhausted_without_a_code_before_it_is_not_claimed(text: str) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED
