"""Golden test: the pure core over the second set of real pastes in tests/fixtures/real2.

Each paste was copied verbatim from a public issue, pull request or forum thread (its URL is the
``source`` column; none of them repeats a thread of tests/fixtures/real); labels are judged from the
text alone, like the development corpus.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from spec_contract import DIAGNOSIS_KEYS

from gemquota.core.classify import diagnose
from gemquota.core.diagnosis import RETRY_OF, Kind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real2"
OTHER = Path(__file__).resolve().parents[1] / "fixtures" / "real"
NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def _labels(folder: Path) -> list[dict[str, str]]:
    with (folder / "labels.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


LABELS = _labels(FIXTURES)


def _kinds(row: dict[str, str]) -> set[str]:
    return {row["kind"]} | {k for k in row["also_ok"].split(",") if k not in ("", "-")}


def test_labels_are_complete() -> None:
    files = sorted(p.name for p in FIXTURES.glob("*.txt"))
    assert files == sorted(r["file"] for r in LABELS)
    assert len(LABELS) >= 30
    valid = {str(k) for k in Kind}
    for row in LABELS:
        assert _kinds(row) <= valid, row["file"]
        assert row["retry"] == str(RETRY_OF[Kind(row["kind"])]), row["file"]
        assert row["backend"] in {"gemini-api", "vertex-ai", "code-assist", "unknown"}, row["file"]
        assert row["source"].startswith("https://"), row["file"]
        assert "AIza" not in (FIXTURES / row["file"]).read_text(encoding="utf-8").replace(
            "AIza" + "X" * 35, ""
        )


def test_sources_are_new_threads() -> None:
    seen = {r["source"] for r in _labels(OTHER)}
    assert not seen & {r["source"] for r in LABELS}


@pytest.mark.parametrize("row", LABELS, ids=[r["file"][:40] for r in LABELS])
def test_real2_paste(row: dict[str, str]) -> None:
    text = (FIXTURES / row["file"]).read_bytes().decode("utf-8", errors="replace")
    primary = diagnose(text, now=NOW)[0]
    kinds = _kinds(row)
    assert primary.kind in kinds, primary.why
    assert primary.retry in {RETRY_OF[Kind(k)] for k in kinds}
    if row["model"] not in ("", "-"):
        assert primary.model == row["model"]
    assert str(primary.backend) == row["backend"]
    assert primary.evidence
    doc = primary.to_json()
    assert set(doc) >= DIAGNOSIS_KEYS
    assert doc["fixes"], "every recognised kind has at least one fix"


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
        "rpd",
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
