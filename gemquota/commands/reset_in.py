"""``gemquota reset-in``: compute the reset, print it (human or JSON), optionally wait for it."""

from __future__ import annotations

from gemquota.app import reset_in as app
from gemquota.context import Context, OutputFormat
from gemquota.core.resetplan import Outcome, ResetReport
from gemquota.exitcodes import ExitCode


def wait_for(ctx: Context, seconds: float, report: ResetReport) -> None:
    """``--wait``: block ``seconds`` with the progress display of ``render.reset`` on stderr."""
    from gemquota.render.reset import WaitDisplay

    with WaitDisplay(ctx, report, total=seconds) as display:
        app.wait_for(ctx, seconds, display)


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

    ctx, report = app.compute(ctx, window=window, file=file, now=now, tz=tz)
    if ctx.fmt is OutputFormat.JSON:
        render.write_json(ctx, report)
    else:
        render.write_human(ctx, report)
    code = app.exit_code_for(report)
    if report.outcome is not Outcome.RESET or not wait or report.seconds is None:
        return int(code)
    try:
        wait_for(ctx, report.seconds, report)
    except KeyboardInterrupt:
        ctx.stderr.write("Interrupted.\n")
        ctx.stderr.flush()
        return int(ExitCode.INTERRUPTED)
    if ctx.fmt is not OutputFormat.JSON:
        render.write_reached(ctx, report)
    return int(ExitCode.OK)
