"""How a command that could not run says so: one line + hint on stderr, or the JSON error document."""

from __future__ import annotations

from gemquota.context import Context, OutputFormat
from gemquota.core.redact import redact
from gemquota.exceptions import GemquotaError


def report_error(ctx: Context, err: GemquotaError) -> int:
    """Print a one-line error with its hint (or the JSON error document) and return its exit code."""
    if ctx.fmt is OutputFormat.JSON:
        from gemquota.render import jsonout  # json only for JSON output (explain-error's start-up, SPEC §9)

        jsonout.write(ctx.stdout, jsonout.failure(ctx.command, err.code, err.message, err.hint))
    else:
        ctx.stderr.write(redact(f"gemquota: error: {err.message}\n"))
        if err.hint:
            ctx.stderr.write(redact(f"hint: {err.hint}\n"))
        ctx.stderr.flush()
    return int(err.exit_code)
