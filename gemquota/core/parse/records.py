"""The parser's public records: one Google error occurrence and its quota violations."""

from __future__ import annotations

import codecs
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Any, Protocol


def decode_paste(raw: bytes | bytearray | memoryview) -> str:
    """Lenient decoding of a paste: UTF-8 with replacement, BOM stripped (UTF-16 with a BOM), NULs removed."""
    data = bytes(raw)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace").replace("\x00", "")
    return data.decode("utf-8", errors="replace").replace("\x00", "")


@dataclass(frozen=True)
class Violation:
    """One quota violation: from ``QuotaFailure.violations[]``, a message bullet, or ErrorInfo metadata."""

    metric: str | None = None
    quota_id: str | None = None
    model: str | None = None
    location: str | None = None
    value: int | None = None
    value_text: str | None = None
    future_value: int | None = None
    source: str = "details"  # details | bullet | errorinfo | sentence
    description: str | None = (
        None  # QuotaFailure's human text ("daily limit"), read when nothing else names it
    )

    @property
    def is_zero(self) -> bool:
        """True only for an exact zero limit (``limit: 0``, not ``limit: 0.5``)."""
        return self.value_text is not None and self.value_text.strip("0") == "" and self.value == 0


@dataclass(frozen=True)
class GoogleError:
    """One error occurrence, normalized from whatever wrapper it came in."""

    http_code: int | None = None
    status: str | None = None
    message: str | None = None
    messages: tuple[str, ...] = ()
    reason: str | None = None
    reasons: tuple[str, ...] = ()
    domain: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()
    violations: tuple[Violation, ...] = ()
    retry_delay_s: float | None = None
    reset_delay_s: float | None = None
    links: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    request_model: str | None = None
    message_model: str | None = None
    display_model: str | None = None
    dimension_model: str | None = None
    #: A model only a display name in prose names ("Model: Gemini 2.5 Pro"): the weakest evidence, not a
    #: Google signal by itself.
    named_model: str | None = None
    project_number: str | None = None
    location: str | None = None
    quota_limit_name: str | None = None
    quota_metric_name: str | None = None
    service: str | None = None
    signals: frozenset[str] = frozenset()
    hints: frozenset[str] = frozenset()
    list_wrapped: bool = False
    legacy_errors: bool = False
    count: int = 1
    position: int = 0
    evidence: tuple[str, ...] = ()

    def identity(self) -> tuple[Any, ...]:
        """What makes two occurrences 'the same error' (for counting repeats)."""
        return (
            self.http_code,
            self.status,
            self.message,
            self.reason,
            tuple((v.metric, v.quota_id, v.model, v.value) for v in self.violations),
            self.signals,
            self.dimension_model,
            self.request_model,
        )


class _Stated(Protocol):
    """What a record states of an error: its signals, code, status and reasons (a parsed record or one being built)."""

    @property
    def signals(self) -> Set[str]: ...

    @property
    def http_code(self) -> int | None: ...

    @property
    def status(self) -> str | None: ...

    @property
    def reasons(self) -> Sequence[str]: ...


def terminated_only(err: _Stated) -> bool:
    """Whether a record is Antigravity's "Agent terminated due to error" alone (no code, status or reason): the
    app's notice that a turn failed, for a cause it does not state."""
    return (
        err.signals == {"agent_terminated"} and err.http_code is None and not err.status and not err.reasons
    )
