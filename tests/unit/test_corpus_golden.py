"""Golden test: the pure core over every real paste in corpus/dev against labels.tsv."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from spec_contract import DIAGNOSIS_KEYS

from gemquota.core.classify import diagnose
from gemquota.core.diagnosis import RETRY_OF, Kind

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def _labels() -> list[dict[str, str]]:
    path = CORPUS / "labels.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


LABELS = _labels()
pytestmark = pytest.mark.skipif(not LABELS, reason="corpus/dev not available")


@pytest.mark.parametrize("row", LABELS, ids=[r["file"][:40] for r in LABELS])
def test_dev_paste(row: dict[str, str]) -> None:
    text = (CORPUS / row["file"]).read_bytes().decode("utf-8", errors="replace")
    primary = diagnose(text, now=NOW)[0]
    kinds = {row["kind"]} | {k for k in row["also_ok"].split(",") if k not in ("", "-")}
    assert primary.kind in kinds, primary.why
    assert primary.retry in {RETRY_OF[Kind(k)] for k in kinds}
    assert str(primary.retry) == row["retry"]
    if row["model"] not in ("", "-"):
        assert primary.model == row["model"]
    assert str(primary.backend) == row["backend"]
    # Evidence is present and every JSON key of SPEC §3 is there.
    assert primary.evidence
    doc = primary.to_json()
    assert set(doc) >= DIAGNOSIS_KEYS
    assert doc["fixes"], "every recognised kind has at least one fix"


def test_whole_corpus_score() -> None:
    hits = 0
    for row in LABELS:
        text = (CORPUS / row["file"]).read_text(encoding="utf-8", errors="replace")
        primary = diagnose(text, now=NOW)[0]
        kinds = {row["kind"]} | {k for k in row["also_ok"].split(",") if k not in ("", "-")}
        hits += primary.kind in kinds
    assert hits == len(LABELS)
