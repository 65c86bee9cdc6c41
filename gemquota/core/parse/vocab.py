"""The vocabulary of Google errors as data: statuses, codes, reasons, wordings, exception names,
hosts and paste-wide hints. One place to add a message or a reason."""

from __future__ import annotations

import re
from collections.abc import Iterable

from gemquota.core.lazyre import LazyRe as _Re

CANONICAL_STATUSES = frozenset(
    {
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED",
    }
)
STATUS_OF_CODE: dict[int, str] = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    499: "CANCELLED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
#: Live API WebSocket close codes and the HTTP code each stands for when nothing else is said.
WS_CLOSE_CODES: dict[str, int] = {"1011": 500, "1008": 404, "1007": 400}
CODE_OF_STATUS: dict[str, int] = {
    "INVALID_ARGUMENT": 400,
    "FAILED_PRECONDITION": 400,
    "OUT_OF_RANGE": 400,
    "UNAUTHENTICATED": 401,
    "PERMISSION_DENIED": 403,
    "NOT_FOUND": 404,
    "ALREADY_EXISTS": 409,
    "ABORTED": 409,
    "RESOURCE_EXHAUSTED": 429,
    "CANCELLED": 499,
    "INTERNAL": 500,
    "UNKNOWN": 500,
    "DATA_LOSS": 500,
    "UNIMPLEMENTED": 501,
    "UNAVAILABLE": 503,
    "DEADLINE_EXCEEDED": 504,
}
GRPC_STATUS: dict[int, str] = {
    1: "CANCELLED",
    2: "UNKNOWN",
    3: "INVALID_ARGUMENT",
    4: "DEADLINE_EXCEEDED",
    5: "NOT_FOUND",
    6: "ALREADY_EXISTS",
    7: "PERMISSION_DENIED",
    8: "RESOURCE_EXHAUSTED",
    9: "FAILED_PRECONDITION",
    10: "ABORTED",
    11: "OUT_OF_RANGE",
    12: "UNIMPLEMENTED",
    13: "INTERNAL",
    14: "UNAVAILABLE",
    15: "DATA_LOSS",
    16: "UNAUTHENTICATED",
}
REASON_PHRASES: dict[str, int] = {
    "too many requests": 429,
    "service unavailable": 503,
    "internal server error": 500,
    "bad request": 400,
    "forbidden": 403,
    "not found": 404,
    "unauthorized": 401,
    "gateway timeout": 504,
    "payment required": 402,
    "bad gateway": 502,
    "not implemented": 501,
    "request timeout": 408,
    "request time-out": 408,
    "conflict": 409,
}
#: The codes read at the head of a line before a sentence (google-api-core's "429 Quota exceeded …").
LINE_HEAD_CODES: tuple[int, ...] = (400, 401, 403, 404, 408, 409, 429, 499, 500, 502, 503, 504)
#: .NET ``System.Net.HttpStatusCode`` names (``HttpStatusCode is TooManyRequests``) and their codes.
DOTNET_STATUS_CODES: dict[str, int] = {
    "toomanyrequests": 429,
    "serviceunavailable": 503,
    "internalservererror": 500,
    "badrequest": 400,
    "forbidden": 403,
    "notfound": 404,
    "unauthorized": 401,
    "gatewaytimeout": 504,
    "paymentrequired": 402,
    "badgateway": 502,
    "requesttimeout": 408,
    "notimplemented": 501,
}
EXCEPTION_STATUS: dict[str, str] = {
    "ResourceExhausted": "RESOURCE_EXHAUSTED",
    "TooManyRequests": "RESOURCE_EXHAUSTED",
    "RateLimit": "RESOURCE_EXHAUSTED",
    "FailedPrecondition": "FAILED_PRECONDITION",
    "PermissionDenied": "PERMISSION_DENIED",
    "Forbidden": "PERMISSION_DENIED",
    "InternalServerError": "INTERNAL",
    "ServiceUnavailable": "UNAVAILABLE",
    "DeadlineExceeded": "DEADLINE_EXCEEDED",
    "GatewayTimeout": "DEADLINE_EXCEEDED",
    "NotFound": "NOT_FOUND",
    "InvalidArgument": "INVALID_ARGUMENT",
    "BadRequest": "INVALID_ARGUMENT",
    "Unauthenticated": "UNAUTHENTICATED",
    "Unauthorized": "UNAUTHENTICATED",
}


#: Error codes given as words (the Interactions API: ``{"code": "invalid_request", ...}``) and the
#: canonical status each stands for. Canonical names (``"not_found"``) are read as they are.
STRING_CODE_STATUS: dict[str, str] = {
    "invalid_request": "INVALID_ARGUMENT",
    "invalid_request_error": "INVALID_ARGUMENT",
    "bad_request": "INVALID_ARGUMENT",
    "invalid_argument": "INVALID_ARGUMENT",
    "model_not_found": "NOT_FOUND",
    "forbidden": "PERMISSION_DENIED",
    "unauthorized": "UNAUTHENTICATED",
    "invalid_api_key": "UNAUTHENTICATED",
    "rate_limit_exceeded": "RESOURCE_EXHAUSTED",
    "rate_limited": "RESOURCE_EXHAUSTED",
    "too_many_requests": "RESOURCE_EXHAUSTED",
    "quota_exceeded": "RESOURCE_EXHAUSTED",
    "internal_error": "INTERNAL",
    "server_error": "INTERNAL",
    "service_unavailable": "UNAVAILABLE",
    "overloaded": "UNAVAILABLE",
    "timeout": "DEADLINE_EXCEEDED",
    # The Interactions API's codes (ai.google.dev api-errors, 2026) that are not canonical names.
    "authentication": "UNAUTHENTICATED",
    "payment_required": "RESOURCE_EXHAUSTED",
    "parameter_unknown": "INVALID_ARGUMENT",
    "api_error": "INTERNAL",
}
#: Code Assist's per-user, per-model request quota metric ("Gemini 2.5 Pro Requests", whose limit is
#: "… per day per user per tier"): a Gemini display name followed by "Requests", nothing else.
CODE_ASSIST_METRIC = r"Gemini\s+\d[\w.\-]*(?:\s+[A-Za-z][\w.\-]*){1,3}\s+Requests"

#: The Interactions API's own word codes (ai.google.dev api-errors, 2026). The other word codes above are
#: other APIs' vocabulary (OpenAI's ``invalid_request_error``, ``invalid_api_key`` …): read, but by
#: themselves no sign that an error is Google's (SPEC §1.1).
GOOGLE_WORD_CODES = frozenset(
    {
        "invalid_request",
        "failed_precondition",
        "out_of_range",
        "parameter_unknown",
        "authentication",
        "payment_required",
        "permission_denied",
        "not_found",
        "model_not_found",
        "already_exists",
        "aborted",
        "rate_limit_exceeded",
        "quota_exceeded",
        "too_many_requests",
        "cancelled",
        "api_error",
        "unimplemented",
        "service_unavailable",
        "deadline_exceeded",
        "invalid_argument",
        "resource_exhausted",
        "unauthenticated",
        "internal",
        "unavailable",
    }
)
#: Keys of the OpenAI-compatible error object (``{"message", "type", "param", "code"}``), which Google's
#: error objects (REST and Interactions) never carry: its word ``code`` (``invalid_request_error``) is
#: that provider's, not an Interactions API code.
OPENAI_ERROR_KEYS = frozenset({"param", "type"})
#: The HTTP code of the Interactions API's word codes (its error table), when it is not the status's.
STRING_CODE_HTTP: dict[str, int] = {
    "payment_required": 402,
    "out_of_range": 400,
    "parameter_unknown": 400,
    "cancelled": 499,
    "unimplemented": 501,
    "already_exists": 409,
    "aborted": 409,
}


_S = r"\s+"
_STATUS_ALT = "|".join(sorted(CANONICAL_STATUSES - {"OK", "UNKNOWN"}, key=len, reverse=True))

#: The verbs of a model said gone ("has been removed", "was retired", "is shut down" …).
_GONE_VERBS = ("removed", "retired", r"shut\s*down", "discontinued", "decommissioned")


def _said_gone(families: str) -> str:
    """A model id of ``families`` said gone ("gemini-2.0-flash-exp model has been removed"): one alternative per
    verb, so that the verb is a piece every match needs and the pattern runs only on texts that hold one."""
    lead = rf"(?:{families})-[\w.\-]{{2,80}}\s+(?:model\s+)?(?:has\s+been|have\s+been|was|were|is)\s+"
    return "|".join(lead + verb + r"\b" for verb in _GONE_VERBS)


#: Code Assist's capacity sentence goes on with the model it names ("No capacity available for model X").
_FOR_A_MODEL = r"\s+for\s+(?:this\s+)?(?:model|(?:models/)?(?:gemini|gemma|imagen|veo|claude)-)"

#: Message wordings: (signal id, error family, implied canonical status or None).
_ANCHORS: list[tuple[str, str, str | None, str]] = [
    # (Not gRPC's own description of the status, "Some resource has been exhausted, perhaps a per-user quota…",
    # which other servers built on gRPC put in their errors: xAI's {"code": "Some resource has been exhausted"}.)
    ("bare429", "quota", "RESOURCE_EXHAUSTED", r"(?<!some\s)Resource\s+has\s+been\s+exhausted"),
    # Google's anti-abuse page ("We're sorry... but your computer or network may be sending automated queries"),
    # which Google's front end serves with a 429 to API and sign-in calls from a flagged network too (a search
    # URL beside it, google.com/search?…, is Google Search's block: see "foreign:google-search").
    (
        "google_sorry",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"computer\s+or\s+network\s+may\s+be\s+sending\s+automated\s+queries",
    ),
    # Vertex AI's training and prediction quotas ("The following quota metrics exceed quota limits:
    # aiplatform.googleapis.com/custom_model_training_nvidia_k80_gpus").
    (
        "quota_metrics_exceed",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"following\s+quota\s+metrics\s+exceed\s+quota\s+limits"
        # … and Vertex AI Agent Engine's deployment quota ({"message": "The following quotas are exceeded",
        # "code": 8}).
        r"|The\s+following\s+quotas\s+are\s+exceeded",
    ),
    ("newquota", "quota", "RESOURCE_EXHAUSTED", r"You\s+exceeded\s+your\s+current\s+quota"),
    # BigQuery ML's row status when the remote model's quota ran out ("A retryable error occurred: RESOURCE
    # EXHAUSTED error from <remote endpoint>").
    (
        "bqml_exhausted",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"retryable\s+error\s+occurred:\s+RESOURCE\s+EXHAUSTED\s+error\s+from",
    ),
    # … and its tail in Google's words ("For more information on this error, head to: https://ai.google.dev/…";
    # OpenAI's same sentence ends "read the docs"), also when a Live close's 123 bytes cut it ("head to: h").
    ("newquota_google", "quota", "RESOURCE_EXHAUSTED", r"on\s+this\s+error,\s+head\s+to:"),
    # (Also the form that names the limit and the service only: "Quota exceeded for 'GenerateContent request
    # limit per minute for a region' of service 'generativelanguage.googleapis.com'".)
    (
        "oldquota",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"Quota\s+exceeded\s+for\s+quota\s+metric"
        r"|Quota\s+exceeded\s+for\s+['\"][^'\"\n]{3,200}['\"]\s+of\s+service\s+['\"][\w.\-]{2,80}\.googleapis\.com",
    ),
    ("vertexquota", "quota", "RESOURCE_EXHAUSTED", r"Quota\s+exceeded\s+for\s+aiplatform\.googleapis\.com/"),
    # A Gemini API quota by its Cloud console name ("GenerateContent input token count limit per model per
    # minute", "GenerateContent request limit per minute for a region").
    (
        "quota_console_name",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"GenerateContent\s+(?:input\s+token\s+count|request|paid\s+tier\s+\w+)\s+limit\s+per\s+",
    ),
    ("no_free_tier", "quota", "RESOURCE_EXHAUSTED", r"doesn'?t\s+have\s+a\s+free\s+quota\s+tier"),
    ("try_later", "quota", "RESOURCE_EXHAUSTED", r"Resource\s+exhausted\.?\s+Please\s+try\s+again\s+later"),
    ("error_code_429", "quota", None, r"docs/error-code-429"),
    # (… and "[ERROR] Model over capacity. Please try again later." as gemini-cli users quote it.)
    (
        "out_of_capacity",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"temporarily\s+out\s+of\s+capacity|\bmodel\s+(?:is\s+)?over\s+capacity\b",
    ),
    # Code Assist's per-user window ("You have exhausted your capacity on this model."), also shortened
    # by apps and tests ("you have exhausted your capacity limit").
    ("ca_capacity", "quota", "RESOURCE_EXHAUSTED", r"exhausted\s+your\s+capacity"),
    # Vertex's whole shared-capacity sentence (the short "temporarily out of capacity" is generic).
    (
        "vertex_capacity",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"Unable\s+to\s+submit\s+request\s+because\s+the\s+service\s+is\s+temporarily\s+out\s+of\s+capacity"
        # Firebase AI Logic's 429 of Vertex's dynamic shared quota ("Vertex AI is overloaded. Please try again
        # later.").
        r"|Vertex\s+AI\s+is\s+overloaded",
    ),
    # The Gemini API's quota metrics by their bare names, without their host ("429 Quota Exceeded:
    # generate_content_free_tier_requests, limit: 0"): Google's own identifiers.
    (
        "metric_name",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"\bgenerate_content_(?:free|paid)_tier(?:_\d)?_(?:requests|input_token_count)\b"
        r"|\bgenerate_requests_per_model(?:_per_day)?\b",
    ),
    # The Gemini API's quota bullet head, also when its metric was elided or the "* " lost.
    ("metric_quota", "quota", "RESOURCE_EXHAUSTED", r"Quota\s+exceeded\s+for\s+metric:"),
    ("no_capacity", "quota", "RESOURCE_EXHAUSTED", rf"No\s+capacity\s+available{_FOR_A_MODEL}"),
    # … cut to its first words by a client ("Gemini API error (429 Too Many Requests): No capacity available"):
    # generic words, Google's only beside a Google signal.
    ("capacity_words", "quota", "RESOURCE_EXHAUSTED", rf"No\s+capacity\s+available(?!{_FOR_A_MODEL})"),
    # Code Assist's "Individual quota reached", and Antigravity's per-model allowance ("Model quota limit
    # exceeded. You have reached the quota limit for this model. You can resume using this model at …").
    (
        "individual_quota",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"Individual\s+quota\s+reached|reached\s+the\s+quota\s+limit\s+for\s+this\s+model",
    ),
    # Antigravity's plan notice: "Your plan's baseline quota will refresh on <date>. To continue using this
    # model now, enable AI Credit overages." (a per-user plan allowance, until the stated date).
    (
        "plan_baseline",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"baseline\s+quota\s+will\s+(?:refresh|reset)|enable\s+AI\s+Credits?\s+overages"
        # (Antigravity's shorter notice of the same, 2026: "Baseline model quota reached".)
        r"|Baseline\s+model\s+quota\s+reached",
    ),
    # Antigravity / cloudcode-pa busy notice (reference gemini-2026.md §6, cockpit-tools#453).
    (
        "ca_busy",
        "quota",
        "UNAVAILABLE",
        r"Our\s+servers\s+are\s+experiencing\s+high\s+traffic\s+right\s+now",
    ),
    # Google Flow's (Veo) own notice: "Flow is currently experiencing high demand affecting video generation".
    (
        "flow_busy",
        "quota",
        "UNAVAILABLE",
        r"Flow\s+is\s+currently\s+experiencing\s+high\s+demand",
    ),
    # The Antigravity desktop/CLI wrapper of a capacity or 429 failure: generic words, a Google error
    # only beside a Google signal (GENERIC_ANCHORS).
    (
        "agent_terminated",
        "quota",
        None,
        r"Agent\s+(?:execution\s+)?terminated\s+due\s+to\s+(?:an\s+)?error",
    ),
    (
        "plan_daily",
        "quota",
        "RESOURCE_EXHAUSTED",
        # (… also naming the model: "You have exhausted your daily quota on gemini-3-flash".)
        r"exhausted\s+your\s+daily\s+quota\s+on\s+(?:this\s+model|(?:gemini|gemma|claude|gpt-oss)-[\w.\-]{1,80})",
    ),
    # The Interactions API's message (its only carrier of limit, window, tier and reset).
    ("rate_model", "quota", "RESOURCE_EXHAUSTED", r"Rate\s+limit\s+exceeded\s+for\s+model"),
    (
        "ca_limit",
        "quota",
        "RESOURCE_EXHAUSTED",
        # (… also when a terminal cut the line inside its last word: "daily gemini-2.5-pro quota lit".)
        # (… and gemini-cli's notice without the model: "⚡ You have reached your daily quota limit.")
        r"reached\s+your\s+daily\s+(?:[\w.\-]{2,80}\s+)?quota\s+limit|reached\s+your\s+daily\s+(?:gemini|gemma)-[\w.\-]{2,80}\s+quota\b"
        r"|Usage\s+limit\s+reached\s+for\s+(?:gemini-|all\s+\w{2,20}\s+models)"
        r"|hit\s+your\s+daily\s+limit\s+of\s+requests\s+with\s+Gemini\s+\d"
        # gemini-cli's dialog when the Pro allowance is spent ("Pro quota limit reached for gemini-2.5-pro.").
        r"|Pro\s+quota\s+limit\s+reached\s+for\s+(?:gemini-|this\s+model)",
    ),
    ("migrate", "quota", None, r"Please\s+migrate\s+to\s+Gemini"),
    # gemini-cli's notice when a model is rate limited ("⚡ Rate limiting detected. Automatically
    # switching from gemini-2.5-pro to gemini-2.5-flash …"), and its earlier wording of the same fallback after
    # 429s ("⚡ Slow response times detected. Automatically switching from …").
    (
        "cli_rate_limited",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"(?:Rate\s+limiting|Slow\s+response\s+times)\s+detected\.?\s+Automatically\s+switching\s+from",
    ),
    (
        "prepay",
        "billing",
        None,
        r"prepayment\s+(?:credits|funds)\s+are\s+depleted|credits\s+are\s+depleted|credit\s+balance\s+is\s+depleted",
    ),
    (
        "spend_cap",
        "billing",
        None,
        r"monthly\s+spending\s+cap|spend(?:ing)?\s+cap\s+(?:has\s+been\s+)?(?:reached|exceeded)"
        r"|exceeded\s+(?:its|your)\s+(?:monthly\s+)?spend"
        # Google's e-mail when a project's spend cap stopped it ("Your Gemini API services paused due to spend
        # caps").
        r"|paused\s+due\s+to\s+(?:project\s+)?spend(?:ing)?\s+caps?",
    ),
    # "Monthly spend limit reached": every metered API says it (Anthropic, OpenAI, coding tools), so a
    # Google signal must stand beside it (GENERIC_ANCHORS).
    (
        "spend_limit_words",
        "billing",
        None,
        r"spend(?:ing)?\s+limit\s+(?:has\s+been\s+)?(?:reached|exceeded)",
    ),
    # Google's own 503 sentence (a Google wording, unlike the bare "model is overloaded").
    (
        "overloaded_google",
        "unavail",
        "UNAVAILABLE",
        r"model\s+is\s+overloaded\.\s+Please\s+try\s+again\s+later",
    ),
    (
        "overloaded",
        "unavail",
        "UNAVAILABLE",
        r"model\s+is\s+overloaded|service\s+is\s+currently\s+unavailable",
    ),
    # The Gemini API's 503 message since 2026 (Google's own words, unlike "overloaded"): "This model is
    # currently experiencing high demand. Spikes in demand are usually temporary. Please try again later."
    (
        "high_demand",
        "unavail",
        "UNAVAILABLE",
        r"spikes\s+in\s+demand\s+are\s+usually\s+temporary|(?:this\s+)?model\s+is\s+currently\s+experiencing\s+high\s+demand",
    ),
    # The same words after their code, without "model is" ("503 … currently experiencing high demand"): others
    # say them too, so a Google signal must stand beside them (GENERIC_ANCHORS).
    (
        "high_demand_words",
        "unavail",
        "UNAVAILABLE",
        r"503[^\n\w]{0,6}currently\s+experiencing\s+high\s+demand"
        # (… and the message retold without "currently": "This model is experiencing high demand".)
        r"|model\s+is\s+experiencing\s+high\s+demand",
    ),
    # AI Studio's own notice of a 429 ("You've reached your rate limit. Please try again later."): other
    # products say it too, so a Google signal must stand beside it (GENERIC_ANCHORS).
    (
        "rate_limit_reached",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"You(?:'|’)?ve\s+reached\s+your\s+rate\s+limit",
    ),
    # gemini-cli's own dialog over a 503 / capacity error ("We are currently experiencing high demand. We
    # apologize and appreciate your patience."): other tools say "high demand" too, so a Google signal
    # must stand beside it (GENERIC_ANCHORS).
    (
        "cli_high_demand",
        "unavail",
        "UNAVAILABLE",
        r"currently\s+experiencing\s+high\s+demand\.\s+We\s+apologi[sz]e\s+and\s+appreciate\s+your\s+patience",
    ),
    # … the same dialog with gemini-cli's own hint to its /model command: gemini-cli's whole.
    (
        "cli_high_demand_model",
        "unavail",
        "UNAVAILABLE",
        r"appreciate\s+your\s+patience\.?\s+/model\s+to\s+switch\s+models",
    ),
    # The Live API's reason of its 1011 close ("received 1011 (internal error) Internal error occurred."): the
    # close code with Google's words (a close code alone is any WebSocket server's).
    ("live_internal", "internal", "INTERNAL", r"1011\b[^\n]{0,40}?Internal\s+error\s+occurred"),
    # The Gemini API's own 500 message ("An internal error has occurred. Please retry or report in
    # https://developers.generativeai.google/guide/troubleshooting"): Google's words, unlike its first clause.
    (
        "internal_google",
        "internal",
        "INTERNAL",
        r"An\s+internal\s+error\s+has\s+occurred\.?\s+Please\s+retry\b",
    ),
    (
        "internal",
        "internal",
        "INTERNAL",
        r"An\s+internal\s+error\s+has\s+occurred|Internal\s+error\s+encountered",
    ),
    ("deadline", "deadline", "DEADLINE_EXCEEDED", r"Deadline\s+(?:exceeded|expired)"),
    # google-api-core's RetryError when its deadline ran out ("RetryError: Timeout of 60.0s exceeded while
    # calling target function, last exception: …"): Google's SDK's own words.
    (
        "retry_timeout",
        "deadline",
        "DEADLINE_EXCEEDED",
        r"Timeout\s+of\s+\d+(?:\.\d+)?s\s+exceeded\s+while\s+calling\s+target\s+function",
    ),
    # Google's front end's 400 for a request field it cannot read ("Invalid resource field value in the
    # request.").
    (
        "invalid_field",
        "badreq",
        "INVALID_ARGUMENT",
        r"Invalid\s+resource\s+field\s+value\s+in\s+the\s+request",
    ),
    # Google's message for a request its backend's preconditions refuse ("Precondition check failed.", a
    # FAILED_PRECONDITION of cloudcode-pa or the Live API): others say it too, so a Google signal must stand
    # beside it (GENERIC_ANCHORS).
    ("precondition_words", "badreq", "FAILED_PRECONDITION", r"Precondition\s+check\s+failed"),
    # The context cache's 400 for content under its minimum ("Cached content is too small.
    # total_token_count=1, min_total_token_count=4096"): Google's own words.
    ("cache_too_small", "badreq", "INVALID_ARGUMENT", r"Cached\s+content\s+is\s+too\s+small"),
    # The client's own time-out on a call to Google ("HTTPSConnectionPool(host='generativelanguage.
    # googleapis.com' …) … Connection to … timed out", "ReadTimeout"): generic words, a Google error only
    # beside a Google signal (GENERIC_ANCHORS) — the call to Google took too long either way.
    (
        "client_timeout",
        "deadline",
        "DEADLINE_EXCEEDED",
        # (… and Go's net/http: "http2: timeout awaiting response headers", "Client.Timeout exceeded".)
        # ("timed out" of a connection or a request, not an app's own "Timed out while running command".)
        # (… and Node's undici: "ConnectTimeoutError: Connect Timeout Error (attempted addresses: …)",
        # "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT".)
        r"(?:Connect|Read)Timeout(?:Error|Exception)?\b|\bConnect\s+Timeout\s+Error\b"
        r"|\bUND_ERR_(?:CONNECT|HEADERS|BODY)_TIMEOUT\b"
        r"|\b(?:connection|connect|request|read|socket|call)(?:\s+to\s+[^\s]{1,120})?(?:\s+has)?\s+timed\s+out\b"
        r"|\btimed\s+out\b(?=[^\n]{0,40}(?:read\s+timeout|connect\s+timeout|timeout=))"
        r"|\btimeout\s+awaiting\s+response\s+headers\b|\bClient\.Timeout\s+exceeded\b"
        # (… and a CLI's wait for the model's answer: the Antigravity CLI's 'error "timeout waiting for response"'.)
        r"|\btimeout\s+waiting\s+for\s+(?:a\s+|the\s+)?response\b",
    ),
    (
        "region",
        "region",
        "FAILED_PRECONDITION",
        r"User\s+location\s+(?:is\s+)?not\s+supported|free\s+tier\s+is\s+not\s+available\s+in\s+your\s+country"
        r"|not\s+currently\s+available\s+in\s+your\s+location"
        r"|location\s+is\s+not\s+supported\s+for\s+Google\s+AI\s+services",
    ),
    # Google's troubleshooting table row as its translated pages give it: the status, then the sentence in the
    # page's language naming the user's country ("400 FAILED_PRECONDITION Gemini API の無料枠は、お住まいの
    # 国ではご利用いただけません", "… 您所在的国家/地区", "… 거주 국가", "… tu país", "… вашей стране").
    (
        "region",
        "region",
        "FAILED_PRECONDITION",
        # (The country, not a region: "… is not available in region us-west1" is a Cloud region's, and the
        # same sentence, not the next one.)
        r"FAILED_PRECONDITION\b[^\n.。]{0,160}?(?:\bcountry\b|国|국가|\bpaís\b|\bpays\b|\bLand\b|стран"
        r"|quốc\s+gia|\bülke|\bnegara\b)"
        # (… and the row as guides retell it, on the lines below: "FAILED_PRECONDITION (400) … What: Free tier not
        # available or billing not enabled".)
        r"|FAILED_PRECONDITION\b[^.。]{0,160}?\bfree\s+tier\s+(?:is\s+)?not\s+available\b",
    ),
    # A library's rewording ("Your location is not supported by google-generativeai at the moment."): generic
    # words, a Google error only beside a Google signal (GENERIC_ANCHORS).
    ("region_words", "region", "FAILED_PRECONDITION", r"(?:your|user)\s+location\s+is\s+not\s+supported\b"),
    # The SDKs' own names of it (Dart's and Swift's "UnsupportedUserLocation"), and the Gemini app's sentence,
    # also as posts in Russian give it ("Gemini пока не поддерживается в вашей стране"). (Anchors of their own:
    # each led by its literal text.)
    ("region", "region", "FAILED_PRECONDITION", r"unsupportedUserLocation\b"),
    (
        "region",
        "region",
        "FAILED_PRECONDITION",
        # (… also of a product it serves: "Gemini in IntelliJ IDEA is currently not available in your country".)
        r"Gemini(?:\s+(?:in|for)(?:\s+[\w\-]+){1,3})?\s+(?:is\s+(?:currently\s+)?not|isn['’]t|пока\s+не|не)\s+"
        r"(?:yet\s+|currently\s+)?"
        r"(?:supported|available|поддерживается|доступен)\s+(?:in\s+your|в\s+вашей)\s+(?:country|region|стране|регионе)",
    ),
    (
        "key_invalid",
        "auth",
        "INVALID_ARGUMENT",
        # (Google's "API key not found. Please pass a valid API key."; the bare "API key not found" is every
        # relay's too, a generic wording below.)
        # (… and "API key expired. Please renew the API key."; the bare "API key expired" is generic too.)
        r"API\s+key\s+not\s+valid|API\s+key\s+not\s+found\.?\s+Please\s+pass|API\s+key\s+expired\.?\s+Please\s+renew",
    ),
    # The same in other words ("API key is invalid."): other providers say it too (Anthropic), so a Google
    # signal must stand beside it (GENERIC_ANCHORS).
    (
        "key_invalid_words",
        "auth",
        "INVALID_ARGUMENT",
        # (Not a relay's check of a key's form, "Invalid API key format": Google's words are "API key not valid".)
        # (… nor its "API key is invalid or missing", which Google never says either.)
        r"API\s+key\s+is\s+invalid(?!\s+or\s+missing)|\binvalid\s+API[\s\-]key\b(?!\s+format)|API\s+key\s+not\s+found"
        r"|API\s+key\s+(?:has\s+)?expired"
        # (The OpenAI-compatible endpoint's "Please pass a valid API key" alone, without "API key not valid.")
        r"|Please\s+pass\s+a\s+valid\s+API\s+key",
    ),
    ("leaked", "auth", "PERMISSION_DENIED", r"reported\s+as\s+leaked"),
    # Google's auth libraries finding no credentials to send (Application Default Credentials), in their own
    # words: google-auth ("Your default credentials were not found", "Could not automatically determine
    # credentials"), google-auth-library for Node ("Could not load the default credentials"), the Vertex AI Node
    # SDK ("[VertexAI.GoogleAuthError]: Unable to authenticate your request"), Go ("google: could not find default
    # credentials") and Java ("The Application Default Credentials are not available").
    (
        "adc_missing",
        "auth",
        None,
        r"Your\s+default\s+credentials\s+were\s+not\s+found|Could\s+not\s+automatically\s+determine\s+credentials"
        r"|Could\s+not\s+load\s+the\s+default\s+credentials|GoogleAuthError\]?:\s*Unable\s+to\s+authenticate\s+your\s+request"
        r"|google:\s+could\s+not\s+find\s+default\s+credentials|Application\s+Default\s+Credentials\s+are\s+not\s+available",
    ),
    (
        "not_used",
        "auth",
        "PERMISSION_DENIED",
        r"has\s+not\s+been\s+used\s+in\s+project|or\s+it\s+is\s+disabled\.\s+Enable\s+it"
        # The Firebase SDKs' rewrite of it: "The Vertex AI in Firebase SDK requires the Vertex AI in Firebase
        # API (`firebasevertexai.googleapis.com`) to be enabled in your Firebase project."
        r"|requires\s+the\s+[^\n()]{2,80}\s+API\s+\(`?[a-z0-9.\-]{2,80}\.googleapis\.com`?\)\s+to\s+be\s+enabled"
        # … and Firebase AI Logic's ("Enable Firebase AI Logic in your Firebase project by visiting …").
        r"|Enable\s+Firebase\s+AI\s+Logic\s+in\s+your\s+Firebase\s+project",
    ),
    ("suspended", "auth", "PERMISSION_DENIED", r"has\s+been\s+suspended"),
    # Google Cloud's reason for suspending a project ("abusive activity consistent with hijacked resources").
    ("hijacked", "auth", "PERMISSION_DENIED", r"consistent\s+with\s+hijacked\s+resources"),
    # Google's CONSUMER_SUSPENDED sentence names the consumer ("Consumer 'api_key:AIza…' has been suspended."):
    # Google's own words, unlike the bare "has been suspended".
    (
        "consumer_suspended",
        "auth",
        "PERMISSION_DENIED",
        r"Consumer\s+['\"]?(?:api_key|project|projects)[:/][^\s'\"]{0,120}['\"]?\s+has\s+been\s+suspended",
    ),
    # Google Cloud's IAM refusal names the project ("Permission denied on resource project my-proj."), which
    # a bare "Permission denied" does not.
    ("resource_denied", "auth", "PERMISSION_DENIED", r"Permission\s+denied\s+on\s+resource\s+project"),
    ("tos", "auth", "PERMISSION_DENIED", r"violation\s+of\s+Terms\s+of"),
    (
        "billing_required",
        "auth",
        None,
        r"requires?\s+billing\s+to\s+be\s+enabled|billing\s+to\s+be\s+enabled|billing\s+account\s+(?:is\s+)?(?:disabled|not\s+(?:enabled|active))",
    ),
    # Google Cloud's whole sentence of BILLING_DISABLED ("This API method requires billing to be enabled. Please
    # enable billing on project #123 by visiting … then retry."): its words, not only the generic half above.
    (
        "billing_enable_project",
        "auth",
        None,
        r"requires\s+billing\s+to\s+be\s+enabled\.\s+Please\s+enable\s+billing\s+on\s+project\b",
    ),
    # Google Cloud's own refusal of a project whose billing account is in arrears ("Lightning dunning decision is
    # deny for project: projects/123"): its words, no other software's.
    ("dunning", "auth", "PERMISSION_DENIED", r"dunning\s+decision\s+is\s+deny"),
    # Google's own default message of PERMISSION_DENIED (Google APIs and Firebase), the sentence whole: its
    # words, not generic (xAI's "… does not have permission to execute the specified operation" goes on).
    (
        "caller_no_permission",
        "auth",
        "PERMISSION_DENIED",
        r"The\s+caller\s+does\s+not\s+have\s+permission(?!\s+to\b)",
    ),
    # Google's refusals of a restricted API key ("Requests from referer <empty> are blocked.", "Requests from this
    # Android client application <empty> are blocked.", "The provided API key has an IP address restriction."):
    # Google's own sentences of API_KEY_*_BLOCKED.
    (
        "key_restricted",
        "auth",
        "PERMISSION_DENIED",
        r"Requests\s+from\s+(?:referer|this\s+(?:Android|iOS)\s+client\s+application)\s+\S{1,300}\s+are\s+blocked"
        r"|The\s+provided\s+API\s+key\s+has\s+an\s+IP\s+address\s+restriction",
    ),
    (
        "perm_denied",
        "auth",
        "PERMISSION_DENIED",
        r"Permission\s+denied|does\s+not\s+have\s+permission|Permission\s+'[\w.]{1,100}'\s+denied|are\s+blocked\.|API_KEY_SERVICE_BLOCKED",
    ),
    (
        "unauth",
        "auth",
        "UNAUTHENTICATED",
        r"invalid\s+authentication\s+credentials",
    ),
    # The 2026 standard-key rejection (also an API key sent as a Bearer token), an API key where OAuth
    # is wanted, and a key sent twice: the credential's kind or the way it is sent is wrong.
    (
        "auth_method",
        "auth",
        "UNAUTHENTICATED",
        r"Expected\s+OAuth\s*2\s+access\s+token|API\s+keys\s+are\s+not\s+supported\s+by\s+this\s+API",
    ),
    # "… received. Please pass only one." (pastes are often cut after "credentials").
    ("auth_twice", "auth", None, r"Multiple\s+authentication\s+credentials"),
    # The OpenAI-compatible endpoint's refusal of a key not sent as 'Authorization: Bearer KEY' ("Missing or
    # invalid Authorization header."): other services say it too, so only beside a Google signal.
    ("auth_header", "auth", None, r"(?:Missing|invalid)\s+Authorization\s+header"),
    # (… and the Firebase SDKs' own check that no key is configured: 'The "apiKey" field is empty in the local
    # Firebase config'.)
    (
        "no_key",
        "auth",
        "PERMISSION_DENIED",
        r"doesn'?t\s+allow\s+unregistered\s+callers"
        r"|[\"']?apiKey[\"']?\s+field\s+is\s+empty\s+in\s+the\s+local\s+Firebase\s+config",
    ),
    ("denied_access", "auth", "PERMISSION_DENIED", r"project\s+has\s+been\s+denied\s+access"),
    # Google Cloud's own refusals around Vertex AI: a service account without the Vertex AI User role
    # (BigQuery ML's remote models: "… does not have the permission to access or use the endpoint. Please grant
    # the Vertex AI user role to the service account"), and local ADC without a quota project ("The
    # aiplatform.googleapis.com API requires a quota project, which is not set by default.").
    (
        "cloud_permission",
        "auth",
        "PERMISSION_DENIED",
        r"does\s+not\s+have\s+the\s+permission\s+to\s+access\s+(?:or\s+use\s+the\s+endpoint|resources\s+used\s+by\s+ML\.)"
        r"|grant\s+the\s+Vertex\s+AI\s+user\s+role|API\s+requires\s+a\s+quota\s+project",
    ),
    # Google's OAuth refusing a stored sign-in that needs a new one (Workspace reauthentication: "invalid_grant",
    # "reauth related error (invalid_rapt)"; google-auth's "Reauthentication is needed").
    (
        "oauth_reauth",
        "auth",
        "UNAUTHENTICATED",
        r"reauth\s+related\s+error|invalid_rapt|Reauthentication\s+is\s+needed",
    ),
    # OAuth 2's refusal of a refresh token or grant (google-auth's "RefreshError: ('invalid_grant: Token has
    # been expired or revoked.')", gaxios' "GaxiosError: invalid_grant"): every OAuth server's word, a Google
    # error only beside a Google signal.
    ("oauth_grant", "auth", "UNAUTHENTICATED", r"\binvalid_grant(?![a-z_])"),
    # … and of the scopes or audience asked for (google-auth's "RefreshError: ('invalid_scope: Invalid OAuth
    # scope or ID token audience provided.'"): the credential is asked for in a way the API refuses.
    # (… and of the client the token was issued to, refused for this grant: Go's 'oauth2: "unauthorized_client"
    # "Unauthorized"' from Antigravity, a token of another OAuth client.)
    ("oauth_scope", "auth", "UNAUTHENTICATED", r"\binvalid_scope(?![a-z_])|\bunauthorized_client(?![a-z_])"),
    # gemini-cli end of service for individuals, Code Assist / Antigravity eligibility.
    (
        "unsupported_client",
        "auth",
        "PERMISSION_DENIED",
        r"no\s+longer\s+supported\s+for\s+Gemini\s+Code\s+Assist|IneligibleTierError"
        # … and gemini-cli's sign-in line of it, cut before the product it names ("Failed to sign in. Message:
        # This client is no longer supporte").
        r"|Failed\s+to\s+sign\s+in\.\s+Message:\s+This\s+client\s+is\s+no\s+longer\s+sup",
    ),
    # A Google client the backend refuses by its version: "This version of Antigravity is no longer
    # supported", "Your current version of Antigravity is out of date" (update the client).
    (
        "client_outdated",
        "auth",
        "PERMISSION_DENIED",
        r"version\s+of\s+(?:Google\s+)?(?:Antigravity|Gemini\s+CLI|Gemini\s+Code\s+Assist)\s+(?:is\s+)?"
        r"(?:no\s+longer\s+supported|not\s+supported|out\s+of\s+date|outdated|too\s+old|deprecated)"
        # A model the client's version may not use: "Gemini 3.1 Pro is not available on this version.
        # Please upgrade to the latest version."
        r"|not\s+available\s+on\s+this\s+version\.?\s+Please\s+(?:upgrade|update)\s+to\s+the\s+latest",
    ),
    (
        "not_eligible",
        "auth",
        "PERMISSION_DENIED",
        # (… also as users retype it, "ineligble".)
        r"(?:not\s+eligible|ineligi?ble)\s+(?:for|to\s+use)\s+(?:Google\s+)?(?:Gemini\s+Code\s+Assist|Gemini\s+CLI|Antigravity)"
        r"|Eligibility\s+check\s+failed"
        # Code Assist's loadCodeAssist answer listing the tiers the account may not use, with the reason
        # ("ineligibleTiers: [{ reasonCode: 'VALIDATION_REQUIRED', … }]").
        r"|ineligibleTiers[\"']?\s*:\s*\[\s*\{[^\]]{0,300}?reasonCode"
        r"|Verify\s+your\s+account\s+to\s+continue|not\s+logged\s+into\s+Antigravity"
        # Cloud Code's "Your current account is not eligible…", gemini-cli's "It seems like you don't have access
        # to Gemini 3." (a preview model the account may not use yet).
        r"|Your\s+current\s+account\s+is\s+not\s+eligible|you\s+don['’]t\s+have\s+access\s+to\s+Gemini\s+\d"
        # A Cloud project set without a seat ("You are currently configured to use a Google Cloud Project but
        # lack a Gemini Code Assist license").
        r"|lack\s+a\s+(?:Gemini\s+Code\s+Assist|Code\s+Assist|Antigravity)\s+license"
        # (… and a seat of an organization's subscription the user lacks: "You must be a named user on your
        # organization's Gemini Code Assist Standard edition subscription to use this service".)
        r"|named\s+user\s+on\s+your\s+organization['’]s\s+(?:Gemini\s+)?Code\s+Assist"
        r"|request\s+an\s+entitlement\s+to\s+(?:Gemini\s+)?Code\s+Assist"
        r"|missing\s+a\s+valid\s+license\s+for\s+(?:Gemini\s+Code\s+Assist|Code\s+Assist|Antigravity)"
        # (… and an organization's policy against its free tier: "You're restricted from using Gemini Code Assist
        # for individuals in your organization.")
        r"|restricted\s+from\s+using\s+(?:Gemini\s+Code\s+Assist|Code\s+Assist|Antigravity|Gemini\s+CLI)",
    ),
    # Google APIs' 403 of a credential without the scope or role ("Insufficient Permission", reason
    # insufficientPermissions): generic words, a Google error only beside a Google signal.
    ("insufficient_permission", "auth", "PERMISSION_DENIED", r"\bInsufficient\s+Permission\b"),
    # Code Assist Enterprise's refusal of a seat ("You do not have a valid license of this product. Please contact
    # your administrator to request a license."): generic words, a Google error only beside a Google signal.
    (
        "license_words",
        "auth",
        "PERMISSION_DENIED",
        r"do\s+not\s+have\s+a\s+valid\s+license\s+(?:of|for)\s+this\s+product",
    ),
    # A system instruction to a model that takes none ("Developer instruction is not enabled for
    # models/gemma-3-27b-it").
    (
        "no_developer_instruction",
        "badreq",
        "INVALID_ARGUMENT",
        r"Developer\s+instruction\s+is\s+not\s+enabled",
    ),
    # A file part of a type the model does not take ("Unsupported MIME type: application/vnd.ms-excel"): other
    # APIs say it too, so a Google signal must stand beside it.
    ("unsupported_mime", "badreq", "INVALID_ARGUMENT", r"Unsupported\s+MIME\s+type:"),
    # The Live API's and TTS's refusal of a voice it does not have ("No matching speaker voice found for name:").
    ("no_voice", "badreq", "INVALID_ARGUMENT", r"No\s+matching\s+speaker\s+voice\s+found"),
    # Vertex AI's 400 while the project's service agent that reads a Cloud Storage file is still being made
    # ("Service agents are being provisioned (…). Service agents are needed to read the Cloud Storage file provided.").
    (
        "service_agents",
        "badreq",
        "FAILED_PRECONDITION",
        r"Service\s+agents\s+are\s+being\s+provisioned|Service\s+agents\s+are\s+needed\s+to\s+read\s+the\s+Cloud\s+Storage",
    ),
    # Google's JSON parser naming a field the request's message does not have (`Unknown name
    # "additionalProperties"`, "Unknown name \"thinking_config\" at 'generation_config'"): other protobuf JSON
    # parsers say it too, so a Google signal must stand beside it.
    (
        "unknown_name",
        "badreq",
        "INVALID_ARGUMENT",
        r"\bUnknown\s+name\s+\\?[\"'`][A-Za-z_][\w.]{0,80}\\?[\"'`]",
    ),
    # gemini-cli's own error class for a model the API does not know (other tools have one of that name too:
    # a Google signal must stand beside it).
    # (Not inside another tool's own class name: opencode's "ProviderModelNotFoundError".)
    ("model_not_found_error", "notfound", "NOT_FOUND", r"(?<![A-Za-z])ModelNotFoundError\b"),
    # A client's own check of the model it is given (the Antigravity CLI's "model X is not recognized as a known
    # model or custom model in settings"): other tools say it too, so only beside a Google signal.
    ("unknown_model_words", "notfound", "NOT_FOUND", r"is\s+not\s+recognized\s+as\s+a\s+known\s+model\b"),
    (
        "not_found",
        "notfound",
        "NOT_FOUND",
        r"models/[\w.\-]{2,80}\s+is\s+not\s+found|(?<![\w/])Model\s+[`'\"]?[\w.\-/]{2,120}[`'\"]?\s+(?:(?:is\s+|was\s+)?not\s+found|does\s+not\s+exist)|Requested\s+entity\s+was\s+not\s+found",
    ),
    # The Gemini API's own sentences of a model it does not serve ("… is not found for API version v1beta, or
    # is not supported for generateContent"): Google's words, not generic like the above.
    (
        "not_found_api",
        "notfound",
        "NOT_FOUND",
        r"(?:is[\s-]+)?not[\s-]+found[\s-]+for[\s-]+API[\s-]+version"
        r"|is\s+not\s+supported\s+for\s+(?:generateContent|streamGenerateContent|countTokens|embedContent|predict)",
    ),
    # Vertex AI's own sentence, with its resource path ("Publisher Model `projects/p/locations/global/
    # publishers/anthropic/models/X` was not found"): Google's words, whoever made the model.
    (
        "vertex_not_found",
        "notfound",
        "NOT_FOUND",
        r"Publisher\s+Model\s+[`'\"]?projects/\S{1,200}\s+(?:was\s+)?not\s+found"
        # (… and the sentence whole with its path elided: "Publisher Model was not found or your project does not
        # have access to it.")
        r"|Publisher\s+Model\s+(?:\S{1,200}\s+)?(?:was\s+)?not\s+found\s+or\s+your\s+project\s+does\s+not\s+have\s+access",
    ),
    # … and its refusal of a model closed to the project (400 FAILED_PRECONDITION), a retired one for new
    # projects or one behind an allowlist: "Project `p` is not allowed to use Publisher Model
    # `projects/…/publishers/google/models/text-bison@002`".
    # Google's own sentence of a resource it does not find, by its resource name ("Resource projects/swift-core-1x
    # could not be found."): a project, not a model (classify reads which).
    (
        "resource_not_found",
        "notfound",
        "NOT_FOUND",
        r"Resource\s+projects/[\w.\-]+\s+could\s+not\s+be\s+found",
    ),
    (
        "publisher_closed",
        "notfound",
        "FAILED_PRECONDITION",
        r"is\s+not\s+allowed\s+to\s+use\s+Publisher\s+Model\b",
    ),
    # … and of a model it does not serve where it was called ("Publisher Model …/publishers/anthropic/models/X is
    # not servable in region global.").
    (
        "publisher_region",
        "notfound",
        "FAILED_PRECONDITION",
        r"Publisher\s+Model\s+\S{1,200}\s+is\s+not\s+servable\s+in\s+region\b",
    ),
    (
        "publisher_not_found",
        "notfound",
        "NOT_FOUND",
        r"Publisher\s+Model\s+\S{1,200}\s+(?:was\s+)?not\s+found",
    ),
    # "No such model" (a relay's or SDK's words for a 404 on a model): generic, a Google error only beside a
    # Google signal such as the model's id (GENERIC_ANCHORS).
    # (… and "No model found called 'gemini-3-pro-preview'", a workflow tool's check of the name.)
    (
        "no_such_model",
        "notfound",
        "NOT_FOUND",
        r"No\s+such\s+model",
    ),
    # (… and an app's or extension's bare "Model not found." for the model it was set to.)
    (
        "no_such_model",
        "notfound",
        "NOT_FOUND",
        r"No\s+model\s+(?:found\s+)?(?:called|named)\s",
    ),
    # (as the message itself: after a colon, comma or quote, or "error (response) of"; not a table's cell)
    # (Led by its literal, what stands before it checked behind once it is found: a leading class would be
    # tried at every position.)
    (
        "no_such_model",
        "notfound",
        "NOT_FOUND",
        r"Model not found\b(?:(?<=[:,\"'“]Model not found)|(?<=[:,\"'“] Model not found)"
        r"|(?<=error Model not found)|(?<= of Model not found))",
    ),
    # Retired models (2026): "This model models/X is no longer available [to new users]. Please update …"
    # (the whole sentence is the Gemini API's own; the short forms come from relays and apps too).
    (
        "retired_sentence",
        "notfound",
        "NOT_FOUND",
        r"no\s+longer\s+available(?:\s+to\s+new\s+users)?\.\s+Please\s+update\s+your\s+code",
    ),
    (
        "retired",
        "notfound",
        "NOT_FOUND",
        r"models/[\w.\-]{2,80}\s+is\s+no\s+longer\s+available"
        r"|no\s+longer\s+available\s+to\s+new\s+users"
        # A model id then the sentence ("Gemini-2.5-Flash-lite model is no longer available …").
        r"|(?:gemini|gemma|imagen|veo)-[\w.\-]{2,80}\s+(?:model\s+)?is\s+no\s+longer\s+available"
        # A display name retired by a Google client ("Gemini 3 Pro is no longer available. Please switch to …").
        r"|Gemini\s+\d(?:\.\d)?(?:\s+[A-Za-z][\w\-]{1,20}){1,3}\s+is\s+no\s+longer\s+available",
    ),
    # Any model said no longer available ("The model `llama3.1-405b` is no longer available on Groq"): every
    # provider says it, so a Google signal must stand beside it (GENERIC_ANCHORS).
    ("retired_words", "notfound", "NOT_FOUND", r"model\s+\S{2,120}\s+is\s+no\s+longer\s+available"),
    (
        "retired_words",
        "notfound",
        "NOT_FOUND",
        # (An open Gemma model, which other providers serve and retire too — "The model gemma-7b-it has been
        # decommissioned and is no longer supported" is Groq's: a Google error only beside a Google signal.)
        _said_gone("gemma"),
    ),
    # A Gemini model said removed, retired or shut down ("The gemini-2.0-flash-exp model has been removed from
    # the Gemini API", "models/gemini-1.5-pro was retired"): one alternative per verb, so that the verb is a
    # piece every match needs and the pattern runs only on texts that hold one.
    (
        "retired",
        "notfound",
        "NOT_FOUND",
        _said_gone("gemini|imagen|veo"),
    ),
    # Google's own sentences of a prompt over the model's window (not generic: other providers word it
    # otherwise): the Gemini API's "The input token count (1234567) exceeds the maximum number of tokens
    # allowed (1048576)." and Vertex's "Unable to submit request because the input token count is N but
    # model only supports up to M".
    (
        "input_token_limit",
        "badreq",
        "INVALID_ARGUMENT",
        # (… also without its last word, as apps and tests abridge it: "Input token count exceeds the maximum number of
        # tokens".)
        r"input\s+token\s+count\s*(?:\(?\d[\d,]*\)?\s*)?exceeds\s+the\s+maximum\s+number\s+of\s+tokens(?:\s+allowed)?"
        r"|input\s+token\s+count\s+is\s+\d[\d,]*\s+but\s+(?:the\s+)?model\s+only\s+supports\s+up\s+to",
    ),
    (
        "too_many_tokens",
        "badreq",
        "INVALID_ARGUMENT",
        r"input\s+token\s+count\s+exceeds|exceeds\s+the\s+maximum\s+number\s+of\s+tokens",
    ),
    (
        "invalid_payload",
        "badreq",
        "INVALID_ARGUMENT",
        r"Invalid\s+JSON\s+payload|Request\s+contains\s+an\s+invalid\s+argument|restricted\s+HarmBlockThreshold|Unable\s+to\s+submit\s+request\s+because\s+(?!the\s+service)"
        # A model called through the wrong method ("Veo must be accessed through the Vertex PredictLongRunning API").
        r"|must\s+be\s+accessed\s+through\s+the\s+(?:Vertex\s+)?PredictLongRunning\s+API"
        # … or Gemini through Vertex's prediction methods ("Gemini cannot be accessed through Vertex
        # Predict/RawPredict API").
        r"|cannot\s+be\s+accessed\s+through\s+(?:the\s+)?Vertex\s+(?:Raw)?Predict"
        # A request body over the front end's size limit ("Request payload size exceeds the limit: 20971520
        # bytes.").
        r"|Request\s+payload\s+size\s+exceeds\s+the\s+limit"
        # A request message that failed validation as a whole ("The GenerateContentRequest proto is invalid:").
        r"|(?:GenerateContent|CountTokens|EmbedContent|BatchEmbedContents)Request\s+proto\s+is\s+invalid"
        # A client deadline under the API's minimum ("Manually set deadline 5s is too short. Minimum allowed
        # deadline is 10s.").
        r"|Minimum\s+allowed\s+deadline\s+is\s+\d"
        # A content's role outside the two Gemini knows ("Please use a valid role: user, model.", also "MODEL, USER"),
        # a conversation that does not end with the user ("Please ensure that multiturn requests ends with a user role
        # or a function response."), and the JS SDK's own checks of the contents ("[GoogleGenerativeAI Error]: Each
        # Content should have at least one part", "First content should be with role 'user', got model").
        r"|Please\s+use\s+a\s+valid\s+role:\s*(?:user,\s*model|model,\s*user)\b"
        r"|multiturn\s+requests?\s+(?:ends?\s+with\s+a\s+user\s+role|alternate\s+between\s+user\s+and\s+model)"
        r"|Each\s+Content\s+should\s+have\s+at\s+least\s+one\s+part"
        r"|First\s+content\s+should\s+be\s+with\s+role\s+'?user'?"
        # Google's front end validating a request message's oneof ("required oneof field 'data' must have one
        # initialized field"), with or without the field path before it.
        r"|required\s+oneof\s+field\s+'?\w{1,40}'?\s+must\s+have\s+one\s+initialized\s+field",
    ),
    # Gemini's own 400 wordings: the tool-call turn order, and a field path of one of its request messages
    # ("* GenerateContentRequest.contents[0].parts[0].data: required oneof field …").
    # Gemini 3's function-calling 400 (MISSING_THOUGHT_SIGNATURE), and the Interactions API's refusal of the
    # pre-May-2026 schema ("The legacy Interactions API schema is no longer supported", "When using the
    # steps-based API version, use step_list input format instead of turn_list").
    (
        "thought_signature",
        "badreq",
        "INVALID_ARGUMENT",
        r"missing\s+a\s+thought_signature|(?:Invalid|Corrupted)\s+thought[_\s]?signature|MISSING_THOUGHT_SIGNATURE",
    ),
    # Gemini 3's refusal of a thinking level the model lacks ("Thinking level MINIMAL is not supported for this
    # model.", Vertex's "Unable to submit request because thinking_level MINIMAL is not supported by this model.",
    # the enum's own name: "THINKING_LEVEL_MINIMAL").
    (
        "thinking_level",
        "badreq",
        "INVALID_ARGUMENT",
        r"thinking[_\s]level\s+[`'\"]?(?:THINKING_LEVEL_)?(?:MINIMAL|LOW|MEDIUM|HIGH)[`'\"]?\s+is\s+not\s+supported",
    ),
    (
        "interactions_schema",
        "badreq",
        "INVALID_ARGUMENT",
        r"legacy\s+Interactions\s+API\s+schema|steps-based\s+API\s+version|use\s+step_list\s+input\s+format"
        # (A model or agent served only there, called through generateContent or the OpenAI-compatible endpoint
        # ("This model only supports Interactions API").)
        r"|only\s+supports\s+(?:the\s+)?Interactions\s+API"
        r"|only\s+(?:available|supported)\s+(?:through|via|in|on|with)\s+the\s+Interactions\s+API",
    ),
    # The Files API's refusal of a file still processing ("The File abc is not in an ACTIVE state and usage
    # is not allowed").
    (
        "file_not_active",
        "badreq",
        "INVALID_ARGUMENT",
        r"is\s+not\s+in\s+an\s+ACTIVE\s+state\s+and\s+usage\s+is\s+not\s+allowed",
    ),
    # The Files API's refusal of a file of another project, or gone ("You do not have permission to access the
    # File abc or it may not exist."); Imagen's person-generation option refused ("You have chosen the 'Allow
    # (All ages)' option for Person Generation, but this option is not available to you."); the Live API's
    # refusal of a non-audio request to an audio model ("Cannot extract voices from a non-audio request.").
    (
        "file_permission",
        "auth",
        "PERMISSION_DENIED",
        r"You\s+do\s+not\s+have\s+permission\s+to\s+access\s+the\s+File\b",
    ),
    (
        "person_generation",
        "badreq",
        "INVALID_ARGUMENT",
        r"option\s+for\s+Person\s+Generation,\s+but\s+this\s+option\s+is\s+not\s+available",
    ),
    (
        "live_non_audio",
        "badreq",
        "INVALID_ARGUMENT",
        r"Cannot\s+extract\s+voices\s+from\s+a\s+non-audio\s+request",
    ),
    # Gemini's refusals of a combination of tools ("Tool use with function calling is unsupported", "Tool use with a
    # response mime type: 'application/json' is unsupported", "Function calling with a response mime type:
    # 'application/json' is unsupported", "Please enable tool_config.
    # include_server_side_tool_invocations to use Built-in tools with Function calling.", "google_search_retrieval is
    # not supported"), Google's field errors
    # of a JSON request ("Invalid value at 'generation_config.response_schema…' (TYPE_STRING)"), Imagen's
    # refusals ("Image generation failed with the following error: The response is blocked, as it may violate
    # our policies", "Imagen API is only accessible to billed users at this time").
    (
        "tool_combination",
        "badreq",
        "INVALID_ARGUMENT",
        r"(?:Tool\s+use|Function\s+calling)\s+with\s+(?:function\s+calling|a\s+response\s+mime\s+type)\b(?:[^\n]|\n(?!\n)){0,60}?\s+is\s+unsupported"
        r"|include_server_side_tool_invocations\s+to\s+use\s+Built-in\s+tools"
        # (… and the retired search tool refused by the models since Gemini 2.0: "google_search_retrieval is not
        # supported. Please use google_search tool instead.", also by its JSON name, googleSearchRetrieval.)
        r"|(?:google_search_retrieval|googleSearchRetrieval)\s+is\s+not\s+supported",
    ),
    (
        "field_value",
        "badreq",
        "INVALID_ARGUMENT",
        r"Invalid\s+value\s+at\s+'(?:request\.)?(?:contents|tools|generation_?config|system_?instruction|tool_?config"
        r"|safety_?settings|cached_?content)\b",
    ),
    (
        "imagen_refusal",
        "badreq",
        "INVALID_ARGUMENT",
        r"Image\s+generation\s+failed\s+with\s+the\s+following\s+error"
        r"|Imagen\s+API\s+is\s+only\s+accessible\s+to\s+billed\s+users"
        # (… and its safety filter's refusal of the prompt: "The prompt could not be submitted. Your current safety
        # filter threshold prohibited one or more words in this prompt.")
        r"|safety\s+filter\s+threshold\s+prohibited\s+one\s+or\s+more\s+words",
    ),
    (
        "turn_order",
        "badreq",
        "INVALID_ARGUMENT",
        r"function\s+(?:call|response)\s+turns?\s+comes?\s+immediately\s+after",
    ),
    (
        "request_field",
        "badreq",
        "INVALID_ARGUMENT",
        r"(?:GenerateContent|StreamGenerateContent|BatchEmbedContents|EmbedContent|CountTokens|CreateCachedContent)"
        # (… also hard-wrapped before a segment: "…function_declarations[N]\n    .parameters.properties[labels].items:".)
        r"Request\.(?:[\w\[\].\"']|\n[ \t]*(?=\.)){1,200}:",
    ),
]
_CODE = r"(?<![\d.])([1-5]\d\d)(?!\d|\.\d)"
#: ``_CODE`` for a pattern that starts with the code: the look-behind moves after the first digit, so
#: the regex engine can skip ahead to candidate characters (a leading look-around disables that).
_CODE_LEAD = r"[1-5](?<![\d.].)\d\d(?![\d.])"


def _lead(word: str) -> str:
    """``\\bword`` for a word starting with a word character, written so that the pattern starts with
    a literal (``w(?<!\\w.)ord``): same matches, but the engine skips to candidate characters."""
    return word[0] + r"(?<!\w.)" + word[1:]


def _lead_alt(words: Iterable[str], *, glued: bool = False) -> str:
    """``_lead`` of each word, the words grouped by first character (``R(?<!\\w.)(?:ATE_…|ESOURCE_…)``):
    the same matches (words keep their order within a group, and words of different groups never
    match at the same position), but each candidate position is tried once per group, not per word.
    ``glued``: a word may touch lower-case letters (a page's inline code that lost its spaces:
    "hit 429 RESOURCE_EXHAUSTEDorMODEL_CAPACITY_EXHAUSTEDin Gemini CLI"), not capitals, digits or "_"."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    before = r"(?<![A-Z0-9_].)" if glued else r"(?<!\w.)"
    return "|".join(
        first + before + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for first, rests in groups.items()
    )


#: The one vocabulary of Google error reasons (ErrorInfo ``reason``, legacy ``errors[].reason``):
#: reason → (error family, the kind it points at, or None when the rest of the error decides).
#: Add a reason here and both passes read it and the classifier knows it.
REASONS: dict[str, tuple[str, str | None]] = {
    "RATE_LIMIT_EXCEEDED": ("quota", None),
    "QUOTA_EXHAUSTED": ("quota", None),
    "MODEL_CAPACITY_EXHAUSTED": ("quota", "capacity"),
    "MODEL_CAPACITY_EXCEEDED": ("quota", "capacity"),
    "RESOURCE_QUOTA_EXCEEDED": ("quota", None),
    "QUOTA_EXCEEDED": ("quota", None),
    "rateLimitExceeded": ("quota", None),
    "userRateLimitExceeded": ("quota", None),
    "dailyLimitExceeded": ("quota", None),
    "INSUFFICIENT_G1_CREDITS_BALANCE": ("billing", "billing-limit"),
    "API_KEY_INVALID": ("auth", "bad-key"),
    "API_KEY_EXPIRED": ("auth", "bad-key"),
    "ACCESS_TOKEN_TYPE_UNSUPPORTED": ("auth", "auth-method"),
    "SERVICE_DISABLED": ("auth", "api-disabled"),
    "accessNotConfigured": ("auth", "api-disabled"),
    "BILLING_DISABLED": ("auth", "billing-disabled"),
    "CONSUMER_SUSPENDED": ("auth", "permission"),
    "CONSUMER_INVALID": ("auth", "permission"),
    "IAM_PERMISSION_DENIED": ("auth", "permission"),
    "USER_PROJECT_DENIED": ("auth", "permission"),
    "ACCESS_TOKEN_SCOPE_INSUFFICIENT": ("auth", "permission"),
    "CREDENTIALS_MISSING": ("auth", "permission"),
    "VALIDATION_REQUIRED": ("auth", "permission"),
    "TOS_VIOLATION": ("auth", "permission"),
    "SECURITY_POLICY_VIOLATED": ("auth", "permission"),  # VPC Service Controls
    "UNSUPPORTED_CLIENT": ("auth", "permission"),
    "MISSING_THOUGHT_SIGNATURE": ("badreq", "bad-request"),
    "RESOURCE_PROJECT_INVALID": ("badreq", "bad-request"),
}
#: Reason shapes beyond the literal words (``API_KEY_SERVICE_BLOCKED``, ``API_KEY_IP_ADDRESS_BLOCKED`` …).
REASON_PATTERNS: tuple[tuple[str, str, str | None], ...] = (
    ("API_KEY_[A-Z_]{2,40}BLOCKED", "auth", "permission"),
)


def reason_entry(reason: str) -> tuple[str, str | None] | None:
    """(family, kind or None) of a Google reason, None when it is not one."""
    entry = REASONS.get(reason)
    if entry is None and reason.startswith("API_KEY_") and reason.endswith("BLOCKED"):
        return REASON_PATTERNS[0][1], REASON_PATTERNS[0][2]
    return entry


_REASON_WORDS = (*REASONS, *(pattern for pattern, _family, _kind in REASON_PATTERNS))
_EXCEPTION_WORDS = (
    "ResourceExhausted",
    "TooManyRequests",
    "RateLimit",
    "FailedPrecondition",
    "PermissionDenied",
    "InternalServerError",
    "ServiceUnavailable",
    # google.api_core's 502 (no gRPC status of its own): "BadGateway: 502 POST https://…: <html>…".
    "BadGateway",
    "DeadlineExceeded",
    "GatewayTimeout",
    "NotFound",
    "InvalidArgument",
    "BadRequest",
    "Unauthenticated",
    "Unauthorized",
    "Forbidden",
)


_REASON_FAMILY: dict[str, str] = {reason: family for reason, (family, _kind) in REASONS.items()}


#: "googleapis.com", also cut at the end of a copied log line ("url='https://generativelanguage.googleapis.co").
_GOOGLEAPIS = r"googleapis(?:\.com|\.co?(?![\w.\-])|(?![\w.\-]))"
#: Alternatives grouped by their first character (in their original order within a group: no two
#: groups can match at the same position), so the engine tests each candidate position once per group.
_HOSTS = _Re(
    rf"generativelanguage\.(?:{_GOOGLEAPIS}|sandbox\.googleapis\.com)"
    r"|staging-generativelanguage\.sandbox\.googleapis\.com"
    rf"|a(?:iplatform\.{_GOOGLEAPIS}|i\.google\.dev|istudio\.google\.com|i\.studio\b|(?<!\w.)i\.dev/)"
    rf"|c(?:loud(?:code-pa\.{_GOOGLEAPIS}|aicompanion\.googleapis\.com|\.google\.com/vertex-ai)"
    r"|onsole\.cloud\.google\.com/vertex-ai)"
    r"|developers\.generativeai\.google"
)
_URL_MODEL = _Re(
    r"(?<![\w\-])models/(?P<m>[A-Za-z0-9][\w.\-]{1,80}):(?:generate|streamGenerate|countTokens|embed|batchEmbed|predict|"
    r"streamRawPredict|rawPredict|serverStreamingPredict)"
)


#: A model on Vertex AI, any publisher's, with its version as written ("chat-bison@001", "text-bison@latest",
#: "claude-opus-4-5@20251101").
VERTEX_MODEL = r"[A-Za-z][\w.\-]{1,80}(?:@[\w.\-]{1,40})?"
#: The Google model-id families a wrapper may name.
MODEL_FAMILY_NAMES = ("gemini", "gemma", "imagen", "veo", "learnlm", "lyria")
_MODEL_FAMILIES = rf"(?:{'|'.join(MODEL_FAMILY_NAMES)})-"
#: A Google model id, not a tool or package of the same family ("gemini-cli", "gemini-api"): the family,
#: then a version digit or a model word.
MODEL_ID = (
    rf"(?:{_MODEL_FAMILIES}(?:\d|pro\b|flash|exp|embedding|ultra|live(?=-\w)|realtime|nano|omni(?=-\w))"
    # (… and Vertex's PaLM models, "code-bison", "chat-bison@001", and its first Imagen ids, "imagegeneration@005".)
    r"|(?:text-?)?embedding-(?:\d|gecko)|(?:text|chat|code|codechat)-(?:bison|unicorn)\b|imagegeneration(?=@)"
    # (… and Vertex's multilingual and multimodal embedding models: "text-multilingual-embedding-002",
    # "multimodalembedding@001", also without its version: no other software's name.)
    r"|text-multilingual-embedding-\d|multimodalembedding\b"
    # (… and the Interactions API's agents: "deep-research-preview-04-2026", "deep-research-pro-preview-12-2025".)
    r"|deep-research-(?:pro-|max-)?preview\b)"
    r"[A-Za-z0-9_.\-]{0,80}"
    r"(?:@[A-Za-z0-9_.\-]{1,40})?"  # (ASCII: an id ends at "的" or "，"; a Vertex version kept: "@001")
)
#: The words every ``MODEL_ID`` holds (its families and the other alternatives' stems): a text with none of them
#: names no Google model (a cheap test before the reader runs).
MODEL_ID_WORDS = (*MODEL_FAMILY_NAMES, "imagegeneration", "embedding", "bison", "unicorn", "deep-research")
#: A wrapper's or app's own field for the model it called (lower-case text): Cline's ``"modelId"``,
#: LiteLLM's ``Received Model Group=gemini/…``, ``model_name: …``. The Google body often names none.
WRAPPER_MODEL_KV = (
    r"model(?:\s*group|id|_id|_name|name)[\"']?\s*[:=]\s*[\"']?(?:[A-Za-z][\w.\-]{0,40}/){0,3}"
    rf"(?P<wrapper_model_k>{MODEL_ID})"
)
#: Prose naming the model the app called: "Querying Gemini AI using gemini-2.0-pro-exp-02-05...",
#: "when attempting to use the `gemini-2.0-flash-exp` model" (``TO_USE_MODEL``, after a word of trying;
#: not the imperative "Use gemini-3.6-flash", which is advice); "I use `ChatGoogleGenerativeAI` with
#: `"gemini-2.0-flash-001"`", "with the `gemini-3.1-pro-preview` model" (not gemini-cli's "Responding with").
PROSE_MODEL = (
    # (… and "when I use X", "I'm using X": the model the post is about.)
    r"(?<![\w\-])(?:using|(?<!responding\s)with|(?<=\b[Ii]\s)use)\s+(?:the\s+)?(?:model\s+)?"
    rf"[`'\"]{{0,2}}(?:models/|gemini/|google/)?(?P<prose_model_v>{_MODEL_FAMILIES}\d[\w.\-]{{1,80}})"
)
#: The same in Chinese, the model then the word for failing: "只有 gemini-3.5-flash调用会报错" ("only calling X
#: fails"), "gemini-2.5-pro 请求报错" (the id's characters ASCII only: a Chinese word follows it unspaced).
PROSE_MODEL_ZH = (
    rf"(?P<prose_model_v>{_MODEL_FAMILIES}\d[A-Za-z0-9_.\-]{{1,80}})\s*(?:调用|請求|请求|調用)?\s*(?:会|會|时|時|就|也|都)?\s*"
    r"(?:报错|報錯|出错|出錯|失败|失敗)"
)
TO_USE_MODEL = (
    r"to\s+use\s+(?:the\s+)?(?:model\s+)?"
    rf"[`'\"]?(?:models/|gemini/|google/)?(?P<to_use_model_v>{_MODEL_FAMILIES}\d[\w.\-]{{1,80}})"
)
#: The words of trying that make "to use X" name the model the app called ("attempting to use …").
TRYING_WORDS = ("try", "tried", "trying", "attempt", "want")
#: Words one of which stands shortly before a body's own "model" key (``quotaDimensions``, ErrorInfo
#: ``metadata``); a "model" key without them is an echoed request or config.
DIMENSION_CONTEXT = ("imensions", "metadata")
#: A log or config line's model field: "**Model Version:** gemini-2.5-pro" (gemini-cli's client
#: information), ``model = "gemini-pro"`` (TOML), "Model: 'gemini-…'" (matched on lower-cased text).
MODEL_FIELD = (
    # (Also a Markdown table's cell "| **Model** | `models/X` |".)
    r"model(?<!, model)(?:\s+version)?\**\s*[:=|]\s*\**\s*[`'\"]?(?:[A-Za-z][\w.\-]{0,40}/){0,3}"
    rf"(?P<model_field_v>{MODEL_ID})"
)
#: The same field under a Chinese label ("使用模型：X"; a pattern of its own, so that the English one
#: stays led by its literal).
MODEL_FIELD_ZH = rf"模型\s*[:：]\s*[`'\"]?(?:models/|gemini/|google/)?(?P<model_field_v>{MODEL_ID})"
#: A table row naming the model (lower-case text): gemini-cli's ``/about`` box ``│ Model   gemini-2.5-pro │``
#: — the label, then a run of spaces or a tab, then the id.
TABLE_MODEL = rf"(?<![\w\-])model(?:[ ]{{2,}}|\t)[ \t]*(?P<table_model_v>{MODEL_ID})"
#: An SDK's model constructor echoed in a traceback or snippet: ``genai.GenerativeModel('gemini-1.5-flash')``,
#: Go's ``client.GenerativeModel("gemini-1.5-pro")``, Java's ``new GenerativeModel("gemini-1.5-flash-001", …)``
#: (matched on lower-cased text).
CONSTRUCTOR_MODEL = (
    r"generativemodel\(\s*(?:model_name\s*=\s*|model\s*:\s*)?[`'\"](?:models/)?"
    rf"(?P<ctor_model_v>{MODEL_ID})"
)
#: OpenRouter's (and OpenAI-compatible gateways') slug for a Google model: "google/gemini-2.0-flash-exp:free".
SLUG_MODEL = rf"google/(?<![\w/.\-@]google/)(?P<slug_model_v>{MODEL_ID})"
#: The model a client switched away from is the one that failed: gemini-cli's "Automatically switching
#: from gemini-2.5-pro to gemini-2.5-flash", "Your configured model (gemini-2.5-pro) was temporarily
#: unavailable" (matched on lower-cased text).
SWITCHED_FROM_MODEL = rf"switching\s+from\s+(?:models/)?(?P<switched_from_v>{MODEL_ID})\s+to\s"
CONFIGURED_MODEL = rf"configured\s+model\s+\((?:models/)?(?P<configured_v>{MODEL_ID})\)"
#: A frame header of a Python traceback (``  File "/app/x.py", line 48, in <module>``): where the error was
#: raised, never what it says. Its code line (the next one, which may name the model called) stays.
PY_FRAME_LINE = r'(?m)^[ \t]*File "[^"\n]{1,1000}", line \d{1,9}(?:, in [^\n]{0,300})?$\n?'
#: A frame header of an IPython / Jupyter traceback ("File /opt/…/client.py:496, in Client._compare(a, b)",
#: "Cell In[12], line 3"), and the lines of its frame: its source, numbered ("    224 if status ==
#: http_client.NOT_FOUND", "--> 217     raise TransportError("), and elisions ("   (...)") — code around the
#: error, not its text.
IPY_FRAME_HEAD = r"^(?:File [^\n]{1,1000}\.py:\d{1,9}, in |Cell In\[\d{1,6}\], line \d)"
IPY_FRAME_LINE = r"^(?:[ \t]{0,12}(?:-+>[ \t]*)?\d{1,6}(?: [^\n]*)?|[ \t]+\(\.\.\.\))$"
#: Prose that states a status code as a kind of error, as forum posts do ("I keep getting the 429 errors",
#: "consistent 503 and 504 errors", "Persistent Status 429s", "severe 429 rate limiting issues", "503 (model
#: overload)"; matched on lower-cased text): a weak code, read only when nothing else in the paste is a
#: Google error, and only where a Google product is named (``PROSE_CODE_CONTEXT``).
PROSE_CODE = (
    r"(?P<prose_code_c>40[0134]|429|499|50[0-4])(?<![A-Za-z0-9_.$/:#\-]\d\d\d)(?:\s*(?:and|or|/|,)\s*[45]\d\d)*"
    r"(?:['’]?s\b|\s+(?:(?:timeout|overload|quota|capacity|deadline|gateway)\s+)?(?:errors?\b|responses?\b)"
    # (… with the error's cause in one word: "429 concurrency errors", "503 availability errors".)
    r"|\s+[a-z][a-z\-]{2,20}\s+errors\b"
    # (… and its cause in brackets or quotes: "503 (model overloaded)", 'Gemini 503 "high demand"'.)
    r"|\s+rate[\s\-]?limit|\s+[(\"'“]?(?:model\s+)?(?:overload|high\s+demand)"
    # … or shown with no body, as an app prints a bare status ("页面始终显示400 no body").
    r"|\s+(?:status\s+code\s+)?\(?no\s+body\b"
    # … or followed by the limit it hit ("429 - limit reached", "429: quota exceeded").
    r"|\s*[-–:]\s*(?:(?:rate|usage|quota)\s+)?limit\s+(?:reached|exceeded|hit)\b|\s*[-–:]\s*quota\s+exceeded\b"
    # … or as the answer of a Gemini API method ("404 on streamGenerateContent", "429s from generateContent").
    r"|s?\s+(?:on|from|for|at)\s+[:/]?(?:stream)?(?:generatecontent|counttokens|embedcontent|batchembedcontents)\b"
    # … or by its status in words ("a 429 ResourceExhausted error", "503 Service Unavailable errors").
    # ("500 (InternalServerError)", "503 (ServiceUnavailable)": the status's name in parentheses, written as one word.)
    r"|\s*[-–:]?\s+\(?(?:resource\s*exhausted|too\s*many\s*requests|internal\s*server\s*error|service\s*unavailable"
    r"|bad\s+request|not\s+found|forbidden|unauthorized|gateway\s+time-?out)(?:\s+errors?)?\b"
    # … and in the words of Japanese, Chinese and Korean posts ("429エラー", "报429配额耗尽", "429 오류").
    r"|\s*(?:서버\s*|サーバー\s*|服务器|伺服器)?(?:エラー|错误|錯誤|报错|報錯|配额|配額|クォータ|오류|에러)"
    # … or as what came back, in Korean and Japanese ("응답으로 503이 오는", "429가 발생", "503が返ってくる").
    r"|(?:이|가)\s*(?:오|와|왔|발생|뜨|떠|떴|나|났|반환|리턴)|\s*(?:が|を)\s*(?:返|出|発生|起き|受け))"
    # … or as what a call returned or a user got ("…:generateContent - returns 404", "got a 429 from Gemini",
    # Chinese "请求已经返回404了"; not "received 500 … retrying", a client's notice of an error already logged).
    # (… and an app's "gemini embeddings failed: 404", "All API calls fail with 400".)
    r"|(?:(?<![\w-])(?:returns?|returned|returning|says|gives|throws|(?:fail(?:s|ed)?|failing)(?=:|\s+with\s))"
    r"(?::\s*|\s+with\s+|\s+)(?:an?\s+|http\s+|status\s+(?:code\s+)?|error\s+(?:code\s+)?)?"
    # (… "返回空 404": it returned an empty 404.)
    r"|(?:返回了?|回傳了?|返回空的?|回傳空的?|返回状态码|返回狀態碼|报错|報錯|报了?|報了?|遇到了?|碰到了?|出现了?|出現了?|收到了?)"
    r"\s*(?:http\s*)?)"
    r"(?P<prose_code_v>40[0134]|429|499|50[0-4])(?![0-9A-Za-z_]|\.\d)"
    # (A count is no status: "returns 500 tokens", "failed with 400 rows".)
    r"(?!\s*(?:tokens?|bytes?|[kmg]b|ms|seconds?|requests?|items?|rows?|records?|times?|char(?:acter)?s?|words?"
    r"|files?|lines?|%)(?![\w-]))"
    # … or as what a user got or hit, ending the clause or before where it came from ("got a 429 from Gemini",
    # "keep hitting 429 on gemini-2.5-pro", "getting 503 again"; not "got 429 stars").
    r"|(?<![\w-])(?:got|gets?|getting|hit|hits|hitting)\s+(?:an?\s+|the\s+|http\s+|status\s+(?:code\s+)?)?"
    r"(?P<prose_code_g>40[0134]|429|499|50[0-4])(?=[ \t]*(?:[.,;:!?)\n]|$)|\s+(?:from|on|with|when|while|again"
    r"|after|calling|trying|every|all|back|for\s+(?:every|each|all|any)|in\s+(?:gemini|vertex|ai\s+studio))(?![\w-]))"
    # … or in parentheses after the error in words ("VertexAI rate limit (429)", "quota exceeded (429)").
    r"|(?<![\w-])(?:rate[\s\-]?limit(?:ed|ing)?|quota\s+exceeded|too\s+many\s+requests|overloaded"
    r"|(?:service\s+)?unavailable|internal\s+(?:server\s+)?error)\s*\((?:http\s*)?(?P<prose_code_p>429|50[0-4])\)"
)
#: gRPC's RESOURCE_EXHAUSTED in words, as a post quotes it ("`Resource exhausted` from gemini"): a 429 in
#: prose, read like ``PROSE_CODE`` (lower-case text).
PROSE_STATUS_429 = (
    r"(?<![\w-])(?<!some\s)resource\s+(?:has\s+been\s+)?exhausted(?![\w-])"
    # (… and the exception's name in prose, "fails with ResourceExhausted error"; not gRPC's "code =
    # ResourceExhausted desc = …".)
    r"|(?<![\w-])resourceexhausted\s+(?:error|exception)"
)
#: An error told in words with no code at all, read like ``PROSE_CODE`` (lower-case text; a Google product
#: must be named): (pattern, the status code it stands for, the signal it adds). A quota or rate limit hit
#: ("Gemini API exceeded current quota", "API调用频率超限" — in Chinese, Japanese and Korean too: signal
#: ``prose_quota``, a quota used up, which on Code Assist is the per-user plan allowance), then "internal
#: server errors", "overloaded errors".
PROSE_WORDS: tuple[tuple[str, int, str | None], ...] = (
    (PROSE_STATUS_429, 429, None),
    (
        # ("Gemini API exceeded current quota", "the quota was exceeded", "exceeded the daily quota"; not "rate
        # limit exceeded" or "too many requests": apps' own limiters say those.)
        r"(?<![\w-])exceeded\s+(?:your\s+|the\s+)?current\s+quota(?![\w-])"
        r"|(?<![\w-])quota\s+(?:was\s+|has\s+been\s+|is\s+)?exceeded(?![\w-])"
        r"|(?<![\w-])exceeded\s+(?:the\s+|your\s+|my\s+|its\s+)?(?:daily\s+|free\s+|api\s+)?quota(?![\w-])"
        r"|(?<![\w-])hit(?:ting|s)?\s+(?:the\s+|a\s+|our\s+|my\s+)?quota\s+limits?(?![\w-])"
        # (… and a quota used up: "my quota was finished", "says your quota is full", "ran out of quota", "quota
        # reached errors".)
        r"|(?<![\w-])quota\s+(?:is\s+|was\s+|has\s+been\s+|got\s+)?(?:full|finished|used\s+up|depleted|reached|exhausted)"
        r"(?![\w-])"
        r"|(?<![\w-])(?:ran|run|runs|running)\s+out\s+of\s+(?:the\s+|my\s+|your\s+|our\s+)?(?:daily\s+|weekly\s+)?quota(?![\w-])"
        r"|频率超限|頻率超限|速率限制|请求过于频繁|請求過於頻繁|请求频率超|配额已用尽|配額已用盡|额度已用尽|资源耗尽|資源耗盡"
        # (… and Google's "You exceeded your current quota" as other languages' posts give it: "Você excedeu sua
        # cota atual", "Has excedido tu cuota actual", "Vous avez dépassé votre quota actuel", "Sie haben Ihr
        # aktuelles Kontingent überschritten", "Hai superato la quota attuale".)
        r"|excedeu\s+(?:a\s+)?sua\s+cota|excedi(?:ó|o|ste)\s+(?:su|tu)\s+cuota|has\s+excedido\s+(?:su|tu)\s+cuota"
        r"|d[ée]pass[ée]\s+votre\s+quota|kontingent\s+überschritten|superato\s+(?:la\s+)?(?:tua\s+|sua\s+)?quota"
        r"|レート制限|レートリミット|요청\s*한도|속도\s*제한",
        429,
        "prose_quota",
    ),
    # A key told leaked or suspended, a country told unsupported, the API told not enabled, a quota told zero ("Google
    # flagged my API key as leaked", "my API key was suspended", "not available in my country", "the Generative
    # Language API is not enabled", "zero free quota on 2.0-flash"): the error each stands for, in words.
    (
        r"(?<![\w-])key\s+(?:was\s+|is\s+|has\s+been\s+|got\s+)?(?:flagged|reported|marked|detected)\s+as\s+"
        r"(?:leaked|exposed|compromised)(?![\w-])"
        r"|(?<![\w-])(?:flagged|reported|marked|detected)\s+(?:my|our|the|your)\s+(?:[\w\-]+\s+){0,3}key\s+as\s+"
        r"(?:leaked|exposed|compromised)(?![\w-])",
        403,
        "leaked",
    ),
    (
        r"(?<![\w-])(?:api\s+key|project|account)\s+(?:was\s+|is\s+|has\s+been\s+|got\s+)(?:suspended|banned)(?![\w-])",
        403,
        "suspended",
    ),
    (
        r"(?<![\w-])not\s+(?:available|supported)\s+in\s+(?:my|your|our|this)\s+(?:country|region|location)(?![\w-])",
        400,
        "region",
    ),
    (
        r"(?<![\w-])(?:generative\s+language|gemini|vertex\s+ai)\s+api\s+(?:is\s+|was\s+)?(?:not\s+enabled|disabled)(?![\w-])",
        403,
        "not_used",
    ),
    (
        r"(?<![\w-])(?:zero|0)\s+(?:free\s+)?quota(?![\w-])|(?<![\w-])free[\s-]tier\s+(?:quota|limit)\s+(?:of|is|=)\s+0(?![\w.])",
        429,
        "no_free_tier",
    ),
    # (… and a daily or per-minute limit told hit: "hitting the daily request limit on Gemini", "exceeded the
    # per-minute limit"; the window is read from the same words.)
    (
        r"(?<![\w-])(?:hit|hits|hitting|reached|reach|reaching|exceeded|exceeding|exceed)\s+(?:the\s+|my\s+|our\s+|your\s+)?"
        r"(?:daily|per[\s-]day|per[\s-]minute|minute)\s+(?:request\s+|requests\s+|rate\s+|usage\s+)?(?:limit|quota|cap)s?(?![\w-])",
        429,
        None,
    ),
    (r"(?<![\w-])internal\s+server\s+errors?(?![\w-])", 500, None),
    # (A model not found, as Chinese posts tell it: "用 v1 就会提示找不到模型" — with v1 it says the model is not found.)
    (r"找不到(?:该|这个|此)?模型|模型不存在|模型未找到", 404, None),
    # ("The Gemini CLI often encounters overloaded errors", "I'm getting timeout errors at 5 minutes".)
    (r"(?<![\w-])overloaded\s+errors?(?![\w-])", 503, None),
    (r"(?<![\w-])time[\s-]?out\s+errors?(?![\w-])", 504, None),
)
#: A window told in words beside a quota or limit that was hit (lower-case text): "daily quota exceeded",
#: "exceeded the requests per minute limit", "hit your daily limit", "RPD limit reached", "日次クォータ超過",
#: "超出每日配额", "일일 할당량". Its match is the violation's description, whose window and measure the classifier
#: reads with ``DAY_WINDOW_WORDS``, ``MINUTE_WINDOW_WORDS`` and ``TOKEN_WINDOW_WORDS``.
_WINDOW_NAME = (
    r"(?:daily|per[\s-]day|per[\s-]minute|minutely|(?:input\s+)?(?:requests?|tokens?|images?)\s+per\s+(?:day|minute)"
    r"|rp[md]|tp[md])"
)
_LIMIT_NOUN = r"(?:\s+(?:request|token|rate|usage|api))?\s+(?:quota|limit|rate\s+limit)s?(?![\w-])"
_HIT_VERB = r"(?:exceeded|exceeding|exceeds|exceed|reached|reaching|hit|hitting|hits|exhausted|used\s+up|maxed\s+out|ran\s+out\s+of|run\s+out\s+of|over)"
_CJK_WINDOW = (
    r"(?:日次|1日の?|一日の?|每日|每天|일일\s*|每分钟|每分鐘|1分あたりの?)"
    r"(?:クォータ|割り当て|上限|制限|配额|配額|额度|額度|限额|限額|限制|请求|請求|할당량|한도)"
)
_CJK_HIT = r"超过|超出|超限|超過|超え|达到|達到|已达|已達|到達|達し|用尽|用盡|用完|耗尽|耗盡|초과|도달|소진"
WINDOW_WORDS = (
    rf"(?<![\w-]){_HIT_VERB}\s+(?:the\s+|your\s+|my\s+|its\s+|our\s+|their\s+)?(?:free(?:[\s-]tier)?\s+)?"
    rf"{_WINDOW_NAME}{_LIMIT_NOUN}"
    rf"|(?<![\w-]){_WINDOW_NAME}{_LIMIT_NOUN}\s+(?:(?:was|has\s+been|is|have\s+been)\s+)?"
    r"(?:exceeded|reached|exhausted|hit|used\s+up)(?![\w-])"
    # (In Chinese, Japanese and Korean with a word of exceeding before or after: "超出每日配额", "日次クォータ超過",
    # "每日配额已用尽", "일일 할당량 초과"; "每分钟请求数" alone is only a name.)
    rf"|(?:{_CJK_HIT})\s*{_CJK_WINDOW}|{_CJK_WINDOW}\s*(?:を|が|已|已经|已經)?\s*(?:{_CJK_HIT})"
    # (… and Vertex's sentence of a per-day cap: "you've reached the maximum number of requests with search as
    # tool you can make per day".)
    r"|(?<![\w-])reached\s+the\s+maximum\s+number\s+of\s+(?:requests?|tokens?)\b[^.\n]{0,60}?\bper\s+(?:day|minute)(?![\w-])"
    # (… and the window after the words of exceeding: "Quota exceeded for requests per minute", "Quota exceeded for
    # the day", "quota exceeded per day".)
    rf"|(?<![\w-])(?:quota|rate\s+limit|limit)s?\s+(?:exceeded|reached|exhausted)\s+(?:for\s+(?:{_WINDOW_NAME}|the\s+day|today)|{_WINDOW_NAME})(?![\w-])"
    # (… and a quota named by its window in one word, as quota ids write it: "quota metric PerDay exceeded".)
    r"|(?<![\w-])quota\s+(?:metric\s+)?per(?:day|minute)\s+(?:exceeded|reached|exhausted)(?![\w-])"
)
#: The window a limit named in words counts over ("per day", "daily", "RPD", "日次", "每日", "일일"; "per minute",
#: "TPM", "每分钟"), and a measure of tokens said by its abbreviation ("TPM", "TPD"); matched ignoring case.
DAY_WINDOW_WORDS = r"per[\s-]?day|daily|(?<![a-z])[rt]pd(?![a-z])|for\s+(?:the\s+day|today)(?![a-z])|日次|1日|一日|每日|每天|일일"
MINUTE_WINDOW_WORDS = r"per[\s-]?minute|minutely|(?<![a-z])[rt]pm(?![a-z])|每分|分あたり"
TOKEN_WINDOW_WORDS = r"(?<![a-z])tp[md](?![a-z])"
#: Google product words (lower-case) that make a prose status code a Google error.
PROSE_CODE_CONTEXT = (
    "gemini",
    "google generative ai",
    "google genai",
    "google-genai",
    "ai studio",
    "aistudio",
    "vertex ai",
    "vertexai",
    "antigravity",
    "generativelanguage",
    "generative language api",
    # (… and the Gemini API's method: "generateContent 打到无版本路径并返回空 404".)
    "generatecontent",
)
#: A Google model id standing anywhere in the text (matched on lower-cased text): the weakest evidence of
#: the model, read only when nothing better names one and the text names exactly one ("errors on
#: gemini-2.5-flash-image image generation", "[Question] gemini-3-pro-image-preview 429 …", "calling the
#: model gemini-3-pro-image-preview"), and not after a word of advice (``DISPLAY_TARGET_WORDS``).
BARE_MODEL = rf"(?P<bare_model_v>{MODEL_ID})"
#: A Gemini display name in prose or an app's header ("Model: Gemini 2.5 Pro", "Google Gemini 1.5 Pro
#: API key", "Gemini 3 Pro is no longer available"): a version and at least one tier word (matched on
#: lower-cased text; ``model_from_display_name`` turns it into an id).
_DISPLAY_TIER = r"(?:pro|flash-lite|flash|lite|ultra|nano|image|preview|exp|experimental)"
DISPLAY_NAME = (
    # (… also half written as an id: "Gemini 2.0-flash".)
    rf"gemini(?<![\w\-]gemini)\s+\d(?:\.\d)?(?:(?:\s+|-){_DISPLAY_TIER})+(?![\w\-])(?!\s+{_DISPLAY_TIER}(?![\w\-]))"
    # (… one model, not a group of them: "Vertex rejects MINIMAL on Gemini 3 Flash models".)
    r"(?!\s+(?:models|family|series)\b)"
)
#: Words just before a display name that make it a target, not the model that failed ("Please switch to
#: Gemini 3.1 Pro", "migrate to", "fall back to", "upgrade to"; alternatives of one pattern, on lower-cased text).
DISPLAY_TARGET_WORDS = (
    # (Not the user's own change the error came after: "after switching to X", "since switching to X".)
    r"(?<!after )(?<!since )switch",
    "migrat",
    "fall",
    "upgrade",
    "move to",
    "moving to",
    "instead",
    # ("try X", not the user's own attempt: "when I try model=X", "we tried").
    r"(?<!\bi )(?<!\bwe )(?<!\bthey )\btry ",
    # … and in Chinese ("预设改成 gemini-2.5-flash", "换成", "切换到", "改用").
    "改成",
    "改為",
    "改为",
    "换成",
    "換成",
    "切换到",
    "切換到",
    "改用",
)
#: The same after the id, in Korean and Japanese ("gemini-2.0-flash로 수정", "gemini-2.5-flashに変更").
DISPLAY_TARGET_AFTER = (
    "로 수정",
    "으로 수정",
    "로 변경",
    "으로 변경",
    "로 바꿔",
    "로 교체",
    "に変更",
    "へ変更",
    "に切り替え",
    "へ切り替え",
)
#: A command line that names the model it ran ("llm -m gemini-2.5-flash …", "aider --model gemini/…").
CLI_MODEL = (
    r"(?<![\w-])(?:-m|--model)(?:\s+|=)[\"']?(?:[A-Za-z][\w.\-]{0,40}/){0,3}"
    rf"(?P<cli_model_v>{_MODEL_FAMILIES}(?:\d|pro\b|flash|exp|ultra)[A-Za-z0-9_.\-]{{1,80}})"
)
#: The keys of a wrapper's envelope that name the model beside a Google body it carries.
WRAPPER_MODEL_KEYS = ("model", "modelId", "model_id", "modelName", "model_name", "modelGroup")
#: The keys of a wrapper's envelope that hold the request's URL (``"url": "…/models/X:generateContent"``).
WRAPPER_URL_KEYS = ("url", "uri", "endpoint", "requestUrl", "request_url", "path")
GOOGLE_MODEL_ID = _Re(rf"(?:models/|gemini/|google/|vertex_ai/)?(?P<m>{_MODEL_FAMILIES}[\w.\-]{{1,80}})$")


#: LiteLLM's exception prefixes of its Google providers ("VertexAIException - 503 …", "GeminiException - 429 …",
#: "Vertex_ai_betaException BadRequestError - …"), a regex alternation.
LITELLM_GOOGLE_EXCEPTIONS = r"(?:VertexAI|VertexAi|Vertex_ai(?:_beta)?|Gemini|GoogleAIStudio)Exception"

#: LiteLLM's exception classes and the HTTP status each stands for (its docs' exception table).
LITELLM_CLASS_CODES: dict[str, int] = {
    "BadRequestError": 400,
    "ContextWindowExceededError": 400,
    "ContentPolicyViolationError": 400,
    "AuthenticationError": 401,
    "PermissionDeniedError": 403,
    "NotFoundError": 404,
    "UnprocessableEntityError": 422,
    "RateLimitError": 429,
    "InternalServerError": 500,
    "ServiceUnavailableError": 503,
}


#: Not a name of Google's routes to Gemini (nor a placeholder, nor a client or gateway that carries any provider's
#: calls, Google's too): what a provider field must not say to name another provider.
_NOT_A_GOOGLE_ROUTE = (
    r"(?!(?:vertex|ai[\s_\-]?studio|antigravity|code[\s_\-]?assist|cloudcode|gca|custom|auto"
    r"|default|none|null|unknown|undefined|[a-z]*gemini|[a-z]*google"
    r"|litellm|proxy|gateway|relay|router|http|rest|api|openai[\s_\-]*compat\w*)(?![a-z]))"
)


#: Other providers and services, by name or host (hint ``foreign:<name>``). A text naming one is not a
#: Google error unless a Google signal stands in it (SPEC §1.1): a 429 from any of these is theirs.
FOREIGN: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "foreign:openai",
        (
            "openai",
            "open_ai",
            "open ai",
            "insufficient_quota",
            "gpt-",
            "chatgpt",
            "in organization",
            "context_length_exceeded",
            "your messages resulted",
            "incorrect api key provided",
            "not ready yet",
            "requested",
            "response.failed",
            "do not have access to it",
            "invalid_api_key",
            "exceeded retry limit",
            "organization has been",
        ),
        r"(?<![\w/])openai(?![\s\-_]*compat)|(?<![\w/]):open_ai\b|insufficient_quota|(?<![\w\-])(?:chat)?gpt-(?:3|4|5|o|image|realtime)"
        # OpenAI's rate-limit wording, which OpenAI-compatible providers (Groq …) copy: an organization id.
        r"|in\s+organization\s+`?org[-_]\w"
        # … and its whole sentence, whatever stands for the organization ("… in organization org-{id} on …").
        r"|rate\s+limit\s+reached\s+for\s+[^\s]+\s+in\s+organization\b"
        # … and its counts of a window, quoted alone ("Limit 12000, Used 7739, Requested 4539").
        r"|\blimit:?\s+\d+,\s*used:?\s+\d+,\s*requested:?\s+\d+"
        # Its context-length error ("… However, your messages resulted in 10000 tokens. (code:
        # context_length_exceeded)"), also copied by compatible servers.
        r"|\bcontext_length_exceeded\b|however,\s+your\s+messages\s+resulted\s+in"
        # ChatGPT by name (an app or extension of it), and OpenAI written in two words ("avec open AI"; not "open
        # AI Studio").
        r"|\bchatgpt\b|\bopen\s+ai\b(?!\s*studio)(?![\s\-_]*compat)"
        # Its refusal of a key ("Incorrect API key provided"; Google's words are "API key not valid").
        r"|incorrect\s+api\s+key\s+provided"
        # … and its 503 sentence, which compatible servers (Together …) copy: "The server is overloaded or not
        # ready yet." (Google's is "The model is overloaded.").
        r"|server\s+is\s+overloaded\s+or\s+not\s+ready\s+yet"
        # Its Responses API's failed event ("type": "response.failed"), its 404 of a model ("The model `x` does not
        # exist or you do not have access to it."; Google's names an API version), and its key error's code
        # (Google's is API_KEY_INVALID).
        r"|\bresponse\.failed\b|the\s+model\s+[`'\"]?[^\s`'\"]{1,120}[`'\"]?\s+does\s+not\s+exist\s+or\s+you\s+do\s+not\s+have\s+access"
        r"|\binvalid_api_key\b"
        # The Codex CLI's own line when its retries run out ("■ exceeded retry limit, last status: 429 Too Many
        # Requests").
        r"|exceeded\s+retry\s+limit,\s+last\s+status\b"
        # Its refusal of an account, which compatible providers (Groq) copy: "Organization has been restricted."
        # (Google's names a project or a consumer: "Your project has been denied access".)
        r"|\borganization\s+has\s+been\s+(?:restricted|disabled|deactivated|suspended)\b",
    ),
    (
        "foreign:azure",
        (
            "azure",
            "windows.net",
            "aoai",
            "x-ms-",
            "cosmos",
            "requestratetoolarge",
            "request rate is large",
            "microsoft",
            "rate limit is exceeded",
            "ratelimitreached",
            "userbymodelby",
            "subscription key",
            "ocp-apim",
        ),
        # Azure also as a class-name prefix (LiteLLM's "AzureException"), Microsoft's API hosts.
        r"\bazure|openai\.azure\.com|\.windows\.net\b|\bAOAI\b|graph\.microsoft\.com|login\.microsoftonline\.com|\bmicrosoft\s+foundry\b"
        # Microsoft's own response headers (x-ms-ratelimit-remaining-…, x-ms-request-id) and Cosmos DB's SDKs.
        r"|\bx-ms-[a-z]+-|\bcosmos(?:db|exception|client)\b|RequestRateTooLarge|Request\s+rate\s+is\s+large"
        # API Management's and Azure AI Inference's (GitHub Models') own rate-limit wordings.
        r"|Rate\s+limit\s+is\s+exceeded\.\s+Try\s+again\s+in\s+\d+\s+seconds|RateLimitReached|UserByModelBy"
        # Azure AI services' key refusal ("Access denied due to invalid subscription key …").
        r"|invalid\s+subscription\s+key|Ocp-Apim-Subscription-Key",
    ),
    (
        "foreign:anthropic",
        (
            "anthropic",
            "claude",
            "rate_limit_error",
            "overloaded_error",
            "x-api-key",
            "_error",
            "sonnet",
            "opus",
            "haiku",
            "credit balance is too low",
        ),
        # (Its error types as whole words: not a test's name, "parses_gemini_rate_limit_errors".)
        r"anthropic|(?<![\w\-])claude-(?:\d|opus|sonnet|haiku|instant)|claude\.(?:ai|com)|(?<!\w)rate_limit_error(?!\w)"
        # … and its models by their display names ("Zed Claude 3.7", "Sonnet 3.5 through litellm").
        r"|\bclaude\s+(?:\d|opus|sonnet|haiku)|\b(?:sonnet|opus|haiku)\s+\d(?:\.\d)?\b"
        # … and Claude by name alone ("When Claude tries to …"), not the coding agent or its memory file (Claude
        # Code, claude-code-router and CLAUDE.md carry other providers' models and errors too).
        r"|\bclaude\b(?![\-\s]code\b|\.md\b)"
        r"|(?<!\w)overloaded_error(?!\w)|invalid\s+x-api-key"
        # Its own words for an empty balance (Google's are "Your Prepay credit balance is depleted").
        r"|credit\s+balance\s+is\s+too\s+low"
        # Anthropic's error envelope: {"type":"error","error":{"type":"authentication_error",…}}, also written
        # with its keys in another order ({"error":{"message":…,"type":"invalid_request_error"},"request_id":
        # "req_…","type":"error"}).
        r"|[\"']type[\"']\s*:\s*[\"']error[\"']\s*,\s*[\"']error[\"']\s*:\s*\{\s*[\"']type[\"']\s*:\s*[\"']"
        r"(?:authentication|permission|not_found|invalid_request|api|request_too_large)_error[\"']"
        r"|[\"']type[\"']\s*:\s*[\"'](?:authentication|permission|not_found|invalid_request|api|request_too_large)"
        r"_error[\"']\s*\}\s*,\s*(?:[\"']request_id[\"']\s*:\s*[\"'][\w\-]{1,80}[\"']\s*,\s*)?[\"']type[\"']\s*:"
        r"\s*[\"']error[\"']",
    ),
    (
        "foreign:aws",
        (
            "bedrock",
            "throttling",
            "amazonaws",
            "aws",
            "botocore",
            "cloudfront",
            "dynamodb",
            "provisionedthroughput",
            "x-amz",
            "amazon",
            "callerratelimitexceeded",
            "aws_lambda",
            "slow down",
            "slowdown",
            "s3",
            "(service:",
            "specified model id",
            "host id:",
        ),
        # … and AWS's load balancers and CDN by their Server header or page ("awselb/2.0", "CloudFront").
        r"bedrock|ThrottlingException|amazonaws\.com|\bAWS\b|botocore|\bawselb/|\bcloudfront\b"
        # The Java SDK's packages (com.amazonaws.services.dynamodbv2…) and the services by name.
        r"|\bcom\.amazonaws\.|\bdynamodb|ProvisionedThroughputExceeded"
        # S3 and the SDKs' exception names ("AmazonS3Exception … (Service: Amazon S3; … SlowDown)").
        r"|\bAmazon\s*S3\b|\bAmazon(?:S3|Service|Client)Exception\b"
        # AWS's response headers (API Gateway, Lambda URLs …): x-amzn-RequestId, x-amz-apigw-id, x-amz-cf-id.
        r"|\bx-amzn?-[a-z]"
        # The Java SDK's error suffix "(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: …)", Lambda's
        # own throttling reason, and AWS Lambda by its module name.
        r"|\(Service:\s*(?:Amazon|AWS)|\bCallerRateLimitExceeded\b|\baws_lambda\b|\bS3\b"
        # Terraform's AWS resources ("aws_route53_record.primary: … Throttling: Rate exceeded").
        r"|\baws_[a-z0-9]+_[a-z0-9_]+\.[\w\[\]]|\bThrottling:\s+Rate\s+exceeded\b"
        # The Java SDK v2's package and error suffix ("software.amazon.awssdk…CloudFormationException: Rate
        # exceeded (Service: CloudFormationClient, Status Code: 400, Request ID: …)").
        r"|\bsoftware\.amazon\.awssdk\b|\(Service:\s*\w{2,60},\s*Status\s+Code:\s*\d{3},\s*Request\s+ID:"
        # S3's own 503 ("HTTP Error 503: Slow Down", <Code>SlowDown</Code>).
        r"|503:?\s+Slow\s*Down\b|<Code>SlowDown</Code>"
        # The Go SDK's failure suffix ("s3aws: SlowDown:\n\tstatus code: 503, request id: tx00…, host id: ").
        r"|\bstatus\s+code:\s*\d{3},\s*request\s+id:[^,\n]{0,120},\s*host\s+id:"
        # Bedrock's refusal of a model the account has not enabled ("You don't have access to the model with the
        # specified model ID.").
        r"|access\s+to\s+the\s+model\s+with\s+the\s+specified\s+model\s+ID",
    ),
    ("foreign:mistral", ("mistral",), r"mistral"),
    ("foreign:groq", ("groq",), r"\bgroq\b"),
    (
        "foreign:xai",
        ("x.ai", "grok", "xai"),
        # (… and its products by name: "Grok subscription", "Grok Build usage balance exhausted".)
        r"\bx\.ai\b|\bxAI\b|(?<![\w\-])grok-(?:\d|code|beta|vision)|\bgrok\.com\b|\bGrok\s+(?:subscription|Build)\b",
    ),
    ("foreign:deepseek", ("deepseek",), r"deepseek"),
    # (… and Ollama's server by its default port: "uri: http://127.0.0.1:11434/api/chat".)
    ("foreign:ollama", ("ollama", ":11434"), r"ollama|:11434\b"),
    (
        "foreign:other-ai",
        (
            "x-should-retry",
            "retry-after-ms",
            "perplexity",
            "together",
            "fireworks",
            "replicate",
            "cerebras",
            "sambanova",
            "dashscope",
            "qwen",
            "moonshot",
            "zhipu",
            "ai21",
            "voyage",
            "elevenlabs",
            "nvidia",
            "worker local total",
            "minimax",
            "baichuan",
            "siliconflow",
            "midjourney",
            "stability",
            "deepinfra",
            "novita",
            "hyperbolic",
            "fal.ai",
            "volces",
            "bigmodel",
            "runwayml",
            "xiaomi",
            "replicate api",
            "replicate-api",
            "togetherai",
            "together ai",
            "chutes",
            "kimi",
            "rate_limit_reached_error",
            "glm",
            "remaining, while",
            "engine is currently overloaded",
            "server had an error",
            "twirp",
            "firecrawl",
            "deepgram",
            "pinecone",
            "tavily",
            "serpapi",
            "assemblyai",
            "mapzen",
            "ipinfo",
            "mapbox",
            "mediastack",
            "alpha vantage",
            "alphavantage",
            "newsapi",
            "tensorzero",
            "opencode go",
            "opencode zen",
            "gigachat",
            "giga chat",
            "replicate account",
            "replicate credit",
            "insufficient credit to run",
            "гигачат",
            "гига чат",
            "baseten",
            "venice",
            "scaleway",
            "suno",
            "udio",
        ),
        # (… and gateways and plans by name: TensorZero, OpenCode's own Go and Zen subscriptions; LiteLLM's provider
        # names: "Together_aiException", "fireworks_ai/…".)
        # The response headers of OpenAI's and Anthropic's servers (their SDKs read them): Google sends neither.
        r"\bx-should-retry\b|\bretry-after-ms\b|"
        r"tensorzero|\bopencode\s+(?:go|zen)\b|perplexity|together\.(?:ai|xyz)|\btogether(?:\s?ai\b|_ai)|fireworks\.ai|replicate\.com|cerebras|sambanova|dashscope|\bqwen"
        # Chutes, Moonshot's Kimi by name and its error type ("'type': 'rate_limit_reached_error'").
        r"|\bchutes(?:\.ai|agent|\s+api)?\b|\bkimi\b|\brate_limit_reached_error\b"
        r"|moonshot|zhipu|\bai21\b|voyageai|elevenlabs|\bnvidia\b|minimax|baichuan|siliconflow"
        r"|midjourney|stability\.ai|\bstabilityai\b|deepinfra|novita\.ai|hyperbolic\.xyz|\bfal\.ai\b|volces\.com"
        r"|bigmodel\.cn|runwayml|\bxiaomi\b|\breplicate[\s\-]api\b|\bGLM\b(?!-\d)|giga\s?chat|гига\s?чат|\bscaleway\b"
        # Replicate by its account or credit (the bare word is an English verb) and its 402 sentence.
        r"|\breplicate\s+(?:account|credits?)\b|insufficient\s+credit\s+to\s+run\s+this\s+model"
        # ElevenLabs' quota sentence ("You have 119 characters remaining, while 965 characters are required").
        r"|(?:characters|credits)\s+remaining,\s+while\s+\d+\s+(?:characters|credits)\s+are\s+required"
        # NVIDIA NIM's worker limit in its own words ("ResourceExhausted: Worker local total request limit
        # reached (48/48)").
        r"|worker\s+local\s+total\s+request\s+limit"
        # OpenAI's own overload and server-error sentences, which OpenAI-compatible servers copy (Kimi …).
        r"|the\s+engine\s+is\s+currently\s+overloaded"
        r"|the\s+server\s+had\s+an\s+error\s+while\s+processing\s+your\s+request"
        # Twirp, the RPC framework of LiveKit and others ("twirp error resource_exhausted").
        r"|\btwirp\s+error\b"
        # Search, scraping, speech and vector-database APIs by name.
        r"|firecrawl|deepgram|pinecone|tavily|serpapi|assemblyai|\bfireworks(?:_ai|\b)"
        # (… and inference hosts by name or host: Baseten, Venice AI and its "venice-…" model ids.)
        r"|baseten|\bvenice\.ai\b|\bvenice\s+ai\b|(?<![\w\-])venice-[a-z0-9]"
        # Geocoding and maps APIs of other companies.
        r"|mapzen|ipinfo\.io|\bmapbox\b"
        # News and market-data APIs by name.
        r"|\bmediastack\b|\balpha\s?vantage\b|\bnewsapi\b"
        # Music-generation services by name or API path ("POST /api/suno/generate 402").
        r"|\bsuno(?:\.com|\.ai|\s+api)?\b|\budio\.com\b|\budio\s+api\b",
    ),
    # (… and by its own not-found sentence: "model 'command-x' not found, make sure the correct model ID was used
    # and that you have access to the model.")
    (
        "foreign:cohere",
        ("cohere", "correct model id was used"),
        r"\bcohere\b|make\s+sure\s+the\s+correct\s+model\s+ID\s+was\s+used",
    ),
    # Gemini the crypto exchange (api.gemini.com, "Gemini Exchange", its GUSD dollar): not Google's Gemini.
    (
        "foreign:gemini-exchange",
        ("gemini.com", "gemini exchange", "gemini trust", "gemini dollar", "gemini earn", "gusd"),
        r"(?<![\w.])(?:api\.|exchange\.|www\.)?gemini\.com\b|gemini\s+(?:exchange|trust|dollar|earn)\b|\bgusd\b",
    ),
    (
        "foreign:huggingface",
        ("huggingface", "hugging face", "hf.co", "hfhub"),
        # (… and its Hub client's error class: "HfHubHTTPError: 429 Too Many Requests".)
        r"huggingface|hugging\s+face|\bhf\.co\b|\bhfhubhttperror\b",
    ),
    # (… and its own refusal of a request without its key: "No auth credentials found".)
    (
        "foreign:openrouter",
        (
            "openrouter",
            "no auth credentials found",
            "maximum context length",
            "context-compression",
            "free-models-per-",
            "no endpoints found",
        ),
        r"openrouter|\bno\s+auth\s+credentials\s+found\b"
        # Its own rate limits by name ("429 Rate limit exceeded: free-models-per-day").
        r"|\bfree-models-per-(?:day|min)"
        # Its own context-length refusal ("This endpoint's maximum context length is 200000 tokens. However, you
        # requested about …", "… use the context-compression plugin"): Google's says "input token count".
        r"|this\s+endpoint'{1,2}s\s+maximum\s+context\s+length|context-compression\s+plugin"
        # … and its own 404 when no upstream serves a model or a feature ("No endpoints found for poolside/x.",
        # "No endpoints found that support image input").
        r"|\bno\s+endpoints\s+found\s+(?:for|that|matching|supporting)\b",
    ),
    # A relay's or gateway's own refusal in its own words, before any call to Google: LiteLLM's ("LLM Provider
    # NOT provided", "team not allowed to access model"), CLIProxyAPI's ("unknown provider for model"),
    # OmniRoute's ("No credentials for embedding provider: gemini").
    (
        "foreign:relay",
        (
            "provider not provided",
            "not allowed to access model",
            "unknown provider for model",
            "no credentials for",
            "new-api",
            "one-api",
            "omniroute request failed",
            "no available channel",
            "上游负载已饱和",
            "上游負載已飽和",
            "可用渠道",
            "_api_error",
        ),
        r"\bLLM\s+Provider\s+NOT\s+provided\b|\bteam\s+not\s+allowed\s+to\s+access\s+model\b"
        r"|\bunknown\s+provider\s+for\s+model\b|\bno\s+credentials\s+for\s+(?:\w+\s+)?provider\b"
        # The relays new-api and one-api by name (a Google body they relay is still Google's), and OmniRoute's
        # own failure line ("OmniRoute request failed (HTTP 503): Chat admission capacity is …").
        r"|(?<![\w-])(?:new|one)-api(?![\w-])|\bOmniRoute\s+request\s+failed\b"
        # … and their own refusal when no upstream serves a model ("No available channel for model X under group
        # Y (distributor)", "no available channels for model X").
        r"|\bno\s+available\s+channels?\s+for\s+model\b|无可用渠道|無可用渠道"
        # (… and their own error object's type: '"type": "one_api_error"', "new_api_error".)
        r"|\b(?:new|one)_api_error\b"
        # … and their own 429 when the upstreams of a group are busy ("当前分组上游负载已饱和，请稍后再试").
        r"|上游负载已饱和|上游負載已飽和",
    ),
    # An agent's or gateway's own field naming the provider it called, with a value of its own that is not
    # Google's ("provider: nous" in an agent's error details, '"provider": "lobehub"'): the whole value of
    # the field, so prose ("provider: an upstream error") is no field.
    (
        "foreign:provider-field",
        ("provider",),
        r"(?:^|[\s{,])[\"']?provider[\"']?\s*[:=]\s*[\"']?" + _NOT_A_GOOGLE_ROUTE +
        # (… up to the field's end: the line's, a JSON member's, or logfmt's next "key=".)
        r"[a-z][a-z0-9_.\-]{1,40}[\"']?(?:\s*(?:$|[,}\n])|\s+[a-z_]+=)"
        # … or in the words of OpenCode's wrapper, up to its parenthesis ("HTTP 429: Error from provider (Console
        # Go): Provider rate limit exceeded").
        r"|\berror\s+from\s+provider\s+\(\s*" + _NOT_A_GOOGLE_ROUTE + r"[a-z][\w.\- ]{1,40}\)",
    ),
    ("foreign:nginx", ("nginx", "openresty"), r"\bnginx\b|\bopenresty\b"),
    # HAProxy's own 503 page ("No server is available to handle this request.").
    (
        "foreign:haproxy",
        ("no server is available",),
        r"no\s+server\s+is\s+available\s+to\s+handle\s+this\s+request",
    ),
    # (Also by the path every Cloudflare error page loads its styles and scripts from: "/cdn-cgi/", and the field of
    # the rate-limit body its edge sends for ChatGPT: {"cf_details": "Rate limit exceeded. Please wait …"}.)
    (
        "foreign:cloudflare",
        ("cloudflare", "cf-ray", "/cdn-cgi/", "cf_details"),
        r"cloudflare|cf-ray|/cdn-cgi/|[\"']cf_details[\"']",
    ),
    ("foreign:apache", ("apache",), r"\bApache(?:/\d|\s+Server|\s+Tomcat)"),
    (
        "foreign:npm",
        ("npm", "e429", "yarnpkg", "err_pnpm_"),
        # (… and pnpm's error codes: "ERR_PNPM_FETCH_503 GET https://…/npm/prisma: Service Unavailable - 503".)
        r"\bnpm\s+(?:ERR|error|warn)|registry\.npmjs\.org|\bE429\b|registry\.yarnpkg\.com|\bERR_PNPM_[A-Z]",
    ),
    ("foreign:pypi", ("pypi", "pythonhosted"), r"pypi\.org|pythonhosted\.org|\bpypi\b"),
    # Rust's registry ("failed to publish to registry at https://crates.io … (status 429 Too Many Requests)").
    ("foreign:crates", ("crates.io",), r"\bcrates\.io\b"),
    # LLM observability and tracing services, whose own APIs answer 429 ("langfuse.api.core.api_error.ApiError:
    # status_code: 429"): they record calls to Gemini, they do not serve them.
    (
        "foreign:observability",
        (
            "langfuse",
            "langsmith",
            "wandb",
            "sentry",
            "ingestion rate",
            "administrator",
            "grafana",
            "promtail",
        ),
        r"\blangfuse\b|\blangsmith\b|\bwandb\b"
        # (… and Sentry by its SDKs, host or own refusal: "Sentry rejected the event …", "sentry_sdk", "sentry.io".)
        r"|\bsentry\s+(?:rejected|response)\b|\bsentry_sdk\b|\bsentry\.io\b|\bsentry\.isentryclient\b"
        # (… and Grafana's log and metric stores by their own 429 ("Ingestion rate limit exceeded for user … contact
        # your Loki administrator"), their shipper or full name; not "loki" alone, also a user's name in a path.)
        r"|\bingestion\s+rate\s+limit\b|\byour\s+(?:loki|mimir)\s+administrator\b|\bgrafana\s+(?:loki|mimir)\b"
        r"|\bpromtail\b",
    ),
    # Search engines and databases by name or their own error types (Elasticsearch's
    # es_rejected_execution_exception 429, OpenSearch, Redis, PostgreSQL, MongoDB).
    (
        "foreign:datastore",
        ("elastic", "opensearch", "es_rejected", "redis", "psycopg", "postgreserror", "mongo"),
        r"elasticsearch|elastic\.co\b|\belasticsuite\b|\bopensearch\b|es_rejected_execution_exception"
        r"|\bredis\.exceptions\b|\brediserror\b|\bpsycopg2?\.|\bpostgreserror\b|\bpymongo\.errors\b|\bmongoerror\b",
    ),
    # (Docker Hub's code as a whole word: a client's TooManyRequestsError class is anybody's.)
    # Docker Hub and registries, not Docker itself (an app "Self Hosted (Docker)", "docker compose logs").
    (
        "foreign:docker",
        ("docker", "toomanyrequests:"),
        r"docker\s*hub|docker\.(?:io|com)|registry-\d\.docker|(?:docker|image)\s+pull|pull\s+rate\s+limit|http\+docker://"
        r"|\btoomanyrequests:",
    ),
    (
        "foreign:github",
        (
            "api.github",
            "rate limit exceeded for",
            "ratelimitexceeded",
            "secondary rate",
            "github api",
            "docs.github.com/en/rest",
            "gitlab",
            "not accessible by",
            "remote: permission to",
            "fatal: unable to access",
        ),
        r"api\.github\.com|API\s+rate\s+limit\s+exceeded\s+for|RateLimitExceededException|secondary\s+rate\s+limit"
        # (… and by name, or its REST docs' rate-limit page.)
        r"|\bgithub\s+(?:rest\s+)?api\b|docs\.github\.com/en/rest"
        # (… and its refusal of an Actions or app token: "gh: Resource not accessible by integration (HTTP 403)".)
        r"|Resource\s+not\s+accessible\s+by\s+(?:integration|personal\s+access\s+token)"
        # (… and GitLab's, by name or host: "GitLab API rate limit exceeded".)
        r"|\bgitlab\s+(?:rest\s+|graphql\s+)?api\b|gitlab\.com/api/"
        # (… and git's own refusals by a remote: "remote: Permission to owner/repo.git denied to user.", "fatal:
        # unable to access 'https://github.com/…': The requested URL returned error: 403".)
        r"|\bremote:\s+Permission\s+to\s+[\w.\-/]{1,200}\s+denied\s+to\b"
        r"|\bfatal:\s+unable\s+to\s+access\s+'https?://",
    ),
    (
        "foreign:kubernetes",
        ("etcd", "kube", " quota:", "apiversion"),
        r"etcdserver|\betcd3?\b|kube-apiserver|kubectl|kubelet"
        # A ResourceQuota refusal, and the API server's own Status object ({"kind":"Status","apiVersion":…}).
        r"|is\s+forbidden:\s+(?:exceeded|failed)\s+quota:|[\"']kind[\"']\s*:\s*[\"']Status[\"']\s*,\s*[\"']apiVersion",
    ),
    # Other gRPC services whose own RESOURCE_EXHAUSTED / UNAVAILABLE users paste: Camunda's Zeebe broker, the
    # Temporal server, the Milvus vector database, the Dapr sidecar.
    (
        "foreign:grpc-service",
        ("zeebe", "camunda", "temporal", "milvus", "dapr"),
        r"\bzeebe\b|\bcamunda\b|\bio\.temporal\.|\btemporalio\b|\btemporal\s+(?:server|cluster|frontend|worker)\b"
        r"|\b(?:py)?milvus\b|\bdapr\b",
    ),
    # GitHub Copilot's API refusing a request for a model it serves, in its own vocabulary ({"message": "invalid
    # request body", "code": "invalid_request_body"}, "model_not_supported"): Copilot's error, whichever model.
    # (… and the Copilot CLI's class of that API's errors: "Last error: CAPIError: 429 Sorry, you've exceeded your
    # rate limits.")
    (
        "foreign:copilot-api",
        ("invalid_request_body", "model_not_supported", "capierror"),
        r"[\"']code[\"']\s*:\s*[\"'](?:invalid_request_body|model_not_supported)[\"']|\bCAPIError\b",
    ),
    ("foreign:artifactory", ("artifactory", "jfrog"), r"artifactory|jfrog"),
    (
        "foreign:maven",
        ("transfer artifact", "maven", "jitpack"),
        r"could\s+not\s+transfer\s+artifact|repo1?\.maven(?:\.apache)?\.org|\bmaven-central\b|jitpack\.io",
    ),
    ("foreign:conda", ("conda",), r"CondaHTTPError|conda\.anaconda\.org|repo\.anaconda\.com"),
    (
        "foreign:envoy",
        ("upstream", "envoy"),
        r"no\s+healthy\s+upstream|upstream\s+connect\s+error\s+or\s+disconnect|server:\s*envoy\b|x-envoy-",
    ),
    # Discord's API by host or library (not the word: a Gemini bot on Discord is still Gemini's).
    ("foreign:discord", ("discord",), r"\bdiscord(?:\.com|\.errors|\.http|app\.com|\.gg)\b"),
    ("foreign:ssh", ("publickey",), r"Permission\s+denied\s+\((?:publickey|password)"),
    # Other AI models by their ids: a 429 that names only another vendor's model is that vendor's (a model
    # served on Vertex AI still carries Google's host or SDK, which wins).
    (
        "foreign:model",
        (
            "llama",
            "mixtral",
            "codestral",
            "ministral",
            "pixtral",
            "command-r",
            "phi-",
            "sonar",
            "o1-",
            "o3-",
            "o4-",
            "qwq",
            "ernie-",
            "glm-",
            "doubao-",
            "hunyuan",
            "kimi-",
            "mimo-",
            "exceed_context_size",
            "text-embedding-",
            "babbage-",
            "davinci-",
        ),
        r"(?<![\w.])(?:meta-)?llama-?\d|\bllama\.cpp\b|\bllama[\s\-_]server\b|exceed_context_size_error|(?<![\w\-])(?:mixtral|codestral|ministral|pixtral)\b"
        r"|(?<![\w\-])command-r\b|(?<![\w\-])phi-\d\b|(?<![\w\-])sonar(?:-pro|-reasoning|-deep-research)?\b"
        r"|(?<![\w\-])o[134]-(?:mini|pro|preview)\b|(?<![\w\-])qwq\b"
        r"|(?<![\w\-])(?:ernie|glm|doubao|hunyuan|kimi)-(?:\d|k\d|lite|pro|turbo|speed|seed|latest|code|for-coding)"
        r"|(?<![\w\-])mimo-v\d"
        # OpenAI's embedding and completion models ("text-embedding-ada-002", "text-embedding-3-small").
        r"|(?<![\w\-])text-embedding-(?:ada-\d|3-(?:small|large))|(?<![\w\-])(?:babbage|davinci)-\d{3}\b",
    ),
    # SaaS APIs by name, SDK or host (Slack, Telegram, Twitter/X, Spotify, Jira, Shopify, Notion …).
    (
        "foreign:saas",
        (
            "telegram",
            "requests: retry after",
            "twitter",
            "x api v2",
            "api.x.com",
            "creditsdepleted",
            "tweepy",
            "spotify",
            "spotipy",
            "jira",
            "atlassian",
            "slack",
            "shopify",
            "notion",
            "hubspot",
            "hubapi",
            "salesforce",
            "zoom.us",
            "stripe",
            "twilio",
            "reddit",
            "praw",
            '"ok"',
            "'ok'",
            "secondly",
            "figma",
            "notionapi",
            "truecaller",
            "acme:error",
            "brave search",
            "search.brave",
            "deepl",
            "mymemory",
            "opc request",
            "opc-request",
            "oraclecloud",
            "oracle cloud",
            "letsencrypt",
            "let's encrypt",
            "coinbase",
            "x402",
            "x-payment-response",
            "blockscout",
            "gdax",
            "xchange",
            "mtproto",
            "sendgrid",
            "mailgun",
            "mailchimp",
            "postmark",
            # (The monthly allowance below: "month", or "/mo" after the end of a word it allows or a space; not
            # "/mo" alone, which every "/models/" path holds.)
            "month",
            "s/mo",
            "t/mo",
            "l/mo",
            "q/mo",
            " /mo",
            "\t/mo",
            "\n/mo",
        ),
        # Telegram's API by host, SDK or module (not the word: a Gemini bot on Telegram is still Gemini's).
        r"api\.telegram\.org|\btelegram\s*(?:bot\s*)?api\b|telegram\w*(?:exception|error)\b|telegrambots|_telegram\.py"
        # The Telegram Bot API's own description of a 429 ("Too Many Requests: retry after 5").
        r"|too\s+many\s+requests:\s+retry\s+after\s+\d"
        r"|\btelegram\.(?:ext|error|bot)\b|python-telegram-bot|\btelegraf\b|twitter|\bx\s+api\s+v2\b|api\.x\.com|creditsdepleted|\btweepy\b|\bspoti(?:fy|py)\b|\bjira\b|atlassian|slack\.com|\bslack_sdk\b"
        r"|\bslackapi\b|@slack/|shopify|notion\.so|@?notionhq\b|\bnotion_client\b|\bnotion\s+api\b"
        r"|\bfigma\b|\bnotionapi\b|\bhubspot\b|\bhubapi\b|\bsalesforce\b|\bzoom\.us\b|\bstripe\.(?:com|error)|\bstripe\s+api\b"
        r"|node_modules/stripe/|\bStripe(?:API|RateLimit|InvalidRequest|Authentication|Permission)Error\b"
        r"|\bStripe::\w{0,40}Error\b|\btruecaller"
        # (… and Stripe by its account, dashboard or key: "Invalid Stripe Secret Key", "the Stripe Dashboard".)
        r"|\bstripe\s+(?:account|dashboard|secret\s+key|error)\b"
        # ACME certificate authorities (Let's Encrypt): their problem documents ("urn:acme:error:rateLimited",
        # "urn:ietf:params:acme:error:rateLimited") and their name.
        r"|\burn:(?:ietf:params:)?acme:error:|\blet'?s\s*encrypt\b"
        # Oracle Cloud's API errors ("http status code: 400. Opc request id: …", oraclecloud.com).
        r"|\bopc[\s-]request[\s-]id\b|oraclecloud\.com|\boracle\s+cloud\b"
        # Brave's Search API (a web-search tool of chat apps), and translation APIs by name (DeepL, MyMemory).
        r"|\bbrave\s+search\b|api\.search\.brave\.com|\bdeepl\b|\bmymemory"
        # (Reddit by its API, SDK or an app of it, not the word: posts cite "a Reddit thread".)
        r"|twilio|\breddit\s+api\b|reddit\.com/api|oauth\.reddit|redditarchiver|\bprawcore\b|\bpraw\b"
        # Slack's and Telegram's envelope ({"ok": false, "error": "ratelimited"}; Google never sends "ok"),
        # HubSpot's per-second policy ("You have reached your secondly limit.", TEN_SECONDLY_ROLLING).
        r"|[\"']ok[\"']\s*:\s*false\s*,\s*[\"'](?:error|error_code|description)[\"']|secondly\s+limit|ten_secondly"
        # Crypto exchanges' APIs (Coinbase, its GDAX, the XChange library of exchange clients).
        r"|\bcoinbase\b|\bgdax\b|org\.knowm\.xchange"
        # (… and the x402 payment protocol's 402s, "x402Version", "X-PAYMENT-RESPONSE"; a block explorer's metered API.)
        r"|\bx402\b|x402version|x-payment-response|\bblockscout\b"
        # Telegram's MTProto transport ("MTProto error: -429"), and e-mail APIs by name or SDK (SendGrid's
        # "Maximum credits exceeded", Mailgun, Mailchimp, Postmark).
        r"|\bmtproto\b|sendgrid|\bmailgun\b|\bmailchimp\b|postmarkapp|\bpostmark\s+api\b"
        # A plan's monthly allowance of requests ("limit: 50 requests/month"): Google's API quotas count per minute
        # or per day, and its monthly cap is one of spend, not of requests.
        r"|\blimit:?\s*\d[\d,]*\s*(?:requests?|calls?|reqs?)\s*(?:/\s*|\s+(?:per|a)\s+)(?:month|mo)\b",
    ),
    # Chinese clouds and AI services by host or name (English or Chinese), and local model servers and coding
    # tools that are not Google's (a Gemini model or Google host beside them still wins).
    (
        "foreign:cn-cloud",
        (
            "baidubce",
            "qianfan",
            "tencentcloudapi",
            "tencentcloudsdk",
            "xf-yun",
            "volcengine",
            "千帆",
            "文心",
            "通义",
            "豆包",
            "混元",
            "智谱",
            "星火",
            "硅基流动",
            "doubao",
            "iflow",
            "心流",
            "ak/sk",
            "token-plan",
            "insufficient balance",
            "balance is insufficient",
            "model or endpoint",
            "max_prompt_tokens",
        ),
        # AI services and their API hosts only: the companies' names (阿里云, 腾讯云 …) and mirrors
        # (mirrors.aliyun.com) also host Gemini proxies and pip indexes, so they name no provider of the error.
        r"baidubce\.com|qianfan|tencentcloud(?:api|sdk)|xf-yun\.com|volcengine|千帆|文心|通义|豆包|混元|智谱|星火|硅基流动"
        r"|\bdoubao\b"
        # Alibaba's iFlow platform and its CLI (a fork of gemini-cli: "@iflow-ai/iflow-cli/bundle/iflow.js").
        r"|@iflow-ai/|\biflow-cli\b|\biFlow\s+(?:CLI|platform|API)\b|心流"
        # Their clouds' key pair, "AK/SK" (Volcengine, Huawei Cloud, Baidu): Google names no key so.
        r"|\bAK/SK\b"
        # Their own wordings: Alibaba Bailian's "token-plan … quota", DeepSeek's and SiliconFlow's "Insufficient
        # Balance" as a whole message (Google's prepay says "credits are depleted").
        r"|\btoken-plan\b|[\"']Insufficient\s+Balance[\"']|account\s+balance\s+is\s+insufficient"
        # Volcengine Ark's 404 of an endpoint id or model ("The model or endpoint ep-… does not exist or you do
        # not have access to it"): Google's 404 names a model and an API version, never an endpoint so.
        r"|the\s+model\s+or\s+endpoint\s+[^\s]{1,200}\s+does\s+not\s+exist"
        # SiliconFlow's context refusal ("number of input tokens (195354) have exceeded max_prompt_tokens
        # (163840)"): Google names no max_prompt_tokens.
        r"|have\s+exceeded\s+max_prompt_tokens\b",
    ),
    (
        "foreign:local-or-tool",
        (
            "vllm",
            "lm studio",
            "lmstudio",
            "localai",
            "text-generation",
            "koboldcpp",
            "gpt4all",
            "llamafile",
            "copilot",
            "cursor",
            "error_openai",
            "codex",
            "windsurf",
            "codeium",
            "triton",
            "inferenceserverexception",
            "--enable-auto-tool-choice",
            "--tool-call-parser",
            "physical batch size",
            "mmproj",
            "not_supported_error",
            "exceed_context_size_error",
            "--reranking",
        ),
        # (… and vLLM by its server's flags, which its errors name: '"auto" tool choice requires
        # --enable-auto-tool-choice and --tool-call-parser to be set'; llama.cpp's server by its own words and
        # error types: "increase the physical batch size", "you may need to provide the mmproj", "Start it with
        # `--reranking`", "not_supported_error", "exceed_context_size_error".)
        r"--enable-auto-tool-choice|--tool-call-parser|physical\s+batch\s+size|\bmmproj\b|--reranking\b"
        r"|\bnot_supported_error\b|\bexceed_context_size_error\b|\bvllm\b|\blm\s?studio\b|\blocalai\b|text-generation-(?:inference|webui)|koboldcpp|gpt4all|llamafile"
        # NVIDIA's Triton Inference Server (its gRPC UNAVAILABLE / RESOURCE_EXHAUSTED are its own).
        r"|\btriton(?:server|client)?\b|InferenceServerException"
        r"|\bcopilot\b|cursor\.(?:sh|com)|api2\.cursor|\bcursor\s+(?:ide|pro|agent)\b|ERROR_OPENAI|\bcodex\b"
        r"|windsurf|codeium",
    ),
    # CDNs, gateways and platforms by their own headers or log lines (Fastly, Kong, Vercel, Incapsula, Heroku's
    # router, Supabase).
    (
        "foreign:platform",
        (
            "fastly",
            "x-served-by",
            "x-kong",
            "vercel",
            "incapsula",
            "code=h",
            "supabase",
            "varnish",
            "guru med",
            "heroku",
            "invocation_timeout",
            "traefik",
            "no deployments available",
            "routerratelimiterror",
            "zeit",
            "caddy",
            "this page could not be found",
            "railway",
            "serverless",
            "hobby plan",
            "pro plan",
            "initial response within",
        ),
        # (… and LiteLLM's router refusing on its own: "No deployments available for selected model".)
        r"\btraefik\b|No\s+deployments\s+available\s+for\s+selected\s+model|RouterRateLimitError|\bserver:\s*fastly\b|\bx-served-by:\s*cache-|\bx-kong-|\bx-vercel-|\bserver:\s*vercel\b|incapsula"
        r"|\bat=(?:error|info|warning)\s+code=H\d\d\b|heroku\[router\]|supabase"
        # Vercel's own error codes ("reason=EDGE_FUNCTION_INVOCATION_TIMEOUT, status=504").
        r"|\b(?:edge_)?function_invocation_timeout\b"
        # Vercel by its former name (Zeit, whose CLI was "now"), and the Caddy server's own handlers.
        r"|\bzeit\b|\bcaddyhttp\b|\bcaddy-ratelimit\b"
        # Varnish's error page ("Error 503 Backend fetch failed … Guru Meditation … Varnish cache server").
        r"|\bvarnish\s+cache\s+server\b|\bguru\s+med(?:i)?tation\b"
        # Next.js' own 404 page of a site deployed on Vercel ("404 This page could not be found.").
        r"|this\s+page\s+could\s+not\s+be\s+found"
        # Hosting platforms by name: Railway ("Requests đến Railway … 502 Bad Gateway", "*.up.railway.app"), and
        # Vercel's serverless functions ("Vercel Serverless 함수 타임아웃 … 504 Gateway Timeout"); Vercel alone names
        # its AI SDK as well, a client of Gemini.
        r"|\brailway(?:\.app)?\b|\bvercel\s+(?:serverless|edge)\b"
        # … and Vercel's plans and its functions' own timeout sentence ("Your function was stopped as it did not
        # return an initial response within 25s").
        r"|\bvercel(?:['’]s)?\s+(?:hobby|pro)\s+plan\b|did\s+not\s+return\s+an\s+initial\s+response\s+within",
    ),
    # Google Search's own block of automated searches (its "sorry" page): a web search, not an AI API.
    (
        "foreign:google-search",
        ("google.com/sorry", "google.com/search", "unusual traffic"),
        r"google\.com/sorry/|google\.com/search\?|unusual\s+traffic\s+from\s+your\s+computer\s+network",
    ),
    # A browser's own page for a web site's error ("HTTP ERROR 500 This page isn't working"): a site's, not an
    # API's answer.
    (
        "foreign:web-page",
        ("this page isn", "this site can"),
        r"this\s+page\s+isn['’]?t\s+working|this\s+site\s+can['’]?t\s+be\s+reached",
    ),
    # Other APIs' own error envelopes: OpenAI-compatible servers and Mistral/Notion ({"object": "error", …}),
    # Baidu's ({"error_code": 18, "error_msg": …}), Alibaba Cloud's codes (Throttling.RateQuota, InternalError.Algo …).
    (
        "foreign:envelope",
        (
            '"object"',
            "'object'",
            "error_msg",
            "throttling.",
            "internalerror.algo",
            "arrearage",
            "unavailable_error",
            '"success"',
            "'success'",
            "detail",
            "rejected due to rate limiting",
            "creating predictions",
            "statuscode",
            "errorcode",
            '"error_code"',
            "'error_code'",
            '"error"',
            "'error'",
            '"title"',
            "'title'",
        ),
        r"[\"']object[\"']\s*:\s*[\"']error[\"']|[\"']error_code[\"']\s*:\s*\d+\s*,\s*[\"']error_msg[\"']"
        r"|\bthrottling\.(?:user|api|ratequota|allocationquota|burstrate)\b"
        # (… and its model service's failures and unpaid account: "InternalError.Algo.ModelServingError…",
        # "Arrearage".)
        r"|\binternalerror\.algo\b|\barrearage\b"
        # llama.cpp's server ("type":"unavailable_error"), Cloudflare's API ({"success":false,"errors":[…]}).
        r"|[\"']type[\"']\s*:\s*[\"']unavailable_error[\"']"
        r"|[\"']success[\"']\s*:\s*false\s*,\s*[\"'](?:errors?|result|messages)[\"']"
        r"|[\"']errors[\"']\s*:\s*\[[^\]]{0,300}\]\s*,\s*[\"']success[\"']\s*:\s*false"
        # A body that opens with "detail" (FastAPI, Django REST: ElevenLabs, Replicate …): never Google's.
        r"|\{\s*[\"']detail[\"']\s*:"
        # RFC 7807's problem details ({"status": 429, "title": "Too Many Requests"}: NVIDIA NIM, Spring, ASP.NET):
        # Google's error object has no "title".
        r"|[\"']status[\"']\s*:\s*\d{3}\s*,\s*[\"']title[\"']\s*:"
        r"|[\"']title[\"']\s*:\s*[\"'][^\"'\n]{1,80}[\"']\s*,\s*[\"']status[\"']\s*:\s*\d{3}\b"
        # SiliconFlow's and Replicate's own rate-limit sentences.
        r"|rejected\s+due\s+to\s+rate\s+limiting|rate\s+limit\s+for\s+creating\s+predictions"
        # hapi's Boom envelope ({statusCode: 429, error: 'Too Many Requests', message: …}, Auth0 and other
        # Node APIs) and an "errorCode" field: Google's bodies carry neither.
        r"|statuscode[\"']?\s*:\s*\d{3}\s*,\s*[\"']?error[\"']?\s*:\s*[\"'][a-z][a-z ]+[\"']"
        r"|[\"']?errorcode[\"']?\s*:\s*[\"'][a-z_]+[\"']"
        # Databricks' envelope ({"error_code": "RESOURCE_EXHAUSTED", "message": …}): a word code under
        # "error_code", which no Google API writes.
        r"|[\"']error_code[\"']\s*:\s*[\"'][a-z_]{3,60}[\"']"
        # An "error" string beside a "message" ({"error":"Invalid API key","message":"API key not found"}: a
        # relay's or Express app's own): Google's "error" is an object, its OAuth's has "error_description".
        r"|\{\s*[\"']error[\"']\s*:\s*[\"'][^\"'{}\\]{1,80}[\"']\s*,\s*[\"']message[\"']\s*:",
    ),
    # Any other service's URL (SPEC §1.1: a 429 is unspecified-429 only when no host other than
    # Google's is named); the machine's own and private addresses are not another provider.
    (
        "foreign:host",
        ("http://", "https://", "ws://", "wss://", "api."),
        # A request aimed at another service: a method or "url" before the URL, or an api.* host; or the
        # error's own help link ("see https://letsencrypt.org/docs/rate-limits/"), which names whose it is
        # (a user's pointer to an issue on github.com or a Q&A site is not).
        r"(?:(?:GET|POST|PUT|PATCH|DELETE|url|URL|Url)[\s:='\"<]+https?://|(?:https?|wss?)://(?=api\.)"
        # (… an api.* host written without its scheme, "Ping api.wit.ai", and the address answers came from:
        # "503 responses from https://example.dev/api/…".)
        r"|(?<![\w.@/\-])(?=api\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/:\s'\"),\]]|$))"
        r"|(?:responses?|errors?|answers?|replies|returned|returns|came|coming|received|got)\s+from\s+https?://"
        # (… and the address requests were sent to: "I cannot send requests to https://aiproxy.example.dev/openai/v1".)
        r"|\bsend(?:ing)?\s+(?:requests?|calls?)\s+to\s+https?://"
        r"|(?:fetch|download|transfer)(?:\s+file)?:?\s+https?://"
        # (… and the address a curl command called: "curl -i -k https://test.example.com:8443/mcp -H …".)
        r"|\bcurl\b[^\n|;]{0,120}?\s['\"]?https?://"
        r"|(?:\bsee|\bvisit|refer\s+to|contact\s+(?:support|us)(?:\s+at)?|go\s+here|learn\s+more(?:\s+at)?|more\s+details|documentation\s+at|details\s+at"
        r"|\bupgrade\b[^\n]{0,40}?\s(?:at|on|via)"
        r"|docs\s+at)[\s:,]+https?://(?!(?:www\.)?(?:github\.com|stackoverflow\.com)/))"
        r"(?!(?:[\w-]+\.)*(?:google\.com|googleapis\.com|googleapis(?:\.co?)?(?![\w.\-])|google\.dev|ai\.dev|ai\.studio|gstatic\.com"
        # (… and Google's documentation sites: "URL: https://google.github.io/adk-docs/…".)
        r"|googleusercontent\.com|firebase(?:io)?\.com|goo\.gl|g\.co|google\.github\.io|googleblog\.com)"
        r"(?:[/:\s'\"),\]]|$)|localhost|127\.|0\.0\.0\.0|10\.|192\.168\.|\[)"
        r"[a-z0-9*-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}",
    ),
    # gRPC's own message-size RESOURCE_EXHAUSTED (a local limit of the channel, not a quota), also on its
    # metadata ("received Metadata size exceeded hard limit (value length 637301 vs. 16384)"). Looked for in
    # every paste, Google's SDKs named or not (``GRPC_SIZE``).
    (
        "foreign:grpc-size",
        ("larger than", "max_receive", "max_send", "metadata size"),
        r"larger\s+than\s+max|grpc\.max_(?:send|receive)_message|metadata\s+size\s+exceeded",
    ),
)

#: An HTTP reason phrase as an error's whole message ("AI_APICallError: Not Found", "GoogleGenerativeAI Error:
#: Internal Server Error") or before the word "error" ("Service Unavailable Error"): the status it stands for
#: reads as its code would (it joins the record of the error it names), and as a generic wording — a Google
#: error only beside a Google signal or in a paste about Gemini that names no other provider (GENERIC_ANCHORS).
#: (signal id, HTTP status, the phrase's literal, its pattern on lower-cased text, may "error" follow it?)
STATUS_PHRASES: tuple[tuple[str, int, str, str, bool], ...] = (
    ("phrase_429", 429, "too many requests", r"too\s+many\s+requests", True),
    ("phrase_503", 503, "service unavailable", r"service\s+unavailable", True),
    ("phrase_503", 503, "bad gateway", r"bad\s+gateway", True),
    ("phrase_500", 500, "internal server error", r"internal\s+server\s+error", False),
    ("phrase_504", 504, "gateway time", r"gateway\s+time-?out", True),
    ("phrase_404", 404, "not found", r"not\s+found", False),
    ("phrase_400", 400, "bad request", r"bad\s+request", False),
    ("phrase_403", 403, "forbidden", r"forbidden", False),
)
PHRASE_IDS = frozenset(sid for sid, _code, _lit, _rx, _after in STATUS_PHRASES)
#: What must stand before a phrase (an error's label: "Error:", "…Exception:", "[… Error]:", "request failed:")
#: and after it (the message's end, or a clause that goes on about when it happened) for it to be the whole
#: message.
PHRASE_BEFORE = r"(?:error|exception|failed)\]?\s*:\s*[\"'`]?\Z"
#: … or Go's label of a request's error, its method and quoted URL (`Post "https://…": Bad Request`).
PHRASE_BEFORE_REQUEST = r"\b(?:get|post|put|patch|delete|head)\s+\"https?://[^\s\"]{1,400}\"\s*:\s*\Z"
PHRASE_AFTER = r"[\"'`]?(?:\s*(?:\Z|[\n.,;:)\]}])|\s+(?:when|while|for|on|from|in|at|with)\s)"
#: Google serving other makers' models (Claude on Vertex AI or Antigravity), and Claude by its display name
#: ("Claude 4.5", "Sonnet 3.5"): such a name beside them is a model Google served, not Anthropic's API.
SERVED_BY_GOOGLE = (
    r"\bvertex\s?ai\b|\bvertex_ai\b|\bantigravity\b|aiplatform\.googleapis"
    # (… and the Google AI Pro / Ultra plans whose Antigravity allowance serves Claude.)
    r"|\bgoogle\s+ai\s+(?:pro|ultra)\b"
)
DISPLAYED_CLAUDE = r"claude\s+(?:\d|opus|sonnet|haiku)|(?:sonnet|opus|haiku)\s+\d"
#: A word code of an error object ("code": "invalid_request_error", "http_error"): whose vocabulary it is.
WORD_CODE = r"[A-Za-z][A-Za-z_.\-]{2,60}"

#: Wordings that other software uses too: they make a Google error only beside a Google signal.
GENERIC_ANCHORS = (
    frozenset(
        {
            "capacity_words",
            "model_not_found_error",
            "unknown_model_words",
            "unknown_name",
            "agent_terminated",
            "cli_high_demand",
            "no_such_model",
            "rate_limit_reached",
            "region_words",
            "license_words",
            "insufficient_permission",
            "key_invalid_words",
            "auth_header",
            "client_timeout",
            "newquota",
            "overloaded",
            "internal",
            "deadline",
            "suspended",
            "tos",
            "billing_required",
            "perm_denied",
            "unauth",
            "not_found",
            "publisher_not_found",
            "too_many_tokens",
            "rate_model",
            "out_of_capacity",
            "oauth_grant",
            "oauth_scope",
            "high_demand_words",
            "unsupported_mime",
            "retired_words",
            "spend_limit_words",
            "precondition_words",
        }
    )
    | PHRASE_IDS
)
#: Paste-wide hints that are Google signals: Google's SDKs, tools, consoles and model ids.
GOOGLE_HINTS = frozenset(
    {
        "lc_genai",
        "lc_vertex",
        "old_py",
        "old_js",
        "vertex_sdk",
        "gax",
        "aistudio",
        "genlang",
        "through_vertex",
        "oauth_fallback",
        "per_user_tier",
        "ca_words",
        "gemini_cli",
        "gemini_api",
        "google_sdk",
        "google_model",
        "google_support",
        "google_upstream",
        "code-assist",
    }
)

#: Paste-wide hints about the wrapper or backend: (name, lower-case literal keys, regex).
_HINT_SPECS: list[tuple[str, tuple[str, ...], _Re]] = [
    # Matched against the lower-cased text (much faster than IGNORECASE; no pattern uses \S, \W, \D, \B),
    # with ASCII word boundaries: "使用Gemini API" names the Gemini API (a Chinese character before a Latin
    # word is no word character of it).
    (name, keys, _Re(pattern.lower(), re.ASCII))
    for name, keys, pattern in (
        (
            "lc_genai",
            ("langchain", "chatgooglegenerativeai"),
            r"langchain_google_genai|langchain-google-genai|ChatGoogleGenerativeAI",
        ),
        (
            "lc_vertex",
            ("langchain", "chatvertexai"),
            r"langchain_google_vertexai|langchain-google-vertexai|ChatVertexAI",
        ),
        ("old_py", ("generativeai",), r"google\.generativeai|google-generativeai"),
        (
            "old_js",
            ("googlegenerativea", "generative-ai"),
            # (The package itself, not another one named after it: "@google/generative-ai-cli" is no SDK.)
            r"GoogleGenerativeAI(?:Fetch)?Error|\[GoogleGenerativeA[Il]\s+Error\]|@google/generative-ai(?![\w\-])",
        ),
        (
            "vertex_sdk",
            ("vertex", "reasoningengine"),
            r"\bvertexai\.|com\.google\.cloud\.vertexai|@google-cloud/vertexai|vertex_ai/|\bVertex\s+AI\b(?!Exception)"
            # (… and Agent Engine by its API resource, one word: "ReasoningEngine service is not available in
            # region: …", ".../reasoningEngines/123", "ReasoningEngine ↔ AgentGateway bonding".)
            r"|\bReasoningEngines?\b",
        ),
        # (Google's Java client layer; not grpc-java's own io.grpc classes, which every gRPC service shows.)
        ("gax", ("gax",), r"com\.google\.api\.gax"),
        # Anthropic's request id on Vertex AI ("request_id": "req_vrtx_011CX…"), a Claude model served by Google,
        # in the message of Google's own envelope (its "status" field right after).
        (
            "vertex_request",
            ("req_vrtx_",),
            r"\breq_vrtx_\w{0,60}[^\n]{0,12}\s{0,40}[\"']status[\"']\s*:\s*[\"'](?:INVALID_ARGUMENT|FAILED_PRECONDITION"
            r"|RESOURCE_EXHAUSTED|UNAVAILABLE|INTERNAL|PERMISSION_DENIED|NOT_FOUND|UNAUTHENTICATED|DEADLINE_EXCEEDED)[\"']",
        ),
        # AI Studio, also by its former name (MakerSuite; its internal RPC types still carry it).
        # (… and its projects' ids, "gen-lang-client-0322496168".)
        (
            "aistudio",
            ("ai studio", "makersuite", "gen-lang-client-"),
            r"\bAI\s+Studio\b|makersuite|gen-lang-client-\d",
        ),
        # The Gemini API's service title (also "(Staging)"), e.g. in a SERVICE_DISABLED message cut before its URL.
        (
            "genlang",
            ("generative language api", "google.ai.generativelanguage"),
            r"\bGenerative\s+Language\s+API\b|google\.ai\.generativelanguage",
        ),
        ("through_vertex", ("through vertex",), r"quota\s+increase\s+through\s+Vertex"),
        (
            "oauth_fallback",
            ("switching to the", "possible quota"),
            r"Switching\s+to\s+the\s+gemini-[\w.\-]+\s+model|Possible\s+quota\s+limitations\s+in\s+place",
        ),
        ("per_user_tier", ("per user per",), r"per\s+user\s+per\s+tier"),
        ("ca_words", ("code assist", "cloudcode", "antigravity"), r"Code\s+Assist|cloudcode-pa|Antigravity"),
        # (… and its provider "vertex_ai_beta"'s exception, "Vertex_ai_betaException BadRequestError - …".)
        (
            "litellm",
            ("vertexai", "vertex_httpx", "vertex_ai_beta"),
            r"VertexAIException|VertexAIError|vertex_httpx|Vertex_ai_betaException",
        ),
        (
            "gemini_cli",
            ("api error", "gemini-cli", "gemini cli"),
            r"\[API\s+Error:|gemini-cli|\bGemini\s+CLI\b",
        ),
        # The product named in prose or an app's own message ("The Gemini API quota has been exceeded").
        # (… and its other names: "Google Generative AI API error (429)", "Generative Language API".)
        (
            "gemini_api",
            ("gemini api", "google generative ai", "generative language api"),
            r"\bGemini\s+API\b|\bGoogle\s+Generative\s+AI\b|\bGenerative\s+Language\s+API\b",
        ),
        # The product's name alone ("Model is overloaded errors … whenever you try Gemini models"): no Google
        # signal by itself (another provider's error may name Gemini in passing), but it makes a generic
        # wording Google's when no other provider or service is named.
        # (… and Vertex AI by name: "Internal error encountered when using VertexAI".)
        ("gemini_word", ("gemini", "vertex"), r"\bgemini\b|\bvertex\s?ai\b"),
        # Google's own client libraries, by their module, package or class names.
        (
            "google_sdk",
            ("google", "googleapi", "target function", ", details:", "gaxioserror"),
            # (Also by a traceback's path: ".../site-packages/google/api_core/future/polling.py", or Windows's
            # "…\\site-packages\\google\\genai\\live.py".)
            r"google[./\\]genai|google-genai|@google/genai|google[./\\]api_core|googleapi:"
            # Java's com.google.api / .cloud and .NET's Google.Apis / Google.Cloud, but not a Maven coordinate
            # (com.google.api:gax-bom:pom:2.84.0 names an artifact being downloaded, not an SDK in use).
            r"|(?:com\.)?google\.(?:genai|apis?|cloud)(?![\w.]*:[\w.\-]+:(?:pom|jar|bom)\b)"
            r"|GoogleApiException|google\.cloud\.aiplatform|genai\.errors"
            # (… and Google's Node client libraries by their npm scope: "@google-cloud/aiplatform".)
            r"|@google-cloud/[a-z]"
            # (… and gaxios, the HTTP client of Google's Node libraries: "_GaxiosError: …", "GaxiosError", and
            # google-auth's exceptions: "google.auth.exceptions.RefreshError".)
            r"|\b_?GaxiosError\b|\bgoogle\.auth\.exceptions\b"
            # google-api-core's RetryError, in its own words.
            r"|exceeded\s+while\s+calling\s+target\s+function"
            # go-genai's APIError as it prints ("Error 400, Message: …, Status: INVALID_ARGUMENT, Details: []").
            r"|Error\s+\d{3},\s+Message:\s[^\n]{0,2000}?,\s+Status:\s+[A-Z_]+,\s+Details:",
        ),
        # A Google model id (Gemini, Imagen, Veo, …) named anywhere in the paste.
        (
            "google_model",
            ("gemini", "imagen", "veo-", "learnlm", "lyria", "nano-banana"),
            r"(?:gemini|imagen|veo|learnlm|lyria|nano-banana)-(?:\d|pro\b|flash|exp|embedding|omni|nano)",
        ),
        # Google's open-weight Gemma models: served by the Gemini API and by many others (Ollama, Hugging
        # Face, Groq, OpenRouter), so a Google signal only when no other provider or host is named.
        ("google_open_model", ("gemma",), r"gemma-(?:\d|embedding)"),
        # Google's support channels named in a message ("contact Google Cloud Support", "…@google.com").
        (
            "google_support",
            ("google cloud support", "@google.com"),
            r"Google\s+Cloud\s+Support|@google\.com\b",
        ),
        # An error event of a server-sent stream ("event: error", the Interactions API's "event_type": "error"): it
        # comes inside an HTTP 200, which is then the stream's status, not the error's.
        (
            "sse_error",
            ("event: error", "event_type"),
            r"\bevent:\s*error\b|[\"']event_type[\"']\s*(?::|=>)\s*[\"']error[\"']",
        ),
        # A gateway's statement that Google served the request (OpenRouter's "provider_name": "Google").
        ("google_upstream", ("provider_name",), r"[\"']provider_name[\"']\s*:\s*[\"']google"),
        *FOREIGN,
    )
]

#: The signal ids of the message wordings.
ANCHOR_IDS = frozenset(sid for sid, _family, _status, _pattern in _ANCHORS) | PHRASE_IDS


#: A resource other than a model said not found, by its resource path ("Session projects/…/sessions/7177… not found",
#: "files/abc123 was not found", "cachedContents/x not found"): a 404 about it is a wrong request, not a model gone.
OTHER_RESOURCE_NOT_FOUND = (
    r"\b(?:sessions|files|cachedContents|operations|corpora|documents|batches|reasoningEngines|tuningJobs|datasets"
    r"|endpoints|fileSearchStores)/[\w.\-]+(?:/[\w.\-]+)*\s+(?:was\s+|is\s+)?(?:not\s+found|does\s+not\s+exist)"
    # (… and by its name in words after Google's "Not found:" lead: "Not found: cached content metadata for 3814…".)
    r"|\bNot\s+found:\s+(?:cached\s+content|file|session|operation|batch|corpus|document|dataset)s?\b"
    # (… and the Cloud project the request names, by its id alone: "Resource projects/swift-core-1x could not be
    # found.", a project Code Assist or Antigravity is set to that does not exist.)
    r"|\bprojects/[\w.\-]+[`'\"]?\s+(?:could\s+not\s+be\s+found|(?:was\s+|is\s+)?not\s+found|does\s+not\s+exist)"
)
