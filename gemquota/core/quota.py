"""Pure knowledge about Gemini quota names: tier, window and measure of a quotaId or metric,
the quota group (the ``model`` dimension) of an API model id, and model ids behind display names.

Tier markers are not one convention (reference: google-apis.md §15.2.1, §15.2.3):
``-FreeTier``, glued ``…FreeTier``, ``free_tier`` and ``Free`` mid-name (``…RequestFreePer…``) mean free;
``PaidTier2``/``paid_tier_2`` tier 2; ``PaidTier3``/``paid_tier_3`` tier 3; ``PaidTier1``, ``-PaidTier``
(embeddings), ``paid_tier`` without a number, and the unmarked paid request quotas
(``GenerateRequestsPer{Minute,Day}PerProjectPerModel``, metrics ``generate_requests_per_model[_per_day]``)
mean tier 1. Anything else is unknown (None): the legacy regional quotas carry no tier.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from gemquota.core.diagnosis import Tier
from gemquota.core.lazyre import LazyRe

WindowName = Literal["minute", "day"]
Measure = Literal["requests", "tokens", "images", "other"]

_TIER3 = LazyRe(r"PaidTier3|paid_tier_3|Tier3", re.IGNORECASE)
_TIER2 = LazyRe(r"PaidTier2|paid_tier_2|Tier2", re.IGNORECASE)
_FREE = LazyRe(r"Free[-_]?Tier|free_tier|Free(?=Per|_per)", re.IGNORECASE)
_TIER1 = LazyRe(r"PaidTier1|paid_tier_1|Tier1|PaidTier|paid_tier|Paid(?=Per|_per)", re.IGNORECASE)

#: quotaIds without a tier marker that are the tier-1 (paid) request quotas.
_UNMARKED_PAID_IDS = frozenset(
    {
        "GenerateRequestsPerMinutePerProjectPerModel",
        "GenerateRequestsPerDayPerProjectPerModel",
    }
)
#: Paid metrics whose names carry no ``paid_tier`` marker (tier 1).
_UNMARKED_PAID_METRICS = frozenset({"generate_requests_per_model", "generate_requests_per_model_per_day"})


def _tier_from_marker(name: str) -> Tier | None:
    """The tier a quota id or metric name marks (a short one remembered: the same few recur)."""
    return _short_tier_marker(name) if len(name) <= 200 else _find_tier_marker(name)


@lru_cache(maxsize=1024)
def _short_tier_marker(name: str) -> Tier | None:
    return _find_tier_marker(name)


def _find_tier_marker(name: str) -> Tier | None:
    if _TIER3.search(name):
        return Tier.TIER_3
    if _TIER2.search(name):
        return Tier.TIER_2
    if _FREE.search(name):
        return Tier.FREE
    if _TIER1.search(name):
        return Tier.TIER_1
    return None


def tier_from_quota_id(qid: str | None) -> Tier | None:
    """The tier a quotaId belongs to, or None when it carries no tier evidence."""
    if not qid:
        return None
    qid = qid.strip()
    tier = _tier_from_marker(qid)
    if tier is not None:
        return tier
    if qid in _UNMARKED_PAID_IDS:
        return Tier.TIER_1
    return None


def _metric_tail(metric: str) -> str:
    return metric.strip().rsplit("/", 1)[-1]


def tier_from_metric(metric: str | None) -> Tier | None:
    """The tier a quota metric belongs to (``generativelanguage.googleapis.com/…``), or None."""
    if not metric:
        return None
    tail = _metric_tail(metric)
    tier = _tier_from_marker(tail)
    if tier is not None:
        return tier
    if tail in _UNMARKED_PAID_METRICS:
        return Tier.TIER_1
    return None


_PER_MINUTE = LazyRe(r"Per_?Minute|PerMin\b|per_minute|_per_min\b|RequestsPerMinute|/min\b", re.IGNORECASE)
_PER_DAY = LazyRe(r"Per_?Day|Daily|per_day|/d\b", re.IGNORECASE)


def window_from_quota_id(qid: str | None) -> WindowName | None:
    """``"minute"`` or ``"day"`` from a quotaId / quota_limit name (PerMinute, PerDay, Daily…)."""
    if not qid:
        return None
    if len(qid) <= 200:
        return _window_of_id(qid)
    return _find_window(qid)


@lru_cache(maxsize=256)
def _window_of_id(qid: str) -> WindowName | None:
    """(The same few quota ids recur: their window is remembered.)"""
    return _find_window(qid)


def _find_window(qid: str) -> WindowName | None:
    if _PER_DAY.search(qid):
        return "day"
    if _PER_MINUTE.search(qid):
        return "minute"
    return None


def window_from_metric(metric: str | None) -> WindowName | None:
    """The window a metric implies when only one exists for it (paid request metrics), else None.

    ``generate_content_free_tier_requests`` is shared by RPM and RPD, so it gives None."""
    if not metric:
        return None
    tail = _metric_tail(metric)
    if tail == "generate_requests_per_model":
        return "minute"
    if tail == "generate_requests_per_model_per_day":
        return "day"
    if "input_token_count" in tail and "paid_tier" in tail:
        return "minute"
    if "per_day" in tail or tail.endswith("_per_day"):
        return "day"
    if "per_minute" in tail:
        return "minute"
    if metric.startswith("aiplatform.googleapis.com/") and ("per_base_model" in tail or "prediction" in tail):
        # Vertex AI online-prediction / per-base-model quotas are per minute unless named per day.
        return "minute"
    return None


def measure_from(name: str | None) -> Measure:
    """What a quotaId or metric counts: requests, tokens, images or other."""
    if not name:
        return "other"
    low = name.lower()
    if "token" in low:
        return "tokens"
    if "image" in low:
        return "images"
    if "request" in low or "requests" in low:
        return "requests"
    return "other"


# API model id → quota group (the ``model`` dimension of quotas and 429s), where it differs from
# the mechanical rule below. Sources: real 429s (gemini-2.5-flash-image is counted as
# gemini-2.5-flash-preview-image; gemini-2.5-pro-exp-03-25 as gemini-2.0-pro-exp) and the quota
# list (gemini-embedding-001 → gemini-embedding-1.0).
_GROUP_OVERRIDES: dict[str, str] = {
    "gemini-2.5-flash-image": "gemini-2.5-flash-preview-image",
    "gemini-2.5-flash-image-preview": "gemini-2.5-flash-preview-image",
    "gemini-2.5-pro-exp-03-25": "gemini-2.0-pro-exp",
    "gemini-embedding-001": "gemini-embedding-1.0",
    "gemini-embedding-exp-03-07": "gemini-embedding-exp",
}
_DATED_PREVIEW = LazyRe(r"-preview(?:-\d{2}-\d{2,4})?$")
_DATED = LazyRe(r"-(?:\d{2}-\d{2}|\d{2}-\d{4}|\d{3})$")


def quota_group_for_model(api_model: str) -> str:
    """The quota group an API model id is counted against (best effort, documented mapping).

    Rules: strip ``models/``; a known override wins; otherwise drop a ``-preview`` suffix with an
    optional date (``gemini-3-pro-preview`` → ``gemini-3-pro``, ``gemini-2.5-flash-preview-05-20`` →
    ``gemini-2.5-flash``) and a version/date suffix (``gemini-1.5-flash-001`` → ``gemini-1.5-flash``).
    Callers fall back to the dimensionless default bucket when the group has no own quota."""
    model = api_model.strip().removeprefix("models/").lower()
    if model in _GROUP_OVERRIDES:
        return _GROUP_OVERRIDES[model]
    stripped = _DATED_PREVIEW.sub("", model)
    if stripped == model:
        stripped = _DATED.sub("", model)
    return stripped or model


_DISPLAY_WORDS = {
    "gemini": "gemini",
    "gemma": "gemma",
    "pro": "pro",
    "flash": "flash",
    "lite": "lite",
    "flash-lite": "flash-lite",
    "ultra": "ultra",
    "nano": "nano",
    "image": "image",
    "preview": "preview",
    "experimental": "exp",
    "exp": "exp",
    "thinking": "thinking",
    "live": "live",
    "embedding": "embedding",
    "tts": "tts",
    "native": "native",
    "audio": "audio",
    "generation": "generation",
}
_DISPLAY_TOKEN = LazyRe(r"[A-Za-z]+(?:-[A-Za-z]+)?|\d+(?:\.\d+)?[a-z]?")


def model_from_display_name(name: str | None) -> str | None:
    """The model id a display name stands for: ``"Gemini 2.5 Pro Requests"`` → ``gemini-2.5-pro``,
    ``"Gemini 2.5 Pro Preview"`` → ``gemini-2.5-pro-preview``; None when it names no Gemini model."""
    if not name:
        return None
    text = name[:200].replace("(", " ").replace(")", " ")
    parts: list[str] = []
    started = False
    for match in _DISPLAY_TOKEN.finditer(text):
        token = match.group(0)
        low = token.lower()
        if not started:
            if low in ("gemini", "gemma"):
                started = True
                parts.append(low)
            continue
        if low[:1].isdigit():
            parts.append(low)
        elif low in _DISPLAY_WORDS:
            parts.append(_DISPLAY_WORDS[low])
        else:
            break
    if len(parts) < 2 or not any(p[:1].isdigit() for p in parts[1:]):
        return None
    return "-".join(parts)


_METRIC_MODEL = LazyRe(r"^(gemini|gemma)_(\d+)_(\d+)_([a-z_]+?)_requests$")


def model_from_metric(metric: str | None) -> str | None:
    """A model named inside a per-model metric (Code Assist ``gemini_2_5_pro_requests`` → ``gemini-2.5-pro``)."""
    if not metric:
        return None
    match = _METRIC_MODEL.match(_metric_tail(metric))
    if not match:
        return None
    family, major, minor, rest = match.groups()
    return f"{family}-{major}.{minor}-{rest.replace('_', '-')}"
