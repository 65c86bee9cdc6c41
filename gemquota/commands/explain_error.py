"""``gemquota explain-error``: diagnose one paste and print the diagnoses (human or JSON)."""

from __future__ import annotations

from gemquota.app import explain_error as app
from gemquota.context import Context, OutputFormat


def run(
    ctx: Context,
    *,
    text: str | None,
    file: str | None,
    model: str | None,
    now: str | None,
    key: str | None = None,
) -> int:
    """Diagnose the paste from the argument, ``--file`` or piped stdin and print the result."""
    report = app.diagnose(ctx, text=text, file=file, model=model, now=now, key=key)
    if ctx.fmt is OutputFormat.JSON:
        from gemquota.render import jsonout

        data = {"diagnoses": [d.to_json() for d in report.diagnoses]}
        jsonout.write(ctx.stdout, jsonout.success(app.COMMAND, data))
    else:
        from gemquota.render.explain import render_diagnoses

        render_diagnoses(ctx, report.diagnoses, now=report.now)
    return int(report.exit_code)
