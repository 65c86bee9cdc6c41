"""Golden test: the pure core over the real pastes in tests/fixtures/real against labels.tsv.

Each paste was copied verbatim from a public issue or forum thread (its URL is the ``source``
column); labels are judged from the text alone, like the development corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import NOW, check_labels, check_paste, load_labels, score

from gemquota.core.classify import diagnose

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real"
LABELS = load_labels(FIXTURES)


def test_labels_are_complete() -> None:
    check_labels(FIXTURES, LABELS, minimum=40)


@pytest.mark.parametrize("row", LABELS, ids=[r["file"][:40] for r in LABELS])
def test_real_paste(row: dict[str, str]) -> None:
    check_paste(FIXTURES, row)


def test_whole_set_score() -> None:
    assert score(FIXTURES, LABELS) == len(LABELS)


# The general shapes behind the rules these pastes needed (minimal, synthetic texts).
SHAPES = [
    (  # a hard wrap at a dot of a Google API host
        "429 Quota exceeded for aiplatform.googleapis.\n   com/generate_content_requests_per_minute"
        "_per_project_per_base_model with base model: gemini-1.5-pro. Please submit a quota increase request.",
        "rpm",
        "gemini-1.5-pro",
        "vertex-ai",
    ),
    (  # the limit of a metric line on the next line
        "[429 Too Many Requests]\nQuota exceeded for metric: "
        "generativelanguage.googleapis.com/generate_content_free_tier_requests\nlimit: 0",
        "zero-quota",
        None,
        "gemini-api",
    ),
    (  # old-style limit name after a box border and a line break
        "429 Quota exceeded for quota metric 'Gemini 2.5 Flash Requests' and limit    │\n│    "
        "'Gemini 2.5 Flash Requests per day per user per tier' of service    │\n│   'cloudcode-pa.googleapis.com'",
        "plan-quota",
        "gemini-2.5-flash",
        "code-assist",
    ),
    (  # Go's fmt of a decoded body
        "Error 429, Message: You exceeded your current quota, Status: RESOURCE_EXHAUSTED, Details: "
        "[map[@type:type.googleapis.com/google.rpc.QuotaFailure violations:[map[quotaDimensions:"
        "map[location:global model:gemini-2.5-flash] quotaId:GenerateRequestsPerDayPerProjectPerModel-FreeTier "
        "quotaMetric:generativelanguage.googleapis.com/generate_content_free_tier_requests]]]]",
        "rpd",
        "gemini-2.5-flash",
        "gemini-api",
    ),
    (  # a body kept as an escaped string inside a proxy's metadata
        "{'message': 'Provider returned error', 'code': 503, 'metadata': {'raw': "
        '\'{\\\\n \\\\"error\\\\": {\\\\n \\\\"code\\\\": 503,\\\\n \\\\"message\\\\": '
        '\\\\"The model is overloaded. Please try again later.\\\\",\\\\n \\\\"status\\\\": '
        '\\\\"UNAVAILABLE\\\\"\\\\n }\\\\n}\'}}',
        "overloaded",
        None,
        "unknown",
    ),
    (
        "You have reached your daily gemini-2.5-flash quota limit.",
        "plan-quota",
        "gemini-2.5-flash",
        "code-assist",
    ),
    (
        "Usage limit reached for gemini-3-pro-preview. Access resets at 9:00 AM.",
        "plan-quota",
        "gemini-3-pro-preview",
        "code-assist",
    ),
    (
        "No capacity available for model gemini-2.5-pro on the server",
        "capacity",
        "gemini-2.5-pro",
        "code-assist",
    ),
]


@pytest.mark.parametrize(
    ("text", "kind", "model", "backend"), SHAPES, ids=[s[1] + "-" + s[3] for s in SHAPES]
)
def test_general_shapes(text: str, kind: str, model: str | None, backend: str) -> None:
    primary = diagnose(text, now=NOW)[0]
    assert primary.kind == kind, primary.why
    if model is not None:
        assert primary.model == model
    assert str(primary.backend) == backend


def test_no_rule_fires_on_app_prose() -> None:
    """The gemini-cli notices need a model id or its own wording; other apps' prose stays unrecognized."""
    for text in (
        "Usage limit reached for this workspace.",
        "You have reached your daily limit of uploads.",
        "model:gpt-4 map[foo:bar]",
    ):
        assert diagnose(text, now=NOW)[0].kind == "unrecognized", text
