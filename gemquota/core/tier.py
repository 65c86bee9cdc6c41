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
    def label(self) -> str:
        """``Tier 1 (inferred from …)`` or ``unknown (no evidence)``."""
        if self.tier is None:
            return (
                "unknown (no evidence: " + (self.evidence[0] if self.evidence else "nothing readable") + ")"
            )
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
            Tier.TIER_1,
            ("billing is enabled (Tier 1 or higher; Tier 2/3 need cumulative spend, which no API exposes)",),
            "likely",
        )
    return TierInference(None, ("billing could not be read and no usage was recorded",), "none")
