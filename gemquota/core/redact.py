"""Redaction of API keys, OAuth tokens and other secrets, applied on every output path (SPEC §8)."""

from __future__ import annotations

import re

from gemquota.core.lazyre import LazyRe

_API_KEY = LazyRe(r"AIza[0-9A-Za-z_\-]{35}")
#: An auth key (``AQ.`` + about 50 characters), also cut short (a near-key still leaks most of a secret).
_AUTH_KEY = LazyRe(r"(?<![0-9A-Za-z_\-])AQ\.[0-9A-Za-z_\-]{12,}")
#: A standard key cut short (``AIza`` + 12 to 34 characters).
_NEAR_API_KEY = LazyRe(r"AIza[0-9A-Za-z_\-]{12,34}(?![0-9A-Za-z_\-])")
#: A password in a URL's user-info (``http://user:pw@host``).
_URL_PASSWORD = LazyRe(r"(?i)(\b[a-z][a-z0-9+.\-]*://[^\s/:@]+:)([^\s/@]+)(@)")
_OAUTH = LazyRe(r"ya29\.[0-9A-Za-z_\-.~+/]+")
_REFRESH = LazyRe(r"\b1//0[0-9A-Za-z_\-]{20,}")
_BEARER = LazyRe(r"(?i)\b(Bearer\s+)(?!…)([A-Za-z0-9._~+/=\-]{8,})")
_QUERY = LazyRe(r"(?i)([?&;](?:key|keystring|api_key|access_token|token)=)(?!…|AIza…)([^&\s\"'#<>]+)")
_HEADER = LazyRe(
    r"(?i)((?:x-goog-api-key|api[_-]?key|access_token|refresh_token|client_secret|private_key_id)"
    r"[\"']?\s*[:=]\s*[\"']?)(?!…|AIza…)([^\s\"',}]{6,})"
)
_PEM = LazyRe(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", re.S)
#: Lower-case literals one of which any match of _HEADER must contain.
_HEADER_WORDS = (
    "api-key",
    "api_key",
    "apikey",
    "access_token",
    "refresh_token",
    "client_secret",
    "private_key_id",
)


def mask_key(key: str) -> str:
    """Show an API key as its first four characters (``AIza…``, ``AQ.A…``) plus its last four."""
    key = key.strip()
    if len(key) <= 12:
        return "…"
    return f"{key[:4]}…{key[-4:]}"


def redact(text: str) -> str:
    """Return ``text`` with every secret we know the shape of replaced by a masked form.

    Each pattern runs only when a literal every match needs is present (most text holds none)."""
    if not text:
        return text
    if "PRIVATE KEY-----" in text:
        text = _PEM.sub("-----PRIVATE KEY REDACTED-----", text)
    if "AIza" in text:
        text = _API_KEY.sub(lambda m: mask_key(m.group(0)), text)
        text = _NEAR_API_KEY.sub(lambda m: mask_key(m.group(0)), text)
    if "AQ." in text:
        text = _AUTH_KEY.sub(lambda m: mask_key(m.group(0)), text)
    if "://" in text and "@" in text:
        text = _URL_PASSWORD.sub(lambda m: m.group(1) + "…" + m.group(3), text)
    if "ya29." in text:
        text = _OAUTH.sub("ya29.…", text)
    if "1//0" in text:
        text = _REFRESH.sub("1//…", text)
    low = text.lower()
    if "bearer" in low:
        text = _BEARER.sub(lambda m: m.group(1) + "…", text)
    if "=" in text:
        text = _QUERY.sub(lambda m: m.group(1) + "…", text)
    if any(word in low for word in _HEADER_WORDS):
        text = _HEADER.sub(lambda m: m.group(1) + "…", text)
    return text
