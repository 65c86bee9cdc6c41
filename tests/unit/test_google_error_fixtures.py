"""Every paste shape of error-shapes.md that corpus/dev lacks, from real texts (tests/fixtures/errors)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gemquota.core.classify import diagnose
from gemquota.core.diagnosis import RETRY_OF, Kind

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "errors"
NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)

with (FIXTURES / "expected.tsv").open(encoding="utf-8") as _fh:
    ROWS = list(csv.DictReader(_fh, delimiter="\t"))


def _extra(row: dict[str, str]) -> dict[str, str]:
    if row["extra"] in ("", "-"):
        return {}
    return dict(item.split("=", 1) for item in row["extra"].split(","))


@pytest.mark.parametrize("row", ROWS, ids=[r["case"] for r in ROWS])
def test_fixture(row: dict[str, str]) -> None:
    text = (FIXTURES / f"{row['case']}.txt").read_text(encoding="utf-8")
    diagnoses = diagnose(text, now=NOW)
    primary = diagnoses[0]
    assert str(primary.kind) == row["kind"], primary.why
    assert primary.retry == RETRY_OF[Kind(row["kind"])]
    if row["model"] != "-":
        assert primary.model == row["model"]
    assert str(primary.backend) == row["backend"]
    for key, want in _extra(row).items():
        if key == "n_diagnoses":
            assert len(diagnoses) == int(want)
            continue
        got = primary.to_json()[key]
        if isinstance(got, float):
            assert got == pytest.approx(float(want))
        else:
            assert str(got) == want, key
    if primary.kind != Kind.UNRECOGNIZED:
        assert primary.evidence
