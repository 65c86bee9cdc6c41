"""Which Gemini API key is in use and where it came from (SPEC §5: --key > GOOGLE_API_KEY > GEMINI_API_KEY)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gemquota.context import Context
from gemquota.core.redact import mask_key
from gemquota.inputfile import MAX_KEYS_FILE_BYTES, read_regular_file

KEY_SHAPE = re.compile(r"^AIza[0-9A-Za-z_\-]{35}$")


@dataclass(frozen=True)
class ApiKey:
    """An API key and its source. ``repr`` and ``masked`` never show the secret."""

    value: str = field(repr=False)
    source: str  #: "--key", "--keys-file", "GOOGLE_API_KEY", "GEMINI_API_KEY", "demo"

    @property
    def masked(self) -> str:
        return mask_key(self.value)

    @property
    def well_formed(self) -> bool:
        return bool(KEY_SHAPE.match(self.value))


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
    raw = read_regular_file(path, limit=MAX_KEYS_FILE_BYTES, option="--keys-file")
    text = raw.decode("utf-8-sig", errors="replace")
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
