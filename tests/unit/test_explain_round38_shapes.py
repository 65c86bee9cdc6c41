"""Shapes found in round 38 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    "text",
    [
        "google_search_retrieval is not supported. Please use google_search tool instead.",
        "❌ AI error: google_search_retrieval is not supported. Please use google_search field instead.",
        '{"error": {"message": "googleSearchRetrieval is not supported"}}',
    ],
)
def test_the_retired_search_tool_refused_is_a_bad_request(text: str) -> None:
    # Gemini's own words for the pre-2.0 search tool: Google's refusal of the request, no code needed.
    assert kind(text) == Kind.BAD_REQUEST.value


def test_another_tool_not_supported_is_nobodys() -> None:
    # A generic "X is not supported" of another tool is no Google wording.
    assert kind("web_search_preview is not supported. Please use web_search tool instead.") == "unrecognized"
