"""Shapes found in this session's work (round 11 of held-out sets; READMEs there): each rule is tested on
real pastes where one holds it, on variants, and on a look-alike that must not change."""

from __future__ import annotations

import pytest
from shapes import NOW, kind, one
from shapes import real as paste

from gemquota import explain


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Error: 429 daily quota exceeded for gemini-2.5-flash.", "rpd"),
        ("gemini-2.5-pro: 429 RESOURCE_EXHAUSTED - you have hit the requests per minute limit", "rpm"),
        ("Gemini API returned 429: you exceeded your TPM limit, slow down", "tpm"),
        ("429 Too Many Requests from generativelanguage.googleapis.com: RPD limit reached", "rpd"),
        ("Gemini API 429 RESOURCE_EXHAUSTED: the per-minute request quota has been exceeded.", "rpm"),
        ("Gemini API 429 RESOURCE_EXHAUSTED (tokens per day limit exceeded)", "tpd"),
        ("Gemini API 报错 429：超出每日配额", "rpd"),
        ("Gemini API 429 RESOURCE_EXHAUSTED 일일 할당량 초과", "rpd"),
    ],
)
def test_a_window_told_in_words_beside_a_429_names_the_dimension(text: str, want: str) -> None:
    found = one(text)
    assert found.kind == want
    # It is said to be read from words, not from a quota id.
    assert any("words" in a for a in found.assumptions), found.assumptions


def test_a_window_in_words_gives_way_to_a_quota_id_and_to_words_that_disagree() -> None:
    body = (
        "429 RESOURCE_EXHAUSTED {'quotaId': 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier', "
        "'quotaMetric': 'generativelanguage.googleapis.com/generate_content_free_tier_requests'} "
        "— yesterday I also exceeded the daily quota"
    )
    assert kind(body) == "rpm"
    both = "Gemini 429 RESOURCE_EXHAUSTED. We hit the per-minute limit in bursts and exceeded the daily quota later."
    assert kind(both) == "unspecified-429"
    # A name alone ("每分钟请求数", "requests per minute") with no word of exceeding names nothing.
    assert kind("Gemini API 429 RESOURCE_EXHAUSTED；免费版每分钟请求数从15次降到5次") == "unspecified-429"
    assert kind("Gemini 429 RESOURCE_EXHAUSTED. The requests per minute limit is 15 on the free tier.") == (
        "unspecified-429"
    )


def test_a_window_in_words_alone_is_no_error_and_claims_nothing_of_another_provider() -> None:
    assert kind("I think we exceeded the daily quota yesterday, will try again tomorrow.") == "unrecognized"
    assert kind("Open api daily request limit reached (error_code 17) from qianfan") == "unrecognized"
    assert kind("openai.RateLimitError: 429 You exceeded your RPM limit for gpt-4o") == "unrecognized"


def test_the_japanese_post_of_a_daily_quota_429_is_read_as_per_day() -> None:
    found = one(paste("shapes31", "009"))
    assert (found.kind, found.model) == ("rpd", "gemini-3-flash-preview")


def test_a_429_without_words_of_a_window_is_unchanged() -> None:
    [found] = explain("429 Too Many Requests", now=NOW)
    assert found.kind == "unspecified-429"


def test_an_apps_error_line_ending_with_its_code_and_a_code_a_user_got_are_read() -> None:
    assert kind("2026-12-05 12:00:01 [worker] Gemini API error 429\nretrying in 5s") == "unspecified-429"
    assert kind("Gemini API error 503") == "overloaded"
    assert kind("Got a 429 from Gemini again, after two requests") == "unspecified-429"
    assert one("I keep hitting 429 on gemini-2.5-pro since this morning, any idea?").model == "gemini-2.5-pro"
    # Another provider's line of the same form stays theirs; a number that is not a status is no code.
    assert kind("OpenAI API error 429") == "unrecognized"
    assert kind("Gemini API error 4291") == "unrecognized"
    assert kind("We got 429 stars on the Gemini plugin repo") == "unrecognized"


def test_a_google_product_on_the_errors_own_line_outweighs_a_provider_named_elsewhere() -> None:
    relay = (
        "I configured DeepSeek and a relay's Gemini provider. DeepSeek works.\n"
        "LLM request failed: HTTP 400: provider=Gemini: the response has a status code of 400\n"
    )
    assert kind(relay) == "bad-request"
    assert kind(paste("holdout30", "008")) == "bad-request"
    # … also when the title names both and the log line below only Gemini.
    titled = (
        'Both the gemini and openrouter backends fail: "Gemini API error (status 404)"\n\n'
        "Logs show: Generator failed {provider=gemini, error=Gemini API error (status 404)}\n"
    )
    assert kind(titled) == "model-not-found"
    # … not when the line names only a Gemini model (gateways serve those), nor another provider too.
    gateway = 'API Provider: OpenRouter\n# RooCode returns "401 No auth credentials found" on Gemini models\n'
    assert kind(gateway) == "unrecognized"
    both = "OpenAI said HTTP 400 and so did Google\nprovider: openai\n"
    assert kind(both) == "unrecognized"


def test_dotnet_status_names_and_a_code_logged_before_a_google_api_address() -> None:
    assert kind("Mscc.GenerativeAI: Request failed with Status Code: NotFound") == "model-not-found"
    assert kind("Gemini: Request failed with Status Code: TooManyRequests") == "unspecified-429"
    # A number after "status code:" is read also at a sentence's end ("400."); Oracle Cloud's error, which ends
    # that way, names itself by its request id.
    oci = (
        "Service error:LimitExceeded. The following service limits were exceeded. http status code: 400. Opc "
        "request id: e08950377ad781"
    )
    assert kind(oci) == "unrecognized"
    assert kind("Gemini API: http status code: 400. Try again") == "bad-request"
    logged = (
        "OpenAI:DEBUG:response (error; no more retries left) 400 "
        "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions {"
    )
    found = one(logged)
    assert (found.kind, found.backend) == ("bad-request", "gemini-api")
    assert kind("GET 200 https://generativelanguage.googleapis.com/v1beta/models") == "unrecognized"


def test_a_display_name_stands_for_the_release_the_text_writes_out() -> None:
    text = (
        "Gemini 3 Pro Image: 503 The model is overloaded. We call gemini-3-pro-image-preview through the API."
    )
    assert one(text).model == "gemini-3-pro-image-preview"
    # Another model of the same family is not a release of it.
    other = "Gemini 2.5 Flash: 503 The model is overloaded. (we also tried gemini-2.5-flash-lite)"
    assert one(other).model == "gemini-2.5-flash"


def test_of_several_models_named_the_first_is_given_and_said_so() -> None:
    text = (
        "gemini-3.7-flash-medium\ngemini-3.7-flash-low\nAll of these return 429 errors from gemini, sadly.\n"
    )
    found = one(text)
    assert found.model == "gemini-3.7-flash-medium"
    assert any("several models" in a and "gemini-3.7-flash-low" in a for a in found.assumptions)
    single = one("gemini-2.5-pro keeps giving 429 errors on gemini since this morning.")
    assert single.model == "gemini-2.5-pro"
    assert any("named elsewhere" in a for a in single.assumptions)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Code Assist: a Cloud project set without a seat.
        (
            '{"error":{"message":"You are currently configured to use a Google Cloud Project but lack a Gemini '
            'Code Assist license. Please contact your administrator to request a license. (#3501)"}}',
            "permission",
        ),
        ("Exception: **ERROR**: 400 Please use a valid role: user, model.", "bad-request"),
        ('-> 400 "This model only supports Interactions API"', "bad-request"),
        ("Google Gemini 401 Unauthenticated", "bad-key"),
        # A page's inline code that lost its spaces.
        (
            "Users on paid plans hit 429 RESOURCE_EXHAUSTEDorMODEL_CAPACITY_EXHAUSTEDin Gemini CLI.",
            "capacity",
        ),
        # Codes told in prose.
        ("gemini-cli usage becomes 429 - limit reached. Google, where is response?", "unspecified-429"),
        ("I'm seeing 503's from upstream issues with gemini most days", "overloaded"),
        ("感觉没调用几次，gemini一下子就遇到429了", "unspecified-429"),
        # Google's quota sentence as other languages' posts give it.
        ("Ao usar a API Gemini: Você excedeu sua cota atual, verifique seu plano", "unspecified-429"),
        ("API de Gemini: Has excedido tu cuota actual", "unspecified-429"),
    ],
)
def test_wordings_and_shapes_of_this_round(text: str, want: str) -> None:
    assert kind(text) == want


def test_deep_research_agents_are_google_models() -> None:
    text = (
        'POST https://generativelanguage.googleapis.com/v1beta/openai/chat/completions\n{"model": '
        '"deep-research-preview-04-2026"}\n-> 400 "This model only supports Interactions API"\n'
    )
    assert one(text).model == "deep-research-preview-04-2026"


@pytest.mark.parametrize(
    "text",
    [
        # Another service's host written without its scheme, and the address answers came from.
        "Wit.ai SDK: HTTP Error 503: The remote server returned an error: (503) Service Unavailable.\n"
        "Ping api.wit.ai successfully",
        "I'm seeing HTTP/1.1 503 Service Unavailable responses from https://hippogames.dev/api/oauth/init.",
        # A Ruby client's provider symbol.
        "the server responded with status 400 (Faraday::BadRequestError)\nmodel = GenAI::Image.new(:open_ai, KEY)",
        # A browser's own error page of a web site.
        "After a while: HTTP ERROR 500 This page isn't working. FATAL: sorry, too many clients already",
        # Glued words do not make a Google status of a longer capitalised word.
        "RESOURCE_EXHAUSTEDX is our own enum value",
    ],
)
def test_look_alikes_of_this_round_stay_unrecognized(text: str) -> None:
    assert kind(text) == "unrecognized"


def test_a_code_before_a_google_address_and_a_host_in_code_are_no_foreign_host() -> None:
    # A Python attribute chain is not a host; Google's own api.* names are Google's.
    assert kind("gemini 429 RESOURCE_EXHAUSTED at client.api.models.generate") == "unspecified-429"
    assert kind("429 RESOURCE_EXHAUSTED from api.ai.dev") == "unspecified-429"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Google Cloud's own refusals around Vertex AI.
        (
            "Error in query string: bqcx-1@gcp-sa-bigquery-condel.iam.gserviceaccount.com does not have the "
            "permission to access or use the endpoint. Please grant the Vertex AI user role to the service account",
            "permission",
        ),
        (
            "failed to list models for provider vertex: Your application is authenticating by using local "
            "Application Default Credentials. The aiplatform.googleapis.com API requires a quota project, which "
            "is not set by default.",
            "permission",
        ),
        (
            'Vertex AI: 400 - {"error":"invalid_grant","error_description":"reauth related error (invalid_rapt)",'
            '"error_uri":"https://support.google.com/a/answer/9368756"}',
            "bad-key",
        ),
        (
            "Failed to connect to Vertex AI: 503 failed to connect to all addresses; last error: UNKNOWN",
            "overloaded",
        ),
        # Region in the SDKs' own names and the Gemini app's words.
        ("{property: x, response: Instance of 'UnsupportedUserLocation'} from the Gemini Dart SDK", "region"),
        ("Gemini пока не поддерживается в вашей стране. Мы сообщим, когда это изменится.", "region"),
        ("Gemini isn't currently supported in your country.", "region"),
        ("Apologies, Gemini in IntelliJ IDEA is currently not available in your country.", "region"),
        # Code Assist's licence refusals, Gemini's and the JS SDK's content checks.
        (
            "You are missing a valid license for Gemini Code Assist. Please contact your billing administrator.",
            "permission",
        ),
        (
            "400 Please ensure that multiturn requests ends with a user role or a function response.",
            "bad-request",
        ),
        ("400: [GoogleGenerativeAI Error]: Each Content should have at least one part", "bad-request"),
        (
            "Error: [GoogleGenerativeAI Error]: First content should be with role 'user', got model",
            "bad-request",
        ),
        # requests' status without its colon, aiohttp's ClientResponseError.
        ("# 谷歌Gemini无法使用 API response: 400 Client Error", "bad-request"),
        (
            "ERROR | open_webui.routers.openai:generate_chat_completion:749 - 400, message='Bad Request', "
            "url='https://generativelanguage.googleapis.com/v1beta/openai/chat/completions' - {}",
            "bad-request",
        ),
        ("Gemini 老是提示资源耗尽", "unspecified-429"),
    ],
)
def test_wordings_and_shapes_of_round_twelve(text: str, want: str) -> None:
    assert kind(text) == want


def test_openais_sdk_as_the_client_of_gemini_is_not_the_provider() -> None:
    log = (
        "[DEBUG] Using model: gemini-2.5-flash\n"
        "Failed to analyze document: BadRequestError: 400 status code (no body)\n"
        "    at APIError.generate (/app/node_modules/openai/error.js:45:20)\n"
        "    at OpenAI.makeStatusError (/app/node_modules/openai/core.js:299:33)\n"
    )
    found = one(log)
    assert (found.kind, found.model) == ("bad-request", "gemini-2.5-flash")
    # Without Gemini named, or with OpenAI named as a provider, it stays OpenAI's.
    assert kind(log.replace("gemini-2.5-flash", "gpt-4o")) == "unrecognized"
    assert kind(log + "OpenAI API returned an error: insufficient_quota\n") == "unrecognized"


def test_google_searchs_own_block_is_not_an_ai_apis_error() -> None:
    text = (
        "[ERROR] google search error: 429 Client Error: Too Many Requests for url: "
        "https://www.google.com/sorry/index?continue=https://www.google.com/search%3Fq%3Dx, try the next one"
    )
    assert kind(text) == "unrecognized"


def test_round_thirteen_shapes() -> None:
    # Antigravity's wrapper gives way to the Google body it carries with its own status.
    wrapped = 'Agent terminated due to error{ "error": { "code": 500, "message": "Internal error encountered.", "status": "INTERNAL" } }'
    assert kind(wrapped) == "internal"
    assert kind("Antigravity: Agent terminated due to error") == "unrecognized"  # (states no cause)
    # Code Assist's and gemini-cli's own refusals of an account or a preview model.
    assert (
        kind('Gemini Code Assist: "Your current account is not eligible for Gemini Code Assist"')
        == "permission"
    )
    assert kind(
        "It seems like you don't have access to Gemini 3.\nLearn more at https://goo.gle/enable-preview-features"
    ) == ("permission")
    # gemini-cli's error class for an unknown model, beside a Google signal only.
    assert kind("gemini-cli 0.42.0: ModelNotFoundError: Requested entity was not found. (gemini-3-pro)") == (
        "model-not-found"
    )
    assert kind("ModelNotFoundError: llama3 is not pulled") == "unrecognized"


def test_round_thirteen_quota_shapes() -> None:
    notes = (
        "[GoogleGenerativeAI Error]: Error fetching from https://generativelanguage.googleapis.com/v1beta/models/"
        "gemini-2.5-flash:generateContent: [429 Too Many Requests] You exceeded your current quota.\n"
        "Limit: 20 requests/day\nModel: gemini-2.5-flash\n"
    )
    found = one(notes)
    assert (found.kind, found.model) == ("rpd", "gemini-2.5-flash")
    assert kind("Gemini: 429 Too Many Requests (limit: 10 requests/min)") == "rpm"
    training = (
        'RuntimeError: Training failed with: code: 8 message: "The following quota metrics exceed quota limits: '
        'aiplatform.googleapis.com/custom_model_training_nvidia_k80_gpus"'
    )
    assert kind(training) == "unspecified-429"
    # A client's notice of an error it already logged is not another error.
    log = (
        "[ERROR] [Gemini API] Error calling (Status: 500, Code: 500): Internal error encountered.\n"
        "[INFO] [Gemini API] Received 500 server error. Retrying in 1000ms... (attempt 1/3)\n"
    )
    assert [d.kind.value for d in explain(log, now=NOW)] == ["internal"]
    # The OpenAI node of a workflow tool is the provider, not a client library of Gemini.
    assert kind("Gemini node: Error 400 Bad Request. The OpenAI node doesn't work either.") == "unrecognized"


def test_gemini_turn_order_in_go_grpc_and_a_slugified_not_found() -> None:
    go = (
        "rpc error: code = InvalidArgument desc = Please ensure that multiturn requests alternate between user "
        "and model."
    )
    assert kind(go) == "bad-request"
    assert kind('the app returns "gemini-1-5-flash-001-tuning-is-not-found-for-api-version-v1beta"') == (
        "model-not-found"
    )


def test_a_google_model_id_not_found_and_an_example_command() -> None:
    found = one("Error: gemini-1.5-pro not found")
    assert (found.kind, found.model) == ("model-not-found", "gemini-1.5-pro")
    assert kind("Error: llama3 not found") == "unrecognized"
    template = (
        'The specific command I ran was: [INSERT YOUR EXACT COMMAND HERE, e.g., gemini generate "hi" -m '
        "gemini-2.5-flash]\n[API Error: 404 Requested entity was not found.]\n* **Model Version:** gemini-1.5-flash\n"
    )
    assert one(template).model == "gemini-1.5-flash"


def test_gateways_and_plans_of_other_vendors_by_name() -> None:
    assert kind("classifyFailure({ status: 403, body: 'OpenCode Go usage allotment has run out.' })") == (
        "unrecognized"
    )
    assert kind('const error = new TensorZeroServerError("Forbidden", { status: 403 });') == "unrecognized"
    # OpenCode as the client of Gemini is not a provider.
    assert kind("opencode: gemini-2.5-pro 429 RESOURCE_EXHAUSTED") == "unspecified-429"


def test_a_live_close_code_in_a_tuple() -> None:
    assert (
        kind('{:error, {:closed, 1011, "Internal error encountered."}} from the Gemini Live API')
        == "internal"
    )
    assert kind('{:error, {:closed, 1008, "models/gemini-x is not found"}}') == "model-not-found"


def test_google_genais_rendering_of_an_unknown_status_keeps_its_code() -> None:
    assert kind("499 UNKNOWN. {'error': {'message': 'Unknown error', 'status': 'UNKNOWN'}}") == "deadline"
    assert kind("500 UNKNOWN. {'error': {'message': 'Unknown error', 'status': 'UNKNOWN'}}") == "internal"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            '_TEST_AGENT_ENGINE_ERROR = {"message": "The following quotas are exceeded", "code": 8}',
            "unspecified-429",
        ),
        (
            "Enable Firebase AI Logic in your Firebase project by visiting the Firebase Console at "
            'https://console.firebase.google.com/project/p/ailogic and clicking "Get started".',
            "api-disabled",
        ),
        (
            'AI: The "apiKey" field is empty in the local Firebase config. Firebase AI requires this field to '
            "contain a valid API key. (AI/no-api-key)",
            "bad-key",
        ),
    ],
)
def test_google_sdk_wordings_of_peers16(text: str, want: str) -> None:
    assert kind(text) == want


def test_a_reason_word_alone_beside_another_provider_is_theirs() -> None:
    notes = (
        "### 2. RATE_LIMIT_EXCEEDED\n\nrate limit exceeded - too many requests\n"
        "Upgrade tier: https://platform.openai.com/account/limits\n"
    )
    assert kind(notes) == "unrecognized"
    # With a status or a body beside it, or nothing foreign, the reason stays Google's.
    assert kind("RATE_LIMIT_EXCEEDED") == "unspecified-429"
    assert kind(
        '{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [{"reason": "RATE_LIMIT_EXCEEDED"}]}} (openai works)'
    ) == ("unspecified-429")
