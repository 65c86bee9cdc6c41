"""``gemquota explain-error``: read one paste and diagnose it.

Exit 0 when a Google/Gemini error was recognised, 4 when not (the JSON document is still printed),
2 when there is no input at all (raised as NoInput and reported by the CLI boundary).
Printing is ``gemquota.render.explain`` / ``render.jsonout``, called by ``gemquota.commands``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gemquota.app.common import parse_now, read_input
from gemquota.context import Context
from gemquota.core.diagnosis import Diagnosis, Kind
from gemquota.exitcodes import ExitCode
from gemquota.library import explain, explain_large

COMMAND = "explain-error"


@dataclass(frozen=True)
class ExplainReport:
    """The diagnoses of one paste (primary first) and the moment they were made for."""

    diagnoses: tuple[Diagnosis, ...]
    now: datetime

    @property
    def exit_code(self) -> ExitCode:
        return exit_code_for(list(self.diagnoses))


def exit_code_for(diagnoses: list[Diagnosis]) -> ExitCode:
    """0 when anything was recognised, 4 when the paste holds no Google error."""
    if not diagnoses or all(d.kind is Kind.UNRECOGNIZED for d in diagnoses):
        return ExitCode.UNRECOGNIZED
    return ExitCode.OK


def diagnose(
    ctx: Context, *, text: str | None, file: str | None, model: str | None, now: str | None
) -> ExplainReport:
    """Diagnose the paste from the argument, ``--file`` or piped stdin."""
    moment = parse_now(now, ctx)
    paste = read_input(ctx, text, file)
    assert paste is not None  # required=True: NoInput is raised instead
    requested = model.strip().removeprefix("models/") if model and model.strip() else None
    if isinstance(paste, str):
        return ExplainReport(tuple(explain(paste, model=requested, now=moment)), moment)
    # A large input: every byte streamed through the whole-input reader, memory bounded.
    with paste:
        return ExplainReport(tuple(explain_large(paste, model=requested, now=moment)), moment)
