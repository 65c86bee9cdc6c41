"""Tier inference from evidence: always 'inferred from …', the quota list alone never decides."""

from __future__ import annotations

import inspect

from gemquota.core.diagnosis import Tier
from gemquota.core.tier import infer_tier


def test_a_429_quota_id_is_the_strongest_evidence() -> None:
    t = infer_tier(
        billing_enabled=True,
        usage_by_tier={Tier.TIER_1: 50},
        error_tier=Tier.TIER_2,
        error_quota_id="GenerateRequestsPerMinutePerProjectPerModel-PaidTier2",
    )
    assert t.tier is Tier.TIER_2
    assert t.strength == "strong"
    assert t.label.startswith("Tier 2 (inferred from the quota id of a recent 429")
    assert "PaidTier2" in t.label


def test_free_tier_429_on_a_billed_project_is_a_finding() -> None:
    t = infer_tier(billing_enabled=True, error_tier=Tier.FREE, error_quota_id="X-FreeTier")
    assert t.tier is Tier.FREE
    assert t.findings and "upgrade has not reached" in t.findings[0]


def test_paid_usage_wins_over_free_usage() -> None:
    t = infer_tier(billing_enabled=True, usage_by_tier={Tier.FREE: 900, Tier.TIER_1: 3})
    assert t.tier is Tier.TIER_1
    assert "usage recorded on Tier 1 quota metrics" in t.label
    assert t.findings == ()


def test_highest_paid_family_with_usage() -> None:
    t = infer_tier(billing_enabled=True, usage_by_tier={Tier.TIER_1: 1, Tier.TIER_3: 1, Tier.TIER_2: 5})
    assert t.tier is Tier.TIER_3


def test_unmarked_paid_is_reported_as_tier_1() -> None:
    assert infer_tier(billing_enabled=True, usage_by_tier={Tier.PAID: 4}).tier is Tier.TIER_1


def test_zero_usage_counts_as_no_evidence() -> None:
    t = infer_tier(billing_enabled=False, usage_by_tier={Tier.TIER_2: 0})
    assert t.tier is Tier.FREE
    assert t.strength == "strong"
    assert t.label == "Free tier (inferred from billing is disabled on the project)"


def test_free_usage_on_a_billed_project_says_so() -> None:
    t = infer_tier(billing_enabled=True, usage_by_tier={Tier.FREE: 12})
    assert t.tier is Tier.FREE
    assert "on the free tier although billing is enabled" in t.findings[0]


def test_billing_enabled_alone_is_paid_tier_unknown_never_tier_1() -> None:
    t = infer_tier(billing_enabled=True)
    assert t.tier is Tier.PAID
    assert not t.exact
    assert t.strength == "likely"
    assert t.label.startswith("paid (Tier 1–3, set on the billing account)")
    assert "Tier 1 (" not in t.label


def test_published_tier_rows_carry_their_date() -> None:
    from gemquota.core.tier import PUBLISHED_AS_OF, published_for

    paid = published_for(Tier.PAID)
    assert [p.tier for p in paid] == [Tier.TIER_1, Tier.TIER_2, Tier.TIER_3]
    assert [p.spend_limit_10min for p in paid] == ["$10", "$50", "$200"]
    assert [p.monthly_cap for p in paid][:2] == ["$250", "$2,000"]
    for p in paid:
        assert PUBLISHED_AS_OF in p.line() and p.to_json()["as_of"] == PUBLISHED_AS_OF
    assert published_for(Tier.FREE)[0].spend_limit_10min is None
    assert published_for(None) == ()


def test_no_evidence_at_all() -> None:
    t = infer_tier(billing_enabled=None)
    assert t.tier is None
    assert t.strength == "none"
    assert t.label.startswith("unknown (no evidence")
    assert t.to_json()["tier"] is None and t.to_json()["inferred"] is True


def test_every_label_says_inferred() -> None:
    for billing in (True, False, None):
        for usage in ({}, {Tier.FREE: 1}, {Tier.TIER_2: 1}):
            t = infer_tier(billing_enabled=billing, usage_by_tier=usage)
            assert "inferred from" in t.label or t.tier is None
            assert t.to_json()["inferred"] is True


def test_the_quota_list_is_not_an_input() -> None:
    # A project lists every tier's quotas at once: the inference takes no quota list.
    params = set(inspect.signature(infer_tier).parameters)
    assert params == {"billing_enabled", "usage_by_tier", "error_tier", "error_quota_id"}
