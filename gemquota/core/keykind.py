"""The kind of a Gemini API key (SPEC §5): a standard ``AIza…`` key or an auth ``AQ.…`` key.

Only the kind ever leaves this module: the value is read, never kept or printed."""

from __future__ import annotations

from typing import Literal

from gemquota.core.lazyre import LazyRe

#: ``standard`` (AIza + 35) or ``auth`` (AQ. + about 50, bound to a service account).
KeyKind = Literal["standard", "auth"]

_STANDARD = LazyRe(r"AIza[0-9A-Za-z_\-]{35}")
_AUTH = LazyRe(r"AQ\.[0-9A-Za-z_\-]{40,60}")


def key_kind(value: str | None) -> KeyKind | None:
    """``standard`` or ``auth`` for a well-formed key, None for anything else (or no key)."""
    if not value:
        return None
    text = value.strip().strip("'\"")
    if _STANDARD.fullmatch(text):
        return "standard"
    if _AUTH.fullmatch(text):
        return "auth"
    return None


def key_in_use(env: dict[str, str] | None, explicit: str | None = None) -> str | None:
    """The key gemquota would use (SPEC §5 precedence): ``explicit`` (``--key``), then GOOGLE_API_KEY,
    then GEMINI_API_KEY."""
    for value in (explicit, (env or {}).get("GOOGLE_API_KEY"), (env or {}).get("GEMINI_API_KEY")):
        if value and value.strip():
            return value
    return None
