"""Golden test: the pure core over every real paste in corpus/dev against labels.tsv."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import check_paste, load_labels, score

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus-dev"
LABELS = load_labels(CORPUS)


@pytest.mark.parametrize("row", LABELS, ids=[r["file"][:40] for r in LABELS])
def test_dev_paste(row: dict[str, str]) -> None:
    primary = check_paste(CORPUS, row)
    assert str(primary.retry) == row["retry"]


def test_whole_corpus_score() -> None:
    assert len(LABELS) >= 35
    assert score(CORPUS, LABELS) == len(LABELS)
