"""``gemquota explain-error``: read one paste, diagnose it, print the diagnoses (human or JSON).

Exit 0 when a Google/Gemini error was recognised, 4 when not (the JSON document is still printed),
2 when there is no input at all (raised as NoInput and reported by the CLI boundary)."""

from __future__ import annotations

from gemquota.app.common import parse_now, read_input
from gemquota.context import Context, OutputFormat
from gemquota.core.diagnosis import Diagnosis, Kind
from gemquota.exitcodes import ExitCode
from gemquota.library import explain, explain_large
from gemquota.render import jsonout

COMMAND = "explain-error"


def exit_code_for(diagnoses: list[Diagnosis]) -> ExitCode:
    """0 when anything was recognised, 4 when the paste holds no Google error."""
    if not diagnoses or all(d.kind is Kind.UNRECOGNIZED for d in diagnoses):
        return ExitCode.UNRECOGNIZED
    return ExitCode.OK


def run(ctx: Context, *, text: str | None, file: str | None, model: str | None, now: str | None) -> int:
    """Diagnose the paste from the argument, ``--file`` or piped stdin and print the result."""
    moment = parse_now(now, ctx)
    paste = read_input(ctx, text, file)
    assert paste is not None  # required=True: NoInput is raised instead
    requested = model.strip().removeprefix("models/") if model and model.strip() else None
    if isinstance(paste, str):
        diagnoses = explain(paste, model=requested, now=moment)
    else:
        # A large input: every byte streamed through the whole-input reader, memory bounded.
        with paste:
            diagnoses = explain_large(paste, model=requested, now=moment)
    if ctx.fmt is OutputFormat.JSON:
        jsonout.write(ctx.stdout, jsonout.success(COMMAND, {"diagnoses": [d.to_json() for d in diagnoses]}))
    else:
        from gemquota.render.explain import render_diagnoses

        render_diagnoses(ctx, diagnoses, now=moment)
    return int(exit_code_for(diagnoses))
