"""``gemquota probe``: one honest live request per model, diagnosed (SPEC §1.3).

This module decides which key and which models; the calls and their diagnosis are
``gemquota.checks.probing`` (shared with doctor's ``probe`` check); printing is
``gemquota.render.probe``, called by ``gemquota.commands.probe``."""

from __future__ import annotations

from gemquota.checks.probing import ProbeReport, probe_models, wanted_models
from gemquota.context import Context
from gemquota.exceptions import NoCredentials
from gemquota.keys import ApiKey, resolve_keys

KEY_URL = "https://aistudio.google.com/app/apikey"


def api_key(ctx: Context, key: str | None) -> ApiKey:
    """The key to probe with: ``--key``, else GOOGLE_API_KEY, else GEMINI_API_KEY (exit 3 when none)."""
    found = resolve_keys(ctx, (key,) if key else ())
    if not found.keys:
        raise NoCredentials(
            "No Gemini API key: --key not given and neither GOOGLE_API_KEY nor GEMINI_API_KEY is set.",
            f"export GEMINI_API_KEY=... (create one at {KEY_URL}), or pass --key; "
            "or try 'gemquota probe --demo healthy'.",
        )
    return found.keys[0]


def probe(ctx: Context, key: ApiKey, models: tuple[str, ...], no_generate: bool) -> ProbeReport:
    """models.list, then (unless ``no_generate``) one generateContent per model, each diagnosed."""
    return probe_models(ctx, key, wanted_models(models), no_generate)
