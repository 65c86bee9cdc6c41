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
}


_S = r"\s+"
_STATUS_ALT = "|".join(sorted(CANONICAL_STATUSES - {"OK", "UNKNOWN"}, key=len, reverse=True))

#: Message wordings: (signal id, error family, implied canonical status or None).
_ANCHORS: list[tuple[str, str, str | None, str]] = [
    ("bare429", "quota", "RESOURCE_EXHAUSTED", r"Resource\s+has\s+been\s+exhausted"),
    ("newquota", "quota", "RESOURCE_EXHAUSTED", r"You\s+exceeded\s+your\s+current\s+quota"),
    ("oldquota", "quota", "RESOURCE_EXHAUSTED", r"Quota\s+exceeded\s+for\s+quota\s+metric"),
    ("vertexquota", "quota", "RESOURCE_EXHAUSTED", r"Quota\s+exceeded\s+for\s+aiplatform\.googleapis\.com/"),
    ("no_free_tier", "quota", "RESOURCE_EXHAUSTED", r"doesn'?t\s+have\s+a\s+free\s+quota\s+tier"),
    ("try_later", "quota", "RESOURCE_EXHAUSTED", r"Resource\s+exhausted\.?\s+Please\s+try\s+again\s+later"),
    ("error_code_429", "quota", None, r"docs/error-code-429"),
    ("out_of_capacity", "quota", "RESOURCE_EXHAUSTED", r"temporarily\s+out\s+of\s+capacity"),
    ("ca_capacity", "quota", "RESOURCE_EXHAUSTED", r"exhausted\s+your\s+capacity\s+on\s+this\s+model"),
    ("no_capacity", "quota", "RESOURCE_EXHAUSTED", r"No\s+capacity\s+available\s+for\s+model"),
    ("individual_quota", "quota", "RESOURCE_EXHAUSTED", r"Individual\s+quota\s+reached"),
    (
        "ca_limit",
        "quota",
        "RESOURCE_EXHAUSTED",
        r"reached\s+your\s+daily\s+[\w.\-]{2,80}\s+quota\s+limit"
        r"|Usage\s+limit\s+reached\s+for\s+(?:gemini-|all\s+\w{2,20}\s+models)"
        r"|hit\s+your\s+daily\s+limit\s+of\s+requests\s+with\s+Gemini\s+\d",
    ),
    ("migrate", "quota", None, r"Please\s+migrate\s+to\s+Gemini"),
    ("prepay", "billing", None, r"prepayment\s+credits\s+are\s+depleted|credits\s+are\s+depleted"),
    (
        "spend_cap",
        "billing",
        None,
        r"monthly\s+spending\s+cap|spend(?:ing)?\s+(?:cap|limit)\s+(?:has\s+been\s+)?(?:reached|exceeded)|exceeded\s+(?:its|your)\s+(?:monthly\s+)?spend",
    ),
    (
        "overloaded",
        "unavail",
        "UNAVAILABLE",
        r"model\s+is\s+overloaded|service\s+is\s+currently\s+unavailable",
    ),
    (
        "internal",
        "internal",
        "INTERNAL",
        r"An\s+internal\s+error\s+has\s+occurred|Internal\s+error\s+encountered",
    ),
    ("deadline", "deadline", "DEADLINE_EXCEEDED", r"Deadline\s+(?:exceeded|expired)"),
    (
        "region",
        "region",
        "FAILED_PRECONDITION",
        r"User\s+location\s+is\s+not\s+supported|free\s+tier\s+is\s+not\s+available\s+in\s+your\s+country",
    ),
    (
        "key_invalid",
        "auth",
        "INVALID_ARGUMENT",
        r"API\s+key\s+not\s+valid|API\s+key\s+not\s+found|API\s+key\s+expired|API\s+key\s+is\s+invalid",
    ),
    ("leaked", "auth", "PERMISSION_DENIED", r"reported\s+as\s+leaked"),
    (
        "not_used",
        "auth",
        "PERMISSION_DENIED",
        r"has\s+not\s+been\s+used\s+in\s+project|or\s+it\s+is\s+disabled\.\s+Enable\s+it",
    ),
    ("suspended", "auth", "PERMISSION_DENIED", r"has\s+been\s+suspended"),
    ("tos", "auth", "PERMISSION_DENIED", r"violation\s+of\s+Terms\s+of"),
    (
        "billing_required",
        "auth",
        None,
        r"requires?\s+billing\s+to\s+be\s+enabled|billing\s+to\s+be\s+enabled|billing\s+account\s+(?:is\s+)?(?:disabled|not\s+(?:enabled|active))",
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
        r"invalid\s+authentication\s+credentials|Expected\s+OAuth\s+2\s+access\s+token",
    ),
    (
        "not_found",
        "notfound",
        "NOT_FOUND",
        r"is\s+not\s+found\s+for\s+API\s+version|(?<![\w/])Model\s+[\w.\-/]{2,120}\s+(?:is\s+|was\s+)?not\s+found|is\s+not\s+supported\s+for\s+(?:generateContent|streamGenerateContent|countTokens|embedContent|predict)|Publisher\s+Model\s+\S{1,200}\s+(?:was\s+)?not\s+found|Requested\s+entity\s+was\s+not\s+found",
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
        r"Invalid\s+JSON\s+payload|Request\s+contains\s+an\s+invalid\s+argument|restricted\s+HarmBlockThreshold|Unable\s+to\s+submit\s+request\s+because\s+(?!the\s+service)",
    ),
]
_CODE = r"(?<![\d.])([1-5]\d\d)(?![\d.])"
#: ``_CODE`` for a pattern that starts with the code: the look-behind moves after the first digit, so
#: the regex engine can skip ahead to candidate characters (a leading look-around disables that).
_CODE_LEAD = r"[1-5](?<![\d.].)\d\d(?![\d.])"


def _lead(word: str) -> str:
    """``\\bword`` for a word starting with a word character, written so that the pattern starts with
    a literal (``w(?<!\\w.)ord``): same matches, but the engine skips to candidate characters."""
    return word[0] + r"(?<!\w.)" + word[1:]


def _lead_alt(words: Iterable[str]) -> str:
    """``_lead`` of each word, the words grouped by first character (``R(?<!\\w.)(?:ATE_…|ESOURCE_…)``):
    the same matches (words keep their order within a group, and words of different groups never
    match at the same position), but each candidate position is tried once per group, not per word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(
        first + r"(?<!\w.)" + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for first, rests in groups.items()
    )


_REASON_WORDS = (
    "RATE_LIMIT_EXCEEDED",
    "QUOTA_EXHAUSTED",
    "MODEL_CAPACITY_EXHAUSTED",
    "MODEL_CAPACITY_EXCEEDED",
    "RESOURCE_QUOTA_EXCEEDED",
    "INSUFFICIENT_G1_CREDITS_BALANCE",
    "API_KEY_INVALID",
    "API_KEY_[A-Z_]{2,40}BLOCKED",
    "SERVICE_DISABLED",
    "BILLING_DISABLED",
    "CONSUMER_SUSPENDED",
    "CONSUMER_INVALID",
    "IAM_PERMISSION_DENIED",
    "USER_PROJECT_DENIED",
    "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
    "CREDENTIALS_MISSING",
    "VALIDATION_REQUIRED",
    "rateLimitExceeded",
    "accessNotConfigured",
    "dailyLimitExceeded",
    "userRateLimitExceeded",
)
_EXCEPTION_WORDS = (
    "ResourceExhausted",
    "TooManyRequests",
    "RateLimit",
    "FailedPrecondition",
    "PermissionDenied",
    "InternalServerError",
    "ServiceUnavailable",
    "DeadlineExceeded",
    "GatewayTimeout",
    "NotFound",
    "InvalidArgument",
    "BadRequest",
    "Unauthenticated",
    "Unauthorized",
    "Forbidden",
)


_REASON_FAMILY: dict[str, str] = {
    "RATE_LIMIT_EXCEEDED": "quota",
    "QUOTA_EXHAUSTED": "quota",
    "MODEL_CAPACITY_EXHAUSTED": "quota",
    "MODEL_CAPACITY_EXCEEDED": "quota",
    "RESOURCE_QUOTA_EXCEEDED": "quota",
    "rateLimitExceeded": "quota",
    "userRateLimitExceeded": "quota",
    "dailyLimitExceeded": "quota",
    "INSUFFICIENT_G1_CREDITS_BALANCE": "billing",
    "API_KEY_INVALID": "auth",
    "SERVICE_DISABLED": "auth",
    "accessNotConfigured": "auth",
    "BILLING_DISABLED": "auth",
    "CONSUMER_SUSPENDED": "auth",
    "CONSUMER_INVALID": "auth",
    "IAM_PERMISSION_DENIED": "auth",
    "USER_PROJECT_DENIED": "auth",
    "ACCESS_TOKEN_SCOPE_INSUFFICIENT": "auth",
    "CREDENTIALS_MISSING": "auth",
}


#: Alternatives grouped by their first character (in their original order within a group: no two
#: groups can match at the same position), so the engine tests each candidate position once per group.
_HOSTS = _Re(
    r"generativelanguage\.(?:googleapis\.com|sandbox\.googleapis\.com)"
    r"|staging-generativelanguage\.sandbox\.googleapis\.com"
    r"|a(?:iplatform\.googleapis\.com|i\.google\.dev|istudio\.google\.com|i\.studio\b|(?<!\w.)i\.dev/)"
    r"|c(?:loud(?:code-pa\.googleapis\.com|aicompanion\.googleapis\.com|\.google\.com/vertex-ai)"
    r"|onsole\.cloud\.google\.com/vertex-ai)"
    r"|developers\.generativeai\.google"
)
_URL_MODEL = _Re(
    r"(?<![\w\-])models/(?P<m>[A-Za-z0-9][\w.\-]{1,80}):(?:generate|streamGenerate|countTokens|embed|batchEmbed|predict|"
    r"streamRawPredict|rawPredict|serverStreamingPredict)"
)


#: Paste-wide hints about the wrapper or backend: (name, lower-case literal keys, regex).
_HINT_SPECS: list[tuple[str, tuple[str, ...], _Re]] = [
    (name, keys, _Re(pattern, re.IGNORECASE))
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
            r"GoogleGenerativeAI(?:Fetch)?Error|\[GoogleGenerativeA[Il]\s+Error\]|@google/generative-ai",
        ),
        (
            "vertex_sdk",
            ("vertex",),
            r"\bvertexai\.|com\.google\.cloud\.vertexai|@google-cloud/vertexai|vertex_ai/|\bVertex\s+AI\b(?!Exception)",
        ),
        ("gax", ("gax", "io.grpc"), r"com\.google\.api\.gax|io\.grpc\.StatusRuntimeException"),
        ("aistudio", ("ai studio",), r"\bAI\s+Studio\b"),
        # The Gemini API's service title (also "(Staging)"), e.g. in a SERVICE_DISABLED message cut before its URL.
        ("genlang", ("generative language api",), r"\bGenerative\s+Language\s+API\b"),
        ("through_vertex", ("through vertex",), r"quota\s+increase\s+through\s+Vertex"),
        (
            "oauth_fallback",
            ("switching to the", "possible quota"),
            r"Switching\s+to\s+the\s+gemini-[\w.\-]+\s+model|Possible\s+quota\s+limitations\s+in\s+place",
        ),
        ("per_user_tier", ("per user per",), r"per\s+user\s+per\s+tier"),
        ("ca_words", ("code assist", "cloudcode", "antigravity"), r"Code\s+Assist|cloudcode-pa|Antigravity"),
        ("litellm", ("vertexai", "vertex_httpx"), r"VertexAIException|VertexAIError|vertex_httpx"),
        ("gemini_cli", ("api error", "gemini-cli"), r"\[API\s+Error:|gemini-cli"),
    )
]
