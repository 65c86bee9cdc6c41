"""The error surfaces of 2026 (SPEC §1.1, §1.2, §2): new kinds, new shapes, precision, key kinds,
assumptions, merging. The texts are the exact strings reference/gemini-2026.md quotes from real reports
(sources there); each test states a general shape, not one paste."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from golden import check_paste, kinds_of, load_labels

from gemquota import explain
from gemquota.core.diagnosis import Backend, Kind, Retry, Tier
from gemquota.core.keykind import key_in_use, key_kind

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STANDARD_KEY = "AIza" + "X" * 35
AUTH_KEY = "AQ." + "Ab8RN6" + "x" * 44


def one(text: object, **kw: object) -> object:
    return explain(text, now=NOW, **kw)[0]  # type: ignore[arg-type]


def _body(code: int, message: str, status: str, *details: dict[str, object]) -> str:
    error: dict[str, object] = {"code": code, "message": message, "status": status}
    if details:
        error["details"] = list(details)
    return json.dumps({"error": error})


def _info(reason: str, domain: str = "googleapis.com", **metadata: str) -> dict[str, object]:
    return {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": reason,
        "domain": domain,
        "metadata": metadata,
    }


# --- new kinds --------------------------------------------------------------------------------------

EXPECTED_OAUTH = (
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other "
    "valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."
)


@pytest.mark.parametrize(
    "text",
    [
        _body(
            401,
            EXPECTED_OAUTH,
            "UNAUTHENTICATED",
            _info("ACCESS_TOKEN_TYPE_UNSUPPORTED", method="x", service="generativelanguage.googleapis.com"),
        ),
        EXPECTED_OAUTH,  # message only
        json.dumps(
            [
                {
                    "error": {
                        "code": 400,
                        "message": "Multiple authentication credentials received. Please pass only one.",
                        "status": "INVALID_ARGUMENT",
                    }
                }
            ]
        ),
        "401 . API keys are not supported by this API. Expected OAuth2 access token or other authentication "
        "credentials that assert a principal. See https://cloud.google.com/docs/authentication",
    ],
)
def test_auth_method_shapes(text: str) -> None:
    d = one(text)
    assert d.kind == Kind.AUTH_METHOD and d.retry == Retry.FIX, d.why
    assert d.fixes


def test_key_errors_are_tailored_to_the_key_kind() -> None:
    text = _body(401, EXPECTED_OAUTH, "UNAUTHENTICATED", _info("ACCESS_TOKEN_TYPE_UNSUPPORTED"))
    standard = one(text, key=STANDARD_KEY)
    auth = one(text, key=AUTH_KEY)
    unknown = one(text)
    assert standard.fixes[0].id == "standard-key-retired" and "September 2026" in standard.fixes[0].title
    assert auth.fixes[0].id == "auth-key-how-sent" and "Bearer" in auth.fixes[0].title
    assert unknown.fixes[0].id == "check-key-kind"
    invalid = _body(
        400, "API key not valid. Please pass a valid API key.", "INVALID_ARGUMENT", _info("API_KEY_INVALID")
    )
    assert one(invalid, key=STANDARD_KEY).fixes[0].id == "standard-key-retired"
    assert one(invalid, key=AUTH_KEY).fixes[0].id == "new-api-key"
    for d in (standard, auth):  # its kind only, never its value
        assert STANDARD_KEY not in json.dumps(d.to_json()) and AUTH_KEY not in json.dumps(d.to_json())
    assert any("standard key" in a for a in standard.assumptions)


def test_key_kind_and_precedence() -> None:
    assert key_kind(STANDARD_KEY) == "standard" and key_kind(AUTH_KEY) == "auth"
    assert key_kind("sk-proj-abc") is None and key_kind(None) is None
    env = {"GOOGLE_API_KEY": AUTH_KEY, "GEMINI_API_KEY": STANDARD_KEY}
    assert key_in_use(env) == AUTH_KEY  # SPEC §5: GOOGLE_API_KEY > GEMINI_API_KEY
    assert key_in_use(env, STANDARD_KEY) == STANDARD_KEY  # --key first
    assert key_in_use({"GEMINI_API_KEY": STANDARD_KEY}) == STANDARD_KEY


CA_RESET = _body(
    429,
    "You have exhausted your capacity on this model. Your quota will reset after 71h15m27s.",
    "RESOURCE_EXHAUSTED",
    _info(
        "QUOTA_EXHAUSTED",
        "cloudcode-pa.googleapis.com",
        uiMessage="true",
        model="gemini-3.1-pro-high",
        quotaResetDelay="71h15m27.79s",
        quotaResetTimeStamp="2026-12-08T12:00:00Z",
    ),
    {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "256527.79s"},
)


def test_plan_quota_resets_at_its_stated_timestamp_first() -> None:
    d = one(CA_RESET)
    assert (d.kind, d.retry, d.backend, d.model) == (
        Kind.PLAN_QUOTA,
        Retry.WAIT_RESET,
        Backend.CODE_ASSIST,
        "gemini-3.1-pro-high",
    )
    assert d.reset_basis == "code-assist-reset" and d.reset_at == datetime(2026, 12, 8, 12, 0, tzinfo=UTC)


def test_plan_quota_without_timestamp_uses_the_delay_then_the_resets_in_text() -> None:
    d = one(CA_RESET.replace("2026-12-08T12:00:00Z", "2026-01-01T00:00:00Z"))  # a stamp already past
    assert d.reset_at == NOW + timedelta(seconds=71 * 3600 + 15 * 60 + 27.79)
    agy = "⚠ Individual quota reached. Please upgrade your subscription to increase your limits.\nResets in 143h57m55s."
    d = one(agy)
    assert (d.kind, d.reset_basis) == (Kind.PLAN_QUOTA, "code-assist-reset")
    assert d.reset_at == NOW + timedelta(hours=143, minutes=57, seconds=55)
    assert one("You have exhausted your daily quota on this model.").kind == Kind.PLAN_QUOTA


def test_short_code_assist_window_stays_rpm() -> None:
    text = _body(
        429,
        "You have exhausted your capacity on this model. Your quota will reset after 27s.",
        "RESOURCE_EXHAUSTED",
        _info("RATE_LIMIT_EXCEEDED", "cloudcode-pa.googleapis.com", quotaResetDelay="27.06s"),
    )
    assert one(text).kind == Kind.RPM


# --- 2026 shapes ------------------------------------------------------------------------------------

PREPAY = (
    '{"error":{"code":402,"message":"Your prepayment credits are depleted. Please go to AI Studio at    '
    "https://ai.studio/projects to manage your project and billing. Learn more at "
    'https://ai.google.dev/gemini-api/docs/billing#prepay.","status":"RESOURCE_EXHAUSTED"}}'
)
INTERACTIONS_DAY = (
    '{ "error": { "message": "Rate limit exceeded for model gemini-3.8-flash-tts (limit: 10 requests per day on '
    'Free Tier). Please retry in 45m28s or upgrade your tier at https://ai.dev/rate-limit.", "code": "too_many_requests" } }'
)


@pytest.mark.parametrize(
    ("text", "kind", "model"),
    [
        (PREPAY, Kind.BILLING_LIMIT, None),
        (
            "404 NOT_FOUND. This model models/gemini-2.0-flash is no longer available. Please update your code to "
            "use a newer model for the latest features and improvements.",
            Kind.MODEL_NOT_FOUND,
            "gemini-2.0-flash",
        ),
        (
            "This model models/gemini-2.5-flash is no longer available to new users. Please update your code to use "
            "a newer model for the latest features and improvements.",
            Kind.MODEL_NOT_FOUND,
            "gemini-2.5-flash",
        ),
        (
            "Failed to sign in. Message: This client is no longer supported for Gemini Code Assist for individuals. "
            "To continue using Gemini, please migrate to the Antigravity suite of products: https://antigravity.google",
            Kind.PERMISSION,
            None,
        ),
        (
            "Error authenticating: IneligibleTierError: This client is no longer supported for Gemini Code Assist for "
            "individuals. ineligibleTiers: [ { reasonCode: 'UNSUPPORTED_CLIENT', tierId: 'free-tier' } ]",
            Kind.PERMISSION,
            None,
        ),
        (
            "Failed to sign in. Message: Your current account is not eligible for Gemini Code Assist for individuals "
            "because it is not currently available in your location.",
            Kind.REGION,
            None,
        ),
        (
            "Eligibility check failed: Your current account is not eligible for Antigravity. Verify your account to continue.",
            Kind.PERMISSION,
            None,
        ),
        ("google.genai.errors.APIError: 1011 None. Internal error encountered.", Kind.INTERNAL, None),
        (
            "websockets.exceptions.ConnectionClosedError: received 1008 (policy violation) models/gemini-2.0-flash-live-001 "
            "is not found for API version v1alpha, or is not supported for bidiGenerateContent",
            Kind.MODEL_NOT_FOUND,
            "gemini-2.0-flash-live-001",
        ),
        (
            "google.genai.errors.APIError: 1007 None. Request contains an invalid argument.",
            Kind.BAD_REQUEST,
            None,
        ),
        (
            "google.genai.errors.APIError: 1011 None. RESOURCE_EXHAUSTED: You exceeded your current quota.",
            Kind.UNSPECIFIED_429,
            None,
        ),
        (INTERACTIONS_DAY, Kind.RPD, "gemini-3.8-flash-tts"),
        (
            '{"error": {"message": "Rate limit exceeded for model gemini-3.8-flash-tts (limit: 10 requests per minute). '
            'Please retry in 1s.", "code": "rate_limit_exceeded"}}',
            Kind.RPM,
            "gemini-3.8-flash-tts",
        ),
        (
            '[{"error": {"code": "payment_required", "message": "Your Prepay credit balance is depleted. gemini-3.8-flash"}}]',
            Kind.BILLING_LIMIT,
            None,
        ),
        ("Quota exceeded for limit: 0 on model gemini-3-pro-image", Kind.ZERO_QUOTA, None),
        (
            "429 Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0",
            Kind.ZERO_QUOTA,
            None,
        ),
        (
            "googleapi: Error 429: ",
            Kind.UNSPECIFIED_429,
            None,
        ),
        (
            "QUOTA_EXHAUSTED: quota exhausted for gemini-3.1-pro-high, reset after 5h2m3s",
            Kind.PLAN_QUOTA,
            None,
        ),
        (
            "HTTP/1.1 429 Too Many Requests\nRetry-After: 30\nx-goog-api-client: gl-python",
            Kind.UNSPECIFIED_429,
            None,
        ),
        (
            "com.google.genai.errors.ClientException: 429 . Resource has been exhausted (e.g. check quota).",
            Kind.UNSPECIFIED_429,
            None,
        ),
        (
            "Google.GenAI.ClientError: 404 NOT_FOUND. Publisher Model `projects/my-proj/locations/us-central1/publishers/"
            "google/models/imagen-4.0-generate-001` was not found or your project does not have access to it.",
            Kind.MODEL_NOT_FOUND,
            "imagen-4.0-generate-001",
        ),
        (
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
            Kind.BAD_KEY,
            None,
        ),
        ("Your project has been denied access. Please contact support.", Kind.PERMISSION, None),
        (
            "Google.GoogleApiException: The service generativelanguage has thrown an exception. HttpStatusCode is "
            "TooManyRequests. Resource has been exhausted (e.g. check quota).",
            Kind.UNSPECIFIED_429,
            None,
        ),
        (
            "Google.GoogleApiException: Google.Apis.Requests.RequestError\nThe model is overloaded. Please try "
            "again later. [503]",
            Kind.OVERLOADED,
            None,
        ),
        (
            "You exceeded your current quota. To monitor your current usage, head to: https://ai.dev/rate-limit.",
            Kind.UNSPECIFIED_429,
            None,
        ),
    ],
)
def test_2026_shapes(text: str, kind: Kind, model: str | None) -> None:
    d = one(text)
    assert d.kind == kind, d.why
    if model is not None:
        assert d.model == model


def test_interactions_reset_is_the_messages_retry_hint() -> None:
    d = one(INTERACTIONS_DAY)
    assert (d.tier, d.limit, d.reset_basis) == (Tier.FREE, 10, "retry-hint")
    assert d.reset_at == NOW + timedelta(minutes=45, seconds=28)
    long = INTERACTIONS_DAY.replace("45m28s", "12h47m5s")
    assert one(long).reset_at == NOW + timedelta(hours=12, minutes=47, seconds=5)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (400, Kind.BAD_REQUEST),
        (401, Kind.BAD_KEY),
        (402, Kind.BILLING_LIMIT),
        (403, Kind.PERMISSION),
        (404, Kind.MODEL_NOT_FOUND),
        (408, Kind.DEADLINE),
        (409, Kind.BAD_REQUEST),
        (429, Kind.UNSPECIFIED_429),
        (499, Kind.DEADLINE),
        (500, Kind.INTERNAL),
        (501, Kind.BAD_REQUEST),
        (502, Kind.OVERLOADED),
        (503, Kind.OVERLOADED),
        (504, Kind.DEADLINE),
    ],
)
def test_bare_http_status_mapping(code: int, kind: Kind) -> None:
    d = one(f"request failed: HTTP {code}")
    assert d.kind == kind
    assert any("Only the HTTP status" in a for a in d.assumptions)


def test_library_and_text_agree_on_google_genai_errors() -> None:
    genai_errors = pytest.importorskip("google.genai.errors")
    cases = [
        genai_errors.ServerError(
            502, {"message": "<html><title>502 Bad Gateway</title></html>", "status": "Bad Gateway"}, None
        ),
        genai_errors.ServerError(501, {"message": "Not Implemented", "status": "Not Implemented"}, None),
        genai_errors.ServerError(
            501,
            {
                "error": {
                    "code": 501,
                    "message": "Operation is not implemented, or supported, or enabled.",
                    "status": "UNIMPLEMENTED",
                }
            },
            None,
        ),
        genai_errors.ClientError(408, {"message": "Request Timeout", "status": "Request Timeout"}, None),
        genai_errors.ClientError(402, json.loads(PREPAY), None),
        genai_errors.ClientError(
            499,
            {"error": {"code": 499, "message": "The operation was cancelled.", "status": "CANCELLED"}},
            None,
        ),
    ]
    for exc in cases:
        assert one(exc).kind == one(str(exc)).kind, str(exc)
    assert [one(e).kind for e in cases] == [
        Kind.OVERLOADED,
        Kind.BAD_REQUEST,
        Kind.BAD_REQUEST,
        Kind.DEADLINE,
        Kind.BILLING_LIMIT,
        Kind.DEADLINE,
    ]


# --- precision ----------------------------------------------------------------------------------------

NOT_GOOGLE = sorted((FIXTURES / "not-google").glob("*.txt"))


@pytest.mark.parametrize("path", NOT_GOOGLE, ids=[p.name[:48] for p in NOT_GOOGLE])
def test_no_other_providers_error_is_claimed(path: Path) -> None:
    d = one(path.read_bytes())
    assert d.kind == Kind.UNRECOGNIZED, f"{path.name}: {d.kind} — {d.why}"


def test_the_not_google_set_is_large_and_sourced() -> None:
    rows = (FIXTURES / "not-google" / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(NOT_GOOGLE) >= 40 and {r.split("\t")[0] for r in rows} == {p.name for p in NOT_GOOGLE}


@pytest.mark.parametrize(
    "text",
    [
        "Permission denied (publickey).",
        "deadline exceeded while waiting for the lock",
        "model llama3 not found, try pulling it first",
        "The model is overloaded",
    ],
)
def test_a_generic_phrase_alone_is_not_a_google_error(text: str) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_a_google_body_wins_inside_another_providers_wrapper() -> None:
    wrapped = "litellm.RateLimitError: AnthropicException fallback failed; OpenAI router: " + _body(
        429, "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED"
    )
    assert one(wrapped).kind == Kind.UNSPECIFIED_429
    ccr = "claude-code-router: Error from provider(gemini,gemini-3.8-flash: 429): " + INTERACTIONS_DAY
    assert one(ccr).kind == Kind.RPD


def test_a_bare_429_naming_another_host_is_theirs() -> None:
    assert one("HTTP 429 Too Many Requests").kind == Kind.UNSPECIFIED_429
    assert (
        one("npm ERR! code E429\nnpm ERR! 429 Too Many Requests - GET https://registry.npmjs.org/x").kind
        == Kind.UNRECOGNIZED
    )
    assert (
        one("openai.RateLimitError: Error code: 429 - {'error': {'code': 'rate_limit_exceeded'}}").kind
        == Kind.UNRECOGNIZED
    )


# --- fresh real pastes of 2026 shapes (golden) ---------------------------------------------------------

REAL3 = FIXTURES / "real3"
REAL3_LABELS = load_labels(REAL3)


@pytest.mark.parametrize("row", REAL3_LABELS, ids=[r["file"][:40] for r in REAL3_LABELS])
def test_real3_paste(row: dict[str, str]) -> None:
    if row["kind"] == "unrecognized":
        text = (REAL3 / row["file"]).read_bytes()
        assert one(text).kind in kinds_of(row)
        return
    primary = check_paste(REAL3, row)
    assert str(primary.retry) == row["retry"]


# --- assumptions, merging, primary ------------------------------------------------------------------


def test_window_guessed_from_the_size_of_a_limit_is_an_assumption() -> None:
    text = (
        "[429 Too Many Requests] You exceeded your current quota.\n* Quota exceeded for metric: "
        "generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 250, model: gemini-2.5-flash"
    )
    d = one(text)
    assert d.kind == Kind.RPD
    assert any("size of the limit (250)" in a for a in d.assumptions)
    assert d.to_json()["assumptions"] == list(d.assumptions)


def test_repeats_merge_whatever_their_retry_delays_and_a_cut_off_copy_never_leads() -> None:
    full = _body(
        429,
        "You exceeded your current quota.",
        "RESOURCE_EXHAUSTED",
        {
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            "violations": [
                {
                    "quotaMetric": "generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count",
                    "quotaId": "GenerateContentPaidTierInputTokensPerModelPerMinute",
                    "quotaDimensions": {"model": "gemini-3.8-flash", "location": "global"},
                }
            ],
        },
        {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "DELAYs"},
    )
    log = "\n".join(
        f"2026-12-05T10:{i % 60:02d}:00Z ERROR {full.replace('DELAY', str(i % 50 + 1))}" for i in range(255)
    )
    log += "\n2026-12-05T11:00:00Z ERROR " + full[: full.index('"quotaId"')]
    found = explain(log, now=NOW)
    primary = found[0]
    assert primary.kind == Kind.TPM and primary.model == "gemini-3.8-flash"
    assert primary.count == sum(d.count for d in found if d.kind == Kind.TPM) >= 255
    assert any(f"appears {primary.count} times" in n for n in primary.notes)


def test_the_key_kind_reaches_errors_in_a_large_log() -> None:
    text = _body(401, EXPECTED_OAUTH, "UNAUTHENTICATED", _info("ACCESS_TOKEN_TYPE_UNSUPPORTED"))
    log = "INFO all good\n" * 40_000 + "ERROR " + text + "\n" + "INFO more\n" * 40_000
    assert len(log) > 300_000  # the whole-input reader's path
    d = one(log, key=STANDARD_KEY)
    assert d.kind == Kind.AUTH_METHOD and d.fixes[0].id == "standard-key-retired"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("429 Too Many Requests - POST https://api.perplexity.ai/chat/completions", Kind.UNRECOGNIZED),
        (
            "Error: Request failed with status code 429 url: https://api.together.xyz/v1/chat/completions",
            Kind.UNRECOGNIZED,
        ),
        (
            "requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: https://api.stripe.com/v1/charges",
            Kind.UNRECOGNIZED,
        ),
        (
            "requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: "
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?key=XXX",
            Kind.UNSPECIFIED_429,
        ),
        ("503 Server Error: Service Unavailable for url: http://localhost:8080/v1/generate", Kind.OVERLOADED),
        ("HTTP 429 Too Many Requests", Kind.UNSPECIFIED_429),
        (
            "Error: 429 You exceeded your current quota, please check your plan and billing details.",
            Kind.UNSPECIFIED_429,
        ),
        ("API Error: 529 Overloaded. Try again in a moment.", Kind.UNRECOGNIZED),  # no status of Google's
        ("HTTP 520 Web server is returning an unknown error", Kind.UNRECOGNIZED),
    ],
)
def test_a_request_aimed_at_another_host_is_theirs(text: str, kind: Kind) -> None:
    assert one(text).kind == kind
