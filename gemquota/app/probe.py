"""``gemquota probe``: one honest live request per key and model, diagnosed (SPEC §1.3).

This module decides which keys and which models; the calls and their diagnosis are
``gemquota.checks.probing`` (shared with doctor's ``probe`` check); printing is
``gemquota.render.probe``, called by ``gemquota.commands.probe``."""

from __future__ import annotations

from gemquota.checks.probing import ProbeReport, probe_keys
from gemquota.context import Context
from gemquota.exceptions import NoCredentials
from gemquota.keys import ApiKey, resolve_keys

KEY_URL = "https://aistudio.google.com/app/apikey"


def api_keys(ctx: Context, keys: tuple[str, ...] = ()) -> tuple[ApiKey, ...]:
    """The keys to probe: every ``--key`` given (each once), else GOOGLE_API_KEY, else GEMINI_API_KEY.

    Exit 3 (``NoCredentials``) when there is none."""
    found = resolve_keys(ctx, tuple(k for k in keys if k and k.strip()))
    if not found.keys:
        raise NoCredentials(
            "No Gemini API key: --key not given and neither GOOGLE_API_KEY nor GEMINI_API_KEY is set.",
            f"export GEMINI_API_KEY=... (create one at {KEY_URL}), or pass --key; "
            "or try 'gemquota probe --demo healthy'.",
        )
    return found.keys


def api_key(ctx: Context, key: str | None) -> ApiKey:
    """The one key google-genai would use: ``--key``, else GOOGLE_API_KEY, else GEMINI_API_KEY."""
    return api_keys(ctx, (key,) if key else ())[0]


def probe(ctx: Context, keys: tuple[ApiKey, ...], models: tuple[str, ...], no_generate: bool) -> ProbeReport:
    """For every key: models.list, then (unless ``no_generate``) one generateContent per model."""
    return probe_keys(ctx, keys, models, no_generate)
