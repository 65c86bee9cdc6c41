"""Command-line interface: parse arguments, build the Context, run one command, exit.

The only module that knows typer. Each command lazily imports its ``gemquota.commands`` module
(which runs the ``gemquota.app`` use case and prints with ``gemquota.render``), so that
``explain-error`` and ``reset-in`` never load google-cloud, grpc or google-genai."""

import math
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from gemquota import __version__
from gemquota.context import Context, OutputFormat
from gemquota.exitcodes import ExitCode

# typer may vendor click (0.28 does): reach its exception classes through typer's public BadParameter.
_USAGE_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
_CLICK_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")

_APP_SETTINGS: dict[str, Any] = {
    "name": "gemquota",
    "help": "Why your Gemini API calls fail with 429 RESOURCE_EXHAUSTED, and the fastest fix.",
    "pretty_exceptions_show_locals": False,
    "pretty_exceptions_enable": False,
    "no_args_is_help": True,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}

FORMAT_HELP = "Output format: human or json (env GEMQUOTA_FORMAT)."
FORMAT_HELP_GH = "Output format: human, json or github (env GEMQUOTA_FORMAT)."


# ------------------------------------------------------------------------------ shell completion
# Completion callbacks get what was typed so far; they import only what the answer needs.


def _complete_format(incomplete: str) -> list[str]:
    return [f.value for f in OutputFormat if f.value.startswith(incomplete.lower())]


def _complete_format_plain(incomplete: str) -> list[str]:
    return [f for f in _complete_format(incomplete) if f != OutputFormat.GITHUB.value]


def _complete_window(incomplete: str) -> list[str]:
    from gemquota.core.reset import Window

    # A plan allowance is no window to name: it resets only as its error says (give the error).
    return [w.value for w in Window if w is not Window.PLAN and w.value.startswith(incomplete.lower())]


def _complete_scenario(incomplete: str) -> list[str]:
    from gemquota.emulator import SCENARIOS

    return [name for name in SCENARIOS if name.startswith(incomplete)]


def _complete_check(incomplete: str) -> list[str]:
    from gemquota.checks.registry import titles

    return [check_id for check_id in titles() if check_id.startswith(incomplete)]


# -------------------------------------------------------------------------------- arguments
# Every option names its value (metavar) so that --help shows no raw type such as <float range>.

_STRING = typer.main.get_click_type(annotation=str, parameter_info=typer.models.ParameterInfo())


class _Plain(type(_STRING)):  # type: ignore[misc]
    """A string argument whose help line shows its name only (not a ``<str>`` type column)."""

    def get_metavar(self, *args: Any, **kwargs: Any) -> str:
        return ""


FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        envvar="GEMQUOTA_FORMAT",
        help=FORMAT_HELP,
        show_default=True,
        metavar="FORMAT",
        autocompletion=_complete_format_plain,
    ),
]
FormatGhOpt = Annotated[
    str,
    typer.Option(
        "--format",
        envvar="GEMQUOTA_FORMAT",
        help=FORMAT_HELP_GH,
        show_default=True,
        metavar="FORMAT",
        autocompletion=_complete_format,
    ),
]
NowOpt = Annotated[
    str | None,
    typer.Option("--now", help="Fix the clock (ISO 8601, e.g. 2026-03-08T09:30:00Z).", metavar="TIME"),
]
FileOpt = Annotated[
    str | None,
    typer.Option("--file", "-f", help="Read the error from PATH ('-' for stdin).", metavar="PATH"),
]
DemoOpt = Annotated[
    str | None,
    typer.Option(
        "--demo",
        help="Run against the bundled Google API emulator with SCENARIO (no scenario: list them).",
        metavar="SCENARIO",
        autocompletion=_complete_scenario,
    ),
]
#: --timeout bounds (seconds): finite, positive, and at most an hour per call.
TIMEOUT_MIN_S = 0.1
TIMEOUT_MAX_S = 3600.0


def _timeout(value: float) -> float:
    if not math.isfinite(value) or not TIMEOUT_MIN_S <= value <= TIMEOUT_MAX_S:
        raise typer.BadParameter(
            f"{value:g} is not a number of seconds from {TIMEOUT_MIN_S:g} to {TIMEOUT_MAX_S:g}.",
            param_hint="--timeout",
        )
    return value


TimeoutOpt = Annotated[
    float,
    typer.Option(
        "--timeout",
        help=f"Seconds allowed per call, in all (total deadline, {TIMEOUT_MIN_S:g} to {TIMEOUT_MAX_S:g}).",
        metavar="SECONDS",
        callback=_timeout,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gemquota {__version__}")
        raise typer.Exit(0)


def _root(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show internal errors in full (secrets still redacted).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Why your Gemini API calls fail with 429 RESOURCE_EXHAUSTED, and the fastest fix."""
    ctx.obj = {"debug": debug}


def _format(ctx: typer.Context, value: str, allowed: tuple[OutputFormat, ...]) -> OutputFormat:
    try:
        fmt = OutputFormat(value.strip().lower())
    except ValueError:
        fmt = None
    if fmt is None or fmt not in allowed:
        source = ctx.get_parameter_source("fmt")
        if getattr(source, "name", None) == "ENVIRONMENT" and fmt is OutputFormat.GITHUB:
            return OutputFormat.HUMAN  # GEMQUOTA_FORMAT=github set for doctor: other commands fall back
        names = ", ".join(f.value for f in allowed)
        raise typer.BadParameter(f"{value!r} is not one of {names}.", ctx=ctx, param_hint="--format")
    return fmt


def _run(
    ctx: typer.Context,
    command: str,
    fmt: OutputFormat,
    body: Callable[[Context], int],
) -> int:
    """The error boundary (``gemquota.boundary``) around one command."""
    from gemquota.boundary import run_command

    debug = bool((ctx.obj or {}).get("debug", False))
    return run_command(command, fmt, debug, body)


def explain_error(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            help="The error text (omit to read --file or piped stdin).", metavar="[TEXT]", click_type=_Plain()
        ),
    ] = None,
    file: FileOpt = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", help="The model you called (flags quota counted elsewhere).", metavar="MODEL"
        ),
    ] = None,
    now: NowOpt = None,
    key: Annotated[
        str | None,
        typer.Option(
            "--key",
            help="The API key in use (default: GOOGLE_API_KEY, GEMINI_API_KEY); only its kind is read.",
            metavar="KEY",
        ),
    ] = None,
    fmt: FormatOpt = "human",
) -> int:
    """Name the bottleneck in a pasted Gemini / Vertex AI / Code Assist error, with the fix."""
    form = _format(ctx, fmt, (OutputFormat.HUMAN, OutputFormat.JSON))

    def body(c: Context) -> int:
        from gemquota.commands import explain_error as cmd

        return cmd.run(c, text=text, file=file, model=model, now=now, key=key)

    return _run(ctx, "explain-error", form, body)


def reset_in(
    ctx: typer.Context,
    window: Annotated[
        str | None,
        typer.Argument(
            help="rpm, tpm, ipm, rpd or tpd (omit when an error is given).",
            metavar="[WINDOW]",
            click_type=_Plain(),
            autocompletion=_complete_window,
        ),
    ] = None,
    file: FileOpt = None,
    now: NowOpt = None,
    tz: Annotated[
        str | None, typer.Option("--tz", help="Zone for 'local' time (IANA name).", metavar="ZONE")
    ] = None,
    wait: Annotated[bool, typer.Option("--wait", help="Block until the reset, then exit 0.")] = False,
    fmt: FormatOpt = "human",
) -> int:
    """When a quota window resets (RPD: midnight America/Los_Angeles), optionally waiting for it."""
    form = _format(ctx, fmt, (OutputFormat.HUMAN, OutputFormat.JSON))

    def body(c: Context) -> int:
        from gemquota.commands import reset_in as cmd

        if wait:
            import gc

            gc.enable()  # --wait may run for a day: collect cycles as usual (see run())
        return cmd.run(c, window=window, file=file, now=now, tz=tz, wait=wait)

    return _run(ctx, "reset-in", form, body)


def probe(
    ctx: typer.Context,
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            help="Model to probe (repeatable; default: the newest stable Flash model models.list returns).",
            metavar="MODEL",
        ),
    ] = None,
    no_generate: Annotated[
        bool, typer.Option("--no-generate", help="Only models.list (free); no generateContent.")
    ] = False,
    key: Annotated[
        list[str] | None,
        typer.Option(
            "--key",
            help="API key (repeatable: every key is probed; default GOOGLE_API_KEY, GEMINI_API_KEY).",
            metavar="KEY",
        ),
    ] = None,
    timeout: TimeoutOpt = 10.0,
    demo: DemoOpt = None,
    fmt: FormatGhOpt = "human",
) -> int:
    """One minimal live request per key and model, diagnosed (one request of RPM and RPD each)."""
    form = _format(ctx, fmt, tuple(OutputFormat))

    def body(c: Context) -> int:
        from gemquota.commands import probe as cmd

        return cmd.run(
            c.with_(timeout=timeout),
            models=tuple(model or ()),
            no_generate=no_generate,
            keys=tuple(key or ()),
            demo=demo,
        )

    return _run(ctx, "probe", form, body)


def doctor(
    ctx: typer.Context,
    project: Annotated[
        str | None,
        typer.Option(
            "--project",
            help="The project you believe is billed (else GOOGLE_CLOUD_PROJECT / ADC).",
            metavar="PROJECT",
        ),
    ] = None,
    key: Annotated[
        list[str] | None, typer.Option("--key", help="API key to check (repeatable).", metavar="KEY")
    ] = None,
    keys_file: Annotated[
        str | None,
        typer.Option("--keys-file", help="File with one key per line (# comments).", metavar="FILE"),
    ] = None,
    model: Annotated[
        list[str] | None, typer.Option("--model", help="Model you use (repeatable).", metavar="MODEL")
    ] = None,
    probe_: Annotated[
        bool, typer.Option("--probe", help="Also send one generateContent per model (costs quota).")
    ] = False,
    demo: DemoOpt = None,
    list_checks: Annotated[bool, typer.Option("--list-checks", help="Print the check ids and exit.")] = False,
    check: Annotated[
        list[str] | None,
        typer.Option(
            "--check",
            help="Run only this check (repeatable) and what it needs.",
            metavar="ID",
            autocompletion=_complete_check,
        ),
    ] = None,
    timeout: TimeoutOpt = 10.0,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Every message and the full limits table.")
    ] = False,
    fmt: FormatGhOpt = "human",
) -> int:
    """Check the key's project, billing, API, quota limits and usage; name the most important fix."""
    form = _format(ctx, fmt, tuple(OutputFormat))

    def body(c: Context) -> int:
        from gemquota.commands import doctor as cmd

        return cmd.run(
            c.with_(timeout=timeout),
            project=project,
            keys=tuple(key or ()),
            keys_file=keys_file,
            models=tuple(model or ()),
            probe=probe_,
            demo=demo,
            list_checks=list_checks,
            checks=tuple(check or ()),
            verbose=verbose,
        )

    return _run(ctx, "doctor", form, body)


def scan(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Log files (plain or .gz); '-' or none with piped stdin.", metavar="[PATH]..."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="Only errors at or after WHEN (ISO 8601, or 2h / 30m before now).", metavar="WHEN"
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Only errors at or before WHEN (ISO 8601, or 2h / 30m before now).",
            metavar="WHEN",
        ),
    ] = None,
    fmt: FormatOpt = "human",
) -> int:
    """Every Gemini / Google error in whole logs: how often, since when, and what to fix first."""
    form = _format(ctx, fmt, (OutputFormat.HUMAN, OutputFormat.JSON))

    def body(c: Context) -> int:
        from gemquota.commands import scan as cmd

        return cmd.run(c, paths=tuple(paths or ()), since=since, until=until)

    return _run(ctx, "scan", form, body)


def emulator(
    ctx: typer.Context,
    scenario: Annotated[
        str,
        typer.Option(
            "--scenario",
            help="Bundled scenario to serve.",
            metavar="SCENARIO",
            autocompletion=_complete_scenario,
        ),
    ] = "healthy",
    port: Annotated[
        int, typer.Option("--port", help="Port on 127.0.0.1 (0 = any free port).", metavar="PORT")
    ] = 0,
) -> int:
    """Run the bundled Google API emulator in the foreground (for pointing your own code at it)."""

    def body(c: Context) -> int:
        import gc

        from gemquota.app import emulator as cmd

        gc.enable()  # a long-running server: collect cycles as usual (see run())
        return cmd.run(c, scenario=scenario, port=port)

    return _run(ctx, "emulator", OutputFormat.HUMAN, body)


_COMMANDS: dict[str, Callable[..., int]] = {
    "explain-error": explain_error,
    "reset-in": reset_in,
    "probe": probe,
    "doctor": doctor,
    "scan": scan,
    "emulator": emulator,
}


def make_app(only: str | None = None) -> typer.Typer:
    """The typer app; with ``only``, just that command (typer then builds one command, not five:
    this keeps the start-up of ``explain-error`` and ``reset-in`` lean)."""
    new = typer.Typer(**_APP_SETTINGS)
    new.callback()(_root)
    for name, fn in _COMMANDS.items():
        if only is None or name == only:
            new.command(name)(fn)
    return new


app = make_app()


def _invoked_command(args: list[str], env: dict[str, str] | Any) -> str | None:
    """The subcommand named on the command line, when only that one needs building."""
    if any(k.startswith("_GEMQUOTA_COMPLETE") for k in env):
        return None
    for arg in args:
        if arg == "--debug":
            continue
        return arg if arg in _COMMANDS else None
    return None


def _wants_json(args: list[str], env_format: str | None) -> bool:
    for i, arg in enumerate(args):
        if arg == "--format" and i + 1 < len(args):
            return args[i + 1].strip().lower() == "json"
        if arg.startswith("--format="):
            return arg.split("=", 1)[1].strip().lower() == "json"
    return (env_format or "").strip().lower() == "json"


def _optional_demo_value(args: list[str]) -> list[str]:
    """``--demo`` without a scenario (last, or followed by another option) means "list the scenarios"."""
    out = list(args)
    for i, arg in enumerate(out):
        if arg == "--":
            break
        if arg == "--demo" and (i + 1 == len(out) or out[i + 1].startswith("-")):
            out[i] = "--demo="
    return out


def _show_redacted(exc: Exception) -> None:
    """click's usage message (it echoes the offending argument, which may be a key) through redact."""
    import io

    from gemquota.core.redact import redact

    buffer = io.StringIO()
    exc.show(file=buffer)  # type: ignore[attr-defined]
    sys.stderr.write(redact(buffer.getvalue()))
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code (usage errors become JSON in ``--format json``)."""
    import os

    args = _optional_demo_value(list(sys.argv[1:] if argv is None else argv))
    command = typer.main.get_command(make_app(_invoked_command(args, os.environ)))
    try:
        result: Any = command.main(args=args, prog_name="gemquota", standalone_mode=False)
    except _USAGE_ERROR as exc:
        if _wants_json(args, os.environ.get("GEMQUOTA_FORMAT")):
            from gemquota.core.redact import redact
            from gemquota.render import jsonout

            ctx = getattr(exc, "ctx", None)
            name = getattr(getattr(ctx, "command", None), "name", None) or "gemquota"
            hint = "Run 'gemquota --help' or 'gemquota COMMAND --help'."
            message = redact(exc.format_message())  # type: ignore[attr-defined]
            jsonout.write(sys.stdout, jsonout.failure(str(name), "usage", message, hint))
        else:
            _show_redacted(exc)
        return int(ExitCode.USAGE)
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("Interrupted.\n")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:  # the reader went away (``gemquota --help | head -3``)
        from gemquota.boundary import silence_stdout

        silence_stdout()
        return int(ExitCode.PROBLEM)
    except _CLICK_ERROR as exc:
        _show_redacted(exc)
        return int(getattr(exc, "exit_code", 1))
    if isinstance(result, int):
        return result
    return int(ExitCode.OK)
