"""``gemquota probe``: resolve the key, probe (optionally against the demo emulator), print the report."""

from __future__ import annotations

from gemquota.app import probe as app
from gemquota.checks.probing import wanted_models
from gemquota.context import Context
from gemquota.exceptions import UsageError
from gemquota.exitcodes import ExitCode


def run(
    ctx: Context, *, models: tuple[str, ...], no_generate: bool, key: str | None, demo: str | None
) -> int:
    """The probe command: exit 0 all OK, 1 any failed, 3 cannot run."""
    if demo is not None:
        from gemquota.app import demo as demo_app

        if demo == "":
            from gemquota.render.demo import scenario_list

            scenario_list(ctx, "probe", demo_app.scenarios())
            return int(ExitCode.OK)
        if key is not None:
            raise UsageError("--key cannot be combined with --demo (the demo supplies its own key).")
        with demo_app.demo_context(ctx, demo) as (demo_ctx, _emulator):
            return _run(demo_ctx, models=models, no_generate=no_generate, key=None)
    return _run(ctx, models=models, no_generate=no_generate, key=key)


def _run(ctx: Context, *, models: tuple[str, ...], no_generate: bool, key: str | None) -> int:
    from gemquota.render import probe as render

    api_key = app.api_key(ctx, key)
    wanted = wanted_models(models)
    with render.progress(ctx, f"Probing {', '.join(wanted)} with {api_key.masked} …"):
        report = app.probe(ctx, api_key, wanted, no_generate)
    render.emit(ctx, report)
    return int(ExitCode.OK if report.ok else ExitCode.PROBLEM)
