"""``gemquota scan``: scan whole logs and print the result (human with a progress bar, or JSON)."""

from __future__ import annotations

from gemquota.app import scan as app
from gemquota.context import Context, OutputFormat
from gemquota.exitcodes import ExitCode
from gemquota.render import scan as render


def run(ctx: Context, *, paths: tuple[str, ...], since: str | None, until: str | None) -> int:
    """Scan the logs and print the result; exit 1 when Google errors were found, else 0."""
    opened = app.open_inputs(ctx, paths)
    with render.ScanProgress(ctx, total=app.total_size(opened)) as progress:
        result = app.scan(ctx, opened, since=since, until=until, progress=progress)
    if ctx.fmt is OutputFormat.JSON:
        render.write_json(ctx, result)
    else:
        render.write_human(ctx, result)
    return int(ExitCode.PROBLEM if result.errors else ExitCode.OK)
