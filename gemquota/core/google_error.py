"""Compatibility name of the parser: it lives in :mod:`gemquota.core.parse`."""

from __future__ import annotations

from gemquota.core.parse import (
    CANONICAL_STATUSES,
    CODE_OF_STATUS,
    STATUS_OF_CODE,
    GoogleError,
    Violation,
    canonical_status,
    decode_paste,
    flatten,
    normalize,
    parse_body,
    parse_duration,
    parse_text,
)

__all__ = [
    "CANONICAL_STATUSES",
    "CODE_OF_STATUS",
    "STATUS_OF_CODE",
    "GoogleError",
    "Violation",
    "canonical_status",
    "decode_paste",
    "flatten",
    "normalize",
    "parse_body",
    "parse_duration",
    "parse_text",
]
