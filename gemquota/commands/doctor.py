"""``gemquota doctor``: run the checks (optionally against the demo emulator) and print the report."""

from __future__ import annotations

from gemquota.app import doctor as app
from gemquota.checks.registry import titles
from gemquota.context import Context
from gemquota.exitcodes import ExitCode


def run(
    ctx: Context,
    *,
    project: str | None,
    keys: tuple[str, ...],
    keys_file: str | None,
    models: tuple[str, ...],
    probe: bool,
    demo: str | None,
    list_checks: bool,
    checks: tuple[str, ...],
    verbose: bool = False,
) -> int:
    """The doctor command (exit 0 nothing failed, 1 a fail/crash row, 3 no key and no credentials)."""
    from gemquota.render import doctor as render

    if list_checks:
        render.render_check_list(ctx, titles())
        return int(ExitCode.OK)
    only = app.selected_checks(probe, checks)
    if demo == "":
        from gemquota.app import demo as demo_app
        from gemquota.render.demo import scenario_list

        scenario_list(ctx, "doctor", demo_app.scenarios())
        return int(ExitCode.OK)
    with app.session(
        ctx,
        project=project,
        keys=keys,
        keys_file=keys_file,
        models=models,
        probe=probe,
        demo=demo,
        verbose=verbose,
    ) as (run_ctx, options, key_env):
        with render.progress(run_ctx, app.visible_count(options, only)) as update:
            report = app.diagnose(run_ctx, options=options, key_env=key_env, only=only, progress=update)
        app.require_something_checked(report)
        render.render(
            run_ctx,
            report.outcomes,
            report.verdict,
            report.status,
            report.project,
            extra=report.json_extra(),
            verbose=options.verbose,
        )
        return int(report.exit_code)
