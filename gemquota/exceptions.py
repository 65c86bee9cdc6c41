"""gemquota's own exceptions. Adapters translate every library error into one of these."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gemquota.exitcodes import ExitCode


class GemquotaError(Exception):
    """An error we can explain in one line, with a hint. ``code`` is the JSON error id."""

    code = "error"
    exit_code = ExitCode.CANNOT_RUN

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(GemquotaError):
    """The command line or its input is not usable (exit 2)."""

    code = "usage"
    exit_code = ExitCode.USAGE


class NoInput(UsageError):
    """No paste was given: no argument, no --file, stdin a terminal or empty."""

    code = "no-input"


class NoCredentials(GemquotaError):
    """Neither an API key nor cloud credentials are available (exit 3)."""

    code = "no-credentials"


class SourceError(GemquotaError):
    """A call to a Google API failed. ``api`` names the API (e.g. ``cloudbilling``)."""

    code = "source-error"

    def __init__(self, message: str, hint: str | None = None, *, api: str = "") -> None:
        super().__init__(message, hint)
        self.api = api


class PermissionDenied(SourceError):
    """403: the caller lacks ``permission`` (when Google names it)."""

    code = "permission-denied"

    def __init__(
        self, message: str, hint: str | None = None, *, api: str = "", permission: str | None = None
    ) -> None:
        super().__init__(message, hint, api=api)
        self.permission = permission


class ApiDisabled(SourceError):
    """403 SERVICE_DISABLED: ``service`` is not enabled on ``consumer`` (or no quota project is set)."""

    code = "api-disabled"

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        api: str = "",
        service: str | None = None,
        consumer: str | None = None,
        activation_url: str | None = None,
    ) -> None:
        super().__init__(message, hint, api=api)
        self.service = service
        self.consumer = consumer
        self.activation_url = activation_url


class QuotaProjectMissing(ApiDisabled):
    """403 SERVICE_DISABLED whose consumer is not a project of the user (e.g. gcloud's own client
    project 764086051850): the fix is to set a quota project, not to enable the API."""


class NotFound(SourceError):
    """404 from a Google API."""

    code = "not-found"


class Unreachable(SourceError):
    """Connection refused, DNS failure, reset or timeout."""

    code = "unreachable"


class CallTimeout(Unreachable):
    """The call did not answer within the timeout."""

    code = "timeout"


class UnexpectedResponse(SourceError):
    """The API answered something we cannot read (5xx, malformed JSON, an unknown shape)."""

    code = "unexpected-response"


class GeminiCallError(SourceError):
    """The Gemini API answered with an HTTP error. ``api_error`` is the google-genai ``APIError``.

    ``http_code``, ``status`` and ``body`` (the whole JSON error body, ``{"error": {...}}``)
    are copied from it (raised by ``sources.gemini``) so callers can classify the structure without importing google-genai."""

    code = "gemini-error"

    def __init__(self, api_error: Any, *, call: str = "") -> None:
        http_code = getattr(api_error, "code", None)
        status = getattr(api_error, "status", None)
        message = getattr(api_error, "message", None) or ""
        from gemquota.core.redact import redact

        super().__init__(
            redact(f"{call}: {http_code} {status or ''} {message}".strip()), api="generativelanguage"
        )
        self.api_error = api_error
        self.call = call
        self.http_code: int | None = http_code if isinstance(http_code, int) else None
        self.status: str | None = status if isinstance(status, str) else None
        details = getattr(api_error, "details", None)
        self.body: Mapping[str, Any] | list[Any] | str = (
            details if isinstance(details, Mapping | list | str) else {}
        )


class Unrecognized(GemquotaError):
    """The input holds no Google/Gemini error (exit 4)."""

    code = "unrecognized"
    exit_code = ExitCode.UNRECOGNIZED


class InputUnreadable(GemquotaError):
    """An input of scan could not be read: missing, a directory, a FIFO or device, corrupt gzip (exit 3)."""

    code = "unreadable-input"
    exit_code = ExitCode.CANNOT_RUN
