"""The text pass: literal-gated regex facts over normalized text, and grouping them into records."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

from gemquota.core.lazyre import LazyRe as _Re
from gemquota.core.parse.acc import _Acc, _project_into
from gemquota.core.parse.gate import LiteralFinder, _Spec, literal_led
from gemquota.core.parse.normalize import _WRAP, flatten
from gemquota.core.parse.records import Violation
from gemquota.core.parse.values import _clean_model, _to_float, _to_int, canonical_status, parse_duration
from gemquota.core.parse.vocab import (
    _ANCHORS,
    _CODE,
    _CODE_LEAD,
    _EXCEPTION_WORDS,
    _HINT_SPECS,
    _HOSTS,
    _REASON_WORDS,
    _STATUS_ALT,
    CLI_MODEL,
    CODE_OF_STATUS,
    CONFIGURED_MODEL,
    CONSTRUCTOR_MODEL,
    DIMENSION_CONTEXT,
    DISPLAY_NAME,
    DISPLAY_TARGET_WORDS,
    DISPLAYED_CLAUDE,
    DOTNET_STATUS_CODES,
    EXCEPTION_STATUS,
    GOOGLE_HINTS,
    GOOGLE_MODEL_ID,
    GOOGLE_WORD_CODES,
    GRPC_STATUS,
    LINE_HEAD_CODES,
    LITELLM_CLASS_CODES,
    LITELLM_GOOGLE_EXCEPTIONS,
    MODEL_FIELD,
    MODEL_FIELD_ZH,
    MODEL_ID,
    PHRASE_AFTER,
    PHRASE_BEFORE,
    PHRASE_BEFORE_REQUEST,
    PROSE_MODEL,
    PROSE_MODEL_ZH,
    REASON_PHRASES,
    SERVED_BY_GOOGLE,
    SLUG_MODEL,
    STATUS_OF_CODE,
    STATUS_PHRASES,
    STRING_CODE_HTTP,
    STRING_CODE_STATUS,
    SWITCHED_FROM_MODEL,
    TABLE_MODEL,
    TO_USE_MODEL,
    TRYING_WORDS,
    VERTEX_MODEL,
    WINDOW_WORDS,
    WORD_CODE,
    WRAPPER_MODEL_KV,
    _lead_alt,
    reason_entry,
)
from gemquota.core.reset import clamp_delay

#: The literals that let the code-and-status spec run: an underscore (most names hold one), or a name without one.
_STATUS_LITERALS = (
    "_",
    "unavailable",
    "internal",
    "cancelled",
    "aborted",
    "unimplemented",
    "unauthenticated",
)

#: The Interactions API's word codes that are not a canonical status's name and no English word ("too_many_requests",
#: "api_error"; not "authentication", which prose says: "401 (authentication failed)").
_INTERACTIONS_WORDS = tuple(
    sorted((w for w in GOOGLE_WORD_CODES if "_" in w and canonical_status(w) is None), key=len, reverse=True)
)
#: A CamelCase enum's name and its dot, right before a reason word ("ProviderErrorCode.", "FailoverReason."; not
#: Google's own "ErrorReason.").
_APP_ENUM_BEFORE = _Re(r"(?<!\w)(?!ErrorReason\.)[A-Z][a-z]+(?:[A-Z][a-z]*)*\.\Z")

#: Words of an error or a failure in Chinese, Japanese and Korean that an app writes before a code and a colon.
_CJK_ERROR_WORDS = ("错误", "錯誤", "失败", "失敗", "报错", "報錯", "不可用", "エラー", "오류", "에러")

#: Gemini or Google named on a line.
_GOOGLE_NAMED = _Re(r"gemini|google", re.IGNORECASE)

#: (literal keys, any of which must occur in the text, lower-cased; regex; fact kind)
_FACT_SPECS: list[tuple[tuple[str, ...], _Re, str]] = [
    (
        # "exceeded for metric" alone: a terminal or box border may wrap the line after "Quota".
        ("exceeded for metric",),
        _Re(
            r"Quota\s+exceeded\s+for\s+metric(?::\s*|\s+)(?P<b_metric>[\w.\-/]{3,160}),?\s*limit:\s*"
            r"(?P<b_limit>(?<![\d.])\d+(?:\.\d+)?)(?:,\s*model:\s*(?P<b_model>[\w.\-]{2,80}))?"
        ),
        "bullet",
    ),
    (
        ("per", "tier"),
        _Re(
            "(?:"
            + _lead_alt(
                (
                    "Generate",
                    "Generated",
                    "Search",
                    "MapGrounding",
                    "Bidi",
                    "Embed",
                    "BatchEmbed",
                    "CountTokens",
                    "Total",
                )
            )
            + r")[A-Za-z0-9]{2,100}(?:-[A-Za-z0-9]{2,20})?"
        ),
        "quota_id",
    ),
    (
        (".googleapis.com/",),
        _Re(
            "(?:"
            + _lead_alt(("generativelanguage", "aiplatform", "cloudcode-pa", "cloudaicompanion"))
            + r")\.googleapis\.com/[A-Za-z0-9_]{3,120}"
        ),
        "metric",
    ),
    (
        ("uotavalue", "uota_value"),
        # Led by the literal "uota" on the lower-cased text (the engine skips to it); the "q" and a
        # "future" before it are read from the text around the match.
        _Re(r"uota_?value[\"']?\s*[:=]\s*[\"']?(?P<quota_value_n>(?<![\d.])\d+(?:\.\d+)?)"),
        "quota_value",
    ),
    (
        ("quota_limit_value",),
        _Re(
            r"quota_limit_value[\"']?\s*(?:[:=]|,?\s*value\s*:)\s*[\"']?(?P<limit_value_n>(?<![\d.])\d+(?:\.\d+)?)"
        ),
        "limit_value",
    ),
    (
        ("quota_limit",),
        _Re(
            r"quota_limit(?!_)[\"']?\s*(?:[:=]|,?\s*value\s*:)\s*[\"']?(?P<limit_name_v>[A-Za-z][A-Za-z0-9_]{2,120})"
        ),
        "limit_name",
    ),
    (('"model"',), _Re(r"key:\s*\"model\"\s*value:\s*\"(?P<proto_model_v>[\w.\-/]{2,80})\""), "proto_model"),
    (
        ("model",),
        # Led by the literal (the quote before it is checked around the match).
        _Re(r"model[\"']\s*:\s*[\"'](?P<dict_model_v>[A-Za-z][\w.\-/]{1,80})[\"']"),
        "dict_model",
    ),
    # Go's fmt of a decoded body: ``quotaDimensions:map[location:global model:gemini-2.0-pro-exp]``.
    (("map[",), _Re(r"m(?<![\w\-].)odel:(?P<go_model_v>[A-Za-z][\w.\-]{1,80})(?=[\s\]])"), "go_model"),
    (
        ("daily gemini-", "reached for gemini-"),
        _Re(
            r"(?:reached\s+your\s+daily|limit\s+reached\s+for)\s+(?P<daily_limit_model_v>gemini-[\w.\-]{1,80})",
            re.IGNORECASE,
        ),
        "daily_limit_model",
    ),
    (
        ("location",),
        # Led by the literal; "quota_" or a quote before it is checked around the match.
        _Re(r"location[\"']?\s*(?:[:=]|,?\s*value\s*:)\s*[\"'](?P<location_v>[a-z][a-z0-9\-]{1,40})[\"']"),
        "location",
    ),
    (
        ("retrydelay", "retry_delay"),
        _Re(r"retry_?[Dd]elay[\"']?\s*[:=]\s*[\"']?(?P<retry_delay_v>(?<![\d.])\d+(?:\.\d*)?)\s*s"),
        "retry_delay",
    ),
    (
        ("retry_delay",),
        _Re(
            r"retry_delay\s*\{\s*seconds:\s*(?P<proto_retry_delay_s>\d+)(?:\s*nanos:\s*(?P<proto_retry_delay_n>\d+))?"
        ),
        "proto_retry_delay",
    ),
    (
        ("retry in",),
        _Re(
            r"Please\s+retry\s+in\s+(?P<retry_in_v>(?<![\d.])\d+(?:\.\d*)?)\s*(?P<retry_in_u>ms|s(?:ec(?:ond)?s?)?)\b",
            re.IGNORECASE,
        ),
        "retry_in",
    ),
    # The Interactions API's "Please retry in 12h47m5s" / "45m28s" (hours and minutes, no decimals).
    (
        ("retry in",),
        _Re(
            r"retry\s+in\s+(?P<retry_in_hms_v>\d{1,6}h(?:\d{1,6}m)?(?:\d{1,6}(?:\.\d{1,9})?s)?|\d{1,6}m\d{1,6}(?:\.\d{1,9})?s)\b"
        ),
        "retry_in_hms",
    ),
    # Code Assist / Antigravity: "Resets in 143h57m55s".
    (
        ("resets in",),
        _Re(r"resets\s+in\s+(?P<resets_in_v>(?:\d{1,6}h)?(?:\d{1,6}m)?(?:\d{1,6}(?:\.\d{1,9})?s)?)\b"),
        "resets_in",
    ),
    (
        ("quotaresettimestamp",),
        _Re(
            r"quotaResetTimeStamp[\"']?\s*(?:[:=]|,?\s*value\s*:)?\s*[\"']?(?P<reset_stamp_v>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d))"
        ),
        "reset_stamp",
    ),
    # The Interactions API: "(limit: 20 requests per day on Free Tier)", "(limit: 10 requests per minute)".
    (
        ("limit:",),
        _Re(
            # (… also "Limit: 20 requests/day", as notes and apps write it.)
            r"limit:\s*(?P<interactions_limit_n>\d{1,12})\s+(?P<interactions_limit_m>requests|tokens|input\s+tokens|images)"
            r"(?:\s+per\s+|\s*/\s*)(?P<interactions_limit_w>day|minute|min\b)"
            r"(?:\s+on\s+(?P<interactions_limit_t>free\s+tier|paid\s+tier\s*\d?|tier\s*\d))?"
        ),
        "interactions_limit",
    ),
    # A quota named by its window in words: a QuotaFailure description or AI Studio's web RPC message
    # ("Tokens per day quota exceeded.", "Requests per minute quota exceeded").
    (
        ("quota exceeded",),
        # (Led by its literal "per": the measure before it is read by the fact, not searched at every position.)
        _Re(r"per\s+(?:day|minute)\s+quota\s+exceeded"),
        "window_quota",
    ),
    # A window told in words beside a quota or limit that was hit: "daily quota exceeded", "exceeded the
    # requests per minute limit", "hit your daily limit", "RPD limit reached", "日次クォータ超過", "每日配额".
    # (It names the dimension only when nothing else does: a quota id or metric always wins.)
    (
        (
            "daily",
            "per day",
            "per minute",
            "per-day",
            "per-minute",
            "rpm",
            "rpd",
            "tpm",
            "tpd",
            "日次",
            "每日",
            "每天",
            "每分钟",
            "일일",
            "分あたり",
            "for the day",
            "for today",
            "perday",
            "perminute",
        ),
        _Re(WINDOW_WORDS),
        "window_words",
    ),
    # "limit: 0" in any phrasing ("Quota exceeded for limit: 0", "…, limit: 0", "limit: 0, model: …").
    (
        ("limit: 0", "limit:0", "limit=0"),
        _Re(r"(?<![\w.?&])limit(?::\s*|=)0(?![\d.&])(?!\s+(?:requests|tokens|images))"),
        "zero_limit",
    ),
    (
        ("retry-after",),
        _Re(r"retry-after[\"']?\s*[:=]\s*[\"']?(?P<retry_after_v>\d{1,9})(?![\d.:])"),
        "retry_after",
    ),
    # An app's "[Error 429] …".
    (("[error",), _Re(r"\[error\s*:?\s*(?P<bracket_error_c>[1-5]\d\d)(?![\d.])"), "bracket_error"),
    # go-genai: "Error 429, Message: …, Status: …, Details: [...]" (the message may be empty).
    ((", message:",), _Re(r"Error\s+(?P<go_genai_c>[1-5]\d\d),\s+Message:", re.IGNORECASE), "go_genai"),
    # Go: "googleapi: Error 429: …" (the body may be empty).
    (("googleapi",), _Re(r"googleapi:\s*Error\s+(?P<go_googleapi_c>[1-5]\d\d)\b"), "go_googleapi"),
    # Java / .NET SDK exceptions that print the code after the class: "ClientException: 429 .".
    (
        ("exception:",),
        _Re(
            r"(?:Client|Server|Api|GenAI|GoogleApi)Exception:\s*(?:HTTP\s+)?(?P<sdk_exception_code_c>[1-5]\d\d)(?!\d|\.\d)"
        ),
        "sdk_exception_code",
    ),
    # LiteLLM's provider exceptions ("VertexAIException - 503 Getting metadata …", "GeminiException - 429 …")
    # and google-api-core's RetryError ("…, last exception: 503 Getting metadata from plugin failed …").
    (
        ("exception - ", "exception -", "last exception:", "vertexaierror:"),
        _Re(
            rf"(?:{LITELLM_GOOGLE_EXCEPTIONS}\s*-|last\s+exception:"
            # (… and LiteLLM's inner error class as its logs print it: "VertexAIError: 400 250 instance(s) is …".)
            r"|VertexAIError:)"
            r"\s*(?P<sdk_exception_code_c>[1-5]\d\d)(?!\d|\.\d)"
        ),
        "sdk_exception_code",
    ),
    # The model a message names: "Rate limit exceeded for model X" (the Interactions API; its docs say
    # "Quota exceeded for model X" for daily limits), "models/X is no longer available".
    (
        ("for model", "no longer available"),
        _Re(
            r"(?:limit|Quota)\s+exceeded\s+for\s+model\s+[`'\"]?(?P<message_model_v>[A-Za-z][\w.\-]{1,80}?)(?![\w\-])(?!\.\w)"
            r"|models/(?P<msgr_v>[A-Za-z][\w.\-]{1,80})\s+is\s+no\s+longer",
            re.IGNORECASE,
        ),
        "message_model",
    ),
    # "Model: gemma-4-31b-it" / "model=gemini-2.5-pro": a Google model id a wrapper names (two specs,
    # each led by its literal, so the regex engine skips straight to candidates).
    (
        ("model:", "model :"),
        _Re(rf"Model\s*[:=]\s*(?:models/|gemini/|google/)?(?P<wrapper_model_v>{MODEL_ID})"),
        "wrapper_model",
    ),
    # A wrapper's own field for the model: Cline's "modelId", LiteLLM's "Received Model Group=gemini/…",
    # "model_name: …" (the Google body itself often names none).
    (
        ("modelid", "model group", "model_id", "model_name", "modelname"),
        _Re(WRAPPER_MODEL_KV),
        "wrapper_model_kv",
    ),
    # Prose that names the model the app called: "Querying Gemini AI using gemini-2.0-pro-exp-02-05...",
    # "a flow using the gemini-2.5-pro-preview-05-06 LLM model".
    (
        ("using ", "with ", "i use "),
        _Re(PROSE_MODEL),
        "prose_model",
    ),
    (("报错", "報錯", "出错", "出錯", "失败", "失敗"), _Re(PROSE_MODEL_ZH), "prose_model"),
    (("to use",), _Re(TO_USE_MODEL), "to_use_model"),
    # A log or config field: "**Model Version:** gemini-2.5-pro", ``model = "gemini-pro"``.
    (
        ("model version", "model =", "model :", "model:", "model=", "model |", "model** |"),
        _Re(MODEL_FIELD),
        "model_field",
    ),
    (("模型",), _Re(MODEL_FIELD_ZH), "model_field"),
    # A table row: gemini-cli's /about box "│ Model   gemini-2.5-pro │".
    (("model  ", "model\t"), _Re(TABLE_MODEL), "table_model"),
    # An SDK's model constructor: genai.GenerativeModel('gemini-1.5-flash').
    (("generativemodel(",), _Re(CONSTRUCTOR_MODEL), "ctor_model"),
    # OpenRouter's slug of a Google model ("google/gemini-2.0-flash-exp:free is temporarily rate-limited").
    (("google/",), _Re(SLUG_MODEL), "slug_model"),
    # The model a client switched away from (the one that failed).
    (("switching from",), _Re(SWITCHED_FROM_MODEL), "switched_from"),
    (("configured model",), _Re(CONFIGURED_MODEL), "configured_model"),
    # A display name in prose or an app header: the weakest evidence (used only when nothing else names
    # a model, and never a Google signal by itself).
    (("gemini 1", "gemini 2", "gemini 3", "gemini 4"), _Re(DISPLAY_NAME), "display_prose"),
    (("-m ", "--model", "-m="), _Re(CLI_MODEL), "cli_model"),
    (
        ("model=",),
        _Re(rf"model=(?:models/|gemini/|google/)?(?P<wrapper_model_w>{MODEL_ID})"),
        "wrapper_model",
    ),
    # A router's "<provider>/<model>" route of a Google tool or API: "[gemini-cli/gemini-3-flash-preview]
    # [429]: …" (9router), "gemini/gemini-2.5-flash" (LiteLLM's AI Studio provider).
    (
        ("gemini-cli/", "antigravity/", "agy/", "gemini/"),
        _Re(
            r"(?<![\w./\-])(?:gemini-cli|antigravity|agy|gemini)/(?:models/)?"
            r"(?P<wrapper_model_r>(?:gemini|gemma|imagen|veo)-[\w.\-]{1,80})"
        ),
        "wrapper_model",
    ),
    # claude-code-router's "Error from provider(gemini,gemini-1.5-flash: 404)": its provider, then the model.
    (
        ("from provider(",),
        _Re(
            rf"from\s+provider\((?:gemini|google|vertex[\w\-]*)\s*,\s*(?:models/)?(?P<wrapper_model_r>{MODEL_ID})"
        ),
        "wrapper_model",
    ),
    # … and a model of another maker that Antigravity serves ("antigravity/claude-sonnet-4-6").
    (
        ("antigravity/", "agy/"),
        _Re(r"(?<![\w./\-])(?:antigravity|agy)/(?P<wrapper_model_r>(?:claude|gpt-oss)-[\w.\-]{1,80})"),
        "wrapper_model",
    ),
    # … and a router's log line of it: "provider=antigravity | model=claude-sonnet-4-6".
    (
        ("provider=antigravity", "provider=agy"),
        _Re(
            r"provider=(?:antigravity|agy)\s*[|,;]?\s*model=(?:models/)?"
            r"(?P<wrapper_model_r>(?:claude|gpt-oss|gemini)-[\w.\-]{1,80})"
        ),
        "wrapper_model",
    ),
    # gemini-cli's "Responding with gemini-3-flash-preview" line: the model in use when the error came
    # (a weaker hint than any model the error names).
    (
        ("responding with",),
        _Re(r"Responding\s+with\s+(?:models/)?(?P<responding_model_v>(?:gemini|gemma)-[\w.\-]{1,80})"),
        "responding_model",
    ),
    # .NET: "HttpStatusCode is TooManyRequests" (Google.GoogleApiException), "StatusCode: 429", and a .NET
    # SDK's "Request failed with Status Code: NotFound" (the enum's name).
    (
        ("httpstatuscode", "status code:", "statuscode:", "statuscode ="),
        _Re(
            r"httpstatuscode\s*(?:is|:|=)\s*(?P<dotnet_status_v>[a-z]{5,30}|[1-5]\d\d)\b"
            r"|status\s?code\s*(?:is|:|=)\s*(?P<dotnet_status_w>[a-z]{5,30})\b"
        ),
        "dotnet_status",
    ),
    # Vertex AI publisher paths: ".../publishers/google/models/gemini-2.5-pro", a version kept as written
    # (".../models/chat-bison@001"), and another publisher's model Vertex serves
    # (".../publishers/anthropic/models/claude-opus-4-5@20251101").
    (
        ("publishers/",),
        _Re(rf"publishers/[a-z][\w\-]{{1,40}}/models/(?P<publisher_model_v>{VERTEX_MODEL})"),
        "publisher_model",
    ),
    # A client's debug block naming the model it sent after its own aliasing ("Requested Model:
    # antigravity-claude-opus-4-6-thinking" / "Effective Model: claude-opus-4-6-thinking"): the model called,
    # whoever made it (Antigravity serves Claude as well).
    (
        ("effective model",),
        _Re(r"\bEffective\s+Model:[ \t]*(?P<effective_model_v>[A-Za-z][\w.\-]{1,80})"),
        "effective_model",
    ),
    # LiteLLM's Vertex AI route ("vertex_ai/claude-opus-4-5@20251101", "vertex_ai/gemini-2.5-pro"): the
    # model called on Vertex, whoever made it.
    # (… with the publisher of a Model-as-a-Service id before it, "vertex_ai/qwen/qwen3-coder-480b-a35b-instruct-maas".)
    # (… and pydantic-ai's provider prefixes, "google-vertex:gpt-oss-120b-maas", "google-gla:gemini-2.5-flash".)
    (
        ("vertex_ai/", "google-vertex:", "google-gla:"),
        _Re(
            r"(?<![\w./\-])(?:vertex_ai(?:_beta)?/(?:models/)?(?:[a-z][\w.\-]{1,40}/(?=[\w.\-]{1,80}-maas\b))?"
            rf"|google-(?:vertex|gla):)(?P<wrapper_model_r>{VERTEX_MODEL})"
        ),
        "wrapper_model",
    ),
    # Live API WebSocket close codes: "APIError: 1011 None.", "close code 1008", "code=1007", "received
    # 1011 (internal error)". Not one the client sent itself ("sent 1011 (unexpected error) keepalive ping
    # timeout": its own ping went unanswered), which is no error of the server's.
    (
        ("1007", "1008", "1011"),
        _Re(
            # (… and a tuple's "{:closed, 1011, …}".)
            # (… and the websockets library's debug log of a close received: "< CLOSE 1008 (policy violation) …";
            # "> CLOSE 1011 … keepalive ping timeout" is the client's own.)
            # (… and a forum's "Error 1008: Operation not supported", "Error 1007 (Unknown name)", a changelog's
            # "WebSocket error 1007"; and a JavaScript client's close event logged as JSON, '"code":1011'.)
            r"(?:APIError|[Cc]lose(?:d)?(?:\s+code)?|<\s*CLOSE|[Cc]ode[\"']?|WebSocket\w*(?:\s+error)?|received)\s*[:=(,]?\s*(?P<ws_close_c>10(?:07|08|11))\b"
            r"|\bError\s+(?P<ws_close_e>10(?:07|08|11))(?=\s*[:(])"
            # (… and google-genai's rendering of a close, "<code> None. <reason>", after any prefix ("APIError in
            # live flow: 1007 None. error when processing input audio"); and a close told as a status ("closes the
            # WebSocket … with status **1007**"): no HTTP status has four digits.)
            r"|(?<![\w.])(?P<ws_close_n>10(?:07|08|11))\s+None\.(?=\s|$)"
            r"|\bstatus(?:\s+code)?\s*[:=]?\s*\**(?P<ws_close_s>10(?:07|08|11))\b(?!\.\d)"
            # (… and told in prose: "Gemini's 1011 close code", "reconnect on Gemini 1011", "Gemini Live `1007` context
            # exhaustion errors".)
            r"|(?<![\w.])(?P<ws_close_p>10(?:07|08|11))\s+close\s+code\b"
            r"|\bGemini(?:['’]s)?(?:\s+Live)?(?:\s+API)?\s+[`'\"]?(?P<ws_close_g>10(?:07|08|11))\b(?!\.\d)"
        ),
        "ws_close",
    ),
    (
        ("quotaresetdelay",),
        _Re(r"quotaResetDelay[\"']?\s*(?:[:=]|,?\s*value\s*:)?\s*[\"']?(?P<reset_delay_v>[0-9hms.]{1,80})"),
        "reset_delay",
    ),
    (
        ("reset after",),
        _Re(r"reset\s+after\s+(?P<reset_after_v>[0-9hms.]{1,80})", re.IGNORECASE),
        "reset_after",
    ),
    (
        ("_", "ratelimit", "accessnot", "dailylimit"),
        _Re("(?:" + _lead_alt(_REASON_WORDS, glued=True) + r")(?![A-Z0-9_])"),
        "reason",
    ),
    (
        # (The status names without an underscore need their own literal after a code: "499 CANCELLED".)
        _STATUS_LITERALS,
        # (… also with the status word in Markdown's backticks, quotes or parentheses: "429 `RESOURCE_EXHAUSTED`",
        # "code 499 (CANCELLED)".)
        _Re(rf"{_CODE_LEAD}\s+[`'\"(]?(?P<code_status_s>{_STATUS_ALT})\b"),
        "code_status",
    ),
    # A code then the Interactions API's own word code, as an app's line or a page heads the error ("Gemini API 429
    # too_many_requests: …"): read where the word's status is the code's and the line names Gemini (``_fact_from``).
    (
        _INTERACTIONS_WORDS,
        _Re(rf"{_CODE_LEAD}\s+[`'\"(]?(?P<code_word_w>{'|'.join(_INTERACTIONS_WORDS)})\b"),
        "code_word",
    ),
    (
        ("got status",),
        _Re(
            r"got\s+status:?\s*(?:(?P<got_status_c>(?<![\d.])[1-5]\d\d\b)|(?P<got_status_s>[A-Z_]{4,30}\b))",
            re.IGNORECASE,
        ),
        "got_status",
    ),
    (
        ("[",),
        # (An error status only: "[125 bytes]" of a log is a size.)
        _Re(
            r"\[(?P<bracket_code_c>[45]\d\d)(?:\s+(?P<bracket_code_p>(?!bytes?\b)[A-Za-z][A-Za-z ]{0,40}?))?\s*\]"
        ),
        "bracket_code",
    ),
    (
        ("http", "code", "status"),
        _Re(
            r"(?:HTTP\s+Error|HTTP/\d(?:\.\d)?|H(?<!\w.)TTP|Error\s+code:?|status\s+code:?|"
            r"s(?<!\w.)tatus(?:_?[Cc]ode)?[\"']?\s*[:=]|status\s+code\s+of|with\s+status|upstreamStatus[\"']?\s*[:=]"
            r"|http_status[\"']?\s*[:=]"
            r"|c(?<!\w.)ode[\"']?\s*[:=])"
            rf"\s*[\"']?{_CODE}",
            re.IGNORECASE,
        ),
        "http_code",
    ),
    (("status code",), _Re(rf"{_CODE_LEAD}\s+status\s+code", re.IGNORECASE), "no_body_code"),
    # The status code's label in Chinese, Japanese and Korean apps and posts ("状态码: 400", "ステータスコード: 429",
    # "상태 코드: 503").
    (
        ("状态码", "狀態碼", "ステータスコード", "상태 코드", "상태코드"),
        _Re(rf"(?:状态码|狀態碼|ステータスコード|상태\s?코드)\s*[:=]\s*{_CODE}"),
        "http_code",
    ),
    # … and a code after an error word in those languages and a colon, as "Error: 429" is in English ("请求失败: 429",
    # "未知错误/模型不可用：503", "エラー: 429").
    (
        _CJK_ERROR_WORDS,
        _Re(rf"(?:{'|'.join(_CJK_ERROR_WORDS)})\s*[:：]\s*{_CODE}(?=[\s:.,;，。；]|$)"),
        "http_code",
    ),
    # An HTTP client's log of a request and the status it got, after an arrow ("GET https://…/corpora?key=… -> 401
    # (25.789 ms)", Elixir's Tesla and Req loggers): read only where the line holds the request's URL.
    (("-> ", "=> "), _Re(rf"(?:->|=>)[ \t]*{_CODE}(?=[ \t]*(?:\(|\r?\n|$))"), "arrow_code"),
    # HTTP/2's pseudo-header of the status, as a proxy's log or test table writes it (":status: 429",
    # '{":status", "429"}').
    ((":status",), _Re(rf":status[\"']?\s*[,:=]\s*[\"']?{_CODE}"), "http_code"),
    # An error object's word code ("code": "InvalidParameter", "code": "invalid_request_error"): whose
    # vocabulary it is tells whose error it is (a hint; Google's own words are canonical statuses).
    (
        ("code",),
        # (Also a code of four or more digits, which no HTTP status is: Zhipu's "code": "1302".)
        _Re(
            # (Led by its literal: the fact checks that "code" is a whole key, quoted or not.)
            rf"code[\"']?\s*:\s*(?:[\"'](?P<json_word_code_w>{WORD_CODE}|\d{{4,6}})[\"']"
            r"|(?P<json_word_code_n>\d{4,6})\b)"
        ),
        "json_word_code",
    ),
    # … and the same number in brackets after the HTTP status ("HTTP 400 (Code 20015): Field required", SiliconFlow):
    # an API's own error number, which Google's errors never carry.
    (("(code ",), _Re(r"\((?:error\s+)?[Cc]ode\s+(?P<paren_app_code_n>\d{4,6})\)"), "paren_app_code"),
    # Google's SDKs print the code right after the exception class: google-genai's
    # "google.genai.errors.ClientError: 401 UNAUTH. {…}" (whatever status word follows), "ServerError: 503".
    (
        ("clienterror: ", "servererror: ", "apierror: "),
        # (Only where no status word follows: "429 RESOURCE_EXHAUSTED" is read, with its status, as it is.)
        # (Also after the reason phrase: "ApiError: Internal Server Error 500".)
        _Re(
            rf"(?:Client|Server|API|Api)Error:\s+(?:[A-Z][a-z]+\s+){{0,3}}{_CODE}(?![\d.])(?!\s+(?:{_STATUS_ALT})\b)"
        ),
        "sdk_error_code",
    ),
    # google-genai's error built in a test or a handler, its code first: "errors.ClientError(429, {…})",
    # "errors.APIError(code=503, response_json=…)".
    (
        ("errors.apierror(", "errors.clienterror(", "errors.servererror("),
        _Re(rf"errors\.(?:API|Client|Server)Error\(\s*(?:code\s*=\s*)?{_CODE}\s*,"),
        "sdk_error_code",
    ),
    # The Vertex AI Node SDK's own check of a request ("[VertexAI.ClientError]: model parameter must be …"):
    # a bad request that never reached the server.
    (("[vertexai.clienterror]",), _Re(r"\[VertexAI\.ClientError\]"), "vertex_client_error"),
    # LiteLLM's Google provider exception followed by its own error class, with no code in the message
    # ("Vertex_ai_betaException BadRequestError - CachedContent can not be used …"): the class says the status.
    (
        tuple(f"exception {name.lower()}" for name in LITELLM_CLASS_CODES),
        _Re(LITELLM_GOOGLE_EXCEPTIONS + r"\s+(?P<litellm_class_v>" + "|".join(LITELLM_CLASS_CODES) + r")\b"),
        "litellm_class",
    ),
    # google-genai's error classes written out in full with a message and no code (the .NET SDK's
    # "Google.GenAI.ClientError: schema at top-level must be …", Java's "com.google.genai.errors.ClientException:
    # …"): the class says a 4xx (ClientError) or a 5xx (ServerError), the message no more.
    (
        ("genai.errors.client", "genai.errors.server", "genai.clienterror", "genai.servererror"),
        _Re(
            r"(?:google\.genai\.errors\.|Google\.GenAI\.(?:Errors\.)?|com\.google\.genai\.errors\.)"
            r"(?P<genai_class_error_v>Client|Server)(?:Error|Exception):(?=\s+(?![1-5]\d\d(?![\d.]))\S)",
            re.IGNORECASE,
        ),
        "genai_class_error",
    ),
    # httpx "Client error '429 …'" / "Server error '503 …'" and "(429):" — one literal-led pattern each.
    (("client error '",), _Re(rf"Client\s+error\s+'{_CODE}"), "client_error_code"),
    (("server error '",), _Re(rf"Server\s+error\s+'{_CODE}"), "client_error_code"),
    (("):",), _Re(rf"\({_CODE}\):"), "client_error_code"),
    # An app's "Gemini API error (429)" / "Resource Exhausted (429)" / "Gemini API error (status 404)": the code
    # in brackets after an error word.
    (
        ("(4", "(5", "(status", "(http", "(code"),
        _Re(
            # (… and an app's "Google rate-limited the request (429).")
            # (… and a reason phrase then its code: "HTTP error: Too Many Requests (429)".)
            r"(?:error|exhausted|exceeded|denied|unavailable|failed|overloaded|forbidden|unauthorized|limited\s+the\s+request"
            r"|too\s+many\s+requests|not\s+found|bad\s+request|bad\s+gateway|gateway\s+time-?out)"
            r"\s*\((?:(?:status|http|code)(?:\s+code)?\s*[:=]?\s*)?(?P<paren_code_c>[45]\d\d)\)"
        ),
        "paren_code",
    ),
    # "Error: 429 …" (JS and Python error prints).
    # … and "Error 429: …" / "API Error 429: …" (the code before the colon).
    (
        (
            *("error:", "error 4", "error 5"),
            *(
                f"{word}{tail}"
                for word in ("erro", "errore", "erreur", "fehler")
                for tail in (":", " 4", " 5")
            ),
        ),
        # (… and "Error 429 Quota exceeded": the code, then the reason as a capitalised phrase.)
        # (… and go-genai's "Error 400, Message: …, Status: INVALID_ARGUMENT, Details: []".)
        # (… and "Gemini API error 429" ending its line: an app's own one-line report of the status.)
        # (… and the word in Portuguese, Italian, French and German: "Erro 400:", "Errore 429", "Fehler 503".)
        _Re(
            rf"(?:e(?<!\w.)rr(?:or|ore|o|eur)|f(?<!\w.)ehler)(?::\s*{_CODE}(?=[\s:.,]|$)|\s+{_CODE}(?::|(?=,\s*Message)|\s+(?=[A-Z][a-z])"
            r"|(?=[.,;)!]?[ \t]*(?:[\r\n]|$))))"
        ),
        "error_colon_code",
    ),
    # google-api-core's ``str(exc)``, "<code> <message>" at the head of a line ("429 Quota exceeded for
    # model", "503 The service is currently unavailable.", REST: "404 POST https://…: message"): a status
    # Google answers with, then a sentence or the request.
    # Two patterns, each led by a literal or an anchor (a multi-line ``^`` is tried at every position).
    (
        tuple(f"{c} " for c in LINE_HEAD_CODES),
        _Re(
            rf"\A[ \t]*(?:{'|'.join(str(c) for c in LINE_HEAD_CODES)}) (?=[A-Z][a-z]|API [Ee]rror\b|(?:GET|POST|PUT|PATCH|DELETE) https?://)"
        ),
        "line_head_code",
    ),
    (
        tuple(f"{c} " for c in LINE_HEAD_CODES),
        _Re(
            rf"\n[ \t]*(?:{'|'.join(str(c) for c in LINE_HEAD_CODES)}) (?=[A-Z][a-z]|API [Ee]rror\b|(?:GET|POST|PUT|PATCH|DELETE) https?://)"
        ),
        "line_head_code",
    ),
    # The same after a log line's level and logger ("2026-12-05 ERROR app.llm: 403 Permission denied",
    # "WARNING:root: 503 The model is overloaded."), and google-genai's ``str(APIError)`` when the answer
    # had no JSON body ("429 None. None") after any prefix ("[gemini] 503 None. None"), or quoted whole
    # ('a "503 Context deadline is exceeded" error'), or after an error class and a comma (Dify's "[vertex_ai] Bad
    # Request Error, 400 The input system_instruction is not supported."). Led by the code after a colon, bracket or quote (a
    # regex led by the level words would try every position); the line's level word is checked when the
    # fact is built (``_LOG_LEVEL``).
    (
        tuple(f"{c} " for c in LINE_HEAD_CODES),
        _Re(
            rf"(?:(?<=[:\]>\"'`])|(?<=[Ee]rror,))[ \t]*(?P<logged_code_c>{'|'.join(str(c) for c in LINE_HEAD_CODES)})"
            r" (?=(?P<logged_code_none>None\. )|[A-Z][a-z]|API [Ee]rror\b|(?:GET|POST|PUT|PATCH|DELETE) https?://)"
        ),
        "logged_code",
    ),
    # google-genai's ``str(APIError)`` of a body whose status is UNKNOWN ("499 UNKNOWN. {'error': …}"): the code
    # before it is the HTTP status (UNKNOWN alone is too common a word to be read as a status).
    (("unknown.",), _Re(rf"{_CODE_LEAD} UNKNOWN\.(?=\s*(?:[{{\[]|$))"), "genai_unknown_code"),
    # A response logged as its code and the Google API address it came from (openai-python's debug log:
    # "response (error; no more retries left) 400 https://generativelanguage.googleapis.com/v1beta/openai/…").
    (
        ("googleapis.com",),
        # (Led by the address, the code read just before it: a scan for digits would try every number.)
        _Re(r"h(?<=[\s:>(\]][1-5]\d\d h)ttps?://(?:[\w-]+\.)*googleapis\.com/"),
        "url_code",
    ),
    # requests: "429 Client Error: Too Many Requests for url: …" / "503 Server Error: …" (also quoted without
    # its colon: "API response: 400 Client Error").
    (("client error:", "server error:"), _Re(rf"{_CODE_LEAD}\s+(?:client|server)\s+error:"), "requests_code"),
    # (Capitalised, it is requests' own words even without the colon; a client's notice "Received 500 server
    # error. Retrying" of an error it already logged is not read.)
    (
        ("client error", "server error"),
        _Re(rf"{_CODE_LEAD}\s+(?:Client|Server)\s+Error\b"),
        "requests_code_cap",
    ),
    # aiohttp's ClientResponseError: "400, message='Bad Request', url='https://…'".
    ((", message=",), _Re(rf"{_CODE_LEAD}, message=['\"]"), "requests_code"),
    (
        (
            "too many",
            "unavailable",
            "server error",
            "bad request",
            "forbidden",
            "not found",
            "unauthorized",
            "unauthenticated",
            "failed to connect",
            "timeout",
            "time-out",
            "payment",
            "gateway",
            "implemented",
            "conflict",
            "resource exhausted",
            "internal error",
            "deadline exceeded",
            "504 deadline",
        ),
        # (Also gRPC's RESOURCE_EXHAUSTED in words, quoted or not: 'Hitting 429 "Resource exhausted"'.)
        _Re(
            rf"{_CODE_LEAD}:?\s+\(?[\"'“]?(?P<code_phrase_p>Too\s+Many\s+Requests|Service\s+Unavailable"
            r"|Internal\s+Server\s+Error|Bad\s+Request|Forbidden|Not\s+Found|Unauthorized|Gateway\s+Time-?out"
            r"|Payment\s+Required|Bad\s+Gateway|Not\s+Implemented|Request\s+Time-?out|Conflict|Resource\s+exhausted"
            r"|Unauthenticated"
            # gRPC's UNAVAILABLE of a channel that reached no address ("503 failed to connect to all addresses").
            r"|failed\s+to\s+connect\s+to\s+all\s+addresses"
            # Google's own messages of a 500 and a 504 after their code ("500 Internal error encountered.").
            # (… and a title's shorthand "504 deadline".)
            r"|Internal\s+error|Deadline\s+exceeded|(?<=504 )deadline\b)",
            re.IGNORECASE,
        ),
        "code_phrase",
    ),
    (
        (
            "exhausted:",
            "exhaustedexception",
            "manyrequests",
            "ratelimit",
            "precondition",
            "permissiondenied",
            "servererror",
            "unavailable",
            "badgateway",
            "deadlineexceeded",
            "gatewaytimeout",
            "notfound",
            "invalidargument",
            "badrequest",
            "unauthenticated",
            "unauthorized",
            "forbidden",
        ),
        _Re(
            "(?P<exception_n>"
            + "|".join(w[0] + "(?<![A-Za-z].)" + w[1:] for w in _EXCEPTION_WORDS)
            # (… or its Python repr inside another exception's: "InvalidArgument('For new project, …')".)
            + r")(?:Exception|Error)?(?::|\((?=['\"]))"
            r"(?:\s*['\"]?(?P<exception_c>[1-5]\d\d)(?![\d.]))?"
        ),
        "exception",
    ),
    # A Jupyter traceback's header line: the class, a run of spaces, "Traceback (most recent call last)"
    # ("DeadlineExceeded                          Traceback …"), or the class alone on its line.
    (
        tuple(w.lower() for w in _EXCEPTION_WORDS),
        _Re(r"(?m)^(?P<exception_n>" + "|".join(_EXCEPTION_WORDS) + r")(?=[ \t]{8,}Traceback\b|[ \t]*$)"),
        "exception",
    ),
    # google-api-core's exception class named by its module path alone ("google.api_core.exceptions.
    # DeadlineExceeded" on a line of its own, no colon after it).
    (
        ("exceptions.",),
        _Re(r"exceptions\.(?P<exception_n>" + "|".join(_EXCEPTION_WORDS) + r")\b"),
        "exception",
    ),
    (("grpc_status",), _Re(r"grpc_status:\s*(?P<grpc_status_v>\d{1,2})\b"), "grpc_status"),
    # A google.rpc.Status in protobuf's text format, as a Vertex job's error prints it ("Job failed: code: 3
    # ⏎ message: \"Failed to import data. …\"").
    (
        ("code:",),
        # (… also on one line: "Training failed with: code: 8 message: \"…\"".)
        _Re(r"(?<![\w\"'])code:[ \t]*(?P<grpc_status_v>\d{1,2})(?=[ \t]*(?:\n[ \t>]*)?message:[ \t]*\")"),
        "grpc_status",
    ),
    # Google's own HTML error page (Google Front End): "<title>Error 502 (Server Error)!!1</title>".
    (
        ("!!1",),
        _Re(r"Error\s+(?P<google_page_c>[1-5]\d\d)\s+\([A-Za-z][A-Za-z \-]{1,40}\)!!1"),
        "google_page",
    ),
    # … and its body ("<b>404.</b> <ins>That’s an error.</ins>", quoted as "404. That’s an error.").
    (
        ("s an error",),
        _Re(
            r"(?<![\d.])(?P<google_page_c>[1-5]\d\d)\.(?:</b>)?[ \t]*(?:<ins>)?[ \t]*That[’'`]?s\s+an\s+error\b"
        ),
        "google_page",
    ),
    (
        # (Not a bare CANCELLED or ABORTED: a job's or an order's state in any log.)
        ("_", "unavailable", "internal"),
        _Re(rf"(?P<status_word_v>{_lead_alt(_STATUS_ALT.split('|'), glued=True)})(?![A-Z0-9_])"),
        "status_word",
    ),
    (
        ("quota metric", "quota\n", "quota  "),
        # (… with the window a relay writes after it: "quota metric 'GenerateContentPaidTier' (daily)".)
        _Re(
            r"quota\s+metric\s+'(?P<old_metric_v>[^'\n]{1,200})'"
            r"(?:\s*\((?P<old_metric_w>daily|per\s+day|per\s+minute|minutely)\))?"
        ),
        "old_metric",
    ),
    (
        ("limit '", "limit\n", "limit  ", "exceeded for '", "generatecontent "),
        # (… and the form that names the limit alone: "Quota exceeded for 'X' of service 'Y'", and a limit by
        # its Cloud console name: "GenerateContent input token count limit per model per minute".)
        _Re(
            r"a(?<!\w.)nd\s+limit\s+'(?P<old_limit_v>[^']{1,300})'"
            r"|e(?<!\w.)xceeded\s+for\s+'(?P<old_limit_w>[^'\n]{3,200})'(?=\s+of\s+service)"
            r"|(?P<old_limit_z>G(?<!\w.)enerateContent\s+(?:input\s+token\s+count|request|paid\s+tier\s+\w+)\s+limit"
            r"\s+per\s+(?:model\s+per\s+|project\s+per\s+)?(?:minute|day)(?:\s+per\s+(?:project|region|user))?)"
        ),
        "old_limit",
    ),
    (
        ("service '", "service\n", "service  "),
        _Re(r"of\s+service\s+'(?P<old_service_v>[\w.\-\s]{1,120})'"),
        "old_service",
    ),
    (
        ("project_number:",),
        _Re(r"project_number:(?P<project_v>\d{3,30}|\*{3,40})"),
        "project",
    ),
    # Each form led by its own literal (one alternation with a leading group is scanned position by position).
    (
        ("consumer",),
        _Re(r"consumer[\"']?\s*(?:[:=]|,?\s*value\s*:)?\s*[\"']?projects/(?P<project_v>\d{3,30}|\*{3,40})"),
        "project",
    ),
    (("project ",), _Re(r"i(?<!\w.)n\s+project\s+(?P<project_v>\d{3,30}|\*{3,40})"), "project"),
    (("project=",), _Re(r"project=(?<=[?&]project=)(?P<project_v>\d{3,30}|\*{3,40})"), "project"),
    (("base model",), _Re(r"base\s+model:\s*(?P<base_model_v>[\w.\-]{2,80})"), "base_model"),
    (
        ("not found", "does not exist", "no longer available"),
        # (Also quoted, "does not exist", the id after the words: "Model not found: X", and a retired model
        # id: "gemini-1.5-pro is no longer available".)
        _Re(
            # (Not the sentence's own verb, "Model does not exist"; an id may begin with one, "models/does-not-exist".)
            r"(?:models/|(?<![\w/])[Mm]odel\s+)[`'\"]?(?!(?:is|was|has|does)\s)(?P<not_found_model_v>[\w.\-]{2,80})[`'\"]?\s+"
            r"(?:(?:is\s+|was\s+)?not\s+found|does\s+not\s+exist)"
            # (… an id: a digit or hyphen in it, not the sentence that goes on, "Model not found: The selected …")
            r"|M(?<![\w/]M)odel\s+(?:is\s+)?not\s+found:\s*[`'\"]?(?:models/)?(?P<not_found_model_w>(?=[\w.]*[\d\-])[\w.\-]{2,80})"
            r"|(?<![\w\-/])(?P<not_found_model_x>(?:gemini|gemma|imagen|veo)-[\w.\-]{2,80})[`'\"]?\s+"
            r"(?:(?:model\s+)?is\s+no\s+longer\s+available|(?:is\s+|was\s+)?not\s+found)"
        ),
        "not_found_model",
    ),
    (
        ("no model",),
        _Re(
            r"N(?<![\w/]N)o\s+model\s+(?:found\s+)?(?:called|named)\s+[`'\"]?(?:models/)?(?P<not_found_model_y>[\w.\-]{2,80}?)"
            r"(?=[`'\"]|\.?(?:\s|$))"
        ),
        "not_found_model",
    ),
    # The model an error's own message names by its resource name: "models/X is not supported for
    # generateContent", "Penalty is not enabled for models/X".
    (
        ("models/",),
        _Re(r"models/(?P<resource_model_v>[\w.\-]{2,80})\s+is\s+not\s+(?:supported|enabled|available)\b"),
        "resource_model",
    ),
    (
        ("models/",),
        _Re(
            r"(?:not\s+(?:supported|enabled|available)|unsupported)\s+for\s+models/(?P<resource_model_v>[\w.\-]{2,80})"
        ),
        "resource_model",
    ),
    # … and by its id before the method it is refused for ("claude-opus-4-6 is not supported in the
    # generateContent API", "gemini-2.0-flash-exp is not supported for predict"): an id with a digit.
    (
        ("is not supported",),
        _Re(
            r"(?<![\w.\-/])(?P<resource_model_v>[a-z][a-z0-9]*-[\w.\-]{0,78}\d[\w.\-]{0,78}(?:@[\w.\-]{1,40})?)"
            r"\s+is\s+not\s+supported\s+(?:in|for|by)\s+(?:the\s+)?"
            r"(?:generateContent|streamGenerateContent|countTokens|embedContent|predict|Interactions)\b"
        ),
        "resource_model",
    ),
    (
        ("no capacity",),
        # "… for model on the server" names no model (the slot is empty in some bodies).
        _Re(
            r"No\s+capacity\s+available\s+for\s+model\s+(?!on\s+the\s+server)(?P<capacity_model_v>[\w.\-]{2,80})"
            # … then "on the server" or the end of the quoted message (a log cut mid-id names no model).
            r"(?=\s+on\s+the\s+server|\s*[\"'\]\)}])"
        ),
        "capacity_model",
    ),
    # Code Assist's per-user window naming its model, whoever made it (Antigravity serves Claude too): "You
    # have exhausted your capacity on claude-opus-4-6-thinking. Quota will reset after 2h9m48s."
    (
        ("capacity on",),
        _Re(
            r"exhausted\s+your\s+capacity\s+on\s+(?!this\b)(?P<capacity_model_v>[A-Za-z][\w.\-]{1,80}?)"
            r"(?=\.?(?:\s|[\"'\]\)}]|$))"
        ),
        "capacity_model",
    ),
    (
        ("have a free",),
        _Re(r"(?P<display_name_v>Gemini\s+\d[\w. ]{1,40}?)\s+doesn'?t\s+have"),
        "display_name",
    ),
    (
        ("requests with gemini",),
        _Re(
            r"requests\s+with\s+(?P<code_assist_display_name_v>Gemini\s+\d[\w.\-]{0,12}(?:\s+[A-Z][\w\-]{1,20}){0,2}?)\s*[.,;]",
            re.IGNORECASE,
        ),
        "code_assist_display_name",
    ),
    (("http",), _Re(r"https?://[^\s\"'<>\]\)]{4,300}"), "link"),
    # An HTTP reason phrase as an error's message (one spec per phrase, each led by its own literal; what
    # stands before and after it is checked when the fact is built).
    *(
        ((literal,), _Re(pattern), "status_phrase")
        for _sid, _code, literal, pattern, _after in STATUS_PHRASES
    ),
]
_URL_MODEL = _Re(
    literal_led(
        r"(?<![\w\-])models/(?P<m>[A-Za-z0-9][\w.\-]{1,80}):(?:generate|streamGenerate|countTokens|embed|batchEmbed|"
        r"predict|streamRawPredict|rawPredict|serverStreamingPredict)"
    )
)


def _lower_pattern(pattern: str) -> str:
    return pattern.replace("\\S", "[^\\s]").lower().replace("(?p<", "(?P<")


#: Fact kinds matched case-insensitively: against the lower-cased text (faster than IGNORECASE).
_ON_LOW = frozenset(
    {
        "error_colon_code",
        "requests_code",
        "quota_value",
        "dotnet_status",
        "bracket_error",
        "retry_in",
        "retry_in_hms",
        "resets_in",
        "reset_stamp",
        "interactions_limit",
        "window_quota",
        "window_words",
        "zero_limit",
        "retry_after",
        "reset_after",
        "got_status",
        "http_code",
        "no_body_code",
        "code_phrase",
        "paren_code",
        "wrapper_model_kv",
        "prose_model",
        "model_field",
        "table_model",
        "ctor_model",
        "switched_from",
        "configured_model",
        "to_use_model",
        "display_prose",
        "cli_model",
        "status_phrase",
    }
)
_FACT_SPECS = [
    (keys, _Re(_lower_pattern(pattern.pattern)) if kind in _ON_LOW else pattern, kind)
    for keys, pattern, kind in _FACT_SPECS
]


_SPECS: list[_Spec] = []


def _word_probe(words: list[str]) -> tuple[_Re, tuple[str, ...]]:
    """A search that finds something in every text holding one of ``words`` (upper-case words with an
    underscore between two letters, or plain upper-case words), and the camel-case words it does not
    cover (looked up one by one)."""
    pair = re.compile(r"[A-Z]_[A-Z0-9]")
    plain = [w for w in words if not pair.search(w)]
    if not all(re.fullmatch(r"[A-Za-z0-9]+", w) for w in plain):  # pragma: no cover - vocabulary guard
        raise ValueError("a word without an underscore pair must be plain")
    upper = [w for w in plain if w.isupper()]
    if not all(w[0].isalpha() for w in upper):  # pragma: no cover - vocabulary guard
        raise ValueError("an upper-case word must start with a letter")
    # Factored behind the capital every alternative starts with: the search skips to the text's capitals
    # (several times faster than trying each alternative at every position).
    by_first: dict[str, list[str]] = {}
    for word in upper:
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    rests = [pair.pattern.removeprefix("[A-Z]")]
    rests += [f"(?<={first})(?:{'|'.join(tails)})" for first, tails in by_first.items()]
    return _Re("[A-Z](?:" + "|".join(rests) + ")"), tuple(w for w in plain if not w.isupper())


#: The kinds whose every match holds a status or reason word (``_WORD_KINDS``), and the probe for them.
_WORD_KINDS = frozenset({"reason", "code_status", "status_word"})
_UPPER_WORD, _CAMEL_REASONS = _word_probe([*_STATUS_ALT.split("|"), *_REASON_WORDS])


def _specs() -> list[_Spec]:
    """The anchor wordings, then the fact patterns (built on first use, in this fixed order)."""
    if _SPECS:
        return _SPECS
    specs: list[_Spec] = []
    for sid, family, status, pattern in _ANCHORS:
        kws = tuple(
            {
                w.lower()
                for w in re.findall(r"[A-Za-z]{5,}", pattern.replace("\\s", " ").replace("\\b", " "))
                if w.lower() not in ("please", "again", "model", "models", "tokens", "maximum")
            }
        )
        # Matched against the lower-cased text (no IGNORECASE: much faster); \\S must survive lowering.
        rx = _Re(literal_led(pattern.replace("\\S", "[^\\s]").lower()))
        specs.append(_Spec("anchor", kws, rx, on_low=True, sid=sid, family=family, status=status))
    for keys, rx, kind in _FACT_SPECS:
        # (Led by its literal text where a guard leads it: the same matches, found faster.)
        fast = _Re(literal_led(rx.pattern), rx.flags)
        specs.append(_Spec(kind, keys, fast, on_low=kind in _ON_LOW))
    _SPECS.extend(specs)
    # Each distinct lead literal, with the specs it may let through: one look-up per literal (not per
    # spec) finds the few specs worth checking further.
    by_lit: dict[tuple[bool, str], list[int]] = {}
    for index, (lead_low, lead, keys, need, spec) in enumerate(map(_gate, specs)):
        if lead is None:
            _ALWAYS.append(index)
        for lit in lead or ():
            by_lit.setdefault((lead_low, lit), []).append(index)
        # The multi-word lead literals and keys (looked up again across a hard wrap when missing).
        spaced_leads = tuple(lit for lit in (lead or ()) if " " in lit) if lead_low else ()
        spaced_keys = tuple(key for key in keys if " " in key)
        # The words a hard wrap can follow inside one of them (all but each literal's last word).
        ends = frozenset(w for lit in (*spaced_leads, *spaced_keys) for w in lit.split(" ")[:-1] if w)
        anchor = (spec.sid, spec.family, spec.status) if spec.kind == "anchor" else None
        _PLANS.append((keys, need, spec.on_low, spec.probe, spec.kind, spec.rx, spaced_keys, ends, anchor))
    _FINDERS.append(
        LiteralFinder(
            {lit: ix for (on_low, lit), ix in by_lit.items() if on_low},
            {lit: ix for (on_low, lit), ix in by_lit.items() if not on_low},
        )
    )
    # The multi-word lead literals looked in the lower-cased text, with their specs (looked up again in
    # the text with its line breaks read as spaces, when a hard wrap may cut one of them).
    _SPACED_LEADS.extend((lit, tuple(ix)) for (on_low, lit), ix in by_lit.items() if on_low and " " in lit)
    _SPACED_LEAD_WORDS.update(w for lit, _ix in _SPACED_LEADS for w in lit.split(" ")[:-1] if w)
    return _SPECS


#: Per spec, in ``_SPECS`` order, what the text pass reads of it, in one tuple: the keys and needed pieces
#: left to check once a lead literal is found (``_gate``), on the lower-cased text?, probe first?, kind,
#: regex, multi-word keys, the words a wrap can follow inside them, and (sid, family, status) for an
#: anchor. One of a spec's lead literals is in every text that passes its gate, and most texts hold none
#: of them: most specs are ruled out by one or two look-ups.
_PLANS: list[
    tuple[
        tuple[str, ...],
        tuple[tuple[str, ...], ...] | None,
        bool,
        bool,
        str,
        _Re,
        tuple[str, ...],
        frozenset[str],
        tuple[str, str, str | None] | None,
    ]
] = []


def _line_ends(low: str) -> frozenset[str]:
    """The last word of every line of a wrapped text (where a multi-word literal may be cut)."""
    return frozenset(line.rsplit(None, 1)[-1] for line in low.split("\n") if line.strip())


#: The multi-word lead literals (looked in the lower-cased text) and their specs; the words a wrap can
#: follow inside them.
_SPACED_LEADS: list[tuple[str, tuple[int, ...]]] = []
_SPACED_LEAD_WORDS: set[str] = set()


#: The finder of the lead literals looked up in the lower-cased text and in the text itself (each literal
#: with the indices, in ``_PLANS``, of the specs it lets through); the specs without a lead literal.
_FINDERS: list[LiteralFinder] = []
_ALWAYS: list[int] = []


def _gate(
    spec: _Spec,
) -> tuple[bool, tuple[str, ...] | None, tuple[str, ...], tuple[tuple[str, ...], ...] | None, _Spec]:
    """The lead literals of a spec's gate (its keys, any of which the text must hold; else a piece
    every alternative of its regex needs; else the first piece of each alternative) and what is left
    of the gate to check once one of them is found (the same outcome as checking the whole gate)."""
    need = spec.need
    if spec.probe and not spec.keys:
        return False, None, (), need, spec
    if spec.keys:
        return True, spec.keys, (), need, spec
    if need is None:
        return False, None, (), None, spec
    if len(need) == 1:
        return spec.on_low, need[0][:1], (), (need[0][1:],), spec
    for piece in need[0]:
        if all(any(piece in other for other in pieces) for pieces in need[1:]):
            return spec.on_low, (piece,), (), need, spec
    firsts = list(dict.fromkeys(pieces[0] for pieces in need))
    lead = tuple(f for f in firsts if not any(o != f and o in f for o in firsts))
    return spec.on_low, lead, (), need, spec


def _hosts_into(acc: _Acc, text: str) -> None:
    if "." not in text:
        return
    acc.hosts.update(_hosts_of(text) if len(text) <= _SHORT_TEXT else _find_hosts(text))


@lru_cache(maxsize=256)
def _hosts_of(text: str) -> tuple[str, ...]:
    """The Google hosts a short text (a metric or service name) names: the same few recur."""
    return _find_hosts(text)


def _find_hosts(text: str) -> tuple[str, ...]:
    glued = _WRAP.sub("", text) if "\n" in text else text
    return tuple(match.group(0).lower().rstrip("/") for match in _HOSTS.finditer(glued))


class _Fact:
    __slots__ = ("anchor", "apply", "family", "kind", "pos", "text")

    def __init__(
        self,
        pos: int,
        kind: str,
        apply: Any,  # callable(acc) -> None
        family: str | None = None,
        anchor: str | None = None,
        text: str = "",
    ) -> None:
        self.pos = pos
        self.kind = kind
        self.apply = apply
        self.family = family
        self.anchor = anchor
        self.text = text


#: Texts up to this length (a wrapper line, a short message) have their facts remembered: the same
#: short lines recur across pastes and log lines, and facts never change once found.
_SHORT_TEXT = 200


def _facts(text: str) -> tuple[_Fact, ...]:
    """All facts of a (flattened) text, in order. Each fact knows how to apply itself to a record."""
    if len(text) <= _SHORT_TEXT:
        return _short_facts(text)
    return tuple(_find_facts(text))


@lru_cache(maxsize=1024)
def _short_facts(text: str) -> tuple[_Fact, ...]:
    return tuple(_find_facts(text))


def _find_facts(text: str) -> list[_Fact]:
    facts: list[_Fact] = []
    low = text.lower()
    same = len(low) == len(text)
    if not _PLANS:
        _specs()
    upper: bool | None = None
    # Multi-word keys and lead literals ("quota exceeded for metric") are also looked up in the lower-cased
    # text with each line break (and the indentation after it) read as one space: a hard wrap between two
    # words of one must not shut the regex (which reads ``\s+`` there) out. Only for a wrapped text whose
    # line ends hold a word that such a literal can be cut after.
    unwrapped: str | None = None if "\n" in low else low
    ends: frozenset[str] | None = None
    # The gate: one of the spec's lead literals (most texts hold few of them: one look-up per distinct
    # literal rules most specs out), then the spec's keys, any of which must occur, and the pieces some
    # alternative of the regex needs (rarest first, so an absent one fails on its first look-up).
    chosen = set(_ALWAYS)
    _FINDERS[0].into(low, chosen, text)
    if unwrapped is None and _SPACED_LEADS:
        ends = _line_ends(low)
        if ends & _SPACED_LEAD_WORDS:
            unwrapped = _LINE_BREAK.sub(" ", low)
            for lit, indices in _SPACED_LEADS:
                if lit in unwrapped and lit not in low:
                    chosen.update(indices)
    plans = _PLANS
    for index in sorted(chosen):
        keys, need, on_low, probe, kind, lazy, spaced_keys, wrap_words, anchor = plans[index]
        subject = low if on_low else text
        rx = lazy._rx
        if probe and rx is not None and rx.search(subject) is None:
            continue
        if keys:
            # (A probed spec's large regex is compiled only once a text holds one of its keys.)
            for key in keys:
                if key in low:
                    break
            else:
                if not spaced_keys or unwrapped is low:
                    continue
                if ends is None:
                    ends = _line_ends(low)
                if not wrap_words & ends:
                    continue
                if unwrapped is None:
                    unwrapped = _LINE_BREAK.sub(" ", low)
                for key in spaced_keys:
                    if key in unwrapped:
                        break
                else:
                    continue
        if need is not None:
            for pieces in need:
                for piece in pieces:
                    if piece not in subject:
                        break
                else:
                    break
            else:
                continue
        if rx is None:
            rx = lazy.rx
        sliced = on_low and same
        if anchor is not None:
            sid, family, status = anchor
            for match in rx.finditer(subject):
                start = match.start()
                frag = text[start : match.end()] if sliced else match.group(0)
                facts.append(
                    _Fact(start, "anchor", _anchor_applier(sid, family, status, frag), family, sid, frag)
                )
            continue
        if kind in _WORD_KINDS:
            # Every match holds one of the upper-case words (or a camel-case reason): one search
            # for them all rules the three patterns out on most texts.
            if upper is None:
                upper = _UPPER_WORD.search(text) is not None
            if not upper and not (kind == "reason" and any(w in text for w in _CAMEL_REASONS)):
                continue
        for match in rx.finditer(subject):
            frag = text[match.start() : match.end()] if sliced else match.group(0)
            fact = _fact_from(kind, match, text, frag)
            if fact is not None:
                facts.append(fact)
    if "." in text or "models/" in text:
        glued = _WRAP.sub("", text) if "\n" in text else text
        glued_low = low if glued is text else glued.lower()
        hosts = (
            {m.group(0).lower().rstrip("/") for m in _HOSTS.finditer(glued)}
            if _host_keys(glued_low)
            else set()
        )
        if hosts:
            facts.append(_Fact(0, "hosts", _adder("hosts", hosts)))
        # "models/X:generateContent" in a URL path or a bare resource name ("operation=models/X:…").
        url_model = _URL_MODEL.search(glued) if "models/" in glued else None
        if url_model:
            model = _clean_model(url_model.group("m"))
            facts.append(_Fact(_approx(text, url_model.start()), "url_model", _url_model_setter(model)))
    facts.sort(key=lambda f: f.pos)
    return facts


#: A line break and the indentation after it, read as one space by the multi-word key look-up (the text
#: is normalized: no spaces are left before a line break). Led by the literal line break: a fast scan.
_LINE_BREAK = _Re(r"\n[ \t]*")

_HOST_KEYS = (
    "googleapis",
    "google.dev",
    "ai.dev",
    "aistudio",
    "ai.studio",
    "generativeai",
    "vertex-ai",
)


#: Where a clause ends: a word of advice before it is not about what follows.
_CLAUSE_ENDS = ("\n", ". ", "! ", "? ", "。", "！", "？", "; ")


#: What a quota named by its window in words counts, just before "per day" ("Tokens per day quota exceeded").
_WINDOW_MEASURE = _Re(r"(?<![\w-])(?:input\s+)?(?:requests|tokens|images)\s+\Z", re.IGNORECASE)


#: Words of a fallback run on a command's line ("Fallback model used", "falling back", "retried with").
_FALLBACK_LINE = _Re(
    r"fall(?:ing)?[\s-]?back|\bswitch(?:ed|ing)?\s+to\b|\bretr(?:y|ied)\s+with\b", re.IGNORECASE
)

#: Words that make what follows an example ("e.g., gemini generate -m gemini-2.5-flash", "[INSERT … HERE").
_EXAMPLE = _Re(r"\be\.g\.|\bfor\s+example\b|\bINSERT\s+YOUR\b|例如|比如", re.IGNORECASE)


def _advised(before: str) -> bool:
    """Whether the lower-cased text just before a model names it as advice ("switch to", "try "): a
    word of ``DISPLAY_TARGET_WORDS`` in the same clause (not in the sentence or line before)."""
    cut = max(before.rfind(end) for end in _CLAUSE_ENDS)
    if cut >= 0:
        before = before[cut + 1 :]
    return _ADVICE.search(before) is not None


#: A word of advice before a model (``DISPLAY_TARGET_WORDS``: literal words, and "try" as a pattern).
_ADVICE = _Re("|".join(DISPLAY_TARGET_WORDS))


def _host_keys(low: str) -> bool:
    return any(k in low for k in _HOST_KEYS)


def _approx(text: str, pos: int) -> int:
    return min(pos, len(text))


def _adder(attr: str, values: set[str]) -> Any:
    def apply(acc: _Acc) -> None:
        getattr(acc, attr).update(values)

    return apply


def _url_model_setter(model: str | None) -> Any:
    """The model of the request's URL ("…/models/gemini-pro:generateContent"): the call Google answered, so
    it outranks another vendor's name a relay's envelope gave the request ("model": "gpt-3.5-turbo")."""

    def apply(acc: _Acc) -> None:
        if model is not None and (acc.request_model is None or not GOOGLE_MODEL_ID.match(acc.request_model)):
            acc.request_model = model

    return apply


def _setter(attr: str, value: Any, evidence: str | None = None) -> Any:
    def apply(acc: _Acc) -> None:
        if value is not None and getattr(acc, attr) is None:
            setattr(acc, attr, value)
        acc.add_evidence(evidence)

    return apply


_PHRASE_OF = tuple((literal, (sid, code, after)) for sid, code, literal, _rx, after in STATUS_PHRASES)
_PHRASE_BEFORE = _Re(PHRASE_BEFORE)
_PHRASE_BEFORE_REQUEST = _Re(PHRASE_BEFORE_REQUEST)
_PHRASE_AFTER = _Re(PHRASE_AFTER)
_ERROR_AFTER = _Re(r"\s+error\b")


def _phrase_fact(match: re.Match[str], text: str, frag: str) -> _Fact | None:
    """An HTTP reason phrase that is an error's whole message ("Error: Not Found", "[… Error]: Internal Server
    Error") or names one ("Service Unavailable Error"); not the words in a sentence."""
    start, end = match.span()
    said = " ".join(match.group(0).split())
    entry = next((value for literal, value in _PHRASE_OF if said.startswith(literal)), None)
    if entry is None:  # pragma: no cover - every spec's match starts with its literal
        return None
    sid, code, error_after = entry
    after = text[end : end + 40].lower()
    named = error_after and _ERROR_AFTER.match(after) is not None
    if not named:
        before = text[max(0, start - 16) : start].lower()
        labelled = _PHRASE_BEFORE.search(before) is not None or (
            text[max(0, start - 3) : start].rstrip().endswith('":')
            and _PHRASE_BEFORE_REQUEST.search(text[max(0, start - 440) : start].lower()) is not None
        )
        if not labelled or _PHRASE_AFTER.match(after) is None:
            return None
    return _Fact(start, "anchor", _phrase_applier(sid, code, frag), None, sid, frag)


def _phrase_applier(sid: str, code: int, frag: str) -> Any:
    """An HTTP reason phrase as an error's message ("Error: Not Found"): the code it stands for, as weak as
    a code read from words (a code the error states wins)."""

    def apply(acc: _Acc) -> None:
        acc.signals.add(sid)
        acc.set_code(code, weak=True)
        acc.add_evidence(" ".join(frag.split()))

    return apply


def _anchor_applier(sid: str, family: str, status: str | None, frag: str) -> Any:
    def apply(acc: _Acc) -> None:
        acc.signals.add(sid)
        acc.families.add(family)
        # (A 2xx beside Google's words is the transport's status around the error — a stream's, or a relay's
        # "HTTP 200 + body" — not a code of another family.)
        code = acc.http_code
        if (
            status is not None
            and acc.status is None
            and (code in (None, CODE_OF_STATUS.get(status)) or 200 <= code < 300)
        ):
            acc.status = status
        acc.add_evidence(" ".join(frag.split()))

    return apply


def _fact_from(kind: str, match: re.Match[str], text: str, frag: str) -> _Fact | None:
    g = match.group
    pos = match.start()
    if kind == "bullet":
        model_raw = g("b_model")
        end = match.end()
        model = _clean_model(model_raw)
        if model and model_raw and model_raw.endswith("n") and text[end : end + 1] in ("*", "\\"):
            model = model[:-1]
        violation = Violation(
            metric=g("b_metric"),
            model=model,
            value=_to_int(g("b_limit")),
            value_text=g("b_limit"),
            source="bullet",
        )

        def apply_bullet(acc: _Acc) -> None:
            acc.violations.append(violation)
            acc.signals.add("bullet")
            acc.families.add("quota")
            acc.dimension_model = acc.dimension_model or model
            _hosts_into(acc, violation.metric or "")
            acc.add_evidence(" ".join(frag.split()))

        return _Fact(pos, "bullet", apply_bullet, "quota", "bullet", frag)
    if kind == "quota_id":
        qid = frag
        if "Per" not in qid and "Tier" not in qid:
            return None

        def apply_qid(acc: _Acc) -> None:
            acc.families.add("quota")
            if qid.startswith("GenerateContentRequestsPerMinutePerProjectPerRegion") or (
                acc.quota_limit_name == qid
            ):
                acc.quota_limit_name = acc.quota_limit_name or qid
            elif not any(v.quota_id == qid for v in acc.violations):
                acc.violations.append(Violation(quota_id=qid, source="text"))
            acc.add_evidence(qid)

        return _Fact(pos, "quota_id", apply_qid, "quota", None, frag)
    if kind == "metric":
        if _in_url(text, pos):
            return None  # a host or path segment (an activation or console link), not a quota metric
        metric = frag

        def apply_metric(acc: _Acc) -> None:
            _hosts_into(acc, metric)
            if not any(v.metric == metric for v in acc.violations) and "quota_metric" not in acc.metadata:
                acc.metadata.setdefault("quota_metric", metric)

        return _Fact(pos, "metric", apply_metric)
    if kind == "quota_value":
        value_text = g("quota_value_n")
        lead = text[max(0, pos - 8) : pos].lower()
        if not lead.endswith("q"):
            return None
        future = lead.endswith(("futureq", "future_q"))
        frag = text[pos - 1 : match.end()]

        def apply_qv(acc: _Acc) -> None:
            acc.families.add("quota")
            if future:
                return
            for i, v in enumerate(acc.violations):
                if v.value_text is None and v.source in ("text", "details"):
                    acc.violations[i] = replace(v, value=_to_int(value_text), value_text=value_text)
                    break
            else:
                acc.violations.append(
                    Violation(value=_to_int(value_text), value_text=value_text, source="text")
                )
            acc.add_evidence(frag)

        return _Fact(pos, "quota_value", apply_qv, "quota")
    if kind == "limit_value":
        value_text = g("limit_value_n")

        def apply_qlv(acc: _Acc) -> None:
            acc.families.add("quota")
            if not any(v == value_text for v, _n in acc.limit_values):
                acc.limit_values.append((value_text, acc.quota_limit_name))
            acc.add_evidence(" ".join(frag.split()))

        return _Fact(pos, "limit_value", apply_qlv, "quota")
    if kind == "limit_name":
        name = g("limit_name_v")

        def apply_ql(acc: _Acc) -> None:
            acc.quota_limit_name = acc.quota_limit_name or name
            acc.limit_values = [(v, n or name) for v, n in acc.limit_values]
            acc.families.add("quota")
            acc.add_evidence(name)

        return _Fact(pos, "limit_name", apply_ql, "quota")
    if kind == "dict_model" and text[pos - 1 : pos] not in ('"', "'"):
        return None
    if kind == "dict_model" and not any(
        w in text[max(0, pos - 400) : pos].lower() for w in DIMENSION_CONTEXT
    ):
        # A "model" key outside a body's quotaDimensions / metadata is an echoed request or config
        # ({"model": "gemini-2.0-flash", "messages": […]}): the model asked for, not the one counted.
        return _Fact(pos, "wrapper_model", _setter("request_model", _clean_model(g("dict_model_v"))))
    if kind in ("proto_model", "dict_model", "go_model", "daily_limit_model"):
        model = _clean_model(g(f"{kind}_v"))
        return _Fact(pos, kind, _setter("dimension_model", model))
    if kind == "location":
        before = text[max(0, pos - 6) : pos]
        if not (before.endswith("quota_") or before[-1:] in ('"', "'")):
            return None
        return _Fact(pos, kind, _setter("location", g("location_v")))
    if kind == "retry_delay":
        seconds = parse_duration(g("retry_delay_v") + "s")
        return _Fact(pos, kind, _setter("retry_delay_s", seconds, " ".join(frag.split())))
    if kind == "proto_retry_delay":
        whole = _to_float(g("proto_retry_delay_s")) or 0.0
        nanos = _to_float(g("proto_retry_delay_n") or "0") or 0.0
        return _Fact(
            pos, kind, _setter("retry_delay_s", clamp_delay(whole + nanos / 1e9), " ".join(frag.split()))
        )
    if kind == "retry_in":
        unit = g("retry_in_u")
        seconds = parse_duration(g("retry_in_v") + ("ms" if unit == "ms" else "s"))
        set_delay = _setter("retry_delay_s", seconds, frag)
        if unit != "s" or "." not in g("retry_in_v"):
            return _Fact(pos, kind, set_delay)

        def apply_retry_in(acc: _Acc) -> None:
            # The Gemini API's own hint, in its float seconds ("Please retry in 48.04s."): Google's wording (other
            # APIs say "try again in 1.5s" or "retry after 20 seconds").
            set_delay(acc)
            acc.hints.add("retry_in_float")  # (a hint: the hint alone makes no error of its own)

        return _Fact(pos, kind, apply_retry_in)
    if kind in ("reset_delay", "reset_after", "resets_in"):
        seconds = parse_duration(g(f"{kind}_v"))

        # cloudcode-pa's own metadata key, quoted in a message, or its own sentence ("You have exhausted your
        # capacity on this model. Your quota will reset after 19h56m12s.").
        named_key = kind == "reset_delay" or (
            kind == "reset_after" and text[max(0, pos - 12) : pos].lower().endswith("quota will ")
        )

        def apply_reset(acc: _Acc) -> None:
            if seconds is not None and (acc.reset_delay_s is None or seconds > acc.reset_delay_s):
                # (the backend then reads as Code Assist; of several resets stated, the longest: "… reset after
                # 2s.. Retrying" on one attempt, then "TerminalQuotaError: … reset after 21h36m32s" ends the run)
                acc.reset_delay_s = seconds
            if named_key:
                # cloudcode-pa's own key: Google's. ("reset after 5s" and "Resets in 2h" are anybody's words.)
                acc.hints.add("code-assist")
                acc.signals.add("ca_reset")
            acc.add_evidence(" ".join(frag.split()).rstrip("."))

        return _Fact(pos, kind, apply_reset, "quota")
    if kind == "reason":
        reason = frag
        if text.endswith(").", 0, pos):
            # A Go method of that name in a trace ("caddy-ratelimit.(*Handler).rateLimitExceeded").
            return None
        if _APP_ENUM_BEFORE.search(text, max(0, pos - 60), pos):
            # A member of an app's own enum ("assert err.code == ProviderErrorCode.QUOTA_EXHAUSTED"): the app's
            # name for what it caught, not a reason Google sent.
            return None

        def apply_reason(acc: _Acc) -> None:
            if reason not in acc.reasons:
                acc.reasons.append(reason)
            acc.add_evidence(reason)

        entry = reason_entry(reason)
        family = entry[0] if entry else None
        return _Fact(pos, kind, apply_reason, family)
    if kind == "code_status":
        code = _first_code(frag)
        status = g("code_status_s")
        # (Evidence as written, less an opening parenthesis: "499 (CANCELLED" reads "499 CANCELLED".)
        return _Fact(pos, "code", _code_applier(code, status, frag.replace("(", "")))
    if kind == "code_word":
        code = _first_code(frag)
        word = g("code_word_w")
        status = STRING_CODE_STATUS[word]
        end = text.find("\n", pos)
        on_line = _GOOGLE_NAMED.search(text, text.rfind("\n", 0, pos) + 1, end if end >= 0 else len(text))
        if code != STRING_CODE_HTTP.get(word, CODE_OF_STATUS.get(status)) or on_line is None:
            # (Not one error's code and word: "400 rate_limit_exceeded"; nor, on a line that names neither Gemini nor
            # Google, the word codes other APIs share: Backblaze's "(503 service_unavailable)".)
            return None
        apply_code = _code_applier(code, status, frag)

        def apply_word(acc: _Acc) -> None:
            apply_code(acc)
            acc.hints.add(f"word-code:{word}")

        return _Fact(pos, "code", apply_word)
    if kind == "got_status":
        code = _to_int(g("got_status_c"))
        status = canonical_status(g("got_status_s"))
        if code is None and status is None:
            return None
        return _Fact(pos, "code", _code_applier(code, status, frag))
    if kind == "bracket_code":
        code = _to_int(g("bracket_code_c"))
        phrase = (g("bracket_code_p") or "").strip().lower()
        weak = not phrase or REASON_PHRASES.get(phrase) != code
        return _Fact(pos, "code", _code_applier(code, None, frag, weak=weak and phrase == ""))
    if kind == "arrow_code":
        line = text[text.rfind("\n", 0, pos) + 1 : pos]
        if not _REQUEST_ON_LINE.search(line):
            return None
        return _Fact(pos, "code", _code_applier(_first_code(frag), None, frag))
    if kind == "http_code":
        code = _first_code(frag)
        return _Fact(pos, "code", _code_applier(code, None, frag, weak=frag.lower().startswith("code")))
    if kind == "requests_code_cap" and text[max(0, pos - 9) : pos].lower().endswith("received "):
        return None
    if kind in (
        "no_body_code",
        "genai_unknown_code",
        "requests_code_cap",
        "client_error_code",
        "sdk_error_code",
        "code_phrase",
        "requests_code",
        "error_colon_code",
        "paren_code",
        "line_head_code",
    ):
        return _Fact(pos, "code", _code_applier(_first_code(frag), None, frag))
    if kind == "logged_code":
        none_form = match.group("logged_code_none") is not None and frag[:1] == " "
        # (Or the status line quoted whole: 'raises a "503 Context deadline is exceeded" error'.)
        quoted = text[pos - 1 : pos] in "\"'`" and frag[:1] != " "
        if not (none_form or quoted):
            head = text[max(text.rfind("\n", 0, pos) + 1, pos - 90) : pos]
            if _LOG_LEVEL.search(head) is None:
                return None
        written: str = g("logged_code_c")
        shown = f"{written} None." if none_form else written
        return _Fact(pos, "code", _code_applier(_to_int(written), None, shown))
    if kind == "exception":
        status = EXCEPTION_STATUS.get(g("exception_n"))
        code = _to_int(match.groupdict().get("exception_c"))  # (none after a module path alone)
        applier = _code_applier(code, status, frag, weak=code is None)
        if code is None and frag.endswith(":") and not text.endswith("exceptions.", 0, pos):
            # "ResourceExhausted: reached maximum deployments" with no HTTP code and no google-api-core
            # module before it: a gRPC library's own rendering (Temporal, tonic), no Google signal.
            applier = _grpc_applier(applier)
        return _Fact(pos, "code", applier)
    if kind == "google_page":
        page_code = _to_int(g("google_page_c"))

        def apply_page(acc: _Acc) -> None:
            _code_applier(page_code, None, frag)(acc)
            acc.signals.add("google_page")

        return _Fact(pos, "code", apply_page)
    if kind == "grpc_status":
        status = GRPC_STATUS.get(_to_int(g("grpc_status_v")) or -1)
        return _Fact(pos, "code", _grpc_applier(_code_applier(None, status, frag)))
    if kind == "status_word":
        status = g("status_word_v")
        own = _grpc_own(text, pos)
        applier = _code_applier(None, status, frag, weak=True, google=not own)
        if not own and _STATUS_FIELD_BEFORE.search(text[max(0, pos - 16) : pos]):
            applier = _status_field_applier(applier, status)
        return _Fact(pos, "code", _grpc_applier(applier) if own else applier)
    if kind == "old_metric":
        name = " ".join(g("old_metric_v").split())
        window = g("old_metric_w")

        def apply_osm(acc: _Acc) -> None:
            acc.quota_metric_name = acc.quota_metric_name or name
            if window:
                acc.metadata.setdefault("limit_name", f"{name} ({window})")
            if acc.display_model is None:
                from gemquota.core.quota import model_from_display_name

                acc.display_model = model_from_display_name(name)
            acc.families.add("quota")
            acc.add_evidence(f"quota metric '{name}'")

        return _Fact(pos, kind, apply_osm, "quota")
    if kind == "old_limit":
        name = " ".join((g("old_limit_v") or g("old_limit_w") or g("old_limit_z")).split())

        def apply_osl(acc: _Acc) -> None:
            if acc.quota_limit_name is None or not acc.quota_limit_name[:1].isupper() or " " in name:
                acc.metadata.setdefault("limit_name", name)
            acc.families.add("quota")
            acc.add_evidence(f"limit '{name}'")

        return _Fact(pos, kind, apply_osl, "quota")
    if kind == "old_service":
        service = _WRAP.sub("", g("old_service_v")).strip()

        def apply_oss(acc: _Acc) -> None:
            acc.service = acc.service or service
            _hosts_into(acc, service)

        return _Fact(pos, kind, apply_oss)
    if kind == "project":
        value = g("project_v")

        def apply_proj(acc: _Acc) -> None:
            _project_into(acc, value)

        return _Fact(pos, kind, apply_proj)
    if kind == "base_model":
        model = _clean_model(g("base_model_v"))

        def apply_bm(acc: _Acc) -> None:
            acc.dimension_model = acc.dimension_model or model
            acc.add_evidence(frag.rstrip("."))

        return _Fact(pos, kind, apply_bm, "quota")
    if kind == "status_phrase":
        return _phrase_fact(match, text, frag)
    if kind == "not_found_model":
        found = match.groupdict()
        model = _clean_model(
            found.get("not_found_model_v")
            or found.get("not_found_model_w")
            or found.get("not_found_model_x")
            or found.get("not_found_model_y")
        )
        if found.get("not_found_model_x") and frag.rstrip().endswith("found"):
            # A Google model id "not found" ("Error: gemini-1.5-pro not found"): the id makes the generic words
            # Google's, so the fact is also the not-found wording (read here, where "not found" leads the search,
            # rather than as an anchor searched in every paste that names a model).
            set_model = _setter("message_model", model, frag)
            as_anchor = _anchor_applier("not_found", "notfound", "NOT_FOUND", frag)

            def apply_nf(acc: _Acc) -> None:
                set_model(acc)
                as_anchor(acc)

            return _Fact(pos, "anchor", apply_nf, "notfound", "not_found", frag)
        return _Fact(pos, kind, _setter("message_model", model, frag))
    if kind == "resource_model":
        return _Fact(pos, kind, _setter("message_model", _clean_model(g("resource_model_v").rstrip("."))))
    if kind == "capacity_model":
        return _Fact(pos, kind, _setter("message_model", _clean_model(g("capacity_model_v"))))
    if kind in ("display_name", "code_assist_display_name"):
        from gemquota.core.quota import model_from_display_name

        return _Fact(pos, kind, _setter("display_model", model_from_display_name(g(f"{kind}_v"))))
    if kind == "link":
        url = frag.rstrip(".,;")

        def apply_link(acc: _Acc) -> None:
            if url not in acc.links and len(acc.links) < 20:
                acc.links.append(url)

        return _Fact(pos, kind, apply_link)
    if kind in ("retry_in_hms", "retry_after"):
        value = g(f"{kind}_v")
        seconds = parse_duration(value + "s" if kind == "retry_after" else value)
        return _Fact(pos, kind, _setter("retry_delay_s", seconds, " ".join(frag.split())))
    if kind == "reset_stamp":
        stamp = g("reset_stamp_v").upper()

        def apply_qrt(acc: _Acc) -> None:
            acc.metadata.setdefault("quotaResetTimeStamp", stamp)
            acc.hints.add("code-assist")
            acc.add_evidence(f"quotaResetTimeStamp {stamp}")

        return _Fact(pos, kind, apply_qrt, "quota")
    if kind == "interactions_limit":
        value_text = g("interactions_limit_n")
        measure = "tokens" if "token" in g("interactions_limit_m") else g("interactions_limit_m")
        window = "minute" if g("interactions_limit_w") == "min" else g("interactions_limit_w")
        name = f"{measure} per {window}"
        tier_words = " ".join((g("interactions_limit_t") or "").split())
        tier = "free" if tier_words.startswith("free") else ("paid" if tier_words else None)
        tier_digit = next((c for c in tier_words if c.isdigit()), None)
        if tier == "paid" and tier_digit in ("1", "2", "3"):
            tier = f"tier-{tier_digit}"

        def apply_il(acc: _Acc) -> None:
            acc.families.add("quota")
            # (Several limits in one record: the daily one decides, as nothing succeeds before it resets.)
            if window == "day" or "limit_name" not in acc.metadata:
                acc.metadata["limit_name"] = name
            if not any(v.value_text == value_text for v in acc.violations):
                acc.violations.append(
                    Violation(value=_to_int(value_text), value_text=value_text, source="message")
                )
            if tier is not None:
                acc.hints.add(f"tier:{tier}")
            acc.add_evidence(" ".join(frag.split()))

        return _Fact(pos, kind, apply_il, "quota")
    if kind == "vertex_client_error":
        return _Fact(pos, "code", _code_applier(400, None, frag, weak=True))
    if kind == "litellm_class":
        return _Fact(
            pos, "code", _code_applier(LITELLM_CLASS_CODES[g("litellm_class_v")], None, frag, weak=True)
        )
    if kind == "genai_class_error":
        side = g("genai_class_error_v").lower()

        def apply_gce(acc: _Acc) -> None:
            acc.metadata.setdefault("sdk_class", side)  # a code only if nothing else names one (freeze)
            acc.signals.add("sdk_class")
            acc.add_evidence(frag)

        return _Fact(pos, kind, apply_gce)
    if kind == "json_word_code":
        before = text[pos - 1 : pos]
        if before and before not in "\"'" and (before.isalnum() or before in "_."):
            return None  # "status_code", "errorCode": another key
        if before and before in "\"'" and text[pos + 4 : pos + 5] != before:
            return None  # a quoted key must close its quote
        # ("json-code:", not "word-code:": whose vocabulary it is, nothing about the backend.)
        hint = "json-code:" + (g("json_word_code_w") or g("json_word_code_n")).lower()
        return _Fact(pos, kind, _adder("hints", {hint}))
    if kind == "paren_app_code":
        return _Fact(pos, kind, _adder("hints", {"json-code:" + g("paren_app_code_n")}))
    if kind == "window_quota":
        start = max(0, pos - 24)
        measure = _WINDOW_MEASURE.search(text, start, pos)
        if measure is None:
            return None
        description = " ".join(text[measure.start() : match.end()].split())
        pos = measure.start()

        def apply_wq(acc: _Acc) -> None:
            acc.families.add("quota")
            if not any(v.description for v in acc.violations):
                acc.violations.append(Violation(description=description, source="text"))
            acc.add_evidence(description)

        return _Fact(pos, kind, apply_wq, "quota")
    if kind == "window_words":
        phrase = " ".join(frag.split())

        def apply_ww(acc: _Acc) -> None:
            if not any(v.source == "words" and v.description == phrase for v in acc.violations):
                acc.violations.append(Violation(description=phrase, source="words"))
                acc.add_evidence(phrase)

        return _Fact(pos, kind, apply_ww)
    if kind == "zero_limit":

        def apply_lim0(acc: _Acc) -> None:
            acc.families.add("quota")
            if not any(v.is_zero for v in acc.violations) and not any(v == "0" for v, _n in acc.limit_values):
                acc.violations.append(Violation(value=0, value_text="0", source="text"))
            acc.add_evidence(" ".join(frag.split()))

        return _Fact(pos, kind, apply_lim0, "quota")
    if kind in ("go_googleapi", "go_genai", "sdk_exception_code", "bracket_error"):
        return _Fact(pos, "code", _code_applier(_to_int(g(f"{kind}_c")), None, frag))
    if kind == "message_model":
        return _Fact(pos, kind, _setter("message_model", _clean_model(g("message_model_v") or g("msgr_v"))))
    if kind == "wrapper_model":
        named = match.groupdict()  # one of the specs' groups
        model = _clean_model(
            named.get("wrapper_model_v") or named.get("wrapper_model_w") or named.get("wrapper_model_r")
        )
        return _Fact(pos, kind, _setter("request_model", model))
    if kind in ("model_field", "slug_model", "ctor_model", "table_model"):
        return _Fact(pos, "wrapper_model", _setter("request_model", _clean_model(g(f"{kind}_v"))))
    if kind in ("switched_from", "configured_model"):
        model = _clean_model(g("switched_from_v" if kind == "switched_from" else "configured_v"))
        return _Fact(pos, "wrapper_model", _setter("request_model", model))
    if kind == "to_use_model":
        words = text[max(0, pos - 14) : pos].lower().split()
        if not (words and words[-1].startswith(TRYING_WORDS)):
            return None
        return _Fact(pos, "wrapper_model", _setter("request_model", _clean_model(g("to_use_model_v"))))
    if kind == "display_prose":
        if _advised(text[max(0, pos - 24) : pos].lower()):
            return None
        from gemquota.core.quota import model_from_display_name

        display_id = model_from_display_name(match.group(0))
        set_named = _setter("named_model", display_id)

        def apply_dp(acc: _Acc) -> None:
            if acc.named_model is None and display_id is not None:
                acc.hints.add("display-named")  # (a display name gave it, not an id the post writes out)
            set_named(acc)

        return _Fact(pos, "wrapper_model", apply_dp)
    if kind in ("wrapper_model_kv", "prose_model", "cli_model"):
        group = {"wrapper_model_kv": "wrapper_model_k", "prose_model": "prose_model_v"}.get(
            kind, "cli_model_v"
        )
        if kind == "cli_model" and _EXAMPLE.search(text, max(0, pos - 80), pos):
            return None  # an example command ("e.g., gemini -m gemini-2.5-flash"), not the call that failed
        if kind == "cli_model" and _FALLBACK_LINE.search(text, text.rfind("\n", 0, pos) + 1, pos):
            # The command of the fallback run ("| Fallback model used | `gemini-2.5-flash` (via `-m gemini-2.5-flash`)"):
            # the call after the failure, not the one that failed.
            return None
        model = _clean_model(g(group))
        return _Fact(pos, "wrapper_model", _setter("request_model", model))
    if kind == "responding_model":
        responding = _clean_model(g("responding_model_v"))

        def apply_rm(acc: _Acc) -> None:
            if responding is not None and acc.display_model is None:
                acc.display_model = responding
                acc.hints.add("responding-model")

        return _Fact(pos, kind, apply_rm)
    if kind == "url_code":
        said = text[pos - 4 : pos - 1]
        return _Fact(pos - 4, "code", _code_applier(_to_int(said), None, said + " " + frag))
    if kind == "dotnet_status":
        word = g("dotnet_status_v") or g("dotnet_status_w")
        code = _to_int(word) if word.isdigit() else DOTNET_STATUS_CODES.get(word)
        if code is None:
            return None
        return _Fact(pos, "code", _code_applier(code, None, frag))
    if kind == "publisher_model":
        return _Fact(pos, kind, _setter("request_model", _clean_model(g("publisher_model_v"))))
    if kind == "effective_model":
        return _Fact(pos, kind, _setter("request_model", _clean_model(g("effective_model_v"))))
    if kind == "ws_close":
        close = (
            g("ws_close_c")
            or g("ws_close_e")
            or g("ws_close_n")
            or g("ws_close_s")
            or g("ws_close_p")
            or g("ws_close_g")
        )
        # The close's reason, on its line: an upper-case OVERLOADED name in it ("[ORIGINAL ERROR]
        # extensible_stubs::OVERLOADED_TOO_MANY_RETRIES_PER_REQUEST") says more than 1011's "internal error".
        end = text.find("\n", match.end())
        close_reason = text[match.end() : end if end != -1 else len(text)][:_WS_REASON_SPAN]
        overload = _WS_OVERLOADED.search(close_reason) if "OVERLOADED" in close_reason else None
        overloaded = overload.group(0) if overload is not None else None
        # … and Google's internal status in it, lower-cased ("[ORIGINAL ERROR] generic::resource_exhausted: …"),
        # or its throttling ("throttling::THROTTLED_CLIENT: Request throttled at the client"): quota or load,
        # not the server's fault.
        told = _WS_REASON_STATUS.search(close_reason) if "::" in close_reason else None
        # (Throttling names no status of its own: a quota's.)
        told_status = None if told is None else canonical_status(told.group("ws_st") or "resource_exhausted")
        # A close's reason is at most 123 bytes (RFC 6455): one of exactly that length was cut there, often
        # inside the model id of a publisher path ("…/publishers/google/models/gemini-live-2.5-flash-preview-nati");
        # so was one whose quoted path never closes (its length changed when a user masked the project).
        said = _WS_REASON_LEAD.sub("", close_reason, count=1).split("; then sent", 1)[0].rstrip()
        reason_cut = len(said.encode("utf-8", "replace")) == _WS_REASON_MAX or (
            said.count("`") == 1 and "/models/" in said and not said.endswith("`")
        )

        def apply_ws(acc: _Acc) -> None:
            if overloaded is not None:
                acc.signals.add("overloaded_reason")
                acc.add_evidence(overloaded)
            if told is not None:
                acc.set_status(told_status)
                acc.add_evidence(told.group(0))
            if reason_cut:
                acc.hints.add("ws-reason-cut")
            acc.hints.add(f"ws-close:{close}")
            acc.metadata.setdefault("ws_close", close)  # the first in the text (hints are a set)
            acc.signals.add("code")
            acc.add_evidence(" ".join(frag.split()))

        return _Fact(pos, kind, apply_ws)
    return None


#: How much of a WebSocket close's line is read for its reason.
_WS_REASON_SPAN = 600
#: The longest reason a WebSocket close carries, in bytes.
_WS_REASON_MAX = 123
#: What stands between a close code and its reason: the code's name ("(policy violation)") or google-genai's
#: empty status ("None.").
_WS_REASON_LEAD = _Re(r"\A[ \t]*(?:\([^)\n]{0,40}\)|None\.)?[ \t]*")
_WS_OVERLOADED = _Re(r"[A-Z_]*OVERLOADED[A-Z_]*(?![a-z])")
_WS_REASON_STATUS = _Re(
    r"\bgeneric::(?P<ws_st>resource_exhausted|deadline_exceeded|unavailable)\b|\bthrottling::THROTTLED\w{0,40}"
)


def _in_url(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a URL: the run of URL characters before it (as the ``link`` fact
    reads URLs: no whitespace, quotes, ``<>``, ``]`` or ``)``) holds ``://`` or ends with ``/`` (a path
    segment), or starts ``www.``."""
    window = text[max(0, pos - 400) : pos]
    if not window or window[-1].isspace():
        return False
    run = window.rsplit(None, 1)[-1]
    cut = max(run.rfind(c) for c in "\"'<>])")
    run = run[cut + 1 :]
    return "://" in run or run.endswith("/") or run.startswith("www.")


_CODE_IN = _Re(r"(?<![\d.])[1-5]\d\d(?![\d.])")


#: A request on a log line: its method, then its URL.
_REQUEST_ON_LINE = _Re(r"\b(?:GET|POST|PUT|PATCH|DELETE)\s+https?://\S")


def _first_code(frag: str) -> int | None:
    match = _CODE_IN.search(frag)
    return int(match.group(0)) if match else None


#: A log line's level word before its logger and colon ("ERROR app.llm:", "WARNING:root:") …
#: … or a Google product that a wrapper names before the colon ("Invalid argument provided to Gemini: 400 …").
#: … or an exception's class ("RuntimeError: Failed to generate audio: 400 This voice requires …").
_LOG_LEVEL = _Re(
    r"\b(?:ERROR|Error|WARN(?:ING)?|Warn(?:ing)?|CRITICAL|FATAL|SEVERE|Gemini|Vertex\s*AI)\b"
    r"|[a-z](?:Error|Exception)\b"
)


def _grpc_applier(applier: Any) -> Any:
    """``applier``, noting that the status it sets is gRPC's own rendering (hint ``grpc-own``)."""

    def apply(acc: _Acc) -> None:
        applier(acc)
        acc.hints.add("grpc-own")

    return apply


def _grpc_own(text: str, pos: int) -> bool:
    """Whether the status word at ``pos`` is gRPC's own rendering (``StatusCode.X``, ``code = X``,
    Node's ``8 RESOURCE_EXHAUSTED:``), which is no Google signal by itself (SPEC §1.1)."""
    before = text[max(0, pos - 14) : pos]
    if before.endswith("StatusCode.") or before.rstrip().endswith(("code =", "code=", "Code:")):
        return True
    if text.endswith(("StatusRuntimeException: ", "StatusException: "), max(0, pos - 26), pos):
        return True  # grpc-java's "io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: …"
    # (Node's gRPC code is one or two digits, also quoted: "`8 RESOURCE_EXHAUSTED: …`"; "400 INVALID_ARGUMENT: …" is an
    # HTTP status and Google's name of it.)
    grpc_number = _GRPC_NUMBER.search(before.rstrip()) is not None
    return grpc_number and text[pos : pos + 40].split(None, 1)[0].endswith(":")


#: Node gRPC's status number before its name: one or two digits after a space, a quote or a bracket.
_GRPC_NUMBER = _Re(r"(?<![\w.])\d{1,2}$")


#: A status word as the value of a "status" field (a Google body's own, also escaped in a string or cut off
#: before its braces close): ``"status": "NOT_FOUND"``.
_STATUS_FIELD_BEFORE = _Re(r"[\"']status\\?[\"']\s*:\s*\\?[\"']\Z")


def _status_field_applier(applier: Any, status: str) -> Any:
    """A Google body's status field with a client error's status beside a server error's code read outside it
    (an app's or relay's "500 Internal Server Error" around Google's 404 body, cut before its code): the body's
    status and its code are the error's."""
    canonical = canonical_status(status)
    field_code = CODE_OF_STATUS.get(canonical) if canonical else None
    if field_code is None or field_code >= 500:
        return applier  # (a server status in the field: nothing to prefer over the code)

    def apply(acc: _Acc) -> None:
        if (
            acc.http_code is not None
            and acc.http_code >= 500
            and acc.status in (None, STATUS_OF_CODE.get(acc.http_code))
        ):
            acc.http_code = field_code
            acc.code_weak = False
            acc.status = canonical
        applier(acc)

    return apply


def _code_applier(
    code: int | None, status: str | None, frag: str, *, weak: bool = False, google: bool = False
) -> Any:
    status = canonical_status(status) if status else None

    def apply(acc: _Acc) -> None:
        if code is not None:
            acc.set_code(code, weak=weak)
            acc.signals.add("code")
        if google and status is not None:
            acc.signals.add("status_word")
        if status is not None:
            if acc.status is None or (
                acc.status != status and not weak and acc.http_code == CODE_OF_STATUS.get(status)
            ):
                if acc.http_code is None or CODE_OF_STATUS.get(status) == acc.http_code or code is not None:
                    acc.status = status
        acc.add_evidence(" ".join(frag.split()))

    return apply


def _scan_into(acc: _Acc, text: str, *, evidence: bool = True) -> None:
    """Apply every fact of ``text`` (a message string) to ``acc``."""
    text = flatten(text)
    for fact in _facts(text):
        if not evidence and fact.kind == "anchor":
            before = len(acc.evidence)
            fact.apply(acc)
            del acc.evidence[before:]
        else:
            fact.apply(acc)


# --------------------------------------------------------------------------------------------------
# Grouping text facts into records

_FAMILY_CODES: dict[str, frozenset[int]] = {
    "quota": frozenset({429}),
    "billing": frozenset({429, 402, 403}),
    "unavail": frozenset({503}),
    "internal": frozenset({500}),
    "deadline": frozenset({504}),
    "region": frozenset({400}),
    "auth": frozenset({400, 401, 403}),
    "notfound": frozenset({404}),
    "badreq": frozenset({400}),
}
_FAMILY_OF_STATUS: dict[str, str] = {
    "RESOURCE_EXHAUSTED": "quota",
    "UNAVAILABLE": "unavail",
    "INTERNAL": "internal",
    "DEADLINE_EXCEEDED": "deadline",
    "FAILED_PRECONDITION": "region",
    "PERMISSION_DENIED": "auth",
    "UNAUTHENTICATED": "auth",
    "NOT_FOUND": "notfound",
    "INVALID_ARGUMENT": "badreq",
}


_REFUSAL_FAMILIES = frozenset({"auth", "notfound", "badreq", "region"})


def _text_records(text: str, base: int = 0) -> list[_Acc]:
    """Records built from the facts of free text: one per error family seen (repeats counted)."""
    facts = _facts(text)
    if not facts:
        return []
    anchors = [f for f in facts if f.anchor is not None]
    families: list[str] = []
    for fact in anchors:
        if fact.family and fact.family not in families:
            families.append(fact.family)
    if len(families) <= 1:
        acc = _Acc(position=base + (facts[0].pos if facts else 0))
        for fact in facts:
            fact.apply(acc)
        acc.count = _repeat_count(anchors, text)
        if anchors:
            acc.position = base + anchors[-1].pos
        return [acc]
    # Several families: each fact goes to the nearest anchor of a compatible family.
    groups: dict[str, _Acc] = {fam: _Acc() for fam in families}
    for fam in families:
        fam_anchors = [a for a in anchors if a.family == fam]
        groups[fam].position = base + fam_anchors[-1].pos
        groups[fam].count = _repeat_count(fam_anchors, text)
    for fact in facts:
        if fact.anchor is not None and fact.family is not None:
            fact.apply(groups[fact.family])
            continue
        if fact.family in groups:
            fact.apply(groups[fact.family])
            continue
        if fact.kind == "hosts":
            for acc in groups.values():
                fact.apply(acc)
            continue
        nearest = min(
            (a for a in anchors if a.family), key=lambda a: (abs(a.pos - fact.pos), a.pos > fact.pos)
        )
        fact.apply(groups[nearest.family or families[0]])
    return [acc for acc in groups.values() if acc.has_content()]


def _repeat_count(anchors: list[_Fact], text: str) -> int:
    """How many times the leading wording repeats (a legacy ``errors[]`` copy does not count)."""
    if not anchors:
        return 1
    counted = [a for a in anchors if a.anchor != "bullet"]
    if not counted:
        return 1
    first = counted[0]
    hits = [
        a
        for a in counted
        if a.anchor == first.anchor and " ".join(a.text.split()) == " ".join(first.text.split())
    ]
    count = 0
    for hit in hits:
        window = text[max(0, hit.pos - 200) : hit.pos]
        if "errors" in window or "LocalizedMessage" in window or "DebugInfo" in window:
            continue
        if "grpc_message" in window[-40:] or "debug_error_string" in window:
            continue  # gRPC's debug string repeats ``details`` (same occurrence)
        count += 1
    return max(1, count)


def _compatible(a: _Acc, b: _Acc) -> bool:
    if a.http_code is not None and b.http_code is not None and a.http_code != b.http_code:
        if not (a.code_weak or b.code_weak):
            return False
    if a.status and b.status and a.status != b.status:
        return False
    fa = a.families - {"billing"}
    fb = b.families - {"billing"}
    if fa and fb and not (fa & fb):
        return False
    # Family implied by one side's code must fit the other side's wording, and its reasons.
    for x, y in ((a, b), (b, a)):
        if x.http_code is not None and not x.code_weak and y.families:
            if not any(x.http_code in _FAMILY_CODES.get(f, frozenset()) for f in y.families):
                return False
        if x.http_code is not None and not x.code_weak and y.http_code is None and y.reasons:
            # (A capacity reason comes with a 429 or a 503: only a refusal's reason — a key, a permission, a
            # request — is read as another error than a code of another family.)
            families = {e[0] for r in y.reasons if (e := reason_entry(r))}
            if (
                families <= _REFUSAL_FAMILIES
                and families
                and not any(x.http_code in _FAMILY_CODES.get(f, frozenset()) for f in families)
            ):
                return False
    return True


#: The hint specs with each pattern led by its literal text (the same matches, found many times faster).
_FAST_HINT_SPECS = [(name, keys, _Re(literal_led(rx.pattern), rx.flags)) for name, keys, rx in _HINT_SPECS]
_OWN_SPECS = [s for s in _FAST_HINT_SPECS if not s[0].startswith("foreign:")]
_FOREIGN_SPECS = [s for s in _FAST_HINT_SPECS if s[0].startswith("foreign:")]
#: The hints that only say whether a text is Google's (not which backend or wrapper).
_PRECISION_ONLY = frozenset({"google_sdk", "google_model", "google_open_model", "google_support"})
_BACKEND_SPECS = [s for s in _OWN_SPECS if s[0] not in _PRECISION_ONLY]
_HINT_GROUPS = {"own": _OWN_SPECS, "foreign": _FOREIGN_SPECS, "backend": _BACKEND_SPECS}


@cache
def _key_finder(group: str) -> LiteralFinder:
    """The keys of a group of hint specs, found in one pass (built on first use)."""
    by_key: dict[str, list[int]] = {}
    for index, (_name, keys, _rx) in enumerate(_HINT_GROUPS[group]):
        for key in keys:
            by_key.setdefault(key, []).append(index)
    return LiteralFinder(by_key)


def _hints_of(low: str, group: str) -> set[str]:
    """The hints of one group whose pattern is in ``low``, searched only when one of its keys is."""
    chosen: set[int] = set()
    _key_finder(group).into(low, chosen)
    if not chosen:
        return set()
    specs = _HINT_GROUPS[group]
    if group != "foreign":
        return {specs[i][0] for i in chosen if specs[i][2].search(low)}
    # Another provider named only where the post says it works ("This is the same as with the OpenAI node,
    # which hasn't given me any problems", "works fine with Anthropic") is a comparison, not the provider
    # of the error.
    # OpenAI's SDK named as the client (its frames and classes: "at OpenAI.makeStatusError", "from openai
    # import", "openai.RateLimitError") in a paste about Gemini is the library that called Gemini's
    # OpenAI-compatible endpoint, not the provider of the error.
    client_of_gemini = "gemini" in low or "generativelanguage" in low
    return {
        name
        for name, _keys, rx in (specs[i] for i in chosen)
        if any(_names_provider(low, name, m, client_of_gemini) for m in rx.finditer(low))
    }


def _names_provider(low: str, name: str, match: re.Match[str], client_of_gemini: bool) -> bool:
    """Whether ``match`` of the foreign hint ``name`` names the provider of the error: not a comparison, nor
    (in a paste about Gemini) OpenAI's SDK as the client that called Gemini."""
    if _said_to_work(low, match):
        return False
    if _FALLBACK_TO.search(low, max(0, match.start() - 40), match.start()) is not None:
        # The provider an app falls back to after the error ("gemini-2.0-flash quota exceeded — falling back to
        # OpenAI gpt-4o-mini"): where the next call goes, not whose error this is.
        return False
    if name == "foreign:model" and "-maas" in low and _MAAS_ID.search(low):
        # Another maker's model as Vertex AI serves it ("meta/llama-4-maverick-17b-128e-instruct-maas"): a paste
        # about an id of Vertex's Model-as-a-Service, so its errors are Google's serving.
        return False
    if (
        name == "foreign:anthropic"
        and (_DISPLAYED_CLAUDE.fullmatch(match.group(0)) or match.group(0) == "claude")
        and _SERVED_BY_GOOGLE.search(low)
    ):
        # Claude by its display name ("Claude 4.5 via VertexAI"), or by name alone, where Vertex AI or Antigravity
        # serves it: the error is of Google's serving (a Claude id or Anthropic's own API or envelope still names
        # Anthropic).
        return False
    return not (
        client_of_gemini
        and name == "foreign:openai"
        and _OPENAI_CLIENT.match(low, max(0, match.start() - 7)) is not None
    )


_SERVED_BY_GOOGLE = _Re(SERVED_BY_GOOGLE)
#: A model id with Vertex AI's Model-as-a-Service suffix ("llama-4-maverick-17b-128e-instruct-maas").
_MAAS_ID = _Re(r"[a-z0-9]-maas\b")
_DISPLAYED_CLAUDE = _Re(DISPLAYED_CLAUDE)


#: OpenAI's SDK as a client, read from just before the word ``openai`` (lower-case text).
_OPENAI_CLIENT = _Re(
    r".{0,7}?(?:\b(?:at|from|import|new)\s+openai\b"
    r"|openai\.(?:makestatuserror|makerequest|_make_status_error|_request|request|openai|asyncopenai"
    r"|(?:ratelimit|badrequest|api|apistatus|apiconnection|apitimeout|internalserver|authentication|notfound"
    r"|permissiondenied|unprocessableentity|conflict)error)\b"
    r"|openai-(?:node|python)\b|openai\s+(?:sdk|library|package)\b)",
    re.DOTALL,
)


#: A clause that says something works ("works fine", "no problems", "without any issues") …
_WORKS = _Re(
    r"\b(?:works?|working|worked)\b|\bno\s+(?:problems?|issues?)\b"
    r"|\bwithout\s+(?:any\s+)?(?:issues?|problems?|errors?)\b|\bhas(?:n't|\s+not)\s+given\s+me\s+any\s+problems?"
    # (… and in Chinese and Japanese: "使用deepseekAPI可用" — it works with DeepSeek's API —, "正常", "没问题".)
    r"|可用|能用|正常|没问题|沒問題|没有问题|沒有問題|問題なく|動作する"
)
#: … unless it says it does not, or that something fails ("doesn't work", "stopped working", "can't use
#: deepseek while other models are working").
_NOT_WORKS = _Re(
    r"(?:\bnot|n't|\bnever|\bstopped|\bno\s+longer)\s+(?:\w+\s+)?(?:works?|working|worked)\b"
    r"|\bcan'?t\b|\bcannot\b|\bunable\b|\bfail(?:s|ed|ing|ure)?\b|\berrors?\b|\blimit"
    r"|不可用|不能用|无法|無法|不正常|失败|失敗|报错|報錯|错误|錯誤|エラー|できない|使えない"
)


def _said_to_work(low: str, match: re.Match[str]) -> bool:
    """Whether the sentence says that what ``match`` names works: "the OpenAI node, which hasn't given me any
    problems", "OpenAI works fine", "works fine with Anthropic" (and not "can't use DeepSeek while other
    models work", "OpenAI: invalid key (Gemini works fine)")."""
    ends = (".", "\n", "。")
    stops = [i for i in (low.find(end, match.end()) for end in ends) if i != -1]
    # (A comma after a Chinese character — a full-width one, normalized — or a full-width semicolon ends a Chinese
    # clause: in "硅基流动余额充足，…，其它模型能正常使用" the models that work are other ones, not the provider named.)
    clause = _CJK_CLAUSE_END.search(low, match.end())
    if clause is not None:
        stops.append(clause.start())
    stop = min([*stops, match.end() + 100])
    begin = max(*(low.rfind(end, 0, match.start()) for end in ends), match.start() - 60) + 1
    if _NOT_WORKS.search(low, begin, stop) is not None:
        return False
    after = low[match.end() : stop]
    said = _WORKS.search(after)
    if said is not None and "gemini" not in after[: said.start()] and "google" not in after[: said.start()]:
        return True
    return _WORKS_WITH.search(low, begin, match.start()) is not None


#: The end of a Chinese clause: a comma right after a CJK character, or a full-width comma or semicolon.
_CJK_CLAUSE_END = _Re(r"(?<=[\u2e80-\u9fff]),|[，；]")


#: "falling back to X", "fallback to X", "switching to X", "failing over to X": the name right after.
#: (… with up to two words between: "falling back to OpenAI gpt-4o-mini".)
_FALLBACK_TO = _Re(
    r"\b(?:fall(?:ing)?\s+back|fallback|switch(?:ing|ed)?|fail(?:ing|ed)?\s+over)\s+to\s+(?:the\s+)?(?:[\w.\-]{1,30}\s+){0,2}\Z"
)


#: "works fine with X", "working well on X": the works word right before the name.
#: (… and "works as expected with OpenAI GPT-5 via OpenRouter": the route after the model counts too.)
_WORKS_WITH = _Re(
    r"\b(?:works?|working|worked)(?:\s+(?:fine|well|great|perfectly|ok|okay|correctly|properly|as\s+expected))?"
    r"\s+(?:with|on|using|via)\s+(?:[^.,;:\n]{1,40}?\s(?:via|through|on|using)\s+)?(?:the\s+)?\Z"
)


def _global_hints(text: str, *, precision: bool = True) -> set[str]:
    """Paste-wide hints: wrappers and backends; with ``precision``, also Google's SDKs and model ids
    and (only when nothing in the paste is Google's) the other providers and services it names."""
    low = text.lower()
    if not precision:
        return _hints_of(low, "backend")
    hints = _hints_of(low, "own")
    # (A Gemini model id or "Gemini API" in prose alone does not rule another provider out: OpenRouter and
    # gateways serve them, and apps that offer several providers name them all.)
    # (Nor does gemini-cli's "[API Error: …]" wrapper or its fallback notice alone: its forks — Qwen Code,
    # LLxprt — print them around their own providers' errors.)
    # (… nor Code Assist or Antigravity named in prose: the relays for them name them all along.)
    strong = hints & GOOGLE_HINTS - {"google_model", "gemini_api", "gemini_cli", "oauth_fallback"}
    if strong == {"ca_words"} and "cloudcode" not in low:
        strong = set()
    if not strong:
        # (A coding agent's commit trailer, "Co-Authored-By: Claude <noreply@anthropic.com>", "🤖 Generated with
        # [Claude Code](…)", names the tool that wrote the commit, not the provider of the error it tells.)
        hints |= _hints_of(
            _AGENT_TRAILER.sub(" ", low) if "co-authored-by" in low or "generated with" in low else low,
            "foreign",
        )
    elif any(key in low for key in _GRPC_SIZE[1]) and _GRPC_SIZE[2].search(low):
        # gRPC's own size limit is the channel's, whoever's SDK holds it.
        hints.add(_GRPC_SIZE[0])
    return hints


#: A coding agent's commit trailer (lower-case text): a co-author line, or Claude Code's / Codex's "Generated with" line.
_AGENT_TRAILER = _Re(
    r"(?m)^[ \t]*(?:co-authored-by:[^\n]*|\W{0,3}\s*generated\s+with\s+\[?(?:claude\s+code|codex|cursor)[^\n]*)$"
)


#: The hint of gRPC's own message-size limit (name, keys, pattern), looked for in every paste.
_GRPC_SIZE = next(spec for spec in _FOREIGN_SPECS if spec[0] == "foreign:grpc-size")
