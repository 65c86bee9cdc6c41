"""Run doctor checks concurrently: each starts once what it needs is done; results in fixed order."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from gemquota.checks.base import Check, CheckOutcome, CheckResult, Facts, Status, hint
from gemquota.context import Context
from gemquota.core.redact import redact
from gemquota.exceptions import UsageError

#: Called as (finished outcome, number done, number total) after each check.
Progress = Callable[[CheckOutcome, int, int], None]


@dataclass(frozen=True)
class RunReport:
    """Every selected check's outcome in declared order, plus all facts produced."""

    outcomes: tuple[CheckOutcome, ...]
    facts: Facts = field(default_factory=Facts)
    elapsed_s: float = 0.0

    @property
    def visible(self) -> tuple[CheckOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.hidden)

    def get(self, check_id: str) -> CheckOutcome | None:
        for outcome in self.outcomes:
            if outcome.id == check_id:
                return outcome
        return None


def select(checks: Sequence[Check], only: Sequence[str]) -> tuple[Check, ...]:
    """The checks named in ``only`` plus everything they need, in declared order (all when empty)."""
    by_id = {c.id: c for c in checks}
    if not only:
        return tuple(checks)
    unknown = [name for name in only if name not in by_id or by_id[name].hidden]
    if unknown:
        names = ", ".join(c.id for c in checks if not c.hidden)
        raise UsageError(f"Unknown check id: {', '.join(unknown)}.", f"Check ids: {names}.")
    wanted: set[str] = set()
    stack = list(only)
    while stack:
        name = stack.pop()
        if name in wanted:
            continue
        wanted.add(name)
        stack.extend(by_id[name].needs)
    return tuple(c for c in checks if c.id in wanted)


def _crash(check: Check, exc: BaseException, ctx: Context) -> CheckResult:
    text = redact(f"{type(exc).__name__}: {exc}")
    if ctx.debug:
        ctx.stderr.write(redact("".join(traceback.format_exception(exc))))
    return CheckResult(
        Status.CRASH,
        f"the check crashed ({text})",
        (hint("This is a bug in gemquota: rerun as 'gemquota --debug doctor …' and report it."),),
        proceed=False,
        blocked_reason=f"the {check.title.lower()} check crashed",
    )


def _skip_reason(dep: CheckOutcome) -> str:
    result = dep.result
    if result.blocked_reason:
        return result.blocked_reason
    if result.status is Status.SKIP:
        return result.summary.removeprefix("skipped: ")
    return f"{dep.title}: {result.summary}"


def _undeclared(check: Check, result: CheckResult) -> list[str]:
    """Facts a result carries that its check does not declare in ``provides``."""
    declared = getattr(check, "provides", None)
    if declared is None:
        return []
    return [getattr(k, "name", str(k)) for k in result.facts if k not in declared]


def _run_one(check: Check, ctx: Context, facts: Facts) -> tuple[CheckResult, float]:
    start = time.perf_counter()
    try:
        result = check.run(ctx, facts)
        undeclared = _undeclared(check, result)
        if undeclared:
            raise TypeError(f"check {check.id} returned undeclared facts {undeclared}")
    except Exception as exc:  # a crashing check becomes a [☠] row, never a traceback
        result = _crash(check, exc, ctx)
    return result, time.perf_counter() - start


def run_checks(
    ctx: Context,
    checks: Sequence[Check],
    *,
    facts: Mapping[Any, Any] | None = None,
    progress: Progress | None = None,
    check_budget_s: float | None = None,
) -> RunReport:
    """Run ``checks`` (already selected) concurrently and return their outcomes in declared order.

    A check starts as soon as every check it needs is done. When a needed check failed, was
    skipped or crashed (and did not allow dependants to proceed), the dependant is a ``skip`` row
    with the reason. A check still running ``check_budget_s`` after it started is reported as a
    crash so that the run always finishes (every call is also bounded by ``ctx.timeout``)."""
    start = time.perf_counter()
    budget = check_budget_s if check_budget_s is not None else ctx.timeout * 6 + 5.0
    known = {c.id for c in checks}
    for check in checks:
        missing = [n for n in check.needs if n not in known]
        if missing:
            raise ValueError(f"check {check.id} needs unselected checks {missing}")
    all_facts: dict[Any, Any] = dict(facts or {})
    done: dict[str, CheckOutcome] = {}
    pending = list(checks)
    running: dict[Future[tuple[CheckResult, float]], tuple[Check, float]] = {}
    total = len(checks)

    def finish(check: Check, result: CheckResult, elapsed: float) -> None:
        outcome = CheckOutcome(check.id, check.title, result, elapsed, check.hidden)
        done[check.id] = outcome
        all_facts.update(result.facts)
        if progress is not None:
            progress(outcome, len(done), total)

    pool = ThreadPoolExecutor(max_workers=max(1, total), thread_name_prefix="gemquota-check")
    try:
        while pending or running:
            started = True
            while started:  # start (or skip) everything whose needs are done
                started = False
                for check in list(pending):
                    if not all(n in done for n in check.needs):
                        continue
                    pending.remove(check)
                    started = True
                    blockers = [done[n] for n in check.needs if not done[n].result.lets_dependants_run]
                    if blockers:
                        reason = _skip_reason(blockers[0])
                        finish(
                            check,
                            CheckResult(Status.SKIP, f"skipped: {reason}", blocked_reason=reason),
                            0.0,
                        )
                        continue
                    future = pool.submit(_run_one, check, ctx, Facts(all_facts))
                    running[future] = (check, time.perf_counter())
            if not running:
                if pending:  # a dependency cycle cannot happen with a valid registry
                    raise ValueError(f"unsatisfiable checks: {[c.id for c in pending]}")
                break
            now = time.perf_counter()
            next_deadline = min(t0 + budget for _, t0 in running.values())
            finished, _ = wait(
                list(running), timeout=max(0.0, next_deadline - now), return_when=FIRST_COMPLETED
            )
            for future in finished:
                check, _t0 = running.pop(future)
                result, elapsed = future.result()
                finish(check, result, elapsed)
            now = time.perf_counter()
            for future, (check, t0) in list(running.items()):
                if now - t0 >= budget:
                    running.pop(future)
                    future.cancel()
                    result = CheckResult(
                        Status.CRASH,
                        f"did not finish within {budget:.0f} s",
                        (hint("A Google API did not answer; rerun with a larger --timeout."),),
                        proceed=False,
                        blocked_reason=f"the {check.title.lower()} check did not finish",
                    )
                    finish(check, result, now - t0)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    ordered = tuple(done[c.id] for c in checks)
    return RunReport(ordered, Facts(all_facts), time.perf_counter() - start)
