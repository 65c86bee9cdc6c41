"""Precision (SPEC §1.1): another provider's or service's error is ``unrecognized`` even when it shows an
HTTP code, while the matching Google error is still claimed. Each rule is tested on real texts of
``tests/fixtures/not-google2`` (sources in its SOURCES.tsv), on variants of their shape, and on the Google
text it must not swallow."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gemquota import explain
from gemquota.core.diagnosis import Diagnosis, Kind

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SET2 = FIXTURES / "not-google2"
NOT_GOOGLE2 = sorted(SET2.glob("*.txt"))


def one(text: str | bytes) -> Diagnosis:
    return explain(text, now=NOW)[0]


def real(prefix: str) -> bytes:
    (path,) = SET2.glob(f"{prefix}-*.txt")
    return path.read_bytes()


def claimed(text: str | bytes) -> Kind:
    kind = one(text).kind
    assert kind != Kind.UNRECOGNIZED, text
    return kind


def google_body(code: int, message: str, status: str) -> str:
    return json.dumps({"error": {"code": code, "message": message, "status": status}})


# --- the whole set ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOT_GOOGLE2, ids=[p.name[:48] for p in NOT_GOOGLE2])
def test_no_error_of_the_second_set_is_claimed(path: Path) -> None:
    d = one(path.read_bytes())
    assert d.kind == Kind.UNRECOGNIZED, f"{path.name}: {d.kind} — {d.why}"


def test_the_second_set_is_large_sourced_and_shares_no_source_with_the_first() -> None:
    rows = [r.split("\t") for r in (SET2 / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    assert len(NOT_GOOGLE2) >= 100 and {r[0] for r in rows} == {p.name for p in NOT_GOOGLE2}
    assert all(r[1].startswith("https://github.com/") and len(r) == 4 for r in rows)
    first = (FIXTURES / "not-google" / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert not {r[1] for r in rows} & {r.split("\t")[1] for r in first}


# --- OpenAI's rate-limit wording (copied by Groq and others): "in organization org-…" ------------------


@pytest.mark.parametrize(
    "text",
    [
        real("027"),  # Groq through the OpenAI node SDK (its path says node_modules/openai, no provider name)
        "RateLimitError: 429 Rate limit reached for model `llama-3.3-70b` in organization `org_01abc` on tokens "
        "per minute (TPM): Limit 6000, Used 5000, Requested 2000. Please try again in 10s.",
        "429 Rate limit reached for default-model in organization org-Abc123 on requests per min (RPM): "
        "Limit 3, Used 3, Requested 1. Please try again in 20s.",
    ],
)
def test_an_organization_id_rate_limit_is_openai_style(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_google_organization_wording_is_still_claimed() -> None:
    # Google's own "organization" texts carry no org- id: an org-policy 403 stays Google's.
    text = google_body(
        403, "Permission denied by organization policy constraint on project 123.", "PERMISSION_DENIED"
    )
    assert claimed(text) == Kind.PERMISSION
    # The openai SDK's own 429 with no body (Gemini's OpenAI-compatible endpoint) stays a bare 429.
    bare = "Error: 429 status code (no body)\n    at APIError.generate (node_modules/openai/error.mjs:63:20)"
    assert claimed(bare) == Kind.UNSPECIFIED_429


# --- xAI by name and by its Grok model ids ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("049"),
        "Model: grok-code-fast-1\nStatus Code: 429\n429 Too Many Requests",
        "Provider: xAI\nStatus Code: 429\n429 Too Many Requests",
    ],
)
def test_xai_errors_are_theirs(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_a_google_429_beside_a_grok_fallback_is_still_googles() -> None:
    text = "primary gemini-2.5-flash failed, next in chain: grok-code-fast-1\n" + google_body(
        429, "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED"
    )
    assert claimed(text) == Kind.UNSPECIFIED_429


# --- Anthropic's error envelope and its x-api-key header ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("100"),
        real("102"),
        real("086"),
        # screenshot-to-code#430's python form of the same body
        "Error code: 401 - {'type': 'error', 'error': {'type': 'authentication_error', 'message': "
        "'invalid x-api-key'}}",
        '403 {"type": "error", "error": {"type": "permission_error", "message": "Your account does not have '
        'access"}}',
        '404 {"type":"error","error":{"type":"not_found_error","message":"model: some-model"}}',
    ],
)
def test_anthropic_envelopes_are_theirs(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_a_claude_style_proxy_relaying_google_text_is_still_googles() -> None:
    # Proxies wrap Google errors in the same envelope (reference/error-shapes.md): Google's wording wins.
    leaked = (FIXTURES / "errors" / "claude-style-proxy-leaked.txt").read_bytes()
    assert claimed(leaked) == Kind.LEAKED_KEY
    tos = (FIXTURES / "real" / "068-proxy-claude-envelope-403-tos-escaped-tabs.txt").read_bytes()
    assert claimed(tos) == Kind.PERMISSION


# --- Kubernetes' ResourceQuota refusals and Status objects --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("078"),
        real("077"),
        real("079"),
        "{'kind': 'Status', 'apiVersion': 'v1', 'status': 'Failure', 'message': 'pods \"x\" is forbidden', "
        "'reason': 'Forbidden', 'code': 403}",
        'Error: pods "web-1" is forbidden: failed quota: team-a: must specify limits.cpu (403)',
    ],
)
def test_kubernetes_quota_refusals_are_theirs(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_google_quota_and_status_bodies_are_still_googles() -> None:
    quota = google_body(
        429,
        "Quota exceeded for quota metric 'Generate Content API requests per minute' and limit 'GenerateContent "
        "request limit per minute for a region' of service 'generativelanguage.googleapis.com'",
        "RESOURCE_EXHAUSTED",
    )
    assert claimed(quota) == Kind.RPM
    assert (
        claimed(google_body(403, "The caller does not have permission", "PERMISSION_DENIED"))
        == Kind.PERMISSION
    )


# --- the error's own help link on another host --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("055"),  # Let's Encrypt's 429 with "see https://letsencrypt.org/docs/rate-limits/"
        "HTTP 429: too many requests, see https://docs.example-registry.io/limits for details",
        "403 Forbidden: API rate limit exceeded. Learn more at https://developer.example.com/rate-limits",
    ],
)
def test_an_error_pointing_to_another_services_docs_is_theirs(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_google_help_links_and_a_users_issue_link_do_not_name_another_service() -> None:
    text = (
        "429 You exceeded your current quota, please check your plan and billing details. For more "
        "information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits."
    )
    assert claimed(text) != Kind.UNRECOGNIZED
    assert claimed("HTTP 429 Too Many Requests, see https://cloud.google.com/vertex-ai/docs/quotas")
    # A user pointing at an issue is not the error's own link.
    linked = "HTTP 429 Too Many Requests - see https://github.com/google-gemini/gemini-cli/issues/1502"
    assert claimed(linked) == Kind.UNSPECIFIED_429


# --- registries and other AI services by name ---------------------------------------------------------


@pytest.mark.parametrize("prefix", ["106", "026"])
def test_yarn_registry_and_midjourney_errors_are_theirs(prefix: str) -> None:
    assert one(real(prefix)).kind == Kind.UNRECOGNIZED


# --- Gemma, Google's open-weight model, served by someone else ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("109"),  # Hugging Face 503 for router.huggingface.co/…/google/gemma-2b
        real("043"),  # Ollama running gemma3:4b out of memory
        "ollama._types.ResponseError: model 'gemma-3-27b' not found (status code: 404)",
    ],
)
def test_gemma_served_by_another_provider_is_theirs(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_gemma_on_the_gemini_api_is_still_googles() -> None:
    openai_compat = FIXTURES / "real3" / "006-hermes-openai-compat-400-multiple-credentials-gemma.txt"
    assert claimed(openai_compat.read_bytes()) == Kind.AUTH_METHOD
    text = google_body(404, "models/gemma-3-27b-it is not found for API version v1beta", "NOT_FOUND")
    assert claimed(text) == Kind.MODEL_NOT_FOUND
    # With nothing else named, a Gemma id still counts as Google's.
    assert claimed("429 Too Many Requests for gemma-3-27b-it") == Kind.UNSPECIFIED_429


# --- gRPC's own status rendering, alone ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("073"),  # Qdrant: {grpc_message:"recvmsg:Connection reset by peer", grpc_status:14}
        real("071"),  # rpc error: code = Unavailable desc = connection closed before server preface received
        real("072"),  # rpc error: code = ResourceExhausted desc =
        "grpc_status:8",
        'debug_error_string = "UNKNOWN:Error received from peer {grpc_status:4, grpc_message:"Deadline Exceeded"}"',
    ],
)
def test_grpcs_own_status_alone_is_not_googles(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_grpc_statuses_from_google_are_still_googles() -> None:
    with_host = (
        'Error received from peer ipv4:142.250.1.95:443 {grpc_status:8, grpc_message:"Resource has been '
        'exhausted (e.g. check quota)."} while calling generativelanguage.googleapis.com'
    )
    assert claimed(with_host) == Kind.UNSPECIFIED_429
    java = "io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: Quota exceeded for aiplatform.googleapis.com"
    assert claimed(java) != Kind.UNRECOGNIZED
    assert (
        claimed("google.api_core.exceptions.ServiceUnavailable: 503 The model is overloaded.")
        == Kind.OVERLOADED
    )


# --- other APIs' word codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # {"message":"Insufficient Balance","type":"unknown_error",…,"code":"invalid_request_error"}
        real("019"),
        '{"error":{"code":"invalid_api_key","message":"bad key"}}',
        '{"error": {"code": "server_error", "message": "something broke"}}',
    ],
)
def test_another_apis_word_code_alone_is_not_googles(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_the_interactions_apis_word_codes_are_still_googles() -> None:
    rpm = {
        "error": {
            "message": "Rate limit exceeded for model gemini-3.8-flash-tts (limit: 10 requests per minute). "
            "Please retry in 1s.",
            "code": "too_many_requests",
        }
    }
    assert claimed(json.dumps(rpm)) == Kind.RPM
    bad = '{"error":{"code":"invalid_request","message":"Invalid value at contents[0].parts"}}'
    assert claimed(bad) == Kind.BAD_REQUEST


# --- package repositories and downloads aimed at another service --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real(
            "114"
        ),  # Maven Central 429 for com.google.api:gax-bom (an artifact name, not a Google SDK in use)
        real("115"),  # Failed to transfer https://repo.maven.apache.org/… Error code 429
        real("117"),  # CondaHTTPError: HTTP 429 … for url <https://mirrors.ustc.edu.cn/…>
        "Could not transfer artifact com.google.cloud:libraries-bom:pom:26.1.0 from/to central: status code: 429",
        "Exception: download https://cdn.example-mirror.net/pkg.tgz failed with HTTP 429",
    ],
)
def test_package_downloads_from_another_service_are_theirs(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_google_java_sdk_errors_are_still_googles() -> None:
    java = (
        "com.google.api.gax.rpc.ResourceExhaustedException: io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: "
        "Quota exceeded for quota metric 'Generate Content API requests per minute'"
    )
    assert claimed(java) != Kind.UNRECOGNIZED
    assert claimed("com.google.genai.errors.ClientException: 429 . Resource has been exhausted") is not None


# --- Discord and Envoy --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("119"),
        real("120"),
        "discord.errors.HTTPException: 429 Too Many Requests (error code: 0): You are being rate limited.",
        "HTTP/1.1 503 Service Unavailable\ncontent-type: text/plain\n\nno healthy upstream",
        "503 upstream connect error or disconnect/reset before headers. reset reason: connection termination",
    ],
)
def test_discord_and_envoy_errors_are_theirs(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_a_gemini_bot_on_discord_is_still_gemini() -> None:
    text = "Discord bot error: " + google_body(
        429, "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED"
    )
    assert claimed(text) == Kind.UNSPECIFIED_429


# --- AWS load balancers and CDN by their Server header or page ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("122"),  # HTTP/1.1 502 Bad Gateway, Server: awselb/2.0, nginx-style 502 page
        "HTTP/1.1 503 Service Unavailable\nServer: awselb/2.0\nContent-Type: text/html",
        "502 ERROR\nThe request could not be satisfied.\nGenerated by cloudfront (CloudFront)",
    ],
)
def test_aws_load_balancer_and_cdn_pages_are_theirs(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_googles_5xx_is_still_googles() -> None:
    text = (
        "google.api_core.exceptions.ServiceUnavailable: 503 POST https://generativelanguage.googleapis.com/v1beta/"
        "models/gemini-2.5-flash:generateContent: Service Unavailable"
    )
    assert claimed(text) == Kind.OVERLOADED


# --- HAProxy's and OpenResty's own pages --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        real("126"),  # OpenResty 502 page (<hr><center>openresty</center>)
        real("127"),  # "503 Service Unavailable … No server is available to handle this request."
        real("128"),
        real("129"),
        "<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1>"
        "</center><hr><center>openresty</center></body></html>",
    ],
)
def test_haproxy_and_openresty_pages_are_theirs(text: str | bytes) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


def test_a_bare_503_page_naming_no_one_is_still_a_bare_503() -> None:
    # SPEC §1.1: a bare status with nothing else maps to its generic kind.
    assert claimed("<html><body><h1>503 Service Unavailable</h1></body></html>") == Kind.OVERLOADED
