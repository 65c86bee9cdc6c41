"""Fixtures for tests that talk to the bundled emulator over loopback (127.0.0.1 only)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from gemquota.emulator import Emulator, Scenario

#: 10:30:15.25 PST: well inside a Pacific day, so "since midnight" and "last minute" do not overlap.
EMU_NOW = datetime(2026, 11, 23, 18, 30, 15, 250000, tzinfo=UTC)

EmulatorFactory = Callable[..., Emulator]


@pytest.fixture
def emulator() -> Iterator[EmulatorFactory]:
    """Factory: ``emulator("healthy", latency_s=…, clock=…)`` starts one; all are stopped afterwards."""
    started: list[Emulator] = []

    def start(scenario: str | Scenario = "healthy", **kwargs: Any) -> Emulator:
        emu = Emulator(scenario, **kwargs)
        emu.start()
        started.append(emu)
        return emu

    yield start
    for emu in started:
        emu.stop()


@pytest.fixture
def emu_clock() -> Callable[[], datetime]:
    """A fixed clock for the emulator (usage windows become deterministic)."""
    return lambda: EMU_NOW
