"""The doctor command: run the checks of SPEC §4 concurrently and build the report (verdict, exit code).

Printing is ``gemquota.render.doctor``, called by ``gemquota.commands.doctor``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from gemquota.checks.base import CheckOutcome, Facts, Status, info
from gemquota.checks.cloud import CREDS_ERROR, NEEDS_CLOUD_CREDENTIALS, OTHER_PROJECTS
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
from gemquota.checks.keys import ACCEPTANCE, ACCEPTANCE_CACHE, KEY_PROJECTS, AcceptanceCache
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
    "key-accepted",  # after the cloud rows that state the same refusal with the precise fix
    "cloud-credentials",
    "quota-limits",
    "quota-usage",
    "billing-account",
    "tier",
    "shared-keys",
    "probe",
)


#: Rows decided without a call to Google (the environment only).
NO_CALL_CHECKS = frozenset({"api-key", "cloud-credentials"})


@dataclass(frozen=True)
class DoctorReport:
    """The finished run: visible outcomes in display order, the verdict, the project summary."""

    outcomes: tuple[CheckOutcome, ...]
    verdict: str
    status: Status  #: worst status: fail (fail/crash), warn, or ok
    project: Mapping[str, Any] | None
    run: RunReport
    #: SPEC §3 ``fix_first``: the one fix to make first (check, summary, fix, command, url), or None.
    fix_first: Mapping[str, Any] | None = None
    #: SPEC §3 ``projects``: every key's project with its billing and tier.
    projects: tuple[Mapping[str, Any], ...] = ()
    #: SPEC §3 ``keys``: source, masked key, kind.
    keys: tuple[Mapping[str, Any], ...] = ()

    @property
    def offline(self) -> bool:
        """Not one call got an answer: every row that calls Google and ran ended in a fault."""
        ran = [o for o in self.outcomes if o.status is not Status.SKIP and o.id not in NO_CALL_CHECKS]
        return bool(ran) and all(o.result.fault for o in ran)

    @property
    def exit_code(self) -> ExitCode:
        """3 when not one call was answered; 1 for a fail/crash row or a fact missing through a fault;
        0 otherwise (checks skipped for want of cloud credentials alone leave it at 0)."""
        if self.offline:
            return ExitCode.CANNOT_RUN
        if any(o.result.is_problem or o.result.fault for o in self.outcomes):
            return ExitCode.PROBLEM
        return ExitCode.OK

    def json_extra(self) -> dict[str, Any]:
        """The SPEC §3 keys beyond checks/verdict/project."""
        return {
            "fix_first": None if self.fix_first is None else dict(self.fix_first),
            "projects": [dict(p) for p in self.projects],
            "keys": [dict(k) for k in self.keys],
        }


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
    faults = [o for o in outcomes if o.result.fault]
    if faults:  # never an all-clear when a fact could not be established
        names = ", ".join(o.id for o in faults)
        return f"! Not everything could be checked: no answer or an unreadable one for {names}.", Status.WARN
    ran = sum(1 for o in outcomes if o.status is Status.OK)
    waiting = sum(
        1
        for o in outcomes
        if o.result.blocked_reason == NEEDS_CLOUD_CREDENTIALS and o.id != "cloud-credentials"
    )
    more = f"; {waiting} need Google Cloud credentials" if waiting else ""
    return f"✓ No issues found ({ran} checks passed{more}).", Status.OK


_COMMANDS = ("gcloud ", "export ", "unset ", "gemquota ")
_URL = re.compile(r"https://[^\s)]+")


def fix_first(outcomes: tuple[CheckOutcome, ...]) -> dict[str, Any] | None:
    """The first problem by FIX_PRIORITY (fail/crash, else warn) as SPEC §3 ``fix_first``."""
    problems = sorted((o for o in outcomes if o.result.is_problem), key=_priority) or sorted(
        (o for o in outcomes if o.status is Status.WARN and o.result.fix), key=_priority
    )
    if not problems:
        return None
    first = problems[0]
    r = first.result
    fix = r.fix
    command = next((fix for prefix in _COMMANDS if fix and fix.startswith(prefix)), None)
    if command is None and fix:
        found = re.search(r"(?:gcloud|gemquota) [^;(]+", fix)
        command = found.group(0).strip() if found else None
    url = next((m.url for m in r.messages if m.url and m.level.value != "info"), None)
    if url is None and fix:
        found_url = _URL.search(fix)
        url = found_url.group(0) if found_url else None
    if url is None:
        url = next((m.url for m in r.messages if m.url), None)
    return {"check": first.id, "summary": r.summary, "fix": fix, "command": command, "url": url}


def keys_json(keys: tuple[ApiKey, ...]) -> tuple[dict[str, Any], ...]:
    return tuple({"source": k.source, "masked": k.masked, "kind": k.kind.value} for k in keys)


def projects_json(facts: Facts) -> tuple[dict[str, Any], ...]:
    """Every key's project: the checked one first (with its tier), then the other keys' projects."""
    out: list[dict[str, Any]] = []
    target = facts.get(TARGET)
    if target is not None:
        proj = facts.get(PROJECT_INFO)
        billing = facts.get(BILLING)
        tier = facts.get(TIER)
        mapped = facts.get(KEY_PROJECTS, ())
        number = proj.number if proj else target.number
        keys = [kp.key.masked for kp in mapped if kp.number and kp.number == number]
        if not keys and target.key is not None:
            keys = [target.key.masked]
        tier_value = None
        if tier is not None and tier.tier is not None:
            tier_value = tier.tier.value
        elif billing is not None:
            tier_value = "paid" if billing.billing_enabled else "free"
        out.append(
            {
                "project_id": proj.project_id if proj else (billing.project_id if billing else None),
                "project_number": number,
                "keys": keys,
                "billing_enabled": billing.billing_enabled if billing else None,
                "tier": tier_value,
            }
        )
    out.extend(
        {
            "project_id": other.project_id,
            "project_number": other.project_number,
            "keys": list(other.keys),
            "billing_enabled": other.billing_enabled,
            "tier": other.tier,
            "api_enabled": other.api_enabled,
        }
        for other in facts.get(OTHER_PROJECTS, ())
    )
    return tuple(out)


def project_json(facts: Facts) -> dict[str, Any] | None:
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
    facts = {OPTIONS: options, KEYS: key_env.keys, KEY_ENV: key_env, ACCEPTANCE_CACHE: AcceptanceCache()}
    report = run_checks(ctx, checks, facts=facts, progress=progress)
    visible = state_once(report.visible, report.facts)
    line, status = verdict(visible)
    return DoctorReport(
        visible,
        line,
        status,
        project_json(report.facts),
        report,
        fix_first=fix_first(visible),
        projects=projects_json(report.facts),
        keys=keys_json(key_env.keys),
    )


#: key-accepted's refusal kinds whose cause a cloud row states with the precise fix.
CAUSE_ROW: dict[str, str] = {
    "api-disabled": "api-enabled",
    "billing-disabled": "billed-project",
    "permission": "key-restrictions",
}


def state_once(outcomes: tuple[CheckOutcome, ...], facts: Facts) -> tuple[CheckOutcome, ...]:
    """The same finding stated once: when key-accepted's refusal is the cause a cloud row already
    states (API disabled, billing disabled, a blocked key) and that row failed, key-accepted keeps
    its evidence line and points there instead of repeating the fix."""
    acc = facts.get(ACCEPTANCE)
    if acc is None or acc.diagnosis is None:
        return outcomes
    target_id = CAUSE_ROW.get(str(acc.diagnosis.kind))
    by_id = {o.id: o for o in outcomes}
    cause = by_id.get(target_id or "")
    accepted = by_id.get("key-accepted")
    if cause is None or accepted is None or cause.status is not Status.FAIL:
        return outcomes
    r = accepted.result
    evidence = tuple(m for m in r.messages if m.level.value == "error")[:1]
    pointer = info(f"The cause and its fix: see {cause.title} ({cause.id}).")
    slim = replace(r, messages=(*evidence, pointer), fix=None)
    return tuple(replace(o, result=slim) if o.id == "key-accepted" else o for o in outcomes)


def _could_not_run(report: DoctorReport) -> bool:
    ran = {o.id for o in report.run.outcomes}
    if not {"api-key", "cloud-credentials"} <= ran:
        return False
    facts = report.run.facts
    return not facts.get(KEYS) and facts.get(CREDS) is None and facts.get(CREDS_ERROR) is None


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
    verbose: bool = False,
) -> Iterator[tuple[Context, DoctorOptions, KeyEnvironment]]:
    """The Context, options and keys of a doctor run; with ``demo``, against the bundled emulator."""
    options = DoctorOptions(
        project=(project or "").strip() or None, models=models, probe=probe, verbose=verbose
    )
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
            options = replace(options, models=demo_models)
        yield demo_ctx, options, key_env
