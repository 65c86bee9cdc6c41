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
    except BrokenPipeError:
        # The reader of the output went away (``gemquota … | head -1``): nothing more can be said to it,
        # and a traceback about it would only be noise. Exit quietly, like other command-line tools.
        silence_stdout()
        return int(ExitCode.PROBLEM)
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


def silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of what is left in
    its buffer does not fail again on the closed pipe."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


__all__ = ["run_command", "silence_stdout"]
