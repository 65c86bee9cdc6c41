"""Helpers shared by the tests of shapes found in the held-out paste sets: a paste of a set by its
number, and the primary diagnosis (or its kind) of a text at a fixed time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from gemquota import explain
from gemquota.core.diagnosis import Diagnosis

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def one(text: str | bytes) -> Diagnosis:
    """The primary diagnosis of ``text``."""
    return explain(text, now=NOW)[0]


def kind(text: str | bytes) -> str:
    """The primary kind of ``text``."""
    return str(one(text).kind)


def real(folder: str, prefix: str) -> str:
    """The paste numbered ``prefix`` of the set ``folder`` (exactly one file must match)."""
    (path,) = (FIXTURES / folder).glob(f"{prefix}-*.txt")
    return path.read_text(encoding="utf-8")
