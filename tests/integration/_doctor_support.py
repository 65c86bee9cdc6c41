"""Helpers shared by the doctor integration tests: a hand-built Context and doctor's default options."""

from __future__ import annotations

import io
from collections.abc import Mapping
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
