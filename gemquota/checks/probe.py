"""The opt-in probe check: one generateContent per model (the only call that is not a GET)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gemquota.checks.base import CheckResult, Fact, Facts, Message, Status, error, hint, info
from gemquota.checks.common import KEYS, OPTIONS, PROBE, DoctorOptions, failure_row
from gemquota.checks.probing import probe_models, wanted_models
from gemquota.context import Context
from gemquota.exceptions import GemquotaError
from gemquota.keys import ApiKey


@dataclass(frozen=True)
class ProbeCheck:
    """Send one minimal request per model with the key and diagnose what comes back."""

    id: str = "probe"
    title: str = "Live probe"
    needs: tuple[str, ...] = ("api-key",)
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = (PROBE,)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        options: DoctorOptions = facts.get(OPTIONS) or DoctorOptions()
        if not options.probe:
            return CheckResult(
                Status.SKIP,
                "not requested (--probe sends one generateContent per --model; costs quota)",
            )
        keys: tuple[ApiKey, ...] = facts.get(KEYS, ())
        if not keys:
            return CheckResult(Status.SKIP, "skipped: no API key")
        try:
            report = probe_models(ctx, keys[0], wanted_models(options.models), False)
        except GemquotaError as err:  # models.list gave no readable answer: a diagnosed row, not a crash
            return failure_row(
                err,
                ctx=ctx,
                doing="probe the Gemini API (models.list)",
                call="gemini",
                target=None,
                status=Status.FAIL,
            )
        messages: list[Message] = []
        failed = []
        if report.list_error is not None:
            le = report.list_error
            return CheckResult(
                Status.FAIL,
                f"models.list failed: {le.headline}",
                (error(le.headline),),
                fix=le.fixes[0].title if le.fixes else None,
                facts={PROBE: report},
                proceed=True,
            )
        fix = None
        for row in report.models:
            if row.ok:
                latency = f" in {row.latency_ms:.0f} ms" if row.latency_ms is not None else ""
                messages.append(info(f"{row.model}: OK{latency}"))
                continue
            failed.append(row.model)
            d = row.diagnosis
            if d is None:
                messages.append(error(f"{row.model}: failed"))
                continue
            messages.append(error(f"{row.model}: {d.kind} — {d.headline}"))
            if d.fixes:
                first = d.fixes[0]
                messages.append(hint(first.title, first.url))
                fix = fix or f"{row.model}: {first.title}"
        messages.append(info(report.cost))
        if failed:
            return CheckResult(
                Status.FAIL,
                f"{len(failed)} of {len(report.models)} model(s) failed: {', '.join(failed)}",
                tuple(messages),
                fix=fix,
                facts={PROBE: report},
                proceed=True,
            )
        return CheckResult(
            Status.OK, f"{len(report.models)} model(s) answered", tuple(messages), facts={PROBE: report}
        )
