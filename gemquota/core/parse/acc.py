"""The mutable accumulator behind each record (frozen into a GoogleError at the end)."""

from __future__ import annotations

from gemquota.core.lazyre import LazyRe as _Re
from gemquota.core.parse.records import GoogleError, Violation
from gemquota.core.parse.values import _to_int
from gemquota.core.parse.vocab import CODE_OF_STATUS, STATUS_OF_CODE, WS_CLOSE_CODES


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
        "named_model",
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
        self.named_model: str | None = None
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
        if self.http_code is None or (self.code_weak and not weak) or (self.http_code < 400 <= code):
            # (A success the paste shows beside the failure, "-> HTTP 200 … -> HTTP 429", is no error's code.)
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
            or any(v.source != "words" for v in self.violations)  # (a window in words is not an error)
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
        for name in _FIRST_TEXT:
            if not getattr(self, name):
                setattr(self, name, getattr(other, name))
        for name in _FIRST_NUMBER:
            if getattr(self, name) is None:
                setattr(self, name, getattr(other, name))
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
        for link in other.links:
            if link not in self.links:
                self.links.append(link)
        self.hosts |= other.hosts
        if self.project_number is None and not self.project_masked:
            self.project_number = other.project_number
            self.project_masked = other.project_masked
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
        if (
            status is not None
            and code is not None
            and "google_page" in self.signals
            and "status_field" not in self.signals
            and CODE_OF_STATUS.get(status) not in (None, code)
        ):
            # Google front end's HTML error page states the HTTP status the call got ("Error 404 (Not
            # Found)!!1"); a status word beside it that disagrees is the client's own label of the failure
            # ("errorCode=UNAVAILABLE"), or gRPC's reading of an HTML answer ("UNIMPLEMENTED").
            status = None
        if status is None and code is not None:
            status = STATUS_OF_CODE.get(code)
            if code == 400 and "region" in self.signals:
                status = "FAILED_PRECONDITION"
        if code is None and status is None:
            # A Live API close code and nothing else (1011 internal, 1008 not found — when it names a model —,
            # 1007 bad request).
            close = self.metadata.get("ws_close")
            code = WS_CLOSE_CODES.get(close or "")
            if close == "1008" and not (self.message_model or self.request_model):
                # A policy violation that names no model ("application/json isn't", "Operation is not
                # implemented"): a request the session refused, not a model it could not find.
                code = 400
            status = STATUS_OF_CODE.get(code) if code is not None else None
        if code is None and status is None and self.metadata.get("sdk_class"):
            # google-genai's ClientError / ServerError with a message that names nothing else: a 4xx or a 5xx,
            # read as the plainest of them (the diagnosis says so).
            code = 500 if self.metadata["sdk_class"] == "server" else 400
            status = STATUS_OF_CODE.get(code)
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
            metadata=tuple(sorted(self.metadata.items())),
            violations=tuple(violations),
            links=tuple(self.links),
            hosts=tuple(sorted(self.hosts)),
            project_number=None if self.project_masked else self.project_number,
            signals=frozenset(self.signals),
            hints=frozenset(self.hints),
            # (A fragment another one holds whole says nothing more: "RESOURCE_EXHAUSTED" beside "429
            # RESOURCE_EXHAUSTED", "models/X` was not found" beside the whole "Publisher Model `…` sentence.)
            evidence=_unheld(self.evidence),
            **{name: getattr(self, name) for name in _AS_IS},
        )


def _unheld(evidence: list[str]) -> tuple[str, ...]:
    """The fragments no other one holds whole (each is in the joined text once: as itself)."""
    if len(evidence) < 2:
        return tuple(evidence)
    joined = "\0".join(evidence)
    return tuple(e for e in evidence if joined.count(e) == 1)


_PROJECT_DIGITS = _Re(r"(\d{3,30}|\*{3,40})")


def _project_into(acc: _Acc, value: str) -> None:
    match = _PROJECT_DIGITS.search(value)
    if not match or acc.project_number or acc.project_masked:
        return
    if match.group(1).startswith("*"):
        acc.project_masked = True
    else:
        acc.project_number = match.group(1)


#: Fields kept first-wins by ``merge`` (text: the first non-empty; numbers: the first not None).
_FIRST_TEXT = (
    "domain",
    "request_model",
    "message_model",
    "display_model",
    "dimension_model",
    "named_model",
    "location",
    "quota_limit_name",
    "quota_metric_name",
    "service",
)
_FIRST_NUMBER = ("retry_delay_s", "reset_delay_s")
#: Fields that ``freeze`` copies unchanged into the GoogleError of the same name.
_AS_IS = (*_FIRST_TEXT, *_FIRST_NUMBER, "list_wrapped", "legacy_errors", "count", "position")
