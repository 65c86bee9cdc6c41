"""Shapes found in round 39 of held-out sets: each rule is tested on variants and on a look-alike that must not
change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind
from gemquota.core.parse.normalize import normalize


@pytest.mark.parametrize(
    "text",
    [
        "The shipped default is `gemini-flash-latest`, which Google now resolves to `gemini-3.8-flash`.\n\n"
        "400 INVALID_ARGUMENT\nThinking level MINIMAL is not supported for this model.",
        "gemini-flash-latest, which now resolves to gemini-3.8-flash, fails: 400 INVALID_ARGUMENT",
        "gemini-flash-latest that resolves to gemini-3.8-flash: 400 INVALID_ARGUMENT Request contains an invalid argument.",
    ],
)
def test_the_model_an_alias_resolves_to_in_a_relative_clause_is_the_one(text: str) -> None:
    assert one(text).model == "gemini-3.8-flash"


def test_a_relative_clause_about_something_else_keeps_the_alias() -> None:
    text = "gemini-flash-latest, which we pinned last week, fails: 400 INVALID_ARGUMENT Request contains an invalid argument."
    assert one(text).model == "gemini-flash-latest"


@pytest.mark.parametrize(
    "text",
    [
        "Session with 0 pending requests was closed: [Error : 500 : MTProto error: -429] Session:5:main",
        "(node:2233) UnhandledPromiseRejectionWarning: Unauthorized (401)\n  Maximum credits exceeded\n"
        "    at Request.http (node_modules/@sendgrid/client/src/classes/client.js:124:25)",
        "mailgun: 429 Too Many Requests",
    ],
)
def test_a_bare_status_of_a_named_messaging_service_is_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_gemini_error_in_a_mail_app_is_still_googles() -> None:
    text = (
        "sendgrid digest job: google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. "
        "{'error': {'code': 429, 'message': 'Resource has been exhausted (e.g. check quota).', 'status': 'RESOURCE_EXHAUSTED'}}"
    )
    assert kind(text) == Kind.UNSPECIFIED_429.value


def test_volcengine_arks_missing_endpoint_is_not_claimed() -> None:
    text = (
        "Error: 404 The model or endpoint ep-20250513164604-abcde does not exist or you do not have access to it. "
        "Request id: 021747129935087dccfc503d0b8cf9183d78ae8b9494cf5638ce4"
    )
    assert kind(text) == "unrecognized"


def test_a_gemini_404_beside_the_arks_words_is_still_googles() -> None:
    # A Google signal (the Gemini 404's own wording and model) wins over a foreign wording beside it.
    text = (
        "fallback: The model or endpoint ep-1 does not exist or you do not have access to it.\n"
        "google.genai.errors.ClientError: 404 NOT_FOUND. {'error': {'code': 404, 'message': "
        "'models/gemini-9.9-flash is not found for API version v1beta, or is not supported for generateContent.', "
        "'status': 'NOT_FOUND'}}"
    )
    assert kind(text) == Kind.MODEL_NOT_FOUND.value


@pytest.mark.parametrize(
    "text",
    [
        "I get the following error `Function calling with a response mime type: 'application/json' is unsupported`",
        "Tool use with a response mime type: 'application/json' is unsupported",
    ],
)
def test_geminis_refusal_of_function_calling_with_json_output_is_a_bad_request(text: str) -> None:
    assert kind(text) == Kind.BAD_REQUEST.value


def test_function_calling_unsupported_in_other_words_is_nobodys() -> None:
    assert kind("Function calling is unsupported for this model in LM Studio.") == "unrecognized"


def test_a_display_name_of_a_tiered_id_gives_the_tiered_id() -> None:
    text = "gemini-3.1-pro-high: Gemini 3.1 Pro is not available on this version. Please upgrade to the latest version."
    assert one(text).model == "gemini-3.1-pro-high"


def test_a_model_also_named_with_its_thinking_tier_is_the_tiered_id() -> None:
    text = (
        'Cloud Code Assist API error (429): {"error": {"code": 429, "message": "Resource has been exhausted '
        '(e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}\n'
        "- Model: `google-antigravity/gemini-3.8-flash` (`requestModelId`: `gemini-3.8-flash-low`)"
    )
    assert one(text).model == "gemini-3.8-flash-low"


@pytest.mark.parametrize(
    ("text", "model"),
    [
        # Another model that only starts like it is no tier of it.
        (
            "gemini-2.5-flash: 429 RESOURCE_EXHAUSTED Resource has been exhausted (e.g. check quota). "
            "(gemini-2.5-flash-lite works)",
            "gemini-2.5-flash",
        ),
        ("Model: gemini-3.8-flash\n429 RESOURCE_EXHAUSTED\nlatency: high-low", "gemini-3.8-flash"),
    ],
)
def test_a_model_without_a_tiered_twin_stays(text: str, model: str) -> None:
    assert one(text).model == model


def test_a_list_of_a_models_tiers_keeps_the_model_asked_for() -> None:
    text = (
        'OpenClaw sends the model ID as gemini-3.1-pro. The API rejects this with a 404: "Requested entity was '
        'not found" because it requires a tier: gemini-3.1-pro-low / gemini-3.1-pro-high (tier suffix required).'
    )
    assert one(text).model == "gemini-3.1-pro"


def test_a_tiered_id_of_a_later_release_is_not_the_display_names_model() -> None:
    # "Gemini 3 Pro" is retired; the tiered id of the release moved to is advice, not the model that failed.
    text = (
        '"content": "Gemini 3 Pro is no longer available. Please switch to Gemini 3.1 Pro in the latest version of '
        'Antigravity."\nI added gemini-3.1-pro-high by hand and it works.'
    )
    assert one(text).model == "gemini-3-pro"


@pytest.mark.parametrize(
    "text",
    [
        "Vertex retornou 403: `Lightning dunning decision is deny for project: projects/282847675243`.",
        '{"error": {"code": 403, "message": "Lightning dunning decision is deny for project: projects/1", '
        '"status": "PERMISSION_DENIED"}}',
    ],
)
def test_googles_dunning_hold_is_a_billing_stop(text: str) -> None:
    diagnosis = one(text)
    assert diagnosis.kind == Kind.BILLING_DISABLED
    assert "unpaid" in diagnosis.why


def test_another_dunning_word_is_nobodys() -> None:
    assert kind("Stripe dunning emails failed for 3 customers (403)") == "unrecognized"


def test_a_probe_lines_model_is_the_failing_one_when_the_code_is_told_elsewhere() -> None:
    text = (
        "gemini-flash-latest    → 200 OK\n"
        'gemini-2.5-flash-lite  → 404 "This model … is no longer available to new users"\n'
        "Models of this key: gemini-flash-latest, gemini-2.5-flash, gemini-3.8-flash.\n"
        "During the test the main model also gave a real `503 UNAVAILABLE`.\n"
    )
    assert one(text).model == "gemini-2.5-flash-lite"


def test_a_line_naming_two_models_gives_neither() -> None:
    # A line naming two models (one inside the other's id is no second model, two different ones are) decides
    # nothing: the first the text names is given.
    text = (
        "gemini-flash-latest works.\n"
        "gemini-2.5-flash-lite or gemini-2.0-flash → 404 This model is no longer available to new users.\n"
    )
    assert one(text).model == "gemini-2.5-flash-lite"


def test_other_models_said_to_work_in_a_later_chinese_clause_leave_the_provider_named() -> None:
    # The models that work are "other models" in another clause, not SiliconFlow and DeepSeek named before it.
    text = (
        '硅基流动余额充足，测试"Pro/deepseek-ai/Deepseek-R1"模型提示余额不足，其它模型能正常使用\n'
        "错误：http status code: 403, error message: The selected model requires paid balance."
    )
    assert kind(text) == "unrecognized"


def test_a_provider_said_to_work_in_its_own_chinese_clause_still_works() -> None:
    # "DeepSeek 能正常使用" (DeepSeek works) names the provider as the comparison: the Gemini error is read.
    text = (
        "DeepSeek 能正常使用，只有 Gemini 报错：\n"
        "google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': "
        "'Resource has been exhausted (e.g. check quota).', 'status': 'RESOURCE_EXHAUSTED'}}"
    )
    assert kind(text) == Kind.UNSPECIFIED_429.value


def test_siliconflows_prompt_token_refusal_is_not_claimed() -> None:
    text = "❌ Error code: 400 - number of input tokens (195354) have exceeded max_prompt_tokens (163840)"
    assert kind(text) == "unrecognized"


def test_a_paste_with_every_line_in_inline_code_is_read_as_the_body() -> None:
    body = [
        "400 {",
        '  "error": {',
        '    "message": "This model requires the use of the Computer Use tool.",',
        '    "code": "invalid_request"',
        "  }",
        "}",
    ]
    text = "\n".join(f"`{line}`" for line in body)
    diagnosis = one(text)
    assert diagnosis.kind == Kind.BAD_REQUEST
    assert diagnosis.http_code == 400


@pytest.mark.parametrize(
    "text",
    [
        "I get `Function calling with a response mime type: 'application/json' is unsupported`",
        "`gemini-2.5-flash`\nworks, but\n`gemini-2.0-flash`",
    ],
)
def test_code_spans_not_on_every_line_keep_their_backticks(text: str) -> None:
    # One code span, or code lines one at a time between prose, is no line-by-line formatting.
    assert normalize(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gemini 1.0 Vision gave error: [vertex_ai] Bad Request Error, 400 The input system_instruction is "
            "not supported.",
            Kind.BAD_REQUEST,
        ),
        (
            "[google] Rate Limit Error, 429 Resource has been exhausted (e.g. check quota).",
            Kind.UNSPECIFIED_429,
        ),
    ],
)
def test_a_code_after_an_error_class_and_a_comma_is_read(text: str, expected: Kind) -> None:
    assert one(text).kind == expected


def test_a_number_after_a_comma_in_prose_is_no_code() -> None:
    assert kind("We saw no error, 400 Users signed up today.") == "unrecognized"


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            '400 Request contains an invalid argument. [detail: "[ORIGINAL ERROR] generic::invalid_argument: Fail to '
            'execute model for flow_id: gemini-1.5-flash-001-flow_runner_video_32k_1m"]',
            "gemini-1.5-flash-001",
        ),
        # An underscore inside a user's own name of a model that is no Google id is left as written.
        ("litellm.BadRequestError: 400 model=my_gemini_alias Request contains an invalid argument.", None),
    ],
)
def test_a_google_id_ends_before_a_serving_suffix_of_underscored_words(text: str, model: str | None) -> None:
    assert one(text).model == model


@pytest.mark.parametrize(
    "text",
    [
        'The upstream Gemini provider then rejects with HTTP 200 + body `{code:400, message:"Provider returned '
        'error"}` (raw upstream error: `function call ... is missing a thought_signature`).',
        "HTTP 200 OK\nFunction call is missing a thought_signature in functionCall parts.",
    ],
)
def test_googles_words_beside_a_2xx_are_the_error_not_the_transport(text: str) -> None:
    diagnosis = one(text)
    assert diagnosis.kind == Kind.BAD_REQUEST
    assert diagnosis.http_code != 200


def test_a_2xx_with_generic_words_only_stays_nobodys() -> None:
    assert kind("HTTP 200 OK: the model is overloaded on our side, retrying") == "unrecognized"


def test_vertexs_multimodal_embedding_model_is_named_without_its_version() -> None:
    text = (
        "multimodalembedding is not supported in this method and it results in the error:\n"
        "com.google.api.gax.rpc.InvalidArgumentException: io.grpc.StatusRuntimeException: INVALID_ARGUMENT: "
        "computeTokens is infeasible"
    )
    assert one(text).model == "multimodalembedding"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RESOURCE_EXHAUSTED: quota exceeded per day", Kind.RPD),
        ("429 RESOURCE_EXHAUSTED: quota metric PerDay exceeded", Kind.RPD),
        ("429 RESOURCE_EXHAUSTED: quota exceeded per minute", Kind.RPM),
        # A time of day is no window.
        ("429 RESOURCE_EXHAUSTED: quota exceeded today, again", Kind.UNSPECIFIED_429),
    ],
)
def test_a_window_right_after_the_words_of_exceeding_is_read(text: str, expected: Kind) -> None:
    assert one(text).kind == expected


@pytest.mark.parametrize(
    "text",
    [
        'data: {"type":"response.failed","response":{"status":"failed","error":{"code":"rate_limit_exceeded",'
        '"message":"Concurrency limit exceeded for user, please retry later"}}}',
        "error:\n  code: model_not_found\n  message: The model `non-existent` does not exist or you do not have "
        "access to it.\nstatus:\n  code: 404",
        "uri: http://127.0.0.1:11434/api/chat\nresponse:\n  body: '{\"error\":\"model ''x:latest'' not found\"}'\n"
        "  status:\n    code: 404",
        'raise RuntimeError("Error code: 401 - invalid_api_key")',
    ],
)
def test_openais_and_ollamas_own_marks_are_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_vertexs_publisher_model_access_sentence_stays_googles() -> None:
    text = (
        "404 Publisher Model `projects/p/locations/us-central1/publishers/google/models/gemini-9-pro` was not found "
        "or your project does not have access to it."
    )
    assert kind(text) == Kind.MODEL_NOT_FOUND.value


@pytest.mark.parametrize(
    "text",
    [
        "error downloading wheels: HTTP 503: 503 Egress is over the account limit. "
        "(https://productionresultssa19.blob.core.windows.net/actions-results/x.zip?sv=2025-11-05)",
        "curl -i -k https://test.example.com:8443/mcp -H \"ratelimit: true\" -d '{}'\n"
        "HTTP/1.1 429 Too Many Requests\nretry-after: Retry-After",
        "failed solely on HfHubHTTPError: 429 Too Many Requests during setup",
    ],
)
def test_a_bare_status_of_a_named_host_or_client_is_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"


@pytest.mark.parametrize(
    "text",
    [
        # A curl to Google's own host, or to a local relay, names no other service.
        'curl "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent" -d @req.json\n'
        "HTTP/2 429",
        "curl http://127.0.0.1:8317/v1beta/models/gemini-2.5-flash:generateContent\nHTTP/1.1 429 Too Many Requests",
    ],
)
def test_a_curl_to_google_or_a_local_relay_keeps_a_bare_429(text: str) -> None:
    assert kind(text) == Kind.UNSPECIFIED_429.value


def test_a_model_id_that_ends_a_quoted_underscored_name_is_read() -> None:
    text = (
        '{"player_id": "Player3_Game1744260330332880_gemini-2.5-pro-exp-03-25", "message": "Error: 429 '
        "RESOURCE_EXHAUSTED. {'error': {'code': 429, 'message': 'You exceeded your current quota.', "
        "'status': 'RESOURCE_EXHAUSTED'}}\"}"
    )
    assert one(text).model == "gemini-2.5-pro-exp-03-25"


def test_an_id_inside_an_underscored_word_is_still_no_model() -> None:
    # The id does not end the name: "my_gemini-2.5-flash_cache" is a name of its own.
    text = '429 RESOURCE_EXHAUSTED Resource has been exhausted (e.g. check quota). key="my_gemini-2.5-flash_cache"'
    assert one(text).model is None
