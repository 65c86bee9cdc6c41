"""``gemquota reset-in``: when a quota window resets, from a window name or from a pasted error.

The reset maths is ``core.reset`` and the choice of window and hint ``core.resetplan`` (the same
code explain-error uses); this module reads the input, builds the report, picks the exit code and
runs the ``--wait`` loop. Printing is ``gemquota.render.reset``, called by ``gemquota.commands``."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from gemquota.app.common import parse_now, parse_tz, read_paste
from gemquota.context import Context
from gemquota.core.diagnosis import Diagnosis
from gemquota.core.reset import Window
from gemquota.core.resetplan import Outcome, ResetReport, plan
from gemquota.exceptions import NoInput, Unrecognized, UsageError
from gemquota.exitcodes import ExitCode

__all__ = ["Outcome", "ResetReport", "compute", "exit_code_for", "parse_window", "plan", "wait_for"]

#: The windows a user can name (a plan allowance resets only as its error says: it needs the error).
NAMED_WINDOWS = tuple(w for w in Window if w is not Window.PLAN)
WINDOWS = ", ".join(w.value for w in NAMED_WINDOWS)
_WINDOW_HINT = (
    f"Give a window ({WINDOWS}), e.g. 'gemquota reset-in rpd', or the error: "
    "'gemquota reset-in --file error.txt' or 'pbpaste | gemquota reset-in' "
    "(Linux: 'wl-paste | …' or 'xclip -o -selection clipboard | …')."
)

_EXIT: dict[Outcome, ExitCode] = {
    Outcome.RESET: ExitCode.OK,
    Outcome.NO_RESET: ExitCode.PROBLEM,
    Outcome.UNRECOGNIZED: ExitCode.UNRECOGNIZED,
}


def exit_code_for(report: ResetReport) -> ExitCode:
    """0 a reset was found, 1 no reset cures the error, 4 no Google error in the input."""
    return _EXIT[report.outcome]


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


class WaitProgress(Protocol):
    """What ``wait_for`` drives: a display entered once, told the time left every ``tick`` seconds."""

    tick: float

    def update(self, remaining: float) -> None: ...


def wait_for(ctx: Context, seconds: float, display: WaitProgress) -> None:
    """Block ``seconds`` on ``ctx.clock``/``ctx.sleep``, telling ``display`` the time left.

    The wait is relative to the start (so it also works with ``--now``); it ends when the clock
    has advanced by ``seconds`` or the sleeps add up to it (whichever comes first, so a clock that
    jumps backwards cannot prolong it)."""
    start = ctx.now()
    slept = 0.0
    while True:
        elapsed = max((ctx.now() - start).total_seconds(), slept)
        remaining = seconds - elapsed
        if remaining <= 1e-6:
            break
        display.update(remaining)
        step = min(display.tick, remaining)
        ctx.sleep(step)
        slept += step


def compute(
    ctx: Context, *, window: str | None, file: str | None, now: str | None, tz: str | None
) -> tuple[Context, ResetReport]:
    """The reset-in report (and the Context with ``--tz`` applied); raises Unrecognized (exit 4)."""
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
    return ctx, report
