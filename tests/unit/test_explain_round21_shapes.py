"""Shapes found in round 21 of held-out sets (holdout67–70, peers23, not-google25; READMEs there): each rule
is tested on variants and on a look-alike that must not change."""

from __future__ import annotations

import json

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    "text",
    [
        "error: failed to publish to registry at https://crates.io\n\nCaused by:\n  the remote server responded with an "
        "error (status 429 Too Many Requests): You have published too many crates in a short period of time.",
        "* module.abc.aws_route53_record.primary[0]: aws_route53_record.primary.0:\nThrottling: Rate exceeded\n"
        "\tstatus code: 400, request id: 322cd13f",
        "HTTP Logs: OPTIONS /api/v2/chatbot/message → 502 Bad Gateway\nRequests reach Railway but are not handled!",
        "- Vercel Serverless function timeout: 10 s (free plan)\n- Result: 504 Gateway Timeout on long jobs",
        "langfuse.api.core.api_error.ApiError: status_code: 429, body: 429 - rate limit exceeded",
    ],
)
def test_registries_clouds_and_hosts_keep_their_statuses(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_provider_said_to_work_in_chinese_is_no_provider_of_the_error() -> None:
    text = "Gemini 仅可简单对话，涉及到工具调用时页面始终显示400 no body。同样的对话使用deepseekAPI可用"
    assert kind(text) == "bad-request"
    # … but a DeepSeek that fails is the error's provider.
    assert kind(text.replace("deepseekAPI可用", "deepseekAPI也报错")) == "unrecognized"


def test_an_axios_log_record_keeps_the_google_body_of_its_response() -> None:
    body = {
        "error": {
            "code": 429,
            "message": "Quota exceeded for quota metric 'Generate Content API requests per minute'.",
            "status": "RESOURCE_EXHAUSTED",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "RATE_LIMIT_EXCEEDED",
                    "metadata": {
                        "quota_limit": "GenerateContentRequestsPerMinutePerProjectPerRegion",
                        "quota_limit_value": "0",
                        "service": "generativelanguage.googleapis.com",
                    },
                }
            ],
        }
    }
    record = {
        "code": "ERR_BAD_REQUEST",
        "config": {
            "url": "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent"
        },
        "level": "error",
        "message": "Request failed with status code 429",
        "name": "AxiosError",
        "response": {"data": body, "status": 429, "headers": {"server": "scaffolding on HTTPServer2"}},
        "stack": "AxiosError: Request failed with status code 429\n    at settle (axios.cjs:2099:12)",
    }
    d = one(json.dumps(record, separators=(",", ":")))
    assert (d.kind, d.model, d.limit) == (Kind.ZERO_QUOTA, "gemini-2.0-flash", 0)


def test_a_publisher_models_id_cut_by_a_hard_wrap_and_closed_by_its_quote() -> None:
    text = (
        '{\n  "error": {\n    "code": 404,\n    "message": "Publisher Model \n'
        "`projects/p1/locations/us-central1/publishers/google/models/gem\n"
        'ini-3-pro-preview` was not found or your project does not have access to it.",\n'
        '    "status": "NOT_FOUND"\n  }\n}'
    )
    assert one(text).model == "gemini-3-pro-preview"
    # A path whose line ends the id (no quote right after the next line's word) is not joined.
    two = "models/gemini-2.5-pro\nis the one that failed with 404 NOT_FOUND projects/p1/locations/x/publishers/g/"
    assert one(two).model == "gemini-2.5-pro"


def test_vertex_routes_and_embedding_ids_name_the_model() -> None:
    routed = 'API Error: 400 [vertex/gemini-3.1-flash-lite-preview] [400]: {"error": {"code": 400, "status": "INVALID_ARGUMENT"}}'
    assert one(routed).model == "gemini-3.1-flash-lite-preview"
    embedding = (
        'model = TextEmbeddingModel.from_pretrained("text-multilingual-embedding-002")\n'
        "google.api_core.exceptions.PermissionDenied: 403 Your application is authenticating by using local "
        "Application Default Credentials. The aiplatform.googleapis.com API requires a quota project."
    )
    assert one(embedding).model == "text-multilingual-embedding-002"


def test_precondition_check_failed_beside_a_google_client() -> None:
    text = (
        "Agent execution failed for stream message 5c9a: _GaxiosError: Precondition check failed.\n"
        "    at async CodeAssistServer.onboardUser (agent.mjs:206399:17)"
    )
    assert kind(text) == "bad-request"
    # Other services' preconditions are theirs.
    assert kind("Error: Precondition check failed. (etag mismatch on bucket upload)") == "unrecognized"


def test_googles_html_error_page_body() -> None:
    text = "The Vertex AI call returned (`<!DOCTYPE html>... 404. That’s an error.`), not a JSON error."
    assert kind(text) == "model-not-found"
    assert kind("<p><b>502.</b> <ins>That’s an error.</ins> Vertex AI") == "overloaded"
