"""Parse any paste (or body) into normalized Google error records.

Two passes, both linear and bounded:

1. *Structure*: a single-pass bracket/string scanner finds candidate ``{…}`` / ``[…]`` spans (bounded
   count, depth and total work); each span is parsed once: ``json`` → repaired json (truncated
   bodies closed) → a size-bounded ``ast.literal_eval`` (Python dict reprs). Google bodies are found
   anywhere inside (``{"error": …}``, list-wrapped, bare inner errors, JSON-in-JSON in ``message`` to
   depth 10, ``metadata.raw``, relay envelopes, details-only arrays).
2. *Text*: precompiled, literal-anchored regexes over the normalized, unescaped rest of the paste
   (smart quotes, full-width punctuation, box borders, ``> `` quotes, util.inspect ``' +``
   concatenation and lost backslashes handled) for everything the structure missed: message
   wordings, bullets, quota ids, metrics, values, retry hints, HTTP codes in every wrapper form.

Facts found in the text are grouped by error family (quota, overload, auth, …) and merged into the
structured records they do not contradict; what is left becomes records of its own. Identical
records are counted, not repeated.
"""

from __future__ import annotations

import ast
import codecs
import math
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from gemquota.core.lazyre import LazyRe as _Re
from gemquota.core.reset import clamp_delay


def decode_paste(raw: bytes | bytearray | memoryview) -> str:
    """Lenient decoding of a paste: UTF-8 with replacement, BOM stripped (UTF-16 with a BOM), NULs removed."""
    data = bytes(raw)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace").replace("\x00", "")
    return data.decode("utf-8", errors="replace").replace("\x00", "")


# --------------------------------------------------------------------------------------------------
# Public records


@dataclass(frozen=True)
class Violation:
    """One quota violation: from ``QuotaFailure.violations[]``, a message bullet, or ErrorInfo metadata."""

    metric: str | None = None
    quota_id: str | None = None
    model: str | None = None
    location: str | None = None
    value: int | None = None
    value_text: str | None = None
    future_value: int | None = None
    source: str = "details"  # details | bullet | errorinfo | sentence

    @property
    def is_zero(self) -> bool:
        """True only for an exact zero limit (``limit: 0``, not ``limit: 0.5``)."""
        return self.value_text is not None and self.value_text.strip("0") == "" and self.value == 0


@dataclass(frozen=True)
class GoogleError:
    """One error occurrence, normalized from whatever wrapper it came in."""

    http_code: int | None = None
    status: str | None = None
    message: str | None = None
    messages: tuple[str, ...] = ()
    reason: str | None = None
    reasons: tuple[str, ...] = ()
    domain: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()
    violations: tuple[Violation, ...] = ()
    retry_delay_s: float | None = None
    reset_delay_s: float | None = None
    links: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    request_model: str | None = None
    message_model: str | None = None
    display_model: str | None = None
    dimension_model: str | None = None
    project_number: str | None = None
    location: str | None = None
    quota_limit_name: str | None = None
    quota_metric_name: str | None = None
    service: str | None = None
    signals: frozenset[str] = frozenset()
    hints: frozenset[str] = frozenset()
    list_wrapped: bool = False
    legacy_errors: bool = False
    count: int = 1
    position: int = 0
    evidence: tuple[str, ...] = ()

    def identity(self) -> tuple[Any, ...]:
        """What makes two occurrences 'the same error' (for counting repeats)."""
        return (
            self.http_code,
            self.status,
            self.message,
            self.reason,
            tuple((v.metric, v.quota_id, v.model, v.value) for v in self.violations),
            self.signals,
            self.dimension_model,
            self.request_model,
        )


# --------------------------------------------------------------------------------------------------
# Constants and small helpers

CANONICAL_STATUSES = frozenset(
    {
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED",
    }
)
STATUS_OF_CODE: dict[int, str] = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    499: "CANCELLED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
CODE_OF_STATUS: dict[str, int] = {
    "INVALID_ARGUMENT": 400,
    "FAILED_PRECONDITION": 400,
    "OUT_OF_RANGE": 400,
    "UNAUTHENTICATED": 401,
    "PERMISSION_DENIED": 403,
    "NOT_FOUND": 404,
    "ALREADY_EXISTS": 409,
    "ABORTED": 409,
    "RESOURCE_EXHAUSTED": 429,
    "CANCELLED": 499,
    "INTERNAL": 500,
    "UNKNOWN": 500,
    "DATA_LOSS": 500,
    "UNIMPLEMENTED": 501,
    "UNAVAILABLE": 503,
    "DEADLINE_EXCEEDED": 504,
}
GRPC_STATUS: dict[int, str] = {
    1: "CANCELLED",
    2: "UNKNOWN",
    3: "INVALID_ARGUMENT",
    4: "DEADLINE_EXCEEDED",
    5: "NOT_FOUND",
    6: "ALREADY_EXISTS",
    7: "PERMISSION_DENIED",
    8: "RESOURCE_EXHAUSTED",
    9: "FAILED_PRECONDITION",
    10: "ABORTED",
    11: "OUT_OF_RANGE",
    12: "UNIMPLEMENTED",
    13: "INTERNAL",
    14: "UNAVAILABLE",
    15: "DATA_LOSS",
    16: "UNAUTHENTICATED",
}
REASON_PHRASES: dict[str, int] = {
    "too many requests": 429,
    "service unavailable": 503,
    "internal server error": 500,
    "bad request": 400,
    "forbidden": 403,
    "not found": 404,
    "unauthorized": 401,
    "gateway timeout": 504,
    "payment required": 402,
}
EXCEPTION_STATUS: dict[str, str] = {
    "ResourceExhausted": "RESOURCE_EXHAUSTED",
    "TooManyRequests": "RESOURCE_EXHAUSTED",
    "RateLimit": "RESOURCE_EXHAUSTED",
    "FailedPrecondition": "FAILED_PRECONDITION",
    "PermissionDenied": "PERMISSION_DENIED",
    "Forbidden": "PERMISSION_DENIED",
    "InternalServerError": "INTERNAL",
    "ServiceUnavailable": "UNAVAILABLE",
    "DeadlineExceeded": "DEADLINE_EXCEEDED",
    "GatewayTimeout": "DEADLINE_EXCEEDED",
    "NotFound": "NOT_FOUND",
    "InvalidArgument": "INVALID_ARGUMENT",
    "BadRequest": "INVALID_ARGUMENT",
    "Unauthenticated": "UNAUTHENTICATED",
    "Unauthorized": "UNAUTHENTICATED",
}

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
    if not model:
        return None
    text = model.strip().strip("'\"`").removeprefix("models/").rstrip(".,;:)")
    cut = text.find("nPlease")
    if cut > 0:
        text = text[:cut]
    if text.endswith("n*") or text.endswith("n\\"):
        text = text[:-2]
    if "/" in text:
        text = text.rsplit("/", 1)[-1]
    if not text or len(text) > 80 or not text[0].isalnum():
        return None
    return text


# --------------------------------------------------------------------------------------------------
# The mutable accumulator behind each record


class _Acc:
    """The mutable accumulator behind one record (a plain slotted class: cheap to define and build)."""

    __slots__ = (
        "code_weak",
        "count",
        "dimension_model",
        "display_model",
        "domain",
        "evidence",
        "families",
        "hints",
        "hosts",
        "http_code",
        "legacy_errors",
        "limit_values",
        "links",
        "list_wrapped",
        "location",
        "message_model",
        "messages",
        "metadata",
        "position",
        "project_masked",
        "project_number",
        "quota_limit_name",
        "quota_metric_name",
        "reasons",
        "request_model",
        "reset_delay_s",
        "retry_delay_s",
        "service",
        "signals",
        "status",
        "structured",
        "violations",
    )

    def __init__(self, *, position: int = 0, structured: bool = False, list_wrapped: bool = False) -> None:
        self.http_code: int | None = None
        self.code_weak: bool = False
        self.status: str | None = None
        self.messages: list[str] = []
        self.reasons: list[str] = []
        self.domain: str | None = None
        self.metadata: dict[str, str] = {}
        self.violations: list[Violation] = []
        self.limit_values: list[tuple[str, str | None]] = []
        self.retry_delay_s: float | None = None
        self.reset_delay_s: float | None = None
        self.links: list[str] = []
        self.hosts: set[str] = set()
        self.request_model: str | None = None
        self.message_model: str | None = None
        self.display_model: str | None = None
        self.dimension_model: str | None = None
        self.project_number: str | None = None
        self.project_masked: bool = False
        self.location: str | None = None
        self.quota_limit_name: str | None = None
        self.quota_metric_name: str | None = None
        self.service: str | None = None
        self.signals: set[str] = set()
        self.hints: set[str] = set()
        self.list_wrapped: bool = list_wrapped
        self.legacy_errors: bool = False
        self.count: int = 1
        self.position: int = position
        self.evidence: list[str] = []
        self.structured: bool = structured
        self.families: set[str] = set()

    # ---- setters that keep the first/best value
    def set_code(self, code: int | None, *, weak: bool = False) -> None:
        if code is None or not 100 <= code <= 599:
            return
        if self.http_code is None or (self.code_weak and not weak):
            self.http_code = code
            self.code_weak = weak

    def set_status(self, status: str | None) -> None:
        if status and self.status is None:
            self.status = status

    def add_evidence(self, fragment: str | None) -> None:
        if not fragment:
            return
        fragment = fragment.strip()
        if fragment and len(self.evidence) < 24 and fragment not in self.evidence:
            self.evidence.append(fragment[:300])

    def has_content(self) -> bool:
        return bool(
            self.http_code is not None
            or self.status
            or self.signals
            or self.reasons
            or self.violations
            or self.limit_values
            or self.quota_limit_name
        )

    def merge(self, other: _Acc) -> None:
        """Fill what this record lacks from ``other`` (a compatible record of the same error)."""
        if other.http_code is not None:
            self.set_code(other.http_code, weak=other.code_weak)
        self.set_status(other.status)
        for msg in other.messages:
            if msg not in self.messages:
                self.messages.append(msg)
        for reason in other.reasons:
            if reason not in self.reasons:
                self.reasons.append(reason)
        self.domain = self.domain or other.domain
        for key, value in other.metadata.items():
            self.metadata.setdefault(key, value)
        known = {(v.metric, v.quota_id, v.value) for v in self.violations}
        have_ids = any(v.quota_id for v in self.violations)
        for v in other.violations:
            if (v.metric, v.quota_id, v.value) in known:
                continue
            if (
                have_ids
                and v.source == "bullet"
                and any(w.metric == v.metric and w.value == v.value for w in self.violations)
            ):
                continue
            self.violations.append(v)
        for lv in other.limit_values:
            if lv not in self.limit_values:
                self.limit_values.append(lv)
        if self.retry_delay_s is None:
            self.retry_delay_s = other.retry_delay_s
        if self.reset_delay_s is None:
            self.reset_delay_s = other.reset_delay_s
        for link in other.links:
            if link not in self.links:
                self.links.append(link)
        self.hosts |= other.hosts
        self.request_model = self.request_model or other.request_model
        self.message_model = self.message_model or other.message_model
        self.display_model = self.display_model or other.display_model
        self.dimension_model = self.dimension_model or other.dimension_model
        if self.project_number is None and not self.project_masked:
            self.project_number = other.project_number
            self.project_masked = other.project_masked
        self.location = self.location or other.location
        self.quota_limit_name = self.quota_limit_name or other.quota_limit_name
        self.quota_metric_name = self.quota_metric_name or other.quota_metric_name
        self.service = self.service or other.service
        self.signals |= other.signals
        self.hints |= other.hints
        self.families |= other.families
        self.list_wrapped = self.list_wrapped or other.list_wrapped
        self.legacy_errors = self.legacy_errors or other.legacy_errors
        self.count = max(self.count, other.count)
        for fragment in other.evidence:
            self.add_evidence(fragment)

    def freeze(self) -> GoogleError:
        status = self.status
        code = self.http_code
        if status is None and code is not None:
            status = STATUS_OF_CODE.get(code)
            if code == 400 and "region" in self.signals:
                status = "FAILED_PRECONDITION"
        if code is None and status is not None:
            code = CODE_OF_STATUS.get(status)
        violations = list(self.violations)
        for value_text, name in self.limit_values:
            if not any(v.value_text == value_text and v.quota_id == name for v in violations):
                violations.append(
                    Violation(
                        metric=self.metadata.get("quota_metric"),
                        quota_id=name or self.quota_limit_name,
                        location=self.location,
                        value=_to_int(value_text),
                        value_text=value_text,
                        source="errorinfo",
                    )
                )
        reasons = tuple(self.reasons)
        upper = next((r for r in reasons if r.isupper()), None)
        return GoogleError(
            http_code=code,
            status=status,
            message=self.messages[0] if self.messages else None,
            messages=tuple(self.messages),
            reason=upper or (reasons[0] if reasons else None),
            reasons=reasons,
            domain=self.domain,
            metadata=tuple(sorted(self.metadata.items())),
            violations=tuple(violations),
            retry_delay_s=self.retry_delay_s,
            reset_delay_s=self.reset_delay_s,
            links=tuple(self.links),
            hosts=tuple(sorted(self.hosts)),
            request_model=self.request_model,
            message_model=self.message_model,
            display_model=self.display_model,
            dimension_model=self.dimension_model,
            project_number=None if self.project_masked else self.project_number,
            location=self.location,
            quota_limit_name=self.quota_limit_name,
            quota_metric_name=self.quota_metric_name,
            service=self.service,
            signals=frozenset(self.signals),
            hints=frozenset(self.hints),
            list_wrapped=self.list_wrapped,
            legacy_errors=self.legacy_errors,
            count=self.count,
            position=self.position,
            evidence=tuple(self.evidence),
        )


# --------------------------------------------------------------------------------------------------
# Normalization

_TRANSLATE = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\uff0c": ",",
        "\uff1a": ":",
        "\uff5b": "{",
        "\uff5d": "}",
        "\uff3b": "[",
        "\uff3d": "]",
        "\uff08": "(",
        "\uff09": ")",
        "\uff02": '"',
        "\uff07": "'",
        "\uff0e": ".",
        "\u3002": ".",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": None,
        "\ufeff": None,
        "\r": None,
        "\x00": None,
        "\u2502": " ",
        "\u2503": " ",
        "\u2551": " ",
        "\u254e": " ",
        "\u254f": " ",
        "\u2506": " ",
        "\u2507": " ",
        "\u250a": " ",
        "\u250b": " ",
        "\u256d": " ",
        "\u256e": " ",
        "\u2570": " ",
        "\u256f": " ",
        "\u2500": " ",
        "\u2501": " ",
        "\u2715": " ",
        "\u2716": " ",
    }
)
_QUOTE_PREFIX = _Re(r"(?m)^[ \t]*>+[ \t]?")
#: A line that ``_QUOTE_PREFIX`` would match (a literal lead: cheap to rule out).
_QUOTE_LINE = _Re(r"\n[ \t]*>")
_QUOTE_FIRST = _Re(r"[ \t]*>")
_CONCAT = _Re(r"(['\"`])[ \t]*\+[ \t]*\n[ \t]*\1")
_WRAP = _Re(r"\n[ \t]*")
#: A terminal or log hard wrap at a dot of a Google API host (``aiplatform.googleapis.\ncom/``).
_HOST_WRAP = _Re(r"googleapis\.\n[ \t]*com\b|googleapis\n[ \t]*\.com\b|\.\n[ \t]*googleapis\.com\b")
#: Literals one of which every ``_HOST_WRAP`` match holds (most pastes hold none: no regex pass).
_HOST_WRAP_PIECES = ("googleapis.\n", "googleapis\n", "\ngoogleapis", " googleapis.com", "\tgoogleapis")


def normalize(text: str) -> str:
    """Undo paste mangling that does not change meaning (quotes, borders, quote prefixes, concatenation)."""
    if text.isascii():
        # The only ASCII entries of ``_TRANSLATE`` are deletions.
        if "\r" in text:
            text = text.replace("\r", "")
        if "\x00" in text:
            text = text.replace("\x00", "")
    else:
        text = text.translate(_TRANSLATE)
    if ">" in text and (_QUOTE_LINE.search(text) or _QUOTE_FIRST.match(text)):
        text = _QUOTE_PREFIX.sub("", text)
    if "+" in text:
        text = _CONCAT.sub("", text)
    if "googleapis" in text and any(piece in text for piece in _HOST_WRAP_PIECES):
        text = _HOST_WRAP.sub(_host_unwrap, text)
    return text


def _host_unwrap(match: re.Match[str]) -> str:
    return "googleapis.com" if match.group(0).startswith("g") else ".googleapis.com"


_BACKSLASH_RUN = _Re(r"\\{2,}(?=[nrt\"'/u])")
_UNICODE_ESCAPE = _Re(r"\\u([0-9a-fA-F]{4})")


def flatten(text: str) -> str:
    """Collapse escape layers of JSON-in-JSON (``\\\\n``, ``\\"``, ``\\u003d``) to plain text."""
    if "\\" not in text:
        return text
    if "\\\\" in text:
        text = _BACKSLASH_RUN.sub("\\\\", text)
    text = (
        text.replace("\\n", "\n")
        .replace("\\r", "\n")
        .replace("\\t", " ")
        .replace('\\"', '"')
        .replace("\\'", "'")
        .replace("\\/", "/")
    )
    if "\\u" in text:
        text = _UNICODE_ESCAPE.sub(_unicode_char, text)
    return text


def _unicode_char(match: re.Match[str]) -> str:
    try:
        out = chr(int(match.group(1), 16))
    except ValueError:
        return " "
    return out if out.isprintable() else " "


# --------------------------------------------------------------------------------------------------
# Structure pass: scanner, repair, loading

_OPENER = _Re(r"[{\[]")
_CLOSE_OF = {"{": "}", "[": "]"}


class _ScanResult:
    __slots__ = ("closed", "end", "quote", "safe_depth", "safe_idx", "stack", "steps", "too_deep")

    def __init__(
        self,
        end: int,
        closed: bool,
        stack: list[str],
        quote: str | None,
        safe_idx: int,
        safe_depth: int,
        too_deep: bool,
        steps: int,
    ) -> None:
        self.end = end
        self.closed = closed
        self.stack = stack
        self.quote = quote
        self.safe_idx = safe_idx
        self.safe_depth = safe_depth
        self.too_deep = too_deep
        self.steps = steps


#: One structural token: a whole string (possessive, non-backtracking; the loop unrolled so that runs
#: of plain characters are one tight step each), or a single structural character (a quote matched
#: alone opens a string that is never closed).
_TOKEN = _Re(r""""[^"\\]*+(?:\\.[^"\\]*+)*+"|'[^'\\]*+(?:\\.[^'\\]*+)*+'|["'{}\[\],]""", re.S)


def _scan(text: str, start: int, budget: int) -> _ScanResult:
    """Find the end of the bracketed span starting at ``start``: one left-to-right pass over
    structural tokens in which strings are skipped whole."""
    stack: list[str] = []
    safe_idx, safe_depth = start, 0
    steps = 0
    pos = start
    last = len(text) - 1
    finditer = _TOKEN.rx.finditer
    while True:
        for match in finditer(text, pos):
            steps += 1
            pos = match.start()
            if steps > budget:
                return _ScanResult(pos, False, stack, None, safe_idx, safe_depth, True, steps)
            char = text[pos]
            if char == '"' or char == "'":
                end = match.end()
                # A ``'`` between two letters (``doesn't``) is prose, not a Python string delimiter.
                if char == "'" and 0 < pos < last and text[pos - 1].isalpha() and text[pos + 1].isalpha():
                    if end != pos + 1:
                        pos += 1
                        break  # resume right after the apostrophe
                    continue
                if end == pos + 1:
                    return _ScanResult(len(text), False, stack, char, safe_idx, safe_depth, False, steps)
                continue
            if char == "{" or char == "[":
                stack.append(char)
                if len(stack) > MAX_DEPTH:
                    return _ScanResult(pos + 1, False, stack, None, safe_idx, safe_depth, True, steps)
                safe_idx, safe_depth = pos + 1, len(stack)
            elif char == "}" or char == "]":
                if not stack or _CLOSE_OF[stack[-1]] != char:
                    return _ScanResult(pos, False, stack, None, safe_idx, safe_depth, False, steps)
                stack.pop()
                if not stack:
                    return _ScanResult(pos + 1, True, stack, None, pos + 1, 0, False, steps)
                safe_idx, safe_depth = pos + 1, len(stack)
            else:  # ","
                safe_idx, safe_depth = pos, len(stack)
        else:
            return _ScanResult(len(text), False, stack, None, safe_idx, safe_depth, False, steps)


def _closers(stack: list[str]) -> str:
    return "".join(_CLOSE_OF[c] for c in reversed(stack))


_TRAILING_JUNK = _Re(r"[\s,:]+$")


def _repairs(span: str, res: _ScanResult, start: int) -> list[str]:
    """Candidate completions of a truncated span: close in place, then cut back to the last safe point."""
    out: list[str] = []
    body = span
    if res.quote is not None:
        body += res.quote
    stripped = _TRAILING_JUNK.sub("", body)
    if stripped.endswith(":"):
        stripped += " null"
    out.append(stripped + _closers(res.stack))
    cut = res.safe_idx - start
    if 0 < cut <= len(span):
        head = _TRAILING_JUNK.sub("", span[:cut])
        out.append(head + _closers(res.stack[: res.safe_depth]))
    return out


_PY_LITERALS = _Re(r"(?:N(?<!\w.)one|T(?<!\w.)rue|F(?<!\w.)alse)\b")


#: What keeps a Python literal from being read as JSON with its quotes swapped: a double quote, a
#: JSON-only word (read by json, rejected by ``literal_eval``), or a backslash escape other than
#: ``\\n \\t \\r \\\\`` (the only ones both read the same way).
_NOT_PLAIN_WORDS = ('"', "true", "false", "null", "NaN", "Infinity")
_NOT_PLAIN_ESCAPE = _Re(r"\\(?![ntr\\])")


def _not_plain(text: str) -> bool:
    """Whether ``text`` holds any of ``_NOT_PLAIN_WORDS`` or a ``_NOT_PLAIN_ESCAPE`` (look-ups and a
    literal-led search: several times faster than one alternation over all of them)."""
    for word in _NOT_PLAIN_WORDS:
        if word in text:
            return True
    return "\\" in text and _NOT_PLAIN_ESCAPE.search(text) is not None


def _literal(text: str) -> Any:
    if len(text) > MAX_LITERAL_EVAL:
        return None
    if text.isprintable() and not _not_plain(text):
        # Single-quoted strings without escapes, numbers, dicts and lists: ``json`` reads exactly what
        # ``ast.literal_eval`` would, many times faster. Anything else json rejects falls through.
        import json  # lazily: json costs ~1 ms of start-up

        try:
            return json.loads(text.replace("'", '"'))
        except (ValueError, RecursionError):
            pass
    try:
        # A paste's "\d" or "\{" is an invalid escape to Python: never warn the user about it.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.literal_eval(text)
    except (ValueError, SyntaxError, RecursionError, MemoryError, TypeError, OverflowError):
        return None


def _load(candidate: str) -> Any:
    if len(candidate) > MAX_JSON_SPAN:
        return None
    import json

    try:
        return json.loads(candidate, strict=False)
    except (ValueError, RecursionError):
        pass
    if "'" in candidate or _PY_LITERALS.search(candidate):
        return _literal(candidate)
    return None


_WORTH = _Re(r"error|@type|\"code\"|'code'|violations|reason", re.IGNORECASE)


def _load_span(text: str, start: int, res: _ScanResult) -> Any:
    span = text[start : res.end]
    if len(span) < 8 or not _WORTH.search(span):
        return None
    if res.closed:
        return _load(span)
    for candidate in _repairs(span, res, start):
        obj = _load(candidate)
        if obj is not None:
            return obj
    return None


def _structures(text: str, depth: int) -> list[tuple[int, int, list[_Acc]]]:
    """Every parsed structure in ``text`` that holds a Google error, with its span."""
    found: list[tuple[int, int, list[_Acc]]] = []
    if depth > MAX_NESTING or ("{" not in text and "[" not in text):
        return found
    budget = min(4 * len(text) + 20_000, MAX_SCAN_STEPS)
    pos = 0
    spans = 0
    while spans < MAX_SPANS and budget > 0:
        match = _OPENER.search(text, pos)
        if match is None:
            break
        start = match.start()
        spans += 1
        res = _scan(text, start, budget)
        budget -= res.steps + 1
        if res.too_deep:
            pos = max(res.end, start + 1)
            continue
        obj = _load_span(text, start, res)
        accs: list[_Acc] = []
        if obj is not None:
            _walk(obj, depth, accs, list_wrapped=isinstance(obj, list))
        if accs:
            for acc in accs:
                acc.position = start
            found.append((start, res.end, accs))
            pos = res.end
        else:
            pos = start + 1
    return found


# --------------------------------------------------------------------------------------------------
# Walking parsed structures


#: Error codes given as words (the Interactions API: ``{"code": "invalid_request", ...}``) and the
#: canonical status each stands for. Canonical names (``"not_found"``) are read as they are.
STRING_CODE_STATUS: dict[str, str] = {
    "invalid_request": "INVALID_ARGUMENT",
    "invalid_request_error": "INVALID_ARGUMENT",
    "bad_request": "INVALID_ARGUMENT",
    "invalid_argument": "INVALID_ARGUMENT",
    "model_not_found": "NOT_FOUND",
    "forbidden": "PERMISSION_DENIED",
    "unauthorized": "UNAUTHENTICATED",
    "invalid_api_key": "UNAUTHENTICATED",
    "rate_limit_exceeded": "RESOURCE_EXHAUSTED",
    "rate_limited": "RESOURCE_EXHAUSTED",
    "too_many_requests": "RESOURCE_EXHAUSTED",
    "quota_exceeded": "RESOURCE_EXHAUSTED",
    "internal_error": "INTERNAL",
    "server_error": "INTERNAL",
    "service_unavailable": "UNAVAILABLE",
    "overloaded": "UNAVAILABLE",
    "timeout": "DEADLINE_EXCEEDED",
}


def _string_code_status(code: Any) -> str | None:
    """The canonical status a word error code stands for (None for numbers and unknown words)."""
    if not isinstance(code, str) or not code.strip() or code.strip().isdigit() or len(code) > 60:
        return None
    word = code.strip().lower().replace("-", "_").replace(" ", "_")
    return STRING_CODE_STATUS.get(word) or canonical_status(word)


def _looks_error(obj: Mapping[str, Any]) -> bool:
    if "@type" in obj:
        return False
    code = obj.get("code")
    has_code = (
        isinstance(code, int)
        or (isinstance(code, str) and code.isdigit())
        or (_string_code_status(code) is not None and isinstance(obj.get("message"), str))
    )
    has_status = isinstance(obj.get("status"), str)
    has_message = isinstance(obj.get("message"), str)
    has_details = isinstance(obj.get("details"), list)
    return (has_code and (has_message or has_status)) or (has_status and (has_message or has_details))


def _norm_keys(obj: Mapping[Any, Any]) -> dict[str, Any]:
    return {str(k).strip(): v for k, v in list(obj.items())[:_MAX_ITEMS]}


def _walk(obj: Any, depth: int, out: list[_Acc], *, list_wrapped: bool = False) -> None:
    if depth > MAX_NESTING + 2:
        return
    if isinstance(obj, Mapping):
        data = _norm_keys(obj)
        err = data.get("error")
        if isinstance(err, Mapping):
            _error_dict(_norm_keys(err), depth, out, list_wrapped=list_wrapped)
            return
        if isinstance(err, str) and ("{" in err or _looks_google_text(err)):
            _walk(err, depth + 1, out)
            if out:
                return
        if _looks_error(data):
            _error_dict(data, depth, out, list_wrapped=list_wrapped)
            return
        if "@type" in data:
            acc = _Acc(structured=True)
            _detail(acc, data, depth)
            if acc.has_content():
                out.append(acc)
            return
        for value in data.values():
            if isinstance(value, (Mapping, list, str)):
                _walk(value, depth + 1, out)
    elif isinstance(obj, list):
        items = obj[:_MAX_ITEMS]
        if items and all(isinstance(i, Mapping) and "@type" in _norm_keys(i) for i in items):
            acc = _Acc(structured=True)
            for item in items:
                _detail(acc, _norm_keys(item), depth)
            if acc.has_content():
                out.append(acc)
            return
        for item in items:
            if isinstance(item, (Mapping, list, str)):
                _walk(item, depth + 1, out, list_wrapped=list_wrapped)
    elif isinstance(obj, str):
        if len(obj) >= 10 and ("{" in obj or "[" in obj) and _WORTH.search(obj):
            found = _structures(obj, depth + 1)
            if not found and "\\" in obj:
                # A body kept as an escaped string one layer deeper than its container
                # (a proxy's ``raw`` field of a re-escaped log line): unescape, then read it.
                found = _structures(flatten(obj), depth + 1)
            for _start, _end, accs in found:
                out.extend(accs)


_GOOGLE_WORDING = _Re(
    r"RESOURCE_EXHAUSTED|Resource has been exhausted|exceeded your current quota|Quota exceeded"
    r"|googleapis\.com|API key not valid|UNAVAILABLE|FAILED_PRECONDITION|PERMISSION_DENIED"
)


def _looks_google_text(text: str) -> bool:
    return bool(_GOOGLE_WORDING.search(text[:20_000]))


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    return None


def _error_dict(err: dict[str, Any], depth: int, out: list[_Acc], *, list_wrapped: bool) -> None:
    acc = _Acc(structured=True, list_wrapped=list_wrapped)
    code = err.get("code")
    if isinstance(code, bool):
        code = None
    if isinstance(code, str) and code.strip().isdigit() and len(code.strip()) <= 3:
        code = int(code.strip())
    if isinstance(code, int):
        acc.set_code(code)
    word_status = _string_code_status(code)
    status_raw = err.get("status")
    status = canonical_status(status_raw)
    if status:
        acc.set_status(status)
        acc.add_evidence(status)
    elif isinstance(status_raw, str):
        phrase_code = REASON_PHRASES.get(status_raw.strip().lower())
        if phrase_code is not None:
            acc.set_code(phrase_code, weak=True)
    message = err.get("message")
    if isinstance(message, str) and message:
        if "{" in message and _WORTH.search(message):
            inner: list[_Acc] = []
            for _s, _e, accs in _structures(message, depth + 1):
                inner.extend(accs)
            if inner:
                for sub in inner:
                    if sub.http_code is None or sub.code_weak:
                        sub.set_code(acc.http_code, weak=acc.code_weak)
                    sub.set_status(None if sub.http_code not in (None, acc.http_code) else acc.status)
                    sub.list_wrapped = sub.list_wrapped or list_wrapped
                out.extend(inner)
                return
        acc.messages.append(message[:4000])
        _scan_into(acc, message[:20_000])
    for key in ("metadata", "cause", "upstreamResponse", "response", "body", "raw", "data"):
        nested = err.get(key)
        if isinstance(nested, (Mapping, list, str)) and nested:
            inner_out: list[_Acc] = []
            _walk(nested, depth + 1, inner_out)
            if inner_out:
                for sub in inner_out:
                    if sub.http_code is None:
                        sub.set_code(acc.http_code, weak=True)
                out.extend(inner_out)
                return
    details = err.get("details")
    if isinstance(details, list):
        for item in details[:_MAX_ITEMS]:
            if isinstance(item, Mapping):
                _detail(acc, _norm_keys(item), depth)
    errors = err.get("errors")
    if isinstance(errors, list) and errors:
        acc.legacy_errors = True
        for item in errors[:_MAX_ITEMS]:
            if isinstance(item, Mapping):
                legacy = _norm_keys(item)
                reason = _str(legacy.get("reason"))
                if reason and reason not in acc.reasons:
                    acc.reasons.append(reason)
                    acc.add_evidence(reason)
                text = _str(legacy.get("message"))
                if text:
                    _scan_into(acc, text[:20_000], evidence=False)
    for key in ("type", "param"):
        value = _str(err.get(key))
        if value and key == "type":
            acc.hints.add(f"envelope-type:{value}")
    if word_status is not None and acc.status is None and acc.http_code is None:
        # A word code says less than the message's own wording (``Model X not found``): last.
        acc.set_status(word_status)
        acc.add_evidence(f'"code": "{str(code).strip()}"')
    if acc.has_content() or acc.messages:
        out.append(acc)


def _detail(acc: _Acc, item: dict[str, Any], depth: int) -> None:
    kind = (_str(item.get("@type")) or "").rsplit(".", 1)[-1]
    if kind == "QuotaFailure":
        violations = item.get("violations")
        if isinstance(violations, list):
            for raw in violations[:_MAX_ITEMS]:
                if isinstance(raw, Mapping):
                    _violation(acc, _norm_keys(raw))
    elif kind == "RetryInfo":
        delay = item.get("retryDelay", item.get("retry_delay"))
        seconds: float | None = None
        if isinstance(delay, str):
            seconds = parse_duration(delay)
        elif isinstance(delay, Mapping):
            seconds = _proto_duration(delay)
        if seconds is not None and acc.retry_delay_s is None:
            acc.retry_delay_s = seconds
            acc.add_evidence(f"retryDelay {delay}" if isinstance(delay, str) else None)
    elif kind == "Help":
        links = item.get("links")
        if isinstance(links, list):
            for link in links[:20]:
                if isinstance(link, Mapping):
                    url = _str(link.get("url"))
                    if url and url not in acc.links:
                        acc.links.append(url)
                        _hosts_into(acc, url)
    elif kind == "ErrorInfo":
        reason = _str(item.get("reason"))
        if reason:
            reason = reason.strip("* ")
            if reason not in acc.reasons:
                acc.reasons.append(reason)
            acc.add_evidence(reason)
        domain = _str(item.get("domain"))
        if domain:
            acc.domain = acc.domain or domain.strip()
            _hosts_into(acc, domain)
        metadata = item.get("metadata")
        if isinstance(metadata, Mapping):
            for key, value in list(metadata.items())[:60]:
                sval = _str(value)
                if sval is not None:
                    _metadata_into(acc, str(key).strip(), sval)
    elif kind == "LocalizedMessage":
        text = _str(item.get("message"))
        if text:
            _scan_into(acc, text[:20_000], evidence=False)
    elif kind == "BadRequest":
        acc.signals.add("bad_request_detail")


def _proto_duration(delay: Mapping[str, Any]) -> float | None:
    secs = _str(delay.get("seconds")) or "0"
    nanos = _str(delay.get("nanos")) or "0"
    whole = _to_float(secs)
    frac = _to_float(nanos)
    if whole is None:
        return None
    return clamp_delay(whole + (frac or 0.0) / 1e9)


def _violation(acc: _Acc, raw: dict[str, Any]) -> None:
    metric = _str(raw.get("quotaMetric") or raw.get("quota_metric"))
    qid = _str(raw.get("quotaId") or raw.get("quota_id"))
    dims = raw.get("quotaDimensions") or raw.get("quota_dimensions")
    model = location = None
    if isinstance(dims, Mapping):
        model = _clean_model(_str(dims.get("model")))
        location = _str(dims.get("location"))
    value_text = _str(raw.get("quotaValue") or raw.get("quota_value"))
    future = _str(raw.get("futureQuotaValue") or raw.get("future_quota_value"))
    if not (metric or qid or model or value_text):
        return
    violation = Violation(
        metric=metric.strip() if metric else None,
        quota_id=qid.strip() if qid else None,
        model=model,
        location=location,
        value=_to_int(value_text),
        value_text=value_text.strip() if value_text else None,
        future_value=_to_int(future),
        source="details",
    )
    acc.violations.append(violation)
    acc.dimension_model = acc.dimension_model or model
    acc.location = acc.location or location
    acc.signals.add("quota_failure")
    acc.families.add("quota")
    for fragment in (qid, metric):
        acc.add_evidence(fragment)
    if value_text is not None:
        acc.add_evidence(f'"quotaValue": "{value_text}"')
    if metric:
        _hosts_into(acc, metric)


def _metadata_into(acc: _Acc, key: str, value: str) -> None:
    acc.metadata.setdefault(key, value[:500])
    low = key.lower()
    if low == "quota_limit_value":
        acc.limit_values.append((value.strip(), acc.metadata.get("quota_limit")))
        acc.add_evidence(f"quota_limit_value: {value}")
        acc.families.add("quota")
    elif low == "quota_limit":
        acc.quota_limit_name = acc.quota_limit_name or value.strip()
        acc.add_evidence(value)
        acc.families.add("quota")
        # Fix up a limit value seen before its name.
        acc.limit_values = [(v, n or value.strip()) for v, n in acc.limit_values]
    elif low == "quota_metric":
        _hosts_into(acc, value)
        acc.add_evidence(value)
    elif low == "quota_location":
        acc.location = acc.location or value.strip()
    elif low == "service":
        acc.service = acc.service or value.strip()
        _hosts_into(acc, value)
    elif low == "consumer":
        _project_into(acc, value)
    elif low == "model":
        acc.dimension_model = acc.dimension_model or _clean_model(value)
    elif low == "quotaresetdelay":
        seconds = parse_duration(value)
        if seconds is not None:
            acc.reset_delay_s = seconds
            acc.add_evidence(f"quotaResetDelay: {value}")
        acc.hints.add("code-assist")
    elif low in ("uimessage", "message"):
        _scan_into(acc, value[:5000], evidence=False)
    elif low in ("activationurl", "validation_link"):
        _hosts_into(acc, value)


_PROJECT_DIGITS = _Re(r"(\d{3,30}|\*{3,40})")


def _project_into(acc: _Acc, value: str) -> None:
    match = _PROJECT_DIGITS.search(value)
    if not match or acc.project_number or acc.project_masked:
        return
    if match.group(1).startswith("*"):
        acc.project_masked = True
    else:
        acc.project_number = match.group(1)


# --------------------------------------------------------------------------------------------------
# Text pass

_S = r"\s+"
_STATUS_ALT = "|".join(sorted(CANONICAL_STATUSES - {"OK", "UNKNOWN"}, key=len, reverse=True))

#: Message wordings: (signal id, error family, implied canonical status or None).
_ANCHORS: list[tuple[str, str, str | None, str]] = [
    ("bare429", "quota", "RESOURCE_EXHAUSTED", r"Resource\s+has\s+been\s+exhausted"),
    ("newquota", "quota", "RESOURCE_EXHAUSTED", r"You\s+exceeded\s+your\s+current\s+quota"),
    ("oldquota", "quota", "RESOURCE_EXHAUSTED", r"Quota\s+exceeded\s+for\s+quota\s+metric"),
    ("vertexquota", "quota", "RESOURCE_EXHAUSTED", r"Quota\s+exceeded\s+for\s+aiplatform\.googleapis\.com/"),
    ("no_free_tier", "quota", "RESOURCE_EXHAUSTED", r"doesn'?t\s+have\s+a\s+free\s+quota\s+tier"),
    ("try_later", "quota", "RESOURCE_EXHAUSTED", r"Resource\s+exhausted\.?\s+Please\s+try\s+again\s+later"),
    ("error_code_429", "quota", None, r"docs/error-code-429"),
    ("out_of_capacity", "quota", "RESOURCE_EXHAUSTED", r"temporarily\s+out\s+of\s+capacity"),
    ("ca_capacity", "quota", "RESOURCE_EXHAUSTED", r"exhausted\s+your\s+capacity\s+on\s+this\s+model"),
    ("no_capacity", "quota", "RESOURCE_EXHAUSTED", r"No\s+capacity\s+available\s+for\s+model"),
    ("individual_quota", "quota", "RESOURCE_EXHAUSTED", r"Individual\s+quota\s+reached"),
    (
        "ca_limit",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"reached\s+your\s+daily\s+[\w.\-]{2,80}\s+quota\s+limit"
        r"|Usage\s+limit\s+reached\s+for\s+(?:gemini-|all\s+\w{2,20}\s+models)"
        r"|hit\s+your\s+daily\s+limit\s+of\s+requests\s+with\s+Gemini\s+\d",
    ),
    ("migrate", "quota", None, r"Please\s+migrate\s+to\s+Gemini"),
    ("prepay", "billing", None, r"prepayment\s+credits\s+are\s+depleted|credits\s+are\s+depleted"),
    (
        "spend_cap",
        "billing",
        None,
        r"monthly\s+spending\s+cap|spend(?:ing)?\s+(?:cap|limit)\s+(?:has\s+been\s+)?(?:reached|exceeded)|exceeded\s+(?:its|your)\s+(?:monthly\s+)?spend",
    ),
    (
        "overloaded",
        "unavail",
        "UNAVAILABLE",
        r"model\s+is\s+overloaded|service\s+is\s+currently\s+unavailable",
    ),
    (
        "internal",
        "internal",
        "INTERNAL",
        r"An\s+internal\s+error\s+has\s+occurred|Internal\s+error\s+encountered",
    ),
    ("deadline", "deadline", "DEADLINE_EXCEEDED", r"Deadline\s+(?:exceeded|expired)"),
    (
        "region",
        "region",
        "FAILED_PRECONDITION",
        r"User\s+location\s+is\s+not\s+supported|free\s+tier\s+is\s+not\s+available\s+in\s+your\s+country",
    ),
    (
        "key_invalid",
        "auth",
        "INVALID_ARGUMENT",
        r"API\s+key\s+not\s+valid|API\s+key\s+not\s+found|API\s+key\s+expired|API\s+key\s+is\s+invalid",
    ),
    ("leaked", "auth", "PERMISSION_DENIED", r"reported\s+as\s+leaked"),
    (
        "not_used",
        "auth",
        "PERMISSION_DENIED",
        r"has\s+not\s+been\s+used\s+in\s+project|or\s+it\s+is\s+disabled\.\s+Enable\s+it",
    ),
    ("suspended", "auth", "PERMISSION_DENIED", r"has\s+been\s+suspended"),
    ("tos", "auth", "PERMISSION_DENIED", r"violation\s+of\s+Terms\s+of"),
    (
        "billing_required",
        "auth",
        None,
        r"requires?\s+billing\s+to\s+be\s+enabled|billing\s+to\s+be\s+enabled|billing\s+account\s+(?:is\s+)?(?:disabled|not\s+(?:enabled|active))",
    ),
    (
        "perm_denied",
        "auth",
        "PERMISSION_DENIED",
        r"Permission\s+denied|does\s+not\s+have\s+permission|Permission\s+'[\w.]{1,100}'\s+denied|are\s+blocked\.|API_KEY_SERVICE_BLOCKED",
    ),
    (
        "unauth",
        "auth",
        "UNAUTHENTICATED",
        r"invalid\s+authentication\s+credentials|Expected\s+OAuth\s+2\s+access\s+token",
    ),
    (
        "not_found",
        "notfound",
        "NOT_FOUND",
        r"is\s+not\s+found\s+for\s+API\s+version|(?<![\w/])Model\s+[\w.\-/]{2,120}\s+(?:is\s+|was\s+)?not\s+found|is\s+not\s+supported\s+for\s+(?:generateContent|streamGenerateContent|countTokens|embedContent|predict)|Publisher\s+Model\s+\S{1,200}\s+(?:was\s+)?not\s+found|Requested\s+entity\s+was\s+not\s+found",
    ),
    (
        "too_many_tokens",
        "badreq",
        "INVALID_ARGUMENT",
        r"input\s+token\s+count\s+exceeds|exceeds\s+the\s+maximum\s+number\s+of\s+tokens",
    ),
    (
        "invalid_payload",
        "badreq",
        "INVALID_ARGUMENT",
        r"Invalid\s+JSON\s+payload|Request\s+contains\s+an\s+invalid\s+argument|restricted\s+HarmBlockThreshold|Unable\s+to\s+submit\s+request\s+because\s+(?!the\s+service)",
    ),
]
_CODE = r"(?<![\d.])([1-5]\d\d)(?![\d.])"
#: ``_CODE`` for a pattern that starts with the code: the look-behind moves after the first digit, so
#: the regex engine can skip ahead to candidate characters (a leading look-around disables that).
_CODE_LEAD = r"[1-5](?<![\d.].)\d\d(?![\d.])"


def _lead(word: str) -> str:
    """``\\bword`` for a word starting with a word character, written so that the pattern starts with
    a literal (``w(?<!\\w.)ord``): same matches, but the engine skips to candidate characters."""
    return word[0] + r"(?<!\w.)" + word[1:]


def _lead_alt(words: Iterable[str]) -> str:
    """``_lead`` of each word, the words grouped by first character (``R(?<!\\w.)(?:ATE_…|ESOURCE_…)``):
    the same matches (words keep their order within a group, and words of different groups never
    match at the same position), but each candidate position is tried once per group, not per word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(
        first + r"(?<!\w.)" + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for first, rests in groups.items()
    )


_REASON_WORDS = (
    "RATE_LIMIT_EXCEEDED",
    "QUOTA_EXHAUSTED",
    "MODEL_CAPACITY_EXHAUSTED",
    "MODEL_CAPACITY_EXCEEDED",
    "RESOURCE_QUOTA_EXCEEDED",
    "INSUFFICIENT_G1_CREDITS_BALANCE",
    "API_KEY_INVALID",
    "API_KEY_[A-Z_]{2,40}BLOCKED",
    "SERVICE_DISABLED",
    "BILLING_DISABLED",
    "CONSUMER_SUSPENDED",
    "CONSUMER_INVALID",
    "IAM_PERMISSION_DENIED",
    "USER_PROJECT_DENIED",
    "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
    "CREDENTIALS_MISSING",
    "VALIDATION_REQUIRED",
    "rateLimitExceeded",
    "accessNotConfigured",
    "dailyLimitExceeded",
    "userRateLimitExceeded",
)
_EXCEPTION_WORDS = (
    "ResourceExhausted",
    "TooManyRequests",
    "RateLimit",
    "FailedPrecondition",
    "PermissionDenied",
    "InternalServerError",
    "ServiceUnavailable",
    "DeadlineExceeded",
    "GatewayTimeout",
    "NotFound",
    "InvalidArgument",
    "BadRequest",
    "Unauthenticated",
    "Unauthorized",
    "Forbidden",
)
#: (literal keys, any of which must occur in the text, lower-cased; regex; fact kind)
_FACT_SPECS: list[tuple[tuple[str, ...], _Re, str]] = [
    (
        ("quota exceeded for metric",),
        _Re(
            r"Quota\s+exceeded\s+for\s+metric:\s*(?P<b_metric>[\w.\-/]{3,160}),?\s*limit:\s*"
            r"(?P<b_limit>(?<![\d.])\d+(?:\.\d+)?)(?:,\s*model:\s*(?P<b_model>[\w.\-]{2,80}))?"
        ),
        "bullet",
    ),
    (
        ("per", "tier"),
        _Re(
            "(?:"
            + _lead_alt(
                (
                    "Generate",
                    "Generated",
                    "Search",
                    "MapGrounding",
                    "Bidi",
                    "Embed",
                    "BatchEmbed",
                    "CountTokens",
                    "Total",
                )
            )
            + r")[A-Za-z0-9]{2,100}(?:-[A-Za-z0-9]{2,20})?"
        ),
        "qid",
    ),
    (
        (".googleapis.com/",),
        _Re(
            "(?:"
            + _lead_alt(("generativelanguage", "aiplatform", "cloudcode-pa", "cloudaicompanion"))
            + r")\.googleapis\.com/[A-Za-z0-9_]{3,120}"
        ),
        "metric",
    ),
    (
        ("uotavalue", "uota_value"),
        _Re(r"(?:future_?)?[Qq]uota_?[Vv]alue[\"']?\s*[:=]\s*[\"']?(?P<qv_n>(?<![\d.])\d+(?:\.\d+)?)"),
        "qv",
    ),
    (
        ("quota_limit_value",),
        _Re(r"quota_limit_value[\"']?\s*(?:[:=]|,?\s*value\s*:)\s*[\"']?(?P<qlv_n>(?<![\d.])\d+(?:\.\d+)?)"),
        "qlv",
    ),
    (
        ("quota_limit",),
        _Re(
            r"quota_limit(?!_)[\"']?\s*(?:[:=]|,?\s*value\s*:)\s*[\"']?(?P<ql_v>[A-Za-z][A-Za-z0-9_]{2,120})"
        ),
        "ql",
    ),
    (('"model"',), _Re(r"key:\s*\"model\"\s*value:\s*\"(?P<pmodel_v>[\w.\-/]{2,80})\""), "pmodel"),
    (
        ("model",),
        _Re(r"[\"']model[\"']\s*:\s*[\"'](?P<dmodel_v>[A-Za-z][\w.\-/]{1,80})[\"']"),
        "dmodel",
    ),
    # Go's fmt of a decoded body: ``quotaDimensions:map[location:global model:gemini-2.0-pro-exp]``.
    (("map[",), _Re(r"m(?<![\w\-].)odel:(?P<gmodel_v>[A-Za-z][\w.\-]{1,80})(?=[\s\]])"), "gmodel"),
    (
        ("daily gemini-", "reached for gemini-"),
        _Re(
            r"(?:reached\s+your\s+daily|limit\s+reached\s+for)\s+(?P<calm_v>gemini-[\w.\-]{1,80})",
            re.IGNORECASE,
        ),
        "calm",
    ),
    (
        ("location",),
        _Re(
            r"(?:quota_location|[\"']location)[\"']?\s*(?:[:=]|,?\s*value\s*:)\s*[\"'](?P<loc_v>[a-z][a-z0-9\-]{1,40})[\"']"
        ),
        "loc",
    ),
    (
        ("retrydelay", "retry_delay"),
        _Re(r"retry_?[Dd]elay[\"']?\s*[:=]\s*[\"']?(?P<rd_v>(?<![\d.])\d+(?:\.\d*)?)\s*s"),
        "rd",
    ),
    (
        ("retry_delay",),
        _Re(r"retry_delay\s*\{\s*seconds:\s*(?P<rdp_s>\d+)(?:\s*nanos:\s*(?P<rdp_n>\d+))?"),
        "rdp",
    ),
    (
        ("retry in",),
        _Re(
            r"Please\s+retry\s+in\s+(?P<pr_v>(?<![\d.])\d+(?:\.\d*)?)\s*(?P<pr_u>ms|s(?:ec(?:ond)?s?)?)\b",
            re.IGNORECASE,
        ),
        "pr",
    ),
    (
        ("quotaresetdelay",),
        _Re(r"quotaResetDelay[\"']?\s*(?:[:=]|,?\s*value\s*:)?\s*[\"']?(?P<qrd_v>[0-9hms.]{1,80})"),
        "qrd",
    ),
    (("reset after",), _Re(r"reset\s+after\s+(?P<ra_v>[0-9hms.]{1,80})", re.IGNORECASE), "ra"),
    (
        ("_", "ratelimit", "accessnot", "dailylimit"),
        _Re("(?:" + _lead_alt(_REASON_WORDS) + r")\b"),
        "reason",
    ),
    (("_", "unavailable", "internal"), _Re(rf"{_CODE_LEAD}\s+(?P<codest_s>{_STATUS_ALT})\b"), "codest"),
    (
        ("got status",),
        _Re(
            r"got\s+status:?\s*(?:(?P<gotst_c>(?<![\d.])[1-5]\d\d\b)|(?P<gotst_s>[A-Z_]{4,30}\b))",
            re.IGNORECASE,
        ),
        "gotst",
    ),
    (("[",), _Re(r"\[(?P<sdk_c>[1-5]\d\d)(?:\s+(?P<sdk_p>[A-Za-z][A-Za-z ]{0,40}?))?\s*\]"), "sdk"),
    (
        ("http", "code", "status"),
        _Re(
            r"(?:HTTP\s+Error|HTTP/\d(?:\.\d)?|H(?<!\w.)TTP|Error\s+code:?|status\s+code:?|"
            r"s(?<!\w.)tatus(?:_?[Cc]ode)?[\"']?\s*[:=]|status\s+code\s+of|with\s+status|upstreamStatus[\"']?\s*[:=]"
            r"|c(?<!\w.)ode[\"']?\s*[:=])"
            rf"\s*[\"']?{_CODE}",
            re.IGNORECASE,
        ),
        "httpc",
    ),
    (("status code",), _Re(rf"{_CODE_LEAD}\s+status\s+code", re.IGNORECASE), "nobody"),
    (
        ("error '", "):"),
        _Re(rf"Client\s+error\s+'{_CODE}|Server\s+error\s+'{_CODE}|\({_CODE}\):"),
        "clerr",
    ),
    (
        (
            "too many",
            "unavailable",
            "server error",
            "bad request",
            "forbidden",
            "not found",
            "unauthorized",
            "timeout",
            "time-out",
            "payment",
        ),
        _Re(
            rf"{_CODE_LEAD}:?\s+(?P<phrase_p>Too\s+Many\s+Requests|Service\s+Unavailable|Internal\s+Server\s+Error"
            r"|Bad\s+Request|Forbidden|Not\s+Found|Unauthorized|Gateway\s+Time-?out|Payment\s+Required)",
            re.IGNORECASE,
        ),
        "phrase",
    ),
    (
        (
            "exhausted:",
            "exhaustedexception",
            "manyrequests",
            "ratelimit",
            "precondition",
            "permissiondenied",
            "servererror",
            "unavailable",
            "deadlineexceeded",
            "gatewaytimeout",
            "notfound",
            "invalidargument",
            "badrequest",
            "unauthenticated",
            "unauthorized",
            "forbidden",
        ),
        _Re(
            "(?P<exc_n>"
            + "|".join(w[0] + "(?<![A-Za-z].)" + w[1:] for w in _EXCEPTION_WORDS)
            + r")(?:Exception|Error)?:"
            r"(?:\s*(?P<exc_c>[1-5]\d\d)(?![\d.]))?"
        ),
        "exc",
    ),
    (("grpc_status",), _Re(r"grpc_status:\s*(?P<grpc_v>\d{1,2})\b"), "grpc"),
    (
        ("_", "unavailable", "internal"),
        _Re(rf"(?P<status_v>{_lead_alt(_STATUS_ALT.split('|'))})\b"),
        "status",
    ),
    (("quota metric", "quota\n", "quota  "), _Re(r"quota\s+metric\s+'(?P<osm_v>[^'\n]{1,200})'"), "osm"),
    (("limit '", "limit\n", "limit  "), _Re(r"a(?<!\w.)nd\s+limit\s+'(?P<osl_v>[^']{1,300})'"), "osl"),
    (("service '", "service\n", "service  "), _Re(r"of\s+service\s+'(?P<oss_v>[\w.\-\s]{1,120})'"), "oss"),
    (
        ("project",),
        _Re(
            r"(?:project_number:|consumer[\"']?\s*(?:[:=]|,?\s*value\s*:)?\s*[\"']?projects/|\bin\s+project\s+|[?&]project=)"
            r"(?P<proj_v>\d{3,30}|\*{3,40})"
        ),
        "proj",
    ),
    (("base model",), _Re(r"base\s+model:\s*(?P<bm_v>[\w.\-]{2,80})"), "bm"),
    (
        ("not found",),
        _Re(r"(?:models/|(?<![\w/])[Mm]odel\s+)(?P<mm_v>[\w.\-]{2,80})\s+(?:is\s+|was\s+)?not\s+found"),
        "mm",
    ),
    (
        ("no capacity",),
        _Re(r"No\s+capacity\s+available\s+for\s+model\s+(?P<cm_v>[\w.\-]{2,80})"),
        "cm",
    ),
    (("have a free",), _Re(r"(?P<dn_v>Gemini\s+\d[\w. ]{1,40}?)\s+doesn'?t\s+have"), "dn"),
    (
        ("requests with gemini",),
        _Re(
            r"requests\s+with\s+(?P<cadn_v>Gemini\s+\d[\w.\-]{0,12}(?:\s+[A-Z][\w\-]{1,20}){0,2}?)\s*[.,;]",
            re.IGNORECASE,
        ),
        "cadn",
    ),
    (("http",), _Re(r"https?://[^\s\"'<>\]\)]{4,300}"), "link"),
]
#: Alternatives grouped by their first character (in their original order within a group: no two
#: groups can match at the same position), so the engine tests each candidate position once per group.
_HOSTS = _Re(
    r"generativelanguage\.(?:googleapis\.com|sandbox\.googleapis\.com)"
    r"|staging-generativelanguage\.sandbox\.googleapis\.com"
    r"|a(?:iplatform\.googleapis\.com|i\.google\.dev|istudio\.google\.com|i\.studio\b|(?<!\w.)i\.dev/)"
    r"|c(?:loud(?:code-pa\.googleapis\.com|aicompanion\.googleapis\.com|\.google\.com/vertex-ai)"
    r"|onsole\.cloud\.google\.com/vertex-ai)"
    r"|developers\.generativeai\.google"
)
_URL_MODEL = _Re(
    r"(?<![\w\-])models/(?P<m>[A-Za-z0-9][\w.\-]{1,80}):(?:generate|streamGenerate|countTokens|embed|batchEmbed|predict|"
    r"streamRawPredict|rawPredict|serverStreamingPredict)"
)


def _lower_pattern(pattern: str) -> str:
    return pattern.replace("\\S", "[^\\s]").lower().replace("(?p<", "(?P<")


#: Fact kinds matched case-insensitively: against the lower-cased text (faster than IGNORECASE).
_ON_LOW = frozenset({"pr", "ra", "gotst", "httpc", "nobody", "phrase"})
_FACT_SPECS = [
    (keys, _Re(_lower_pattern(pattern.pattern)) if kind in _ON_LOW else pattern, kind)
    for keys, pattern, kind in _FACT_SPECS
]

_GROUPS = re.compile(r"\((?:[^()]|\([^()]*\))*\)|\[(?:\\.|[^\]\\])*\]")


def _required_literals(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """For each top-level alternative of ``pattern``: literal pieces that any match of it contains.

    A text holding, for no alternative, all of that alternative's pieces cannot match, so the regex is
    not run at all. Conservative: groups, classes, escapes and quantified characters are dropped
    (pieces only ever get shorter); None when an alternative has no piece (always run)."""
    if "(?i" in pattern or "(?x" in pattern:
        return None
    branches: list[str] = []
    depth = 0
    in_class = False
    escaped = False
    current: list[str] = []
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append("".join(current))
            current = []
            continue
        current.append(char)
    branches.append("".join(current))
    out: list[tuple[str, ...]] = []
    for branch in branches:
        text = re.sub(r"\\.", "\x00", branch)  # escapes (\s, \., \d) separate pieces
        previous = None
        while previous != text:
            previous = text
            text = _GROUPS.sub("\x00", text)
        if "(" in text or "[" in text or ")" in text:
            return None
        # A quantified character may be absent (or repeated): it separates pieces too.
        text = re.sub(r".\{\d*,?\d*\}", "\x00", text)
        text = re.sub(r".[?*+]", "\x00", text)
        pieces = tuple(p for p in re.split(r"[\x00.^$*+?{}|\s]", text) if len(p) >= 4)
        if not pieces:
            return None
        out.append(tuple(sorted(set(pieces), key=lambda p: (p.lower() in _COMMON, -len(p)))))
    return tuple(out)


#: Words most pastes contain: looked up last.
_COMMON = frozenset(
    {"quota", "model", "error", "exceeded", "for", "not", "has", "have", "the", "are", "your", "you"}
    | {"limit", "http", "status", "code", "request", "found", "metric", "googleapis", "com/", "been"}
)


class _Spec:
    """One regex family of the text pass, with the cheap literal checks that gate it."""

    __slots__ = ("family", "keys", "kind", "need", "on_low", "probe", "rx", "sid", "status")

    def __init__(
        self,
        kind: str,
        keys: tuple[str, ...],
        rx: _Re,
        *,
        on_low: bool,
        sid: str = "",
        family: str = "",
        status: str | None = None,
    ) -> None:
        self.kind = kind
        self.rx = rx
        self.on_low = on_low
        self.sid = sid
        self.family = family
        self.status = status
        self.need = _required_literals(rx.pattern) if not rx.flags & re.IGNORECASE or on_low else None
        self.keys = _needed_keys(keys, self.need, on_low=on_low)
        # Many keys and no required pieces, but a regex whose leading characters are rare: one
        # search rules the spec out faster than the key look-ups (no match means no facts anyway).
        self.probe = kind in _PROBE_FIRST


def _needed_keys(
    keys: tuple[str, ...], need: tuple[tuple[str, ...], ...] | None, *, on_low: bool
) -> tuple[str, ...]:
    """The keys check that still rules something out once ``need`` passes (same outcome, fewer
    look-ups): none when every alternative of ``need`` holds a piece that holds a key (``need``
    passing implies a key is present); else the keys that hold no other key."""
    if need is not None and all(
        any(p.isascii() and any(k in (p if on_low else p.lower()) for k in keys) for p in pieces)
        for pieces in need
    ):
        return ()
    return tuple(k for k in dict.fromkeys(keys) if not any(o != k and o in k for o in keys))


_SPECS: list[_Spec] = []
_PROBE_FIRST = frozenset({"exc", "phrase"})


def _specs() -> list[_Spec]:
    """The anchor wordings, then the fact patterns (built on first use, in this fixed order)."""
    if _SPECS:
        return _SPECS
    specs: list[_Spec] = []
    for sid, family, status, pattern in _ANCHORS:
        kws = tuple(
            {
                w.lower()
                for w in re.findall(r"[A-Za-z]{5,}", pattern.replace("\\s", " "))
                if w.lower() not in ("please", "again", "model", "tokens", "maximum")
            }
        )
        # Matched against the lower-cased text (no IGNORECASE: much faster); \\S must survive lowering.
        rx = _Re(pattern.replace("\\S", "[^\\s]").lower())
        specs.append(_Spec("anchor", kws, rx, on_low=True, sid=sid, family=family, status=status))
    for keys, rx, kind in _FACT_SPECS:
        specs.append(_Spec(kind, keys, rx, on_low=kind in _ON_LOW))
    _SPECS.extend(specs)
    return _SPECS


#: Paste-wide hints about the wrapper or backend: (name, lower-case literal keys, regex).
_HINT_SPECS: list[tuple[str, tuple[str, ...], _Re]] = [
    (name, keys, _Re(pattern, re.IGNORECASE))
    for name, keys, pattern in (
        (
            "lc_genai",
            ("langchain", "chatgooglegenerativeai"),
            r"langchain_google_genai|langchain-google-genai|ChatGoogleGenerativeAI",
        ),
        (
            "lc_vertex",
            ("langchain", "chatvertexai"),
            r"langchain_google_vertexai|langchain-google-vertexai|ChatVertexAI",
        ),
        ("old_py", ("generativeai",), r"google\.generativeai|google-generativeai"),
        (
            "old_js",
            ("googlegenerativea", "generative-ai"),
            r"GoogleGenerativeAI(?:Fetch)?Error|\[GoogleGenerativeA[Il]\s+Error\]|@google/generative-ai",
        ),
        (
            "vertex_sdk",
            ("vertex",),
            r"\bvertexai\.|com\.google\.cloud\.vertexai|@google-cloud/vertexai|vertex_ai/|\bVertex\s+AI\b(?!Exception)",
        ),
        ("gax", ("gax", "io.grpc"), r"com\.google\.api\.gax|io\.grpc\.StatusRuntimeException"),
        ("aistudio", ("ai studio",), r"\bAI\s+Studio\b"),
        # The Gemini API's service title (also "(Staging)"), e.g. in a SERVICE_DISABLED message cut before its URL.
        ("genlang", ("generative language api",), r"\bGenerative\s+Language\s+API\b"),
        ("through_vertex", ("through vertex",), r"quota\s+increase\s+through\s+Vertex"),
        (
            "oauth_fallback",
            ("switching to the", "possible quota"),
            r"Switching\s+to\s+the\s+gemini-[\w.\-]+\s+model|Possible\s+quota\s+limitations\s+in\s+place",
        ),
        ("per_user_tier", ("per user per",), r"per\s+user\s+per\s+tier"),
        ("ca_words", ("code assist", "cloudcode", "antigravity"), r"Code\s+Assist|cloudcode-pa|Antigravity"),
        ("litellm", ("vertexai", "vertex_httpx"), r"VertexAIException|VertexAIError|vertex_httpx"),
        ("gemini_cli", ("api error", "gemini-cli"), r"\[API\s+Error:|gemini-cli"),
    )
]


def _hosts_into(acc: _Acc, text: str) -> None:
    if "." not in text:
        return
    glued = _WRAP.sub("", text) if "\n" in text else text
    for match in _HOSTS.finditer(glued):
        acc.hosts.add(match.group(0).lower().rstrip("/"))


class _Fact:
    __slots__ = ("anchor", "apply", "family", "kind", "pos", "text")

    def __init__(
        self,
        pos: int,
        kind: str,
        apply: Any,  # callable(acc) -> None
        family: str | None = None,
        anchor: str | None = None,
        text: str = "",
    ) -> None:
        self.pos = pos
        self.kind = kind
        self.apply = apply
        self.family = family
        self.anchor = anchor
        self.text = text


def _facts(text: str) -> list[_Fact]:
    """All facts of a (flattened) text, in order. Each fact knows how to apply itself to a record."""
    facts: list[_Fact] = []
    low = text.lower()
    same = len(low) == len(text)
    for spec in _specs():
        # Two literal checks, both necessary: the family's keys first (they rule out most specs for
        # a given text at the cost of one or two look-ups), then the pieces some alternative of the
        # regex needs (rarest first, so an absent one fails on its first look-up).
        subject = low if spec.on_low else text
        if spec.probe and spec.rx.rx.search(subject) is None:
            continue
        keys = spec.keys
        if keys:
            for key in keys:
                if key in low:
                    break
            else:
                continue
        need = spec.need
        if need is not None:
            for pieces in need:
                for piece in pieces:
                    if piece not in subject:
                        break
                else:
                    break
            else:
                continue
        sliced = spec.on_low and same
        if spec.kind == "anchor":
            sid, family, status = spec.sid, spec.family, spec.status
            for match in spec.rx.rx.finditer(subject):
                start = match.start()
                frag = text[start : match.end()] if sliced else match.group(0)
                facts.append(
                    _Fact(start, "anchor", _anchor_applier(sid, family, status, frag), family, sid, frag)
                )
            continue
        kind = spec.kind
        for match in spec.rx.rx.finditer(subject):
            frag = text[match.start() : match.end()] if sliced else match.group(0)
            fact = _fact_from(kind, match, text, frag)
            if fact is not None:
                facts.append(fact)
    if "." in text or "models/" in text:
        glued = _WRAP.sub("", text) if "\n" in text else text
        glued_low = low if glued is text else glued.lower()
        hosts = (
            {m.group(0).lower().rstrip("/") for m in _HOSTS.finditer(glued)}
            if _host_keys(glued_low)
            else set()
        )
        if hosts:
            facts.append(_Fact(0, "hosts", _adder("hosts", hosts)))
        # "models/X:generateContent" in a URL path or a bare resource name ("operation=models/X:…").
        url_model = _URL_MODEL.search(glued) if "models/" in glued else None
        if url_model:
            model = _clean_model(url_model.group("m"))
            facts.append(
                _Fact(_approx(text, url_model.start()), "url_model", _setter("request_model", model))
            )
    facts.sort(key=lambda f: f.pos)
    return facts


_HOST_KEYS = (
    "googleapis",
    "google.dev",
    "ai.dev",
    "aistudio",
    "ai.studio",
    "generativeai",
    "vertex-ai",
)


def _host_keys(low: str) -> bool:
    return any(k in low for k in _HOST_KEYS)


def _approx(text: str, pos: int) -> int:
    return min(pos, len(text))


def _adder(attr: str, values: set[str]) -> Any:
    def apply(acc: _Acc) -> None:
        getattr(acc, attr).update(values)

    return apply


def _setter(attr: str, value: Any, evidence: str | None = None) -> Any:
    def apply(acc: _Acc) -> None:
        if value is not None and getattr(acc, attr) is None:
            setattr(acc, attr, value)
        acc.add_evidence(evidence)

    return apply


def _anchor_applier(sid: str, family: str, status: str | None, frag: str) -> Any:
    def apply(acc: _Acc) -> None:
        acc.signals.add(sid)
        acc.families.add(family)
        if status is not None and acc.status is None and acc.http_code in (None, CODE_OF_STATUS.get(status)):
            acc.status = status
        acc.add_evidence(" ".join(frag.split()))

    return apply


def _fact_from(kind: str, match: re.Match[str], text: str, frag: str) -> _Fact | None:
    g = match.group
    pos = match.start()
    if kind == "bullet":
        model_raw = g("b_model")
        end = match.end()
        model = _clean_model(model_raw)
        if model and model_raw and model_raw.endswith("n") and text[end : end + 1] in ("*", "\\"):
            model = model[:-1]
        violation = Violation(
            metric=g("b_metric"),
            model=model,
            value=_to_int(g("b_limit")),
            value_text=g("b_limit"),
            source="bullet",
        )

        def apply_bullet(acc: _Acc) -> None:
            acc.violations.append(violation)
            acc.signals.add("bullet")
            acc.families.add("quota")
            acc.dimension_model = acc.dimension_model or model
            _hosts_into(acc, violation.metric or "")
            acc.add_evidence(" ".join(frag.split()))

        return _Fact(pos, "bullet", apply_bullet, "quota", "bullet", frag)
    if kind == "qid":
        qid = frag
        if "Per" not in qid and "Tier" not in qid:
            return None

        def apply_qid(acc: _Acc) -> None:
            acc.families.add("quota")
            if qid.startswith("GenerateContentRequestsPerMinutePerProjectPerRegion") or (
                acc.quota_limit_name == qid
            ):
                acc.quota_limit_name = acc.quota_limit_name or qid
            elif not any(v.quota_id == qid for v in acc.violations):
                acc.violations.append(Violation(quota_id=qid, source="text"))
            acc.add_evidence(qid)

        return _Fact(pos, "qid", apply_qid, "quota", None, frag)
    if kind == "metric":
        if _in_url(text, pos):
            return None  # a host or path segment (an activation or console link), not a quota metric
        metric = frag

        def apply_metric(acc: _Acc) -> None:
            _hosts_into(acc, metric)
            if not any(v.metric == metric for v in acc.violations) and "quota_metric" not in acc.metadata:
                acc.metadata.setdefault("quota_metric", metric)

        return _Fact(pos, "metric", apply_metric)
    if kind == "qv":
        value_text = g("qv_n")
        future = frag.lower().startswith("future")

        def apply_qv(acc: _Acc) -> None:
            acc.families.add("quota")
            if future:
                return
            for i, v in enumerate(acc.violations):
                if v.value_text is None and v.source in ("text", "details"):
                    acc.violations[i] = replace(v, value=_to_int(value_text), value_text=value_text)
                    break
            else:
                acc.violations.append(
                    Violation(value=_to_int(value_text), value_text=value_text, source="text")
                )
            acc.add_evidence(frag)

        return _Fact(pos, "qv", apply_qv, "quota")
    if kind == "qlv":
        value_text = g("qlv_n")

        def apply_qlv(acc: _Acc) -> None:
            acc.families.add("quota")
            if not any(v == value_text for v, _n in acc.limit_values):
                acc.limit_values.append((value_text, acc.quota_limit_name))
            acc.add_evidence(" ".join(frag.split()))

        return _Fact(pos, "qlv", apply_qlv, "quota")
    if kind == "ql":
        name = g("ql_v")

        def apply_ql(acc: _Acc) -> None:
            acc.quota_limit_name = acc.quota_limit_name or name
            acc.limit_values = [(v, n or name) for v, n in acc.limit_values]
            acc.families.add("quota")
            acc.add_evidence(name)

        return _Fact(pos, "ql", apply_ql, "quota")
    if kind in ("pmodel", "dmodel", "gmodel", "calm"):
        model = _clean_model(g(f"{kind}_v"))
        return _Fact(pos, kind, _setter("dimension_model", model))
    if kind == "loc":
        return _Fact(pos, kind, _setter("location", g("loc_v")))
    if kind == "rd":
        seconds = parse_duration(g("rd_v") + "s")
        return _Fact(pos, kind, _setter("retry_delay_s", seconds, " ".join(frag.split())))
    if kind == "rdp":
        whole = _to_float(g("rdp_s")) or 0.0
        nanos = _to_float(g("rdp_n") or "0") or 0.0
        return _Fact(
            pos, kind, _setter("retry_delay_s", clamp_delay(whole + nanos / 1e9), " ".join(frag.split()))
        )
    if kind == "pr":
        unit = g("pr_u")
        seconds = parse_duration(g("pr_v") + ("ms" if unit == "ms" else "s"))
        return _Fact(pos, kind, _setter("retry_delay_s", seconds, frag))
    if kind in ("qrd", "ra"):
        seconds = parse_duration(g(f"{kind}_v"))

        def apply_reset(acc: _Acc) -> None:
            if seconds is not None and acc.reset_delay_s is None:
                acc.reset_delay_s = seconds
            acc.hints.add("code-assist")
            acc.add_evidence(" ".join(frag.split()).rstrip("."))

        return _Fact(pos, kind, apply_reset, "quota")
    if kind == "reason":
        reason = frag

        def apply_reason(acc: _Acc) -> None:
            if reason not in acc.reasons:
                acc.reasons.append(reason)
            acc.add_evidence(reason)

        family = _REASON_FAMILY.get(reason, "auth" if reason.startswith("API_KEY_") else None)
        return _Fact(pos, kind, apply_reason, family)
    if kind == "codest":
        code = _first_code(frag)
        status = g("codest_s")
        return _Fact(pos, "code", _code_applier(code, status, frag))
    if kind == "gotst":
        code = _to_int(g("gotst_c"))
        status = canonical_status(g("gotst_s"))
        if code is None and status is None:
            return None
        return _Fact(pos, "code", _code_applier(code, status, frag))
    if kind == "sdk":
        code = _to_int(g("sdk_c"))
        phrase = (g("sdk_p") or "").strip().lower()
        weak = not phrase or REASON_PHRASES.get(phrase) != code
        return _Fact(pos, "code", _code_applier(code, None, frag, weak=weak and phrase == ""))
    if kind == "httpc":
        code = _first_code(frag)
        return _Fact(pos, "code", _code_applier(code, None, frag, weak=frag.lower().startswith("code")))
    if kind in ("nobody", "clerr", "phrase"):
        return _Fact(pos, "code", _code_applier(_first_code(frag), None, frag))
    if kind == "exc":
        status = EXCEPTION_STATUS.get(g("exc_n"))
        code = _to_int(g("exc_c"))
        return _Fact(pos, "code", _code_applier(code, status, frag, weak=code is None))
    if kind == "grpc":
        status = GRPC_STATUS.get(_to_int(g("grpc_v")) or -1)
        return _Fact(pos, "code", _code_applier(None, status, frag))
    if kind == "status":
        status = g("status_v")
        return _Fact(pos, "code", _code_applier(None, status, frag, weak=True))
    if kind == "osm":
        name = " ".join(g("osm_v").split())

        def apply_osm(acc: _Acc) -> None:
            acc.quota_metric_name = acc.quota_metric_name or name
            if acc.display_model is None:
                from gemquota.core.quota import model_from_display_name

                acc.display_model = model_from_display_name(name)
            acc.families.add("quota")
            acc.add_evidence(f"quota metric '{name}'")

        return _Fact(pos, kind, apply_osm, "quota")
    if kind == "osl":
        name = " ".join(g("osl_v").split())

        def apply_osl(acc: _Acc) -> None:
            if acc.quota_limit_name is None or not acc.quota_limit_name[:1].isupper() or " " in name:
                acc.metadata.setdefault("limit_name", name)
            acc.families.add("quota")
            acc.add_evidence(f"limit '{name}'")

        return _Fact(pos, kind, apply_osl, "quota")
    if kind == "oss":
        service = _WRAP.sub("", g("oss_v")).strip()

        def apply_oss(acc: _Acc) -> None:
            acc.service = acc.service or service
            _hosts_into(acc, service)

        return _Fact(pos, kind, apply_oss)
    if kind == "proj":
        value = g("proj_v")

        def apply_proj(acc: _Acc) -> None:
            _project_into(acc, value)

        return _Fact(pos, kind, apply_proj)
    if kind == "bm":
        model = _clean_model(g("bm_v"))

        def apply_bm(acc: _Acc) -> None:
            acc.dimension_model = acc.dimension_model or model
            acc.add_evidence(frag.rstrip("."))

        return _Fact(pos, kind, apply_bm, "quota")
    if kind == "mm":
        return _Fact(pos, kind, _setter("message_model", _clean_model(g("mm_v")), frag))
    if kind == "cm":
        return _Fact(pos, kind, _setter("message_model", _clean_model(g("cm_v"))))
    if kind in ("dn", "cadn"):
        from gemquota.core.quota import model_from_display_name

        return _Fact(pos, kind, _setter("display_model", model_from_display_name(g(f"{kind}_v"))))
    if kind == "link":
        url = frag.rstrip(".,;")

        def apply_link(acc: _Acc) -> None:
            if url not in acc.links and len(acc.links) < 20:
                acc.links.append(url)

        return _Fact(pos, kind, apply_link)
    return None


def _in_url(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a URL: the run of URL characters before it (as the ``link`` fact
    reads URLs: no whitespace, quotes, ``<>``, ``]`` or ``)``) holds ``://`` or ends with ``/`` (a path
    segment), or starts ``www.``."""
    window = text[max(0, pos - 400) : pos]
    if not window or window[-1].isspace():
        return False
    run = window.rsplit(None, 1)[-1]
    cut = max(run.rfind(c) for c in "\"'<>])")
    run = run[cut + 1 :]
    return "://" in run or run.endswith("/") or run.startswith("www.")


_CODE_IN = _Re(r"(?<![\d.])[1-5]\d\d(?![\d.])")


def _first_code(frag: str) -> int | None:
    match = _CODE_IN.search(frag)
    return int(match.group(0)) if match else None


_REASON_FAMILY: dict[str, str] = {
    "RATE_LIMIT_EXCEEDED": "quota",
    "QUOTA_EXHAUSTED": "quota",
    "MODEL_CAPACITY_EXHAUSTED": "quota",
    "MODEL_CAPACITY_EXCEEDED": "quota",
    "RESOURCE_QUOTA_EXCEEDED": "quota",
    "rateLimitExceeded": "quota",
    "userRateLimitExceeded": "quota",
    "dailyLimitExceeded": "quota",
    "INSUFFICIENT_G1_CREDITS_BALANCE": "billing",
    "API_KEY_INVALID": "auth",
    "SERVICE_DISABLED": "auth",
    "accessNotConfigured": "auth",
    "BILLING_DISABLED": "auth",
    "CONSUMER_SUSPENDED": "auth",
    "CONSUMER_INVALID": "auth",
    "IAM_PERMISSION_DENIED": "auth",
    "USER_PROJECT_DENIED": "auth",
    "ACCESS_TOKEN_SCOPE_INSUFFICIENT": "auth",
    "CREDENTIALS_MISSING": "auth",
}


def _code_applier(code: int | None, status: str | None, frag: str, *, weak: bool = False) -> Any:
    status = canonical_status(status) if status else None

    def apply(acc: _Acc) -> None:
        if code is not None:
            acc.set_code(code, weak=weak)
        if status is not None:
            if acc.status is None or (
                acc.status != status and not weak and acc.http_code == CODE_OF_STATUS.get(status)
            ):
                if acc.http_code is None or CODE_OF_STATUS.get(status) == acc.http_code or code is not None:
                    acc.status = status
        acc.add_evidence(" ".join(frag.split()))

    return apply


def _scan_into(acc: _Acc, text: str, *, evidence: bool = True) -> None:
    """Apply every fact of ``text`` (a message string) to ``acc``."""
    text = flatten(text)
    for fact in _facts(text):
        if not evidence and fact.kind == "anchor":
            before = len(acc.evidence)
            fact.apply(acc)
            del acc.evidence[before:]
        else:
            fact.apply(acc)


# --------------------------------------------------------------------------------------------------
# Grouping text facts into records

_FAMILY_CODES: dict[str, frozenset[int]] = {
    "quota": frozenset({429}),
    "billing": frozenset({429, 402, 403}),
    "unavail": frozenset({503}),
    "internal": frozenset({500}),
    "deadline": frozenset({504}),
    "region": frozenset({400}),
    "auth": frozenset({400, 401, 403}),
    "notfound": frozenset({404}),
    "badreq": frozenset({400}),
}
_FAMILY_OF_STATUS: dict[str, str] = {
    "RESOURCE_EXHAUSTED": "quota",
    "UNAVAILABLE": "unavail",
    "INTERNAL": "internal",
    "DEADLINE_EXCEEDED": "deadline",
    "FAILED_PRECONDITION": "region",
    "PERMISSION_DENIED": "auth",
    "UNAUTHENTICATED": "auth",
    "NOT_FOUND": "notfound",
    "INVALID_ARGUMENT": "badreq",
}


def _text_records(text: str, base: int = 0) -> list[_Acc]:
    """Records built from the facts of free text: one per error family seen (repeats counted)."""
    facts = _facts(text)
    if not facts:
        return []
    anchors = [f for f in facts if f.anchor is not None]
    families: list[str] = []
    for fact in anchors:
        if fact.family and fact.family not in families:
            families.append(fact.family)
    if len(families) <= 1:
        acc = _Acc(position=base + (facts[0].pos if facts else 0))
        for fact in facts:
            fact.apply(acc)
        acc.count = _repeat_count(anchors, text)
        if anchors:
            acc.position = base + anchors[-1].pos
        return [acc]
    # Several families: each fact goes to the nearest anchor of a compatible family.
    groups: dict[str, _Acc] = {fam: _Acc() for fam in families}
    for fam in families:
        fam_anchors = [a for a in anchors if a.family == fam]
        groups[fam].position = base + fam_anchors[-1].pos
        groups[fam].count = _repeat_count(fam_anchors, text)
    for fact in facts:
        if fact.anchor is not None and fact.family is not None:
            fact.apply(groups[fact.family])
            continue
        if fact.family in groups:
            fact.apply(groups[fact.family])
            continue
        if fact.kind == "hosts":
            for acc in groups.values():
                fact.apply(acc)
            continue
        nearest = min(anchors, key=lambda a: (abs(a.pos - fact.pos), a.pos > fact.pos))
        fact.apply(groups[nearest.family or families[0]])
    return [acc for acc in groups.values() if acc.has_content()]


def _repeat_count(anchors: list[_Fact], text: str) -> int:
    """How many times the leading wording repeats (a legacy ``errors[]`` copy does not count)."""
    if not anchors:
        return 1
    counted = [a for a in anchors if a.anchor != "bullet"]
    if not counted:
        return 1
    first = counted[0]
    hits = [
        a
        for a in counted
        if a.anchor == first.anchor and " ".join(a.text.split()) == " ".join(first.text.split())
    ]
    count = 0
    for hit in hits:
        window = text[max(0, hit.pos - 200) : hit.pos]
        if "errors" in window or "LocalizedMessage" in window or "DebugInfo" in window:
            continue
        if "grpc_message" in window[-40:] or "debug_error_string" in window:
            continue  # gRPC's debug string repeats ``details`` (same occurrence)
        count += 1
    return max(1, count)


def _compatible(a: _Acc, b: _Acc) -> bool:
    if a.http_code is not None and b.http_code is not None and a.http_code != b.http_code:
        if not (a.code_weak or b.code_weak):
            return False
    if a.status and b.status and a.status != b.status:
        return False
    fa = a.families - {"billing"}
    fb = b.families - {"billing"}
    if fa and fb and not (fa & fb):
        return False
    # Family implied by one side's code must fit the other side's wording.
    for x, y in ((a, b), (b, a)):
        if x.http_code is not None and not x.code_weak and y.families:
            if not any(x.http_code in _FAMILY_CODES.get(f, frozenset()) for f in y.families):
                return False
    return True


#: Every hint key that holds no other one (a key holding another is present only with it): most
#: pastes hold none, and these few look-ups say so.
_HINT_KEYS: tuple[str, ...] = tuple(
    dict.fromkeys(
        key
        for _name, keys, _rx in _HINT_SPECS
        for key in keys
        if not any(other != key and other in key for _n, others, _r in _HINT_SPECS for other in others)
    )
)


def _global_hints(text: str) -> set[str]:
    hints: set[str] = set()
    low = text.lower()
    for key in _HINT_KEYS:
        if key in low:
            break
    else:
        return hints
    for name, keys, pattern in _HINT_SPECS:
        if any(k in low for k in keys) and pattern.search(text):
            hints.add(name)
    return hints


# --------------------------------------------------------------------------------------------------
# Entry points


def _dedupe(accs: Iterable[_Acc]) -> list[GoogleError]:
    out: list[GoogleError] = []
    index: dict[tuple[Any, ...], int] = {}
    for acc in accs:
        err = acc.freeze()
        key = err.identity()
        if key in index:
            i = index[key]
            prev = out[i]
            out[i] = replace(prev, count=prev.count + err.count, position=max(prev.position, err.position))
        else:
            index[key] = len(out)
            out.append(err)
    return out


def _bound(text: str) -> str:
    if len(text) <= MAX_ANALYSED:
        return text
    return text[:_EDGE] + "\n...\n" + text[-_EDGE:]


def parse_text(text: str) -> list[GoogleError]:
    """Every Google error in a paste, in paste order (identical repeats counted). Never raises."""
    try:
        return _parse_text(text if isinstance(text, str) else str(text))
    except (
        RecursionError,
        MemoryError,
        ValueError,
        TypeError,
        OverflowError,
    ):  # pragma: no cover - belt and braces
        return []


def _parse_text(text: str) -> list[GoogleError]:
    text = normalize(_bound(text))
    if not text.strip():
        return []
    structures = _structures(text, 0)
    struct_accs: list[_Acc] = []
    pieces: list[str] = []
    wrappers: list[tuple[int, str, list[_Acc]]] = []
    last = 0
    for start, end, accs in structures:
        lead = _wrapper_start(text, last, start)
        pieces.append(text[last:lead])
        if text[lead:start].strip():
            wrappers.append((lead, text[lead:start], accs))
        pieces.append(" " * min(end - start, 1))
        last = end
        struct_accs.extend(accs)
    pieces.append(text[last:])
    flat = flatten(text)
    residual = flatten("".join(pieces)) if structures else flat
    hints = _global_hints(flat)
    # The text that introduces a body ("Error: 503 Service Unavailable: {...}") is the same
    # occurrence as the body: its facts complete the body's record, never a record of their own.
    for lead, wrapper, accs in wrappers:
        for acc in _text_records(flatten(wrapper), lead):
            target = _merge_target(acc, accs) or accs[0]
            target.merge(acc)
    text_accs = _text_records(residual)
    merged = list(struct_accs)
    for acc in text_accs:
        if not acc.has_content():
            # Ambient facts (a request URL, hosts, a project number) belong to every error of the paste.
            for each in struct_accs:
                each.merge(acc)
            continue
        found = _merge_target(acc, struct_accs)
        if found is not None:
            found.merge(acc)
            found.position = max(found.position, acc.position)
        else:
            merged.append(acc)
    merged = [a for a in merged if a.has_content()]
    for acc in merged:
        acc.hints |= hints
    merged.sort(key=lambda a: a.position)
    return _dedupe(merged)


def _wrapper_start(text: str, floor: int, start: int) -> int:
    """Where the wrapper text of the body at ``start`` begins: the start of the body's line when text
    precedes the body on that line; else the previous line when it introduces the body (it ends with
    ``:``); else ``start`` (no wrapper). Never before ``floor`` (the end of the previous body)."""
    line = max(floor, text.rfind("\n", floor, start) + 1)
    if text[line:start].strip():
        return line
    if line <= floor:
        return start
    previous = max(floor, text.rfind("\n", floor, line - 1) + 1)
    if text[previous : line - 1].rstrip().endswith(":"):
        return previous
    return start


def _merge_target(acc: _Acc, candidates: list[_Acc]) -> _Acc | None:
    fitting = [c for c in candidates if _compatible(acc, c)]
    if not fitting:
        return None
    return min(fitting, key=lambda c: abs(c.position - acc.position))


def parse_body(obj: Mapping[str, Any] | list[Any] | Any) -> list[GoogleError]:
    """Google errors in a decoded body: ``{"error": {...}}``, list-wrapped, or the bare inner error."""
    try:
        accs: list[_Acc] = []
        if isinstance(obj, (bytes, bytearray)):
            return parse_text(bytes(obj).decode("utf-8", errors="replace"))
        if isinstance(obj, str):
            return parse_text(obj)
        _walk(obj, 0, accs, list_wrapped=isinstance(obj, list))
        return _dedupe(a for a in accs if a.has_content())
    except (RecursionError, MemoryError, ValueError, TypeError, OverflowError):  # pragma: no cover
        return []
