"""Quota checks: the tier inference, per-model limits, and usage against those limits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from gemquota.checks.base import CheckResult, Fact, Facts, Message, Status, error, hint, info
from gemquota.checks.cloud import need_target, project_label
from gemquota.checks.common import (
    BILLING,
    CREDS,
    OPTIONS,
    PREFERENCES,
    PROBE,
    QUOTAS,
    TIER,
    USAGE,
    DoctorOptions,
    Fetched,
    failure_row,
)
from gemquota.checks.keys import MODEL_NAMES
from gemquota.context import Context
from gemquota.core import models as model_rules
from gemquota.core.cloud import BillingInfo, QuotaLimit, QuotaPreference, QuotaUsage
from gemquota.core.diagnosis import Tier
from gemquota.core.quota import quota_group_for_model, tier_from_metric, tier_from_quota_id
from gemquota.core.reset import next_pacific_midnight
from gemquota.core.tier import (
    BILLING_DOC_URL,
    PREPAY_NOTE,
    PUBLISHED_URL,
    TIER_NAMES,
    TierInference,
    infer_tier,
    published_for,
)
from gemquota.threads import DaemonPool

#: (measure, window) → column of the limits table, in display order.
COLUMNS: dict[tuple[str, str], str] = {
    ("requests", "minute"): "RPM",
    ("tokens", "minute"): "TPM",
    ("requests", "day"): "RPD",
    ("tokens", "day"): "TPD",
    ("images", "minute"): "IPM",
    ("images", "day"): "IPD",
}
COLUMN_ORDER = tuple(COLUMNS.values())
DEFAULT_BUCKET = "(default)"
RATE_LIMITS_URL = "https://ai.google.dev/gemini-api/docs/rate-limits"
QUOTAS_URL = "https://console.cloud.google.com/iam-admin/quotas?service=generativelanguage.googleapis.com"
WARN_PCT = 70.0
PLAIN_PCT = 90.0
FAIL_PCT = 100.0


def column_of(limit: QuotaLimit | QuotaUsage, measure: str | None = None) -> str | None:
    m = measure if measure is not None else getattr(limit, "measure", "other")
    return COLUMNS.get((m, limit.window))


@dataclass(frozen=True)
class QuotaData:
    """Hidden: Cloud Quotas limits and quota preferences of the project."""

    id: str = "quota-data"
    title: str = "Quota data"
    needs: tuple[str, ...] = ("key-lookup",)
    hidden: bool = True
    provides: tuple[Fact[Any], ...] = (QUOTAS, PREFERENCES)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        from gemquota.sources import cloudquotas

        target = need_target(facts)
        if isinstance(target, CheckResult):
            return CheckResult(Status.OK, "no project", facts={QUOTAS: None, PREFERENCES: None})
        creds = facts[CREDS]
        with DaemonPool(2) as pool:
            limits_f = pool.submit(
                Fetched[tuple[QuotaLimit, ...]].of,
                lambda: cloudquotas.list_quota_limits(ctx, creds, target.ref),
            )
            prefs_f = pool.submit(
                Fetched[tuple[QuotaPreference, ...]].of,
                lambda: cloudquotas.list_quota_preferences(ctx, creds, target.ref),
            )
            return CheckResult(
                Status.OK, "read", facts={QUOTAS: limits_f.result(), PREFERENCES: prefs_f.result()}
            )


@dataclass(frozen=True)
class UsageData:
    """Hidden: Cloud Monitoring usage of the project (current minute, since Pacific midnight)."""

    id: str = "usage-data"
    title: str = "Usage data"
    needs: tuple[str, ...] = ("key-lookup",)
    hidden: bool = True
    provides: tuple[Fact[Any], ...] = (USAGE,)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        from gemquota.sources import monitoring

        target = need_target(facts)
        if isinstance(target, CheckResult):
            return CheckResult(Status.OK, "no project", facts={USAGE: None})
        creds = facts[CREDS]
        now = ctx.now()
        fetched = Fetched[tuple[QuotaUsage, ...]].of(
            lambda: monitoring.read_usage(ctx, creds, target.ref, now=now)
        )
        return CheckResult(Status.OK, "read", facts={USAGE: fetched})


def usage_tier(usage: QuotaUsage) -> Tier | None:
    return tier_from_metric(usage.metric) or tier_from_quota_id(usage.quota_id)


def _probe_429(facts: Facts) -> tuple[Tier | None, str | None]:
    report = facts.get(PROBE)
    for row in getattr(report, "models", ()) or ():
        diag = row.diagnosis
        if diag is None or diag.http_code != 429:
            continue
        tier = tier_from_quota_id(diag.quota_id) or tier_from_metric(diag.quota_metric)
        if tier is not None:
            return tier, diag.quota_id or diag.quota_metric
    return None, None


@dataclass(frozen=True)
class TierCheck:
    """The tier in force, inferred from billing, usage families and any recent 429."""

    id: str = "tier"
    title: str = "Tier"
    needs: tuple[str, ...] = ("billed-project", "usage-data")
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = (TIER,)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        billing: BillingInfo | None = facts.get(BILLING)
        usage_f: Fetched[tuple[QuotaUsage, ...]] | None = facts.get(USAGE)
        by_tier: dict[Tier, int] = {}
        for u in (usage_f.value or ()) if usage_f else ():
            tier = usage_tier(u)
            if tier is not None and u.value > 0:
                by_tier[tier] = by_tier.get(tier, 0) + u.value
        error_tier, error_qid = _probe_429(facts)
        inference = infer_tier(
            billing_enabled=None if billing is None else billing.billing_enabled,
            usage_by_tier=by_tier,
            error_tier=error_tier,
            error_quota_id=error_qid,
        )
        messages: list[Message] = [info(f"Evidence: {e}") for e in inference.evidence]
        messages += [error(f) for f in inference.findings]
        published = published_for(inference.tier)
        messages += [info(p.line(), PUBLISHED_URL) for p in published]
        if inference.tier is not None and inference.tier is not Tier.FREE:
            messages.append(info(PREPAY_NOTE, BILLING_DOC_URL))
        messages.append(
            info(
                "No Google API states the tier; AI Studio shows it at https://aistudio.google.com/rate-limit"
            )
        )
        if usage_f is not None and usage_f.error is not None:
            messages.append(
                info(f"Usage could not be read ({usage_f.error.message}); that evidence is missing.")
            )
        status = Status.OK
        fix = None
        if inference.tier is None:
            status = Status.WARN
        if inference.findings:
            status = Status.WARN
            fix = "check which project the key belongs to and that its billing account is linked and open"
        extra = {"published": [p.to_json() for p in published]}
        return CheckResult(
            status, inference.label, tuple(messages), fix=fix, facts={TIER: inference}, extra=extra
        )


def table_tier(inference: TierInference | None, billing: BillingInfo | None) -> Tier:
    if inference is not None and inference.tier is not None:
        return Tier.TIER_1 if inference.tier is Tier.PAID else inference.tier
    if billing is not None and billing.billing_enabled:
        return Tier.TIER_1
    return Tier.FREE


def limits_table(limits: Sequence[QuotaLimit], tier: Tier) -> dict[str, dict[str, int]]:
    """model (or ``(default)``) → column → limit value, for the tier in force (-1 = unlimited)."""
    accept = {Tier.TIER_1, Tier.PAID} if tier in (Tier.TIER_1, Tier.PAID) else {tier}
    table: dict[str, dict[str, int]] = {}
    untiered: dict[str, dict[str, int]] = {}
    for limit in limits:
        col = column_of(limit)
        if col is None:
            continue
        model = limit.model or DEFAULT_BUCKET
        if limit.tier in accept:
            dest = table
        elif limit.tier is None:
            dest = untiered
        else:
            continue
        row = dest.setdefault(model, {})
        value = limit.value
        if col in row and row[col] >= 0 and (value < 0 or value > row[col]):
            continue  # keep the most restrictive of several buckets
        row[col] = value
    for model, row in untiered.items():
        merged = table.setdefault(model, {})
        for col, value in row.items():
            merged.setdefault(col, value)
    return table


def _fmt(value: int | None) -> str:
    if value is None:
        return "—"
    if value < 0:
        return "unlimited"
    return f"{value:,}"


@dataclass(frozen=True)
class QuotaLimitsCheck:
    """Live per-model limits for the tier in force; limit 0 flagged."""

    id: str = "quota-limits"
    title: str = "Quota limits"
    needs: tuple[str, ...] = ("quota-data", "tier", "key-projects", "key-accepted")
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = ()

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        target = need_target(facts)
        if isinstance(target, CheckResult):
            return target
        options: DoctorOptions = facts.get(OPTIONS) or DoctorOptions()
        fetched: Fetched[tuple[QuotaLimit, ...]] | None = facts.get(QUOTAS)
        if fetched is None or fetched.value is None:
            if fetched is not None and fetched.error is not None:
                return failure_row(
                    fetched.error,
                    ctx=ctx,
                    doing=f"read the quota limits of {target.ref}",
                    call="cloudquotas",
                    target=target,
                    status=Status.WARN,
                )
            return CheckResult(Status.SKIP, "quota limits were not read")
        inference: TierInference | None = facts.get(TIER)
        tier = table_tier(inference, facts.get(BILLING))
        table = limits_table(fetched.value, tier)
        tier_name = TIER_NAMES[tier]
        columns = [c for c in COLUMN_ORDER if any(c in row for row in table.values())]
        messages: list[Message] = []
        status = Status.OK
        fix = None
        wanted: list[tuple[str, str, str]] = []  # (api model, group, row used)
        names = {n.model: n for n in facts.get(MODEL_NAMES) or ()}
        for model in options.models:
            name = names.get(model_rules.bare(model))
            if name is not None and not name.listed:
                # an unknown or retired name: key-accepted says so; its "limits" would be the default
                # bucket's, and "limit 0, enable billing" would be the wrong advice (SPEC §1.4)
                messages.append(
                    info(f"{model}: not in models.list for this key (see key-accepted): no limits apply.")
                )
                continue
            if name is not None and name.alias:
                messages.append(
                    info(
                        f"{model} is an alias: its quota is the model it resolves to at request time "
                        f"(gemquota probe --model {model} shows which)."
                    )
                )
                continue
            if name is not None and name.rerouted_to:
                messages.append(
                    info(
                        f"{model} is re-routed by Google to {name.rerouted_to}: the limits of {name.rerouted_to} apply."
                    )
                )
                model = name.rerouted_to
            group = quota_group_for_model(model)
            if group in table:
                wanted.append((model, group, group))
            elif DEFAULT_BUCKET in table:
                wanted.append((model, group, DEFAULT_BUCKET))
                messages.append(info(f"{model} has no bucket of its own: it uses the default bucket."))
            else:
                wanted.append((model, group, ""))
        zero_wanted = []
        for model, group, row_name in wanted:
            row = table.get(row_name) if row_name else None
            if row is None:
                status = max(status, Status.WARN, key=_rank)
                messages.append(
                    error(
                        f"{model}: no {tier_name} quota is listed for it (quota group {group}): treat it as 0."
                    )
                )
                continue
            zeros = [c for c in columns if row.get(c) == 0]
            if zeros:
                counted = f" (counted as {row_name})" if row_name not in (model, DEFAULT_BUCKET) else ""
                zero_wanted.append(model + counted)
                messages.append(
                    error(
                        f"{model}{counted}: limit 0 on {tier_name} ({', '.join(zeros)}) — this project has no "
                        "entitlement for it; retrying never helps."
                    )
                    if not (tier is not Tier.FREE and (inference is None or not inference.exact))
                    else info(
                        f"{model}{counted}: limit 0 on {tier_name} ({', '.join(zeros)}), if that is your tier."
                    )
                )
        assumed = tier is not Tier.FREE and (inference is None or not inference.exact)
        if zero_wanted and assumed:
            # The exact paid tier is not known: a zero limit on the assumed tier is not a verdict.
            status = max(status, Status.WARN, key=_rank)
            messages.append(
                hint(
                    f"Your exact paid tier is not known (set on the billing account); {tier_name} is assumed. "
                    "If that is your tier, the zero limits mean no entitlement; check your tier at "
                    "https://aistudio.google.com/rate-limit"
                )
            )
            fix = f"check your tier in AI Studio; at {tier_name} use another model than {', '.join(zero_wanted)}"
        elif zero_wanted:
            status = Status.FAIL
            fix = (
                f"enable billing on {project_label(target, facts)} (the key's project) or use another model "
                f"than {', '.join(zero_wanted)}"
            )
            messages.append(hint("Limits per tier are listed on the rate-limits page.", RATE_LIMITS_URL))
        other_zero = sorted(
            m
            for m, row in table.items()
            if any(row.get(c) == 0 for c in columns) and m not in {w[2] for w in wanted}
        )
        if other_zero:
            shown = ", ".join(other_zero[:8]) + (
                f" and {len(other_zero) - 8} more" if len(other_zero) > 8 else ""
            )
            messages.append(info(f"Limit 0 on {tier_name} (no entitlement): {shown}."))
        prefs: Fetched[tuple[QuotaPreference, ...]] | None = facts.get(PREFERENCES)
        if prefs is not None and prefs.value:
            for pref in prefs.value:
                model = f" for {pref.model}" if pref.model else ""
                if pref.reconciling:
                    messages.append(
                        info(
                            f"Pending quota increase request: {pref.quota_id}{model} → {_fmt(pref.preferred_value)}."
                        )
                    )
                elif pref.state_detail:
                    messages.append(info(f"Quota request {pref.quota_id}{model}: {pref.state_detail}."))
        others_zero = _other_projects_zero(facts, [w[0] for w in wanted])
        if others_zero:
            messages.extend(error(line) for line in others_zero)
            status = max(status, Status.WARN, key=_rank)
            fix = fix or "use a key of a project with the entitlement (or link billing to the other projects)"
        if not table:
            return CheckResult(
                Status.WARN,
                f"no {tier_name} per-model limits listed for {target.ref}",
                (*messages, hint("See the limits in the Cloud console.", QUOTAS_URL)),
            )
        rows = [{"model": m, **{c: table[m].get(c) for c in columns}} for m in _row_order(table, wanted)]
        summary = f"{tier_name} limits for {len(table)} quota groups"
        if inference is not None and inference.exact:
            summary += ", tier inferred"
        elif inference is not None:
            summary += (
                " (exact paid tier unknown: assumed)"
                if inference.tier is Tier.PAID
                else ", tier unknown: assumed"
            )
        if zero_wanted:
            summary = f"limit 0 for {', '.join(zero_wanted)} on {tier_name}" + (
                " (assumed tier)" if status is not Status.FAIL else ""
            )
        extra = {"limits": {"tier": tier.value, "columns": columns, "rows": rows}}
        return CheckResult(status, summary, tuple(messages), fix=fix, extra=extra)


def _other_projects_zero(facts: Facts, models: Sequence[str]) -> list[str]:
    """For every other key's project: the ``--model`` names with limit 0 there (on its tier: Free
    without billing; the assumed Tier 1 with billing, said as assumed)."""
    from gemquota.checks.cloud import OTHER_PROJECTS

    lines: list[str] = []
    for other in facts.get(OTHER_PROJECTS, ()):
        if other.limits is None or not models or other.billing_enabled is None:
            continue
        tier = Tier.TIER_1 if other.billing_enabled else Tier.FREE
        table = limits_table(other.limits, tier)
        zero = []
        for model in models:
            group = quota_group_for_model(model)
            row = table.get(group) or table.get(DEFAULT_BUCKET) or {}
            if not row or any(v == 0 for v in row.values()):
                zero.append(model)
        if zero:
            assumed = "" if tier is Tier.FREE else " (Tier 1 assumed)"
            lines.append(
                f"{other.label} ({', '.join(other.keys)}): limit 0 for {', '.join(zero)} on "
                f"{TIER_NAMES[tier]}{assumed}: calls with that key get 429 with limit 0."
            )
    return lines


def _rank(status: Status) -> int:
    return {Status.OK: 0, Status.SKIP: 0, Status.WARN: 1, Status.FAIL: 2, Status.CRASH: 3}[status]


def _row_order(table: Mapping[str, Mapping[str, int]], wanted: Sequence[tuple[str, str, str]]) -> list[str]:
    first = [w[2] for w in wanted if w[2] in table]
    rest = sorted(m for m in table if m != DEFAULT_BUCKET and m not in first)
    tail = [DEFAULT_BUCKET] if DEFAULT_BUCKET in table and DEFAULT_BUCKET not in first else []
    return list(dict.fromkeys(first + rest + tail))


def _pct(pct: float) -> str:
    return f"{pct:.1f} %" if pct < 10 and pct != int(pct) else f"{pct:.0f} %"


def _as_of(usage: QuotaUsage) -> str:
    return f", as of {usage.as_of.astimezone(UTC).strftime('%H:%M')} UTC" if usage.as_of else ""


def _reset_text(ctx: Context, window: str, now: datetime, usage: QuotaUsage | None = None) -> str:
    as_of = _as_of(usage) if usage is not None else ""
    if window == "day":
        reset = next_pacific_midnight(now)
        left = int((reset - now).total_seconds())
        hours, minutes = divmod(left // 60, 60)
        return (
            f"since midnight Pacific{as_of}; resets at {reset.strftime('%H:%M')} UTC "
            f"(in {hours} h {minutes:02d} min)"
        )
    if window == "minute":
        return f"peak minute of the last 15 minutes{as_of}; a minute window recovers within 60 s"
    return window


def _find_limit(usage: QuotaUsage, limits: Sequence[QuotaLimit]) -> QuotaLimit | None:
    same = [lim for lim in limits if lim.quota_id == usage.quota_id]
    if not same:
        return None
    if usage.model:
        group = quota_group_for_model(usage.model)
        for lim in same:
            if lim.model in (usage.model, group):
                return lim
    for lim in same:
        if lim.model is None:
            return lim
    return None


@dataclass(frozen=True)
class QuotaUsageCheck:
    """Usage now against the limit: warn ≥ 70 %, fail ≥ 100 %."""

    id: str = "quota-usage"
    title: str = "Quota usage"
    needs: tuple[str, ...] = ("quota-data", "usage-data", "tier")
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = ()

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        target = need_target(facts)
        if isinstance(target, CheckResult):
            return target
        usage_f: Fetched[tuple[QuotaUsage, ...]] | None = facts.get(USAGE)
        if usage_f is None or usage_f.value is None:
            if usage_f is not None and usage_f.error is not None:
                return failure_row(
                    usage_f.error,
                    ctx=ctx,
                    doing=f"read usage of {target.ref}",
                    call="monitoring",
                    target=target,
                    status=Status.WARN,
                )
            return CheckResult(Status.SKIP, "usage was not read")
        used = [u for u in usage_f.value if u.known and u.value > 0]
        unknown_minutes = sorted(
            {f"{u.model or DEFAULT_BUCKET}" for u in usage_f.value if not u.known and u.window == "minute"}
        )
        partial = any(u.partial for u in usage_f.value)
        notes: list[Message] = []
        if unknown_minutes:
            notes.append(
                info(
                    f"Per-minute usage of {', '.join(unknown_minutes)}: unknown — Monitoring shows no point of "
                    "the last 15 minutes yet (its data arrive minutes late); not read as 0."
                )
            )
        if partial:
            notes.append(
                error(
                    "Cloud Monitoring returned partial data (executionErrors): the usage shown may be incomplete."
                )
            )
        if not used:
            if not usage_f.value:
                return CheckResult(Status.OK, "no usage recorded", tuple(notes))
            summary = "no usage visible" + (" (per-minute usage unknown)" if unknown_minutes else "")
            return CheckResult(Status.WARN if partial else Status.OK, summary, tuple(notes))
        limits_f: Fetched[tuple[QuotaLimit, ...]] | None = facts.get(QUOTAS)
        limits = (limits_f.value or ()) if limits_f else ()
        now = ctx.now()
        rows: list[tuple[float, str, str, QuotaUsage]] = []
        messages: list[Message] = []
        unknown = 0
        for u in used:
            lim = _find_limit(u, limits)
            col = COLUMNS.get((lim.measure if lim else "requests", u.window), u.window)
            model = u.model or DEFAULT_BUCKET
            if lim is None:
                unknown += 1
                messages.append(info(f"{model} {u.quota_id}: {u.value:,} used (limit not listed)."))
                continue
            if lim.value == 0:
                messages.append(
                    info(f"{model} {col}: {u.value:,} requests against a limit of 0 (see quota-limits).")
                )
                continue
            if lim.value < 0:
                messages.append(info(f"{model} {col}: {u.value:,} used (unlimited)."))
                continue
            pct = 100.0 * u.value / lim.value
            line = f"{model} {col}: {u.value:,} of {lim.value:,} ({pct:.0f} %) {_reset_text(ctx, u.window, now, u)}"
            rows.append((pct, line, f"{model} {col}", u))
        rows.sort(key=lambda r: -r[0])
        messages = (
            [(error if pct >= WARN_PCT else info)(line) for pct, line, _n, _u in rows] + messages + notes
        )
        if not rows:
            return CheckResult(
                Status.WARN if partial else Status.OK,
                f"{len(used)} usage series, none against a finite limit",
                tuple(messages),
            )
        pct, _line, name, top = rows[0]
        fix = None
        if pct >= FAIL_PCT:
            status = Status.FAIL
            if top.window == "day":
                reset = next_pacific_midnight(now)
                summary = f"{name} exhausted ({pct:.0f} %): nothing succeeds before midnight Pacific"
                fix = (
                    f"wait for the reset at {reset.strftime('%Y-%m-%d %H:%M')} UTC (gemquota reset-in rpd), move "
                    "work to the Batch API, or use a higher tier"
                )
            else:
                summary = f"{name} reached its limit ({pct:.0f} %) in a minute of the last 15{_as_of(top)}"
                fix = "back off with jitter: the minute window recovers within 60 s"
        elif pct >= PLAIN_PCT:
            status = Status.WARN
            summary = f"{name} at {pct:.0f} % — nearly exhausted"
            fix = "slow down or spread the load before the limit is hit"
        elif pct >= WARN_PCT:
            status = Status.WARN
            summary = f"{name} at {pct:.0f} %"
        else:
            status = Status.OK
            summary = f"highest: {name} at {_pct(pct)}{_as_of(top)}"
        if partial and status is Status.OK:
            status = Status.WARN
            summary += " (partial data)"
        if unknown:
            messages.append(info(f"{unknown} usage series had no matching limit."))
        return CheckResult(status, summary, tuple(messages), fix=fix)
