"""Google-shaped error bodies, modelled on the real ones in reference/recorded-google-bodies.

Every function returns ``(http_status, body)`` where body is the ``{"error": {...}}`` document."""

from __future__ import annotations

from typing import Any

Body = dict[str, Any]
Answer = tuple[int, Body]

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
LOCALIZED = "type.googleapis.com/google.rpc.LocalizedMessage"
HELP = "type.googleapis.com/google.rpc.Help"
DEBUG_INFO = "type.googleapis.com/google.rpc.DebugInfo"
QUOTA_FAILURE = "type.googleapis.com/google.rpc.QuotaFailure"
RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo"

#: gcloud's own OAuth client project: the consumer of ADC calls without a quota project.
GCLOUD_CLIENT_PROJECT = "764086051850"

SERVICE_TITLES = {
    "apikeys.googleapis.com": "API Keys API",
    "cloudresourcemanager.googleapis.com": "Cloud Resource Manager API",
    "cloudbilling.googleapis.com": "Cloud Billing API",
    "serviceusage.googleapis.com": "Service Usage API",
    "cloudquotas.googleapis.com": "Cloud Quotas API",
    "monitoring.googleapis.com": "Cloud Monitoring API",
    "generativelanguage.googleapis.com": "Generative Language API",
}


def error(code: int, status: str, message: str, details: list[Body] | None = None) -> Answer:
    err: Body = {"code": code, "message": message, "status": status}
    if details:
        err["details"] = details
    return code, {"error": err}


def legacy_not_found(message: str) -> Answer:
    """404 with the legacy ``errors[]`` array (API Keys, Cloud Quotas)."""
    return 404, {
        "error": {
            "code": 404,
            "message": message,
            "errors": [{"message": message, "domain": "global", "reason": "notFound"}],
            "status": "NOT_FOUND",
        }
    }


def method_not_found() -> Answer:
    return error(404, "NOT_FOUND", "Method not found.")


def caller_no_permission() -> Answer:
    """Resource Manager's short 403 (missing project and unseen project alike), no details."""
    return error(403, "PERMISSION_DENIED", "The caller does not have permission")


def iam_denied(service: str, permission: str, resource: str, message: str | None = None) -> Answer:
    """IAM_PERMISSION_DENIED with ErrorInfo {permission, resource}."""
    text = message or (
        f"Permission '{permission}' denied on resource '//{service}/{resource}' (or it may not exist)."
    )
    return error(
        403,
        "PERMISSION_DENIED",
        text,
        [
            {
                "@type": ERROR_INFO,
                "reason": "IAM_PERMISSION_DENIED",
                "domain": service,
                "metadata": {"permission": permission, "resource": resource},
            }
        ],
    )


def _activation_url(service: str, container: str) -> str:
    return f"https://console.developers.google.com/apis/api/{service}/overview?project={container}"


def service_disabled(service: str, container: str, *, legacy: bool = False) -> Answer:
    """SERVICE_DISABLED on ``container`` (a project number). ``legacy`` = the older Help + ErrorInfo shape."""
    title = SERVICE_TITLES.get(service, service)
    url = _activation_url(service, container)
    message = (
        f"{title} has not been used in project {container} before or it is disabled. Enable it by "
        f"visiting {url} then retry. If you enabled this API recently, wait a few minutes for the "
        "action to propagate to our systems and retry."
    )
    help_detail: Body = {
        "@type": HELP,
        "links": [{"description": "Google developers console API activation", "url": url}],
    }
    if legacy:
        info: Body = {
            "@type": ERROR_INFO,
            "reason": "SERVICE_DISABLED",
            "domain": "googleapis.com",
            "metadata": {"service": service, "consumer": f"projects/{container}"},
        }
        return error(403, "PERMISSION_DENIED", message, [help_detail, info])
    info = {
        "@type": ERROR_INFO,
        "reason": "SERVICE_DISABLED",
        "domain": "googleapis.com",
        "metadata": {
            "activationUrl": url,
            "consumer": f"projects/{container}",
            "containerInfo": container,
            "service": service,
            "serviceTitle": title,
        },
    }
    localized: Body = {"@type": LOCALIZED, "locale": "en-US", "message": message}
    return error(403, "PERMISSION_DENIED", message, [info, localized, help_detail])


def adc_requires_quota_project(service: str) -> Answer:
    """End-user ADC with no quota project: SERVICE_DISABLED whose consumer is gcloud's project."""
    message = (
        "Your application is authenticating by using local Application Default Credentials. The "
        f"{service} API requires a quota project, which is not set by default. To learn how to set "
        "your quota project, see https://cloud.google.com/docs/authentication/adc-troubleshooting/user-creds ."
    )
    info: Body = {
        "@type": ERROR_INFO,
        "reason": "SERVICE_DISABLED",
        "domain": "googleapis.com",
        "metadata": {
            "consumer": f"projects/{GCLOUD_CLIENT_PROJECT}",
            "service": service,
        },
    }
    return error(
        403, "PERMISSION_DENIED", message, [info, {"@type": LOCALIZED, "locale": "en-US", "message": message}]
    )


def user_project_denied(project: str, service: str) -> Answer:
    message = (
        f"Caller does not have required permission to use project {project}. Grant the caller the "
        "roles/serviceusage.serviceUsageConsumer role, or a custom role with the serviceusage.services.use "
        "permission, by visiting https://console.developers.google.com/iam-admin/iam/project?project="
        f"{project} and then retry. Propagation of the new permission may take a few minutes."
    )
    return error(
        403,
        "PERMISSION_DENIED",
        message,
        [
            {
                "@type": HELP,
                "links": [
                    {
                        "description": "Google developer console IAM admin",
                        "url": f"https://console.developers.google.com/iam-admin/iam/project?project={project}",
                    }
                ],
            },
            {
                "@type": ERROR_INFO,
                "reason": "USER_PROJECT_DENIED",
                "domain": "googleapis.com",
                "metadata": {"consumer": f"projects/{project}", "service": service},
            },
            {"@type": LOCALIZED, "locale": "en-US", "message": message},
        ],
    )


def credentials_missing(service: str, method: str) -> Answer:
    return error(
        401,
        "UNAUTHENTICATED",
        "Request is missing required authentication credential. Expected OAuth 2 access token, login "
        "cookie or other valid authentication credential. See "
        "https://developers.google.com/identity/sign-in/web/devconsole-project.",
        [
            {
                "@type": ERROR_INFO,
                "reason": "CREDENTIALS_MISSING",
                "domain": "googleapis.com",
                "metadata": {"method": method, "service": service},
            }
        ],
    )


def credentials_invalid(service: str, method: str) -> Answer:
    return error(
        401,
        "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or "
        "other valid authentication credential. See "
        "https://developers.google.com/identity/sign-in/web/devconsole-project.",
        [
            {
                "@type": ERROR_INFO,
                "reason": "ACCESS_TOKEN_TYPE_UNSUPPORTED",
                "domain": "googleapis.com",
                "metadata": {"method": method, "service": service},
            }
        ],
    )


def invalid_argument(message: str) -> Answer:
    return error(400, "INVALID_ARGUMENT", message)


# --- Gemini ----------------------------------------------------------------------------------------

GEMINI = "generativelanguage.googleapis.com"


def api_key_invalid(key: str) -> Answer:
    """400 API_KEY_INVALID (gemini/07: ErrorInfo + LocalizedMessage + DebugInfo)."""
    message = "API key not valid. Please pass a valid API key."
    return error(
        400,
        "INVALID_ARGUMENT",
        message,
        [
            {
                "@type": ERROR_INFO,
                "reason": "API_KEY_INVALID",
                "domain": "googleapis.com",
                "metadata": {"service": GEMINI},
            },
            {"@type": LOCALIZED, "locale": "en-US", "message": message},
            {"@type": DEBUG_INFO, "detail": f"Invalid API key: {key}"},
        ],
    )


def unregistered_caller() -> Answer:
    return error(
        403,
        "PERMISSION_DENIED",
        "Method doesn't allow unregistered callers (callers without established identity). Please use "
        "API Key or other form of API consumer identity to call this API.",
    )


def leaked_key() -> Answer:
    """The leaked-key 403 never has details."""
    return error(403, "PERMISSION_DENIED", "Your API key was reported as leaked. Please use another API key.")


def key_blocked(reason: str, message: str, consumer: str, method: str) -> Answer:
    return error(
        403,
        "PERMISSION_DENIED",
        message,
        [
            {
                "@type": ERROR_INFO,
                "reason": reason,
                "domain": "googleapis.com",
                "metadata": {
                    "consumer": f"projects/{consumer}",
                    "service": GEMINI,
                    "apiName": GEMINI,
                    "methodName": method,
                },
            },
            {"@type": LOCALIZED, "locale": "en-US", "message": message},
        ],
    )


def model_not_found(model: str, version: str, method: str) -> Answer:
    """404 for an unknown model (gemini/08: two DebugInfo entries, names the API version)."""
    text = (
        f"models/{model} is not found for API version {version}, or is not supported for {method}. "
        "Call ListModels to see the list of available models and their supported methods."
    )
    return error(
        404,
        "NOT_FOUND",
        text,
        [
            {
                "@type": DEBUG_INFO,
                "detail": f"[ORIGINAL ERROR] generic::not_found: {text} [google.rpc.error_details_ext] "
                f'{{ message: "{text}" }}',
            },
            {"@type": DEBUG_INFO, "detail": text},
        ],
    )


def model_retired(model: str, *, new_users: bool = False) -> Answer:
    """404 for a retired model, as Google words it in 2026 (reference/gemini-2026.md §7): the hard
    shutdown ("no longer available") and the restriction to existing users ("… to new users")."""
    whom = " to new users" if new_users else ""
    return error(
        404,
        "NOT_FOUND",
        f"This model models/{model} is no longer available{whom}. Please update your code to use a "
        "newer model for the latest features and improvements.",
    )


QUOTA_MESSAGE = (
    "You exceeded your current quota, please check your plan and billing details. For more information "
    "on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current "
    "usage, head to: https://ai.dev/rate-limit. "
)


def quota_exceeded(violations: list[tuple[str, str, str, int]], retry_s: float) -> Answer:
    """The 2025-26 Gemini 429. ``violations``: (metric, quota_id, model group, limit) in bullet order.

    A zero limit has no ``quotaValue`` in the QuotaFailure (as in real zero-quota bodies)."""
    bullets = "".join(
        f"\n* Quota exceeded for metric: {metric}, limit: {limit}, model: {model}"
        for metric, _qid, model, limit in violations
    )
    message = f"{QUOTA_MESSAGE}{bullets}\nPlease retry in {retry_s:.9f}s."
    failures: list[Body] = []
    for metric, qid, model, limit in violations:
        v: Body = {
            "quotaMetric": metric,
            "quotaId": qid,
            "quotaDimensions": {"location": "global", "model": model},
        }
        if limit:
            v["quotaValue"] = str(limit)
        failures.append(v)
    return error(
        429,
        "RESOURCE_EXHAUSTED",
        message,
        [
            {
                "@type": HELP,
                "links": [
                    {
                        "description": "Learn more about Gemini API quotas",
                        "url": "https://ai.google.dev/gemini-api/docs/rate-limits",
                    }
                ],
            },
            {"@type": QUOTA_FAILURE, "violations": failures},
            {"@type": RETRY_INFO, "retryDelay": f"{int(retry_s)}s"},
        ],
    )


def standard_key_rejected(method: str) -> Answer:
    """401 for a standard (AIza) key on the generation path since the 2026 cutoffs (reference
    gemini-2026.md §1.3: UNAUTHENTICATED, ErrorInfo ACCESS_TOKEN_TYPE_UNSUPPORTED with ``method`` and
    ``service`` metadata and no ``domain``; the misleading "Expected OAuth 2 access token" text)."""
    return error(
        401,
        "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or "
        "other valid authentication credential. See "
        "https://developers.google.com/identity/sign-in/web/devconsole-project.",
        [
            {
                "@type": ERROR_INFO,
                "reason": "ACCESS_TOKEN_TYPE_UNSUPPORTED",
                "metadata": {"method": method, "service": GEMINI},
            }
        ],
    )


def prepay_depleted() -> Answer:
    """402 since late 2026 for a prepaid billing account out of credit (reference gemini-2026.md §2,
    Google's announcement; three spaces after "AI Studio at" as Google sends them; status stays
    RESOURCE_EXHAUSTED)."""
    return error(
        402,
        "RESOURCE_EXHAUSTED",
        "Your prepayment credits are depleted. Please go to AI Studio at    https://ai.studio/projects to "
        "manage your project and billing. Learn more at "
        "https://ai.google.dev/gemini-api/docs/billing#prepay.",
    )


def forced_outcome(kind: str) -> Answer:
    """Outcomes a scenario can force on a model (overload, region, credit exhaustion, …)."""
    if kind == "overloaded":
        return error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")
    if kind == "internal":
        return status500()
    if kind == "region":
        return error(400, "FAILED_PRECONDITION", "User location is not supported for the API use.")
    if kind == "bare-429":
        return error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).")
    if kind == "prepay-depleted":
        return prepay_depleted()
    if kind == "prepay-depleted-429":  # the shape before the 402 switch (older logs)
        return error(
            429,
            "RESOURCE_EXHAUSTED",
            "Your prepayment credits are depleted. Please go to AI Studio at https://ai.studio/projects "
            "to manage your project and billing.",
        )
    raise ValueError(f"unknown forced outcome {kind!r}")


# --- faults ------------------------------------------------------------------------------------------


def status500() -> Answer:
    return error(
        500,
        "INTERNAL",
        "An internal error has occurred. Please retry or report in "
        "https://developers.generativeai.google/guide/troubleshooting",
    )


def internal_cloud() -> Answer:
    return error(500, "INTERNAL", "Internal error encountered.")


def html_error_page(status: int) -> bytes:
    """The HTML page Google's front end sends for a 5xx (or a proxy's 200 login page): not JSON."""
    title = {502: "Server Error", 503: "Service Unavailable", 504: "Gateway Timeout"}.get(status, "Error")
    return (
        "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n"
        f"  <title>Error {status} ({title})!!1</title>\n"
        f"  <p><b>{status}.</b> <ins>That\u2019s an error.</ins>\n"
        "  <p>The server encountered a temporary error and could not complete your request."
        "<p>Please try again in 30 seconds.  <ins>That\u2019s all we know.</ins>\n"
    ).encode()


def forbidden_no_details() -> Answer:
    return caller_no_permission()
