"""Shapes found in this session's work (round 17 of held-out sets; READMEs there): each rule is tested on
variants and on a look-alike that must not change."""

from __future__ import annotations

import pytest
from shapes import kind, one


@pytest.mark.parametrize(
    "text",
    [
        # gorilla/websocket's close of another service (a text-to-speech stream), nothing of Google's.
        "WARN Unexpected WebSocket close error: websocket: close 1008 (policy violation): Have not received a "
        "new text input within the timeout of 20 seconds. Streaming input terminated.",
        "Connection closed: code 1011 (internal error) keepalive ping failed",
        # Fireworks named as a word, Coinbase's GDAX and GigaChat (in Russian) beside a bare status.
        "Fireworks returns `412 PRECONDITION_FAILED`, relayed as HTTP 402/412: cloud (fireworks) request failed",
        "org.knowm.xchange.gdax.dto.GDAXException: Rate limit exceeded (HTTP status code: 429)",
        'обработать кейс 429 ошибки от гига чат: {"status":429,"message":"Too many requests"}',
    ],
)
def test_others_closes_and_statuses_stay_theirs(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_live_close_with_something_of_googles_is_still_read() -> None:
    live = "Gemini Live: websocket: close 1008 (policy violation): application/json isn't supported"
    assert kind(live) == "bad-request"
    # The Live API's answer to a malformed setup: 1007 is hardly sent by other servers.
    assert kind("received 1007 (invalid frame payload data) Precondition check failed.") == "bad-request"
    # A forum's "Error 1008: …" names the close as well.
    found = one(
        "Gemini 3.1 Flash Live over WebSockets: the server returns\nError 1008: Operation not supported"
    )
    assert found.http_code == 400


def test_a_wrappers_line_above_a_multi_line_body_names_its_provider() -> None:
    page = (
        "Working:\nmodel=LiteLlm(model='gpt-4o')\n\nError:\n"
        'data: {"error": "litellm.AuthenticationError: Vertex_aiException - \n'
        "<html><head>\n<title>401 Unauthorized</title>\n</head>\n"
        "<h2>Your client does not have permission to the requested URL <code>/:generateContent</code>.</h2>"
    )
    assert kind(page) == "bad-key"
    # … but a line paragraphs above is not the error's own.
    apart = (
        "Tried Vertex_ai before.\n\nmodel=LiteLlm(model='gpt-4o')\n\nError:\n"
        'data: {"error": "litellm.AuthenticationError: OpenAIException - \n'
        "<html><head>\n<title>401 Unauthorized</title>\n</head>\n<h2>Unauthorized</h2>"
    )
    assert kind(apart) == "unrecognized"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'StatusCode="FailedPrecondition", Detail="Gemini cannot be accessed through Vertex Predict/RawPredict '
            'API. Please follow https://cloud.google.com/vertex-ai/docs/generative-ai/start/quickstarts for Gemini"',
            "bad-request",
        ),
        ("How to fix the 'Request payload size exceeds the limit' error in Google Gemini", "bad-request"),
        ("Subject: Your Gemini API services paused due to spend caps", "billing-limit"),
        (
            "my project was suspended with the following reason: “abusive activity consistent with hijacked "
            "resources”",
            "permission",
        ),
        (
            "If capacity is exhausted, then you'll get a 429\nVertex AI is overloaded. Please try again later.",
            "capacity",
        ),
        ('adk web: sudden error "An internal error has occurred. Please retry"', "internal"),
    ],
)
def test_googles_wordings(text: str, expected: str) -> None:
    assert kind(text) == expected


def test_oauth_grant_refusal_beside_googles_auth_library() -> None:
    trace = (
        "Error: GaxiosError: invalid_grant\n"
        "    at async UserRefreshClient.refreshTokenNoCache (node_modules/google-auth-library/build/src/auth/"
        "oauth2client.js:212:19)\n"
        "    at async NodeAuth.addGoogleAuthHeaders (node_modules/@google/genai/dist/node/index.js:8591:29)"
    )
    assert kind(trace) == "bad-key"
    # Every OAuth server says invalid_grant: alone (or beside another provider) it is nobody's we know.
    assert kind('{"error": "invalid_grant", "error_description": "AADSTS70008"}') == "unrecognized"


def test_a_success_beside_the_failure_is_not_the_errors_code() -> None:
    ab = (
        "Antigravity OAuth provider, model `gemini-3.8-flash-high`:\n"
        "- `You are a helpful coding assistant.` -> HTTP 200\n"
        "- `You are Codex, an agent based on GPT-5.` -> HTTP 429 `RESOURCE_EXHAUSTED`\n"
        "The upstream request went to cloudcode-pa.googleapis.com/v1internal:streamGenerateContent"
    )
    found = one(ab)
    assert (found.kind, found.http_code) == ("unspecified-429", 429)


def test_googles_error_page_outweighs_a_clients_status_word() -> None:
    log = (
        "agent errorCode=UNAVAILABLE errorMessage=FailoverError: 404 <!DOCTYPE html>\n<html lang=en>\n"
        "<title>Error 404 (Not Found)!!1</title>\n"
        "https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/models/"
        "gemini-2.5-flash:streamGenerateContent"
    )
    assert kind(log) == "model-not-found"
    # Without Google's page the status word keeps its say.
    assert kind("agent errorCode=UNAVAILABLE errorMessage=503 from aiplatform.googleapis.com") == "overloaded"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('"error": "gemini embeddings failed: 404"', 404),
        ("Google Generative AI 400 Error - All Models Failing", 400),
        ("With gemini every call fails with 503 since this morning", 503),
    ],
)
def test_a_code_an_app_says_a_call_failed_with(text: str, code: int) -> None:
    assert one(text).http_code == code
    # A count is no status.
    assert kind("gemini: the batch failed with 500 rows left") == "unrecognized"


def test_the_model_a_user_tried_and_a_route_at_a_lines_start() -> None:
    tried = 'Gemini response says 404 when I try `model="gemini-2.0-flash-001"` and `backend="gemini"`'
    assert one(tried).model == "gemini-2.0-flash-001"
    # Advice still names no failing model.
    assert one("Gemini says 404 here; try gemini-2.5-flash instead").model is None
    config = "Google Generative AI 400 Error - All Models Failing\n\n### Model\n\ngoogle/gemma-4-31b-it\n"
    assert one(config).model == "gemma-4-31b-it"


@pytest.mark.parametrize(
    "text",
    [
        # A relay's check of a key's form inside gemini-cli's wrapper (Google says "API key not valid").
        'gemini cli ✕ [API Error: {"error":"Invalid API key format","message":"API key format is invalid"}]',
        # Another tool's own class whose name ends in Google's.
        "ERROR service=default providerID=gemini modelID=gemini-2.5-pro name=ProviderModelNotFoundError fatal",
        # Next.js' own 404 page of a site on Vercel, and a relay named as what answered.
        "How is Gemini Pro Chat deployed? Vercel\n\n404 This page could not be found.",
        "通过 gemini 格式请求模型列表。new-api 返回 404 error",
        # Cloudflare's API envelope with its "result" and "messages".
        'Gemini upstream: {"success":false,"result":[],"messages":[],"error":[{"code":2002,"message":"Internal"}]}',
    ],
)
def test_relays_and_platforms_own_answers_stay_theirs(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_googles_key_and_model_errors_stay_googles() -> None:
    assert kind("gemini cli ✕ [API Error: Invalid API key]") == "bad-key"
    assert kind("gemini-cli: ModelNotFoundError: Requested entity was not found.") == "model-not-found"


@pytest.mark.parametrize(
    "text",
    [
        # Relays' own key checks and their envelope ({"error": "<words>", "message": …}).
        'gemini client oauth: {"error":{"message":"Unauthorized: API key is invalid or missing."}}',
        'gemini 用不了 [API Error: {"error":"Invalid API key","message":"API key not found"}]',
        # new-api's refusal when no upstream serves a model, beside Gemini ids.
        "503 Server Error: Service Unavailable\nmodel_not_found: No available channel for model under group "
        "banana-v (distributor)\n- `gemini-3.1-flash-image-preview`",
    ],
)
def test_wrappers_and_relays_alone_name_no_google_error(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_googles_own_key_sentences_and_antigravitys_wrapper_with_a_cause() -> None:
    assert kind("API key not found. Please pass a valid API key.") == "bad-key"
    assert kind("Gemini: API key not found") == "bad-key"  # the bare words in a paste about Gemini
    wrapped = (
        'Agent terminated due to error{"error": {"code": 503, "message": "No capacity available for model"}}'
    )
    assert kind(wrapped) == "capacity"


def test_http_451_is_a_block_by_location() -> None:
    sdk = "[GoogleGenerativeAI Error]: Error fetching from [451 Unavailable For Legal Reasons]"
    assert kind(sdk) == "region"
    # Nothing of Google's beside it: a status Google's APIs do not answer with is somebody else's.
    assert kind("Gemini: Error fetching [451 Unavailable For Legal Reasons]") == "unrecognized"


def test_a_route_segment_naming_google_names_its_model() -> None:
    log = "Chat Model google_gemini/gemini-3-flash-preview request error: 400 INVALID_ARGUMENT."
    assert one(log).model == "gemini-3-flash-preview"
    # A path's segment is no route: "voice/google-gemini-live-api/src" names no model.
    assert (
        one("Gemini rejects the setup: 400 INVALID_ARGUMENT in voice/google-gemini-live-api/src").model
        is None
    )


def test_replicates_own_credit_refusal() -> None:
    doc = (
        "# How to Fix Replicate Credit Error\n"
        'Error: "Insufficient credit status: 402 - You have insufficient credit to run this model"'
    )
    assert kind(doc) == "unrecognized"
    # The verb is no provider: "replicate the bug" beside Google's 402 stays Google's.
    assert kind("Steps to replicate the bug: Gemini API HTTP 402: prepayment credits are depleted") == (
        "billing-limit"
    )


def test_a_per_day_cap_told_in_vertexs_sentence() -> None:
    body = (
        'AI Search Error: { "error": { "code": 429, "message": "Unable to submit request because you\'ve reached '
        'the maximum number of requests with search as tool you can make per day. Remove Google search tool from"'
    )
    assert kind(body) == "rpd"


def test_googles_json_parser_naming_an_unknown_field() -> None:
    assert kind('Gemini API 收到后整请求 400（`Unknown name "additionalProperties"`）') == "bad-request"
    assert kind('protobuf: Unknown name "foo"') == "unrecognized"  # nothing of Google's beside it


def test_go_genais_printed_error_beside_a_comparison() -> None:
    post = (
        "Gemini returns a 400 error when providing an image from disk.\n"
        "Error 400, Message: Unsupported MIME type: png, Status: INVALID_ARGUMENT, Details: []\n"
        "I've confirmed that this works as expected with OpenAI GPT-5 via OpenRouter."
    )
    assert kind(post) == "bad-request"


def test_a_connection_that_timed_out_not_an_apps_own_command() -> None:
    assert kind("Gemini: HTTPSConnectionPool: Connection to generativelanguage timed out") == "deadline"
    assert (
        kind("Gemini CLI is installed but failed to run. Timed out while running command.") == "unrecognized"
    )


def test_the_urls_model_outranks_another_vendors_name_in_an_envelope() -> None:
    relayed = (
        '{"model":"gpt-3.5-turbo","choices":[{"message":{"content":"[GoogleGenerativeAI Error]: Error fetching from '
        "https://generativelanguage.googleapis.com/v1/models/gemini-pro:generateContent: [400 Bad Request] User "
        'location is not supported for the API use."}}]}'
    )
    found = one(relayed)
    assert (found.kind, found.model) == ("region", "gemini-pro")


def test_googles_quota_sentence_by_its_tail_even_cut() -> None:
    cut = (
        "close 1011: You exceeded your current quota, please check your plan and billing details. For more "
        "information on this error, head to: h"
    )
    assert kind(cut) == "unspecified-429"
    # OpenAI's same first clause ends otherwise: nothing of Google's in it.
    openai = (
        "You exceeded your current quota, please check your plan and billing details. For more information on "
        "this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors."
    )
    assert kind(openai) == "unrecognized"


def test_live_voice_refusal_and_the_high_demand_sentence() -> None:
    assert kind("an unknown voice name fails the connection with `1007 No matching speaker voice found`") == (
        "bad-request"
    )
    assert kind('The "model is currently experiencing high demand" message: retry 503 with backoff') == (
        "overloaded"
    )


def test_a_google_body_with_its_line_breaks_written_out() -> None:
    log = (
        "ERROR - litellm.ServiceUnavailableError: litellm.MidStreamFallbackError: litellm.BadRequestError: "
        'VertexAIException BadRequestError - b\'{\\n  "error": {\\n    "code": 400,\\n    "message": "Please '
        'ensure that the number of function response parts is equal.",\\n    "status": "INVALID_ARGUMENT"\\n  }\\n}'
        "\\n' (Claude Code through a proxy)"
    )
    assert kind(log) == "bad-request"


@pytest.mark.parametrize(
    "text",
    [
        'response: "An error occurred while processing the provided message, Model not found." (gemini-2.0-flash)',
        "Updating model to Gemini-2.5-pro results in an error response of Model not found.",
    ],
)
def test_an_apps_bare_model_not_found_beside_gemini(text: str) -> None:
    assert kind(text) == "model-not-found"


def test_a_table_cell_and_a_sentence_after_the_colon_are_no_model_error() -> None:
    table = (
        "- gemini-2.5-flash → LOCATION BLOCKED (400 FAILED_PRECONDITION: User location is not supported)\n"
    )
    assert kind(table + "- gemma-3-27b → MODEL NOT FOUND") == "region"
    toast = '"Model not found: The selected model is not available." when using Gemini 2.5 Flash-Lite'
    assert one(toast).model != "The"


def test_the_model_a_post_says_it_uses() -> None:
    title = "[VertexAI.ClientError]: got status: 404 Not Found when I use gemini-1.5-pro\nIt was with gemini-1.0-pro."
    assert one(title).model == "gemini-1.5-pro"


def test_openais_key_refusal_in_its_own_words() -> None:
    quoted = "分析失败：Error code: 401 - {'error': {'message': 'Incorrect API key provided.', 'type': 'invalid_request_error'}}"
    assert kind(quoted) == "unrecognized"
    # A relay of Gemini that copies OpenAI's envelope around Google's words stays Google's.
    relayed = '{"error":{"message":"API key not valid. Please pass a valid API key.","type":"invalid_request_error"}}'
    assert kind(relayed) == "bad-key"


def test_googles_own_not_found_and_instruction_wordings_beside_other_names() -> None:
    commit = (
        "The fallback (used when no Groq key is set) requested model 'gemma-3-27b-it', which returns 404 'not found "
        "for API version v1beta' on standard Gemini API keys.\n\nCo-Authored-By: Claude Opus <noreply@anthropic.com>"
    )
    assert kind(commit) == "model-not-found"
    trace = "llm.errors.ModelError: Developer instruction is not enabled for models/gemini-pro"
    assert (kind(trace), one(trace).model) == ("bad-request", "gemini-pro")


def test_a_bare_key_expired_is_generic_words() -> None:
    assert kind("Which API key expired? Openai key expired or was revoked.") == "unrecognized"
    assert kind("API key expired. Please renew the API key.") == "bad-key"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Query error: bqcx-1@gcp-sa-bigquery-condel.iam.gserviceaccount.com does not have the permission to "
            "access resources used by ML.GENERATE_TEXT.",
            "permission",
        ),
        ("A retryable error occurred: RESOURCE EXHAUSTED error from <remote endpoint>", "unspecified-429"),
        ("If you see `503 … currently experiencing high demand`, the Gemini API tier is busy.", "overloaded"),
        (
            "`GoogleGenerativeAIEmbeddings` fails with ResourceExhausted error on gemini-embedding-001",
            "unspecified-429",
        ),
    ],
)
def test_bigquery_ml_and_prose_wordings(text: str, expected: str) -> None:
    assert kind(text) == expected


def test_high_demand_words_alone_are_nobodys() -> None:
    assert kind("We are currently experiencing high demand. Please try later.") == "unrecognized"


def test_a_wrapper_line_counts_only_when_it_opens_the_body() -> None:
    # A line that only precedes a page (it does not end by opening a body) names no provider of the page.
    page = (
        "调用 Gemini 接口报错：```\n#curl -IS couchbase.example.com\nHTTP/1.0 503 Service Unavailable\n"
        "Content-Type: text/html\n\n<html><body><h1>503 Service Unavailable</h1>\n"
        "No server is available to handle this request.\n</body></html>\n```"
    )
    assert kind(page) == "unrecognized"
    assert kind("调用 Gemini 接口报错：rpc error: code = ResourceExhausted desc = ") == "unrecognized"


def test_imagen_on_the_errors_line_and_an_ai_studio_project() -> None:
    log = "✅ 使用JSON格式的Google Cloud凭据\n❌ Imagen API调用异常: [BILLING_DISABLED]\n🔄 尝试备用方案: OpenRouter (DALL-E 3)"
    assert kind(log) == "billing-disabled"
    notes = (
        "- **错误**: `PERMISSION_DENIED: This API method requires billing to be enabled`\n"
        "- **原因**: 项目 `gen-lang-client-0322496168` 未启用计费\n\n### 2. OpenRouter API 问题\n- `405 Method Not Allowed`"
    )
    assert kind(notes) == "billing-disabled"


def test_vertex_maas_and_a_status_in_backticks() -> None:
    commit = (
        "test(vertexai): xfail `meta/llama-4-maverick-17b-128e-instruct-maas` tests: every vertex Cloud Build run "
        "shows 429 `RESOURCE_EXHAUSTED` on it"
    )
    assert kind(commit) == "unspecified-429"
    # Another maker's model without Vertex's suffix stays theirs.
    assert kind("ollama llama-3 shows 429 `RESOURCE_EXHAUSTED`") == "unrecognized"


def test_unsupported_mime_type_beside_googles_sdk() -> None:
    assert (
        kind("[GoogleGenerativeAI Error]: Unsupported MIME type: application/vnd.ms-excel") == "bad-request"
    )
    assert kind("Unsupported MIME type: application/vnd.ms-excel") == "unrecognized"


def test_another_providers_retirement_and_googles() -> None:
    groq = "The model `llama3.1-405b` is no longer available on Groq, causing 404 errors."
    assert kind(groq) == "unrecognized"
    assert kind("This model models/gemini-1.5-pro is no longer available to new users.") == "model-not-found"
    assert kind("Gemini: The model `gemini-2.0-flash-exp` is no longer available") == "model-not-found"


def test_a_reason_phrase_then_its_code_in_brackets() -> None:
    assert kind("HTTP error: Too Many Requests (429). The service is currently busy.") == "unspecified-429"
    assert kind("Gemini: Not Found (404) for models/gemini-x") == "model-not-found"
