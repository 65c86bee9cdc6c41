"""Helpers shared by the doctor integration tests: a hand-built Context and doctor's default options."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from gemquota.context import Context, Endpoints, OutputFormat

#: doctor.run's keyword arguments with every option at its default.
ARGS: dict[str, Any] = {
    "project": None,
    "keys": (),
    "keys_file": None,
    "models": (),
    "probe": False,
    "demo": None,
    "list_checks": False,
    "checks": (),
}


def make_ctx(
    env: Mapping[str, str], *, fmt: OutputFormat = OutputFormat.JSON, timeout: float = 5.0
) -> Context:
    """A doctor Context over ``env`` (endpoints from GEMQUOTA_GOOGLE_BASE_URL), output captured."""
    return Context(
        env=dict(env),
        endpoints=Endpoints.from_env(env),
        timeout=timeout,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        fmt=fmt,
        command="doctor",
        width=120,
        color=False,
        dmi_product_path=None,
    )


#: Noon in Los Angeles: a demo's usage "since Pacific midnight" is spread over hours, far from the reset (run on
#: the wall clock just after midnight, a scenario's day of requests crowds into its last minutes).
DEMO_NOON = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)


def demo_run(
    scenario: str, *, fmt: OutputFormat = OutputFormat.JSON, verbose: bool = False, **options: Any
) -> tuple[int, str, str]:
    """``gemquota doctor --demo SCENARIO`` at ``DEMO_NOON``: (exit code, stdout, stderr)."""
    from gemquota.commands import doctor

    ctx = make_ctx({}, fmt=fmt).with_(clock=lambda: DEMO_NOON, width=240)  # (a verdict on one line)
    code = doctor.run(ctx, **{**ARGS, **options, "demo": scenario}, verbose=verbose)
    out, err = ctx.stdout, ctx.stderr
    assert isinstance(out, io.StringIO) and isinstance(err, io.StringIO)
    return code, out.getvalue(), err.getvalue()
