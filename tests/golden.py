"""Shared golden-test logic for labelled real pastes (corpus/dev and tests/fixtures/real*)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from spec_contract import DIAGNOSIS_KEYS

from gemquota.core.classify import diagnose
from gemquota.core.diagnosis import RETRY_OF, Diagnosis, Kind

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
BACKENDS = {"gemini-api", "vertex-ai", "code-assist", "unknown"}


def load_labels(folder: Path) -> list[dict[str, str]]:
    """The rows of ``folder/labels.tsv`` (a missing table is an error, never an empty test set)."""
    path = folder / "labels.tsv"
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def kinds_of(row: dict[str, str]) -> set[str]:
    """The labelled kind and the other defensible kinds."""
    return {row["kind"]} | {k for k in row["also_ok"].split(",") if k not in ("", "-")}


def primary_of(folder: Path, row: dict[str, str]) -> Diagnosis:
    text = (folder / row["file"]).read_bytes().decode("utf-8", errors="replace")
    return diagnose(text, now=NOW)[0]


def check_labels(folder: Path, labels: list[dict[str, str]], minimum: int) -> None:
    """Every paste is labelled, labels are valid kinds, sources are URLs, no live-looking key."""
    assert sorted(p.name for p in folder.glob("*.txt")) == sorted(r["file"] for r in labels)
    assert len(labels) >= minimum
    valid = {str(k) for k in Kind}
    for row in labels:
        assert kinds_of(row) <= valid, row["file"]
        assert row["retry"] == str(RETRY_OF[Kind(row["kind"])]), row["file"]
        assert row["backend"] in BACKENDS, row["file"]
        assert row["source"].startswith("https://"), row["file"]
        text = (folder / row["file"]).read_text(encoding="utf-8")
        assert "AIza" not in text.replace("AIza" + "X" * 35, ""), row["file"]


def check_paste(folder: Path, row: dict[str, str]) -> Diagnosis:
    """The primary diagnosis matches the label: kind, retry class, model, backend; evidence and fixes."""
    primary = primary_of(folder, row)
    kinds = kinds_of(row)
    assert primary.kind in kinds, primary.why
    assert primary.retry in {RETRY_OF[Kind(k)] for k in kinds}
    if row["model"] not in ("", "-"):
        assert primary.model == row["model"]
    assert str(primary.backend) == row["backend"]
    assert primary.evidence
    doc = primary.to_json()
    assert set(doc) >= DIAGNOSIS_KEYS
    assert doc["fixes"], "every recognised kind has at least one fix"
    return primary


def score(folder: Path, labels: list[dict[str, str]]) -> int:
    """How many primary kinds are right."""
    return sum(primary_of(folder, row).kind in kinds_of(row) for row in labels)
