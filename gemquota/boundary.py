"""The error boundary every command runs in, without typer (``gemquota.entry``'s fast path and
``gemquota.cli`` share it): known errors become one line + hint, anything else an internal error, a
traceback only with ``--debug`` (redacted)."""

from __future__ import annotations

from collections.abc import Callable

from gemquota.context import Context, OutputFormat
from gemquota.exitcodes import ExitCode


def run_command(command: str, fmt: OutputFormat, debug: bool, body: Callable[[Context], int]) -> int:
    """Run ``body`` with the production Context of ``command`` and return its exit code."""
    from gemquota.core.redact import redact
    from gemquota.exceptions import GemquotaError
    from gemquota.render.errors import report_error

    context = Context.from_process(command=command, fmt=fmt, debug=debug)
    try:
        return int(body(context))
    except GemquotaError as err:
        return report_error(context, err)
    except KeyboardInterrupt:
        context.stderr.write("Interrupted.\n")
        return int(ExitCode.INTERRUPTED)
    except Exception as exc:  # the boundary: never a raw traceback
        if debug:
            import traceback

            context.stderr.write(redact(traceback.format_exc()))
        message = redact(f"internal error: {type(exc).__name__}: {exc}")
        hint = (
            "The traceback above shows where it happened; please report it."
            if debug
            else f"Rerun as 'gemquota --debug {command} …' for details, and report it if it persists."
        )
        internal = GemquotaError(message, hint)
        internal.code = "internal"
        return report_error(context, internal)


__all__ = ["run_command"]
