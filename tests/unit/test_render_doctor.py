"""Doctor renderings on hand-made outcomes: verdict priority, GitHub escaping, JSON shape, spinner."""

from __future__ import annotations

import io
import json
from typing import Any

from gemquota.app.doctor import verdict
from gemquota.checks.base import CheckOutcome, CheckResult, Status, error, hint
from gemquota.context import OutputFormat
from gemquota.render import doctor as render

KEY = "AIzaSyA1234567890abcdefghijklmnopqrstuv"


def outcome(check_id: str, status: Status, summary: str, fix: str | None = None, **kw: Any) -> CheckOutcome:
    return CheckOutcome(
        check_id, check_id.replace("-", " ").title(), CheckResult(status, summary, fix=fix, **kw)
    )


def test_verdict_puts_the_headline_fix_first() -> None:
    outs = (
        outcome("api-enabled", Status.FAIL, "disabled", "gcloud services enable x"),
        outcome(
            "billed-project", Status.FAIL, "billing is on A but your key belongs to B", "use a key from A"
        ),
        outcome("tier", Status.WARN, "odd"),
    )
    line, status = verdict(outs)
    assert status is Status.FAIL
    assert line == (
        "✗ Fix first: use a key from A — billing is on A but your key belongs to B (1 more problem, 1 warning)"
    )


def test_verdict_crash_and_warn_and_ok() -> None:
    line, status = verdict((outcome("probe", Status.CRASH, "the check crashed (X)"),))
    assert status is Status.FAIL and line.startswith("✗ Fix first: the check crashed (X) (probe)")
    line, status = verdict((outcome("shared-keys", Status.WARN, "2 keys share", "split"),))
    assert status is Status.WARN and line == "! No blocking problem; 1 warning. First: split"
    line, status = verdict((outcome("api-key", Status.OK, "fine"), outcome("probe", Status.SKIP, "no")))
    assert status is Status.OK and line == "✓ No issues found (1 checks passed)."


def test_github_annotations_are_escaped_and_redacted() -> None:
    outs = (
        outcome("api-key", Status.FAIL, f"bad key {KEY}\nsecond line 100%", "do: this, that"),
        outcome("tier", Status.WARN, "hmm"),
        outcome("probe", Status.SKIP, "skipped"),
    )
    lines = render.github_lines(outs, "✗ verdict")
    assert lines[0] == (
        "::error title=gemquota doctor%3A Api Key::bad key AIza…stuv%0Asecond line 100%25. Fix: do: this, that"
    )
    assert lines[1] == "::warning title=gemquota doctor%3A Tier::hmm"
    assert lines[2] == "::notice title=gemquota doctor::✗ verdict"
    assert len(lines) == 3


def test_json_has_the_contract_keys_and_extra_keys(make_context: Any) -> None:
    ctx = make_context(fmt=OutputFormat.JSON)
    outs = (
        outcome(
            "quota-limits",
            Status.OK,
            "fine",
            messages=(error("e", "https://x"), hint("h")),
            extra={"limits": {"tier": "free", "columns": [], "rows": []}},
        ),
    )
    render.render(ctx, outs, "✓ ok", Status.OK, None)
    doc = json.loads(ctx.out)
    assert doc == {
        "schema_version": 1,
        "command": "doctor",
        "data": {
            "checks": [
                {
                    "id": "quota-limits",
                    "title": "Quota Limits",
                    "status": "ok",
                    "summary": "fine",
                    "messages": [
                        {"level": "error", "text": "e", "url": "https://x"},
                        {"level": "hint", "text": "h", "url": None},
                    ],
                    "fix": None,
                    "limits": {"tier": "free", "columns": [], "rows": []},
                }
            ],
            "verdict": "✓ ok",
            "fix_first": None,
            "project": None,
            "projects": [],
            "keys": [],
        },
    }


def test_human_redacts_every_line(make_context: Any) -> None:
    ctx = make_context()
    outs = (
        outcome(
            "api-key",
            Status.WARN,
            f"key {KEY}",
            f"unset {KEY}",
            messages=(hint(KEY, f"https://x?key={KEY}"),),
        ),
    )
    render.render(ctx, outs, f"! {KEY}", Status.WARN, None)
    assert KEY not in ctx.out
    assert ctx.out.startswith("[!] Api Key (key AIza…stuv)\n")


class TtyIO(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_spinner_only_on_a_terminal_in_human_format(make_context: Any) -> None:
    for fmt, tty, expect in (
        (OutputFormat.HUMAN, True, True),
        (OutputFormat.HUMAN, False, False),
        (OutputFormat.JSON, True, False),
        (OutputFormat.GITHUB, True, False),
    ):
        err = TtyIO() if tty else io.StringIO()
        ctx = make_context(fmt=fmt, stderr=err, color=None)
        with render.progress(ctx, 3) as update:
            update(outcome("api-key", Status.OK, "x"), 1, 3)
        assert bool(err.getvalue()) is expect, (fmt, tty)
