"""One translation of every Google client / transport error into a gemquota exception.

Adapters wrap each call in ``with calling(spec): ...``; whatever the client libraries raise
(google.api_core, google.auth, requests, protobuf parsing, socket errors) leaves as a
``GemquotaError`` subclass whose message names the API and carries no secret.
No google module is imported at module level: the checks below import lazily."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from gemquota.core.iam import API_TITLES
from gemquota.core.redact import redact
from gemquota.exceptions import (
    ApiDisabled,
    CallTimeout,
    GemquotaError,
    NotFound,
    PermissionDenied,
    QuotaProjectMissing,
    UnexpectedResponse,
    Unreachable,
)

#: Client projects that Google attributes calls to when user credentials carry no quota project:
#: the Cloud SDK (gcloud) OAuth client, the old Cloud SDK client and Colab Enterprise.
SDK_CLIENT_PROJECTS = frozenset({"764086051850", "32555940559", "1057398310658"})

_MAX_DETAIL = 300


@dataclass(frozen=True)
class CallSpec:
    """What a call is, for error messages: API, method, the permission it needs and its role."""

    api: str  #: short id, a key of API_TITLES
    method: str  #: e.g. "keys:lookupKey"
    permission: str | None
    role: str | None = None
    #: The project being inspected (id or number), when the call is about one.
    project: str | None = None
    #: The caller's quota project (x-goog-user-project), when set.
    quota_project: str | None = None
    #: Extra sentence appended to a permission hint (e.g. Resource Manager's 403-for-missing).
    denied_note: str | None = None
    #: Treat 400 INVALID_ARGUMENT as NotFound (lookupKey of a key string Google does not know).
    bad_request_is_not_found: bool = False

    @property
    def title(self) -> str:
        return API_TITLES.get(self.api, self.api)

    @property
    def where(self) -> str:
        return f"{self.title} {self.method}" + (f" for project {self.project}" if self.project else "")


def _clean(text: object) -> str:
    """One redacted line of at most _MAX_DETAIL characters."""
    s = " ".join(str(text).split())
    s = redact(s)
    if len(s) > _MAX_DETAIL:
        s = s[: _MAX_DETAIL - 1] + "…"
    return s


_URL_PREFIX = re.compile(r"^(?:GET|POST|PUT|PATCH|DELETE|HEAD) \S+: ")


def _google_message(exc: Any) -> str:
    """The message Google sent, without api_core's ``"GET <url>: "`` prefix (the URL may hold a key)."""
    msg = str(getattr(exc, "message", "") or "")
    return _clean(_URL_PREFIX.sub("", msg))


def _error_info(exc: Any) -> tuple[str | None, dict[str, str]]:
    reason = getattr(exc, "reason", None)
    metadata = getattr(exc, "metadata", None) or {}
    if reason is None:
        # Some bodies carry ErrorInfo only in ``details`` (raw dicts); read them defensively.
        for detail in getattr(exc, "details", None) or ():
            if isinstance(detail, Mapping) and str(detail.get("@type", "")).endswith("google.rpc.ErrorInfo"):
                reason = detail.get("reason")
                md = detail.get("metadata")
                metadata = dict(md) if isinstance(md, Mapping) else {}
                break
    return (str(reason) if reason else None), {str(k): str(v) for k, v in dict(metadata).items()}


def _bare(project: str | None) -> str | None:
    if not project:
        return None
    return project.removeprefix("projects/").strip() or None


def _service_disabled(exc: Any, spec: CallSpec, metadata: dict[str, str]) -> ApiDisabled:
    service = metadata.get("service") or None
    consumer = metadata.get("consumer") or None
    url = metadata.get("activationUrl") or None
    consumer_id = _bare(consumer)
    service_title = metadata.get("serviceTitle") or service or spec.title
    ours = {p for p in (_bare(spec.project), _bare(spec.quota_project)) if p}
    target = _bare(spec.project) or "PROJECT_ID"
    quota_hint = (
        f"no quota project is set: `gcloud auth application-default set-quota-project {target}` "
        f"or GOOGLE_CLOUD_QUOTA_PROJECT={target} (the caller needs serviceusage.services.use on it)"
    )
    if consumer_id is not None and consumer_id not in ours:
        if consumer_id in SDK_CLIENT_PROJECTS or not spec.quota_project:
            who = (
                "the Google Cloud SDK's own project"
                if consumer_id in SDK_CLIENT_PROJECTS
                else "not your project"
            )
            message = (
                f"{spec.title} refused the call: it was attributed to projects/{consumer_id} ({who}) "
                f"because no quota project is set"
            )
            hint = quota_hint
            if consumer_id not in SDK_CLIENT_PROJECTS and service:
                hint += f"; or enable {service} on projects/{consumer_id}" + (f": {url}" if url else "")
            return QuotaProjectMissing(
                _clean(message), hint, api=spec.api, service=service, consumer=consumer, activation_url=url
            )
    where = f"project {consumer_id}" if consumer_id else "the caller's quota project"
    message = f"{service_title} is not enabled on {where} ({spec.where})"
    if url:
        hint = f"enable it: {url}"
    elif service and consumer_id:
        hint = f"enable it: `gcloud services enable {service} --project {consumer_id}`"
    else:
        hint = "enable the API on the caller's quota project"
    return ApiDisabled(
        _clean(message), hint, api=spec.api, service=service, consumer=consumer, activation_url=url
    )


def _permission_hint(spec: CallSpec, permission: str | None) -> str:
    parts = []
    if permission:
        parts.append(f"the caller needs {permission}")
        if spec.role and permission == spec.permission:
            parts[-1] += f" (e.g. {spec.role})"
        if spec.project:
            parts[-1] += f" on project {spec.project}"
    else:
        parts.append("the credentials lack a permission this call needs")
    if spec.denied_note:
        parts.append(spec.denied_note)
    return "; ".join(parts)


def _forbidden(exc: Any, spec: CallSpec) -> GemquotaError:
    reason, metadata = _error_info(exc)
    google_msg = _google_message(exc)
    if reason == "SERVICE_DISABLED":
        return _service_disabled(exc, spec, metadata)
    if reason == "IAM_PERMISSION_DENIED":
        permission = metadata.get("permission") or spec.permission
        return PermissionDenied(
            _clean(f"{spec.where}: permission {permission} denied"),
            _permission_hint(spec, permission),
            api=spec.api,
            permission=permission,
        )
    if reason == "USER_PROJECT_DENIED":
        return PermissionDenied(
            _clean(f"{spec.where}: the caller may not use quota project {spec.quota_project or '(unknown)'}"),
            "the caller needs serviceusage.services.use (roles/serviceusage.serviceUsageConsumer) on the "
            "quota project, or set another one with GOOGLE_CLOUD_QUOTA_PROJECT",
            api=spec.api,
            permission="serviceusage.services.use",
        )
    if reason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT":
        return PermissionDenied(
            _clean(f"{spec.where}: the access token lacks the needed OAuth scope"),
            "use credentials with the https://www.googleapis.com/auth/cloud-platform scope "
            "(`gcloud auth application-default login`)",
            api=spec.api,
            permission=spec.permission,
        )
    detail = f" ({reason})" if reason else ""
    message = f"{spec.where}: permission denied{detail}"
    if google_msg:
        message += f": {google_msg}"
    return PermissionDenied(
        _clean(message), _permission_hint(spec, spec.permission), api=spec.api, permission=spec.permission
    )


def _is_instance(exc: BaseException, module: str, names: tuple[str, ...]) -> bool:
    """isinstance against classes of a module, imported only if already loaded."""
    import sys

    mod = sys.modules.get(module)
    if mod is None:
        return False
    classes = tuple(c for c in (getattr(mod, n, None) for n in names) if isinstance(c, type))
    return bool(classes) and isinstance(exc, classes)


def _cause_chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen and len(seen) < 10:
        seen.add(id(cur))
        yield cur
        cur = cur.__cause__ or cur.__context__


def _network_error(exc: BaseException, spec: CallSpec, what: str, *, chain: bool) -> GemquotaError | None:
    """requests / socket failures (in ``exc`` or, with ``chain``, its causes) → CallTimeout / Unreachable."""
    for e in _cause_chain(exc) if chain else (exc,):
        if _is_instance(e, "requests.exceptions", ("Timeout",)) or isinstance(e, TimeoutError):
            return CallTimeout(
                _clean(f"{spec.where}: {what} did not answer in time"),
                "check the network or raise --timeout",
                api=spec.api,
            )
        if _is_instance(e, "requests.exceptions", ("ConnectionError", "ChunkedEncodingError")):
            return _unreachable(e, spec, what)
        if _is_instance(e, "requests.exceptions", ("RequestException",)):
            continue  # other requests errors (decoding, invalid URL, JSON) are OSError subclasses too
        if isinstance(e, OSError):  # ConnectionRefused/Reset, socket.gaierror, ...
            return _unreachable(e, spec, what)
    return None


def _unreachable(e: BaseException, spec: CallSpec, what: str) -> Unreachable:
    text = str(e)
    kind = type(e).__name__
    for name in (
        "ConnectionResetError",
        "ConnectionRefusedError",
        "RemoteDisconnected",
        "NameResolutionError",
    ):
        if name in text:
            kind = name
            break
    return Unreachable(
        _clean(f"{spec.where}: {what} is unreachable ({kind})"),
        "check the network connection, proxy settings and GEMQUOTA_GOOGLE_BASE_URL",
        api=spec.api,
    )


def translate(exc: BaseException, spec: CallSpec) -> GemquotaError:
    """The gemquota exception for ``exc`` raised while making the call ``spec``."""
    if isinstance(exc, GemquotaError):
        return exc
    # google.api_core: HTTP errors mapped by status, and timeouts / retry exhaustion.
    if _is_instance(exc, "google.api_core.exceptions", ("RetryError", "DeadlineExceeded")):
        return CallTimeout(
            _clean(f"{spec.where}: the API did not answer in time"),
            "check the network or raise --timeout",
            api=spec.api,
        )
    if _is_instance(exc, "google.api_core.exceptions", ("GoogleAPICallError",)):
        code = getattr(exc, "code", None)
        code_i = code if isinstance(code, int) else None
        google_msg = _google_message(exc)
        if code_i == 403:
            return _forbidden(exc, spec)
        if code_i == 401:
            return PermissionDenied(
                _clean(f"{spec.where}: the credentials were rejected (401): {google_msg}"),
                "refresh them: `gcloud auth application-default login` (or a fresh GEMQUOTA_ACCESS_TOKEN)",
                api=spec.api,
                permission=None,
            )
        if code_i == 404 or (code_i == 400 and spec.bad_request_is_not_found):
            return NotFound(_clean(f"{spec.where}: not found: {google_msg}"), None, api=spec.api)
        if code_i is not None and code_i >= 500:
            return UnexpectedResponse(
                _clean(f"{spec.where}: server error {code_i}: {google_msg}"),
                "Google-side error; try again later",
                api=spec.api,
            )
        return UnexpectedResponse(
            _clean(f"{spec.where}: HTTP {code_i if code_i is not None else '?'}: {google_msg}"),
            None,
            api=spec.api,
        )
    # google.auth: token refresh and transport failures.
    if _is_instance(exc, "google.auth.exceptions", ("TransportError",)):
        net = _network_error(exc, spec, "the OAuth token endpoint", chain=True)
        if net is not None:
            return net
        return Unreachable(
            _clean(f"could not reach the OAuth token endpoint for {spec.where}: {exc}"),
            "check the network connection",
            api=spec.api,
        )
    if _is_instance(
        exc, "google.auth.exceptions", ("RefreshError", "DefaultCredentialsError", "GoogleAuthError")
    ):
        net = _network_error(exc, spec, "the OAuth token endpoint", chain=True)
        if net is not None:
            return net
        return PermissionDenied(
            _clean(f"could not obtain an access token for {spec.where}: {exc}"),
            "the credentials are expired or revoked: `gcloud auth application-default login`",
            api=spec.api,
            permission=None,
        )
    net = _network_error(exc, spec, "the API", chain=False)
    if net is not None:
        return net
    if _is_instance(exc, "google.protobuf.json_format", ("ParseError",)) or isinstance(
        exc, (ValueError, TypeError, KeyError, AttributeError, IndexError)
    ):
        return UnexpectedResponse(
            _clean(f"{spec.where}: the response could not be read ({type(exc).__name__})"),
            "the API answered something gemquota does not understand; try again or report it",
            api=spec.api,
        )
    if _is_instance(exc, "requests.exceptions", ("RequestException",)):
        return UnexpectedResponse(
            _clean(f"{spec.where}: unreadable response ({type(exc).__name__})"), None, api=spec.api
        )
    return UnexpectedResponse(
        _clean(f"{spec.where}: unexpected failure ({type(exc).__name__})"), None, api=spec.api
    )


@contextmanager
def calling(spec: CallSpec) -> Iterator[None]:
    """Run one API call; any failure leaves as the translated gemquota exception."""
    try:
        yield
    except GemquotaError:
        raise
    except Exception as exc:
        raise translate(exc, spec) from exc


__all__ = ["API_TITLES", "CallSpec", "QuotaProjectMissing", "calling", "translate"]
