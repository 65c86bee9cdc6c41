"""The Google API emulator: a stdlib ThreadingHTTPServer on 127.0.0.1 answering like Google does.

It serves API Keys v2, Resource Manager v3, Cloud Billing v1, Service Usage v1, Cloud Quotas v1,
Monitoring v3, the Gemini API (``v1`` and ``v1beta``) and an OAuth ``/token`` endpoint, all on one
port, routed by path. Answers derive from a declarative :class:`Scenario`; every request is
recorded; latency and faults can be injected per route."""

from __future__ import annotations

import base64
import binascii
import collections
import fnmatch
import functools
import json
import math
import re
import secrets
import socket
import struct
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from gemquota.emulator import bodies
from gemquota.emulator.catalogue import catalogue
from gemquota.emulator.scenarios import (
    GEMINI_SERVICE,
    P_ACCOUNTS_GET,
    P_KEYS_GET,
    P_KEYS_LOOKUP,
    P_PROJECTS_GET,
    P_QUOTAS_GET,
    P_SERVICES_GET,
    P_SERVICES_USE,
    P_TIMESERIES_LIST,
    QUOTA_DEFS,
    TIERS,
    ApiKeySpec,
    Principal,
    Project,
    QuotaDef,
    Scenario,
    get_scenario,
    quota_group,
)

Body = dict[str, Any]
Answer = tuple[int, Any]

PACIFIC = ZoneInfo("America/Los_Angeles")

#: API name -> service name
SERVICES = {
    "apikeys": "apikeys.googleapis.com",
    "resourcemanager": "cloudresourcemanager.googleapis.com",
    "billing": "cloudbilling.googleapis.com",
    "serviceusage": "serviceusage.googleapis.com",
    "cloudquotas": "cloudquotas.googleapis.com",
    "monitoring": "monitoring.googleapis.com",
    "gemini": GEMINI_SERVICE,
}
API_NAMES = (*SERVICES, "token")
#: APIs that refuse end-user ADC without a quota project (consumer = gcloud's own project).
NEEDS_QUOTA_PROJECT = frozenset({"apikeys", "cloudquotas", "serviceusage"})

#: Integer values of the enums the emulator sends, per API (``$alt=json;enum-encoding=int``).
_INT_ENUMS: dict[str, dict[str, dict[str, int]]] = {
    "resourcemanager": {"state": {"STATE_UNSPECIFIED": 0, "ACTIVE": 1, "DELETE_REQUESTED": 2}},
    "serviceusage": {"state": {"STATE_UNSPECIFIED": 0, "DISABLED": 1, "ENABLED": 2}},
    "cloudquotas": {
        "containerType": {"CONTAINER_TYPE_UNSPECIFIED": 0, "PROJECT": 1, "FOLDER": 2, "ORGANIZATION": 3},
        "ineligibilityReason": {
            "INELIGIBILITY_REASON_UNSPECIFIED": 0,
            "NO_VALID_BILLING_ACCOUNT": 1,
            "OTHER": 2,
            "NOT_SUPPORTED": 3,
            "NOT_ENOUGH_USAGE_HISTORY": 4,
        },
    },
    "monitoring": {
        "metricKind": {"METRIC_KIND_UNSPECIFIED": 0, "GAUGE": 1, "DELTA": 2, "CUMULATIVE": 3},
        "valueType": {"VALUE_TYPE_UNSPECIFIED": 0, "BOOL": 1, "INT64": 2, "DOUBLE": 3, "STRING": 4},
    },
}

#: How many requests the emulator remembers, and how much of each body (bytes).
REQUEST_LOG_MAX = 10_000
REQUEST_BODY_LOG_MAX = 64 * 1024
#: Largest request body accepted (bytes); more is answered 413.
MAX_REQUEST_BODY = 16 * 1024 * 1024

QUOTA_INFOS_PAGE = 10  #: default page size of quotaInfos (small, so clients must follow pages)
MODELS_PAGE = 50  #: models.list default page size (as the real API)


# --- public data types ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedRequest:
    """One request the emulator received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  #: lower-case names
    body: str | None
    api: str = ""  #: which API route answered ("" = no route)


@dataclass(frozen=True)
class Fault:
    """A fault to inject on matching routes. ``times`` = how many requests it hits (None = all)."""

    #: "delay", "timeout", "status500", "malformed_json", "forbidden_no_details", "connection_reset",
    #: "trickle", "redirect", "huge_body", "html", "empty_ok"
    kind: str
    seconds: float = 0.0
    times: int | None = None
    #: redirect: the Location; html: the HTTP status; huge_body: the size in bytes.
    location: str = ""
    status: int = 0
    size: int = 0

    @classmethod
    def delay(cls, seconds: float, times: int | None = None) -> Fault:
        return cls("delay", seconds, times)

    @classmethod
    def timeout(cls, times: int | None = None) -> Fault:
        """Accept the request and never answer (until the emulator stops)."""
        return cls("timeout", 0.0, times)

    @classmethod
    def status500(cls, times: int | None = None) -> Fault:
        return cls("status500", 0.0, times)

    @classmethod
    def malformed_json(cls, times: int | None = None) -> Fault:
        """HTTP 200 with a body that is not valid JSON."""
        return cls("malformed_json", 0.0, times)

    @classmethod
    def forbidden_no_details(cls, times: int | None = None) -> Fault:
        """403 PERMISSION_DENIED "The caller does not have permission", no details."""
        return cls("forbidden_no_details", 0.0, times)

    @classmethod
    def trickle(cls, interval: float = 1.0, times: int | None = None) -> Fault:
        """Send the normal answer (status line, headers, body) one byte every ``interval`` seconds."""
        return cls("trickle", interval, times)

    @classmethod
    def redirect(cls, location: str, status: int = 302, times: int | None = None) -> Fault:
        """Answer with a redirect to ``location`` (a base URL: the request's path and query are
        appended, as a misconfigured proxy or a hostile server would)."""
        return cls("redirect", 0.0, times, location=location, status=status)

    @classmethod
    def huge_body(cls, size: int = 64 * 1024 * 1024, times: int | None = None) -> Fault:
        """HTTP 200 with a JSON-looking body of ``size`` bytes, streamed (never held in memory)."""
        return cls("huge_body", 0.0, times, size=size)

    @classmethod
    def html(cls, status: int = 502, times: int | None = None) -> Fault:
        """An HTML error page as Google's front end sends it (e.g. 502 "That's an error")."""
        return cls("html", 0.0, times, status=status)

    @classmethod
    def endless_pages(cls, times: int | None = None) -> Fault:
        """Answer every list request with its first page and a ``nextPageToken``, forever."""
        return cls("endless_pages", 0.0, times)

    @classmethod
    def gzip_bomb(cls, size: int = 256 * 1024 * 1024, times: int | None = None) -> Fault:
        """HTTP 200 ``Content-Encoding: gzip`` whose body inflates to ``size`` bytes (JSON-looking)."""
        return cls("gzip_bomb", 0.0, times, size=size)

    @classmethod
    def cut_body(cls, times: int | None = None) -> Fault:
        """A 200 whose body stops half-way (the connection is reset before Content-Length is met)."""
        return cls("cut_body", 0.0, times)

    @classmethod
    def empty_ok(cls, times: int | None = None) -> Fault:
        """HTTP 200 with ``{}``: every expected field missing."""
        return cls("empty_ok", 0.0, times)

    @classmethod
    def connection_reset(cls, times: int | None = None) -> Fault:
        """Close the connection with a TCP RST (SO_LINGER 0) instead of answering."""
        return cls("connection_reset", 0.0, times)


@dataclass
class _Injected:
    matcher: Callable[[str, str, str], bool]
    fault: Fault
    remaining: int | None


@dataclass(frozen=True)
class _Event:
    """One generateContent request counted against quota."""

    project: str  #: number
    at: datetime
    group: str
    tokens: int


@dataclass(frozen=True)
class _Req:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    raw: bytes
    api: str
    match: dict[str, str] = field(default_factory=dict)

    def q(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    @property
    def int_enums(self) -> bool:
        return "enum-encoding=int" in (self.q("$alt") or "")


@dataclass(frozen=True)
class _Sse:
    """A server-sent-events answer (``alt=sse``): each chunk a ``data:`` line."""

    chunks: list[Body]


class _Reset(Exception):
    """Raised to drop a connection after an injected reset."""


def _matcher(api_or_pattern: str) -> Callable[[str, str, str], bool]:
    if api_or_pattern in API_NAMES:
        return lambda api, method, path: api == api_or_pattern
    rx = re.compile(api_or_pattern)
    return lambda api, method, path: rx.search(f"{method} {path}") is not None


def _load_models(scenario: Scenario) -> list[Body]:
    """models.list of the scenario: the current lineup, after the retired models its keys still see."""
    cat = catalogue()
    kept = [cat.retired_listings[m] for m in scenario.listed_retired if m in cat.retired_listings]
    hidden = {f"models/{m}" for m in scenario.hidden_models}
    return [*kept, *(m for m in cat.models if m["name"] not in hidden)]


def _ts(dt: datetime) -> str:
    """RFC 3339 UTC with 6 fractional digits, as Google sends."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _ts_seconds(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_ts(text: str) -> datetime | None:
    try:
        value = text.strip().replace("Z", "+00:00").replace("z", "+00:00")
        m = re.match(r"^(.*T\d\d:\d\d:\d\d)\.(\d+)(.*)$", value)
        if m:  # fromisoformat takes at most 6 fractional digits
            value = f"{m.group(1)}.{m.group(2)[:6].ljust(6, '0')}{m.group(3)}"
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    if dt.tzinfo is None:
        return None
    return dt.astimezone(UTC)


def _duration_s(text: str | None) -> float | None:
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)s\s*", text)
    return float(m.group(1)) if m else None


def pacific_midnight(now: datetime) -> datetime:
    """The last midnight America/Los_Angeles at or before ``now`` (UTC)."""
    local = now.astimezone(PACIFIC)
    start = datetime(local.year, local.month, local.day, tzinfo=PACIFIC)
    return start.astimezone(UTC)


def _page_token(index: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{index}".encode()).decode().rstrip("=")


def _page_offset(token: str | None) -> int | None:
    if not token:
        return 0
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if not raw.startswith("offset:") or not raw[7:].isdigit():
        return None
    return int(raw[7:])


def _page_size(req: _Req, default: int, maximum: int) -> int:
    raw = req.q("pageSize") or req.q("page_size")
    try:
        size = int(raw) if raw else default
    except ValueError:
        size = default
    if size <= 0:
        size = default
    return min(size, maximum)


def _to_int_enums(value: Any, table: dict[str, dict[str, int]]) -> Any:
    if isinstance(value, dict):
        out: Body = {}
        for k, v in value.items():
            if k in table and isinstance(v, str) and v in table[k]:
                out[k] = table[k][v]
            else:
                out[k] = _to_int_enums(v, table)
        return out
    if isinstance(value, list):
        return [_to_int_enums(v, table) for v in value]
    return value


def _b64url_json(part: str) -> Body | None:
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


# --- the emulator ---------------------------------------------------------------------------------


class Emulator:
    """A running emulator. Use as a context manager; ``base_url`` is ``http://127.0.0.1:PORT``."""

    def __init__(
        self,
        scenario: str | Scenario = "healthy",
        *,
        port: int = 0,
        latency_s: float = 0.0,
        clock: Callable[[], datetime] | None = None,
        request_log_max: int = REQUEST_LOG_MAX,
        faults: Iterable[tuple[str, Fault]] = (),
        monitoring_delay_s: float | None = None,
    ) -> None:
        """``faults`` declares (API name or "METHOD /path" regex, Fault) pairs injected from the start."""
        self.scenario: Scenario = get_scenario(scenario) if isinstance(scenario, str) else scenario
        self._port = port
        self._clock = clock or (lambda: datetime.now(UTC))
        self._latency = latency_s
        self._route_latency: list[tuple[Callable[[str, str, str], bool], str, float]] = []
        self._faults: list[_Injected] = []
        self._lock = threading.Lock()
        #: Bounded: a long-running emulator keeps the newest REQUEST_LOG_MAX requests.
        self._requests: collections.deque[RecordedRequest] = collections.deque(maxlen=request_log_max)
        self._minted: dict[str, tuple[str, bool]] = {}  # token -> (principal e-mail, from user ADC)
        self._events: list[_Event] = []
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._models = _load_models(self.scenario)
        for api_or_pattern, fault in faults:
            self.inject(api_or_pattern, fault)
        #: seconds before a usage point shows in Monitoring (the scenario's, 150 s by default).
        self.monitoring_delay_s: float = (
            self.scenario.monitoring_delay_s if monitoring_delay_s is None else monitoring_delay_s
        )

    # lifecycle ----------------------------------------------------------------------------------

    def start(self) -> Emulator:
        if self._server is not None:
            return self
        self._stop.clear()
        self._events = self._baseline_events(self.now())
        handler = type("_BoundHandler", (_Handler,), {"emulator": self})
        server = _Server(("127.0.0.1", self._port), handler)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True, name="gemquota-emulator"
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        self._stop.set()
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # facts ----------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the emulator is not running")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/token"

    def now(self) -> datetime:
        return self._clock().astimezone(UTC)

    def demo_env(self) -> dict[str, str]:
        """The environment of a demo run: only emulator endpoints and the scenario's fake credentials."""
        demo = self.scenario.demo
        # GOOGLE_GEMINI_BASE_URL points google-genai in the user's own code here too, so the fake key
        # never goes to the real Google.
        env = {"GEMQUOTA_GOOGLE_BASE_URL": self.base_url, "GOOGLE_GEMINI_BASE_URL": self.base_url}
        if demo.api_keys:
            env["GEMINI_API_KEY"] = demo.api_keys[0]
        if not demo.key_only:
            env["GEMQUOTA_ACCESS_TOKEN"] = demo.access_token
        if demo.believed_project:
            env["GOOGLE_CLOUD_PROJECT"] = demo.believed_project
        if demo.quota_project:
            env["GOOGLE_CLOUD_QUOTA_PROJECT"] = demo.quota_project
        env["NO_GCE_CHECK"] = "true"
        return env

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    # injection ----------------------------------------------------------------------------------

    def inject(self, api_or_pattern: str, fault: Fault) -> None:
        """Inject ``fault`` on an API (by name) or on routes whose "METHOD /path" matches a regex."""
        with self._lock:
            self._faults.append(_Injected(_matcher(api_or_pattern), fault, fault.times))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()
            self._route_latency.clear()
            self._latency = 0.0

    def set_latency(self, seconds: float, api_or_pattern: str | None = None) -> None:
        """Delay every answer (``api_or_pattern`` None) or those of matching routes by ``seconds``."""
        with self._lock:
            if api_or_pattern is None:
                self._latency = seconds
            else:
                self._route_latency = [r for r in self._route_latency if r[1] != api_or_pattern]
                self._route_latency.append((_matcher(api_or_pattern), api_or_pattern, seconds))

    # usage --------------------------------------------------------------------------------------

    def _baseline_events(self, now: datetime) -> list[_Event]:
        events: list[_Event] = []
        midnight = pacific_midnight(now)
        for project in self.scenario.projects:
            for usage in project.usage:
                n = usage.requests
                if n <= 0:
                    continue
                if usage.span == "minute":
                    times = [now - timedelta(seconds=50) + timedelta(seconds=45 * i / n) for i in range(n)]
                else:
                    end = now - timedelta(seconds=120)
                    if end <= midnight:
                        end = now
                    span = (end - midnight).total_seconds()
                    times = [midnight + timedelta(seconds=span * (i + 1) / (n + 1)) for i in range(n)]
                events.extend(_Event(project.number, t, usage.model, usage.tokens_per_request) for t in times)
        return events

    def _used(self, project: Project, quota: QuotaDef, group: str, now: datetime) -> int:
        if quota.window == "minute":
            start = now - timedelta(seconds=60)
        elif quota.window == "day":
            start = pacific_midnight(now)
        else:
            return 0
        total = 0
        for ev in self._events:
            if ev.project == project.number and ev.group == group and start < ev.at <= now:
                total += ev.tokens if quota.measure == "tokens" else 1
        return total

    # request handling -------------------------------------------------------------------------------

    def _record(self, req: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(req)

    def _plan(self, api: str, method: str, path: str) -> tuple[float, Fault | None]:
        with self._lock:
            delay = self._latency
            for match, _name, seconds in self._route_latency:
                if match(api, method, path):
                    delay += seconds
            chosen: Fault | None = None
            for inj in self._faults:
                if inj.remaining is not None and inj.remaining <= 0:
                    continue
                if not inj.matcher(api, method, path):
                    continue
                if inj.remaining is not None:
                    inj.remaining -= 1
                if inj.fault.kind == "delay":
                    delay += inj.fault.seconds
                elif chosen is None:
                    chosen = inj.fault
            return delay, chosen

    def _route(self, method: str, path: str) -> tuple[str, Callable[[_Req], Answer], dict[str, str]] | None:
        for m, rx, api, fn in _ROUTES:
            if m != method:
                continue
            match = rx.fullmatch(path)
            if match:
                return (
                    api,
                    functools.partial(fn, self),
                    {k: v for k, v in match.groupdict().items() if v is not None},
                )
        return None

    # --- auth ---------------------------------------------------------------------------------------

    def _token_principal(self, token: str) -> tuple[Principal, bool] | None:
        for static, email in self.scenario.tokens:
            if token == static:
                p = self.scenario.principal(email)
                return (p, False) if p else None
        with self._lock:
            minted = self._minted.get(token)
        if minted:
            p = self.scenario.principal(minted[0])
            return (p, minted[1]) if p else None
        parts = token.split(".")
        if len(parts) == 3 and token.startswith("eyJ"):  # a self-signed service-account JWT
            claims = _b64url_json(parts[1])
            if claims:
                email = str(claims.get("iss") or claims.get("sub") or "")
                p = self.scenario.principal(email)
                if p is not None and p.kind == "service-account":
                    return p, False
        return None

    def _allowed(self, principal: Principal, resource: str, permission: str) -> bool:
        return any(g.resource == resource and permission in g.permissions for g in principal.grants)

    def _can(self, principal: Principal, project: Project | None, permission: str) -> bool:
        return project is not None and self._allowed(principal, f"projects/{project.number}", permission)

    def _authorize(self, req: _Req, method: str) -> Principal | Answer:
        """Bearer token -> principal, then the caller's consumer (quota) project checks."""
        service = SERVICES[req.api]
        auth = req.headers.get("authorization", "")
        if not auth.lower().startswith("bearer "):
            return bodies.credentials_missing(service, method)
        found = self._token_principal(auth[7:].strip())
        if found is None:
            return bodies.credentials_invalid(service, method)
        principal, from_user_adc = found
        user_project = req.headers.get("x-goog-user-project", "").strip()
        consumer: Project | None = None
        if user_project:
            consumer = self.scenario.project(user_project)
            if consumer is None or not self._can(principal, consumer, P_SERVICES_USE):
                return bodies.user_project_denied(user_project, service)
        elif from_user_adc and principal.requires_quota_project and req.api in NEEDS_QUOTA_PROJECT:
            return bodies.adc_requires_quota_project(service)
        elif principal.home_project:
            consumer = self.scenario.project(principal.home_project)
        if consumer is not None and service in consumer.disabled_services:
            return bodies.service_disabled(service, consumer.number)
        return principal

    # --- API Keys --------------------------------------------------------------------------------------

    def _lookup_key(self, req: _Req) -> Answer:
        who = self._authorize(req, "google.api.apikeys.v2.ApiKeys.LookupKey")
        if not isinstance(who, Principal):
            return who
        key_string = req.q("keyString") or req.q("key_string")
        if not key_string:
            return bodies.invalid_argument("Request contains an invalid argument.")
        key = self.scenario.key(key_string)
        if key is None or key.unresolvable:
            return bodies.error(404, "NOT_FOUND", "Requested entity was not found.")
        project = self.scenario.project(key.project_number)
        if not self._can(who, project, P_KEYS_LOOKUP):
            return bodies.iam_denied(
                SERVICES["apikeys"], P_KEYS_LOOKUP, f"projects/{key.project_number}/locations/global"
            )
        parent = f"projects/{key.project_number}/locations/global"
        return 200, {"parent": parent, "name": f"{parent}/keys/{key.kid}"}

    def _get_key(self, req: _Req) -> Answer:
        who = self._authorize(req, "google.api.apikeys.v2.ApiKeys.GetKey")
        if not isinstance(who, Principal):
            return who
        ref, kid = req.match["project"], req.match["key"]
        name = f"projects/{ref}/locations/global/keys/{kid}"
        project = self.scenario.project(ref)
        if not self._can(who, project, P_KEYS_GET):
            return bodies.iam_denied(SERVICES["apikeys"], P_KEYS_GET, name)
        assert project is not None
        key = next(
            (k for k in self.scenario.keys if k.project_number == project.number and k.kid == kid), None
        )
        if key is None:
            return bodies.legacy_not_found(f'key "{name}" not found')
        return 200, _key_body(key, name)

    # --- Resource Manager ----------------------------------------------------------------------------

    def _get_project(self, req: _Req) -> Answer:
        who = self._authorize(req, "google.cloud.resourcemanager.v3.Projects.GetProject")
        if not isinstance(who, Principal):
            return who
        project = self.scenario.project(req.match["project"])
        if not self._can(who, project, P_PROJECTS_GET):
            return bodies.caller_no_permission()
        assert project is not None
        return 200, _project_body(project)

    def _search_projects(self, req: _Req) -> Answer:
        who = self._authorize(req, "google.cloud.resourcemanager.v3.Projects.SearchProjects")
        if not isinstance(who, Principal):
            return who
        query = (req.q("query") or "").strip()
        visible = [p for p in self.scenario.projects if self._can(who, p, P_PROJECTS_GET)]
        if query:
            terms = query.split()
            try:
                visible = [p for p in visible if any(_project_matches(p, t) for t in terms)]
            except ValueError as exc:
                return bodies.invalid_argument(str(exc))
        offset = _page_offset(req.q("pageToken"))
        if offset is None:
            return bodies.invalid_argument("Invalid page token.")
        size = _page_size(req, 100, 500)
        page = visible[offset : offset + size]
        body: Body = {}
        if page:
            body["projects"] = [_project_body(p) for p in page]
        if offset + size < len(visible):
            body["nextPageToken"] = _page_token(offset + size)
        return 200, body

    # --- Cloud Billing ---------------------------------------------------------------------------------

    def _billing_info(self, req: _Req) -> Answer:
        who = self._authorize(req, "google.cloud.billing.v1.CloudBilling.GetProjectBillingInfo")
        if not isinstance(who, Principal):
            return who
        ref = req.match["project"]
        project = self.scenario.project(ref)
        if project is None:
            return bodies.caller_no_permission()
        if not self._can(who, project, P_PROJECTS_GET):
            return bodies.iam_denied(SERVICES["billing"], P_PROJECTS_GET, f"projects/{ref}")
        enabled = self.scenario.billing_enabled(project)
        return 200, {
            "name": f"projects/{project.project_id}/billingInfo",
            "projectId": project.project_id,
            "billingAccountName": project.billing_account or "",
            "billingEnabled": enabled,
        }

    def _billing_account(self, req: _Req) -> Answer:
        who = self._authorize(req, "google.cloud.billing.v1.CloudBilling.GetBillingAccount")
        if not isinstance(who, Principal):
            return who
        account = self.scenario.account(req.match["account"])
        if account is None:
            return bodies.caller_no_permission()
        if not self._allowed(who, account.name, P_ACCOUNTS_GET):
            return bodies.iam_denied(SERVICES["billing"], P_ACCOUNTS_GET, account.name)
        return 200, {"name": account.name, "open": account.open, "displayName": account.display_name}

    # --- Service Usage -----------------------------------------------------------------------------------

    def _get_service(self, req: _Req) -> Answer:
        who = self._authorize(req, "google.api.serviceusage.v1.ServiceUsage.GetService")
        if not isinstance(who, Principal):
            return who
        ref, service = req.match["project"], req.match["service"]
        project = self.scenario.project(ref)
        if not self._can(who, project, P_SERVICES_GET):
            return bodies.iam_denied(
                SERVICES["serviceusage"],
                P_SERVICES_GET,
                f"projects/{ref}",
                message=f"Permission denied to get service [{service}]",
            )
        assert project is not None
        state = "DISABLED" if service in project.disabled_services else "ENABLED"
        return 200, {
            "name": f"projects/{ref}/services/{service}",
            "config": {"name": service, "title": bodies.SERVICE_TITLES.get(service, service)},
            "state": state,
            "parent": f"projects/{project.number}",
        }

    # --- Cloud Quotas -------------------------------------------------------------------------------------

    def _quota_scope(self, req: _Req, method: str) -> tuple[Project, str] | Answer:
        who = self._authorize(req, method)
        if not isinstance(who, Principal):
            return who
        ref = req.match["project"]
        project = self.scenario.project(ref)
        service = req.match.get("service")
        resource = f"projects/{ref}/locations/global" + (f"/services/{service}" if service else "")
        if not self._can(who, project, P_QUOTAS_GET):
            return bodies.iam_denied(SERVICES["cloudquotas"], P_QUOTAS_GET, resource)
        assert project is not None
        return project, ref

    def _quota_infos(self, req: _Req) -> Answer:
        scope = self._quota_scope(req, "google.api.cloudquotas.v1.CloudQuotas.ListQuotaInfos")
        if not isinstance(scope, tuple) or not isinstance(scope[0], Project):
            return scope
        project, ref = scope
        service = req.match["service"]
        infos = self._quota_info_bodies(project, ref) if service == GEMINI_SERVICE else []
        offset = _page_offset(req.q("pageToken"))
        if offset is None:
            return bodies.invalid_argument("Invalid page token.")
        size = _page_size(req, QUOTA_INFOS_PAGE, 1000)
        body: Body = {}
        page = infos[offset : offset + size]
        if page:
            body["quotaInfos"] = page
        if offset + size < len(infos):
            body["nextPageToken"] = _page_token(offset + size)
        return 200, body

    def _quota_info(self, req: _Req) -> Answer:
        scope = self._quota_scope(req, "google.api.cloudquotas.v1.CloudQuotas.GetQuotaInfo")
        if not isinstance(scope, tuple) or not isinstance(scope[0], Project):
            return scope
        project, ref = scope
        service, qid = req.match["service"], req.match["quota"]
        if service == GEMINI_SERVICE:
            for info in self._quota_info_bodies(project, ref):
                if info["quotaId"] == qid:
                    return 200, info
        return bodies.legacy_not_found(
            f"Resource 'projects/{ref}/locations/global/services/{service}/quotaInfos/{qid}' was not found"
        )

    def _quota_info_bodies(self, project: Project, ref: str) -> list[Body]:
        sc = self.scenario
        billed = sc.billing_enabled(project)
        out = []
        for quota in sorted(QUOTA_DEFS, key=lambda q: q.quota_id):
            infos: list[Body] = [
                _dimensions_info({"model": group}, sc.quota_value(project, quota, group))
                for group in sc.groups_with_bucket(project, quota)
            ]
            infos.append(_dimensions_info(None, sc.quota_value(project, quota, None)))
            if not billed:
                eligibility: Body = {"isEligible": False, "ineligibilityReason": "NO_VALID_BILLING_ACCOUNT"}
            elif quota.tier == "free":
                eligibility = {"isEligible": False, "ineligibilityReason": "NOT_SUPPORTED"}
            else:
                eligibility = {"isEligible": True}
            out.append(
                {
                    "name": f"projects/{ref}/locations/global/services/{GEMINI_SERVICE}/quotaInfos/{quota.quota_id}",
                    "quotaId": quota.quota_id,
                    "metric": quota.metric,
                    "service": GEMINI_SERVICE,
                    "isPrecise": True,
                    "refreshInterval": quota.window,
                    "containerType": "PROJECT",
                    "dimensions": ["model"],
                    "metricDisplayName": quota.metric_display_name,
                    "quotaDisplayName": quota.quota_display_name,
                    "metricUnit": "1",
                    "quotaIncreaseEligibility": eligibility,
                    "isFixed": False,
                    "dimensionsInfos": infos,
                    "isConcurrent": False,
                }
            )
        return out

    def _quota_preferences(self, req: _Req) -> Answer:
        scope = self._quota_scope(req, "google.api.cloudquotas.v1.CloudQuotas.ListQuotaPreferences")
        if not isinstance(scope, tuple) or not isinstance(scope[0], Project):
            return scope
        project, ref = scope
        prefs = []
        for p in project.preferences:
            config: Body = {"preferredValue": str(p.preferred)}
            if p.granted is not None:
                config["grantedValue"] = str(p.granted)
            if p.state_detail:
                config["stateDetail"] = p.state_detail
            body: Body = {"name": f"projects/{ref}/locations/global/quotaPreferences/{p.pref_id}"}
            if p.model:
                body["dimensions"] = {"model": p.model}
            body.update(
                {
                    "quotaConfig": config,
                    "etag": "VZD0h4kGtBVFqBCSVxeS8VyMnLPwOusqggt19-pNMok",
                    "createTime": "2026-09-21T03:44:35.751249870Z",
                    "updateTime": "2026-09-21T03:44:35.751249870Z",
                    "service": GEMINI_SERVICE,
                    "quotaId": p.quota_id,
                }
            )
            if p.reconciling:
                body["reconciling"] = True
            prefs.append(body)
        return 200, ({"quotaPreferences": prefs} if prefs else {})

    # --- Monitoring ---------------------------------------------------------------------------------------

    def _time_series(self, req: _Req) -> Answer:
        who = self._authorize(req, "google.monitoring.v3.MetricService.ListTimeSeries")
        if not isinstance(who, Principal):
            return who
        ref = req.match["project"]
        project = self.scenario.project(ref)
        if not self._can(who, project, P_TIMESERIES_LIST):
            return bodies.iam_denied(SERVICES["monitoring"], P_TIMESERIES_LIST, f"projects/{ref}")
        assert project is not None
        return _monitoring_answer(req, self._series_points(project))

    def _series_points(
        self, project: Project
    ) -> Iterator[tuple[str, dict[str, str], dict[str, str], datetime, int]]:
        """Every usage point: (metric type, metric labels, resource labels, time, value)."""
        tier = self.scenario.tier(project)
        defs = [q for q in QUOTA_DEFS if q.tier == tier]
        # As on Google, a point becomes visible only some time after the minute it counts.
        visible_before = self.now() - timedelta(seconds=self.monitoring_delay_s)
        with self._lock:
            events = [e for e in self._events if e.project == project.number and e.at <= visible_before]
        resource = {"resource_container": project.number, "location": "global"}
        for ev in events:
            for q in defs:
                short = q.metric.split("/", 1)[1]
                value = ev.tokens if q.measure == "tokens" else 1
                yield (
                    f"{GEMINI_SERVICE}/quota/{short}/usage",
                    {"limit_name": q.quota_id, "model": ev.group},
                    resource,
                    ev.at,
                    value,
                )

    # --- Gemini -------------------------------------------------------------------------------------------

    def _gemini_auth(
        self, req: _Req, method: str, *, generation: bool = False
    ) -> tuple[ApiKeySpec, Project] | Answer:
        key_string = req.headers.get("x-goog-api-key") or req.q("key")
        if not key_string:
            return bodies.unregistered_caller()
        key = self.scenario.key(key_string)
        if key is None:
            return bodies.api_key_invalid(key_string)
        if generation and key.standard:  # standard keys are refused on the generation path since 2026-09
            version = req.match.get("version", "v1beta")
            return bodies.standard_key_rejected(f"google.ai.generativelanguage.{version}.{method}")
        if key.leaked:
            return bodies.leaked_key()
        project = self.scenario.project(key.project_number)
        if project is None:
            return bodies.api_key_invalid(key_string)
        full_method = f"google.ai.generativelanguage.{req.match.get('version', 'v1beta')}.{method}"
        if key.api_targets is not None and GEMINI_SERVICE not in key.api_targets:
            return bodies.key_blocked(
                "API_KEY_SERVICE_BLOCKED",
                f"Requests to this API {GEMINI_SERVICE} method {full_method} are blocked.",
                project.number,
                full_method,
            )
        if key.allowed_ips and "127.0.0.1" not in key.allowed_ips:
            return bodies.key_blocked(
                "API_KEY_IP_ADDRESS_BLOCKED",
                "The provided API key has an IP address restriction. The originating IP address of the "
                "call (127.0.0.1) violates this restriction.",
                project.number,
                full_method,
            )
        if key.allowed_referrers:
            referer = req.headers.get("referer", "")
            if not any(fnmatch.fnmatch(referer, pat) for pat in key.allowed_referrers):
                shown = referer or "<empty>"
                return bodies.key_blocked(
                    "API_KEY_HTTP_REFERRER_BLOCKED",
                    f"Requests from referer {shown} are blocked.",
                    project.number,
                    full_method,
                )
        if GEMINI_SERVICE in project.disabled_services:
            return bodies.service_disabled(GEMINI_SERVICE, project.number)
        return key, project

    def _catalogue(self, version: str) -> list[Body]:
        if version == "v1":  # the *-latest aliases exist only on v1beta
            return [m for m in self._models if not str(m["name"]).endswith("-latest")]
        return self._models

    def _find_model(self, version: str, model: str) -> Body | None:
        name = f"models/{model.removeprefix('models/')}"
        return next((m for m in self._catalogue(version) if m["name"] == name), None)

    def _answering_model(self, version: str, model: str, method: str) -> Body | Answer:
        """The catalogue entry that answers ``method`` on ``model``, or the 404 Google gives.

        A listed model answers as itself; a retired model that Google re-routes answers as its
        target (silently); a retired model that was shut down gets the "no longer available" 404;
        anything else the classic "not found … Call ListModels" 404."""
        found = self._find_model(version, model)
        if found is None:
            retired = catalogue().retired.get(model)
            if retired is not None and retired.routed_to is None:
                return bodies.model_retired(model)
            if retired is not None and retired.routed_to:
                found = self._find_model(version, retired.routed_to)
        if found is None or method not in found.get("supportedGenerationMethods", []):
            return bodies.model_not_found(model, version, method)
        return found

    def _list_models(self, req: _Req) -> Answer:
        auth = self._gemini_auth(req, "ModelService.ListModels")
        if not isinstance(auth, tuple) or not isinstance(auth[0], ApiKeySpec):
            return auth
        models = self._catalogue(req.match["version"])
        token = req.q("pageToken")
        offset = 0
        if token:
            name = _decode_model_token(token)
            idx = next((i for i, m in enumerate(models) if m["name"] == name), None)
            if idx is None:
                return bodies.invalid_argument("Invalid page token.")
            offset = idx + 1
        size = _page_size(req, MODELS_PAGE, 1000)
        page = models[offset : offset + size]
        body: Body = {"models": page} if page else {}
        if offset + size < len(models):
            body["nextPageToken"] = _encode_model_token(str(page[-1]["name"]))
        return 200, body

    def _get_model(self, req: _Req) -> Answer:
        auth = self._gemini_auth(req, "ModelService.GetModel")
        if not isinstance(auth, tuple) or not isinstance(auth[0], ApiKeySpec):
            return auth
        version, model = req.match["version"], req.match["model"]
        found = self._find_model(version, model)
        if found is None:
            return bodies.model_not_found(model, version, "getModel")
        return 200, found

    def _count_tokens(self, req: _Req) -> Answer:
        auth = self._gemini_auth(req, "GenerativeService.CountTokens", generation=True)
        if not isinstance(auth, tuple) or not isinstance(auth[0], ApiKeySpec):
            return auth
        version, model = req.match["version"], req.match["model"]
        found = self._answering_model(version, model.removeprefix("models/"), "countTokens")
        if not isinstance(found, dict):
            return found
        payload = _json_body(req)
        if payload is None:
            return _invalid_json()
        tokens = _prompt_tokens(payload)
        return 200, {
            "totalTokens": tokens,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": tokens}],
        }

    def _generate(self, req: _Req) -> Answer:
        method = "StreamGenerateContent" if "streamGenerateContent" in req.path else "GenerateContent"
        auth = self._gemini_auth(req, f"GenerativeService.{method}", generation=True)
        if not isinstance(auth, tuple) or not isinstance(auth[0], ApiKeySpec):
            return auth
        _key, project = auth
        version, model = req.match["version"], req.match["model"].removeprefix("models/")
        found = self._answering_model(version, model, "generateContent")
        if not isinstance(found, dict):
            return found
        payload = _json_body(req)
        if payload is None:
            return _invalid_json()
        if not payload.get("contents"):
            return bodies.invalid_argument("* GenerateContentRequest.contents: contents is not specified\n")
        for forced_model, outcome in project.forced_outcomes:
            if forced_model in (model, "*"):
                if outcome == "retired-new-users":
                    return bodies.model_retired(model, new_users=True)
                return bodies.forced_outcome(outcome)
        tokens = _prompt_tokens(payload)
        group = quota_group(model)
        now = self.now()
        sc = self.scenario
        defs = [q for q in QUOTA_DEFS if q.tier == sc.tier(project)]
        with self._lock:
            limits = [(q, sc.effective_limit(project, q, group)) for q in defs]
            zero = [(q.metric, q.quota_id, group, 0) for q, lim in limits if lim == 0]
            over = [
                (q.metric, q.quota_id, group, lim)
                for q, lim in limits
                if lim > 0
                and self._used(project, q, group, now) + (tokens if q.measure == "tokens" else 1) > lim
            ]
            if not zero and not over:
                self._events.append(_Event(project.number, now, group, tokens))
        if zero or over:
            retry = 60.0 - (now.second + now.microsecond / 1e6)
            retry = max(retry, 0.5) + secrets.randbelow(1000) / 1e9
            return bodies.quota_exceeded(zero or over, retry)
        return 200, _generate_body(found, sc.served_model(model), payload, tokens)

    def _stream_generate(self, req: _Req) -> Answer:
        """``streamGenerateContent``: one chunk, as SSE with ``alt=sse`` else a JSON array."""
        status, body = self._generate(req)
        if status != 200:
            return status, body
        if req.q("alt") == "sse":
            return status, _Sse([body])
        return status, [body]

    # --- OAuth ---------------------------------------------------------------------------------------

    def _token(self, req: _Req) -> Answer:
        form = parse_qs(req.raw.decode("utf-8", errors="replace"))
        grant = (form.get("grant_type") or [""])[0]
        email: str | None = None
        from_user_adc = False
        if grant == "urn:ietf:params:oauth:grant-type:jwt-bearer":
            assertion = (form.get("assertion") or [""])[0]
            parts = assertion.split(".")
            claims = _b64url_json(parts[1]) if len(parts) == 3 else None
            candidate = str((claims or {}).get("iss", ""))
            p = self.scenario.principal(candidate)
            if claims is None:
                return 400, {
                    "error": "invalid_grant",
                    "error_description": "Invalid JWT: Token must be a JWT.",
                }
            if p is None or p.kind != "service-account":
                return 400, {
                    "error": "invalid_grant",
                    "error_description": "Invalid grant: account not found",
                }
            email = p.email
        elif grant == "refresh_token":
            refresh = (form.get("refresh_token") or [""])[0]
            p = next(
                (x for x in self.scenario.principals if x.refresh_token and x.refresh_token == refresh), None
            )
            if p is None:
                return 400, {"error": "invalid_grant", "error_description": "Bad Request"}
            email = p.email
            from_user_adc = True
        else:
            return 400, {
                "error": "unsupported_grant_type",
                "error_description": f"Invalid grant_type: {grant}",
            }
        token = "ya29.emulator-" + secrets.token_urlsafe(24)
        with self._lock:
            self._minted[token] = (email, from_user_adc)
        body: Body = {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}
        scope = (form.get("scope") or [""])[0]
        if scope:
            body["scope"] = scope
        return 200, body

    def _unknown(self, req: _Req) -> Answer:
        return bodies.method_not_found()


# --- helpers for bodies -----------------------------------------------------------------------------


def _dimensions_info(dimensions: dict[str, str] | None, value: int | None) -> Body:
    info: Body = {}
    if dimensions:
        info["dimensions"] = dimensions
    info["details"] = {} if value is None else {"value": str(value)}
    info["applicableLocations"] = ["global"]
    return info


def _key_body(key: ApiKeySpec, name: str) -> Body:
    body: Body = {
        "name": name,
        "displayName": key.display_name,
        "createTime": key.create_time,
        "uid": key.uid,
        "updateTime": key.create_time,
    }
    if key.service_account:
        body["serviceAccountEmail"] = key.service_account
    restrictions: Body = {}
    if key.allowed_ips:
        restrictions["serverKeyRestrictions"] = {"allowedIps": list(key.allowed_ips)}
    if key.allowed_referrers:
        restrictions["browserKeyRestrictions"] = {"allowedReferrers": list(key.allowed_referrers)}
    if key.api_targets is not None:
        restrictions["apiTargets"] = [{"service": s} for s in key.api_targets]
    if restrictions:
        body["restrictions"] = restrictions
    digest = base64.b64encode(key.uid.encode()[:16]).decode()
    body["etag"] = f'W/"{digest}"'
    return body


def _project_body(p: Project) -> Body:
    body: Body = {"name": f"projects/{p.number}"}
    if p.parent:
        body["parent"] = p.parent
    body.update(
        {
            "projectId": p.project_id,
            "state": p.state,
            "displayName": p.display_name,
            "createTime": p.create_time,
            "updateTime": p.create_time,
            "etag": f'W/"{base64.b64encode(p.number.encode()).decode()}"',
        }
    )
    if p.labels:
        body["labels"] = dict(p.labels)
    return body


def _project_matches(p: Project, term: str) -> bool:
    if ":" not in term:
        needle = term.lower()
        return needle in p.project_id.lower() or needle in p.display_name.lower()
    key, _, value = term.partition(":")
    value = value.strip('"').lower()
    key = key.lower()
    fields: dict[str, str] = {
        "id": p.project_id,
        "projectid": p.project_id,
        "displayname": p.display_name,
        "name": p.display_name,
        "state": p.state,
        "lifecyclestate": p.state,
        "parent": p.parent or "",
        "parent.type": (p.parent or "/").split("/")[0].rstrip("s"),
        "parent.id": (p.parent or "/").split("/")[-1],
    }
    if key.startswith("labels."):
        labels = dict(p.labels)
        actual = labels.get(key[7:])
        return actual is not None and fnmatch.fnmatch(actual.lower(), value)
    if key not in fields:
        raise ValueError(f"Invalid query: unknown field '{key}'.")
    return fnmatch.fnmatch(fields[key].lower(), value)


def _json_body(req: _Req) -> Body | None:
    if not req.raw:
        return {}
    try:
        data = json.loads(req.raw)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _invalid_json() -> Answer:
    return bodies.invalid_argument("Invalid JSON payload received. Unexpected token.")


def _prompt_tokens(payload: Body) -> int:
    chars = 0
    contents = payload.get("contents")
    items = contents if isinstance(contents, list) else [contents]
    for content in items:
        if isinstance(content, str):
            chars += len(content)
            continue
        if not isinstance(content, dict):
            continue
        for part in content.get("parts") or []:
            if isinstance(part, dict) and isinstance(part.get("text"), str):
                chars += len(part["text"])
    return max(1, math.ceil(chars / 4))


def _get(d: Any, *names: str) -> Any:
    if not isinstance(d, dict):
        return None
    for n in names:
        if n in d:
            return d[n]
    return None


def _generate_body(model_body: Body, served: str, payload: Body, tokens: int) -> Body:
    config = _get(payload, "generationConfig", "generation_config") or {}
    max_out = _get(config, "maxOutputTokens", "max_output_tokens")
    thinking = _get(config, "thinkingConfig", "thinking_config") or {}
    budget = _get(thinking, "thinkingBudget", "thinking_budget")
    thinks = bool(model_body.get("thinking")) and budget != 0
    usage: Body = {"promptTokenCount": tokens}
    if thinks and isinstance(max_out, int) and max_out <= 16:
        candidate: Body = {"content": {"role": "model"}, "finishReason": "MAX_TOKENS", "index": 0}
        usage.update({"totalTokenCount": tokens + max_out, "thoughtsTokenCount": max_out})
    else:
        text = "OK"
        finish = "STOP"
        out_tokens = 1
        candidate = {
            "content": {"parts": [{"text": text}], "role": "model"},
            "finishReason": finish,
            "index": 0,
        }
        usage["candidatesTokenCount"] = out_tokens
        thoughts = 24 if thinks else 0
        usage["totalTokenCount"] = tokens + out_tokens + thoughts
        if thoughts:
            usage["thoughtsTokenCount"] = thoughts
    usage["promptTokensDetails"] = [{"modality": "TEXT", "tokenCount": tokens}]
    usage["serviceTier"] = "standard"
    return {
        "candidates": [candidate],
        "usageMetadata": usage,
        "modelVersion": served,
        "responseId": secrets.token_urlsafe(16)[:22],
    }


def _encode_model_token(name: str) -> str:
    raw = b"\n" + bytes([len(name)]) + name.encode()
    return base64.b64encode(raw).decode().rstrip("=")


def _decode_model_token(token: str) -> str | None:
    try:
        raw = base64.b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    if len(raw) < 2 or raw[0] != 0x0A:
        return None
    return raw[2 : 2 + raw[1]].decode(errors="replace")


# --- Monitoring filter / aggregation ------------------------------------------------------------------

_CLAUSE = re.compile(r"^\s*(?P<field>[A-Za-z_][\w.]*)\s*(?P<op>!=|=)\s*(?P<value>.+?)\s*$")
_FUNC = re.compile(r"^(?P<fn>starts_with|ends_with|has_substring|one_of)\((?P<args>.*)\)$")


@dataclass(frozen=True)
class _Pred:
    """One filter comparison: ``fn`` over ``args``."""

    fn: str
    args: tuple[str, ...]

    def __call__(self, value: str) -> bool:
        if self.fn == "starts_with":
            return value.startswith(self.args[0])
        if self.fn == "ends_with":
            return value.endswith(self.args[0])
        if self.fn == "has_substring":
            return self.args[0] in value
        if self.fn == "one_of":
            return value in self.args
        return value == self.args[0]


def _parse_filter(text: str) -> list[tuple[str, str, _Pred]]:
    clauses: list[tuple[str, str, _Pred]] = []
    for clause in re.split(r"\s+AND\s+", text.strip()):
        m = _CLAUSE.match(clause)
        if not m:
            raise ValueError(f"Could not parse filter clause: {clause}")
        fld, op, raw = m.group("field"), m.group("op"), m.group("value")
        fm = _FUNC.match(raw)
        if fm:
            args = tuple(re.findall(r'"((?:[^"\\]|\\.)*)"', fm.group("args")))
            if not args:
                raise ValueError(f"Could not parse filter clause: {clause}")
            pred = _Pred(fm.group("fn"), args)
        else:
            qm = re.fullmatch(r'"((?:[^"\\]|\\.)*)"', raw)
            if not qm:
                raise ValueError(f"Could not parse filter clause: {clause}")
            pred = _Pred("equals", (qm.group(1),))
        clauses.append((fld, op, pred))
    return clauses


def _field_value(
    fld: str, mtype: str, mlabels: dict[str, str], rlabels: dict[str, str], rtype: str
) -> str | None:
    if fld == "metric.type":
        return mtype
    if fld == "resource.type":
        return rtype
    for prefix in ("metric.labels.", "metric.label."):
        if fld.startswith(prefix):
            return mlabels.get(fld[len(prefix) :])
    for prefix in ("resource.labels.", "resource.label."):
        if fld.startswith(prefix):
            return rlabels.get(fld[len(prefix) :])
    if fld == "project":
        return None
    raise ValueError(f"The filter field {fld} is not supported.")


RESOURCE_TYPE = f"{GEMINI_SERVICE}/Location"


def _monitoring_answer(
    req: _Req, points: Iterator[tuple[str, dict[str, str], dict[str, str], datetime, int]]
) -> Answer:
    text = req.q("filter")
    if not text:
        return bodies.invalid_argument('Field filter had an invalid value of "": must not be empty.')
    try:
        clauses = _parse_filter(text)
    except ValueError as exc:
        return bodies.invalid_argument(str(exc))
    end = _parse_ts(req.q("interval.endTime") or "")
    if end is None:
        return bodies.invalid_argument(
            "Field interval.endTime had an invalid value: must be a valid timestamp."
        )
    start_text = req.q("interval.startTime")
    start = _parse_ts(start_text) if start_text else end
    if start is None or start > end:
        return bodies.invalid_argument("Field interval.startTime had an invalid value.")
    aligner = (req.q("aggregation.perSeriesAligner") or "ALIGN_NONE").upper()
    reducer = (req.q("aggregation.crossSeriesReducer") or "REDUCE_NONE").upper()
    period = _duration_s(req.q("aggregation.alignmentPeriod"))
    group_by = req.query.get("aggregation.groupByFields", [])
    if aligner not in ("ALIGN_NONE", "ALIGN_SUM", "ALIGN_DELTA"):
        return bodies.invalid_argument(f"The aligner {aligner} is not supported by this emulator.")
    if reducer not in ("REDUCE_NONE", "REDUCE_SUM"):
        return bodies.invalid_argument(f"The reducer {reducer} is not supported by this emulator.")
    if aligner != "ALIGN_NONE" and not period:
        return bodies.invalid_argument("The alignment period must be specified when an aligner is set.")
    if reducer != "REDUCE_NONE" and aligner == "ALIGN_NONE":
        return bodies.invalid_argument("The aligner cannot be ALIGN_NONE if a reducer is specified.")

    # 1. select the raw points
    selected: dict[
        tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]], list[tuple[datetime, int]]
    ] = {}
    try:
        for mtype, mlabels, rlabels, at, value in points:
            if not (start < at <= end or (start == end and at == end)):
                continue
            ok = True
            for fld, op, pred in clauses:
                actual = _field_value(fld, mtype, mlabels, rlabels, RESOURCE_TYPE)
                if fld == "project":
                    continue
                hit = actual is not None and pred(actual)
                if hit != (op == "="):
                    ok = False
                    break
            if ok:
                key = (mtype, tuple(sorted(mlabels.items())), tuple(sorted(rlabels.items())))
                selected.setdefault(key, []).append((at, value))
    except ValueError as exc:
        return bodies.invalid_argument(str(exc))

    # 2. align per series into buckets (start, end) -> sum
    def buckets(values: list[tuple[datetime, int]]) -> dict[tuple[datetime, datetime], int]:
        out: dict[tuple[datetime, datetime], int] = {}
        for at, v in values:
            if aligner == "ALIGN_NONE" or not period:
                b_start = at.replace(second=0, microsecond=0)
                b = (b_start, b_start + timedelta(seconds=60))
            else:
                k = math.floor((end - at).total_seconds() / period) if at < end else 0
                b_end = end - timedelta(seconds=k * period)
                b = (max(b_end - timedelta(seconds=period), start), b_end)
            out[b] = out.get(b, 0) + v
        return out

    series: dict[
        tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]],
        dict[tuple[datetime, datetime], int],
    ] = {}
    for key, values in selected.items():
        series[key] = buckets(values)

    # 3. reduce across series
    if reducer == "REDUCE_SUM":
        metric_keep = {
            f.split(".", 2)[2] for f in group_by if f.startswith(("metric.label.", "metric.labels."))
        }
        res_keep = {
            f.split(".", 2)[2] for f in group_by if f.startswith(("resource.label.", "resource.labels."))
        }
        reduced: dict[
            tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]],
            dict[tuple[datetime, datetime], int],
        ] = {}
        for (s_type, s_mlabels, s_rlabels), bks in series.items():
            key = (
                s_type,
                tuple((k, v) for k, v in s_mlabels if k in metric_keep),
                tuple((k, v) for k, v in s_rlabels if k in res_keep),
            )
            target = reduced.setdefault(key, {})
            for b, v in bks.items():
                target[b] = target.get(b, 0) + v
        series = reduced

    headers_only = (req.q("view") or "FULL").upper() == "HEADERS"
    out = []
    for (s_type, s_mlabels, s_rlabels), bks in sorted(series.items()):
        ts: Body = {
            "metric": {"labels": dict(s_mlabels), "type": s_type} if s_mlabels else {"type": s_type},
            "resource": {"type": RESOURCE_TYPE, "labels": dict(s_rlabels)}
            if s_rlabels
            else {"type": RESOURCE_TYPE},
            "metricKind": "DELTA",
            "valueType": "INT64",
        }
        if not headers_only:
            ts["points"] = [
                {
                    "interval": {"startTime": _ts_seconds(b[0]), "endTime": _ts_seconds(b[1])},
                    "value": {"int64Value": str(v)},
                }
                for b, v in sorted(bks.items(), key=lambda item: item[0][1], reverse=True)
            ]
        out.append(ts)
    offset = _page_offset(req.q("pageToken"))
    if offset is None:
        return bodies.invalid_argument("Invalid page token.")
    size = _page_size(req, 100000, 100000)
    body: Body = {}
    page = out[offset : offset + size]
    if page:
        body["timeSeries"] = page
    if offset + size < len(out):
        body["nextPageToken"] = _page_token(offset + size)
    body["unit"] = "1"
    return 200, body


# --- routing table ----------------------------------------------------------------------------------

_SEG = r"[^/:]+"
_ROUTES: list[tuple[str, re.Pattern[str], str, Callable[..., Answer]]] = [
    ("GET", re.compile(r"/v2/keys:lookupKey"), "apikeys", Emulator._lookup_key),
    (
        "GET",
        re.compile(rf"/v2/projects/(?P<project>{_SEG})/locations/global/keys/(?P<key>{_SEG})"),
        "apikeys",
        Emulator._get_key,
    ),
    ("GET", re.compile(r"/v3/projects:search"), "resourcemanager", Emulator._search_projects),
    ("GET", re.compile(rf"/v3/projects/(?P<project>{_SEG})"), "resourcemanager", Emulator._get_project),
    ("GET", re.compile(rf"/v1/projects/(?P<project>{_SEG})/billingInfo"), "billing", Emulator._billing_info),
    ("GET", re.compile(rf"/v1/billingAccounts/(?P<account>{_SEG})"), "billing", Emulator._billing_account),
    (
        "GET",
        re.compile(rf"/v1/projects/(?P<project>{_SEG})/services/(?P<service>{_SEG})"),
        "serviceusage",
        Emulator._get_service,
    ),
    (
        "GET",
        re.compile(
            rf"/v1/projects/(?P<project>{_SEG})/locations/global/services/(?P<service>{_SEG})/quotaInfos"
        ),
        "cloudquotas",
        Emulator._quota_infos,
    ),
    (
        "GET",
        re.compile(
            rf"/v1/projects/(?P<project>{_SEG})/locations/global/services/(?P<service>{_SEG})"
            rf"/quotaInfos/(?P<quota>{_SEG})"
        ),
        "cloudquotas",
        Emulator._quota_info,
    ),
    (
        "GET",
        re.compile(rf"/v1/projects/(?P<project>{_SEG})/locations/global/quotaPreferences"),
        "cloudquotas",
        Emulator._quota_preferences,
    ),
    ("GET", re.compile(rf"/v3/projects/(?P<project>{_SEG})/timeSeries"), "monitoring", Emulator._time_series),
    ("GET", re.compile(r"/(?P<version>v1|v1beta)/models"), "gemini", Emulator._list_models),
    ("GET", re.compile(rf"/(?P<version>v1|v1beta)/models/(?P<model>{_SEG})"), "gemini", Emulator._get_model),
    (
        "POST",
        re.compile(rf"/(?P<version>v1|v1beta)/models/(?P<model>{_SEG}):generateContent"),
        "gemini",
        Emulator._generate,
    ),
    (
        "POST",
        re.compile(rf"/(?P<version>v1|v1beta)/models/(?P<model>{_SEG}):streamGenerateContent"),
        "gemini",
        Emulator._stream_generate,
    ),
    (
        "POST",
        re.compile(rf"/(?P<version>v1|v1beta)/models/(?P<model>{_SEG}):countTokens"),
        "gemini",
        Emulator._count_tokens,
    ),
    ("POST", re.compile(r"/token"), "token", Emulator._token),
]


# --- HTTP plumbing ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _gzip_bomb(size: int) -> bytes:
    """A gzip stream of ``{"padding": "   …"}`` inflating to ``size`` bytes (made once per size)."""
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
    head, tail = b'{"padding": "', b'"}'
    parts = [packer.compress(head)]
    block = b" " * (1 << 20)
    left = max(0, size - len(head) - len(tail))
    while left > 0:
        n = min(left, len(block))
        parts.append(packer.compress(block[:n]))
        left -= n
    parts.append(packer.compress(tail))
    parts.append(packer.flush())
    return b"".join(parts)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 512  #: listen backlog: hundreds of clients may connect at once

    def handle_error(self, request: Any, client_address: Any) -> None:  # quiet: resets are expected
        return


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ESF"
    sys_version = ""
    timeout = 5.0  # idle keep-alive connections are closed after this many seconds
    disable_nagle_algorithm = True  # TCP_NODELAY: no ~40 ms Nagle / delayed-ACK stall per answer
    emulator: Emulator

    def log_message(self, format: str, *args: Any) -> None:
        return

    def handle(self) -> None:
        try:
            super().handle()
        except (_Reset, ConnectionError, OSError, TimeoutError):
            self.close_connection = True

    def _serve(self) -> None:
        emu = self.emulator
        split = urlsplit(self.path)
        path = split.path
        query = parse_qs(split.query, keep_blank_values=True)
        headers = {k.lower(): v for k, v in self.headers.items()}
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True  # Google's front end answers 411 too; the body is not read
            self._send_json(*bodies.error(411, "INVALID_ARGUMENT", "Length Required."), "")
            return
        length_text = (self.headers.get("Content-Length") or "0").strip()
        if not length_text.isdigit() or not length_text.isascii():
            self.close_connection = True
            self._send_json(*bodies.error(400, "INVALID_ARGUMENT", "Invalid Content-Length."), "")
            return
        length = int(length_text)
        if length > MAX_REQUEST_BODY:
            self.close_connection = True
            self._send_json(*bodies.error(413, "INVALID_ARGUMENT", "Request payload too large."), "")
            return
        raw = self.rfile.read(length) if length > 0 else b""
        routed = emu._route(self.command, path)
        api = routed[0] if routed else ""
        emu._record(
            RecordedRequest(
                self.command,
                path,
                query,
                headers,
                raw[:REQUEST_BODY_LOG_MAX].decode("utf-8", errors="replace") if raw else None,
                api,
            )
        )
        delay, fault = emu._plan(api, self.command, path)
        endless = False
        if delay > 0 and emu._stop.wait(delay):
            self.close_connection = True
            return
        if fault is not None:
            if fault.kind == "timeout":
                emu._stop.wait()
                self.close_connection = True
                return
            if fault.kind == "connection_reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                raise _Reset()
            if fault.kind == "malformed_json":
                self._send(200, b'{\n  "name": "projects/', api)
                return
            if fault.kind == "redirect":
                target = fault.location.rstrip("/") + self.path
                self.send_response(fault.status or 302)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if fault.kind == "html":
                self._send(fault.status or 502, bodies.html_error_page(fault.status or 502), api, "text/html")
                return
            if fault.kind == "empty_ok":
                self._send_json(200, {}, api)
                return
            if fault.kind == "huge_body":
                self._send_huge(fault.size)
                return
            if fault.kind == "gzip_bomb":
                data = _gzip_bomb(fault.size)
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            if fault.kind == "cut_body":
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", "4096")
                self.end_headers()
                self.wfile.write(b'{\n  "name": "projects/')
                self.wfile.flush()
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                raise _Reset()
            if fault.kind == "endless_pages":
                query = {k: v for k, v in query.items() if k != "pageToken"}
                endless = True
            elif fault.kind == "trickle":
                self._trickle = fault.seconds  # the normal answer below, one byte at a time
            else:
                if fault.kind == "status500":
                    status, body = bodies.status500() if api == "gemini" else bodies.internal_cloud()
                else:
                    status, body = bodies.forbidden_no_details()
                self._send_json(status, body, api)
                return
        if routed is None:
            status, body = bodies.method_not_found()
            self._send_json(status, body, api)
            return
        _api, fn, match = routed
        req = _Req(self.command, path, query, headers, raw, api, match)
        try:
            status, body = fn(req)
        except Exception:  # an emulator bug must still look like a Google 500
            status, body = bodies.internal_cloud()
        if req.int_enums and api in _INT_ENUMS and status == 200:
            body = _to_int_enums(body, _INT_ENUMS[api])
        if endless and status == 200 and isinstance(body, dict):
            body = {**body, "nextPageToken": "endless"}
        self._send_json(status, body, api)

    def _send_json(self, status: int, body: Any, api: str) -> None:
        if isinstance(body, _Sse):
            data = b"".join(
                b"data: " + json.dumps(chunk, ensure_ascii=False).encode("utf-8") + b"\r\n\r\n"
                for chunk in body.chunks
            )
            self._send(status, data, api, content_type="text/event-stream")
            return
        data = json.dumps(body, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
        self._send(status, data, api)

    def _send_huge(self, size: int) -> None:
        """A 200 JSON-looking body of ``size`` bytes, written in chunks (a client may hang up)."""
        head = b'{"timeSeries": [], "padding": "'
        tail = b'"}\n'
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        fill = max(0, size - len(head) - len(tail))
        self.wfile.write(head[:size])
        chunk = b"x" * 65536
        while fill > 0 and not self.emulator._stop.is_set():
            n = min(fill, len(chunk))
            self.wfile.write(chunk[:n])
            fill -= n
        self.wfile.write(tail[: max(0, size - len(head))])

    _trickle: float = 0.0

    def _write_answer(self, data: bytes) -> None:
        """Headers (buffered by send_header) and body in one write, or byte by byte when trickling."""
        buffered = b"".join(getattr(self, "_headers_buffer", []))
        self._headers_buffer: list[bytes] = []
        payload = buffered + data
        if self._trickle <= 0:
            self.wfile.write(payload)
            return
        interval, self._trickle = self._trickle, 0.0
        self.close_connection = True
        for i in range(len(payload)):
            if self.emulator._stop.wait(interval):
                return
            self.wfile.write(payload[i : i + 1])
            self.wfile.flush()

    def _send(
        self, status: int, data: bytes, api: str, content_type: str = "application/json; charset=UTF-8"
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Vary", "Origin, X-Origin, Referer")
        self.send_header("Content-Length", str(len(data)))
        if self.emulator._stop.is_set():
            self.close_connection = True
            self.send_header("Connection", "close")
        self._headers_buffer.append(b"\r\n")  # end_headers() without its flush: one write below
        self._write_answer(data)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()


__all__ = ["API_NAMES", "TIERS", "Emulator", "Fault", "RecordedRequest", "pacific_midnight"]
