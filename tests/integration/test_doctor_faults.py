"""doctor keeps going: every injected fault on every Cloud API leaves a readable row and a finished run."""

from __future__ import annotations

import io
import json
import time
from typing import Any

import pytest
from _doctor_support import ARGS, make_ctx

from gemquota.commands import doctor
from gemquota.context import OutputFormat
from gemquota.emulator import Emulator, Fault

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]

#: API → the check whose row must explain the fault, and the statuses it may take.
AFFECTED: dict[str, tuple[str, set[str]]] = {
    "apikeys": ("key-project", {"fail"}),
    "resourcemanager": ("key-project", {"warn"}),
    "billing": ("billed-project", {"fail"}),
    "serviceusage": ("api-enabled", {"warn"}),
    "cloudquotas": ("quota-limits", {"warn"}),
    "monitoring": ("quota-usage", {"warn"}),
}
FAULTS = {
    "timeout": Fault.timeout,
    "500": Fault.status500,
    "malformed-json": Fault.malformed_json,
    "403-no-details": Fault.forbidden_no_details,
    "connection-reset": Fault.connection_reset,
}
#: The timeout of the runs whose injected fault never answers: long enough that the healthy calls around the fault
#: answer in time on a loaded 2-core machine, short enough to keep the run bounded.
TIMEOUT_S = 2.0
SUMMARY_WORDS = {
    "timeout": f"no answer within {TIMEOUT_S:g} s",
    "500": "unexpected answer",
    "malformed-json": "unexpected answer",
    "403-no-details": "permission denied",
    "connection-reset": "unreachable",
}


def run_doctor(
    emu: Emulator, *, timeout: float = 10.0, fmt: OutputFormat = OutputFormat.JSON, **kw: Any
) -> tuple[int, str, str]:
    ctx = make_ctx(emu.demo_env(), fmt=fmt, timeout=timeout)
    args = {**ARGS}
    args.update(kw)
    code = doctor.run(ctx, **args)
    assert isinstance(ctx.stdout, io.StringIO) and isinstance(ctx.stderr, io.StringIO)
    return code, ctx.stdout.getvalue(), ctx.stderr.getvalue()


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("api", sorted(AFFECTED))
def test_fault_leaves_a_readable_row(api: str, fault: str) -> None:
    check_id, allowed = AFFECTED[api]
    with Emulator("healthy") as emu:
        emu.inject(api, FAULTS[fault]())
        start = time.perf_counter()
        # Only the timeout fault needs a short timeout; the others must not race a loaded machine.
        code, out, _err = run_doctor(emu, timeout=TIMEOUT_S if fault == "timeout" else 3.0)
        elapsed = time.perf_counter() - start
    doc = json.loads(out)
    checks = {c["id"]: c for c in doc["data"]["checks"]}
    row = checks[check_id]
    assert row["status"] in allowed, row
    assert SUMMARY_WORDS[fault] in row["summary"], row
    assert all(c["status"] != "crash" for c in checks.values()), checks
    assert "Traceback" not in out and "Error(" not in row["summary"]
    if fault == "403-no-details":  # an answer (no permission), not a fault: the row says so
        assert code == (1 if any(c["status"] == "fail" for c in checks.values()) else 0)
    else:  # a fact missing because of a fault exits 1 (SPEC §1.4), never an all-clear
        assert code == 1
        assert not doc["data"]["verdict"].startswith("✓")
    assert elapsed < 4 * TIMEOUT_S, elapsed  # every call bounded by --timeout


@pytest.mark.parametrize("fault", ["timeout", "403-no-details"])
def test_fault_on_key_lookup_skips_the_project_checks_with_a_reason(fault: str) -> None:
    with Emulator("healthy") as emu:
        emu.inject("apikeys", FAULTS[fault]())
        code, out, _ = run_doctor(emu, timeout=TIMEOUT_S)
    checks = {c["id"]: c for c in json.loads(out)["data"]["checks"]}
    assert checks["key-project"]["status"] == "fail"
    for dependant in ("billed-project", "api-enabled", "quota-limits", "quota-usage"):
        assert checks[dependant]["status"] == "skip"
        assert "key's project is unknown" in checks[dependant]["summary"]
    assert code == 1


def test_403_without_details_names_the_permission_the_call_needs() -> None:
    with Emulator("healthy") as emu:
        emu.inject("billing", Fault.forbidden_no_details())
        _, out, _ = run_doctor(emu)
    billed = next(c for c in json.loads(out)["data"]["checks"] if c["id"] == "billed-project")
    assert "permission" in billed["summary"]
    assert billed["fix"]


def test_human_output_survives_every_fault_at_once() -> None:
    with Emulator("healthy") as emu:
        emu.inject("cloudquotas", Fault.malformed_json())
        emu.inject("monitoring", Fault.status500())
        emu.inject("billing", Fault.connection_reset())
        emu.inject("serviceusage", Fault.timeout())
        code, out, _ = run_doctor(emu, timeout=TIMEOUT_S, fmt=OutputFormat.HUMAN)
    assert "[✗] Billing on the key's project (cannot read billing" in out
    assert "[!] Gemini API enabled (cannot read the services" in out
    assert "Traceback" not in out
    assert out.rstrip().splitlines()[-1].startswith("✗ Fix first:")
    assert code == 1
