"""The troubleshooting matrix: every kind has concrete fixes; fixes vary by backend, tier and model."""

from __future__ import annotations

import itertools
import re

import pytest

from gemquota.core.diagnosis import Backend, Fix, Kind, Tier
from gemquota.core.matrix import IMAGE_PRICES_AS_OF, MATRIX, PRICING, Family, fixes_for, model_family
from gemquota.core.redact import redact

OFFICIAL_HOSTS = (
    "https://ai.google.dev/",
    "https://aistudio.google.com/",
    "https://cloud.google.com/",
    "https://console.cloud.google.com/",
    "https://developers.google.com/gemini-code-assist/",
    "https://github.com/google-gemini/gemini-cli/",
)
TIERS: list[Tier | None] = [None, *Tier]
MODELS = [None, "gemini-2.5-flash", "gemini-3-pro-preview", "gemini-2.5-flash-image", "text-embedding-004"]


def _ids(fixes: tuple[Fix, ...]) -> list[str]:
    return [f.id for f in fixes]


@pytest.mark.parametrize("kind", list(Kind))
def test_every_combination_has_concrete_fixes(kind: Kind) -> None:
    for backend, tier, model in itertools.product(Backend, TIERS, MODELS):
        fixes = fixes_for(kind, backend=backend, tier=tier, model=model, limit=20)
        assert fixes, "every kind needs at least one fix"
        assert len(_ids(fixes)) == len(set(_ids(fixes))), "no fix twice"
        for fix in fixes:
            assert fix.title.strip()
            assert fix.steps and all(s.strip() for s in fix.steps)
            assert fix.url.startswith(OFFICIAL_HOSTS), fix.url
            text = " ".join((fix.title, *fix.steps))
            assert "<model" not in text and "<limit>" not in text, "placeholders are filled"
            assert redact(text) == text, "no step may look like a secret (it would be mangled on output)"


def test_every_kind_and_backend_is_covered_by_the_table_itself() -> None:
    # fixes_for only falls back to the capture fix when no row matches; the table must never need it.
    for kind, backend, tier in itertools.product(Kind, Backend, TIERS):
        first = fixes_for(kind, backend=backend, tier=tier)[0]
        assert (first.id == "capture-full-error") == (kind is Kind.UNRECOGNIZED), (kind, backend, tier)


def test_urls_are_https_and_well_formed() -> None:
    for row in MATRIX:
        assert re.fullmatch(r"https://[a-z0-9.-]+\.[a-z]+/\S*", row.fix.url), row.fix.url


def test_rpd_on_the_gemini_api_waits_for_pacific_midnight_then_batch() -> None:
    fixes = fixes_for(
        Kind.RPD, backend=Backend.GEMINI_API, tier=Tier.FREE, model="gemini-2.5-flash", limit=20
    )
    assert _ids(fixes)[:2] == ["wait-pacific-midnight", "batch-api"]
    assert "gemquota reset-in rpd --wait" in fixes[0].steps[0]
    assert "America/Los_Angeles" in fixes[0].steps[0]
    assert "50 %" in fixes[1].title and fixes[1].url.endswith("/batch-mode")
    assert "enable-billing-key-project" in _ids(fixes)
    assert "split-projects" in _ids(fixes)


def test_minute_windows_back_off_with_jitter_and_show_the_limit() -> None:
    fixes = fixes_for(Kind.RPM, backend=Backend.GEMINI_API, tier=Tier.FREE, model="gemini-2.5-pro", limit=5)
    assert fixes[0].id == "backoff-jitter"
    assert any("jitter" in s for s in fixes[0].steps)
    assert any("(limit 5)" in s for s in fixes[0].steps)
    assert "model-fallback" in _ids(fixes)
    assert any("gemini-2.5-pro" in s for f in fixes for s in f.steps)


def test_unknown_limit_drops_the_placeholder() -> None:
    fixes = fixes_for(Kind.RPM, backend=Backend.GEMINI_API)
    assert not any("limit ?" in s or "(limit" in s for s in fixes[0].steps)


def test_tpm_first_asks_for_fewer_tokens() -> None:
    assert fixes_for(Kind.TPM, backend=Backend.GEMINI_API)[0].id == "tpm-fewer-tokens"


def test_tier_changes_the_upgrade_advice() -> None:
    free = _ids(fixes_for(Kind.RPD, backend=Backend.GEMINI_API, tier=Tier.FREE))
    paid = _ids(fixes_for(Kind.RPD, backend=Backend.GEMINI_API, tier=Tier.TIER_1))
    assert "enable-billing-key-project" in free and "higher-tier" not in free
    assert "higher-tier" in paid and "enable-billing-key-project" not in paid


def test_zero_quota_free_tier_points_at_the_project_behind_the_key() -> None:
    fixes = fixes_for(Kind.ZERO_QUOTA, backend=Backend.GEMINI_API, tier=Tier.FREE, model="gemini-2.5-pro")
    assert fixes[0].id == "zero-quota-enable-billing"
    assert "BEHIND THE KEY" in fixes[0].title
    steps = " ".join(fixes[0].steps)
    assert "gemquota doctor --model gemini-2.5-pro" in steps
    assert "gcloud billing projects describe PROJECT" in steps
    assert "free-tier-on-billed-project" in _ids(fixes)
    assert "zero-quota-model-fallback" in _ids(fixes)


def test_zero_quota_paid_tier_is_not_told_to_enable_billing() -> None:
    ids = _ids(
        fixes_for(Kind.ZERO_QUOTA, backend=Backend.GEMINI_API, tier=Tier.TIER_1, model="gemini-3-pro-preview")
    )
    assert ids[0] == "zero-quota-paid-request"
    assert "zero-quota-enable-billing" not in ids


@pytest.mark.parametrize(
    "model", ["gemini-2.5-flash-image", "gemini-3-pro-image-preview", "gemini-3.1-flash-image"]
)
def test_image_zero_quota_quotes_the_price_per_image(model: str) -> None:
    fixes = fixes_for(Kind.ZERO_QUOTA, backend=Backend.GEMINI_API, tier=Tier.FREE, model=model)
    price = fixes[0]
    assert price.id == "image-price-per-image"
    assert price.url == PRICING == "https://ai.google.dev/gemini-api/docs/pricing"
    text = " ".join((price.title, *price.steps))
    assert IMAGE_PRICES_AS_OF == "2026-03-15" and "2026-03-15" in text
    for amount in ("$0.045", "$0.067", "$0.101", "$0.151", "$0.134", "$0.24"):
        assert amount in text
    for size in ("512 px", "1024 px", "2048 px", "4096 px"):
        assert size in text
    assert "Batch API halves" in text
    assert "not billed" in text and "still count against your quota" in text
    assert model in text
    assert "batch-api" in _ids(fixes)


def test_text_models_get_no_image_prices() -> None:
    ids = _ids(fixes_for(Kind.ZERO_QUOTA, backend=Backend.GEMINI_API, tier=Tier.FREE, model="gemini-2.5-pro"))
    assert "image-price-per-image" not in ids


def test_vertex_quota_is_fixed_in_the_cloud_console_not_ai_studio() -> None:
    for kind in (Kind.RPM, Kind.RPD, Kind.ZERO_QUOTA):
        fixes = fixes_for(kind, backend=Backend.VERTEX_AI, model="gemini-pro")
        ids = _ids(fixes)
        assert "vertex-quota-console" in ids
        assert not any("aistudio.google.com" in s for f in fixes for s in (*f.steps, f.url)), kind
        assert "enable-billing-key-project" not in ids
    capacity = fixes_for(Kind.CAPACITY, backend=Backend.VERTEX_AI)
    assert capacity[0].url == "https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429"
    assert any("global endpoint" in s for s in capacity[0].steps)
    assert any("Provisioned Throughput" in s for s in capacity[0].steps)


def test_code_assist_quota_is_not_fixed_in_ai_studio() -> None:
    for kind in (Kind.RPM, Kind.RPD):
        fixes = fixes_for(kind, backend=Backend.CODE_ASSIST, model="gemini-2.5-pro")
        assert _ids(fixes)[:2] == ["code-assist-wait-reset", "code-assist-switch-auth"]
        text = " ".join(s for f in fixes for s in f.steps)
        assert "/model" in text and "/auth" in text and "Code Assist" in text
        assert "enable-billing-key-project" not in _ids(fixes)
    assert fixes_for(Kind.CAPACITY, backend=Backend.CODE_ASSIST)[0].id == "code-assist-capacity"


def test_503_is_not_a_quota_problem() -> None:
    fix = fixes_for(Kind.OVERLOADED)[0]
    assert "not a quota problem" in fix.title


def test_region_needs_billing_or_a_supported_region() -> None:
    fix = fixes_for(Kind.REGION, backend=Backend.GEMINI_API)[0]
    text = " ".join((fix.title, *fix.steps))
    assert "billing" in text and "supported region" in text
    assert fix.url == "https://ai.google.dev/gemini-api/docs/available-regions"


def test_api_disabled_covers_the_no_quota_project_case() -> None:
    fixes = fixes_for(Kind.API_DISABLED, backend=Backend.GEMINI_API)
    assert fixes[0].id == "enable-generative-language-api"
    assert any("gcloud services enable generativelanguage.googleapis.com" in s for s in fixes[0].steps)
    quota_project = fixes[1]
    assert quota_project.id == "set-quota-project"
    assert any("gcloud auth application-default set-quota-project" in s for s in quota_project.steps)
    assert any("764086051850" in s for s in quota_project.steps)


def test_key_model_and_request_fixes_are_concrete() -> None:
    assert "aistudio.google.com/app/apikey" in " ".join(fixes_for(Kind.BAD_KEY)[0].steps)
    assert fixes_for(Kind.LEAKED_KEY)[0].id == "replace-leaked-key"
    assert any("v1beta" in s for s in fixes_for(Kind.MODEL_NOT_FOUND)[0].steps)
    assert any("current model" in f.title for f in fixes_for(Kind.MODEL_NOT_FOUND))
    assert any("gemini-3.8-flash" in s for s in fixes_for(Kind.MODEL_NOT_FOUND)[0].steps)
    assert any("token" in s for s in fixes_for(Kind.BAD_REQUEST)[0].steps)
    assert "gcloud billing projects link" in fixes_for(Kind.BILLING_DISABLED)[0].steps[0]
    assert "spend cap" in fixes_for(Kind.BILLING_LIMIT)[0].title
    assert fixes_for(Kind.PERMISSION, backend=Backend.VERTEX_AI)[0].id == "vertex-iam"


def test_unrecognized_explains_how_to_capture_the_full_error() -> None:
    fix = fixes_for(Kind.UNRECOGNIZED)[0]
    assert fix.id == "capture-full-error"
    assert any("e.details" in s for s in fix.steps)
    assert any("gemquota explain-error --file" in s for s in fix.steps)


@pytest.mark.parametrize(
    ("model", "family"),
    [
        ("gemini-2.5-flash-image", Family.IMAGE),
        ("models/gemini-3-pro-image-preview", Family.IMAGE),
        ("imagen-4.0-generate-001", Family.IMAGE),
        ("gemini-embedding-001", Family.EMBEDDING),
        ("gemini-2.5-pro", Family.PRO),
        ("gemini-2.5-flash-lite", Family.FLASH),
        ("gemma-3-27b-it", Family.OTHER),
        (None, Family.OTHER),
    ],
)
def test_model_family(model: str | None, family: Family) -> None:
    assert model_family(model) is family
