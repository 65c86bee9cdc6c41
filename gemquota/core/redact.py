"""Redaction of API keys, OAuth tokens and other secrets, applied on every output path (SPEC §8)."""

from __future__ import annotations

import re

_API_KEY = re.compile(r"AIza[0-9A-Za-z_\-]{35}")
_OAUTH = re.compile(r"ya29\.[0-9A-Za-z_\-.~+/]+")
_REFRESH = re.compile(r"\b1//0[0-9A-Za-z_\-]{20,}")
_BEARER = re.compile(r"(?i)\b(Bearer\s+)(?!…)([A-Za-z0-9._~+/=\-]{8,})")
_QUERY = re.compile(r"(?i)([?&;](?:key|keystring|api_key|access_token|token)=)(?!…|AIza…)([^&\s\"'#<>]+)")
_HEADER = re.compile(
    r"(?i)((?:x-goog-api-key|api[_-]?key|access_token|refresh_token|client_secret|private_key_id)"
    r"[\"']?\s*[:=]\s*[\"']?)(?!…|AIza…)([^\s\"',}]{6,})"
)
_PEM = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", re.S)


def mask_key(key: str) -> str:
    """Show an API key as ``AIza…`` plus its last four characters."""
    key = key.strip()
    if len(key) <= 8:
        return "…"
    return f"{key[:4]}…{key[-4:]}"


def redact(text: str) -> str:
    """Return ``text`` with every secret we know the shape of replaced by a masked form."""
    if not text:
        return text
    text = _PEM.sub("-----PRIVATE KEY REDACTED-----", text)
    text = _API_KEY.sub(lambda m: mask_key(m.group(0)), text)
    text = _OAUTH.sub("ya29.…", text)
    text = _REFRESH.sub("1//…", text)
    text = _BEARER.sub(lambda m: m.group(1) + "…", text)
    text = _QUERY.sub(lambda m: m.group(1) + "…", text)
    return _HEADER.sub(lambda m: m.group(1) + "…", text)
