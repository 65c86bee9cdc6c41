"""Facts read from Google Cloud APIs, as the adapters in ``gemquota.sources`` return them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gemquota.core.diagnosis import Tier

GEMINI_SERVICE = "generativelanguage.googleapis.com"


@dataclass(frozen=True)
class CredentialInfo:
    """Which cloud credentials are in use (never the secret itself)."""

    kind: str  #: "user", "service-account", "token", "external", "compute", "impersonated", "other"
    source: str  #: where they came from (file path and env var, "GEMQUOTA_ACCESS_TOKEN", ...)
    principal: str | None = None  #: e-mail when known
    quota_project: str | None = None
    project: str | None = None  #: the ADC default project


@dataclass(frozen=True)
class KeyInfo:
    """API Keys ``keys:lookupKey``: the project that owns a key."""

    project_number: str
    key_name: str | None  #: ``projects/N/locations/global/keys/UID`` (None when purged)


@dataclass(frozen=True)
class KeyRestrictions:
    """API Keys ``keys.get``: what the key may call and from where."""

    display_name: str | None
    api_targets: tuple[str, ...] | None  #: None = unrestricted
    browser_referrers: tuple[str, ...] = ()
    server_ips: tuple[str, ...] = ()
    android_apps: tuple[str, ...] = ()
    ios_bundle_ids: tuple[str, ...] = ()
    has_browser_restriction: bool = False
    has_server_restriction: bool = False
    has_android_restriction: bool = False
    has_ios_restriction: bool = False
    #: ``serviceAccountEmail``: set on an auth key (bound to a service account), None on a standard key.
    service_account_email: str | None = None
    #: ``keyString`` is never read; whether the key has any restriction at all (``restrictions`` present).
    restricted: bool | None = None


@dataclass(frozen=True)
class ProjectInfo:
    """Resource Manager v3 ``projects.get``."""

    number: str
    project_id: str
    display_name: str | None = None
    state: str | None = None  #: "ACTIVE", "DELETE_REQUESTED", ...


@dataclass(frozen=True)
class BillingInfo:
    """Cloud Billing ``projects.getBillingInfo``."""

    project: str  #: the project as asked (id or number)
    project_id: str | None
    billing_enabled: bool
    account_name: str | None  #: ``billingAccounts/XXXXXX-XXXXXX-XXXXXX`` or None


@dataclass(frozen=True)
class BillingAccount:
    """Cloud Billing ``billingAccounts.get``."""

    name: str
    open: bool
    display_name: str | None = None


@dataclass(frozen=True)
class ServiceState:
    """Service Usage ``services.get``."""

    name: str
    state: str  #: "ENABLED", "DISABLED", "STATE_UNSPECIFIED"
    title: str | None = None

    @property
    def enabled(self) -> bool:
        return self.state == "ENABLED"


@dataclass(frozen=True)
class QuotaLimit:
    """One bucket of a Cloud Quotas ``quotaInfo``: a quota id for one model (or the default bucket)."""

    quota_id: str
    metric: str
    window: str  #: "minute", "day", "" (no window) or another refreshInterval text
    model: str | None  #: the ``model`` dimension; None = default bucket for every other model
    value: int  #: -1 unlimited, 0 zero quota (an absent value is 0)
    measure: str  #: "requests", "tokens", "images", "other"
    tier: Tier | None
    display_name: str | None = None

    @property
    def unlimited(self) -> bool:
        return self.value < 0


@dataclass(frozen=True)
class QuotaPreference:
    """Cloud Quotas ``quotaPreferences``: a pending or decided quota-increase request."""

    quota_id: str
    model: str | None
    preferred_value: int | None
    granted_value: int | None
    reconciling: bool
    state_detail: str | None = None


@dataclass(frozen=True)
class QuotaUsage:
    """Cloud Monitoring: usage of one quota (``limit_name``) for one model in one window."""

    metric: str
    quota_id: str  #: the ``limit_name`` label
    model: str | None
    window: str  #: "minute" (peak minute of the last 15 minutes) or "day" (since Pacific midnight)
    value: int  #: 0 with ``known`` False: no recent point (unknown, never read as 0)
    #: End time of the newest point Monitoring showed (its data arrive minutes late); None = no point.
    as_of: datetime | None = None
    #: False when no point of the last 15 minutes was visible: the minute usage is unknown.
    known: bool = True
    #: The answer carried ``executionErrors``: the data may be incomplete.
    partial: bool = False
