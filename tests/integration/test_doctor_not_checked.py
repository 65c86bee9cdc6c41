"""A check that could not run never becomes "✓ No issues found", exit 0 (SPEC §1.4, §7)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from _doctor_support import ARGS, make_ctx

from gemquota.app import doctor
from gemquota.checks.base import CheckResult, Status
from gemquota.checks.runner import run_checks
from gemquota.commands import doctor as doctor_command
from gemquota.context import OutputFormat
from gemquota.emulator import Emulator, Fault

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]


def _doctor(emu: Emulator, fmt: OutputFormat = OutputFormat.JSON, timeout: float = 1.0) -> tuple[int, str]:
    ctx = make_ctx(emu.demo_env(), fmt=fmt, timeout=timeout)
    code = doctor_command.run(ctx, **ARGS)
    assert isinstance(ctx.stdout, io.StringIO)
    return code, ctx.stdout.getvalue()


@pytest.mark.parametrize(
    ("api", "fault", "row"),
    [
        ("cloudquotas", Fault.timeout, "quota-limits"),
        ("monitoring", Fault.malformed_json, "quota-usage"),
        ("serviceusage", Fault.empty_ok, "api-enabled"),
        ("resourcemanager", lambda: Fault.html(502), "key-project"),
    ],
)
def test_a_fact_missing_through_a_fault_exits_1_and_says_what(api: str, fault: Any, row: str) -> None:
    with Emulator("healthy") as emu:
        emu.inject(api, fault())
        code, out = _doctor(emu)
    data = json.loads(out)["data"]
    checks = {c["id"]: c for c in data["checks"]}
    assert checks[row]["status"] in ("warn", "fail"), checks[row]
    assert code == 1
    assert not data["verdict"].startswith("✓"), data["verdict"]
    assert "No issues found" not in data["verdict"]


def test_healthy_run_is_still_all_clear() -> None:
    with Emulator("healthy") as emu:
        code, out = _doctor(emu, fmt=OutputFormat.HUMAN, timeout=5.0)
    assert code == 0, out
    assert "No issues found" in out


class _Hidden:
    id = "fetch"
    title = "Fetch"
    needs: tuple[str, ...] = ()
    hidden = True

    def run(self, ctx: Any, facts: Any) -> CheckResult:
        raise TimeoutError("metadata server: no answer")


class _Visible:
    id = "visible"
    title = "Visible"
    needs = ("fetch",)
    hidden = False

    def run(self, ctx: Any, facts: Any) -> CheckResult:
        return CheckResult(Status.OK, "fine")


def test_dependants_of_a_crashed_hidden_step_are_marked_not_checked() -> None:
    ctx = make_ctx({}, timeout=1.0)
    report = run_checks(ctx, [_Hidden(), _Visible()])
    visible = report.get("visible")
    assert visible is not None and visible.status is Status.SKIP
    assert visible.result.fault
    line, status = doctor.verdict(report.visible)
    summary = doctor.DoctorReport(report.visible, line, status, None, report)
    assert summary.exit_code == 1  # the only visible row is a skip, but a fact is missing
