"""The doctor runner with static fake checks: crash rows, dependency skips, order, concurrency."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from typing import Any as MakeContext

import pytest

from gemquota.checks.base import CheckResult, Status
from gemquota.checks.registry import CHECK_IDS, build_checks
from gemquota.checks.runner import run_checks, select
from gemquota.exceptions import UsageError


@dataclass(frozen=True)
class StaticCheck:
    """A check that returns a fixed result (or raises), optionally after a delay."""

    id: str
    result: CheckResult | None = None
    needs: tuple[str, ...] = ()
    delay: float = 0.0
    raises: BaseException | None = None
    hidden: bool = False
    seen: list[Mapping[str, Any]] = field(default_factory=list, compare=False)
    hook: Callable[[], object] | None = None

    @property
    def title(self) -> str:
        return self.id.title()

    def run(self, ctx: Any, facts: Mapping[str, Any]) -> CheckResult:
        self.seen.append(dict(facts))
        if self.hook is not None:
            self.hook()
        if self.delay:
            time.sleep(self.delay)
        if self.raises is not None:
            raise self.raises
        assert self.result is not None
        return self.result


OK = CheckResult(Status.OK, "fine")


def test_crash_becomes_a_crash_row_and_dependants_skip(make_context: MakeContext) -> None:
    boom = StaticCheck("boom", raises=RuntimeError("kaboom AIzaSyA1234567890abcdefghijklmnopqrstuv"))
    after = StaticCheck("after", OK, needs=("boom",))
    report = run_checks(make_context(), [boom, after])
    crash, skipped = report.outcomes
    assert crash.status is Status.CRASH
    assert "kaboom" in crash.result.summary
    assert "AIzaSyA1234567890abcdefghijklmnopqrstuv" not in crash.result.summary  # redacted
    assert skipped.status is Status.SKIP
    assert "boom check crashed" in skipped.result.summary
    assert after.seen == []  # never ran


def test_failed_dependency_skips_with_its_reason_transitively(make_context: MakeContext) -> None:
    root = StaticCheck(
        "creds",
        CheckResult(Status.FAIL, "no credentials", blocked_reason="no cloud credentials (run: gcloud login)"),
    )
    mid = StaticCheck("mid", OK, needs=("creds",), hidden=True)
    leaf = StaticCheck("leaf", OK, needs=("mid",))
    report = run_checks(make_context(), [root, mid, leaf])
    assert [o.status for o in report.outcomes] == [Status.FAIL, Status.SKIP, Status.SKIP]
    assert report.outcomes[2].result.summary == "skipped: no cloud credentials (run: gcloud login)"
    assert [o.id for o in report.visible] == ["creds", "leaf"]


def test_fail_that_proceeds_lets_dependants_run_with_its_facts(make_context: MakeContext) -> None:
    root = StaticCheck("root", CheckResult(Status.FAIL, "bad but known", facts={"x": 1}, proceed=True))
    leaf = StaticCheck("leaf", OK, needs=("root",))
    report = run_checks(make_context(), [root, leaf], facts={"opt": "y"})
    assert report.outcomes[1].status is Status.OK
    assert leaf.seen[0]["x"] == 1 and leaf.seen[0]["opt"] == "y"


def test_warn_lets_dependants_run_skip_does_not(make_context: MakeContext) -> None:
    warn = StaticCheck("warn", CheckResult(Status.WARN, "meh"))
    skip = StaticCheck("skip", CheckResult(Status.SKIP, "not applicable"))
    a = StaticCheck("a", OK, needs=("warn",))
    b = StaticCheck("b", OK, needs=("skip",))
    report = run_checks(make_context(), [warn, skip, a, b])
    assert report.get("a") is not None and report.get("a").status is Status.OK  # type: ignore[union-attr]
    b_out = report.get("b")
    assert b_out is not None and b_out.status is Status.SKIP
    assert b_out.result.summary == "skipped: not applicable"


def test_results_come_in_declared_order_not_finish_order(make_context: MakeContext) -> None:
    slow = StaticCheck("slow", OK, delay=0.15)
    fast = StaticCheck("fast", OK)
    dep = StaticCheck("dep", OK, needs=("fast",))
    finished: list[str] = []
    report = run_checks(make_context(), [slow, fast, dep], progress=lambda o, _d, _t: finished.append(o.id))
    assert [o.id for o in report.outcomes] == ["slow", "fast", "dep"]
    assert finished.index("fast") < finished.index("slow")
    assert finished[-1] == "slow"


def test_independent_checks_run_concurrently(make_context: MakeContext) -> None:
    barrier = threading.Barrier(4, timeout=5)
    checks = [StaticCheck(f"c{i}", OK, hook=barrier.wait) for i in range(4)]
    start = time.perf_counter()
    report = run_checks(make_context(), checks)  # deadlocks (BrokenBarrierError → crash) if sequential
    assert all(o.status is Status.OK for o in report.outcomes)
    assert time.perf_counter() - start < 5


def test_dependant_starts_as_soon_as_its_needs_are_done(make_context: MakeContext) -> None:
    slow = StaticCheck("slow", OK, delay=0.4)
    quick = StaticCheck("quick", OK)
    child = StaticCheck("child", OK, needs=("quick",), delay=0.2)
    start = time.perf_counter()
    report = run_checks(make_context(), [slow, quick, child])
    assert time.perf_counter() - start < 0.58  # child overlapped slow instead of waiting for it
    assert report.outcomes[2].elapsed_s >= 0.2


def test_hanging_check_is_cut_off_and_the_run_finishes(make_context: MakeContext) -> None:
    event = threading.Event()
    hang = StaticCheck("hang", OK, hook=lambda: event.wait(5))
    other = StaticCheck("other", OK)
    start = time.perf_counter()
    report = run_checks(make_context(), [hang, other], check_budget_s=0.3)
    event.set()
    assert time.perf_counter() - start < 2
    assert report.outcomes[0].status is Status.CRASH
    assert "did not finish" in report.outcomes[0].result.summary
    assert report.outcomes[1].status is Status.OK


def test_select_adds_what_is_needed_and_keeps_order() -> None:
    checks = build_checks()
    chosen = select(checks, ["quota-usage"])
    ids = [c.id for c in chosen]
    assert set(ids) == {
        "cloud-credentials",
        "key-lookup",
        "project-info",
        "key-projects",
        "billed-project",
        "usage-data",
        "quota-data",
        "quota-usage",
        "tier",
    }
    assert ids == [c.id for c in checks if c.id in ids]
    assert "probe" not in ids and "shared-keys" not in ids


def test_select_unknown_or_hidden_id_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="nope"):
        select(build_checks(), ["nope"])
    with pytest.raises(UsageError):
        select(build_checks(), ["key-lookup"])


def test_registry_has_the_spec_ids_in_order() -> None:
    assert CHECK_IDS == (
        "api-key",
        "key-accepted",
        "cloud-credentials",
        "key-project",
        "key-restrictions",
        "billed-project",
        "billing-account",
        "api-enabled",
        "quota-limits",
        "quota-usage",
        "tier",
        "shared-keys",
        "probe",
    )
    for probe in (False, True):
        checks = build_checks(probe=probe)
        ids = [c.id for c in checks]
        for check in checks:  # every need exists (display order may differ: quota-limits needs tier)
            assert set(check.needs) <= set(ids), check.id
    tier = next(c for c in build_checks(probe=True) if c.id == "tier")
    assert "probe" in tier.needs
