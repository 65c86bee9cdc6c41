"""Facts shared between checks, and one translation of adapter errors into readable rows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from gemquota.checks.base import CheckResult, Fact, Message, Status, error, hint
from gemquota.context import Context
from gemquota.core.iam import PERMISSION_FOR_CALL, ROLE_FOR_PERMISSION
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
from gemquota.keys import ApiKey

if TYPE_CHECKING:
    from gemquota.core.cloud import (
        BillingAccount,
        BillingInfo,
        ProjectInfo,
        QuotaLimit,
        QuotaPreference,
        QuotaUsage,
        ServiceState,
    )
    from gemquota.core.tier import TierInference
    from gemquota.keys import KeyEnvironment
    from gemquota.sources.credentials import CloudCredentials

T = TypeVar("T")


ADC_LOGIN = "gcloud auth application-default login"
IAM_URL = "https://console.cloud.google.com/iam-admin/iam"


@dataclass(frozen=True)
class DoctorOptions:
    """What the user asked for on the command line."""

    project: str | None = None
    models: tuple[str, ...] = ()
    probe: bool = False
    #: -v/--verbose: every message and the full limits table in human output.
    verbose: bool = False


@dataclass(frozen=True)
class Target:
    """The project the cloud checks look at: the key's project, or the one the user named."""

    ref: str  #: what API calls use: the project number (key) or the named id
    number: str | None
    source: str  #: "key" or "named"
    key: ApiKey | None = None
    key_name: str | None = None
    believed: str | None = None  #: the project the user believes is billed
    believed_source: str | None = None  #: "--project", "GOOGLE_CLOUD_PROJECT", "ADC"
    quota_project: str | None = None

    def names(self) -> set[str]:
        """Every way this project may be written (for comparing with a consumer)."""
        return {n for n in (self.ref, self.number) if n}


@dataclass(frozen=True)
class Fetched(Generic[T]):
    """A value read from a source, or the gemquota error the read ended with."""

    value: T | None = None
    error: GemquotaError | None = field(default=None)

    @classmethod
    def of(cls, call: Callable[[], T]) -> Fetched[T]:
        try:
            return cls(call())
        except GemquotaError as err:
            return cls(None, err)


# Facts (typed names; each check declares which it provides).
OPTIONS: Fact[DoctorOptions] = Fact("options")
KEYS: Fact[tuple[ApiKey, ...]] = Fact("keys")
KEY_ENV: Fact[KeyEnvironment] = Fact("key_env")
CREDS: Fact[CloudCredentials] = Fact("creds")
TARGET: Fact[Target] = Fact("target")
PROJECT_INFO: Fact[ProjectInfo] = Fact("project_info")
BILLING: Fact[BillingInfo] = Fact("billing")
BELIEVED_BILLING: Fact[BillingInfo] = Fact("believed_billing")
BILLING_ACCOUNT: Fact[BillingAccount] = Fact("billing_account")
SERVICE: Fact[ServiceState] = Fact("service")
QUOTAS: Fact[Fetched[tuple[QuotaLimit, ...]] | None] = Fact("quotas")
PREFERENCES: Fact[Fetched[tuple[QuotaPreference, ...]] | None] = Fact("preferences")
USAGE: Fact[Fetched[tuple[QuotaUsage, ...]] | None] = Fact("usage")
TIER: Fact[TierInference] = Fact("tier")
#: The probe's report (gemquota.app.probe.ProbeReport; typed loosely: checks do not import app).
PROBE: Fact[Any] = Fact("probe_report")


def believed_project(ctx: Context, options: DoctorOptions, adc_project: str | None) -> tuple[str, str] | None:
    """The project the user believes is billed, and where that came from."""
    if options.project:
        return options.project, "--project"
    env = ctx.env.get("GOOGLE_CLOUD_PROJECT", "").strip()
    if env:
        return env, "GOOGLE_CLOUD_PROJECT"
    if adc_project:
        return adc_project, "ADC"
    return None


def bare_project(name: str | None) -> str | None:
    """``projects/123`` → ``123``."""
    if not name:
        return None
    return name.rsplit("/", 1)[-1] if name.startswith("projects/") else name


def failure_row(
    err: GemquotaError,
    *,
    ctx: Context,
    doing: str,
    call: str,
    target: Target | None,
    status: Status = Status.WARN,
    facts: Mapping[Fact[Any], Any] | None = None,
    not_found: str | None = None,
    project_hint: str | None = None,
) -> CheckResult:
    """A readable row for an adapter error: which permission or setting is missing, and the fix.

    ``doing`` completes "cannot …" (e.g. "read billing of 123"); ``call`` is a call id of ``core.iam.CALLS``."""
    project = target.ref if target else project_hint
    messages: list[Message] = []
    fix: str | None = None
    summary: str
    if isinstance(err, ApiDisabled):
        service = err.service or "the API"
        consumer = bare_project(err.consumer)
        known = target.names() if target else set()
        quota_project = target.quota_project if target else None
        if isinstance(err, QuotaProjectMissing) or (
            consumer and consumer not in known and consumer != quota_project
        ):
            summary = f"cannot {doing}: no quota project is set for your credentials"
            messages.append(
                error(
                    f"{service} answered SERVICE_DISABLED for project {consumer}, which is not your "
                    "project: the call was billed to the credentials' client project. "
                    "This is not a reason to enable the API."
                )
            )
            fix = f"gcloud auth application-default set-quota-project {project or 'YOUR_PROJECT'}"
            if not err.hint:
                messages.append(hint(f"Or: export GOOGLE_CLOUD_QUOTA_PROJECT={project or 'YOUR_PROJECT'}"))
        else:
            where = consumer or project or "the quota project"
            summary = f"cannot {doing}: {service} is not enabled on {where}"
            fix = f"gcloud services enable {service} --project {where}"
            messages.append(error(f"Enable {service} on {where}.", err.activation_url))
    elif isinstance(err, PermissionDenied):
        permission = err.permission or PERMISSION_FOR_CALL.get(call)
        summary = f"cannot {doing}: permission denied"
        if permission:
            summary += f" ({permission} missing)"
        messages.append(error(err.message))
        if err.hint:
            fix = err.hint
        elif permission:
            role = ROLE_FOR_PERMISSION.get(permission)
            fix = (
                f"grant {permission}" + (f" ({role})" if role else "") + (f" on {project}" if project else "")
            )
        messages.append(
            hint("Ask a project owner for the role, or rerun with credentials that have it.", IAM_URL)
        )
    elif isinstance(err, NotFound):
        summary = not_found or f"cannot {doing}: not found"
        messages.append(error(err.message))
    elif isinstance(err, CallTimeout):
        summary = f"cannot {doing}: no answer within {ctx.timeout:g} s"
        messages.append(hint("The API may be slow or unreachable; rerun with a larger --timeout S."))
    elif isinstance(err, Unreachable):
        summary = f"cannot {doing}: the API is unreachable"
        messages.append(error(err.message))
        messages.append(hint("Check the network (and any proxy), then rerun."))
    elif isinstance(err, UnexpectedResponse):
        summary = f"cannot {doing}: unexpected answer from the API"
        messages.append(error(err.message))
        messages.append(hint("Usually transient (a 5xx or a garbled answer): rerun in a minute."))
    else:
        summary = f"cannot {doing}: {err.message}"
    if err.hint and err.hint != fix and all(err.hint != m.text for m in messages):
        messages.append(hint(err.hint))
    fault = isinstance(err, Unreachable | UnexpectedResponse)
    return CheckResult(status, summary, tuple(messages), fix=fix, facts=dict(facts or {}), fault=fault)
