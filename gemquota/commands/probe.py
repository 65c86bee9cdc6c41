"""``gemquota probe``: resolve the keys, probe (optionally against the demo emulator), print the report."""

from __future__ import annotations

from gemquota.app import probe as app
from gemquota.checks.probing import wanted_models
from gemquota.context import Context
from gemquota.exceptions import UsageError
from gemquota.exitcodes import ExitCode
from gemquota.keys import ApiKey


def run(
    ctx: Context,
    *,
    models: tuple[str, ...],
    no_generate: bool,
    keys: tuple[str, ...] = (),
    demo: str | None,
) -> int:
    """The probe command: exit 0 all OK, 1 any failed, 3 cannot run."""
    if demo is not None:
        from gemquota.app import demo as demo_app

        if demo == "":
            from gemquota.render.demo import scenario_list

            scenario_list(ctx, "probe", demo_app.scenarios())
            return int(ExitCode.OK)
        if keys:
            raise UsageError("--key cannot be combined with --demo (the demo supplies its own key).")
        with demo_app.demo_context(ctx, demo) as (demo_ctx, emulator):
            # the scenario names the models its story is about: they stand in for --model
            story = models or tuple(emulator.scenario.models)
            demo_keys = tuple(emulator.scenario.demo.api_keys)
            preset = tuple(ApiKey(k, "demo") for k in demo_keys) if len(demo_keys) > 1 else ()
            return _run(demo_ctx, models=story, no_generate=no_generate, keys=(), preset=preset)
    return _run(ctx, models=models, no_generate=no_generate, keys=keys)


def _run(
    ctx: Context,
    *,
    models: tuple[str, ...],
    no_generate: bool,
    keys: tuple[str, ...],
    preset: tuple[ApiKey, ...] = (),
) -> int:
    from gemquota.render import probe as render

    api_keys = preset or app.api_keys(ctx, keys)
    wanted = wanted_models(models)
    what = ", ".join(wanted) if wanted else "the default model"
    with_keys = ", ".join(k.masked for k in api_keys)
    with render.progress(ctx, f"Probing {what} with {with_keys} …"):
        report = app.probe(ctx, api_keys, wanted, no_generate)
    render.emit(ctx, report)
    return int(ExitCode.OK if report.ok else ExitCode.PROBLEM)
