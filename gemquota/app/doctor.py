"""The doctor command: run the checks of SPEC §4 concurrently and build the report (verdict, exit code).

Printing is ``gemquota.render.doctor``, called by ``gemquota.commands.doctor``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from gemquota.checks.base import CheckOutcome, Status
from gemquota.checks.common import (
    BELIEVED_BILLING,
    BILLING,
    CREDS,
    KEY_ENV,
    KEYS,
    OPTIONS,
    PROJECT_INFO,
    TARGET,
    TIER,
    DoctorOptions,
    Target,
)
from gemquota.checks.registry import build_checks
from gemquota.checks.runner import RunReport, run_checks, select
from gemquota.context import Context
from gemquota.exceptions import NoCredentials, UsageError
from gemquota.exitcodes import ExitCode
from gemquota.keys import ApiKey, KeyEnvironment, resolve_keys

#: Which problem to fix first: the headline (billing on the key's project) leads.
FIX_PRIORITY: tuple[str, ...] = (
    "billed-project",
    "api-key",
    "key-project",
    "api-enabled",
    "key-restrictions",
    "cloud-credentials",
    "quota-limits",
    "quota-usage",
    "billing-account",
    "tier",
    "shared-keys",
    "probe",
)


@dataclass(frozen=True)
class DoctorReport:
    """The finished run: visible outcomes in display order, the verdict, the project summary."""

    outcomes: tuple[CheckOutcome, ...]
    verdict: str
    status: Status  #: worst status: fail (fail/crash), warn, or ok
    project: Mapping[str, Any] | None
    run: RunReport

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.PROBLEM if any(o.result.is_problem for o in self.outcomes) else ExitCode.OK


def _priority(outcome: CheckOutcome) -> int:
    return FIX_PRIORITY.index(outcome.id) if outcome.id in FIX_PRIORITY else len(FIX_PRIORITY)


def verdict(outcomes: tuple[CheckOutcome, ...]) -> tuple[str, Status]:
    """One line naming the single most important fix first."""
    fails = sorted((o for o in outcomes if o.status is Status.FAIL), key=_priority)
    crashes = [o for o in outcomes if o.status is Status.CRASH]
    warns = sorted((o for o in outcomes if o.status is Status.WARN), key=_priority)
    problems = fails + crashes
    if problems:
        first = problems[0]
        what = first.result.fix or first.result.summary
        rest = []
        if len(problems) > 1:
            rest.append(f"{len(problems) - 1} more problem{'s' if len(problems) > 2 else ''}")
        if warns:
            rest.append(f"{len(warns)} warning{'s' if len(warns) > 1 else ''}")
        tail = f" ({', '.join(rest)})" if rest else ""
        because = f" — {first.result.summary}" if first.result.fix else f" ({first.title.lower()})"
        return f"✗ Fix first: {what}{because}{tail}", Status.FAIL
    if warns:
        first = warns[0]
        what = first.result.fix or first.result.summary
        more = f" ({len(warns) - 1} more)" if len(warns) > 1 else ""
        return (
            f"! No blocking problem; {len(warns)} warning{'s' if len(warns) > 1 else ''}. First: {what}{more}",
            Status.WARN,
        )
    ran = sum(1 for o in outcomes if o.status is Status.OK)
    return f"✓ No issues found ({ran} checks passed).", Status.OK


def project_json(facts: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ``project`` object of the JSON report: the key's project, billing, tier, believed project."""
    target: Target | None = facts.get(TARGET)
    if target is None:
        return None
    proj = facts.get(PROJECT_INFO)
    billing = facts.get(BILLING)
    tier = facts.get(TIER)
    believed_billing = facts.get(BELIEVED_BILLING)
    return {
        "number": proj.number if proj else target.number,
        "project_id": proj.project_id if proj else (billing.project_id if billing else None),
        "display_name": proj.display_name if proj else None,
        "source": target.source,
        "billing": None
        if billing is None
        else {"enabled": billing.billing_enabled, "account": billing.account_name},
        "tier": tier.to_json() if tier is not None else None,
        "believed_project": None
        if target.believed is None
        else {
            "project": target.believed,
            "source": target.believed_source,
            "billing_enabled": None if believed_billing is None else believed_billing.billing_enabled,
        },
    }


def diagnose(
    ctx: Context,
    *,
    options: DoctorOptions,
    key_env: KeyEnvironment,
    only: tuple[str, ...] = (),
    progress: Any = None,
) -> DoctorReport:
    """Run the selected checks and build the report (no rendering)."""
    checks = select(build_checks(probe=options.probe), only)
    facts = {OPTIONS: options, KEYS: key_env.keys, KEY_ENV: key_env}
    report = run_checks(ctx, checks, facts=facts, progress=progress)
    visible = report.visible
    line, status = verdict(visible)
    return DoctorReport(visible, line, status, project_json(report.facts), report)


def _could_not_run(report: DoctorReport) -> bool:
    ran = {o.id for o in report.run.outcomes}
    if not {"api-key", "cloud-credentials"} <= ran:
        return False
    return not report.run.facts.get(KEYS) and report.run.facts.get(CREDS) is None


def require_something_checked(report: DoctorReport) -> None:
    """Raise NoCredentials (exit 3) when there was neither a key nor cloud credentials to check."""
    if _could_not_run(report):
        raise NoCredentials(
            "Neither an API key nor Google Cloud credentials were found: nothing to check.",
            "Set GEMINI_API_KEY (or pass --key), and run `gcloud auth application-default login` "
            "for the project, billing and quota checks. Or try: gemquota doctor --demo healthy",
        )


def selected_checks(probe: bool, checks: tuple[str, ...]) -> tuple[str, ...]:
    """The ``--check`` ids, cleaned; unknown ids are a usage error before anything runs."""
    only = tuple(dict.fromkeys(c.strip() for c in checks if c.strip()))
    select(build_checks(probe=probe), only)
    return only


def visible_count(options: DoctorOptions, only: tuple[str, ...]) -> int:
    """How many rows the run will show (for the progress display)."""
    return sum(1 for c in select(build_checks(probe=options.probe), only) if not c.hidden)


@contextmanager
def session(
    ctx: Context,
    *,
    project: str | None,
    keys: tuple[str, ...],
    keys_file: str | None,
    models: tuple[str, ...],
    probe: bool,
    demo: str | None,
) -> Iterator[tuple[Context, DoctorOptions, KeyEnvironment]]:
    """The Context, options and keys of a doctor run; with ``demo``, against the bundled emulator."""
    options = DoctorOptions(project=(project or "").strip() or None, models=models, probe=probe)
    if demo is None:
        yield ctx, options, resolve_keys(ctx, keys, keys_file)
        return
    from gemquota.app import demo as demo_mod

    if keys or keys_file:
        raise UsageError("--key and --keys-file cannot be combined with --demo (the demo supplies its keys).")
    with demo_mod.demo_context(ctx, demo) as (demo_ctx, emulator):
        key_env = resolve_keys(demo_ctx)
        demo_keys = tuple(emulator.scenario.demo.api_keys)
        if len(demo_keys) > 1:
            key_env = KeyEnvironment(
                tuple(ApiKey(k, "demo") for k in demo_keys),
                key_env.google_api_key,
                key_env.gemini_api_key,
            )
        # A scenario may name the models its story is about (e.g. an image model with limit 0).
        demo_models = tuple(getattr(emulator.scenario.demo, "models", ()) or ())
        if not options.models and demo_models:
            options = DoctorOptions(project=options.project, models=demo_models, probe=options.probe)
        yield demo_ctx, options, key_env
