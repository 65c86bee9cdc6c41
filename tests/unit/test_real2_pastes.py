"""Golden test: the pure core over the second set of real pastes in tests/fixtures/real2.

Each paste was copied verbatim from a public issue, pull request or forum thread (its URL is the
``source`` column; none of them repeats a thread of tests/fixtures/real); labels are judged from the
text alone, like the development corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import NOW, check_labels, check_paste, load_labels, score

from gemquota.core.classify import diagnose

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real2"
OTHER = Path(__file__).resolve().parents[1] / "fixtures" / "real"
LABELS = load_labels(FIXTURES)


def test_labels_are_complete() -> None:
    check_labels(FIXTURES, LABELS, minimum=30)


def test_sources_are_new_threads() -> None:
    seen = {r["source"] for r in load_labels(OTHER)}
    assert not seen & {r["source"] for r in LABELS}


@pytest.mark.parametrize("row", LABELS, ids=[r["file"][:40] for r in LABELS])
def test_real2_paste(row: dict[str, str]) -> None:
    check_paste(FIXTURES, row)


def test_whole_set_score() -> None:
    assert score(FIXTURES, LABELS) == len(LABELS)


# The general shapes behind the rules these pastes needed (minimal, synthetic texts).
SHAPES = [
    (  # a bare resource name (no URL slash) names the model the request was aimed at
        "Gemini API operation failed: operation=models/gemini-2.0-flash:generateContent, status_code=400, "
        'response={ "error": { "code": 400, "message": "User location is not supported for the API use.", '
        '"status": "FAILED_PRECONDITION" } }',
        "region",
        "gemini-2.0-flash",
        "gemini-api",
    ),
    (  # the Code Assist agent-mode notice names the model only by its display name
        "You've hit your daily limit of requests with Gemini 2.5 Flash. Switching to Gemini 2.5 Flash-Lite.",
        "plan-quota",
        "gemini-2.5-flash",
        "code-assist",
    ),
]


@pytest.mark.parametrize(
    ("text", "kind", "model", "backend"), SHAPES, ids=[s[1] + "-" + s[3] for s in SHAPES]
)
def test_general_shapes(text: str, kind: str, model: str, backend: str) -> None:
    primary = diagnose(text, now=NOW)[0]
    assert primary.kind == kind, primary.why
    assert primary.model == model
    assert str(primary.backend) == backend


def test_new_rules_stay_narrow() -> None:
    """The notice needs the Gemini wording; other daily limits and model paths stay unrecognized."""
    for text in (
        "You've hit your daily limit of requests with this plan.",
        "GET /api/models/llama-3:generate returned 200",
    ):
        assert diagnose(text, now=NOW)[0].kind == "unrecognized", text
