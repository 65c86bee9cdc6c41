"""Which Gemini API key is in use and where it came from (SPEC §5: --key > GOOGLE_API_KEY > GEMINI_API_KEY)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from gemquota.context import Context
from gemquota.core.redact import mask_key
from gemquota.exceptions import UsageError

#: Kept for callers that only knew one shape (the shapes themselves live in core.keykind).
KEY_SHAPE = re.compile(r"^AIza[0-9A-Za-z_\-]{35}$")

#: Prefixes of other providers' secrets (what a pasted key looks like when it is not a Gemini key).
#: Longest prefix first: ``sk-ant-`` before ``sk-``.
OTHER_PROVIDERS: tuple[tuple[str, str], ...] = (
    ("sk-ant-", "an Anthropic API key"),
    ("sk-or-", "an OpenRouter API key"),
    ("sk-proj-", "an OpenAI project key"),
    ("sk-", "an OpenAI-style secret key"),
    ("gsk_", "a Groq API key"),
    ("hf_", "a Hugging Face token"),
    ("xai-", "an xAI API key"),
    ("pplx-", "a Perplexity API key"),
    ("ghp_", "a GitHub token"),
    ("github_pat_", "a GitHub token"),
    ("ya29.", "a Google OAuth access token (not an API key)"),
    ("1//", "a Google OAuth refresh token (not an API key)"),
    ("AKIA", "an AWS access key id"),
)


class KeyKind(StrEnum):
    """The kind of a Gemini API key (SPEC §3 ``keys[].kind``)."""

    STANDARD = "standard"  #: ``AIza…``: identifies a project only; rejected by the Gemini API since 2026-09
    AUTH = "auth"  #: ``AQ.…``: bound to a service account; what AI Studio creates since May 2026
    UNKNOWN = "unknown"  #: neither shape


def key_kind(value: str) -> KeyKind:
    """The kind of ``value`` by its shape alone (SPEC §5, ``core.keykind``); a value with quotes or
    blanks around it is not a key as it stands (it would be sent that way): ``unknown``."""
    from gemquota.core.keykind import key_kind as shape

    if value != value.strip() or value[:1] in "\"'`" or value[-1:] in "\"'`":
        return KeyKind.UNKNOWN
    kind = shape(value)
    return KeyKind(kind) if kind is not None else KeyKind.UNKNOWN


def shape_problem(value: str) -> str | None:
    """What a malformed key looks like (truncated, quoted, another provider's key…); None when well-formed.

    Never quotes the value: only its length, prefix class and the characters that do not belong."""
    if key_kind(value) is not KeyKind.UNKNOWN:
        return None
    stripped = value.strip()
    if stripped[:1] in "\"'`" and stripped[-1:] in "\"'`" and len(stripped) > 1:
        inner = stripped[1:-1].strip()
        if key_kind(inner) is not KeyKind.UNKNOWN:
            return "it is wrapped in quotes: remove them"
        return "it is wrapped in quotes, and without them it is still not a Gemini API key"
    if stripped[:1] in "\"'`" or stripped[-1:] in "\"'`":
        return "it starts or ends with a quote character: remove it"
    if stripped.lower().startswith(("bearer ", "key=", "x-goog-api-key:")):
        return "it carries a header or parameter name: keep only the key itself"
    if any(c.isspace() for c in stripped):
        return "it contains a space or line break (a copy across lines?)"
    for prefix, what in OTHER_PROVIDERS:
        if stripped.startswith(prefix):
            return f"it looks like {what}, not a Gemini API key"
    n = len(stripped)
    if stripped.startswith("AIza"):
        if n < 39:
            return f"it starts like a standard key (AIza…) but has {n} characters instead of 39: truncated?"
        if n > 39:
            return f"it starts like a standard key (AIza…) but has {n} characters instead of 39: something is appended?"
        return "it starts like a standard key (AIza…) but contains characters a key never has"
    if stripped.startswith("AQ."):
        if n < 43:
            return f"it starts like an auth key (AQ.…) but has only {n} characters (about 53 expected): truncated?"
        if n > 63:
            return f"it starts like an auth key (AQ.…) but has {n} characters (about 53 expected): something is appended?"
        return "it starts like an auth key (AQ.…) but contains characters a key never has"
    if stripped.startswith(("AI", "Aiza", "aiza", "AQ", "aq.")):
        return "it starts almost like a Gemini API key: part of the start is missing or mistyped"
    return (
        f"it has {n} characters and neither shape of a Gemini API key "
        "(AIza + 35 characters, or AQ. + about 50)"
    )


@dataclass(frozen=True)
class ApiKey:
    """An API key and its source. ``repr`` and ``masked`` never show the secret."""

    value: str = field(repr=False)
    source: str  #: "--key", "--keys-file", "GOOGLE_API_KEY", "GEMINI_API_KEY", "demo"

    @property
    def masked(self) -> str:
        return mask_key(self.value)

    @property
    def kind(self) -> KeyKind:
        return key_kind(self.value)

    @property
    def well_formed(self) -> bool:
        return self.kind is not KeyKind.UNKNOWN

    @property
    def problem(self) -> str | None:
        """What a malformed key looks like; None when it has one of the two shapes."""
        return shape_problem(self.value)


@dataclass(frozen=True)
class KeyEnvironment:
    """The keys found, in precedence order, plus a warning when both env vars disagree."""

    keys: tuple[ApiKey, ...]
    google_api_key: str | None = field(default=None, repr=False)
    gemini_api_key: str | None = field(default=None, repr=False)

    @property
    def conflicting_env(self) -> bool:
        """Both GOOGLE_API_KEY and GEMINI_API_KEY are set with different values."""
        return bool(
            self.google_api_key and self.gemini_api_key and self.google_api_key != self.gemini_api_key
        )


def _env_key(ctx: Context, name: str) -> str | None:
    value = ctx.env.get(name, "").strip()
    return value or None


def read_keys_file(path: str) -> tuple[str, ...]:
    """One key per line; blank lines and ``#`` comments ignored."""
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UsageError(f"Cannot read --keys-file {path}: {exc.strerror}") from None
    keys = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            keys.append(line)
    return tuple(keys)


def resolve_keys(
    ctx: Context, explicit: tuple[str, ...] = (), keys_file: str | None = None
) -> KeyEnvironment:
    """All keys to use, first = the one google-genai would pick. Duplicates are dropped."""
    google = _env_key(ctx, "GOOGLE_API_KEY")
    gemini = _env_key(ctx, "GEMINI_API_KEY")
    found: list[ApiKey] = [ApiKey(k.strip(), "--key") for k in explicit if k.strip()]
    if keys_file:
        found += [ApiKey(k, "--keys-file") for k in read_keys_file(keys_file)]
    if not found:
        if google:
            found.append(ApiKey(google, "GOOGLE_API_KEY"))
        elif gemini:
            found.append(ApiKey(gemini, "GEMINI_API_KEY"))
    unique: list[ApiKey] = []
    seen: set[str] = set()
    for key in found:
        if key.value not in seen:
            seen.add(key.value)
            unique.append(key)
    return KeyEnvironment(tuple(unique), google, gemini)
