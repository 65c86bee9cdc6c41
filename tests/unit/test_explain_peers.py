"""Peer projects' test inputs (gemini-cli, google-genai, LiteLLM, CLIProxyAPI — tests/fixtures/peers): the
minimal forms they test (bare messages, ``status`` only, details only, no HTTP code) decide stop-vs-retry
as SPEC §2 says. Each shape test starts from a peer's input (named in SOURCES.tsv) and varies it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from golden import kinds_of, load_labels

from gemquota import explain
from gemquota.core.diagnosis import RETRY_OF, Backend, Diagnosis, Kind

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
PEERS = Path(__file__).resolve().parents[1] / "fixtures" / "peers"
PEERS_LABELS = load_labels(PEERS)


def one(text: str | bytes) -> Diagnosis:
    return explain(text, now=NOW)[0]


#: Inputs left as known misses (README): a reason phrase with no code and nothing Google's beside it is
#: not claimed, for precision.
KNOWN_MISSES = {"187-gcli-hist-service-unavailable-capacity-exceeded.txt"}


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(r, marks=pytest.mark.xfail(strict=True, reason="known miss"))
        if r["file"] in KNOWN_MISSES
        else r
        for r in PEERS_LABELS
    ],
    ids=[r["file"][:48] for r in PEERS_LABELS],
)
def test_peer_case(row: dict[str, str]) -> None:
    got = one((PEERS / row["file"]).read_bytes())
    kinds = kinds_of(row)
    assert str(got.kind) in kinds
    assert got.retry in {RETRY_OF[Kind(k)] for k in kinds}
    if row["model"] not in ("", "-"):
        assert (got.model or "").removeprefix("models/") == row["model"]


# --- an OpenAI-compatible error object's word code is that provider's -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        # CLIProxyAPI's DeepSeek bodies (client_error_test.go), then the same envelope with other words.
        '{"error":{"code":"invalid_request_error","message":"Authentication Fails, Your api key: ****heck is invalid",'
        '"param":null,"type":"authentication_error"}}',
        '{"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}}',
        '{"error":{"message":"Rate Limit Reached","type":"unknown_error","param":null,"code":"invalid_request_error"}}',
        '{"error": {"message": "Too many tokens", "type": "tokens", "param": null, "code": "rate_limit_exceeded"}}',
        '{"error": {"message": "The model does not exist", "type": "invalid_request_error", "code": "model_not_found"}}',
    ],
)
def test_word_code_in_an_openai_shaped_error_is_not_google(text: str) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_word_codes_of_the_interactions_api_stay_google() -> None:
    # Google's Interactions API error object holds only a word code and a message.
    assert one('{"error": {"code": "invalid_request", "message": "Invalid value at contents"}}').kind == (
        Kind.BAD_REQUEST
    )
    assert one('{"error": {"code": "model_not_found", "message": "Model not found"}}').kind == (
        Kind.MODEL_NOT_FOUND
    )


def test_a_google_body_inside_an_openai_shaped_error_stays_google() -> None:
    inner = json.dumps(
        {
            "error": {
                "code": 429,
                "message": "Resource has been exhausted (e.g. check quota).",
                "status": "RESOURCE_EXHAUSTED",
            }
        }
    )
    text = json.dumps(
        {"error": {"message": f"VertexAIException - {inner}", "type": None, "param": None, "code": "429"}}
    )
    assert one(text).kind == Kind.UNSPECIFIED_429


# --- Code Assist's "exhausted your capacity" in its short forms ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Error: you have exhausted your capacity limit",  # gemini-cli useQuotaAndFallback.test.ts
        "You have exhausted your capacity.",
        "[API Error: You have exhausted your capacity on this model.]",
    ],
)
def test_exhausted_your_capacity_is_the_code_assist_short_window(text: str) -> None:
    got = one(text)
    assert got.kind == Kind.RPM
    assert got.backend == Backend.CODE_ASSIST


# --- Vertex's shared-capacity sentence without a code ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "429 Unable to submit request because the service is temporarily out of capacity.",  # LiteLLM
        "Unable to submit request because the service is temporarily out of capacity. Try again later.",
        "ERROR - Unable to submit request because the service is temporarily out of capacity",
    ],
)
def test_vertex_out_of_capacity_sentence_is_capacity(text: str) -> None:
    got = one(text)
    assert got.kind == Kind.CAPACITY
    assert got.backend == Backend.VERTEX_AI


def test_temporarily_out_of_capacity_alone_is_generic() -> None:
    assert one("The cluster is temporarily out of capacity.").kind == Kind.UNRECOGNIZED


# --- the quota bullet's head without its metric or its "* " ----------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Quota exceeded for metric: ...\nlimit: 0.5. Please retry in 59s.",
            Kind.UNSPECIFIED_429,
        ),  # gemini-cli
        ("Quota exceeded for metric: ..., limit: 0", Kind.ZERO_QUOTA),
        ("quota exceeded for metric: ... Please retry in 12s.", Kind.UNSPECIFIED_429),
    ],
)
def test_quota_exceeded_for_metric_is_google_wording(text: str, kind: Kind) -> None:
    assert one(text).kind == kind


# --- google-api-core's "<code> <message>" at the head of a line --------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("429 Quota exceeded for model", Kind.UNSPECIFIED_429),  # LiteLLM test_exception_mapping_utils.py
        (
            "Traceback (most recent call last):\n  ...\n429 Quota exceeded for model gemini-2.5-pro",
            Kind.UNSPECIFIED_429,
        ),
        ("504 The request timed out. Please try again.", Kind.DEADLINE),
        ("  503 The service is currently unavailable.", Kind.OVERLOADED),
    ],
)
def test_a_status_code_heading_a_sentence_is_read(text: str, kind: Kind) -> None:
    assert one(text).kind == kind


@pytest.mark.parametrize(
    "text",
    ["404 page not found", "429 requests were sent", "2026 Was a good year", "Took 429 Seconds to finish"],
)
def test_a_number_heading_other_text_is_not_a_status(text: str) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


# --- 409 Conflict by its reason phrase --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # google-genai's error for an empty 409 body (test_retries.py _httpx_response)
        "google.genai.errors.ClientError: 409 Conflict. {'message': '', 'status': 'Conflict'}",
        "409 Conflict",
        '{"error": {"message": "", "status": "Conflict", "code": 409}}',
    ],
)
def test_409_conflict_is_a_bad_request(text: str) -> None:
    assert one(text).kind == Kind.BAD_REQUEST


# --- Code Assist's per-model request quota named without its window ---------------------------------


@pytest.mark.parametrize(
    ("text", "model"),
    [
        # gemini-cli quotaErrorDetection.test.ts (2025-11)
        ("Quota exceeded for quota metric 'Gemini 2.5 Pro Requests'", "gemini-2.5-pro"),
        (
            '{"error": {"code": 429, "message": "Quota exceeded for quota metric \'Gemini 2.0 Flash Requests\'",'
            ' "status": "RESOURCE_EXHAUSTED", "details": []}}',
            "gemini-2.0-flash",
        ),
        ("[API Error: Quota exceeded for quota metric 'Gemini 2.5 Flash Requests'.]", "gemini-2.5-flash"),
    ],
)
def test_code_assist_model_request_metric_is_a_plan_allowance(text: str, model: str) -> None:
    got = one(text)
    assert got.kind == Kind.PLAN_QUOTA
    assert got.backend == Backend.CODE_ASSIST
    assert got.model == model
    assert any("per-user daily" in a for a in got.assumptions)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Quota exceeded for quota metric ABC", Kind.UNSPECIFIED_429),
        ("Quota exceeded for quota metric 'GenerationRequests'", Kind.UNSPECIFIED_429),
        (
            "Quota exceeded for quota metric 'Gemini 2.5 Pro Requests' and limit 'RequestsPerDay' of service "
            "'generativelanguage.googleapis.com' for consumer 'project_number:123456789'.",
            Kind.RPD,
        ),
    ],
)
def test_other_metrics_keep_their_own_reading(text: str, kind: Kind) -> None:
    assert one(text).kind == kind


# --- prepaid funds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # gemini-cli googleQuotaErrors.test.ts (2026): 429 RESOURCE_EXHAUSTED, empty details
        '{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "message": "Your prepayment funds are depleted.",'
        ' "details": []}}',
        "429 RESOURCE_EXHAUSTED. Your prepayment credits are depleted.",
    ],
)
def test_prepayment_funds_depleted_is_a_billing_limit(text: str) -> None:
    assert one(text).kind == Kind.BILLING_LIMIT


# --- the quota bullet with its colon lost ---------------------------------------------------------------


def test_quota_bullet_without_its_colon_is_still_read() -> None:
    # What litellm raised in an app's incident, quoted verbatim in that app's public test
    # (code index id 61074277365): the bullet lost the colon after "metric".
    text = (
        "litellm.RateLimitError: VertexAIException - 429 RESOURCE_EXHAUSTED. Quota exceeded for metric "
        "generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 20, model: gemini-2.5-flash"
    )
    got = one(text)
    assert got.kind == Kind.RPD
    assert got.model == "gemini-2.5-flash"
    # and the colon form is read the same way
    assert one(text.replace("for metric ", "for metric: ")).kind == Kind.RPD


# --- a QuotaFailure violation named only by its description ---------------------------------------------


def _described(description: str) -> str:
    violation = {"subject": "user", "description": description}
    detail = {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [violation]}
    return json.dumps({"error": {"code": 429, "message": "Quota exceeded", "details": [detail]}})


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("daily limit", Kind.RPD),  # gemini-cli googleErrors.test.ts (gaxios error, array, stringified data)
        ("per minute limit", Kind.RPM),  # gemini-cli googleQuotaErrors.test.ts (beside its quotaId)
        ("Requests per day per user", Kind.RPD),
        ("input tokens per minute", Kind.TPM),
        ("some limit", Kind.UNSPECIFIED_429),
    ],
)
def test_a_violation_described_only_by_words_names_its_window(description: str, kind: Kind) -> None:
    assert one(_described(description)).kind == kind


def test_a_quota_id_outranks_the_description() -> None:
    violation = {"subject": "user", "description": "daily limit", "quotaId": "RequestsPerMinute-limit"}
    detail = {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [violation]}
    text = json.dumps({"error": {"code": 429, "message": "Quota exceeded", "details": [detail]}})
    assert one(text).kind == Kind.RPM


# --- a detail that lost its @type but names a Google reason --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # gemini-cli code_assist/server.test.ts: a VPC Service Controls refusal of loadCodeAssist
        '{"response": {"data": {"error": {"details": [{"reason": "SECURITY_POLICY_VIOLATED"}]}}}}',
        # gemini-cli cli/core/auth.test.ts: 403 TOS_VIOLATION (here without its @type)
        '{"error": {"code": 403, "message": "This service has been disabled for violation of Terms of Service.",'
        ' "details": [{"reason": "TOS_VIOLATION", "domain": "example.googleapis.com"}]}}',
    ],
)
def test_a_known_reason_without_its_type_is_read(text: str) -> None:
    assert one(text).kind == Kind.PERMISSION


def test_an_unknown_reason_without_a_type_stays_ignored() -> None:
    # gemini-cli googleErrors.test.ts: a detail without @type is not a valid detail
    text = '{"error": {"code": 400, "message": "Bad Request", "details": [{"reason": "some reason"}]}}'
    got = one(text)
    assert got.kind == Kind.BAD_REQUEST
    assert "some reason" not in " ".join(got.evidence)


# --- cloudcode-pa's quotaResetDelay quoted in a message ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # antigravity-claude-proxy tests/unit/cloudcode/rate-limit-parser.test.ts (47abb9b, L154, L322)
        ("Rate limited: quotaResetDelay: 754.431528ms", Kind.RPM),
        ("Rate limit exceeded. quotaResetDelay: 30s", Kind.RPM),
        ("quotaResetDelay: 5h59m59.96s", Kind.PLAN_QUOTA),
    ],
)
def test_quota_reset_delay_in_text_is_code_assist(text: str, kind: Kind) -> None:
    got = one(text)
    assert got.kind == kind
    assert got.backend == Backend.CODE_ASSIST


def test_a_reset_delay_without_the_key_name_is_not_claimed() -> None:
    assert one("Rate limited, reset delay 30s").kind == Kind.UNRECOGNIZED


# --- "Error 429: …" with the code before the colon ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "API Error 429: Quota exceeded",  # gemini-cli core/geminiChat.test.ts (ApiError message, status 429)
        "Error 429: Quota exceeded",
        "Error: 429 Quota exceeded",
    ],
)
def test_error_code_colon_is_an_http_status(text: str) -> None:
    assert one(text).kind == Kind.UNSPECIFIED_429


def test_error_with_a_longer_number_is_not_a_status() -> None:
    assert one("Error 4290: queue full").kind == Kind.UNRECOGNIZED
