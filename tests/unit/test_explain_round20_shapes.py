"""Shapes found in round 20 of held-out sets (holdout63–66, shapes39, peers22; READMEs there): each rule is
tested on variants and on a look-alike that must not change."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from shapes import kind, one

from gemquota import explain
from gemquota.core.diagnosis import Kind

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)

QUOTA_429 = (
    '{"error": {"code": 429, "message": "You exceeded your current quota, please check your plan and billing '
    "details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. "
    'Please retry in {delay}.", "status": "RESOURCE_EXHAUSTED"}}'
)


@pytest.mark.parametrize("delay", ["2h35m3.27s", "9303s", "1h0m1s", "23h59m"])
def test_an_hours_long_retry_on_a_quota_429_is_a_day_window(delay: str) -> None:
    d = explain(QUOTA_429.replace("{delay}", delay), now=NOW)[0]
    assert d.kind == Kind.RPD, d.why
    assert any("inferred from the retry hint" in a for a in d.assumptions)
    # The hint may well be the day's reset: no note says it is not.
    assert not any("is not when a daily quota resets" in n for n in d.notes)


@pytest.mark.parametrize("delay", ["38.86s", "59m", "26h", "900000s"])
def test_a_minute_or_an_over_long_retry_names_no_window(delay: str) -> None:
    # Minute windows ask for seconds; a hint longer than a Pacific day is no day window's either.
    assert kind(QUOTA_429.replace("{delay}", delay)) == "unspecified-429"


def test_code_assists_hours_long_reset_stays_a_plan_allowance() -> None:
    text = (
        "429 RESOURCE_EXHAUSTED cloudcode-pa.googleapis.com: You have exhausted your capacity on this model. "
        "Your quota will reset after 5h12m9s."
    )
    assert kind(text) == "plan-quota"


def test_a_windows_traceback_path_names_googles_sdk() -> None:
    frame = '  File "C:\\app\\venv\\Lib\\site-packages\\google\\genai\\live.py", line 136, in receive\n'
    close = "websockets.exceptions.ConnectionClosedError: received 1011 (internal error) Request trace id: 1f"
    assert kind(frame + close) == "internal"
    # The close alone is any WebSocket server's.
    assert kind(close) == "unrecognized"


def test_an_overloaded_reason_in_a_live_close_decides() -> None:
    text = (
        'File "/srv/.venv/lib/python3.12/site-packages/google/genai/live.py", line 206, in _receive\n'
        "websockets.exceptions.ConnectionClosedError: received 1011 (internal error) Request trace id: 2a, "
        "[ORIGINAL ERROR] generic::OVERLOADED_TOO_MANY_RETRIES_PER_REQUEST: You are mo"
    )
    d = one(text)
    assert d.kind == Kind.OVERLOADED and "OVERLOADED_TOO_MANY_RETRIES_PER_REQUEST" in d.evidence
    # The word on another line, or in prose case, is not the close's reason.
    assert kind(text.replace("OVERLOADED_TOO_MANY", "\nOVERLOADED_TOO_MANY")) == "internal"
    assert kind(text.replace("OVERLOADED_TOO_MANY_RETRIES", "Overloaded")) == "internal"


@pytest.mark.parametrize(
    "timeout",
    [
        "Cannot connect to API: Connect Timeout Error (attempted addresses: 142.250.198.74:443, timeout: 10000ms)",
        "TypeError: fetch failed\n  [cause]: ConnectTimeoutError: Connect Timeout Error { code: 'UND_ERR_CONNECT_TIMEOUT' }",
        "[cause]: HeadersTimeoutError: Headers Timeout Error { code: 'UND_ERR_HEADERS_TIMEOUT' }",
    ],
)
def test_nodes_undici_time_outs_on_a_call_to_google(timeout: str) -> None:
    url = (
        "url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:streamGenerateContent'"
    )
    d = one(f"{timeout}\n{url}")
    assert (d.kind, d.model) == (Kind.DEADLINE, "gemini-2.5-pro")
    # … and the same time-out on a call to anybody else is theirs.
    assert kind(f"{timeout}\nurl: 'https://api.example.com/v1/chat'") == "unrecognized"


def test_the_context_caches_minimum_is_a_bad_request() -> None:
    assert (
        kind("Cached content is too small. total_token_count=1, min_total_token_count=4096") == "bad-request"
    )
    assert kind("# Cached content is too small. total_token_count=1\n\nconst cache = ...") == "bad-request"


def test_a_spend_limit_in_words_needs_google_beside_it() -> None:
    anthropic = (
        "anthropic.BadRequestError: Error code: 400 -\n  Monthly spend limit reached. Current usage: $150.00 / "
        "$150.00 limit. Your credit balance is too low to access the Anthropic API."
    )
    assert kind(anthropic) == "unrecognized"
    assert kind("Gemini API: 429 Monthly spend limit reached for this project.") == "billing-limit"
    # Google's own wording needs nothing beside it.
    google = (
        "Your project has exceeded its monthly spending cap. Please go to AI Studio to manage your spend cap."
    )
    assert kind(google) == "billing-limit"


def test_high_demand_retold_without_currently() -> None:
    d = one(
        "fix: prune gemini-3.8-flash from models\n\nThis model is experiencing high demand and frequently fails."
    )
    assert (d.kind, d.model) == (Kind.OVERLOADED, "gemini-3.8-flash")
    # Any service's model may be in demand: with nothing of Google's it is nobody's.
    assert kind("This model is experiencing high demand and frequently fails.") == "unrecognized"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemini의 응답으로 503이 오는 경우 재시도 처리 해야 함", "overloaded"),
        ("Gemini API에서 429가 발생하면 잠시 후 다시 시도", "unspecified-429"),
        ("Gemini APIから503が返ってくることがある", "overloaded"),
        ("Adds docs for repeated Gemini 503 (high demand) errors", "overloaded"),
        # … and the error in words alone: "overloaded errors", "timeout errors", a used-up quota.
        ("The Gemini CLI often encounters overloaded errors with an API key", "overloaded"),
        ("Processing a long video with Gemini I'm getting timeout errors at 5 minutes", "deadline"),
        ("Gemini API: I ran out of quota again today", "unspecified-429"),
    ],
)
def test_a_code_told_in_korean_japanese_or_with_its_cause_in_brackets(text: str, expected: str) -> None:
    assert kind(text) == expected
    # Not about Google: nobody's.
    assert kind(text.replace("Gemini API", "The API").replace("Gemini", "The server")) == "unrecognized"


def test_a_changelogs_websocket_error_code_of_gemini_live() -> None:
    text = "Fixed GeminiLiveLLMService crashing with WebSocket error 1007 when seeding a session. Gemini Live only"
    assert kind(text) == "bad-request"
    # "gemini-live" is a route's name, not a model id; "gemini-live-2.5-flash-preview" is one.
    assert one(text + ' accepts text: llm="gemini-live"').model is None
    assert one(text + " (model gemini-live-2.5-flash-preview)").model == "gemini-live-2.5-flash-preview"


@pytest.mark.parametrize(
    "text",
    [
        "i use gemini cli as a code assistant when i use it say you quota is full",
        "In Antigravity my quota was finished after one example, switching the model gives the same error",
    ],
)
def test_a_used_up_quota_told_in_words_on_code_assist_is_the_plan_allowance(text: str) -> None:
    d = one(text)
    assert d.kind == Kind.PLAN_QUOTA, d.why
    assert any("Only words tell of the quota" in a for a in d.assumptions)


def test_antigravitys_agent_terminated_states_no_cause() -> None:
    notice = (
        "Antigravity on free accounts:\nAgent terminated due to error\nYou can prompt the model to try again or "
        "start a new conversation if the error persists."
    )
    assert kind(notice) == "unrecognized"
    # The cause under it decides.
    assert kind(notice + "\nNo capacity available for model gemini-3.1-pro-high on the server") == "capacity"
    assert kind(notice + '\n{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED"}}') == "unspecified-429"


def test_a_dated_release_of_a_display_name() -> None:
    text = (
        'When trying to access gemini pro preview 05 06, I get: got status: 400 Bad Request. {"error": {"code": '
        '400, "message": "Thinking can\'t be disabled for this model.", "status": "INVALID_ARGUMENT"}}\n'
        "select gemini 2.5 pro preview 05-06\n\nProvider/Model: gemini:gemini-2.5-pro-preview-05-06\nOS: macOS"
    )
    assert one(text).model == "gemini-2.5-pro-preview-05-06"


def test_the_model_code_assist_names_whoever_made_it() -> None:
    capacity = (
        'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"RESOURCE_EXHAUSTED: You '
        'have exhausted your capacity on claude-opus-4-6-thinking. Quota will reset after 2h9m48s."}}'
    )
    d = one(capacity)
    assert (d.kind, d.model) == (Kind.PLAN_QUOTA, "claude-opus-4-6-thinking")
    # "on this model" names none.
    assert one(capacity.replace("claude-opus-4-6-thinking", "this model")).model is None
    debug = (
        "Permission denied on resource project p1.\n[Debug Info]\nRequested Model: antigravity-claude-sonnet-4-5\n"
        "Effective Model: claude-sonnet-4-5\nEndpoint: https://cloudcode-pa.googleapis.com/v1internal:"
        "streamGenerateContent?alt=sse\nStatus: 403"
    )
    d = one(debug)
    assert (d.kind, d.model) == (Kind.PERMISSION, "claude-sonnet-4-5")


def test_the_omni_video_models_are_model_ids() -> None:
    text = '`gemini-omni-flash-preview`: generateContent returns a 400 ("This model only supports Interactions API")'
    assert one(text).model == "gemini-omni-flash-preview"
    assert one("400 INVALID_ARGUMENT gemini-omni is not a model").model is None
