"""The library entry point: ``explain(x) -> list[Diagnosis]`` for text, bodies and SDK exceptions.

Pure and fast: no network, no google-cloud import. The SDK exception classes are recognised by the
names in their MRO, so google-genai / google-api-core are only touched when the caller passes one of
their exceptions (protobuf is imported lazily only for gRPC details that need converting)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from gemquota.core.classify import diagnose
from gemquota.core.diagnosis import Diagnosis, Kind
from gemquota.core.google_error import decode_paste
from gemquota.core.keykind import KeyKind, key_kind

if TYPE_CHECKING:
    from gemquota.core.scan import ScanResult

__all__ = ["explain", "scan_files", "scan_text"]

#: Texts longer than this (characters or bytes) are read as blocks by the whole-input reader, so
#: every byte is analysed; shorter ones go to the parser whole, as before (this is the most it reads
#: at once, MAX_ANALYSED in the parser).
DIRECT_LIMIT = 300_000

#: How many chained exceptions (``__cause__`` / ``__context__``) are followed.
_MAX_CHAIN = 8
#: Longest text taken from one exception or response body.
_MAX_TEXT = 2 * 1024 * 1024
_CANONICAL_STATUS = re.compile(r"[A-Z][A-Z_]{2,40}")
_MODEL_IN_URL = re.compile(r"/models/([A-Za-z0-9][A-Za-z0-9._-]{0,100})(?::|\?|$)")


def _mro_names(obj: object) -> set[tuple[str, str]]:
    return {(getattr(c, "__module__", ""), getattr(c, "__name__", "")) for c in type(obj).__mro__}


def _is_genai_error(obj: object) -> bool:
    return ("google.genai.errors", "APIError") in _mro_names(obj)


def _is_api_core_error(obj: object) -> bool:
    return ("google.api_core.exceptions", "GoogleAPICallError") in _mro_names(obj)


def _safe(obj: object, name: str) -> Any:
    """An attribute, or None when it is missing or its property raises."""
    try:
        return getattr(obj, name, None)
    except Exception:
        return None


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _canonical(status: object) -> str | None:
    """A canonical Google status (``RESOURCE_EXHAUSTED``), never an HTTP reason phrase."""
    if isinstance(status, str) and _CANONICAL_STATUS.fullmatch(status):
        return status
    return None


def _requested_model_from_response(response: object) -> str | None:
    """The model id in the request URL of an HTTP response (requests / httpx / aiohttp), if any."""
    if response is None:
        return None
    for holder in (_safe(response, "request"), response):
        url = _safe(holder, "url") if holder is not None else None
        if url is None:
            continue
        match = _MODEL_IN_URL.search(str(url)[:4096])
        if match:
            return match.group(1)
    return None


def _genai_source(exc: BaseException) -> tuple[Any, int | None, str | None]:
    """The whole JSON body of a google-genai APIError (``.details``), its HTTP code and status."""
    code = _int_or_none(_safe(exc, "code"))
    status = _canonical(_safe(exc, "status"))
    details = _safe(exc, "details")
    message = _safe(exc, "message")
    body: Any
    if isinstance(details, Mapping) and details:
        body = dict(details)
        if "error" not in body and ("message" in body or "code" in body):
            # A non-JSON response: google-genai stores {"message": text, "status": reason phrase}.
            inner = {k: v for k, v in body.items() if k != "status" or _canonical(v)}
            body = {"error": {"code": code, **inner}}
    elif isinstance(details, list) and details:
        body = list(details)
    else:
        body = {"error": {"code": code, "status": status, "message": message or str(exc)}}
    return body, code, status


def _proto_to_dict(detail: Any) -> Any:
    """A google.rpc detail as JSON (dicts pass through; protobuf messages are converted lazily)."""
    if isinstance(detail, Mapping):
        return dict(detail)
    descriptor = _safe(detail, "DESCRIPTOR")
    if descriptor is None:
        return str(detail)
    try:
        from google.protobuf.json_format import MessageToDict

        out: dict[str, Any] = {"@type": f"type.googleapis.com/{descriptor.full_name}"}
        out.update(MessageToDict(detail))
        return out
    except Exception:
        return str(detail)


def _api_core_source(exc: BaseException) -> tuple[dict[str, Any], int | None, str | None]:
    """A ``{"error": …}`` body rebuilt from a google.api_core GoogleAPICallError."""
    code = _int_or_none(_safe(exc, "code"))
    grpc_code = _safe(exc, "grpc_status_code")
    status = _canonical(_safe(grpc_code, "name")) if grpc_code is not None else None
    message = _safe(exc, "message")
    error: dict[str, Any] = {"code": code, "message": message if isinstance(message, str) else str(exc)}
    if status:
        error["status"] = status
    details = [_proto_to_dict(d) for d in (_safe(exc, "details") or [])]
    reason = _safe(exc, "reason")
    has_info = any(isinstance(d, dict) and str(d.get("@type", "")).endswith("ErrorInfo") for d in details)
    if reason and not has_info:
        metadata = _safe(exc, "metadata")
        details.append(
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": str(reason),
                "domain": str(_safe(exc, "domain") or ""),
                "metadata": {str(k): str(v) for k, v in dict(metadata or {}).items()},
            }
        )
    if details:
        error["details"] = details
    errors = [e for e in (_safe(exc, "errors") or []) if isinstance(e, Mapping)]
    if errors:
        error["errors"] = [dict(e) for e in errors]
    return {"error": error}, code, status


def _response_text(exc: BaseException) -> str:
    """The body of an HTTP response attached to an exception (httpx / requests errors), if readable."""
    response = _safe(exc, "response")
    if response is None:
        return ""
    text = _safe(response, "text")
    if not isinstance(text, str) or not text.strip():
        return ""
    code = _safe(response, "status_code")
    prefix = f"HTTP {code}: " if isinstance(code, int) else ""
    return prefix + text[:_MAX_TEXT]


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(out) < _MAX_CHAIN:
        seen.add(id(current))
        out.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return out


def _exception_text(exc: BaseException) -> str:
    parts: list[str] = []
    for item in _chain(exc):
        try:
            text = str(item)
        except Exception:
            text = ""
        name = f"{type(item).__module__}.{type(item).__qualname__}"
        parts.append(f"{name}: {text[:_MAX_TEXT]}")
        body = _response_text(item)
        if body and body not in text:
            parts.append(body)
    return "\n".join(parts)


def _diagnose_exception(
    exc: BaseException, *, model: str | None, now: datetime, kind: KeyKind | None = None
) -> list[Diagnosis] | None:
    """Diagnose a google-genai / google-api-core exception from its structure (None: not one)."""
    if _is_genai_error(exc):
        body, code, status = _genai_source(exc)
    elif _is_api_core_error(exc):
        body, code, status = _api_core_source(exc)
    else:
        return None
    requested = model or _requested_model_from_response(_safe(exc, "response"))
    found = diagnose(body, now=now, requested_model=requested, http_code=code, status=status, key_kind=kind)
    if found and found[0].kind is not Kind.UNRECOGNIZED:
        return found
    # The structure said nothing useful: the printed form may still (e.g. a wrapped message).
    return diagnose(
        str(exc)[:_MAX_TEXT], now=now, requested_model=requested, http_code=code, status=status, key_kind=kind
    )


def explain(
    x: object, *, model: str | None = None, now: datetime | None = None, key: str | None = None
) -> list[Diagnosis]:
    """Diagnose an error, primary first.

    ``x`` is error text (``str`` or ``bytes``), a JSON body (``dict`` or ``list``), a
    ``google.genai.errors.APIError``, a ``google.api_core.exceptions.GoogleAPICallError``, or any other
    exception (its text, chained causes and any attached HTTP response body are read).
    ``model`` is the model you called; ``now`` fixes the clock for reset times (default: now, UTC);
    ``key`` is the API key in use: only its kind (standard ``AIza`` / auth ``AQ.``) is read, to tailor the
    diagnosis of key errors (SPEC §1.1); it is never kept or returned.
    Never raises on odd input: text with no Google error gives one ``unrecognized`` diagnosis."""
    kind = key_kind(key)
    opts = {"key_kind": kind} if kind is not None else None
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    if isinstance(x, str):
        if len(x) > DIRECT_LIMIT:
            return explain_large(
                io.BytesIO(x.encode("utf-8", errors="surrogatepass")), model=model, now=now, options=opts
            )
        return diagnose(x, now=now, requested_model=model, key_kind=kind)
    if isinstance(x, bytes | bytearray | memoryview):
        if len(x) > DIRECT_LIMIT:
            return explain_large(io.BytesIO(bytes(x)), model=model, now=now, options=opts)
        return diagnose(decode_paste(x), now=now, requested_model=model, key_kind=kind)
    if isinstance(x, Mapping | list):
        return diagnose(x, now=now, requested_model=model, key_kind=kind)
    if isinstance(x, BaseException):
        for item in _chain(x):
            found = _diagnose_exception(item, model=model, now=now, kind=kind)
            if found is not None:
                return found
        return diagnose(_exception_text(x), now=now, requested_model=model, key_kind=kind)
    if isinstance(x, tuple):
        return diagnose(list(x), now=now, requested_model=model, key_kind=kind)
    return diagnose(str(x), now=now, requested_model=model, key_kind=kind)


def explain_large(
    stream: Any, *, model: str | None, now: datetime, options: Mapping[str, Any] | None = None
) -> list[Diagnosis]:
    """explain() of a large input (a binary stream): every byte read by the whole-input reader, its
    candidate blocks diagnosed and merged; ``unrecognized`` when none holds a Google error.
    ``options`` are further keyword arguments of the classifier's ``diagnose`` for every block."""
    from gemquota.core.reader import BlockReader
    from gemquota.core.scan import explain_blocks

    found = explain_blocks(
        BlockReader(stream, year=now.year), now=now, requested_model=model, options=options
    )
    if found:
        return found
    return diagnose("", now=now, requested_model=model, **dict(options or {}))


def scan_text(
    text: str | bytes,
    *,
    now: datetime | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    name: str = "-",
) -> ScanResult:
    """The scan result (SPEC §1.7) of a log given as text: every Google / Gemini error in it, merged
    by kind, model, quota id and project, with counts, first/last seen, a timeline and what to fix
    first. ``now`` fixes the clock (reset times, the year of syslog stamps)."""
    data = text.encode("utf-8", errors="surrogatepass") if isinstance(text, str) else bytes(text)
    return _scan([(name, io.BytesIO(data))], now=now, since=since, until=until)


def scan_files(
    paths: Iterable[str],
    *,
    now: datetime | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> ScanResult:
    """The scan result of log files (plain or gzip). Raises ``gemquota.core.reader.UnreadableInput``
    for a missing file, a directory, a FIFO or device, or a corrupt gzip."""
    from gemquota.core.reader import open_path

    names = list(paths)
    streams = [(name, open_path(name)) for name in names]
    try:
        return _scan(streams, now=now, since=since, until=until)
    finally:
        for _name, stream in streams:
            stream.close()


def _scan(
    streams: list[tuple[str, Any]],
    *,
    now: datetime | None,
    since: datetime | None,
    until: datetime | None,
) -> ScanResult:
    from gemquota.core.reader import BlockReader
    from gemquota.core.scan import ScanAggregator

    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    aggregator = ScanAggregator(now=now, since=since, until=until)
    for name, stream in streams:
        reader = BlockReader(stream, name=name, year=now.year)
        aggregator.add_blocks(reader)
        aggregator.add_input(name, reader.stats.bytes, reader.stats.lines)
    return aggregator.result()
