"""Shapes found after the fifth and sixth rounds of held-out sets (holdout17 … holdout20, shapes30, shapes31,
peers10, not-google9, not-google10; READMEs there) and the model ids earlier rounds left unread: each rule
is tested on the real paste, on variants, and on a look-alike."""

from __future__ import annotations

from shapes import NOW, kind, one
from shapes import real as paste

from gemquota import explain
from gemquota.core.diagnosis import Diagnosis
from gemquota.core.parse import normalize


def explain_all(text: str) -> list[Diagnosis]:
    return explain(text, now=NOW)


def test_a_vertex_models_version_and_publisher_are_kept_as_written() -> None:
    assert one(paste("holdout8", "012")).model == "chat-bison@001"
    assert one(paste("holdout7", "037")).model == "text-bison@latest"
    assert one(paste("shapes29", "028")).model == "claude-opus-4-5@20251101"
    url = (
        "403 Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/p/"
        "locations/us-east5/publishers/{pub}/models/{model}' (or it may not exist)."
    )
    assert one(url.format(pub="google", model="gemini-2.0-flash-001")).model == "gemini-2.0-flash-001"
    assert (
        one(url.format(pub="anthropic", model="claude-sonnet-4@20250514")).model == "claude-sonnet-4@20250514"
    )
    assert kind(url.format(pub="anthropic", model="claude-sonnet-4@20250514")) == "permission"
    # LiteLLM's Vertex route names the model called, whoever made it.
    routed = "litellm.RateLimitError: vertex_ai/gemini-2.5-pro@001 - 429 Resource exhausted, please try again later."
    assert one(routed).model == "gemini-2.5-pro@001"
    # An address with "@" after a model is not a version ("models/x" then an e-mail) — only a word follows.
    assert (
        one(url.format(pub="google", model="gemini-2.5-flash") + " user@example.com").model
        == "gemini-2.5-flash"
    )


def test_a_status_line_after_a_log_level_and_logger_is_read() -> None:
    for head in ("2026-12-05T10:11:12.123Z ERROR app.llm: ", "WARNING:root:", "[worker-2] Error in call: "):
        assert kind(head + "503 The model is overloaded. Try again later.") == "overloaded"
        assert kind(head + "403 Permission denied") == "permission"
    # google-genai's str(APIError) of an answer with no JSON body, after any prefix.
    assert kind("ERROR app: 429 None. None") == "unspecified-429"
    assert kind("[gemini] 503 None. None") == "overloaded"
    # Not a level word before it, or not a sentence after the code: nothing read.
    assert kind("INFO app: 200 OK") == "unrecognized"
    assert kind("Took 429 steps: done") == "unrecognized"
    # Another provider named beside it keeps it theirs.
    assert kind("ERROR openai._base_client: 429 Too Many Requests") == "unrecognized"


def test_a_hard_wrap_of_an_indented_log_is_joined_without_the_indent() -> None:
    line = (
        "[run] WARNING - Encountered API error: 429 Quota exceeded for aiplatform.googleapis.com/generate_content"
        "_requests_per_minute_per_project_per_base_model with base model: gemini-pro. Please submit a quota "
        "increase request."
    )
    cut = [line[i : i + 90] for i in range(0, len(line), 90)]
    text = "\n".join("    " + piece for piece in [*cut, "    Traceback (most recent call last):"])
    assert kind(text) == "rpm"
    # A Vertex path cut before its "/models/" segment (a box or a terminal) is joined too.
    boxed = (
        "│ Publisher Model `projects/p/locations/global/publishers/anthropic │\n"
        "│ /models/claude-fable-5` was not found or your project does not have access │\n"
        "│ to it.                                                                     │"
    )
    assert one(boxed).model == "claude-fable-5"
    assert kind(boxed) == "model-not-found"


def test_googles_own_sentence_of_a_prompt_over_the_window() -> None:
    assert kind(paste("holdout17", "024")) == "bad-request"
    vertex = "Unable to submit request because the input token count is 1500000 but model only supports up to 1048576"
    assert kind(vertex) == "bad-request"
    # The loose phrase alone is anybody's.
    assert kind("prompt is too long: it exceeds the maximum number of tokens") == "unrecognized"


def test_docker_is_docker_hub_only_and_traefik_is_a_platform() -> None:
    # "Self Hosted (Docker)" in an issue template does not make a Gemini plugin's 500 Docker's.
    assert kind(paste("holdout17", "022")) == "internal"
    assert kind("docker pull: toomanyrequests: You have reached your pull rate limit.") == "unrecognized"
    assert (
        kind("Error response from daemon: 429 Too Many Requests from registry-1.docker.io") == "unrecognized"
    )
    assert kind(paste("not-google5", "070")) == "unrecognized"


def test_a_status_stated_in_prose_as_returned_or_from_a_gemini_method() -> None:
    assert one(paste("holdout17", "033")).kind.value == "model-not-found"
    assert one(paste("holdout17", "033")).model == "gemini-2.0-flash-preview-image-generation"
    assert kind("Gemini: 请求已经返回429了") == "unspecified-429"
    assert kind(paste("holdout18", "033")) == "model-not-found"
    assert kind("Gemini keeps giving 503s from streamGenerateContent") == "overloaded"
    assert kind(paste("peers10", "022")) == "unspecified-429"
    assert kind("Gemini quota exceeded (429) again") == "unspecified-429"
    # No Google product named: nothing.
    assert kind("Skipped: rate limit (429)") == "unrecognized"


def test_code_assists_reset_sentence_and_antigravitys_other_models() -> None:
    d = one(paste("shapes30", "007"))
    assert (d.kind.value, d.model) == ("plan-quota", "claude-sonnet-4-6")
    assert kind("Your quota will reset after 19h56m12s.") == "plan-quota"
    # Anybody's reset words stay nobody's.
    assert kind("Your token will reset after 5m.") == "unrecognized"
    # A Claude model served by Antigravity does not make the error Anthropic's.
    assert kind(paste("holdout9", "023")) == "unspecified-429"


def test_a_model_said_removed_and_no_capacity_for_a_named_model() -> None:
    d = one(paste("shapes30", "020"))
    assert (d.kind.value, d.model) == ("model-not-found", "gemini-2.0-flash-exp")
    assert kind("models/gemini-1.5-pro was retired last week") == "model-not-found"
    assert kind("gpt-4 has been removed") == "unrecognized"
    assert kind(paste("shapes30", "027")) == "capacity"
    assert kind("No capacity available for gemini-3-flash-preview on the server") == "capacity"


def test_other_services_of_round_five() -> None:
    for prefix in ("004", "005", "046", "067"):
        assert kind(paste("not-google9", prefix)) == "unrecognized", prefix
    # A status Google never answers with, beside only a Gemini host named in a config, is not Google's …
    assert kind(
        "API Error: 422 Unprocessable Entity\napi_base_url: https://generativelanguage.googleapis.com/"
    ) == ("unrecognized")
    # … but a Google SDK that raised it keeps it Google's.
    assert (
        kind("google.genai.errors.ClientError: 422 None. {'error': {'message': 'Unprocessable'}}")
        == "bad-request"
    )


def test_openais_error_object_and_a_dict_in_a_yaml_scalar() -> None:
    for prefix in ("001", "003", "012"):
        assert kind(paste("peers10-not-google", prefix)) == "unrecognized", prefix
    body = "{'error': {'message': 'Rate limit reached', 'type': 'requests', 'param': None, 'code': 'rate_limit_exceeded'}}"
    assert kind("Error code: 429 - " + body) == "unrecognized"
    # The same dict with Google's fields is Google's, in YAML or not.
    google = "{''error'': {''code'': 429, ''message'': ''Resource exhausted.'', ''status'': ''RESOURCE_EXHAUSTED''}}"
    assert kind("error_message: 'Error code: 429 - " + google + "'") == "unspecified-429"


def test_a_long_running_operations_error_and_a_status_in_text_format() -> None:
    assert [d.kind.value for d in explain_all(paste("holdout20", "009"))] == ["bad-request", "internal"]
    assert kind('{"done": true, "error": {"code": 8, "message": "Quota exceeded."}}') == "unspecified-429"
    assert kind(paste("holdout20", "019")) == "bad-request"
    # A code that is an HTTP status stays one; an error with no "done" beside it is no operation.
    assert kind('{"error": {"code": 13, "message": "x"}}') != "internal"


def test_grpc_libraries_own_renderings_are_not_googles() -> None:
    for prefix in ("004", "005", "013", "014", "015", "020"):
        assert kind(paste("not-google10", prefix)) == "unrecognized", prefix
    assert kind("io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: namespace rate limit exceeded") == (
        "unrecognized"
    )
    assert kind("ResourceExhausted: reached maximum deployments in namespace (100)") == "unrecognized"
    # Beside Google's own words they are Google's.
    java = (
        "com.google.api.gax.rpc.ResourceExhaustedException: io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: "
        "Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model "
        "with base model: gemini-1.5-pro."
    )
    assert kind(java) == "rpm"
    assert kind("google.api_core.exceptions.ResourceExhausted: 429 Resource exhausted.") == "unspecified-429"


def test_google_client_libraries_by_path_repr_and_retry_words() -> None:
    assert kind(paste("holdout20", "032")) == "bad-request"
    assert kind(paste("holdout20", "031")) == "bad-request"
    d = one(paste("holdout20", "028"))
    assert (d.kind.value, d.model) == ("overloaded", "code-bison")
    assert kind(
        "Deadline of 120.0s exceeded while calling target function, last exception: 503 Getting metadata"
    ) == ("overloaded")
    d = one(paste("holdout20", "025"))
    assert (d.kind.value, d.model) == ("overloaded", "gemini-1.0-pro-vision-001")
    assert kind(paste("holdout19", "029")) == "deadline"
    # Go's time-out words alone, toward no Google host, are anybody's.
    assert kind("http2: timeout awaiting response headers") == "unrecognized"


def test_a_code_in_chinese_prose_and_before_a_full_stop() -> None:
    assert kind(paste("holdout19", "012")) == "unspecified-429"
    assert kind("用 gemini 的时候后台报错429。") == "unspecified-429"
    assert kind("gemini 的接口返回401。") == "bad-key"
    assert kind("gemini returned 404.5 of them") == "unrecognized"


def test_vertex_palm_models_and_versions() -> None:
    assert one(paste("holdout20", "034")).model == "textembedding-gecko@001"
    # The quota's base model is given, not the version the request named.
    assert one(paste("holdout20", "002")).model == "text-unicorn"
    assert one("403 Permission denied for model chat-bison@001 on aiplatform.googleapis.com").model == (
        "chat-bison@001"
    )


def test_round_seven_shapes() -> None:
    # gemini-cli's fallback notice cut by the terminal inside its last word ("quota lit").
    d = one(paste("shapes32", "022"))
    assert (d.kind.value, d.model) == ("plan-quota", "gemini-2.5-pro")
    # A protobuf-text ErrorInfo whose domains a page turned into Markdown links, after a wrapper naming Gemini.
    assert kind(paste("holdout21", "005")) == "bad-request"
    assert (
        kind("Invalid argument provided to Gemini: 400 Request contains an invalid argument.")
        == "bad-request"
    )
    assert normalize("domain: [googleapis.com](http://googleapis.com/)") == "domain: googleapis.com"
    assert normalize("see [the docs](https://example.com/)") == "see [the docs](https://example.com/)"
    # "Corrupted thought signature" (Crush, Gemini 3) and a code as "(status 404)".
    assert kind(paste("holdout21", "024")) == "bad-request"
    assert (
        kind("Generator failed {provider=gemini, error=Gemini API error (status 404)}") == "model-not-found"
    )
    # Not a Google product before the colon, no level word: nothing.
    assert kind("Invalid argument provided to Mistral: 400 Bad things") != "bad-request"


def test_other_providers_own_balance_and_plan_words() -> None:
    assert kind(paste("peers11-not-google", "007")) == "unrecognized"
    assert kind(paste("peers11-not-google", "011")) == "unrecognized"
    # An app's own sentence with the words in it, about a Gemini model, is still read as Google's.
    assert kind(paste("forum", "20")) in ("billing-limit", "unspecified-429")
    # Google's prepay wording stays Google's.
    body = '{"error":{"code":402,"message":"Your prepayment credits are depleted.","status":"RESOURCE_EXHAUSTED"}}'
    assert kind(body) == "billing-limit"


def test_a_quota_exceeded_in_words_beside_a_google_product() -> None:
    assert kind(paste("peers5", "014")) == "unspecified-429"
    assert kind("Gemini: the quota was exceeded again today") == "unspecified-429"
    # (… and the window its words name: "the daily quota".)
    assert kind("My Gemini API key exceeded the daily quota after ten prompts") == "rpd"
    # No Google product named: an app's own words.
    assert kind("Upload failed: quota exceeded") == "unrecognized"
    # "rate limit exceeded" stays an app limiter's phrase.
    assert kind("Gemini bot: rate limit exceeded, slow down") == "unrecognized"


def test_siliconflows_balance_and_openais_embedding_models() -> None:
    assert kind(paste("not-google11", "019")) == "unrecognized"
    assert kind(paste("not-google11", "042")) == "unrecognized"
    assert kind("Error: 429 Rate limit reached for text-embedding-3-small") == "unrecognized"
    # Google's embedding models stay Google's.
    assert (
        kind("google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. text-embedding-004")
        == "unspecified-429"
    )


def test_round_eight_shapes() -> None:
    d = one(paste("holdout22", "036"))
    assert (d.kind.value, d.model) == ("bad-key", "gemini-3-flash-preview")
    # "invalid API key" alone, or beside another provider, is not Google's.
    assert kind("Error: Invalid API key") == "unrecognized"
    assert kind("OpenAI: Invalid API key provided (Gemini works fine)") == "unrecognized"
    d = one(paste("holdout23", "031"))
    assert (d.kind.value, d.model) == ("deadline", "gemini-2.0-flash")
    jupyter = (
        "import google.generativeai as genai\n"
        "ResourceExhausted                         Traceback (most recent call last)\n"
        "Cell In[3], line 1\n"
    )
    assert kind(jupyter) == "unspecified-429"


def test_gemini_clis_wrapper_does_not_hide_its_forks_providers() -> None:
    for prefix in ("030", "031", "038"):
        assert kind(paste("not-google12", prefix)) == "unrecognized", prefix
    assert kind(paste("not-google6", "014")) == "unrecognized"
    assert kind(paste("not-google12", "023")) == "unrecognized"
    for prefix in ("006", "009"):
        assert kind(paste("peers12-not-google", prefix)) == "unrecognized", prefix
    # gemini-cli's own errors in its wrapper stay Google's.
    assert (
        kind("✕ [API Error: 429 Resource exhausted. Please try again later.] gemini-2.5-pro")
        != "unrecognized"
    )


def test_round_nine_shapes() -> None:
    # gRPC's own size limits, whoever's SDK holds them.
    assert kind(paste("holdout24", "034")) == "unrecognized"
    assert kind(
        "google.api_core.exceptions.ResourceExhausted: 429 grpc: received message larger than max"
    ) == ("unrecognized")
    assert one(paste("holdout24", "036")).kind.value == "internal"
    assert kind(paste("holdout24", "038")) == "overloaded"
    # Google's wordings of the Files API, Imagen and the Live API.
    assert kind(paste("shapes33", "009")) == "permission"
    assert kind(paste("shapes33", "017")) == "bad-request"
    assert kind(paste("shapes33", "026")) == "bad-request"
    assert one(paste("shapes33", "020")).model == "imagegeneration@005"
    # A request message's validation, a code a post says it got, quota limits hit, "Model is not found: X".
    assert kind(paste("holdout25", "012")) == "bad-request"
    assert kind(paste("holdout25", "016")) == "model-not-found"
    assert kind(paste("holdout25", "007")) == "unspecified-429"
    assert one(paste("holdout25", "017")).model == "gemini-pro"
    assert one(
        '{"error":{"code":404,"message":"Model is not found: models/x-1 for api version v1beta"}}'
    ).model == ("x-1")


def test_round_nine_precision() -> None:
    for prefix in ("011", "029", "031", "033", "054"):
        assert kind(paste("not-google13", prefix)) == "unrecognized", prefix
    # A quoted status line of another service, named: theirs.
    assert kind('Triton returned "503 Service Unavailable" again') == "unrecognized"


def test_a_routers_route_before_a_google_model() -> None:
    assert one(paste("holdout27", "012")).model == "gemini-2.5-flash"
    assert (
        one("404 Requested entity was not found. (route team_a/google/gemini-2.5-pro)").model
        == "gemini-2.5-pro"
    )
    # A path that is no router's route still hides the id ("docs/gemini-2.5-pro" is a file).
    assert one("404 Not Found: /static/docs/gemini-2.5-pro.html").model is None


def test_googles_default_permission_sentence() -> None:
    assert kind(paste("peers13", "017")) == "permission"
    # xAI's sentence goes on; with its console named it stays theirs.
    assert kind(paste("not-google4", "007")) == "unrecognized"


def test_another_provider_named_only_as_working_is_a_comparison() -> None:
    d = one(paste("holdout27", "010"))
    assert (d.kind.value, d.model) == ("bad-request", "gemini-2.0-flash")
    gemini = "Gemini node: Error 400 Bad Request with gemini-2.5-flash."
    assert kind(gemini + " The OpenAI node works fine.") == "bad-request"
    assert kind(gemini + " Everything works fine with Anthropic.") == "bad-request"
    # Said not to work, or failing too: still the other provider's paste.
    assert kind(gemini + " The OpenAI node doesn't work either.") == "unrecognized"
    assert kind(paste("not-google7", "005")) == "unrecognized"
