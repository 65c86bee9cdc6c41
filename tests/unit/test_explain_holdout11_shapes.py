"""Shapes the held-out sets holdout11, holdout12, shapes28 and peers6 showed after they were measured (READMEs
there): Gemini 3's thought-signature 400 and the Interactions API's 2026 schema refusal (its word code
hard-wrapped in the string), Google's CONSUMER_SUSPENDED sentence, a bare "models/X is not found", the
old quota message that names only its limit, errors told in words with no code, gemini-cli's "high
demand" dialog, a 429 under Antigravity's "Agent terminated" wrapper, and the model in a Markdown table
or a Chinese label. Each rule is tested on the real paste, on variants, and on a look-alike."""

from __future__ import annotations

import pytest
from shapes import kind, one
from shapes import real as paste


def h11(prefix: str) -> str:
    return paste("holdout11", prefix)


def h12(prefix: str) -> str:
    return paste("holdout12", prefix)


def s28(prefix: str) -> str:
    return paste("shapes28", prefix)


def test_a_missing_thought_signature_is_a_bad_request() -> None:
    assert kind(h11("007")) == "bad-request"
    assert kind("400 INVALID_ARGUMENT: Invalid thoughtSignature in model content") == "bad-request"
    # The words alone, with nothing Google's, still name Gemini's own field.
    assert kind("Function call is missing a thought_signature in functionCall parts.") == "bad-request"


def test_the_interactions_apis_schema_refusal_and_a_wrapped_word_code() -> None:
    assert kind(s28("024")) == "bad-request"
    assert one(s28("026")).model == "gemini-3.6-flash"
    assert kind(s28("026")) == "bad-request"
    # A word code cut by a hard wrap inside its string is still the word.
    body = '{"error":{"message":"Quota exceeded for model.","code":"rate_limit_\n      exceeded"}}'
    assert kind(body) != "unrecognized"


def test_googles_consumer_suspended_sentence_is_googles() -> None:
    assert kind(h11("009")) == "permission"
    # The bare "has been suspended" beside a 403 names no one.
    assert kind("Your account has been suspended.") == "unrecognized"


def test_a_bare_models_x_is_not_found() -> None:
    diag = one(h12("030"))
    assert (diag.kind, diag.model) == ("model-not-found", "gemini-3-pro-image")
    assert kind('error "models/gemini-3-pro-image is not found" here') == "model-not-found"


def test_the_old_quota_message_that_names_only_its_limit() -> None:
    assert kind(h12("018")) == "rpm"
    day = "Quota exceeded for 'Generate requests per day' of service 'generativelanguage.googleapis.com'"
    assert kind(day) == "rpd"
    # Another service's quota in the same words is not Google's.
    assert kind("Quota exceeded for 'uploads per minute' of service 'api.example.com'") == "unrecognized"


@pytest.mark.parametrize(
    ("prefix", "want"),
    [("002", "unspecified-429"), ("019", "unspecified-429"), ("039", "internal")],
)
def test_an_error_told_in_words_about_gemini(prefix: str, want: str) -> None:
    assert kind(h11(prefix)) == want


def test_a_status_named_in_words_after_its_code() -> None:
    assert kind(h12("039")) == "unspecified-429"
    assert kind("Gemini keeps giving me a 503 Service Unavailable error") == "overloaded"
    # With no Google product named, the same prose is nobody's.
    assert kind("the API keeps giving me a 429 ResourceExhausted error") == "unrecognized"


def test_apps_own_rate_limiters_in_english_stay_unclaimed() -> None:
    # (express-rate-limit's default text, and an app's own credit limiter, beside a Gemini endpoint.)
    assert kind("Gemini image API: Too many requests from this IP, please try again after 15 minutes.") == (
        "unrecognized"
    )
    assert kind("Gemini pro models cost 4 credits. AI inference rate limit exceeded.") == "unrecognized"


def test_gemini_clis_high_demand_dialog() -> None:
    assert kind(s28("014")) in ("capacity", "overloaded")
    dialog = "We are currently experiencing high demand. We apologize and appreciate your patience."
    # Other tools say the same: with no Google signal beside it, it is nobody's.
    assert kind(dialog) == "unrecognized"
    assert kind(dialog + "\n2. Switch to gemini-3-flash-preview") in ("capacity", "overloaded")


def test_a_429_under_antigravitys_agent_terminated_wrapper() -> None:
    assert kind(s28("016")) == "unspecified-429"
    # Without a 429 (or any other cause) the wrapper states none: it is no diagnosis.
    wrapper = "Antigravity: Agent terminated due to error. gemini-3.1-pro-high"
    assert kind(wrapper) == "unrecognized"


def test_no_capacity_for_this_model() -> None:
    assert kind(s28("013")) == "capacity"


def test_the_model_in_a_markdown_table_and_a_chinese_label() -> None:
    assert one(s28("027")).model == "gemini-2.5-flash-native-audio-preview-12-2025"
    diag = one(s28("035"))
    assert (diag.kind, diag.model) == ("model-not-found", "gemini-3.1-flash-image")
    assert one("| **Model** | `gemini-2.5-pro` |\n\n429 RESOURCE_EXHAUSTED").model == "gemini-2.5-pro"


# peers6 (error inputs of peer projects' test suites), after it was measured.


def p6(prefix: str) -> str:
    return paste("peers6", prefix)


def test_a_json_rpc_error_that_carries_googles_in_its_data() -> None:
    diag = one(p6("019"))
    assert (diag.kind, diag.backend) == ("plan-quota", "code-assist")
    # JSON-RPC's own code is no HTTP status, and with nothing Google's in it the error is nobody's.
    assert kind('{"code": -32603, "message": "Internal error", "data": {"error": "boom"}}') == "unrecognized"


def test_the_model_a_not_found_message_names() -> None:
    assert (one(p6("016")).kind, one(p6("016")).model) == ("model-not-found", "gemini-basic")
    assert one(p6("024")).model == "invalid-model"
    # OpenAI's sentence in the same words is OpenAI's.
    assert kind("The model `gpt-4o` does not exist or you do not have access to it.") == "unrecognized"


def test_api_key_is_invalid_needs_a_google_signal() -> None:
    assert kind(paste("peers6-not-google", "003")) == "unrecognized"  # Anthropic's authentication_error
    assert kind("400 INVALID_ARGUMENT: API key is invalid. models/gemini-2.5-flash") == "bad-key"


def test_azures_subscription_key_refusal_is_azures() -> None:
    assert kind(paste("peers6-not-google", "014")) == "unrecognized"


def test_evidence_held_whole_by_another_fragment_is_not_repeated() -> None:
    evidence = one(paste("shapes27", "011")).evidence
    assert not any(e != o and e in o for e in evidence for o in evidence)
    assert any("imagen-4.0-generate-001" in e for e in evidence)


def test_a_clients_time_out_on_a_call_to_google() -> None:
    diag = one(paste("holdout10", "015"))
    assert (diag.kind, diag.retry, diag.model) == ("deadline", "backoff", "gemini-pro-vision")
    read = "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='aiplatform.googleapis.com', port=443)"
    assert kind(read + ": Read timed out. (read timeout=60)") == "deadline"
    # Another service's time-out, or one with nothing Google's beside it, is not Google's.
    assert kind("HTTPSConnectionPool(host='api.openai.com', port=443): Read timed out.") == "unrecognized"
    assert kind("urlopen error The read operation timed out") == "unrecognized"


# holdout13, holdout14 and not-google6, after they were measured.


def test_ai_studios_rate_limit_notice_beside_a_google_signal() -> None:
    assert kind(paste("holdout14", "027")) == "unspecified-429"
    assert kind("You've reached your rate limit. Please try again later.") == "unrecognized"


def test_an_error_envelope_with_capitalized_fields() -> None:
    body = '{"Error": {"Message": "No candidates returned", "Type": "server_error", "Code": 500}}'
    assert kind("Google Gemini API: " + body) == "internal"
    assert kind(paste("holdout14", "010")) == "internal"
    assert one(paste("holdout14", "010")).evidence  # the code is its evidence when nothing else is


def test_a_server_error_in_korean_japanese_and_chinese_prose() -> None:
    assert kind(paste("holdout14", "020")) in ("internal", "model-not-found")
    assert kind("Gemini API を呼ぶと 500 サーバーエラー になります") == "internal"
    assert kind("调用 Gemini 接口时返回 500 服务器错误") == "internal"


def test_the_model_a_retirement_sentence_names() -> None:
    diag = one(paste("holdout13", "026"))
    assert (diag.kind, diag.model) == ("model-not-found", "gemini-1.5-pro")


def test_hints_have_ascii_word_boundaries() -> None:
    # "使用Gemini API时 … Permission Denied": a Chinese character before "Gemini API" is no word character.
    assert kind('当你准备使用Gemini API时,突然弹出的"Permission Denied"错误') == "permission"


@pytest.mark.parametrize("prefix", ["005", "007", "018", "036", "041", "052", "056", "057"])
def test_other_services_named_in_not_google6(prefix: str) -> None:
    # Firecrawl, Deepgram (wss://api.…), S3's "Slow Down", NotionAPI after Chinese text, Figma, OpenRouter's
    # own 402 for a Gemini model, Vercel's function time-out, Heroku's router log.
    assert kind(paste("not-google6", prefix)) == "unrecognized"


def test_a_gemini_model_alone_does_not_outweigh_the_provider_that_answered() -> None:
    # OpenRouter relaying Google's upstream ("provider_name": "Google") stays Google's; a client tool of
    # another vendor that called Gemini (a Codex fork) is not the provider of the error.
    assert kind(paste("peers3", "025")) == "unspecified-429"
    assert kind(paste("holdout9", "040")) == "unspecified-429"
    assert kind("OpenRouter: 402 Insufficient credits for google/gemini-2.5-flash") == "unrecognized"


def test_a_generic_wording_in_a_paste_about_gemini() -> None:
    assert kind(paste("holdout10", "001")) == "overloaded"
    assert kind("Frequent 'Model is overloaded' errors") == "unrecognized"  # about nothing named
    # … nor when another provider is named, or Gemini is the crypto exchange.
    assert kind("OpenAI: The model is overloaded. (I also tried Gemini)") == "unrecognized"
    assert kind("Gemini exchange API: an internal error has occurred") == "unrecognized"
    assert kind("GET https://api.gemini.com/v1/pubticker/btcusd -> 500 Internal error encountered") == (
        "unrecognized"
    )


def test_a_model_behind_a_gateways_provider_path() -> None:
    # aider's "--model openrouter/google/gemini-pro-1.5-exp" and "Model: openrouter/google/…" (peers7).
    assert one(paste("peers7", "029")).model == "gemini-pro-1.5-exp"
    text = "Model: openrouter/google/gemini-2.5-flash\n429 RESOURCE_EXHAUSTED"
    assert one(text).model == "gemini-2.5-flash"


def test_the_model_changed_to_is_not_the_one_that_failed() -> None:
    # "預設改成 gemini-2.5-flash" (Chinese, before the id); "gemini-2.0-flash로 수정" (Korean, after it).
    assert one(paste("holdout11", "002")).model == "gemini-1.5-pro"
    assert one(paste("holdout14", "020")).model == "gemini-1.5-flash"
    assert one("gemini-1.5-pro 报错 429 Too Many Requests，已改用 gemini-2.5-flash").model == "gemini-1.5-pro"
    assert (
        one("Gemini: gemini-1.5-flash 500 에러, gemini-2.0-flash로 변경했습니다").model == "gemini-1.5-flash"
    )


# shapes29, after it was measured.


@pytest.mark.parametrize(
    ("prefix", "want"),
    [("017", "plan-quota"), ("021", "bad-request"), ("022", "model-not-found"), ("023", "capacity")],
)
def test_2026_shapes_of_shapes29(prefix: str, want: str) -> None:
    # Antigravity's "Baseline model quota reached", the Files API's "not in an ACTIVE state", "No such
    # model" beside a Veo id, Google Flow's "experiencing high demand".
    assert kind(paste("shapes29", prefix)) == want


def test_no_such_model_and_flows_notice_need_their_own_words() -> None:
    assert kind("Error: No such model") == "unrecognized"
    assert one(paste("shapes29", "023")).backend == "unknown"  # Flow is no Code Assist backend


# peers8 and not-google7, after they were measured.


def test_peers8_shapes() -> None:
    # google-genai's "429 QUOTA_EXCEEDED. None", an ErrorInfo with reason QUOTA_EXCEEDED, "This location is
    # not supported for Google AI services", "quota metric 'GenerateContentPaidTier' (daily)".
    assert kind(paste("peers8", "004")) == "unspecified-429"
    assert kind(paste("peers8", "023")) == "unspecified-429"
    assert kind(paste("peers8", "018")) == "region"
    assert kind(paste("peers8", "031")) == "rpd"


@pytest.mark.parametrize("prefix", ["008", "025", "033", "047", "048", "049", "060"])
def test_other_services_of_not_google7(prefix: str) -> None:
    # Auth0's Boom envelope, OpenAI's "model 'gpt-4.1' not found" in a Gemini app, OpenAI's "The server had
    # an error while processing your request", Mapzen, ipinfo's "Upgrade … at https://ipinfo.io", "502 error
    # from R2 / S3", and a router's "reset after 5s" beside Claude and OpenAI.
    assert kind(paste("not-google7", prefix)) == "unrecognized"


def test_reset_words_alone_are_not_googles() -> None:
    assert kind("all credentials cooling down (reset after 5s) | lastError=[429]: Provider Error") == (
        "unspecified-429"
    )  # a bare 429 naming no one is still read by the bare-status rule …
    text = "anthropic: all credentials cooling down (reset after 5s) | lastError=[429]: Provider Error"
    assert kind(text) == "unrecognized"  # … but not once another provider is named


# holdout15, after it was measured.


def test_holdout15_shapes() -> None:
    # The Java SDK's "ClientException: 400. Invalid resource field value", google-api-core's exception
    # named by its module path alone, and a code told as what a call "returns".
    diag = one(paste("holdout15", "009"))
    assert (diag.kind, diag.model) == ("bad-request", "veo-3.0-generate-001")
    assert kind(paste("holdout15", "023")) == "deadline"
    assert kind(paste("holdout15", "020")) == "model-not-found"
    assert kind("calling gemini-2.5-flash it returns 503 every few minutes") == "overloaded"
    assert kind("Gemini API: got a 503 earlier") == "unrecognized"  # (got/received: a retry notice's words)
    assert kind("the API returns 503 every few minutes") == "unrecognized"  # no Google product named


# holdout16, peers9 and not-google8, after they were measured.


@pytest.mark.parametrize(
    ("folder", "prefix", "want"),
    [
        (
            "holdout16",
            "014",
            "unspecified-429",
        ),  # "a 429 - too many requests error" (a dash before the words)
        ("holdout16", "017", "overloaded"),  # gemini-cli's dialog with its "/model to switch models"
        ("holdout16", "038", "tpm"),  # "GenerateContent input token count limit per model per minute"
        ("peers9", "010", "bad-request"),  # DebugInfo's "generic::invalid_argument"
        ("peers9", "018", "unspecified-429"),  # a body with only Google's RetryInfo
        ("peers9", "011", "model-not-found"),  # Vertex's "Publisher Model `projects/…` was not found"
    ],
)
def test_round_four_shapes(folder: str, prefix: str, want: str) -> None:
    assert kind(paste(folder, prefix)) == want


def test_round_four_precision() -> None:
    # OpenAI's "Incorrect API key provided" in an app whose title says "Gemini Api"; Fireworks' API named.
    assert kind(paste("not-google8", "043")) == "unrecognized"
    assert kind(paste("not-google8", "040")) == "unrecognized"
    # A post that cites "a Reddit thread" names no other provider; Docker Hub's code has its colon.
    assert kind(paste("holdout12", "040")) != "unrecognized"
    assert kind("toomanyrequests: You have reached your pull rate limit. 429") == "unrecognized"
