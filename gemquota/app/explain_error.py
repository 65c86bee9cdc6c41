"""``gemquota explain-error``: read one paste and diagnose it.

Exit 0 when a Google/Gemini error was recognised, 4 when not (the JSON document is still printed),
2 when there is no input at all (raised as NoInput and reported by the CLI boundary).
Printing is ``gemquota.render.explain`` / ``render.jsonout``, called by ``gemquota.commands``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gemquota.app.common import parse_now, read_input, unreadable
from gemquota.context import Context
from gemquota.core.diagnosis import Diagnosis, Kind
from gemquota.core.keykind import key_in_use, key_kind
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
    ctx: Context,
    *,
    text: str | None,
    file: str | None,
    model: str | None,
    now: str | None,
    key: str | None = None,
) -> ExplainReport:
    """Diagnose the paste from the argument, ``--file`` or piped stdin. The key in use (``key``, else
    GOOGLE_API_KEY, else GEMINI_API_KEY) tailors key errors by its kind; its value is never kept."""
    moment = parse_now(now, ctx)
    paste = read_input(ctx, text, file)
    assert paste is not None  # required=True: NoInput is raised instead
    requested = model.strip().removeprefix("models/") if model and model.strip() else None
    in_use = key_in_use(dict(ctx.env), key)
    if isinstance(paste, str):
        return ExplainReport(tuple(explain(paste, model=requested, now=moment, key=in_use)), moment)
    # A large input: every byte streamed through the whole-input reader, memory bounded.
    kind = key_kind(in_use)
    options = {"key_kind": kind} if kind is not None else None
    from gemquota.core.reader import UnreadableInput

    with paste:
        try:
            found = explain_large(paste, model=requested, now=moment, options=options)
        except UnreadableInput as exc:  # a corrupt gzip, a decompression bomb, a read error
            raise unreadable(file, exc) from None
        return ExplainReport(tuple(found), moment)
