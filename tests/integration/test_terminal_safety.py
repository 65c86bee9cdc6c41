"""Names that come from Google APIs never reach the terminal raw: no escape sequence, no bidi override."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from _doctor_support import ARGS, make_ctx
from _emulator_support import scenario_with

from gemquota.commands import doctor
from gemquota.context import OutputFormat
from gemquota.emulator import SCENARIOS, Emulator

pytestmark = [pytest.mark.network, pytest.mark.timeout(60)]

HOSTILE = "Acme\x1b]0;owned\x07\x1b[2J\u202egnp.exe\u2066\r\n[bold]x[/bold]"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _hostile_scenario() -> object:
    base = scenario_with("healthy", display_name=HOSTILE)
    accounts = tuple(dataclasses.replace(a, display_name=HOSTILE) for a in base.accounts)
    return dataclasses.replace(base, accounts=accounts)


def test_display_names_from_the_apis_are_escaped() -> None:
    fmt = OutputFormat.HUMAN
    assert "healthy" in SCENARIOS
    with Emulator(_hostile_scenario()) as emu:  # type: ignore[arg-type]
        ctx = make_ctx(emu.demo_env(), fmt=fmt, timeout=5.0)
        doctor.run(ctx, **{**ARGS, "checks": ("key-project", "billing-account")})
    assert isinstance(ctx.stdout, io.StringIO)
    out = ctx.stdout.getvalue()
    assert "Acme" in out  # the name is shown ...
    assert not RAW.search(out.replace("\n", "")), repr(out)  # ... but never raw
    assert "\\x1b" in out and "\\u202e" in out
    assert out.count("\\u202e") >= 2  # the project's and the billing account's names
