"""Shapes found in this session's work (round 14 of held-out sets; READMEs there): each rule is tested on
variants and on a look-alike that must not change."""

from __future__ import annotations

from shapes import kind


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
    assert kind("ClientError: 429 RESOURCE_EXHAUSTED. Status Code: 429, Request ID: 9a1c") == "unspecified-429"


def test_acme_problem_documents_and_zeit_are_other_services() -> None:
    acme = (
        'Error: Certificate signature failed. {"type":"urn:acme:error:rateLimited","detail":"Error creating '
        'new cert :: Too many certificates already issued for: example.org","status":429}'
    )
    assert kind(acme) == "unrecognized"
    assert kind('{"type":"urn:ietf:params:acme:error:rateLimited","status":429}') == "unrecognized"
    assert kind("Let's Encrypt said 429 Too Many Requests") == "unrecognized"
    assert kind("> Error! An unexpected error occurred in deploy: Error: Rate limit exceeded (429) — zeit now") == (
        "unrecognized"
    )
    # A bare 429 that names no one is still unspecified-429 (SPEC §1.1).
    assert kind("Error: Rate limit exceeded (429)") == "unspecified-429"
