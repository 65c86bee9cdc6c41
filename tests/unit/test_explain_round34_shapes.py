"""Shapes found in round 34 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    "text",
    [
        "When Claude tries to read the repo I see API Error: 403 You don't have access to the model.",
        "Claude keeps failing with HTTP 429 Too Many Requests after ten tool calls.",
        "Error: 401 invalid credentials (Claude via our gateway)",
    ],
)
def test_claude_named_alone_beside_a_bare_status_names_another_provider(text: str) -> None:
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The coding agent and its memory file carry other providers' errors: Google's body still decides.
        (
            'Claude Code: API Error: 429 {"error":{"code":429,"message":"Resource has been exhausted (e.g. check '
            'quota).","status":"RESOURCE_EXHAUSTED"}}',
            Kind.UNSPECIFIED_429,
        ),
        ("See CLAUDE.md. Gemini API error: 429 Quota exceeded for gemini-2.5-flash", Kind.UNSPECIFIED_429),
    ],
)
def test_claude_code_and_claude_md_name_no_provider(text: str, expected: Kind) -> None:
    assert kind(text) == expected.value


@pytest.mark.parametrize(
    "text",
    [
        "401 The API key or AK/SK in the request is missing or invalid. requestId: 0217376826",
        "AuthFailure: the AK/SK signature does not match (HTTP 403)",
    ],
)
def test_a_cloud_s_ak_sk_key_pair_is_not_google_s(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_google_key_refusal_is_still_read() -> None:
    text = (
        '{"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": '
        '"INVALID_ARGUMENT", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": '
        '"API_KEY_INVALID", "domain": "googleapis.com"}]}}'
    )
    assert kind(text) == "bad-key"


@pytest.mark.parametrize(
    "text",
    [
        "│ Failed to sign in. Message: This client is no longer supporte",
        "Failed to sign in. Message: This client is no longer supported for Gemini Code Assist for individuals.",
    ],
)
def test_gemini_cli_s_end_of_service_sign_in_line_is_read_even_cut(text: str) -> None:
    assert kind(text) == "permission"


def test_another_client_no_longer_supported_is_nobody_s() -> None:
    assert (
        kind("Error: This client is no longer supported. Please update the app (HTTP 426).") == "unrecognized"
    )


@pytest.mark.parametrize(
    "text",
    [
        "400 FAILED_PRECONDITION Gemini API の無料枠は、お住まいの国ではご利用いただけません。",
        "400 FAILED_PRECONDITION 您所在的国家/地区不支持 Gemini API 免费层级。请在 Google AI Studio 中启用结算功能。",
        "400 FAILED_PRECONDITION El nivel gratuito de la API de Gemini no está disponible en tu país.",
        "400 FAILED_PRECONDITION: Gemini API free tier is not available in your country.",
    ],
)
def test_the_translated_troubleshooting_row_of_a_country_refusal_is_region(text: str) -> None:
    assert kind(text) == "region"


@pytest.mark.parametrize(
    "text",
    [
        # A Cloud region a service is not offered in is no user-location block.
        'status = StatusCode.FAILED_PRECONDITION\n\tdetails = "ReasoningEngine service is not available in region: '
        'europe-central2."',
        # Another sentence after the status does not name the refusal's country.
        "The API returned 400 FAILED_PRECONDITION. Gemini should be available in my country.",
    ],
)
def test_failed_precondition_beside_a_cloud_region_or_a_later_sentence_is_no_region(text: str) -> None:
    assert kind(text) != "region"


def test_agent_engine_s_resource_name_makes_a_grpc_status_vertex_s() -> None:
    text = (
        "grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n"
        "\tstatus = StatusCode.FAILED_PRECONDITION\n"
        '\tdetails = "ReasoningEngine service is not available in region: europe-central2."'
    )
    d = one(text)
    assert d.kind is Kind.BAD_REQUEST
    assert d.backend == "vertex-ai"
    # gRPC's status alone, with no Google product, is still nobody's.
    assert kind(text.replace("ReasoningEngine service", "Widget service")) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        'details = "Project `xxxxxxxx` is not allowed to use Publisher Model `projects/p/locations/us-central1/'
        'publishers/google/models/text-bison@002`"',
        "400 FAILED_PRECONDITION: Project `my-proj` is not allowed to use Publisher Model "
        "`projects/my-proj/locations/us-central1/publishers/google/models/gemini-1.5-pro-002`",
    ],
)
def test_vertex_s_refusal_of_a_publisher_model_closed_to_the_project_is_model_not_found(text: str) -> None:
    d = one(text)
    assert d.kind is Kind.MODEL_NOT_FOUND
    assert d.model is not None and d.model.startswith(("text-bison", "gemini-1.5-pro"))


@pytest.mark.parametrize(
    "text",
    [
        "Возникает ошибка Sorry, this account is ineligble to use Antigravity.",
        "Sorry, this account is ineligible to use Antigravity.",
    ],
)
def test_antigravity_s_eligibility_refusal_is_read_even_misspelt(text: str) -> None:
    assert kind(text) == "permission"


def test_claude_served_by_vertex_ai_is_google_s_serving() -> None:
    text = (
        "Claude via Vertex AI fails: 429 Resource exhausted. Please try again later. Please refer to "
        "https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details."
    )
    assert kind(text) != "unrecognized"


def test_a_partner_model_closed_to_the_project_is_a_permission_to_enable_in_model_garden() -> None:
    text = (
        "VertexAIException - Error code: 400 - {'code': 400, 'message': 'Project `project1` is not allowed to use "
        "Publisher Model `projects/project1/locations/us-east5/publishers/anthropic/models/claude-3-haiku@20240307`', "
        "'status': 'FAILED_PRECONDITION'}"
    )
    d = one(text)
    assert d.kind is Kind.PERMISSION
    assert "Model Garden" in d.why


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            "GoogleApiError: Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_"
            "project_per_base_model with base model: imagen-3.0-generate.I attempted to increase the quota.",
            "imagen-3.0-generate",
        ),
        (
            "status = StatusCode.PERMISSION_DENIED\n\tdetails = \"Permission 'aiplatform.endpoints.predict' denied on "
            "resource '//aiplatform.googleapis.com/projects/p/locations/us-central1/publishers/google/models/"
            "text-embedding-004@default' (or it may not exist).\"",
            "text-embedding-004",
        ),
        # A version of Vertex's stays; an OCR'd letter inside an id is no sentence.
        (
            "404 Publisher Model `projects/p/locations/us-central1/publishers/google/models/chat-bison@001` was not found",
            "chat-bison@001",
        ),
        (
            "404 models/gemini-2.O-flash-lite-preview-02-05 is not found for API version v1beta",
            "gemini-2.O-flash-lite-preview-02-05",
        ),
    ],
)
def test_a_model_id_loses_a_glued_next_sentence_and_vertex_s_default_alias(text: str, model: str) -> None:
    assert one(text).model == model


def test_a_model_vertex_does_not_serve_in_the_region_called_is_model_not_found() -> None:
    text = (
        "FAILED_PRECONDITION:\nPublisher Model .../publishers/anthropic/models/claude-sonnet-5\n"
        "is not servable in region global."
    )
    d = one(text)
    assert d.kind is Kind.MODEL_NOT_FOUND
    assert "region" in d.why
    assert d.model == "claude-sonnet-5"


@pytest.mark.parametrize(
    "text",
    [
        "You must be a named user on your organization's Gemini Code Assist Standard edition subscription to use "
        "this service.",
        "Please contact your administrator to request an entitlement to Gemini Code Assist Enterprise edition.",
    ],
)
def test_a_missing_seat_of_an_organization_s_code_assist_subscription_is_permission(text: str) -> None:
    d = one(text)
    assert d.kind is Kind.PERMISSION
    assert d.backend == "code-assist"


def test_of_several_resets_a_code_assist_paste_states_the_longest_decides() -> None:
    text = (
        "Attempt 1 failed: You have exhausted your capacity on this model. Your quota will reset after 2s.. "
        "Retrying after 2868.05ms...\n"
        "TerminalQuotaError: You have exhausted your capacity on this model. Your quota will reset after 21h36m32s.\n"
        "  cause: {\n    code: 429,\n    message: 'You have exhausted your capacity on this model. Your quota will "
        "reset after 21h36m32s.',\n  }"
    )
    d = one(text)
    assert d.kind is Kind.PLAN_QUOTA
    assert d.retry_after_s == 21 * 3600 + 36 * 60 + 32


def test_ipython_s_written_out_colour_codes_closed_by_39m_are_removed() -> None:
    text = (
        '\\u001b[32m      2\\u001b[39m model_name = \\u001b[33m\\"\\u001b[39m\\u001b[33mgemini-2.5-flash\\u001b[39m\\u001b[33m'
        '\\"\\u001b[39m\n'
        "InternalServerError: Error code: 503 - [{'error': {'code': 503, 'message': 'This model is currently "
        "experiencing high demand. Spikes in demand are usually temporary. Please try again later.', 'status': "
        "'UNAVAILABLE'}}]"
    )
    d = one(text)
    assert d.kind is Kind.OVERLOADED
    assert d.model == "gemini-2.5-flash"


@pytest.mark.parametrize(
    "text",
    [
        "Error: 当前模型已达到平台速率限制，系统将重试请求\n    at pU.generateContent (file:///u/lib/node_modules/"
        "@iflow-ai/iflow-cli/bundle/iflow.js:836:1492)",
        "Reason: OmniRoute request failed (HTTP 503): Chat admission capacity is temporarily unavailable. Retry shortly.",
    ],
)
def test_iflow_s_and_omniroute_s_own_errors_are_not_google_s(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_google_body_a_relay_passes_on_stays_google_s() -> None:
    text = (
        'OmniRoute request failed (HTTP 429): {"error": {"code": 429, "message": "Resource has been exhausted '
        '(e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}'
    )
    assert kind(text) == "unspecified-429"


def test_a_vertex_endpoint_named_by_a_model_id_names_the_model() -> None:
    text = (
        "litellm.BadRequestError: VertexAIException BadRequestError - 403 Permission 'aiplatform.endpoints.predict' "
        "denied on resource '//aiplatform.googleapis.com/projects/p/locations/us-central1/endpoints/"
        "veo-3.0-generate-preview' (or it may not exist)."
    )
    d = one(text)
    assert d.kind is Kind.PERMISSION
    assert d.model == "veo-3.0-generate-preview"


def test_nvidia_nim_s_worker_limit_is_nvidia_s() -> None:
    text = (
        'data: {"error":{"message":"ResourceExhausted: Worker local total request limit reached (48/48)",'
        '"type":"internal_server_error","code":500}}'
    )
    assert kind(text) == "unrecognized"


def test_a_guide_s_retelling_of_the_free_tier_row_is_region() -> None:
    text = (
        "### **1. FAILED_PRECONDITION (400)** - Unique to Gemini\n"
        "**What:** Free tier not available or billing not enabled  \n"
        "**Solution:** Set up billing at Google AI Studio"
    )
    assert kind(text) == "region"


@pytest.mark.parametrize(
    "text",
    [
        "TerminalQuotaError: You have exhausted your daily quota on gemini-3-flash",
        "expect(output).toContain('Pro quota limit reached for gemini-2.5-pro.');",
    ],
)
def test_code_assist_s_daily_allowance_named_by_its_model_is_plan_quota(text: str) -> None:
    assert kind(text) == "plan-quota"


def test_an_app_s_own_quota_words_for_another_model_are_not_code_assist_s() -> None:
    assert (
        kind("Error: You have exhausted your daily quota on llama-3-70b. Upgrade your plan.")
        == "unrecognized"
    )


def test_the_model_a_close_reason_names_after_its_code_on_its_line_is_the_failing_one() -> None:
    text = (
        "**gemini-2.5-flash-native-audio-preview-09-2025**:\n  - Voice: PASS\n"
        "**gemini-3.1-flash-live-preview**:\n"
        "  - Text: FAIL - Reason: Exception: 1007 None. The requested combination of response modalities (TEXT) is "
        "not supported by the model. models/gemini-3.1-flash-live-preview\n"
    )
    assert one(text).model == "gemini-3.1-flash-live-preview"


def test_a_model_prose_names_after_a_code_is_no_failing_model() -> None:
    text = (
        "`gemini-embedding-2` is a registered model id, but the provider always calls `:predict`, so every call fails\n"
        "with `400 FAILED_PRECONDITION`. (`gemini-embedding-001` still supports `:predict`.)"
    )
    assert one(text).model == "gemini-embedding-2"


def test_a_reason_word_with_a_bare_code_beside_another_provider_is_theirs() -> None:
    text = "Error: Rate limit exceeded for provider 'openai'\nCode: RATE_LIMIT_EXCEEDED\nHTTP Status: 429"
    assert kind(text) == "unrecognized"
    # Code Assist's body with its reason stays Google's.
    body = (
        '{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": '
        '"RESOURCE_EXHAUSTED", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": '
        '"RATE_LIMIT_EXCEEDED", "domain": "cloudcode-pa.googleapis.com"}]}}'
    )
    assert kind(body) != "unrecognized"


def test_agent_engine_named_in_one_word_makes_google_s_internal_error_its_own() -> None:
    text = (
        "**Symptom:** Updating a Reasoning Engine to use an Agent Gateway fails with `Internal error encountered`.\n"
        "**Cause:** a project can have only one active ReasoningEngine ↔ AgentGateway bonding."
    )
    assert kind(text) == "internal"
    # "reasoning engine" as two words is any AI product's phrase.
    assert kind("Our reasoning engine failed: Internal error encountered.") == "unrecognized"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("google.genai.errors.ClientError: 499 CANCELLED. The operation was cancelled.", "deadline"),
        (
            "google.genai.errors.ClientError with code 499 (CANCELLED) indicates the client disconnected",
            "deadline",
        ),
        ("google.genai.errors.ServerError: 501 UNIMPLEMENTED. Operation is not implemented.", "bad-request"),
    ],
)
def test_a_status_name_without_an_underscore_after_its_code_is_read(text: str, expected: str) -> None:
    assert kind(text) == expected


@pytest.mark.parametrize("text", ["The order was CANCELLED by the user", "Workflow run CANCELLED after 12m"])
def test_a_bare_cancelled_state_is_nobody_s(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_gitlab_s_rate_limit_is_gitlab_s() -> None:
    assert kind("Error: GitLab API rate limit exceeded\nHTTP 429 Too Many Requests") == "unrecognized"
