"""Precision on the third, unseen set (``tests/fixtures/not-google3``): errors that name the other provider
only by a model id, a SaaS API, a vendor header or SDK package, and the Google texts each rule must still
claim. Also two recall shapes: ``google.api_core``'s ``BadGateway`` and Google's own HTML error page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gemquota import explain
from gemquota.core.diagnosis import Diagnosis, Kind

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SET3 = FIXTURES / "not-google3"
NOT_GOOGLE3 = sorted(SET3.glob("*.txt"))
PAGES = FIXTURES / "google-pages"


def one(text: str | bytes) -> Diagnosis:
    return explain(text, now=NOW)[0]


def real(slug: str) -> bytes:
    (path,) = SET3.glob(f"*-{slug}.txt")
    return path.read_bytes()


def claimed(text: str | bytes) -> Kind:
    kind = one(text).kind
    assert kind != Kind.UNRECOGNIZED, text
    return kind


@pytest.mark.parametrize("path", NOT_GOOGLE3, ids=[p.name[:48] for p in NOT_GOOGLE3])
def test_no_error_of_the_third_set_is_claimed(path: Path) -> None:
    d = one(path.read_bytes())
    assert d.kind == Kind.UNRECOGNIZED, f"{path.name}: {d.kind} — {d.why}"


def test_the_third_set_is_sourced_and_shares_no_source_with_the_others() -> None:
    rows = [r.split("\t") for r in (SET3 / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    assert len(NOT_GOOGLE3) >= 80 and {r[0] for r in rows} == {p.name for p in NOT_GOOGLE3}
    assert all(len(r) == 4 and r[1].startswith("http") for r in rows)
    others = set()
    for name in ("not-google", "not-google2"):
        lines = (FIXTURES / name / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]
        others |= {line.split("\t")[1] for line in lines}
    assert not {r[1] for r in rows} & others


# --- another vendor's model named only by its id ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("meta-llama-api-429-tokens"),  # "API Error (Llama-3.3-8B-Instruct): Error code: 429 - {…}"
        "Error code: 429 - {'detail': 'Too Many Requests', 'model': 'mixtral-8x7b-instruct'}",
        "429 Too Many Requests: codestral-latest",
        "HTTP 429 while calling command-r-plus",
        "RateLimitError: 429 for model o3-mini",
        "Error 503 Service Unavailable (model: sonar-pro)",
        "503 Service Unavailable: llama.cpp server is loading the model",
    ],
)
def test_a_429_naming_only_another_vendors_model_is_theirs(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


@pytest.mark.parametrize(
    "text",
    [
        # Llama served by Vertex AI (Model Garden): Google's host and SDK win.
        "google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for "
        "aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: "
        "llama-3.1-405b-instruct-maas. Please submit a quota increase request.",
        # OpenRouter relaying Google AI Studio's 429 for a Gemini model.
        '{"error":{"message":"Provider returned error","code":429,"metadata":{"raw":"google/gemini-2.0-flash-exp:'
        'free is temporarily rate-limited upstream.","provider_name":"Google AI Studio"}}}',
    ],
)
def test_googles_own_errors_about_such_models_stay_googles(text: str) -> None:
    claimed(text)


def test_ollama_is_not_read_as_a_llama_model_id() -> None:
    # The model rule needs "llama" to start a word: "ollama" stays the Ollama rule's, not a model id.
    assert one("ollama: 429 Too Many Requests").kind == Kind.UNRECOGNIZED
    assert claimed(
        '{"error": {"code": 429, "message": "Resource exhausted.", "status": "RESOURCE_EXHAUSTED"}}'
    )


# --- OpenAI's sentence whatever stands for the organization -------------------------------------------


def test_openais_rate_limit_sentence_with_a_placeholder_organization_is_openais() -> None:
    assert one(real("openai-default-codex-rpm")).kind == Kind.UNRECOGNIZED  # "… in organization org-{id} …"
    assert one("Rate limit reached for my-model in organization <ORG> on tokens per min.").kind == (
        Kind.UNRECOGNIZED
    )


# --- SaaS APIs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("flathunter-telegram-429"),  # sender_telegram.py … status 429
        real("telebot-429-retry-later"),  # "A request to the Telegram API was unsuccessful … 429"
        real("twitterapi-pager-429"),  # TwitterAPI.TwitterError.TwitterRequestError … 429
        real("tweepy-tweeperror-429"),
        real("spotipy-exception-429-max-retries"),
        real("pycontribs-jira-resilientsession-429"),
        real("devlake-jira-429-html"),
        real("jira-connector-429-statuspage"),
        "slack_sdk.errors.SlackApiError: 429 Too Many Requests",
        "HubSpot API returned 429 Too Many Requests",
        "stripe.error.RateLimitError: Request rate limit exceeded (429)",
        "Salesforce REST API: HTTP 429",
    ],
)
def test_saas_api_limits_are_theirs(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_a_gemini_bot_on_telegram_is_still_gemini() -> None:
    text = (
        "Telegram bot error: google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. "
        '{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", '
        '"status": "RESOURCE_EXHAUSTED"}}'
    )
    assert claimed(text) == Kind.UNSPECIFIED_429


def test_notion_needs_its_api_not_the_english_word() -> None:
    # "the notion of quota" is English; only Notion's host or SDK names the service.
    assert claimed("HTTP 429 Too Many Requests (the notion of a window is unclear)") == Kind.UNSPECIFIED_429
    assert one("APIResponseError from notion.so: 429 Too Many Requests").kind == Kind.UNRECOGNIZED


# --- cloud vendors by header or SDK package -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("azure-arm-429-debug-headers"),  # x-ms-ratelimit-remaining-subscription-reads: 0
        real("cosmos-dotnet-v3-429-substatus"),  # CosmosException;StatusCode=429
        real("hadoop-s3guard-ddb-provisioned"),  # com.amazonaws.services.dynamodbv2 … Status Code: 400
        "HTTP/1.1 429 Too Many Requests\nx-ms-request-id: 0d2f\nRetry-After: 5",
        "RequestRateTooLargeException: 429",
        "DynamoDB: 400 ThrottlingException",
        real("org-jira-tomcat-429-page"),  # "<h3>Apache Tomcat/9.0.95</h3>"
    ],
)
def test_cloud_vendor_headers_and_sdks_name_the_vendor(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_a_masked_host_is_still_a_host() -> None:
    assert (
        one(real("shopify-node-draft-orders-429")).kind == Kind.UNRECOGNIZED
    )  # PUT https://****.myshopify.com
    assert one("GET https://***.example-api.io/v1/items [429]").kind == Kind.UNRECOGNIZED
    text = (
        "POST https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent [429]"
    )
    assert claimed(text) == Kind.UNSPECIFIED_429


# --- recall: google.api_core's BadGateway and Google's own error page ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "google.api_core.exceptions.BadGateway: 502 POST https://generativelanguage.googleapis.com/v1beta/"
        "models/gemini-2.5-pro:generateContent?%24alt=json%3Benum-encoding%3Dint: <!DOCTYPE html>",
        "google.api_core.exceptions.BadGateway: 502 Bad Gateway",
        "BadGateway: 502 POST https://aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/"
        "google/models/gemini-2.5-flash:generateContent",
    ],
)
def test_api_core_bad_gateway_is_a_502(text: str) -> None:
    d = one(text)
    assert d.kind == Kind.OVERLOADED and d.http_code == 502


def test_a_bad_gateway_of_another_service_is_still_theirs() -> None:
    assert one("System.Net.Http.HttpRequestException: BadGateway: 502 from api.openai.com").kind == (
        Kind.UNRECOGNIZED
    )


@pytest.mark.parametrize(
    ("name", "kind", "code"),
    [("gfe-502-assistant-sdk.txt", Kind.OVERLOADED, 502), ("gfe-500-flattened.txt", Kind.INTERNAL, 500)],
)
def test_googles_own_error_page_is_googles(name: str, kind: Kind, code: int) -> None:
    d = one((PAGES / name).read_bytes())
    assert (d.kind, d.http_code) == (kind, code)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Error 429 (Too Many Requests)!!1", Kind.UNSPECIFIED_429),
        ("Error 404 (Not Found)!!1", Kind.MODEL_NOT_FOUND),
        ("Error 503 (Service Unavailable)!!1", Kind.OVERLOADED),
    ],
)
def test_the_error_page_title_gives_the_status(title: str, kind: Kind) -> None:
    page = f"<!DOCTYPE html><html lang=en><title>{title}</title><p><b>{title[6:9]}.</b> <ins>That’s an error.</ins>"
    assert one(page).kind == kind


def test_the_error_page_is_a_google_signal_beside_another_name() -> None:
    # A Google page relayed by a Cloudflare-fronted proxy stays Google's (a Google signal wins).
    text = "cf-ray: 7f8a9b0c1d2e3456-SIN\n<title>Error 502 (Server Error)!!1</title>"
    assert claimed(text) == Kind.OVERLOADED


# --- other APIs' own envelopes and wordings (variants of the shapes in not-google2/3) ------------------


@pytest.mark.parametrize(
    "text",
    [
        # Slack's / Telegram's {"ok": false, …} (not-google3 slack-429-cloudfront-headers, node-telegram-bot).
        'HTTP/2 429\nretry-after: 30\n\n{"ok": false, "error": "ratelimited"}',
        'Error: 429 {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 134"}',
        # OpenAI-compatible servers, Mistral and Notion: {"object": "error", …}.
        'HTTP/1.1 429 Too Many Requests\n{"object":"error","status":429,"code":"rate_limited","message":"x"}',
        '{"object":"error","message":"Rate limit exceeded","type":"rate_limited","code":"1300","raw_status_code":429}',
        'vLLM 503: {"object":"error","message":"The server is currently overloaded","code":503}',
        # Baidu's envelope and Alibaba Cloud's throttling codes.
        '{"error_code":18,"error_msg":"Open api qps request limit reached"} HTTP 429',
        'HTTP 429 {"code":"Throttling.RateQuota","message":"Requests rate limit exceeded, please try again later."}',
        # HubSpot's policy wording, Cosmos DB's and DynamoDB's own wording, Twilio's SDK, Microsoft Graph.
        'HTTP 429 {"status":"error","message":"You have reached your secondly limit.","errorType":"RATE_LIMIT"}',
        'HTTP 429 response: "Request rate is large. RetryAfterMs: 1234"',
        "ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table "
        "was exceeded. (Status Code: 400)",
        "TwilioRestException: HTTP 429 error: Unable to create record: Too Many Requests",
        "HTTP 429 https://graph.microsoft.com/v1.0/users throttled",
        "litellm.RateLimitError: AzureException RateLimitError - Requests to the ChatCompletions_Create "
        "Operation have exceeded call rate limit",
        "429 Too Many Requests: Your account has hit the rate limit for model ernie-4.0-8k",
        "HTTP 429: rate limit for glm-4-plus reached",
    ],
)
def test_other_apis_envelopes_and_wordings_name_them(text: str) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


@pytest.mark.parametrize(
    "text",
    [
        # An app's {"ok": false, …} or {"object": "error", …} carrying Google's own error stays Google's.
        '{"ok": false, "error": "429 RESOURCE_EXHAUSTED: Resource has been exhausted (e.g. check quota)."}',
        '{"object":"error","message":"You exceeded your current quota, please check your plan and billing '
        'details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",'
        '"code":429}',
    ],
)
def test_a_google_error_inside_another_envelope_stays_googles(text: str) -> None:
    claimed(text)


@pytest.mark.parametrize(
    "text",
    [
        # Vendor response headers and platform log lines (variants of the x-ms-/x-envoy-/cf-ray shapes).
        'HTTP/1.1 429 Too Many Requests\nx-amzn-RequestId: 1f\nx-amz-apigw-id: abc=\n{"message":"Too Many Requests"}',
        'HTTP/1.1 429 Too Many Requests\nX-Kong-Limit-Limit: 5\n{"message":"API rate limit exceeded"}',
        "HTTP 503 Service Unavailable\nServer: Fastly\nX-Served-By: cache-fra",
        "HTTP 429\nserver: Vercel\nx-vercel-id: fra1::abc\nThe deployment is rate limited.",
        "503 Service Unavailable - Incapsula incident ID: 1234",
        'at=error code=H12 desc="Request timeout" method=POST path="/api" status=503',
        # API Management's wording, Azure AI Inference's (GitHub Models') code, llama.cpp's and Cloudflare's
        # envelopes.
        '{ "statusCode": 429, "message": "Rate limit is exceeded. Try again in 23 seconds." }',
        'Error code: 429 - {"error":{"code":"RateLimitReached","message":"Rate limit of 15 per 86400s exceeded '
        'for UserByModelByDay."}}',
        'llama_server: 503 {"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}',
        '{"success":false,"errors":[{"code":3040,"message":"Capacity temporarily exceeded."}]} HTTP 429',
        '{"errors":[{"code":3040,"message":"Capacity temporarily exceeded"}],"success":false} HTTP 429',
    ],
)
def test_vendor_headers_platform_logs_and_envelopes_name_them(text: str) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_googles_own_headers_beside_a_429_stay_googles() -> None:
    text = (
        "HTTP/1.1 429 Too Many Requests\nserver: scaffolding on HTTPServer2\nx-goog-api-client: gl-python/3.11\n"
        '{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", '
        '"status": "RESOURCE_EXHAUSTED"}}'
    )
    assert claimed(text) == Kind.UNSPECIFIED_429


@pytest.mark.parametrize(
    "text",
    [
        # Chinese clouds by host or name (variants of not-google3's Baidu, Alibaba and Qwen texts).
        "HTTP 429 https://qianfan.baidubce.com/v2/chat/completions",
        "百度千帆 API 返回 429 Too Many Requests",
        "阿里云 错误码 429: Throttling.User Request was denied due to user flow control.",
        "[TencentCloudSDKException] code:RequestLimitExceeded message:请求的次数超过了频率限制 429",
        # Local model servers and other vendors' coding tools named by the paste.
        "HTTP 503 from vLLM server",
        "LM Studio: 503 Service Unavailable",
        "GitHub Copilot: 429 Too Many Requests",
        "Codex: 429 Too Many Requests",
        "Windsurf: 429 Too Many Requests",
        real("cursor-error-openai-model-provider"),  # {"error":"ERROR_OPENAI",…}
        "Cursor: ERROR_OPENAI 429",
    ],
)
def test_chinese_clouds_local_servers_and_tools_name_them(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


@pytest.mark.parametrize(
    "text",
    [
        "GitHub Copilot Chat: 429 RESOURCE_EXHAUSTED for gemini-2.5-pro",
        "Windsurf: [API Error: got status: 429 Too Many Requests. gemini-2.5-flash quota exceeded]",
        "我在腾讯云服务器上调用 Gemini API 报错: 429 RESOURCE_EXHAUSTED",
    ],
)
def test_gemini_inside_those_tools_stays_googles(text: str) -> None:
    claimed(text)


def test_a_database_cursor_is_not_cursor_the_editor() -> None:
    assert claimed("Database cursor error: 429 Too Many Requests") == Kind.UNSPECIFIED_429


@pytest.mark.parametrize(
    "text",
    [
        # A cloud company's name or a mirror is where a Gemini proxy or a pip index lives, not the error's owner.
        "部署在腾讯云上的 gemini 代理报错: 429 Too Many Requests",
        "Looking in indexes: https://mirrors.aliyun.com/simple/\nHTTP Error 429: Too Many Requests",
    ],
)
def test_cloud_company_names_and_mirrors_name_no_provider(text: str) -> None:
    assert claimed(text) == Kind.UNSPECIFIED_429


@pytest.mark.parametrize(
    "text",
    [
        # … but a PyPI index (by its name, even on a mirror) is pip's, and a bare 429 from it is PyPI's.
        "Looking in indexes: https://mirrors.aliyun.com/pypi/simple/\nHTTP Error 429: Too Many Requests",
        # not-google5/020: PyPI's own 429 page, the service named only in the user's words.
        "When I am trying to register for PyPi I am getting a 429 Too Many requests error.",
        # not-google5/017: Elasticsearch's es_rejected_execution_exception with "status": 429.
        '{"error": {"type": "es_rejected_execution_exception", "reason": "rejected execution"}, "status": 429}',
        # not-google5/026: etcd's gRPC deadline, re-raised by the etcd3 client.
        "etcd3.exceptions.ConnectionTimedOut: <_Rendezvous of RPC that terminated with "
        "(StatusCode.DEADLINE_EXCEEDED, Deadline Exceeded)>",
        # not-google5/049: llama.cpp's server refusing a prompt over its context size.
        '{"error":{"code":400,"message":"the request exceeds the available context size.",'
        '"type":"exceed_context_size_error","n_prompt_tokens":14429,"n_ctx":8192}}',
    ],
)
def test_package_indexes_datastores_and_local_servers_are_not_google(text: str) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_telegram_is_named_by_its_api_not_the_word() -> None:
    assert claimed("telegram bot: gemini request failed: 429 Too Many Requests") == Kind.UNSPECIFIED_429
    assert one("python-telegram-bot: telegram.error.RetryAfter: Flood control exceeded (429)").kind == (
        Kind.UNRECOGNIZED
    )
    assert one("POST https://api.telegram.org/bot123/sendMessage -> 429").kind == Kind.UNRECOGNIZED
