"""The one context object: environment, clock, endpoints, timeout and output streams.

No other module reads ``os.environ`` or the clock; tests build a Context by hand."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from typing import BinaryIO, TextIO

BASE_URL_ENV = "GEMQUOTA_GOOGLE_BASE_URL"


class OutputFormat(StrEnum):
    """Output formats; ``github`` only for doctor and probe."""

    HUMAN = "human"
    JSON = "json"
    GITHUB = "github"


@dataclass(frozen=True)
class Endpoints:
    """Base URL of each Google API. ``GEMQUOTA_GOOGLE_BASE_URL`` points all of them at one server."""

    apikeys: str = "https://apikeys.googleapis.com"
    resourcemanager: str = "https://cloudresourcemanager.googleapis.com"
    billing: str = "https://cloudbilling.googleapis.com"
    serviceusage: str = "https://serviceusage.googleapis.com"
    cloudquotas: str = "https://cloudquotas.googleapis.com"
    monitoring: str = "https://monitoring.googleapis.com"
    gemini: str = "https://generativelanguage.googleapis.com"
    #: OAuth token endpoint override (None = what the credentials say).
    token: str | None = None
    overridden: bool = False

    @classmethod
    def from_base(cls, base: str) -> Endpoints:
        base = base.rstrip("/")
        return cls(base, base, base, base, base, base, base, token=f"{base}/token", overridden=True)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Endpoints:
        base = env.get(BASE_URL_ENV, "").strip()
        return cls.from_base(base) if base else cls()


def _system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, eq=False)
class Context:
    """Everything a command needs from the outside world."""

    env: Mapping[str, str] = field(default_factory=dict)
    clock: Callable[[], datetime] = _system_clock
    sleep: Callable[[float], None] = time.sleep
    endpoints: Endpoints = field(default_factory=Endpoints)
    timeout: float = 10.0
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: BinaryIO | None = None
    stdin_isatty: bool = True
    fmt: OutputFormat = OutputFormat.HUMAN
    debug: bool = False
    #: Zone for "local" times; None means the machine's local zone.
    local_tz: tzinfo | None = None
    command: str = ""
    #: Terminal width for human output (None = detect).
    width: int | None = None
    color: bool | None = None
    #: The DMI product name file (a GCE machine says "Google Compute Engine" there); tests point it
    #: at a file of their own. None: never read.
    dmi_product_path: str | None = "/sys/class/dmi/id/product_name"

    def now(self) -> datetime:
        """The current time (aware, UTC) from the injected clock."""
        return self.clock().astimezone(UTC)

    def with_(self, **changes: object) -> Context:
        """A copy with some fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_process(cls, *, command: str, fmt: OutputFormat, debug: bool) -> Context:
        """The production context: the real environment, clock, streams and endpoints."""
        env = dict(os.environ)
        stdin_tty = True
        try:
            stdin_tty = sys.stdin is None or sys.stdin.isatty()
        except (ValueError, OSError):
            stdin_tty = True
        return cls(
            env=env,
            endpoints=Endpoints.from_env(env),
            stdin=None if sys.stdin is None else sys.stdin.buffer,
            stdin_isatty=stdin_tty,
            fmt=fmt,
            debug=debug,
            command=command,
        )
