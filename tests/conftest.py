"""Shared fixtures: an isolated environment and a hand-built Context with captured streams."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from gemquota.context import Context, OutputFormat

#: The fixed clock of make_context (a Sunday morning in UTC, after the March DST switch in the US).
FIXED_NOW = datetime(2026, 3, 8, 17, 30, tzinfo=UTC)

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
CORPUS = FIXTURES / "corpus-dev"
RECORDED = FIXTURES / "recorded-google-bodies"

_PREFIXES = ("CLOUDSDK_", "GEMQUOTA_")
_NAMES = ("GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_CLOUD_PROJECT")


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No real keys, credentials, gcloud config or gemquota settings leak into a test."""
    import os

    for name in list(os.environ):
        if name in _NAMES or name.startswith(_PREFIXES) or name.startswith("GOOGLE_CLOUD_"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_GCE_CHECK", "true")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    yield


class Captured(Context):
    """A Context whose streams are StringIO (typed helpers for tests)."""

    @property
    def out(self) -> str:
        assert isinstance(self.stdout, io.StringIO)
        return self.stdout.getvalue()

    @property
    def err(self) -> str:
        assert isinstance(self.stderr, io.StringIO)
        return self.stderr.getvalue()


MakeContext = Callable[..., Captured]


@pytest.fixture
def make_context() -> MakeContext:
    """``make_context(**overrides)``: a Context with StringIO streams, a fixed clock, no sleeping."""

    def build(**overrides: Any) -> Captured:
        stdin = overrides.pop("stdin", None)
        if isinstance(stdin, str):
            stdin = stdin.encode("utf-8")
        if isinstance(stdin, bytes):
            stdin = io.BytesIO(stdin)
            overrides.setdefault("stdin_isatty", False)
        fields: dict[str, Any] = {
            "env": {"NO_GCE_CHECK": "true"},
            "clock": lambda: FIXED_NOW,
            "sleep": lambda _s: None,
            "stdout": io.StringIO(),
            "stderr": io.StringIO(),
            "stdin": stdin,
            "fmt": OutputFormat.HUMAN,
            "local_tz": UTC,
            "width": 100,
            "color": False,
            "command": "test",
            "dmi_product_path": None,  # never read the test machine's DMI file
        }
        fields.update(overrides)
        return Captured(**fields)

    return build
