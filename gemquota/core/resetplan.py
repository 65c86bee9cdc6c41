"""What reset-in answers: which window resets when, from an explicit window and/or a diagnosis.

Pure: the reset maths is ``core.reset``; this module only decides which window and which hint
apply. Precedence when both a WINDOW and an error are given: the explicit window wins. The error
still supplies its retry hint when the window is a per-minute one, and its Code Assist reset delay
when the error is about that same window; a day window always resets at midnight America/Los_Angeles.
An error that names no window but is cured by backing off (``unspecified-429``, ``capacity``,
``overloaded``, ``internal``, ``deadline``) yields ``window`` None with basis ``retry-hint`` (its
hint) or ``rolling-minute`` (60 s)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from gemquota.core.diagnosis import Diagnosis, Fix, Kind, Retry
from gemquota.core.reset import Basis, ResetWindow, Window, reset_window


class Outcome(StrEnum):
    """What reset-in found: a reset time, an error no reset cures, or no Google error at all."""

    RESET = "reset"
    NO_RESET = "no-reset"
    UNRECOGNIZED = "unrecognized"


@dataclass(frozen=True)
class ResetReport:
    """The answer of reset-in, ready to render."""

    outcome: Outcome
    now: datetime
    #: The window that resets (None when the error names none, or no reset helps).
    window: Window | None = None
    reset: ResetWindow | None = None
    #: The primary diagnosis of the error given, if any.
    diagnosis: Diagnosis | None = None
    #: True when WINDOW was given on the command line.
    explicit: bool = False
    #: The error's retry hint was present but is not the reset (day window).
    hint_ignored: bool = False
    fixes: tuple[Fix, ...] = field(default=())

    @property
    def reset_at(self) -> datetime | None:
        return None if self.reset is None else self.reset.reset_at

    @property
    def seconds(self) -> float | None:
        return None if self.reset is None else self.reset.seconds

    @property
    def basis(self) -> Basis | None:
        return None if self.reset is None else self.reset.basis

    @property
    def retry_after_s(self) -> float | None:
        return None if self.diagnosis is None else self.diagnosis.retry_after_s


def _window_of(kind: Kind) -> Window | None:
    if kind is Kind.PLAN_QUOTA:
        return Window.PLAN
    try:
        return Window(str(kind))
    except ValueError:
        return None


def _usable_hint(diagnosis: Diagnosis | None) -> float | None:
    if diagnosis is None or diagnosis.retry_after_s is None:
        return None
    hint = float(diagnosis.retry_after_s)
    return hint if not math.isnan(hint) else None


def _code_assist_delay(diagnosis: Diagnosis | None, window: Window | None) -> float | None:
    """The Code Assist reset delay of ``diagnosis`` when it applies to ``window``."""
    if diagnosis is None or diagnosis.reset_basis != Basis.CODE_ASSIST_RESET.value:
        return None
    if window is not None and _window_of(diagnosis.kind) not in (window, None):
        return None
    return _usable_hint(diagnosis)


def plan(window: Window | None, diagnosis: Diagnosis | None, now: datetime) -> ResetReport:
    """Decide the reset for an explicit ``window`` and/or the primary ``diagnosis`` of an error."""
    hint = _usable_hint(diagnosis)
    if window is not None:
        code_assist = _code_assist_delay(diagnosis, window)
        if code_assist is None and _code_assist_delay(diagnosis, None) is not None:
            hint = None  # a Code Assist reset of another window is no retry hint for this one
        reset = reset_window(window, now, retry_after_s=hint, code_assist_reset_s=code_assist)
        return ResetReport(
            Outcome.RESET,
            now,
            window,
            reset,
            diagnosis,
            explicit=True,
            hint_ignored=hint is not None and reset.basis is Basis.PACIFIC_MIDNIGHT,
            fixes=() if diagnosis is None else diagnosis.fixes,
        )
    if diagnosis is None or diagnosis.kind == Kind.UNRECOGNIZED or diagnosis.retry is None:
        return ResetReport(Outcome.UNRECOGNIZED, now, diagnosis=diagnosis)
    if diagnosis.retry == Retry.FIX:
        from gemquota.core.matrix import fixes_of  # lazily: only errors no reset cures need it

        return ResetReport(Outcome.NO_RESET, now, diagnosis=diagnosis, fixes=fixes_of(diagnosis))
    own = _window_of(diagnosis.kind)
    code_assist = _code_assist_delay(diagnosis, own)
    # No named window (unspecified-429, capacity, …): back off like a minute window, report none.
    # An error that states its reset as its retry hint (the Interactions API) resets then, any window.
    stated = diagnosis.reset_basis == Basis.RETRY_HINT.value and own is not None
    reset = reset_window(
        own or Window.RPM, now, retry_after_s=hint, code_assist_reset_s=code_assist, retry_is_reset=stated
    )
    return ResetReport(
        Outcome.RESET,
        now,
        own,
        reset,
        diagnosis,
        hint_ignored=hint is not None and reset.basis is Basis.PACIFIC_MIDNIGHT,
        fixes=diagnosis.fixes,
    )
