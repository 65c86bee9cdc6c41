"""Shapes found in round 28 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    "text",
    [
        # Google's field path of a request message, hard-wrapped before a segment in a commit message.
        "rejected by Gemini with:\n\n    INVALID_ARGUMENT: GenerateContentRequest.tools[0].function_declarations[N]\n"
        "    .parameters.properties[labels].items: missing field.",
        "* GenerateContentRequest.contents[0].parts\n  .inline_data: required oneof field 'data' must have one initialized field",
        # (… with no status word beside it.)
        "Gemini said: GenerateContentRequest.tools[0].function_declarations[3]\n    .parameters.properties[tags].items: missing field.",
    ],
)
def test_a_wrapped_request_field_path_is_google_s(text: str) -> None:
    assert kind(text) == "bad-request"


def test_a_wrapped_path_needs_google_s_request_message() -> None:
    # Another API's request message with the same shape is not Google's.
    text = "Order rejected: CreateOrderRequest.items[0]\n    .sku: missing field."
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        'error="Gemini API error (429 Too Many Requests): No capacity available"',
        "[API Error: 503 No capacity available] while calling gemini-3.1-pro-high",
    ],
)
def test_no_capacity_available_cut_short_beside_google_is_capacity(text: str) -> None:
    assert kind(text) == "capacity"


def test_no_capacity_available_alone_is_nobody_s() -> None:
    assert kind("Scheduling failed: no capacity available in zone eu-west-1b for instance type m5.large") == (
        "unrecognized"
    )


def test_a_paid_tier_metric_with_its_tier_number_is_google_s() -> None:
    # The metric's bare name is Google's identifier, with its tier number too.
    text = "The quota endpoint does not track the limit (generate_content_paid_tier_2_requests), so the CLI retries."
    assert kind(text) == "unspecified-429"
    assert kind(text.replace("paid_tier_2", "paid_plan_2")) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        # Anthropic's envelope with its keys in another order (a recorded cassette's body).
        'status: 400\nbody: \'{"error":{"message":"Schema is too complex for compilation.","type":"invalid_request_error"},'
        '"request_id":"req_011CX","type":"error"}\'',
        # llama.cpp's server by its error types and words.
        '{"error":{"code":500,"message":"input (4002 tokens) is too large to process. increase the physical batch '
        'size (current batch size: 512)","type":"server_error"}}',
        '{"error":{"code":501,"message":"This server does not support reranking. Start it with `--reranking`",'
        '"type":"not_supported_error"}}',
        '{"error":{"code":500,"message":"image input is not supported - hint: if this is unexpected, you may need to '
        'provide the mmproj","type":"server_error"}}',
        # Cohere's not-found sentence.
        'status: 404\n{"message":"model \'command-x\' not found, make sure the correct model ID was used and that you '
        'have access to the model."}',
    ],
)
def test_other_servers_errors_in_cassettes_are_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_javascript_object_literal_mock_is_read_as_a_body() -> None:
    text = """const error = new GeminiError("Rate limit with retry", {
        status: 429,
        error: {
            status: "RESOURCE_EXHAUSTED",
            message: "Rate limit exceeded",
            details: [
                { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "30s" },
                { "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                  violations: [{ subject: "requests_per_minute", description: "Request limit exceeded" }] },
            ],
        },
    });"""
    d = one(text)
    assert (d.kind, d.retry_after_s) == (Kind.RPM, 30.0)


def test_a_quota_id_written_as_the_metric_with_a_mock_s_limit() -> None:
    text = """const error = Object.assign(new Error('RESOURCE_EXHAUSTED'), {
        status: 429,
        details: [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
                    violations: [{ quotaMetric: 'GenerateContentInputTokensPerModelPerDay-FreeTier', limit: 0 }] }],
    });"""
    assert kind(text) == "zero-quota"


def test_a_violation_subject_naming_a_resource_is_no_window() -> None:
    text = (
        '{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [{"@type": '
        '"type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"subject": "project:123456", '
        '"description": "Quota exceeded"}]}]}}'
    )
    assert kind(text) == "unspecified-429"


@pytest.mark.parametrize(
    ("unit", "want"),
    [("1/d/{project}", "rpd"), ("1/min/{project}/{region}", "rpm")],
)
def test_the_quota_unit_of_an_error_info_names_the_window(unit: str, want: str) -> None:
    # (A Python dict with trailing commas, as a test writes it.)
    text = f"""httpx.Response(
        status_code=429,
        json={{
            "error": {{
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                    {{
                        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                        "reason": "RESOURCE_EXHAUSTED",
                        "metadata": {{"quota_unit": "{unit}",}},
                    }},
                ],
            }},
        }},
    )"""
    assert kind(text) == want


def test_a_parametrize_list_of_payloads_reads_each_payload() -> None:
    text = """@pytest.mark.parametrize(
    ("error_payload", "expected_type", "expected_status"),
    [
        ({"error": "upstream failed"}, "invalid_request", 400),
        ({"error": {"code": 403, "status": "PERMISSION_DENIED"}}, "forbidden", 403),
    ],
)"""
    assert kind(text) == "permission"


@pytest.mark.parametrize(
    ("text", "model"),
    [
        # Another vendor's embedding model in its own 404 is no Google model, whatever its stem.
        (
            '{"error": {"message": "The model `text-embedding-nonexistent-model` does not exist or you do not have '
            'access to it.", "type": "invalid_request_error", "param": null, "code": "model_not_found"}}',
            None,
        ),
        # … while Google's embedding id named beside an app's own message is given.
        (
            "Gemini API rate limit exceeded. Please try again later. (model: text-embedding-004, plugin v2)",
            "text-embedding-004",
        ),
    ],
)
def test_an_unrecognized_paste_gives_only_a_google_model_id(text: str, model: str | None) -> None:
    d = one(text)
    assert (d.kind, d.model) == (Kind.UNRECOGNIZED, model)
