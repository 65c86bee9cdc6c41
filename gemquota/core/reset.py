"""Reset maths: when each quota window resets (RPD at midnight America/Los_Angeles, DST-aware)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

PACIFIC = ZoneInfo("America/Los_Angeles")
#: Longest delay we turn into a reset time; anything longer (or not finite) is clamped to it.
MAX_DELAY_S = 366 * 86400.0
MINUTE_S = 60.0


class Window(StrEnum):
    """Quota windows: per-minute (rolling) and per-day (Pacific midnight)."""

    RPM = "rpm"
    TPM = "tpm"
    IPM = "ipm"
    RPD = "rpd"
    TPD = "tpd"
    #: A per-user plan allowance (Code Assist / Antigravity): daily or weekly, reset as the error states.
    PLAN = "plan"

    @property
    def is_daily(self) -> bool:
        return self in (Window.RPD, Window.TPD)


class Basis(StrEnum):
    """How a reset time was found (SPEC §3 reset-in ``basis``)."""

    PACIFIC_MIDNIGHT = "pacific-midnight"
    RETRY_HINT = "retry-hint"
    ROLLING_MINUTE = "rolling-minute"
    CODE_ASSIST_RESET = "code-assist-reset"


@dataclass(frozen=True)
class ResetWindow:
    """When a window resets, why we think so, and how long that is from ``now``."""

    window: Window
    reset_at: datetime
    basis: Basis
    seconds: float


def clamp_delay(seconds: float) -> float:
    """A usable delay: non-negative, finite and at most MAX_DELAY_S."""
    if math.isnan(seconds) or seconds < 0:
        return 0.0
    return min(seconds, MAX_DELAY_S)


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)


@lru_cache(maxsize=64)
def next_pacific_midnight(now: datetime) -> datetime:
    """The next 00:00 in America/Los_Angeles strictly after ``now``, in UTC (remembered: a run asks
    for the same ``now`` once per error)."""
    local = _utc(now).astimezone(PACIFIC)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=PACIFIC)
    return midnight.astimezone(UTC)


def reset_window(
    window: Window | str,
    now: datetime,
    *,
    retry_after_s: float | None = None,
    code_assist_reset_s: float | None = None,
    retry_is_reset: bool = False,
) -> ResetWindow:
    """When ``window`` resets. Day windows ignore retry hints (a 5 s RetryInfo on RPD is not the reset);
    a Code Assist reset delay is the real reset for its per-user windows; a plan allowance resets when
    its error says (reset delay, else retry hint), else at midnight Pacific like a day window."""
    win = Window(window)
    start = _utc(now)
    if code_assist_reset_s is not None:
        at, basis = start + timedelta(seconds=clamp_delay(code_assist_reset_s)), Basis.CODE_ASSIST_RESET
    elif retry_after_s is not None and (retry_is_reset or win is Window.PLAN):
        # An error that states its reset only as "Please retry in 12h47m5s" (the Interactions API, a plan
        # allowance): that is its reset, even on a day window.
        at, basis = start + timedelta(seconds=clamp_delay(retry_after_s)), Basis.RETRY_HINT
    elif win.is_daily or win is Window.PLAN:
        at, basis = next_pacific_midnight(start), Basis.PACIFIC_MIDNIGHT
    elif retry_after_s is not None:
        at, basis = start + timedelta(seconds=clamp_delay(retry_after_s)), Basis.RETRY_HINT
    else:
        at, basis = start + timedelta(seconds=MINUTE_S), Basis.ROLLING_MINUTE
    return ResetWindow(win, at, basis, (at - start).total_seconds())


def reset_time(window: Window | str, now: datetime, retry_after_s: float | None = None) -> datetime:
    """Public helper (SPEC §1.6): the UTC moment ``window`` resets."""
    return reset_window(window, now, retry_after_s=retry_after_s).reset_at
