"""``--demo``: run doctor or probe against the bundled Google API emulator (SPEC §1.5)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from gemquota.context import Context, Endpoints
from gemquota.exceptions import UsageError

if TYPE_CHECKING:
    from gemquota.emulator import Emulator


def _unknown(name: str) -> UsageError:
    from gemquota.emulator import SCENARIOS

    names = ", ".join(SCENARIOS)
    return UsageError(f"Unknown demo scenario {name!r}.", f"Choose one of: {names}.")


LATENCY_ENV = "GEMQUOTA_DEMO_LATENCY_MS"

#: How the user's terminal wants output (SPEC §5): kept in the demo's env, which is otherwise
#: only the emulator's (no real Google credentials or keys leak into a demo run).
TERMINAL_ENV = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM")


def _demo_latency(ctx: Context) -> float:
    """Per-call latency of the demo emulator (``GEMQUOTA_DEMO_LATENCY_MS``, for benchmarks)."""
    raw = ctx.env.get(LATENCY_ENV, "").strip()
    if not raw:
        return 0.0
    try:
        ms = float(raw)
    except ValueError:
        raise UsageError(f"{LATENCY_ENV}={raw!r} is not a number of milliseconds.") from None
    return max(0.0, min(ms, 60_000.0)) / 1000.0


@contextmanager
def demo_context(ctx: Context, scenario: str) -> Iterator[tuple[Context, Emulator]]:
    """Start the emulator with ``scenario`` and yield a Context that talks only to it.

    The Context's env is the demo env plus the terminal settings of TERMINAL_ENV (no real Google
    credentials or keys leak in), its endpoints all point at the emulator, and the emulator shares
    the Context's clock."""
    from gemquota.emulator import SCENARIOS, Emulator

    if scenario not in SCENARIOS:
        raise _unknown(scenario)
    with Emulator(scenario, clock=ctx.clock, latency_s=_demo_latency(ctx)) as emu:
        env = {name: ctx.env[name] for name in TERMINAL_ENV if name in ctx.env}
        env.update(emu.demo_env())
        demo_ctx = ctx.with_(env=env, endpoints=Endpoints.from_base(emu.base_url))
        yield demo_ctx, emu


def scenarios() -> tuple[tuple[str, str], ...]:
    """The bundled scenarios as (name, description), in their listing order."""
    from gemquota.emulator import SCENARIOS

    return tuple((s.name, s.description) for s in SCENARIOS.values())
