"""Shapes found in this session's work (round 11 of held-out sets; READMEs there): each rule is tested on
real pastes where one holds it, on variants, and on a look-alike that must not change."""

from __future__ import annotations

import pytest
from shapes import NOW, kind, one
from shapes import real as paste

from gemquota import explain


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Error: 429 daily quota exceeded for gemini-2.5-flash.", "rpd"),
        ("gemini-2.5-pro: 429 RESOURCE_EXHAUSTED - you have hit the requests per minute limit", "rpm"),
        ("Gemini API returned 429: you exceeded your TPM limit, slow down", "tpm"),
        ("429 Too Many Requests from generativelanguage.googleapis.com: RPD limit reached", "rpd"),
        ("Gemini API 429 RESOURCE_EXHAUSTED: the per-minute request quota has been exceeded.", "rpm"),
        ("Gemini API 429 RESOURCE_EXHAUSTED (tokens per day limit exceeded)", "tpd"),
        ("Gemini API 报错 429：超出每日配额", "rpd"),
        ("Gemini API 429 RESOURCE_EXHAUSTED 일일 할당량 초과", "rpd"),
    ],
)
def test_a_window_told_in_words_beside_a_429_names_the_dimension(text: str, want: str) -> None:
    found = one(text)
    assert found.kind == want
    # It is said to be read from words, not from a quota id.
    assert any("words" in a for a in found.assumptions), found.assumptions


def test_a_window_in_words_gives_way_to_a_quota_id_and_to_words_that_disagree() -> None:
    body = (
        "429 RESOURCE_EXHAUSTED {'quotaId': 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier', "
        "'quotaMetric': 'generativelanguage.googleapis.com/generate_content_free_tier_requests'} "
        "— yesterday I also exceeded the daily quota"
    )
    assert kind(body) == "rpm"
    both = "Gemini 429 RESOURCE_EXHAUSTED. We hit the per-minute limit in bursts and exceeded the daily quota later."
    assert kind(both) == "unspecified-429"
    # A name alone ("每分钟请求数", "requests per minute") with no word of exceeding names nothing.
    assert kind("Gemini API 429 RESOURCE_EXHAUSTED；免费版每分钟请求数从15次降到5次") == "unspecified-429"
    assert kind("Gemini 429 RESOURCE_EXHAUSTED. The requests per minute limit is 15 on the free tier.") == (
        "unspecified-429"
    )


def test_a_window_in_words_alone_is_no_error_and_claims_nothing_of_another_provider() -> None:
    assert kind("I think we exceeded the daily quota yesterday, will try again tomorrow.") == "unrecognized"
    assert kind("Open api daily request limit reached (error_code 17) from qianfan") == "unrecognized"
    assert kind("openai.RateLimitError: 429 You exceeded your RPM limit for gpt-4o") == "unrecognized"


def test_the_japanese_post_of_a_daily_quota_429_is_read_as_per_day() -> None:
    found = one(paste("shapes31", "009"))
    assert (found.kind, found.model) == ("rpd", "gemini-3-flash-preview")


def test_a_429_without_words_of_a_window_is_unchanged() -> None:
    [found] = explain("429 Too Many Requests", now=NOW)
    assert found.kind == "unspecified-429"


def test_an_apps_error_line_ending_with_its_code_and_a_code_a_user_got_are_read() -> None:
    assert kind("2026-12-05 12:00:01 [worker] Gemini API error 429\nretrying in 5s") == "unspecified-429"
    assert kind("Gemini API error 503") == "overloaded"
    assert kind("Got a 429 from Gemini again, after two requests") == "unspecified-429"
    assert one("I keep hitting 429 on gemini-2.5-pro since this morning, any idea?").model == "gemini-2.5-pro"
    # Another provider's line of the same form stays theirs; a number that is not a status is no code.
    assert kind("OpenAI API error 429") == "unrecognized"
    assert kind("Gemini API error 4291") == "unrecognized"
    assert kind("We got 429 stars on the Gemini plugin repo") == "unrecognized"
