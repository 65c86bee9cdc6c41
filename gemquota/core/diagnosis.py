"""The diagnosis model: the closed set of kinds, retry classes, backends, tiers and the Diagnosis."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """The closed set of bottlenecks (SPEC §2); the values appear in JSON."""

    RPM = "rpm"
    TPM = "tpm"
    IPM = "ipm"
    RPD = "rpd"
    TPD = "tpd"
    ZERO_QUOTA = "zero-quota"
    BILLING_LIMIT = "billing-limit"
    CAPACITY = "capacity"
    UNSPECIFIED_429 = "unspecified-429"
    OVERLOADED = "overloaded"
    INTERNAL = "internal"
    DEADLINE = "deadline"
    REGION = "region"
    PLAN_QUOTA = "plan-quota"
    BAD_KEY = "bad-key"
    AUTH_METHOD = "auth-method"
    LEAKED_KEY = "leaked-key"
    API_DISABLED = "api-disabled"
    PERMISSION = "permission"
    BILLING_DISABLED = "billing-disabled"
    MODEL_NOT_FOUND = "model-not-found"
    BAD_REQUEST = "bad-request"
    UNRECOGNIZED = "unrecognized"


class Retry(StrEnum):
    """What retrying can achieve: backoff helps soon, wait for the reset, or a change is needed."""

    BACKOFF = "backoff"
    WAIT_RESET = "wait-reset"
    FIX = "fix"


RETRY_OF: dict[Kind, Retry | None] = {
    Kind.RPM: Retry.BACKOFF,
    Kind.TPM: Retry.BACKOFF,
    Kind.IPM: Retry.BACKOFF,
    Kind.RPD: Retry.WAIT_RESET,
    Kind.TPD: Retry.WAIT_RESET,
    Kind.ZERO_QUOTA: Retry.FIX,
    Kind.BILLING_LIMIT: Retry.FIX,
    Kind.CAPACITY: Retry.BACKOFF,
    Kind.UNSPECIFIED_429: Retry.BACKOFF,
    Kind.OVERLOADED: Retry.BACKOFF,
    Kind.INTERNAL: Retry.BACKOFF,
    Kind.DEADLINE: Retry.BACKOFF,
    Kind.REGION: Retry.FIX,
    Kind.PLAN_QUOTA: Retry.WAIT_RESET,
    Kind.BAD_KEY: Retry.FIX,
    Kind.AUTH_METHOD: Retry.FIX,
    Kind.LEAKED_KEY: Retry.FIX,
    Kind.API_DISABLED: Retry.FIX,
    Kind.PERMISSION: Retry.FIX,
    Kind.BILLING_DISABLED: Retry.FIX,
    Kind.MODEL_NOT_FOUND: Retry.FIX,
    Kind.BAD_REQUEST: Retry.FIX,
    Kind.UNRECOGNIZED: None,
}

#: Primary-diagnosis order of retry classes: the most restrictive first (SPEC §1.1).
RETRY_RANK: dict[Retry | None, int] = {Retry.FIX: 0, Retry.WAIT_RESET: 1, Retry.BACKOFF: 2, None: 3}


class Backend(StrEnum):
    """Which Google backend produced the error; the fix depends on it."""

    GEMINI_API = "gemini-api"
    VERTEX_AI = "vertex-ai"
    CODE_ASSIST = "code-assist"
    UNKNOWN = "unknown"


class Tier(StrEnum):
    """The billing tier a quota id or metric points at (always inferred, never stated as fact)."""

    FREE = "free"
    TIER_1 = "tier-1"
    TIER_2 = "tier-2"
    TIER_3 = "tier-3"
    PAID = "paid"


@dataclass(frozen=True)
class Fix:
    """One row of the troubleshooting matrix: a titled list of concrete steps with a doc URL."""

    id: str
    title: str
    steps: tuple[str, ...]
    url: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "steps": list(self.steps), "url": self.url}


def iso_z(moment: datetime | None) -> str | None:
    """ISO 8601 UTC with a trailing Z (whole seconds unless a fraction is present)."""
    if moment is None:
        return None
    utc = moment.astimezone(UTC)
    text = utc.isoformat(timespec="milliseconds" if utc.microsecond else "seconds")
    return text.replace("+00:00", "Z")


@dataclass(frozen=True)
class Diagnosis:
    """One diagnosed error. Attribute names are the JSON keys of SPEC §3."""

    kind: Kind
    retry: Retry | None
    backend: Backend = Backend.UNKNOWN
    http_code: int | None = None
    status: str | None = None
    headline: str = ""
    model: str | None = None
    requested_model: str | None = None
    quota_id: str | None = None
    quota_metric: str | None = None
    limit: int | None = None
    tier: Tier | None = None
    location: str | None = None
    retry_after_s: float | None = None
    reset_at: datetime | None = None
    project_number: str | None = None
    count: int = 1
    evidence: tuple[str, ...] = ()
    #: What was inferred rather than read in the error (SPEC §1.1), in plain sentences.
    assumptions: tuple[str, ...] = ()
    fixes: tuple[Fix, ...] = ()
    # Extra keys (SPEC §3 allows them): why it is this kind, how reset_at was found, extra findings.
    why: str = ""
    reset_basis: str | None = None
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """Exactly the JSON object of SPEC §3 (plus the extra keys why, reset_basis, notes)."""
        return {
            "kind": str(self.kind),
            "retry": None if self.retry is None else str(self.retry),
            "backend": str(self.backend),
            "http_code": self.http_code,
            "status": self.status,
            "headline": self.headline,
            "model": self.model,
            "requested_model": self.requested_model,
            "quota_id": self.quota_id,
            "quota_metric": self.quota_metric,
            "limit": self.limit,
            "tier": None if self.tier is None else str(self.tier),
            "location": self.location,
            "retry_after_s": self.retry_after_s,
            "reset_at": iso_z(self.reset_at),
            "project_number": self.project_number,
            "count": self.count,
            "evidence": list(self.evidence),
            "assumptions": list(self.assumptions),
            "fixes": [f.to_json() for f in self.fixes],
            "why": self.why,
            "reset_basis": self.reset_basis,
            "notes": list(self.notes),
        }
