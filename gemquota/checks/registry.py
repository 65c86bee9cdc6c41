"""The doctor checks in display order (SPEC §4), plus the hidden fetchers they share."""

from __future__ import annotations

from dataclasses import replace

from gemquota.checks.base import Check
from gemquota.checks.cloud import (
    ApiEnabledCheck,
    BilledProjectCheck,
    BillingAccountCheck,
    CloudCredentialsCheck,
    KeyDetailsFetch,
    KeyLookup,
    KeyProjectCheck,
    KeyProjectsFetch,
    KeyRestrictionsCheck,
    ProjectInfoFetch,
)
from gemquota.checks.keys import ApiKeyCheck, KeyAcceptedCheck, SharedKeysCheck
from gemquota.checks.probe import ProbeCheck
from gemquota.checks.quota import QuotaData, QuotaLimitsCheck, QuotaUsageCheck, TierCheck, UsageData

#: Stable ids of the visible checks, in display order.
CHECK_IDS: tuple[str, ...] = (
    "api-key",
    "key-accepted",
    "cloud-credentials",
    "key-project",
    "key-restrictions",
    "billed-project",
    "billing-account",
    "api-enabled",
    "quota-limits",
    "quota-usage",
    "tier",
    "shared-keys",
    "probe",
)


def build_checks(*, probe: bool = False) -> tuple[Check, ...]:
    """All checks in display order; hidden fetchers sit right after what they need.

    With ``probe`` the tier check also waits for the probe (a 429's quota id is tier evidence)."""
    tier = TierCheck()
    if probe:
        tier = replace(tier, needs=(*tier.needs, "probe"))
    checks: tuple[Check, ...] = (
        ApiKeyCheck(),
        KeyAcceptedCheck(),
        CloudCredentialsCheck(),
        KeyLookup(),
        ProjectInfoFetch(),
        KeyDetailsFetch(),
        KeyProjectsFetch(),
        KeyProjectCheck(),
        KeyRestrictionsCheck(),
        BilledProjectCheck(),
        BillingAccountCheck(),
        ApiEnabledCheck(),
        QuotaData(),
        UsageData(),
        QuotaLimitsCheck(),
        QuotaUsageCheck(),
        tier,
        SharedKeysCheck(),
        ProbeCheck(),
    )
    assert tuple(c.id for c in checks if not c.hidden) == CHECK_IDS
    return checks


def titles() -> dict[str, str]:
    """Check id → title, for --list-checks."""
    return {c.id: c.title for c in build_checks() if not c.hidden}
