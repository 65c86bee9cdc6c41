"""Shapes found in this session's work (round 14 of held-out sets; READMEs there): each rule is tested on
variants and on a look-alike that must not change."""

from __future__ import annotations

import pytest
from shapes import NOW, kind, one

from gemquota import explain


def test_the_gemini_exchange_naming_its_own_gemini_api_is_not_google() -> None:
    exchange = (
        "When fetching balance from Gemini with valid API keys, receiving 400 Bad Request. Invoking the "
        "Gemini API directly with the same key works.\n"
        "Error: gemini POST https://api.gemini.com/v1/balances 400 Bad Request "
        '{"result":"error","reason":"InvalidNonce","message":"Nonce has not increased since your last call '
        'to the Gemini API."}\n'
    )
    assert kind(exchange) == "unrecognized"
    assert kind("Gemini API error 429 from the Gemini exchange (GUSD withdrawals)") == "unrecognized"
    # Google's Gemini API on an error's own line still outweighs another provider named elsewhere.
    relay = (
        "I configured DeepSeek and a relay's Gemini provider. DeepSeek works.\n"
        "LLM request failed: HTTP 400: provider=Gemini: the response has a status code of 400\n"
    )
    assert kind(relay) == "bad-request"
    # … and a Google body beside a paste that names the exchange stays Google's.
    both = (
        "My bot trades on the Gemini exchange and summarises with Google's model:\n"
        '{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", '
        '"status": "RESOURCE_EXHAUSTED"}}'
    )
    assert kind(both) == "unspecified-429"


def test_the_aws_java_sdk_v2_error_suffix_names_aws() -> None:
    assert kind(
        "software.amazon.awssdk.services.cloudformation.model.CloudFormationException: Rate exceeded "
        "(Service: CloudFormationClient, Status Code: 400, Request ID: 0cb151b8-e85d-11e8)"
    ) == ("unrecognized")
    assert kind("LambdaException: Rate Exceeded. (Service: Lambda, Status Code: 429, Request ID: 9a1c)") == (
        "unrecognized"
    )
    # A Google error with a request id of its own stays Google's.
    assert (
        kind("ClientError: 429 RESOURCE_EXHAUSTED. Status Code: 429, Request ID: 9a1c") == "unspecified-429"
    )


def test_acme_problem_documents_and_zeit_are_other_services() -> None:
    acme = (
        'Error: Certificate signature failed. {"type":"urn:acme:error:rateLimited","detail":"Error creating '
        'new cert :: Too many certificates already issued for: example.org","status":429}'
    )
    assert kind(acme) == "unrecognized"
    assert kind('{"type":"urn:ietf:params:acme:error:rateLimited","status":429}') == "unrecognized"
    assert kind("Let's Encrypt said 429 Too Many Requests") == "unrecognized"
    assert kind(
        "> Error! An unexpected error occurred in deploy: Error: Rate limit exceeded (429) — zeit now"
    ) == ("unrecognized")
    # A bare 429 that names no one is still unspecified-429 (SPEC §1.1).
    assert kind("Error: Rate limit exceeded (429)") == "unspecified-429"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("AI_APICallError: Not Found when using Gemini api calls", "model-not-found"),
        ("[GoogleGenerativeAI Error]: Internal Server Error", "internal"),
        ("Gemini request failed. Error: Too Many Requests", "unspecified-429"),
        ("Roo Code with gemini-3-pro-preview: Requests Error, Service Unavailable Error", "overloaded"),
        ("Vertex AI call failed, Exception: Gateway Timeout", "deadline"),
        ("gemini-2.5-flash: Error: Bad Request", "bad-request"),
        ("Gemini API Error: Forbidden", "permission"),
    ],
)
def test_an_http_reason_phrase_as_an_errors_message_reads_as_its_code(text: str, want: str) -> None:
    assert kind(text) == want


def test_a_reason_phrase_needs_a_google_signal_and_yields_to_a_stated_code_and_other_providers() -> None:
    # Nobody named: generic words are nobody's error.
    assert kind("Error: Not Found") == "unrecognized"
    assert kind("Request failed. Error: Too Many Requests") == "unrecognized"
    # Another provider or API named: theirs.
    assert kind("OpenAI Error: Too Many Requests") == "unrecognized"
    assert (
        kind("TooManyRequestsException: Too Many Requests (AWS API Gateway) for my Gemini bot")
        == "unrecognized"
    )
    assert kind("Call api error: 429 Too many requests. Error code: 1015 (Gemini bot)") == "unrecognized"
    # A code the error states wins over the phrase, and the phrase does not split the error in two.
    region = (
        "Gemini API request failed: 400 Client Error: Bad Request for url: "
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent\n"
        '"message": "User location is not supported for the API use."'
    )
    found = one(region)
    assert (found.kind, found.model) == ("region", "gemini-2.0-flash")
    assert len(explain(region, now=NOW)) == 1


def test_more_google_wordings_and_names() -> None:
    # Google's front end's 400 for a field it cannot read.
    assert kind("AI_APICallError: Invalid resource field value in the request.\n  at @ai-sdk/google") == (
        "bad-request"
    )
    # A workflow tool's check of a model name, with a Google model id; another maker's model is theirs.
    found = one("Google Vertex AI node: No model found called 'gemini-3-pro-preview'")
    assert (found.kind, found.model) == ("model-not-found", "gemini-3-pro-preview")
    assert kind("No model found called 'llama3'") == "unrecognized"
    # The AI SDK's name of the Gemini API, beside a code=RESOURCE_EXHAUSTED that alone would be gRPC's.
    assert kind(
        "Google Generative AI API error (429): You exceeded your current quota ... [code=RESOURCE_EXHAUSTED]"
    ) == ("unspecified-429")
    assert kind("rpc error: code = ResourceExhausted desc = quota") == "unrecognized"
    # Vertex AI named makes a generic wording Google's, as Gemini does.
    assert (
        kind("Internal error encountered when using VertexAI in ConversationalRetrievalChain") == "internal"
    )
    assert kind("Internal error encountered.") == "unrecognized"
    # A title's "504 deadline" about Google's SDK.
    assert kind("genai embedding not work, 504 deadline (langchain_google_genai)") == "deadline"
    # A library's rewording of the region refusal, beside Google's SDK; alone or another provider's, nobody's.
    assert (
        kind("ValueError: Your location is not supported by google-generativeai at the moment.") == "region"
    )
    assert kind("Your location is not supported.") == "unrecognized"
    assert (
        kind("OpenAI: Your location is not supported (unsupported_country_region_territory)")
        == "unrecognized"
    )
    # Google's documentation site is no other service.
    assert kind(
        "URL: https://google.github.io/adk-docs/tools-custom/\nModel used: gemini-2.5-flash\n"
        "The event returns a 400 error with the message: Tool use with function calling is unsupported."
    ) == ("bad-request")


def test_a_reason_named_in_prose_does_not_recast_a_bodys_status() -> None:
    body = (
        '{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", '
        '"status": "RESOURCE_EXHAUSTED"}}\n'
        "We had VALIDATION_REQUIRED before; that is solved now, but every call gets this."
    )
    assert kind(body) == "unspecified-429"
    # … while a 403 that carries the reason is the reason's.
    refused = (
        '{"error": {"code": 403, "message": "Verify your account.", "status": "PERMISSION_DENIED", '
        '"details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "VALIDATION_REQUIRED", '
        '"domain": "cloudcode-pa.googleapis.com"}]}}'
    )
    assert kind(refused) == "permission"


def test_claude_by_display_name_is_anthropic_unless_google_serves_it() -> None:
    assert kind(
        "Zed Claude 3.7: completion failed with status 500 Internal Server Error (Gemini is fine)"
    ) == ("unrecognized")
    assert kind(
        "Request failed with status: 400 Bad Request. Provider & Model: Sonnet 3.5 through litellm"
    ) == ("unrecognized")
    assert kind("# `429 Resource Exhausted` for Claude 4.5 via VertexAI") == "unspecified-429"


def test_a_gateways_provider_envelope_carries_googles_body() -> None:
    inner = (
        '[{\n \\"error\\": {\n \\"code\\": 429,\n \\"message\\": \\"Resource has been exhausted (e.g. '
        'check quota).\\",\n \\"status\\": \\"RESOURCE_EXHAUSTED\\"\n }\n}\n]'
    )
    envelope = (
        '{"error":{"type":"provider","reason":"provider_error","message":"Provider returned 429",'
        '"retryable":true,"provider":{"status":429,"body":"' + inner + '"}}}'
    )
    assert kind(envelope) == "unspecified-429"


def test_a_routers_log_line_names_the_model_antigravity_served() -> None:
    found = one(
        "[11:11:53] END (ERROR) | provider=antigravity | model=claude-sonnet-4-6\n[ERROR] [403]: forbidden"
    )
    assert (found.kind, found.model) == ("permission", "claude-sonnet-4-6")
