"""Small value readers of the parser: numbers, durations, statuses, model ids; analysis bounds."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from gemquota.core.lazyre import LazyRe as _Re
from gemquota.core.parse.vocab import CANONICAL_STATUSES, MODEL_FAMILY_NAMES
from gemquota.core.reset import clamp_delay

#: Analysis bounds (SPEC §8): bigger pastes are analysed by head and tail only.
MAX_ANALYSED = 300_000
_EDGE = MAX_ANALYSED // 2
MAX_SPANS = 400
MAX_SCAN_STEPS = 300_000
MAX_DEPTH = 64
MAX_NESTING = 10
MAX_LITERAL_EVAL = 300_000
MAX_JSON_SPAN = 2_000_000
_MAX_ITEMS = 400
_MAX_DIGITS = 18


def _to_int(text: str | None) -> int | None:
    if text is None:
        return None
    digits = text.strip().split(".", 1)[0]
    if not digits.isdigit() or len(digits) > _MAX_DIGITS:
        return None
    return int(digits)


def _to_float(text: str) -> float | None:
    """A finite float from a digit string; absurdly long numbers become +inf (then clamped)."""
    text = text.strip().rstrip(".")
    if not text:
        return None
    whole = text.split(".", 1)[0]
    if len(whole) > 30:
        return math.inf
    try:
        value = float(text[:64])
    except ValueError:
        return None
    return value if not math.isnan(value) else None


_DURATION = _Re(
    r"^(?:(?P<h>\d{1,30})h)?(?:(?P<m>\d{1,30})m(?!s))?(?:(?P<s>\d{1,40}(?:\.\d{0,40})?)s)?$"
    r"|^(?P<ms>\d{1,40}(?:\.\d{0,40})?)ms$"
)


def parse_duration(text: str | None) -> float | None:
    """Seconds from ``"38.8s"``, ``"856.5ms"``, ``"5h59m59.96s"``, ``"27s"`` (None if not a duration).
    Never overflows: huge values are clamped by ``clamp_delay``."""
    if not text:
        return None
    if len(text) <= 40:
        return _short_duration(text)
    return _duration(text)


@lru_cache(maxsize=256)
def _short_duration(text: str) -> float | None:
    """(Short durations recur: ``"38s"``, ``"60s"``.)"""
    return _duration(text)


def _duration(text: str) -> float | None:
    text = text.strip().strip("'\"").rstrip(".,;")
    if len(text) > 120:
        digits = re.match(r"\d+", text)
        return clamp_delay(math.inf) if digits and len(digits.group(0)) > 30 else None
    match = _DURATION.match(text)
    if not match or not text:
        return None
    if match.group("ms") is not None:
        ms = _to_float(match.group("ms"))
        return None if ms is None else clamp_delay(ms / 1000.0)
    total = 0.0
    found = False
    for unit, factor in (("h", 3600.0), ("m", 60.0), ("s", 1.0)):
        part = match.group(unit)
        if part is not None:
            value = _to_float(part)
            if value is None:
                return None
            total += value * factor
            found = True
    return clamp_delay(total) if found else None


def canonical_status(value: Any) -> str | None:
    """The canonical Google status for a status string (``"RESOURCE_EXHAUSTED"``), else None."""
    if not isinstance(value, str):
        return None
    text = value.strip().upper().replace(" ", "_")
    text = text.removeprefix("STATUSCODE.")
    return text if text in CANONICAL_STATUSES else None


def _clean_model(model: str | None) -> str | None:
    """A model name as written, cleaned (a short one remembered: the same few names recur)."""
    if not model:
        return None
    return _clean_short_model(model) if len(model) <= 200 else _clean_model_text(model)


@lru_cache(maxsize=1024)
def _clean_short_model(model: str) -> str | None:
    return _clean_model_text(model)


def _clean_model_text(model: str) -> str | None:
    text = model.strip().strip("'\"`").removeprefix("models/").rstrip(".,;:)")
    cut = text.find("nPlease")
    if cut > 0:
        text = text[:cut]
    if text.endswith("n*") or text.endswith("n\\"):
        text = text[:-2]
    if "/" in text:
        text = text.rsplit("/", 1)[-1]
    # The next sentence glued on ("imagen-3.0-generate.I attempted …": ids are lower-case), and Vertex's alias
    # of the default version ("text-embedding-004@default": no version of its own).
    text = _NEXT_SENTENCE.sub("", text).removesuffix("@default")
    if text.startswith(_GOOGLE_FAMILIES):
        # The next string glued on (Python's adjacent literals: "… model: gemini-2.0-flash"⏎"Please retry …" read
        # as one): Google's ids are lower-case, so a capital after the id's last letter starts another word.
        text = _GLUED_WORD.sub("", text)
        if "_" in text:
            # A serving suffix of words joined by underscores (Vertex's "flow_id: gemini-1.5-flash-001-
            # flow_runner_video_32k_1m"): Google's ids hold none, so the id ends before that part.
            parts = text.split("-")
            cut_at = next(i for i, part in enumerate(parts) if "_" in part)
            # (Only after the id's variant: "gemini-2.5-flash_cache" is no "gemini-2.5".)
            text = "-".join(parts[:cut_at]) if cut_at > 2 else text
    if not text or len(text) > 80 or not text[0].isalnum():
        return None
    return text


_NEXT_SENTENCE = _Re(r"\.[A-Z][a-z]*\Z")
_GLUED_WORD = _Re(r"(?<=[a-z0-9])[A-Z][A-Za-z]*\Z")
#: How Google's model ids start: their families (and Chirp's speech models), each with its hyphen.
_GOOGLE_FAMILIES = tuple(f"{name}-" for name in (*MODEL_FAMILY_NAMES, "chirp"))


def _clean_str(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (``"\ud800"`` in a JSON body) can be neither printed nor encoded.
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def without_surrogates(obj: Any, depth: int = 0) -> Any:
    """``obj`` (a str, or a decoded body of dicts and lists) with every lone surrogate replaced by ``?``:
    whatever the parser keeps from it can then be printed and encoded anywhere."""
    if isinstance(obj, str):
        return _clean_str(obj)
    if depth > 80:
        return obj
    if isinstance(obj, dict):
        return {without_surrogates(k, depth + 1): without_surrogates(v, depth + 1) for k, v in obj.items()}
    if isinstance(obj, list):
        return [without_surrogates(v, depth + 1) for v in obj]
    if isinstance(obj, tuple):
        return tuple(without_surrogates(v, depth + 1) for v in obj)
    return obj


def may_hold_surrogate_escape(text: str) -> bool:
    """Whether a JSON or Python literal text may decode to a lone surrogate (``\\ud800``…``\\udfff``)."""
    return "\\ud" in text or "\\uD" in text
