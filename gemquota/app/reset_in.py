"""``gemquota reset-in``: when a quota window resets, from a window name or from a pasted error.

The reset maths is ``core.reset`` (the same code explain-error uses); this module only decides which
window and which hint apply, prints the result and optionally waits for it.

Precedence when both a WINDOW and an error are given: the explicit window wins. The error still
supplies its retry hint when the window is a per-minute one, and its Code Assist reset delay when the
error is about that same window; a day window always resets at midnight America/Los_Angeles.
An error that names no window but is cured by backing off (``unspecified-429``, ``capacity``,
``overloaded``, ``internal``, ``deadline``) yields ``window`` null with basis ``retry-hint`` (its hint)
or ``rolling-minute`` (60 s), exit 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from gemquota.app.common import parse_now, parse_tz, read_paste
from gemquota.context import Context, OutputFormat
from gemquota.core.diagnosis import Diagnosis, Fix, Kind, Retry
from gemquota.core.reset import Basis, ResetWindow, Window, reset_window
from gemquota.exceptions import GemquotaError, NoInput, UsageError
from gemquota.exitcodes import ExitCode

#: The windows a user can name (a plan allowance resets only as its error says: it needs the error).
NAMED_WINDOWS = tuple(w for w in Window if w is not Window.PLAN)
WINDOWS = ", ".join(w.value for w in NAMED_WINDOWS)
_WINDOW_HINT = (
    f"Give a window ({WINDOWS}), e.g. 'gemquota reset-in rpd', or the error: "
    "'gemquota reset-in --file error.txt' or 'pbpaste | gemquota reset-in'."
)


class Outcome(StrEnum):
    """What reset-in found: a reset time, an error no reset cures, or no Google error at all."""

    RESET = "reset"
    NO_RESET = "no-reset"
    UNRECOGNIZED = "unrecognized"


class Unrecognized(GemquotaError):
    """The input holds no Google/Gemini error (exit 4)."""

    code = "unrecognized"
    exit_code = ExitCode.UNRECOGNIZED


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

    @property
    def exit_code(self) -> ExitCode:
        if self.outcome is Outcome.RESET:
            return ExitCode.OK
        if self.outcome is Outcome.NO_RESET:
            return ExitCode.PROBLEM
        return ExitCode.UNRECOGNIZED


def parse_window(value: str | None) -> Window | None:
    """WINDOW as given on the command line (case-insensitive); None when omitted."""
    if value is None:
        return None
    try:
        named = Window(value.strip().lower())
    except ValueError:
        named = None
    if named not in NAMED_WINDOWS:
        raise UsageError(f"Unknown window {value!r}.", f"Use one of: {WINDOWS}.")
    return named


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
    reset = reset_window(own or Window.RPM, now, retry_after_s=hint, code_assist_reset_s=code_assist)
    return ResetReport(
        Outcome.RESET,
        now,
        own,
        reset,
        diagnosis,
        hint_ignored=hint is not None and reset.basis is Basis.PACIFIC_MIDNIGHT,
        fixes=diagnosis.fixes,
    )


def _read_error(ctx: Context, window: Window | None, file: str | None) -> str | None:
    """The error text: ``--file``, or piped stdin when no WINDOW is given."""
    if window is not None and file is None:
        return None  # an explicit window never blocks on stdin (scripts, CI)
    try:
        text = read_paste(ctx, None, file, required=False)
    except NoInput as err:
        raise NoInput(err.message, _WINDOW_HINT) from None
    if text is None:
        raise UsageError("Give a window or an error.", _WINDOW_HINT)
    return text


def _diagnose(text: str, now: datetime) -> Diagnosis | None:
    from gemquota.core.classify import diagnose  # lazy: keeps start-up small

    found = diagnose(text, now=now)
    return found[0] if found else None


def wait_for(ctx: Context, seconds: float, report: ResetReport) -> None:
    """Block ``seconds`` on ``ctx.clock``/``ctx.sleep``, showing progress on stderr.

    The wait is relative to the start (so it also works with ``--now``); it ends when the clock
    has advanced by ``seconds`` or the sleeps add up to it (whichever comes first, so a clock that
    jumps backwards cannot prolong it)."""
    from gemquota.render.reset import WaitDisplay

    start = ctx.now()
    slept = 0.0
    with WaitDisplay(ctx, report, total=seconds) as display:
        while True:
            elapsed = max((ctx.now() - start).total_seconds(), slept)
            remaining = seconds - elapsed
            if remaining <= 1e-6:
                break
            display.update(remaining)
            step = min(display.tick, remaining)
            ctx.sleep(step)
            slept += step


def run(
    ctx: Context,
    *,
    window: str | None,
    file: str | None,
    now: str | None,
    tz: str | None,
    wait: bool,
) -> int:
    """The reset-in command; returns the exit code."""
    from gemquota.render import reset as render

    win = parse_window(window)
    moment = parse_now(now, ctx)
    if tz is not None:
        ctx = ctx.with_(local_tz=parse_tz(tz))
    text = _read_error(ctx, win, file)
    diagnosis = None if text is None else _diagnose(text, moment)
    report = plan(win, diagnosis, moment)
    if report.outcome is Outcome.UNRECOGNIZED:
        raise Unrecognized(
            "No Google/Gemini error recognised in the input.",
            f"Check the paste with 'gemquota explain-error', or name the window: {WINDOWS}.",
        )
    if ctx.fmt is OutputFormat.JSON:
        render.write_json(ctx, report)
    else:
        render.write_human(ctx, report)
    if report.outcome is not Outcome.RESET or not wait or report.seconds is None:
        return int(report.exit_code)
    try:
        wait_for(ctx, report.seconds, report)
    except KeyboardInterrupt:
        ctx.stderr.write("Interrupted.\n")
        ctx.stderr.flush()
        return int(ExitCode.INTERRUPTED)
    if ctx.fmt is not OutputFormat.JSON:
        render.write_reached(ctx, report)
    return int(ExitCode.OK)
