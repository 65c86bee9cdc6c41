"""The opt-in probe check: one generateContent per key and model (the only call that is not a GET)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gemquota.checks.base import CheckResult, Fact, Facts, Message, Status, error, hint, info
from gemquota.checks.common import KEYS, OPTIONS, PROBE, DoctorOptions, failure_row
from gemquota.checks.probing import ModelRow, probe_keys, wanted_models
from gemquota.context import Context
from gemquota.exceptions import GemquotaError
from gemquota.keys import ApiKey


def _label(row: ModelRow, several: bool) -> str:
    name = f"{row.model} (default: newest stable Flash)" if row.default else row.model
    return f"{row.key_masked} {name}" if several else name


@dataclass(frozen=True)
class ProbeCheck:
    """Send one minimal request per key and model and diagnose what comes back."""

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
            report = probe_keys(ctx, keys, wanted_models(options.models), False)
        except GemquotaError as err:  # models.list gave no readable answer: a diagnosed row, not a crash
            return failure_row(
                err,
                ctx=ctx,
                doing="probe the Gemini API (models.list)",
                call="gemini",
                target=None,
                status=Status.FAIL,
            )
        several = report.several_keys
        messages: list[Message] = []
        failed: list[str] = []
        warned: list[str] = []
        fix: str | None = None
        for key in report.keys:
            who = f"{key.key_masked}: " if several else ""
            if key.list_error is not None:
                le = key.list_error
                failed.append(f"{key.key_masked} models.list")
                said = le.headline if le.kind == "unrecognized" else f"{le.kind} — {le.headline}"
                messages.append(error(f"{who}models.list failed: {said}"))
                if le.fixes:
                    messages.append(hint(le.fixes[0].title, le.fixes[0].url))
                    fix = fix or le.fixes[0].title
            elif key.no_default is not None:
                failed.append(f"{key.key_masked} default model")
                messages.append(error(f"{who}{key.no_default}"))
        for row in report.models:
            label = _label(row, several)
            if row.ok:
                if row.called:
                    served = f" (answered by {row.served_model})" if row.rerouted else ""
                    latency = f" in {row.latency_ms:.0f} ms" if row.latency_ms is not None else ""
                    messages.append(info(f"{label}: OK{latency}{served}"))
                else:
                    messages.append(info(f"{label}: listed (not called)"))
                messages.extend(hint(f) if row.rerouted else info(f) for f in row.findings)
                if row.rerouted:
                    warned.append(row.model)
                continue
            failed.append(label)
            d = row.diagnosis
            if d is None:
                messages.append(error(f"{label}: failed"))
                continue
            messages.append(error(f"{label}: {d.kind} — {d.headline}"))
            messages.extend(info(finding) for finding in row.findings)
            if d.fixes:
                first = d.fixes[0]
                messages.append(hint(first.title, first.url))
                fix = fix or f"{row.model}: {first.title}"
        messages.append(info(report.cost))
        if failed:
            return CheckResult(
                Status.FAIL,
                f"{len(failed)} of {len(report.models) or len(report.keys)} failed: {', '.join(failed)}",
                tuple(messages),
                fix=fix,
                facts={PROBE: report},
                proceed=True,
            )
        if warned:
            return CheckResult(
                Status.WARN,
                f"re-routed by Google: {', '.join(warned)} answered by another model",
                tuple(messages),
                fix=f"Change {warned[0]} to the model that answers it (or another current model)",
                facts={PROBE: report},
                proceed=True,
            )
        return CheckResult(
            Status.OK, f"{len(report.models)} model(s) answered", tuple(messages), facts={PROBE: report}
        )
