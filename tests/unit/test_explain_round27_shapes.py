"""Shapes found in round 27 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Elixir's map (%{"code" => 429, …}), Ruby's hash and PHP's array of Google's error object.
        (
            '{:error, %{"error" => %{"code" => 429, "message" => "Resource exhausted", "details" => [%{"@type" => '
            '"type.googleapis.com/google.rpc.RetryInfo", "retryDelay" => "45s"}]}}}',
            Kind.UNSPECIFIED_429,
        ),
        (
            '{"error" => {"code" => 503, "message" => "The model is overloaded. Please try again later.", '
            '"status" => "UNAVAILABLE"}}',
            Kind.OVERLOADED,
        ),
        (
            "['error' => ['code' => 400, 'message' => 'API key not valid. Please pass a valid API key.']]",
            Kind.BAD_KEY,
        ),
    ],
)
def test_hash_rocket_maps_read_as_json(text: str, want: Kind) -> None:
    assert one(text).kind == want


def test_hash_rocket_maps_keep_retry_delay() -> None:
    d = one(
        '%{"error" => %{"code" => 429, "status" => "RESOURCE_EXHAUSTED", "details" => [%{"@type" => '
        '"type.googleapis.com/google.rpc.RetryInfo", "retryDelay" => "45s"}]}}'
    )
    assert d.retry_after_s == 45.0


def test_another_api_s_hash_rocket_map_stays_theirs() -> None:
    text = (
        '{"error" => {"message" => "Rate limit reached for gpt-4o in organization org-abc", "code" => 429}}'
    )
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        "[Bug] Agent 使用默认 Google 渠道时丢掉 /v1beta，generateContent 打到无版本路径并返回空 404",
        "调用 Gemini 接口返回空的 404",
    ],
)
def test_an_empty_code_returned_in_chinese_prose(text: str) -> None:
    assert kind(text) == "model-not-found"


def test_a_code_in_prose_needs_a_google_product_named() -> None:
    assert kind("接口返回空 404，换了路径也一样") == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        # new-api / one-api relays' own 429 when a group's upstreams are busy.
        "error, status code: 429, status: 429 Too Many Requests, message: 当前分组上游负载已饱和，请稍后再试 "
        "(request id: 20260203113641101064610dirTcn8H)",
        # vLLM by its own flags (behind an OpenAI-compatible host).
        "Error code: 400 - {'code': 400, 'message': '\"auto\" tool choice requires --enable-auto-tool-choice and "
        "--tool-call-parser to be set', 'type': 'BadRequestError'}",
        # OpenRouter's own context-length refusal.
        '{"error":{"message":"This endpoint\'s maximum context length is 200000 tokens. However, you requested about '
        "2500021 tokens (2500021 of text input). Please reduce the length of either one, or use the "
        'context-compression plugin to compress your prompt automatically.","code":400}}',
    ],
)
def test_relays_local_servers_and_openrouter_own_words_are_theirs(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_google_s_body_behind_a_relay_stays_google_s() -> None:
    text = (
        "error, status code: 429, status: 429 Too Many Requests, message: new-api relayed: "
        '{"error": {"code": 429, "message": "You exceeded your current quota. Please retry in 7.2s.", '
        '"status": "RESOURCE_EXHAUSTED"}}'
    )
    assert kind(text) == "unspecified-429"


@pytest.mark.parametrize(
    "text",
    [
        'LiteLLM logs "VertexAIError: 400 250 instance(s) is allowed per prediction. Actual: 512"',
        "litellm: _VertexAIError: 429 Resource exhausted. Please try again later._",
    ],
)
def test_litellm_s_vertex_error_class_with_its_code(text: str) -> None:
    assert kind(text) in ("bad-request", "unspecified-429", "capacity")


@pytest.mark.parametrize(
    ("text", "model"),
    [
        # An app's own failure around a call to a Gemini model: no Google error, but the model it called.
        (
            "Error: connect ETIMEDOUT 142.250.4.95:443 while calling gemini-2.0-flash-thinking-exp-1219 (attempt 3)",
            "gemini-2.0-flash-thinking-exp-1219",
        ),
        (
            "[GoogleGenerativeAI Error]: Error fetching from https://generativelanguage.googleapis.com/v1beta/models/gemini-3-flash-preview:streamGenerateContent?alt=sse: fetch failed",
            "gemini-3-flash-preview",
        ),
        # … not another vendor's model, nor a word a refused error took for one.
        ("The model `gpt-4.1-nano-wrong` does not exist or you do not have access to it.", None),
        ("Could not reach the server. Check your network.", None),
    ],
)
def test_an_unrecognized_paste_still_says_which_google_model_it_names(text: str, model: str | None) -> None:
    d = one(text)
    assert (d.kind, d.model) == (Kind.UNRECOGNIZED, model)
