"""Rendering of ``reset-in``: human text, the JSON document (SPEC §3) and the ``--wait`` progress bar."""

from __future__ import annotations

import math
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.text import Text

from gemquota.context import Context
from gemquota.core.diagnosis import Kind, Retry, iso_z
from gemquota.core.redact import redact
from gemquota.core.reset import PACIFIC, Basis, Window
from gemquota.core.resetplan import Outcome, ResetReport
from gemquota.render import jsonout
from gemquota.render.console import TransientBar, make_console

WINDOW_NAMES: dict[Window, str] = {
    Window.RPM: "requests per minute",
    Window.TPM: "input tokens per minute",
    Window.IPM: "images per minute",
    Window.RPD: "requests per day",
    Window.TPD: "input tokens per day",
    Window.PLAN: "plan allowance per user",
}


# ----------------------------------------------------------------------------------------- words


def countdown(seconds: float) -> str:
    """A short human duration: ``42 s``, ``3 min 5 s``, ``7 h 12 min``, ``2 d 3 h 0 min``."""
    if not math.isfinite(seconds) or seconds <= 0:
        return "0 s"
    if seconds < 3600:
        whole = math.ceil(seconds)
        if whole < 60:
            return f"{whole} s"
        minutes, secs = divmod(whole, 60)
        if minutes >= 60:
            return "1 h 0 min"
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    total_min = int(seconds // 60)
    hours, minutes = divmod(total_min, 60)
    if hours < 48:  # a day window is up to 25 h away: keep it in hours
        return f"{hours} h {minutes} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h {minutes} min"


def _delay(seconds: float) -> str:
    """A retry hint as the error gave it (``5 s``, ``27.5 s``) or as a duration when long."""
    if seconds < 60:
        return f"{round(seconds, 1):g} s"
    return countdown(seconds)


def _label(window: Window) -> str:
    return f"{window.value.upper()} ({WINDOW_NAMES[window]})"


def _zone_name(zone: tzinfo | None, moment: datetime) -> str:
    if isinstance(zone, ZoneInfo):
        return zone.key
    if zone is UTC:
        return "UTC"
    return moment.tzname() or "local"


def _local(report: ResetReport, ctx: Context) -> datetime | None:
    if report.reset_at is None:
        return None
    if ctx.local_tz is not None:
        return report.reset_at.astimezone(ctx.local_tz)
    return report.reset_at.astimezone()  # the machine's local zone


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.isoformat(timespec="milliseconds" if moment.microsecond else "seconds")


def message(report: ResetReport) -> str:
    """The basis of the reset time in words (or why no reset helps)."""
    diag = report.diagnosis
    kind = None if diag is None else str(diag.kind)
    if report.outcome is Outcome.NO_RESET:
        return (
            f"No reset helps: {kind} is not a quota window that runs out; waiting or retrying fails "
            "the same way until something is changed."
        )
    if report.outcome is Outcome.UNRECOGNIZED:
        return "No Google/Gemini error recognised in the input."
    basis, window, hint = report.basis, report.window, report.retry_after_s
    if basis is Basis.PACIFIC_MIDNIGHT and window is Window.PLAN:
        # A Code Assist / Antigravity allowance whose error states no reset: midnight Pacific is a guess
        # (gemini-cli's maintainers: its windows run 24 h, not to a day boundary).
        return (
            "The error states no reset time: the PLAN allowance is assumed to reset at midnight Pacific "
            "time. Code Assist daily windows may instead run 24 h from their first request, and "
            "Antigravity's individual quota a week; /stats (gemini-cli) or /usage (Antigravity) shows "
            "the real reset."
        )
    if basis is Basis.PACIFIC_MIDNIGHT and window is not None:
        zone = "PST" if report.reset_at is None else report.reset_at.astimezone(PACIFIC).tzname()
        return (
            f"{window.value.upper()} resets at midnight Pacific time (America/Los_Angeles, {zone}), "
            "not at UTC midnight and not 24 h after your first call."
        )
    if basis is Basis.CODE_ASSIST_RESET:
        what = "this quota" if window is None else f"the {window.value.upper()} quota"
        after = "" if hint is None else f" after {_delay(hint)}"
        return (
            f"Code Assist (Gemini CLI) reports its own per-user reset: {what} resets{after}, "
            "as the error says."
        )
    if window is not None:
        if basis is Basis.RETRY_HINT and hint is not None:
            return (
                f"{window.value.upper()} is a rolling per-minute window; the error's retry hint "
                f"says to retry in {_delay(hint)}."
            )
        return f"{window.value.upper()} is a rolling per-minute window: it recovers within 60 s."
    # An error that names no window but is cured by backing off.
    retry = (
        f"honouring its retry hint of {_delay(hint)}"
        if basis is Basis.RETRY_HINT and hint is not None
        else "a per-minute limit recovers within 60 s"
    )
    text = f"This error ({kind}) names no quota window: retry with exponential backoff and jitter ({retry})."
    if diag is not None and diag.kind == Kind.UNSPECIFIED_429:
        text += (
            " If it keeps failing for minutes, a per-day quota may be exhausted (it resets at midnight "
            "Pacific time): run 'gemquota doctor'."
        )
    elif diag is not None and diag.kind in (Kind.CAPACITY, Kind.OVERLOADED):
        text += " It is not your project's quota; more quota or billing does not help."
    return text


def notes(report: ResetReport) -> list[str]:
    """Extra remarks: a retry hint that is not the reset, an error that disagrees with WINDOW."""
    out: list[str] = []
    diag, window, hint = report.diagnosis, report.window, report.retry_after_s
    if report.hint_ignored and hint is not None:
        out.append(
            f"The error's retry hint ({_delay(hint)}) is not the reset: a per-day quota stays "
            "exhausted until midnight Pacific time, so retrying sooner fails again."
        )
    if report.outcome is Outcome.NO_RESET and hint is not None:
        out.append(f"The error's retry hint ({_delay(hint)}) does not help: a retry fails the same way.")
    if report.explicit and diag is not None and window is not None:
        asked = f"showing the {window.value.upper()} reset you asked for"
        if diag.kind == Kind.UNRECOGNIZED or diag.retry is None:
            out.append(f"No Google/Gemini error was recognised in the input; {asked}.")
        elif diag.retry == Retry.FIX:
            out.append(
                f"The error given is {diag.kind}: no reset cures it (see 'gemquota explain-error'); {asked}."
            )
        elif str(diag.kind) != window.value:
            out.append(f"The error given is {diag.kind}, not {window.value}; {asked}.")
    return out


# ------------------------------------------------------------------------------------------ JSON


def to_json(report: ResetReport, ctx: Context) -> dict[str, Any]:
    """The ``data`` object of SPEC §3 (listed keys always present) plus extra keys."""
    local = _local(report, ctx)
    diag = report.diagnosis
    return {
        "window": None if report.window is None else report.window.value,
        "reset_at": iso_z(report.reset_at),
        "seconds": None if report.seconds is None else float(report.seconds),
        "basis": None if report.basis is None else report.basis.value,
        "pacific": None if report.reset_at is None else _iso(report.reset_at.astimezone(PACIFIC)),
        "local": _iso(local),
        "local_zone": None if local is None else _zone_name(ctx.local_tz, local),
        "now": iso_z(report.now),
        "kind": None if diag is None else str(diag.kind),
        "retry": None if diag is None or diag.retry is None else str(diag.retry),
        "retry_after_s": report.retry_after_s,
        "headline": None if diag is None else diag.headline,
        "message": message(report),
        "notes": notes(report),
        "fixes": [f.to_json() for f in report.fixes],
    }


def write_json(ctx: Context, report: ResetReport) -> None:
    jsonout.write(ctx.stdout, jsonout.success("reset-in", to_json(report, ctx)))


# ----------------------------------------------------------------------------------------- human


def _console(ctx: Context, stream: Any) -> Console:
    return make_console(ctx, stream, soft_wrap=True)


def _when(moment: datetime) -> str:
    return moment.strftime("%a %Y-%m-%d %H:%M:%S")


def _headline(report: ResetReport) -> str:
    seconds = report.seconds or 0.0
    rolling = report.basis is Basis.ROLLING_MINUTE
    if report.window is None:
        return "Retry within 60 s" if rolling else f"Retry in {countdown(seconds)}"
    name = _label(report.window)
    if rolling:
        return f"{name} resets within 60 s"
    return f"{name} resets in {countdown(seconds)}" if seconds > 0 else f"{name} resets now"


def write_human(ctx: Context, report: ResetReport) -> None:
    """Human output on stdout (secrets redacted)."""
    out = _console(ctx, ctx.stdout)
    diag = report.diagnosis

    def line(text: str = "", style: str = "") -> None:
        out.print(Text(redact(text), style=style))

    if report.outcome is Outcome.NO_RESET and diag is not None:
        line(f"No reset helps: {diag.kind}", "bold red")
        if diag.headline:
            line(f"  {diag.headline}")
        line("Waiting for a quota reset or retrying never cures this error: a change is needed.")
        for note in notes(report):
            line(f"Note: {note}", "yellow")
        _fixes(line, report)
        return
    if report.reset_at is None:
        return
    line(_headline(report), "bold")
    pacific = report.reset_at.astimezone(PACIFIC)
    local = _local(report, ctx)
    assert local is not None
    line(f"  UTC       {_when(report.reset_at.astimezone(UTC))} UTC")
    line(f"  Pacific   {_when(pacific)} {pacific.tzname()} (America/Los_Angeles)")
    line(f"  Local     {_when(local)} {local.tzname()} ({_zone_name(ctx.local_tz, local)})")
    line(f"  Now       {_when(report.now.astimezone(UTC))} UTC", "dim")
    if diag is not None and not report.explicit:
        what = diag.headline or str(diag.kind)
        line(f"From the error: {diag.kind} ({diag.backend}): {what}")
    line(message(report))
    for note in notes(report):
        line(f"Note: {note}", "yellow")
    others = [f for f in report.fixes if not f.id.startswith("wait")][:3]
    if others and not report.explicit:
        line("Other options ('gemquota explain-error' shows the steps):")
        for fix in others:
            line(f"  - {fix.title}")


def _fixes(line: Any, report: ResetReport) -> None:
    if not report.fixes:
        return
    line("Fix:", "bold")
    for number, fix in enumerate(report.fixes, 1):
        line(f"  {number}. {fix.title}")
        for step in fix.steps:
            line(f"     - {step}")
        if fix.url:
            line(f"     {fix.url}", "dim")


def write_reached(ctx: Context, report: ResetReport) -> None:
    """After ``--wait``: one line on stderr saying the reset has come."""
    what = "Retry time" if report.window is None else f"{report.window.value.upper()} reset"
    ctx.stderr.write(f"{what} reached.\n")
    ctx.stderr.flush()


# ------------------------------------------------------------------------------------------ wait


class WaitDisplay(TransientBar):
    """Progress of ``--wait`` on stderr: a transient rich bar on a terminal, one line otherwise.

    It never reads the clock or sleeps itself; the caller drives it with ``update(remaining)``."""

    def __init__(self, ctx: Context, report: ResetReport, *, total: float) -> None:
        super().__init__()
        self._ctx = ctx
        self._total = max(total, 0.0)
        self._console = _console(ctx, ctx.stderr)
        self.live = self._console.is_terminal and not self._console.is_dumb_terminal
        #: Seconds between updates: every second with a live bar, else coarse (the clock is re-read).
        self.tick = 1.0 if self.live else 30.0
        what = "the reset" if report.window is None else f"the {report.window.value.upper()} reset"
        self._label = f"Waiting for {what}" if report.window is not None else "Waiting to retry"
        self._what = what
        self._at = report.reset_at

    def __enter__(self) -> WaitDisplay:
        if self.live:
            from rich.progress import BarColumn, Progress, TextColumn  # only --wait needs it

            ctx = self._ctx
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[left]} left"),
                console=self._console,
                auto_refresh=False,
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
                get_time=lambda: ctx.now().timestamp(),
            )
            self._progress.start()
            self._task = self._progress.add_task(
                self._label, total=self._total or 1.0, left=countdown(self._total)
            )
            self._progress.refresh()
        else:
            until = "" if self._at is None else f" (until {_when(self._at.astimezone(UTC))} UTC)"
            self._ctx.stderr.write(f"{self._label}: {countdown(self._total)} left{until}.\n")
            self._ctx.stderr.flush()
        return self

    def update(self, remaining: float) -> None:
        if self._progress is None or self._task is None:
            return
        self._progress.update(
            self._task, completed=max(self._total - remaining, 0.0), left=countdown(remaining)
        )
        self._progress.refresh()
