"""The versioned JSON envelope (SPEC §3): exactly one document on stdout, secrets redacted."""

from __future__ import annotations

import json
from typing import Any, TextIO

from gemquota.core.redact import redact

SCHEMA_VERSION = 1


def _redact_tree(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redact_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_tree(v) for v in value]
    return value


def dumps(doc: dict[str, Any]) -> str:
    """Serialise a document; every string in it is redacted; NaN/inf are refused."""
    return json.dumps(_redact_tree(doc), indent=2, ensure_ascii=False, allow_nan=False)


def success(command: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "command": command, "data": data}


def failure(command: str, code: str, message: str, hint: str | None) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "error": {"code": code, "message": message, "hint": hint},
    }


def write(stream: TextIO, doc: dict[str, Any]) -> None:
    stream.write(dumps(doc) + "\n")
    stream.flush()
