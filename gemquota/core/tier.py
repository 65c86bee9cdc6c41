"""Infer the AI Studio tier of a project from evidence (no Google API states it).

Evidence ladder, strongest first (reference/google-apis.md §9): the quota id of a recent 429,
which metric family has usage, then billing. A project lists the quotas of every tier at once,
so the quota list alone never decides. The result is always "inferred from …", never a fact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gemquota.core.diagnosis import Tier

TIER_NAMES: dict[Tier, str] = {
    Tier.FREE: "Free tier",
    Tier.TIER_1: "Tier 1",
    Tier.TIER_2: "Tier 2",
    Tier.TIER_3: "Tier 3",
    Tier.PAID: "a paid tier",
}

#: Billing on and nothing else known: the tier is one of the paid ones, set on the billing account.
PAID_UNKNOWN = "paid (Tier 1–3, set on the billing account)"

_PAID_RANK: dict[Tier, int] = {Tier.PAID: 0, Tier.TIER_1: 1, Tier.TIER_2: 2, Tier.TIER_3: 3}


@dataclass(frozen=True)
class TierInference:
    """The inferred tier (None = no evidence), the evidence behind it and any conflict found."""

    tier: Tier | None
    evidence: tuple[str, ...]
    #: "strong" (a 429 named it, or billing is off), "likely" (usage or billing), "none".
    strength: str
    #: Findings the evidence implies, e.g. free-tier usage on a billed project.
    findings: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        """The evidence names one tier (not just "paid, Tier 1–3")."""
        return self.tier is not None and self.tier is not Tier.PAID

    @property
    def label(self) -> str:
        """``Tier 1 (inferred from …)``, ``paid (Tier 1–3, …)`` or ``unknown (no evidence)``."""
        if self.tier is None:
            return (
                "unknown (no evidence: " + (self.evidence[0] if self.evidence else "nothing readable") + ")"
            )
        if self.tier is Tier.PAID:
            return f"{PAID_UNKNOWN} (inferred from {'; '.join(self.evidence)})"
        return f"{TIER_NAMES[self.tier]} (inferred from {'; '.join(self.evidence)})"

    def to_json(self) -> dict[str, object]:
        return {
            "tier": None if self.tier is None else self.tier.value,
            "inferred": True,
            "evidence": list(self.evidence),
            "strength": self.strength,
            "findings": list(self.findings),
            "label": self.label,
        }


def _best_paid(tiers: set[Tier]) -> Tier | None:
    paid = [t for t in tiers if t in _PAID_RANK]
    return max(paid, key=lambda t: _PAID_RANK[t]) if paid else None


def infer_tier(
    *,
    billing_enabled: bool | None,
    usage_by_tier: Mapping[Tier, int] | None = None,
    error_tier: Tier | None = None,
    error_quota_id: str | None = None,
) -> TierInference:
    """Combine the evidence into one inference.

    ``billing_enabled``: None when billing could not be read. ``usage_by_tier``: requests counted
    per tier family (from Monitoring metric names); families with zero usage are ignored.
    ``error_tier``/``error_quota_id``: the tier named by the quota id of a recent 429."""
    usage = {t: n for t, n in (usage_by_tier or {}).items() if n > 0}
    findings: list[str] = []
    if error_tier is not None:
        evidence = [f"the quota id of a recent 429 ({error_quota_id or error_tier.value})"]
        if billing_enabled is True and error_tier is Tier.FREE:
            findings.append(
                "a 429 counted against a free-tier quota although billing is enabled: "
                "the upgrade has not reached this project yet"
            )
        return TierInference(error_tier, tuple(evidence), "strong", tuple(findings))
    if usage:
        paid = _best_paid(set(usage))
        if paid is not None:
            # Paid evidence wins over free evidence: free-tier series linger after an upgrade.
            tier = Tier.TIER_1 if paid is Tier.PAID else paid
            evidence = [f"usage recorded on {TIER_NAMES[tier]} quota metrics"]
            if billing_enabled is True:
                evidence.append("billing is enabled")
            elif billing_enabled is False:
                findings.append("paid-tier usage although billing is now disabled on this project")
            return TierInference(tier, tuple(evidence), "likely", tuple(findings))
        evidence = ["usage recorded only on free-tier quota metrics"]
        if billing_enabled is True:
            findings.append(
                "this key's project is on the free tier although billing is enabled: "
                "requests are still counted against free-tier quotas"
            )
        elif billing_enabled is False:
            evidence.append("billing is disabled")
        return TierInference(Tier.FREE, tuple(evidence), "likely", tuple(findings))
    if billing_enabled is False:
        return TierInference(Tier.FREE, ("billing is disabled on the project",), "strong")
    if billing_enabled is True:
        return TierInference(
            Tier.PAID,
            (
                "billing is enabled; which paid tier depends on the billing account's spend, which no API exposes",
            ),
            "likely",
        )
    return TierInference(None, ("billing could not be read and no usage was recorded",), "none")


# --- what Google publishes per tier (data, with its date) -------------------------------------------

#: Date and pages of the figures below (Google's rate-limits page "Last updated 2026-08-18 UTC", and
#: the billing page of the same period). They change: always quote them with this date.
PUBLISHED_AS_OF = "2026-08-18"
PUBLISHED_URL = "https://ai.google.dev/gemini-api/docs/rate-limits"
BILLING_DOC_URL = "https://ai.google.dev/gemini-api/docs/billing"


@dataclass(frozen=True)
class PublishedTier:
    """One tier as Google publishes it: how a billing account qualifies, its monthly billing tier cap,
    and the spend-based rate limit (cost per rolling 10 minutes)."""

    tier: Tier
    qualification: str
    monthly_cap: str
    spend_limit_10min: str | None

    def line(self) -> str:
        spend = (
            f"spend-based limit {self.spend_limit_10min} per rolling 10 minutes"
            if self.spend_limit_10min
            else "no spend-based limit"
        )
        cap = (
            "no billing tier cap"
            if self.monthly_cap == "N/A"
            else f"billing tier cap {self.monthly_cap} a month"
        )
        return (
            f"{TIER_NAMES[self.tier]}: {self.qualification}; {cap}; {spend} (Google, as of {PUBLISHED_AS_OF})"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "tier": self.tier.value,
            "qualification": self.qualification,
            "monthly_billing_tier_cap": self.monthly_cap,
            "spend_limit_per_10_min": self.spend_limit_10min,
            "as_of": PUBLISHED_AS_OF,
            "url": PUBLISHED_URL,
        }


PUBLISHED_TIERS: dict[Tier, PublishedTier] = {
    Tier.FREE: PublishedTier(Tier.FREE, "an active project or free trial", "N/A", None),
    Tier.TIER_1: PublishedTier(
        Tier.TIER_1, "link an active billing account and prepay (minimum first prepay $10)", "$250", "$10"
    ),
    Tier.TIER_2: PublishedTier(
        Tier.TIER_2,
        "$100 paid on the billing account + 3 days since the first successful payment",
        "$2,000",
        "$50",
    ),
    Tier.TIER_3: PublishedTier(
        Tier.TIER_3,
        "$1,000 paid + 30 days since the first successful payment (postpay possible)",
        "$20,000 – $100,000+",
        "$200",
    ),
}
#: Prepay out of credit: the 402 Google switched to in late 2026 (429 before).
PREPAY_NOTE = (
    "Paid tiers are prepaid: a billing account out of prepay credit gets HTTP 402 (status "
    "RESOURCE_EXHAUSTED) on every generation call of every key linked to it, until credits are added "
    "(Google, 2026; 429 before the switch)."
)


def published_for(tier: Tier | None) -> tuple[PublishedTier, ...]:
    """The published rows that apply: the tier's own, all paid ones for "paid", none when unknown."""
    if tier is None:
        return ()
    if tier is Tier.PAID:
        return (PUBLISHED_TIERS[Tier.TIER_1], PUBLISHED_TIERS[Tier.TIER_2], PUBLISHED_TIERS[Tier.TIER_3])
    return (PUBLISHED_TIERS[tier],)
