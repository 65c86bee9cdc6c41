"""Shapes found in fresh real pastes of applications that call Gemini (tests/fixtures/real5, real4; each
paste's thread is in that folder's SOURCES.tsv), and variants written here to check that each rule is
general over its shape family rather than keyed to one paste:

* a Google client refused by its version, an account ineligible for a Google tool (real4 007, 008, 027);
* Google's auth wording beside a Google product named in prose, and an HTTP code written "error (429)"
  (real4 012, 030);
* a zero limit written ``limit=0`` and the model a message names with "limit exceeded for model X"
  (real5 046);
* the model named only by the wrapper: an envelope field (Cline's ``"modelId"``), text beside the body in a
  wrapper's message (LiteLLM's ``Received Model Group=``), prose ("using gemini-…") (real5 006, 012, 019,
  032, 042).
"""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gemquota import explain
from gemquota.core.diagnosis import Backend, Diagnosis, Kind, Retry

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def one(text: str) -> Diagnosis:
    return explain(text, now=NOW)[0]


def paste(folder: str, prefix: str) -> str:
    (path,) = sorted((FIXTURES / folder).glob(f"{prefix}-*.txt"))
    return path.read_text(encoding="utf-8")


# --- a Google client refused by its version; an account ineligible for a Google tool ----------------


@pytest.mark.parametrize(
    "text",
    [
        paste("real4", "007"),
        paste("real4", "008"),
        "This version of Gemini CLI is no longer supported. Please update.",
        "Your version of Antigravity is outdated. Please update.",
        "Error: your current version of Google Antigravity is too old",
    ],
)
def test_refused_client_version_is_permission(text: str) -> None:
    d = one(text)
    assert (d.kind, d.retry, d.backend) == (Kind.PERMISSION, Retry.FIX, Backend.CODE_ASSIST), d.why
    assert "update" in d.why.lower()


@pytest.mark.parametrize(
    "text",
    [
        paste("real4", "027"),
        "Your account is not eligible to use Gemini Code Assist",
        "This account is ineligible for Gemini CLI",
    ],
)
def test_ineligible_account_is_permission(text: str) -> None:
    d = one(text)
    assert (d.kind, d.retry, d.backend) == (Kind.PERMISSION, Retry.FIX, Backend.CODE_ASSIST), d.why


@pytest.mark.parametrize(
    "text",
    [
        "This version of Node is no longer supported.",
        "Your current version of Chrome is out of date.",
        "Sorry, this account is ineligible to use the premium plan",
    ],
)
def test_other_software_versions_and_eligibility_are_not_claimed(text: str) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


# --- a Google product named in prose; a code written "error (429)" -------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (paste("real4", "012"), Kind.BAD_KEY),
        ("Gemini CLI error (401)", Kind.BAD_KEY),
        (paste("real4", "030"), Kind.UNSPECIFIED_429),
        ("Gemini API error (429)", Kind.UNSPECIFIED_429),
        ("Gemini API error (503)", Kind.OVERLOADED),
        ("Error: request failed (429)", Kind.UNSPECIFIED_429),
    ],
)
def test_product_in_prose_and_code_in_brackets(text: str, kind: Kind) -> None:
    assert one(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        # Google's auth wording alone is generic (other services use it too): it needs a Google signal.
        "Request had invalid authentication credentials",
        "OpenAI API error (429)",
        "Anthropic API Error (529)",
        # A year or a count in brackets is not an HTTP code.
        "Released the new version (2025) with fixes",
    ],
)
def test_bracket_code_without_google_is_not_claimed(text: str) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


# --- "limit=0" and "limit exceeded for model X" ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (paste("real5", "046"), "gemini-2.0-flash"),
        (
            'got status: 429 Too Many Requests. {"error":{"code":429,"message":"TotalCachedContentStorageTokens'
            'PerModelFreeTier limit exceeded for model gemini-2.5-flash: limit=0, requested=5000",'
            '"status":"RESOURCE_EXHAUSTED"}}',
            "gemini-2.5-flash",
        ),
        (
            "429 RESOURCE_EXHAUSTED: quota limit exceeded for model gemini-3-flash-preview: limit=0",
            "gemini-3-flash-preview",
        ),
    ],
)
def test_limit_equals_zero_is_zero_quota(text: str, model: str) -> None:
    d = one(text)
    assert (d.kind, d.retry) == (Kind.ZERO_QUOTA, Retry.FIX), d.why
    assert d.model == model


def test_limit_zero_in_a_query_string_is_not_a_zero_quota() -> None:
    d = one("GET items?limit=0&page=2 failed: HTTP Error 429: Too Many Requests")
    assert d.kind == Kind.UNSPECIFIED_429


# --- the model named only by the wrapper --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (paste("real5", "006"), "gemini-3-pro-preview"),
        (paste("real5", "012"), "gemini-3-pro-image-preview"),
        (paste("real5", "019"), "gemini-2.5-flash"),
        (paste("real5", "032"), "gemini-2.0-pro-exp-02-05"),
        (paste("real5", "042"), "gemini-2.5-pro-preview-05-06"),
        (
            '{"message":"{\\"error\\":{\\"code\\":429,\\"message\\":\\"Resource has been exhausted (e.g. check '
            'quota).\\",\\"status\\":\\"RESOURCE_EXHAUSTED\\"}}","status":429,"modelId":"gemini-2.5-flash",'
            '"providerId":"gemini"}',
            "gemini-2.5-flash",
        ),
        (
            'litellm.RateLimitError: VertexAIException - {"error": {"code": 429, "message": "Resource has been '
            'exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}. Received Model Group=gemini/gemini-2.5-pro',
            "gemini-2.5-pro",
        ),
        (
            'Calling the API using the gemini-2.5-pro model fails: 503 UNAVAILABLE. {"error": {"code": 503, '
            '"message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}',
            "gemini-2.5-pro",
        ),
    ],
)
def test_model_named_by_the_wrapper(text: str, model: str) -> None:
    assert one(text).model == model


def test_the_quota_dimension_wins_over_the_wrappers_model() -> None:
    inner = (
        '{\\"error\\":{\\"code\\":429,\\"message\\":\\"You exceeded your current quota\\",\\"status\\":'
        '\\"RESOURCE_EXHAUSTED\\",\\"details\\":[{\\"@type\\":\\"type.googleapis.com/google.rpc.QuotaFailure\\",'
        '\\"violations\\":[{\\"quotaMetric\\":\\"generativelanguage.googleapis.com/generate_content_free_tier_'
        'requests\\",\\"quotaId\\":\\"GenerateRequestsPerDayPerProjectPerModel-FreeTier\\",\\"quotaDimensions\\":'
        '{\\"model\\":\\"gemini-2.5-flash-preview-image\\",\\"location\\":\\"global\\"}}]}]}}'
    )
    d = one(f'{{"message":"{inner}","modelId":"gemini-2.5-flash-image"}}')
    assert (d.kind, d.model) == (Kind.RPD, "gemini-2.5-flash-preview-image")


def test_a_fallback_notice_does_not_name_the_failing_model() -> None:
    # gemini-cli's notice names the model it switches *to*, not the one that failed.
    d = one(
        "[API Error: Resource has been exhausted (e.g. check quota).]\n"
        "Possible quota limitations in place or slow response times detected. Switching to the "
        "gemini-2.5-flash model for the rest of this session."
    )
    assert (d.kind, d.model) == (Kind.UNSPECIFIED_429, None)


# --- real6: markdown bold in a code phrase; Gemini's own 400 wordings ----------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (paste("real6", "008"), Kind.MODEL_NOT_FOUND),
        ("Error in handler: googleapi: **Error 429:**", Kind.UNSPECIFIED_429),
        ("**googleapi: Error 403:** ", Kind.PERMISSION),
    ],
)
def test_markdown_bold_inside_a_code_phrase(text: str, kind: Kind) -> None:
    assert one(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "googleapi: Error 404:",
        "[GoogleGenerativeAI Error]: [429 Too Many Requests] Resource has been exhausted (e.g. check quota).",
        "The page you asked for: Error 404 not found",
        "OpenAI API error (429): Rate limit reached for gpt-4o",
        "def f(**kwargs): pass",
    ],
)
def test_bold_markers_do_not_change_the_reading(text: str) -> None:
    bold = text.replace("Error", "**Error**").replace("googleapi", "**googleapi**")
    assert (one(bold).kind, one(bold).model) == (one(text).kind, one(text).model)


@pytest.mark.parametrize(
    "text",
    [
        paste("real6", "013"),
        paste("real6", "015"),
        "InvalidArgument: 400 Please ensure that function response turn comes immediately after a function "
        "call turn.",
        "Error: Please ensure that function call turns come immediately after a user turn",
        paste("real6", "010"),
        '400 * GenerateContentRequest.generation_config.response_schema.properties["x"].type: must be specified',
        "* BatchEmbedContentsRequest.requests[3].content: contains an empty Part",
    ],
)
def test_gemini_request_wordings_are_bad_request(text: str) -> None:
    d = one(text)
    assert (d.kind, d.retry) == (Kind.BAD_REQUEST, Retry.FIX), d.why


@pytest.mark.parametrize(
    "text",
    [
        "Please ensure that the function returns immediately after the user clicks",
        "* MyRequest.contents[0]: required field missing",
    ],
)
def test_lookalike_request_wordings_are_not_claimed(text: str) -> None:
    assert one(text).kind == Kind.UNRECOGNIZED


# --- hard wraps: spaces left before the newline; a quota id cut mid-token ---------------------------------


def _wrap(text: str, width: int) -> str:
    """A terminal's hard wrap: every line cut at ``width`` characters, even inside a token."""
    return "\n".join(
        "\n".join(line[i : i + width] for i in range(0, max(len(line), 1), width))
        for line in text.split("\n")
    )


@pytest.mark.parametrize(
    ("prefix", "width", "kind"),
    [
        ("real5/054", 50, Kind.ZERO_QUOTA),
        ("real5/054", 37, Kind.ZERO_QUOTA),
        ("real6/001", 50, Kind.RPM),
        ("real6/005", 50, Kind.RPM),
        ("real6/005", 31, Kind.RPM),
        ("real5/016", 45, Kind.RPM),
        ("real5/048", 40, Kind.TPM),
        ("real5/002", 60, Kind.RPD),
    ],
)
def test_hard_wrapped_pastes_read_like_the_original(prefix: str, width: int, kind: Kind) -> None:
    folder, number = prefix.split("/")
    text = paste(folder, number)
    assert one(text).kind == kind
    assert one(_wrap(text, width)).kind == kind


def test_wrap_with_trailing_spaces_and_box_borders() -> None:
    text = paste("real7", "002")
    boxed = "\n".join(f"│ {line} │" for line in text.split("\n"))
    d = one(boxed)
    assert (d.kind, d.model) == (Kind.RPM, "gemini-pro")
    assert one(paste("real6", "001").replace("limit '", "limit \n'")).kind == Kind.RPM


def test_a_whole_quota_id_at_a_line_end_is_not_glued_to_the_next_word() -> None:
    text = (
        "429 RESOURCE_EXHAUSTED quotaId: GenerateRequestsPerDayPerProjectPerModel-FreeTier\n"
        "Please retry in 5s."
    )
    d = one(text)
    assert d.kind == Kind.RPD
    assert d.quota_id == "GenerateRequestsPerDayPerProjectPerModel-FreeTier"


def _word_wrap(text: str, width: int) -> str:
    """A wrap at ``width`` columns at spaces, cutting only tokens longer than a line (textwrap)."""
    return "\n".join(
        "\n".join(
            textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False, drop_whitespace=False)
        )
        for line in text.split("\n")
    )


@pytest.mark.parametrize(
    ("prefix", "width", "kind"),
    [
        # A wrap between two words of a wording ("Quota exceeded for\nmetric:") and a metric cut
        # more than once ("…/gener\nate_content_requests_per_minute_per_project_per_ba\nse_model").
        ("peers/001", 80, Kind.RPM),
        ("peers/036", 50, Kind.ZERO_QUOTA),
        ("corpus-dev/082", 50, Kind.RPM),
        ("real/077", 50, Kind.RPM),
        ("real2/009", 50, Kind.TPM),
        ("real/024", 50, Kind.TPM),
    ],
)
def test_words_and_metrics_cut_by_wraps(prefix: str, width: int, kind: Kind) -> None:
    folder, number = prefix.split("/")
    text = paste(folder, number)
    assert one(text).kind == kind
    assert one(_word_wrap(text, width)).kind == kind


def test_a_whole_metric_at_a_line_end_is_not_glued_to_the_next_word() -> None:
    text = (
        "429 Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model\n"
        "with base model: gemini-pro. Please submit a quota increase request."
    )
    d = one(text)
    assert (d.kind, d.model) == (Kind.RPM, "gemini-pro")


# --- real8: value-less free-tier ids beside an unsuffixed per-day id; a model named on a command line -------


def test_free_tier_ids_beside_an_unsuffixed_per_day_id_are_zero_quota() -> None:
    d = one(paste("real8", "002"))
    assert (d.kind, d.model) == (Kind.ZERO_QUOTA, "gemini-2.0-pro-exp")


def _violations(*ids: str, value: str | None = None) -> str:
    items = ",".join(
        '{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests",'
        f'"quotaId":"{i}"' + (f',"quotaValue":"{value}"' if value else "") + "}"
        for i in ids
    )
    return (
        '{"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",'
        '"details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[' + items + "]}]}}"
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            _violations(
                "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                "GenerateRequestsPerDayPerProjectPerModel",
                "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
            ),
            Kind.ZERO_QUOTA,
        ),
        # With limit values the dimension decides; a paid tier id is not a free-tier zero.
        (
            _violations(
                "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                "GenerateRequestsPerDayPerProjectPerModel",
                value="15",
            ),
            Kind.RPD,
        ),
        (
            _violations(
                "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                "GenerateRequestsPerDayPerProjectPerModel-PaidTier2",
            ),
            Kind.RPD,
        ),
    ],
)
def test_value_less_id_sets(text: str, kind: Kind) -> None:
    assert one(text).kind == kind


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (paste("real8", "006"), "gemini-2.5-flash"),
        (
            "$ aider --model gemini/gemini-2.5-pro\nError: API key expired. Please renew the API key.",
            "gemini-2.5-pro",
        ),
        (
            "gemini -m gemini-3-flash-preview -p hi\nAPI key not valid. Please pass a valid API key.",
            "gemini-3-flash-preview",
        ),
    ],
)
def test_model_named_on_a_command_line(text: str, model: str) -> None:
    d = one(text)
    assert (d.kind, d.model) == (Kind.BAD_KEY, model)


def test_python_dash_m_is_not_a_model() -> None:
    d = one("python -m pip install x\nAPI key not valid. Please pass a valid API key.")
    assert (d.kind, d.model) == (Kind.BAD_KEY, None)
