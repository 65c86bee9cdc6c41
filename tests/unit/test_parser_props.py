"""Totality and boundedness of the parser and classifier (SPEC §8): any text, huge, deep, long numbers."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gemquota.core.classify import diagnose
from gemquota.core.diagnosis import Kind
from gemquota.core.google_error import parse_body, parse_duration, parse_text

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "errors"
SEEDS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]

# Fragments of real error texts, so that generated inputs reach deep into the parser.
PIECES = [
    '{"error":',
    "{'error': ",
    '"code": 429',
    "'status': 'RESOURCE_EXHAUSTED'",
    '"message": "',
    "\\n* Quota exceeded for metric: ",
    "generativelanguage.googleapis.com/generate_content_free_tier_requests",
    ", limit: ",
    ", model: gemini-2.5-flash",
    "Please retry in ",
    "retryDelay",
    '"quotaId": "GenerateRequestsPerDayPerProjectPerModel-FreeTier"',
    "quotaValue",
    "[429 Too Many Requests]",
    "got status: ",
    "reset after ",
    "quotaResetDelay",
    # 2026 shapes: every fact of the text pass is reached by some generated input.
    "Resets in 143h57m55s",
    "quotaResetTimeStamp: 2026-12-08T12:00:00Z",
    "Rate limit exceeded for model gemini-3.8-flash (limit: 20 requests per day on Free Tier)",
    "Please retry in 12h47m5s",
    "received 1011 (internal error)",
    "APIError: 1008 None.",
    "[Error 429]",
    "googleapi: Error 429: ",
    "ClientException: 429 .",
    "Retry-After: 30",
    "publishers/google/models/imagen-4.0-generate-001",
    "Model: gemma-4-31b-it",
    "models/gemini-2.0-flash is no longer available",
    "Quota exceeded for limit: 0",
    '"code": "payment_required"',
    "ACCESS_TOKEN_TYPE_UNSUPPORTED",
    "\\ud800",
    "retry_delay { seconds: ",
    "}",
    "]",
    "[",
    "{",
    '"',
    "'",
    "\\",
    "\\\\n",
    "│",
    "> ",
    "“",
    "”",
    "，",
    "...",
    "<NUM>",
    "0",
    "9" * 50,
    "\n",
    " ",
    "b'",
    "' +\n '",
]


def _check(text: str) -> None:
    errs = parse_text(text)
    assert isinstance(errs, list)
    diags = diagnose(text, now=NOW)
    assert diags
    for d in diags:
        doc = d.to_json()
        json.dumps(doc, allow_nan=False)  # never inf/NaN
        if d.retry_after_s is not None:
            assert math.isfinite(d.retry_after_s) and d.retry_after_s >= 0
        assert d.count >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_total_on_arbitrary_text(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_total_on_error_like_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_total_on_bytes_decoded_leniently(raw: bytes) -> None:
    _check(raw.decode("utf-8", errors="replace"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SEEDS), st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=5)
)
def test_truncated_and_mutated_real_pastes(seed: str, cut: int, mode: int) -> None:
    text = seed[: cut % (len(seed) + 1)]
    if mode == 1:
        text = text.replace("\\n", "n")
    elif mode == 2:
        text = text.replace('"', "\u201c")
    elif mode == 3:
        text = "\n".join(line[:37] + "\n  " + line[37:] for line in text.splitlines())
    elif mode == 4:
        text = "\n".join("│ " + line + " │" for line in text.splitlines())
    _check(text)


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    )
)
def test_parse_body_total(obj: object) -> None:
    assert isinstance(parse_body(obj), list)
    assert diagnose({"error": obj} if not isinstance(obj, (dict, list)) else obj, now=NOW)  # type: ignore[arg-type]


@pytest.mark.timeout(10)
def test_ten_megabytes() -> None:
    seed = SEEDS[0]
    _check((seed + "\n") * (10_000_000 // (len(seed) + 1)))
    _check("{[\"'\\" * 2_000_000)
    _check("x" * 10_000_000)


@pytest.mark.timeout(10)
@pytest.mark.parametrize(
    "text", ["{" * 10_000, "[" * 10_000 + "]" * 10_000, '{"error":' * 10_000, "[{'a': " * 10_000]
)
def test_deep_nesting(text: str) -> None:
    _check(text)


@pytest.mark.timeout(10)
def test_two_hundred_thousand_digit_retry_delay() -> None:
    digits = "9" * 200_000
    body = json.dumps(
        {
            "error": {
                "code": 429,
                "message": "Resource has been exhausted (e.g. check quota).",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                    {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": digits + "s"}
                ],
            }
        }
    )
    d = diagnose(body, now=NOW)[0]
    assert d.kind == Kind.UNSPECIFIED_429
    assert d.retry_after_s is not None and math.isfinite(d.retry_after_s)
    _check(
        f'429 RESOURCE_EXHAUSTED Please retry in {digits}s. quotaValue: "{digits}" limit: {digits} reset after {digits}s'
    )
    _check(
        f"* Quota exceeded for metric: x, limit: {digits}, model: m retry_delay {{ seconds: {digits} nanos: {digits} }}"
    )


def test_parse_duration() -> None:
    assert parse_duration("38.8s") == pytest.approx(38.8)
    assert parse_duration("856.559356ms") == pytest.approx(0.856559356)
    assert parse_duration("5h59m59.96s") == pytest.approx(21599.96)
    assert parse_duration("27s.") == 27.0
    assert parse_duration("1m30s") == 90.0
    assert parse_duration("soon") is None
    assert parse_duration("") is None
    huge = parse_duration("9" * 200_000 + "s")
    assert huge is not None and math.isfinite(huge)


def test_invalid_escapes_in_a_python_repr_never_warn() -> None:
    import warnings

    from gemquota.core.classify import diagnose

    text = "429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'bad \\{ escape \\d here', 'status': 'RESOURCE_EXHAUSTED'}}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = diagnose(text, now=datetime(2026, 3, 8, tzinfo=UTC))
    assert found[0].kind == "unspecified-429"
    assert [str(w.message) for w in caught] == []
