"""Linear, total parsing (SPEC §8, issue #11): adversarial inputs complete, and odd characters never raise.

Runs of each special character, truncated bodies followed by long junk, and lone surrogates. Inputs are
bounded (~200 KB); a quadratic pattern takes minutes on them, so the generous per-test timeout catches
it. Speed itself is measured in benchmarks/bench_explain.py, not here."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gemquota import explain
from gemquota.core.parse import parse_body, parse_text

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
SPECIALS = [*"\\\"'{}[],:; \t\n.-_/*<>=()@#%&|`~!?+0a", "│", "“", "，", "\xa0", "\u2028", "\x1b"]
PREFIXES = [
    "",
    '{"error": {"code": 429, "message": "',
    "{'error': {'message': '",
    '[{"error": ',
    "HTTP 429 ",
    "Quota exceeded for metric: ",
    "Please retry in ",
    "models/",
]
BODY = (
    '{"error": {"code": 429, "message": "Resource has been exhausted", "status": "RESOURCE_EXHAUSTED", '
    '"details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "3s"}]}}'
)
RUN = 200_000


@pytest.mark.timeout(300)
@pytest.mark.parametrize("prefix", PREFIXES)
def test_long_runs_of_every_special_character_complete(prefix: str) -> None:
    for char in SPECIALS:
        for tail in ("", "x", '"}'):
            assert isinstance(parse_text(prefix + char * RUN + tail), list)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("junk", [" ", "\n", ",", ":", " ,: ", "\\", "\\\\n", "x"])
def test_truncated_bodies_followed_by_junk_complete(junk: str) -> None:
    for cut in range(10, len(BODY), 23):
        found = parse_text(BODY[:cut] + junk * (RUN // len(junk)))
        assert isinstance(found, list)


@pytest.mark.timeout(120)
def test_a_truncated_body_before_junk_is_still_read() -> None:
    cut = BODY.index(', "details"')
    found = parse_text(BODY[:cut] + " ,\n:" * 50_000)
    assert found and found[0].status == "RESOURCE_EXHAUSTED"


@pytest.mark.timeout(120)
def test_a_run_of_backslashes_before_an_escape_is_one_backslash() -> None:
    found = parse_text(
        '{"error": {"code": 429, "message": "a' + "\\" * RUN + 'n", "status": "RESOURCE_EXHAUSTED"}}'
    )
    assert isinstance(found, list)


LONE = "\ud800"


def _quota_body(quota_id: str) -> dict[str, object]:
    return {
        "error": {
            "code": 429,
            "status": "RESOURCE_EXHAUSTED",
            "message": "quota",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                    "violations": [{"quotaId": quota_id, "quotaMetric": "m" + LONE}],
                }
            ],
        }
    }


def test_a_lone_surrogate_escape_in_a_json_paste_never_reaches_the_output() -> None:
    text = json.dumps(_quota_body(f"GenerateRequestsPerDay{LONE}PerProjectPerModel-FreeTier"))
    assert "\\ud800" in text
    d = explain(text, now=NOW)[0]
    json.dumps(d.to_json(), ensure_ascii=False).encode("utf-8")  # no UnicodeEncodeError
    assert d.quota_id is not None and LONE not in d.quota_id


def test_a_lone_surrogate_in_a_body_or_a_str_never_reaches_the_output() -> None:
    for x in (_quota_body(f"GenerateRequestsPerDay{LONE}PerProject"), "429 RESOURCE_EXHAUSTED " + LONE):
        for d in explain(x, now=NOW):
            json.dumps(d.to_json(), ensure_ascii=False).encode("utf-8")
    assert parse_body({"error": {"code": 429, "message": LONE * 3}})[0].message == "???"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=400))
def test_any_text_with_surrogates_diagnoses_to_encodable_json(text: str) -> None:
    for d in explain(text, now=NOW):
        json.dumps(d.to_json(), ensure_ascii=False).encode("utf-8")
