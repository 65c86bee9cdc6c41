"""The console-script entry point (``gemquota``, ``python -m gemquota``).

``explain-error`` is what a user runs the moment a 429 appears, so its start-up is budgeted (SPEC §9).
An ``explain-error`` command line made only of options it knows, each once, with their values (the
common case: ``gemquota explain-error --file x --format json``) is run directly, through the same
error boundary and command module as the typer CLI, without importing typer and click. Anything else —
help, an unknown or repeated option, a missing value, a format other than human/json, shell completion —
goes to ``gemquota.cli``, which parses it and reports usage errors; the two paths give the same output
for the same command line (tests/cli/test_entry.py)."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

#: explain-error's options that take a value, and the parameter each one sets.
_EXPLAIN_OPTIONS = {
    "--file": "file",
    "-f": "file",
    "--model": "model",
    "--now": "now",
    "--key": "key",
    "--format": "fmt",
}


def explain_fast_args(args: Sequence[str], env: Mapping[str, str]) -> dict[str, str | None] | None:
    """The parameters of a plain ``explain-error`` command line, or None when the typer CLI must parse it."""
    if not args or args[0] != "explain-error" or any(k.startswith("_GEMQUOTA_COMPLETE") for k in env):
        return None
    got: dict[str, str | None] = {}
    text: str | None = None
    i = 1
    while i < len(args):
        arg = args[i]
        if arg.startswith("-"):
            name, eq, value = arg.partition("=")
            if name not in _EXPLAIN_OPTIONS or (eq and not name.startswith("--")):
                return None
            if not eq:
                if i + 1 >= len(args):
                    return None
                i += 1
                value = args[i]
                if value.startswith("-") and value != "-":
                    return None  # an option where a value belongs: click decides what it means
            param = _EXPLAIN_OPTIONS[name]
            if param in got:
                return None
            got[param] = value
        else:
            if text is not None:
                return None
            text = arg
        i += 1
    fmt = got.get("fmt")
    if fmt is None:
        fmt = env.get("GEMQUOTA_FORMAT") or "human"
    fmt = fmt.strip().lower()
    if fmt not in ("human", "json"):
        return None
    return {
        "text": text,
        "file": got.get("file"),
        "model": got.get("model"),
        "now": got.get("now"),
        "key": got.get("key"),
        "fmt": fmt,
    }


def _explain_error(params: Mapping[str, str | None]) -> int:
    from gemquota.boundary import run_command
    from gemquota.context import Context, OutputFormat

    def body(c: Context) -> int:
        from gemquota.commands import explain_error as cmd

        return cmd.run(
            c,
            text=params["text"],
            file=params["file"],
            model=params["model"],
            now=params["now"],
            key=params["key"],
        )

    return run_command("explain-error", OutputFormat(params["fmt"] or "human"), False, body)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line and return its exit code."""
    import os

    args = list(sys.argv[1:] if argv is None else argv)
    params = explain_fast_args(args, os.environ)
    if params is not None:
        try:
            return _explain_error(params)
        except KeyboardInterrupt:
            sys.stderr.write("Interrupted.\n")
            from gemquota.exitcodes import ExitCode

            return int(ExitCode.INTERRUPTED)
    from gemquota.cli import main as cli_main

    return cli_main(args)


def run() -> None:
    """Console-script entry point.

    A command runs for well under a second, and most of what it allocates lives until exit (modules,
    classes, compiled patterns): the cyclic garbage collector is off while it runs (``emulator``, which
    serves until stopped, and ``reset-in --wait`` turn it back on), and everything is frozen before
    exit so that the interpreter's final collection does not walk it. About a tenth of explain-error's
    cold start."""
    import gc

    gc.disable()
    try:
        code = main()
        _flush_stdout()
    finally:
        gc.freeze()
    _exit_now_if_calls_abandoned(code)
    sys.exit(code)


def _flush_stdout() -> None:
    """Flush standard output now, while a closed pipe can still be met quietly (``gemquota … | head``)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        from gemquota.boundary import silence_stdout

        silence_stdout()


def _exit_now_if_calls_abandoned(code: int) -> None:
    """Leave at once when worker threads are still alive (calls abandoned at their deadline or on Ctrl-C).

    Such a thread may sit in a socket call; letting the interpreter finalize around it can hang or crash
    the process (seen as SIGSEGV after Ctrl-C). The report is complete by now: flush and exit."""
    threading = sys.modules.get("threading")
    if threading is None:
        return  # never imported: no thread was started (and importing it costs explain-error ~0.5 ms)
    if not any(t is not threading.main_thread() and t.is_alive() for t in threading.enumerate()):
        return
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


__all__ = ["explain_fast_args", "main", "run"]
