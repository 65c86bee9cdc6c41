"""Classify parsed Google errors into diagnoses (SPEC §2): kind, retry class, backend and evidence.

The rules are ordered data: the first rule that matches decides the kind. The order encodes the
SPEC §2 pitfalls: billing and key problems before quota; zero quota before any dimension; a named
dimension (from quotaId, ErrorInfo ``quota_limit``, the old sentence or the Vertex metric) before
capacity wording; a bare 429 is ``unspecified-429``, never a guess at rpm.

Free-tier limit values (data rule for the shared ``generate_content_free_tier_requests`` metric,
whose bullets do not say whether RPM or RPD was hit): RPM limits seen are 2, 5, 10, 15, 30, 60;
RPD limits seen are 20, 25, 50, 100, 200, 250, 500, 1000, 1500, 14400. An unseen value above 60 is
taken as RPD, one at or below as RPM. Several limit lines for that one metric mean both windows were
hit, so the most restrictive class (rpd) wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from gemquota.core.diagnosis import RETRY_OF, RETRY_RANK, Backend, Diagnosis, Kind, Retry, Tier
from gemquota.core.google_error import (
    CANONICAL_STATUSES,
    STATUS_OF_CODE,
    GoogleError,
    Violation,
    canonical_status,
    parse_body,
    parse_text,
)
from gemquota.core.keykind import KeyKind
from gemquota.core.lazyre import LazyRe
from gemquota.core.matrix import Credential, fixes_for
from gemquota.core.parse import named_model
from gemquota.core.parse.records import terminated_only
from gemquota.core.parse.vocab import (
    ANCHOR_IDS,
    CODE_ASSIST_METRIC,
    DAY_WINDOW_WORDS,
    GENERIC_ANCHORS,
    GOOGLE_HINTS,
    GOOGLE_WORD_CODES,
    MINUTE_WINDOW_WORDS,
    MODEL_ID,
    OTHER_RESOURCE_NOT_FOUND,
    REASONS,
    TOKEN_WINDOW_WORDS,
    reason_entry,
)
from gemquota.core.quota import (
    Measure,
    WindowName,
    measure_from,
    model_from_display_name,
    model_from_metric,
    quota_group_for_model,
    tier_from_metric,
    tier_from_quota_id,
    window_from_metric,
    window_from_quota_id,
)
from gemquota.core.reset import Basis, Window, clamp_delay, reset_window

FREE_RPM_LIMITS = frozenset({2, 5, 10, 15, 30, 60})
FREE_RPD_LIMITS = frozenset({20, 25, 50, 100, 200, 250, 500, 1000, 1500, 14400})
#: The free-tier request metrics one limit per minute and one per day share (their bullets do not say
#: which was hit): metric → (RPM limits seen, RPD limits seen, the largest value read as per minute when
#: unseen). The embedding metric's 100 a minute and 1,000 a day are Service Usage's defaults as recorded
#: (tests/fixtures/recorded-google-bodies/serviceusage, 2026).
FREE_SHARED_REQUESTS: dict[str, tuple[frozenset[int], frozenset[int], int]] = {
    "generate_content_free_tier_requests": (FREE_RPM_LIMITS, FREE_RPD_LIMITS, 60),
    "embed_content_free_tier_requests": (frozenset({100}), frozenset({1000}), 100),
}
#: A Code Assist reset at least this long is a daily window, not a per-minute one.
CODE_ASSIST_DAILY_S = 3600.0
#: A retry hint this long on a Gemini API / Vertex quota 429 is a day window's (minute windows are short).
DAY_RETRY_S = 3600.0
#: … up to the longest Pacific day (25 h, the autumn DST switch): a longer hint is no day window's either.
DAY_RETRY_MAX_S = 25 * 3600.0

_WINDOW_KINDS = {Kind.RPM, Kind.TPM, Kind.IPM, Kind.RPD, Kind.TPD}


def _shared_free_metric(metric: str | None) -> str | None:
    """The shared free-tier request metric ``metric`` names (``FREE_SHARED_REQUESTS``), if any."""
    if metric:
        for name in FREE_SHARED_REQUESTS:
            if name in metric:
                return name
    return None


TITLES: dict[Kind, str] = {
    Kind.RPM: "Requests per minute exhausted",
    Kind.TPM: "Input tokens per minute exhausted",
    Kind.IPM: "Images per minute exhausted",
    Kind.RPD: "Requests per day exhausted",
    Kind.TPD: "Input tokens per day exhausted",
    Kind.ZERO_QUOTA: "No quota for this model on this project (limit 0)",
    Kind.BILLING_LIMIT: "Billing limit reached (prepaid credits or spend cap)",
    Kind.CAPACITY: "Shared capacity exhausted (not your project's quota)",
    Kind.UNSPECIFIED_429: "429 Resource exhausted, no quota named",
    Kind.OVERLOADED: "Model overloaded (503), not a quota problem",
    Kind.INTERNAL: "Internal server error (500)",
    Kind.DEADLINE: "Deadline exceeded (504)",
    Kind.REGION: "Gemini API not available from this location",
    Kind.PLAN_QUOTA: "Plan allowance used up (per-user Code Assist / Antigravity quota)",
    Kind.BAD_KEY: "API key not valid",
    Kind.AUTH_METHOD: "This kind of credential, or the way it is sent, is rejected",
    Kind.LEAKED_KEY: "API key reported as leaked and blocked",
    Kind.API_DISABLED: "Generative Language API not enabled on the key's project",
    Kind.PERMISSION: "Permission denied",
    Kind.BILLING_DISABLED: "Billing disabled on the project",
    Kind.MODEL_NOT_FOUND: "Model not found or not supported",
    Kind.BAD_REQUEST: "Bad request (not a quota problem)",
    Kind.UNRECOGNIZED: "No Google/Gemini error recognised",
}
_TIER_LABEL = {
    Tier.FREE: "free tier",
    Tier.TIER_1: "tier 1",
    Tier.TIER_2: "tier 2",
    Tier.TIER_3: "tier 3",
    Tier.PAID: "paid tier",
}


@dataclass(frozen=True)
class _Decision:
    kind: Kind
    why: str
    violation: Violation | None = None
    #: What the decision inferred rather than read (shown in ``assumptions``).
    assumption: str | None = None


# --------------------------------------------------------------------------------------------------
# Backend


#: The wordings of a model the API does not know (generic "Model X not found", Google's own "not found for API
#: version").
_NOT_FOUND_WORDINGS = frozenset({"not_found", "not_found_api"})


def backend_of(err: GoogleError) -> Backend:
    """Which backend produced ``err``: Code Assist signals first, then the API host, then wording."""
    hosts = set(err.hosts)
    hints = err.hints
    domain = (err.domain or "").lower()
    service = (err.service or "").lower()
    names = f"{domain} {service} {' '.join(hosts)}"
    if (
        "cloudcode-pa" in names
        or "cloudaicompanion" in names
        or hints & {"code-assist", "per_user_tier", "oauth_fallback", "ca_words"}
        or err.signals
        & {"ca_capacity", "individual_quota", "plan_baseline", "ca_limit", "no_capacity", "plan_daily"}
        or err.signals & {"unsupported_client", "not_eligible", "ca_busy", "client_outdated"}
        or "UNSUPPORTED_CLIENT" in err.reasons
        or err.reset_delay_s is not None
        or (
            "QUOTA_EXHAUSTED" in err.reasons
            and "generativelanguage" not in names
            and "aiplatform" not in names
        )
        or (err.list_wrapped and err.legacy_errors and "gemini_cli" in hints)
        or (
            (_code_assist_metric(err) or _code_assist_error_info(err))
            and "generativelanguage" not in names
            and "aiplatform" not in names
        )
        or (
            "agent_terminated" in err.signals
            and not {"generativelanguage", "aiplatform"} & set(names.split())
        )
    ):
        return Backend.CODE_ASSIST
    metrics = (
        " ".join(v.metric or "" for v in err.violations) + " " + dict(err.metadata).get("quota_metric", "")
    )
    if "generativelanguage" in names or "generativelanguage" in metrics:
        return Backend.GEMINI_API
    if "aiplatform" in names or "aiplatform" in metrics or "vertexquota" in err.signals:
        return Backend.VERTEX_AI
    gemini_hosts = {
        "ai.google.dev",
        "ai.dev",
        "aistudio.google.com",
        "ai.studio",
        "developers.generativeai.google",
    }
    message = " ".join(err.messages)
    if (
        hosts & gemini_hosts
        or hints & {"lc_genai", "old_py", "old_js", "aistudio", "genlang"}
        or "region" in err.signals
        or (err.signals & _NOT_FOUND_WORDINGS and "ListModels" in message)
        or "bullet" in err.signals
        or err.signals & {"retired_sentence", "rate_model"}
        or any(h.startswith("word-code:") for h in hints)
        or (any(h.startswith("ws-close:") for h in hints) and ("google_sdk" in hints or _google_wording(err)))
    ):
        return Backend.GEMINI_API
    if (
        any("vertex-ai" in h for h in hosts)
        or hints & {"vertex_sdk", "lc_vertex", "gax", "through_vertex"}
        or err.signals & {"out_of_capacity", "vertex_capacity", "try_later", "error_code_429", "adc_missing"}
        or any("vertex-ai" in link for link in err.links)
    ):
        return Backend.VERTEX_AI
    return Backend.UNKNOWN


# --------------------------------------------------------------------------------------------------
# Quota dimension rules


def _free_window(metric: str, value: int | None) -> WindowName | None:
    if value is None or value == 0:
        return None
    per_minute, per_day, most_per_minute = FREE_SHARED_REQUESTS[metric]
    if value in per_minute:
        return "minute"
    if value in per_day:
        return "day"
    return "day" if value > most_per_minute else "minute"


_KIND_OF: dict[tuple[str, str], Kind] = {
    ("minute", "requests"): Kind.RPM,
    ("day", "requests"): Kind.RPD,
    ("minute", "tokens"): Kind.TPM,
    ("day", "tokens"): Kind.TPD,
    ("minute", "images"): Kind.IPM,
    ("day", "images"): Kind.RPD,
    ("minute", "other"): Kind.RPM,
    ("day", "other"): Kind.RPD,
}


@lru_cache(maxsize=512)
def violation_kind(v: Violation) -> Kind | None:
    """The dimension one violation names (quotaId first, then metric, then the limit value).
    (A violation is a frozen value and the same ones recur: the answer is remembered.)"""
    window = window_from_quota_id(v.quota_id) if v.quota_id else None
    measure = measure_from(v.quota_id) if v.quota_id else "other"
    if measure == "other" and v.metric:
        measure = measure_from(v.metric)
    if window is None and v.metric:
        window = window_from_metric(v.metric)
    if window is None and v.description and not (v.quota_id or v.metric):
        # Only the violation's description names it ("daily limit", "per minute limit").
        window = _window_words(v.description)
        if measure == "other":
            measure = _measure_words(v.description)
    if window is None:
        if measure in ("tokens", "images"):
            window = "minute"
        elif measure == "requests" and (shared := _shared_free_metric(v.metric)):
            window = _free_window(shared, v.value)
    if window is None:
        return None
    return _KIND_OF.get((window, measure))


def _restrictive(kinds: list[tuple[Kind, Violation]]) -> tuple[Kind, Violation] | None:
    if not kinds:
        return None
    return min(kinds, key=lambda kv: RETRY_RANK[RETRY_OF[kv[0]]])


def _zero_quota(err: GoogleError) -> _Decision | None:
    zeros = [v for v in err.violations if v.is_zero]
    if zeros:
        # Several limits at 0: report a request-count quota (RPM/RPD) rather than a token one.
        v = next((z for z in zeros if _counts_requests(z)), zeros[0])
        label = v.quota_id or v.metric or "quota"
        return _Decision(Kind.ZERO_QUOTA, f"The limit of {label} is 0: this project has no quota for it.", v)
    if "no_free_tier" in err.signals:
        return _Decision(Kind.ZERO_QUOTA, "The model has no free quota tier: its free-tier limit is 0.")
    ids = {v.quota_id for v in err.violations if v.quota_id}
    valued = any(v.value_text is not None for v in err.violations)
    free = {i for i in ids if tier_from_quota_id(i) == Tier.FREE}
    # The free-tier ids, plus only ids that name no tier at all (the unsuffixed per-day id Google lists
    # beside them for an experimental model), all violated with no limit value.
    if (
        len(free) >= 2
        and not valued
        and all("Tier" not in i for i in ids - free)
        and len({violation_kind(v) for v in err.violations if v.quota_id in free}) >= 2
    ):
        first = next(v for v in err.violations if v.quota_id)
        return _Decision(
            Kind.ZERO_QUOTA,
            "Several free-tier quotas (per minute, per day, tokens) are violated at once with no limit "
            "value: the free-tier limit for this model is 0.",
            first,
        )
    return None


def _counts_requests(v: Violation) -> bool:
    """Whether a violation is a request-count quota (its quotaId, else its metric, says so)."""
    measure = measure_from(v.quota_id) if v.quota_id else "other"
    if measure == "other":
        measure = measure_from(v.metric)
    return measure == "requests"


def _dimension(err: GoogleError) -> _Decision | None:
    kinds: list[tuple[Kind, Violation]] = []
    for v in err.violations:
        kind = violation_kind(v)
        if kind is not None and v.source != "words":
            kinds.append((kind, v))
    if not kinds:
        # Only the error's words name the window ("daily quota exceeded"): read when nothing else does, and
        # only when all such words agree on it ("the per-minute cap … the daily cap" names none).
        worded = [
            (k, v) for v in err.violations if v.source == "words" and (k := violation_kind(v)) is not None
        ]
        if len({k for k, _v in worded}) == 1:
            kinds = worded[:1]
    free_bullets = [v for v in err.violations if v.source == "bullet" and _shared_free_metric(v.metric)]
    if len(free_bullets) >= 2 and not any(v.quota_id for v in err.violations):
        kinds.append((Kind.RPD, free_bullets[0]))
    best = _restrictive(kinds)
    if best is not None:
        kind, v = best
        if v.quota_id:
            source = f"quotaId {v.quota_id}"
        elif v.metric:
            source = f"metric {v.metric}"
        elif v.source == "words":
            source = f"told in words: '{v.description}'"
        else:
            source = f"named by its description: '{v.description}'"
        guess = None
        if v.source == "words":
            guess = (
                f"The window is taken from the words '{v.description}' around the error: no quota id or "
                "metric names it, and the words may be a person's or an application's rather than Google's."
            )
        elif not v.quota_id and _shared_free_metric(v.metric):
            source += f" with limit {v.value}" if v.value is not None else " listed several times"
            per = "per minute" if kind in (Kind.RPM, Kind.TPM, Kind.IPM) else "per day"
            guess = (
                f"The window ({per}) is inferred from the size of the limit ({v.value:,}); the quota id does "
                "not name it (the free-tier request metric is shared by RPM and RPD)."
                if v.value is not None
                else "Several limits on the shared free-tier request metric are read as a per-day quota "
                "(the most restrictive); the quota id does not name the window."
            )
        elif (
            not v.quota_id
            and window_from_metric(v.metric or "") is None
            and not (v.description and _window_words(v.description))
        ):
            guess = "The window is inferred from what the metric counts (tokens and images per minute)."
        return _Decision(kind, f"The violated quota is {source}.", v, guess)
    meta = dict(err.metadata)
    limit_name = meta.get("limit_name") or ""
    for name in (err.quota_limit_name, limit_name, err.quota_metric_name, meta.get("quota_metric")):
        if not name:
            continue
        window = window_from_quota_id(name) or window_from_metric(name) or _window_words(name)
        if window is None:
            continue
        measure = measure_from(name)
        kind = _KIND_OF.get((window, measure), Kind.RPM if window == "minute" else Kind.RPD)
        return _Decision(kind, f"The exhausted limit is '{name}'.")
    unit = meta.get("quota_unit") or ""
    window = _window_of_unit(unit)
    if window is not None:
        # Service Control's unit of the limit in the ErrorInfo ("quota_unit": "1/d/{project}", "1/min/{project}").
        measure = measure_from(meta.get("quota_metric") or "")
        kind = _KIND_OF.get((window, measure), Kind.RPM if window == "minute" else Kind.RPD)
        return _Decision(kind, f"The exhausted limit counts per {window} (quota unit '{unit}').")
    return None


_QUOTA_UNIT = LazyRe(r"\s*\d+\s*/\s*(?P<per>d|day|min|minute)\b", re.IGNORECASE)


def _window_of_unit(unit: str) -> WindowName | None:
    """The window of a quota unit ("1/d/{project}" → day, "1/min/{project}/{region}" → minute)."""
    found = _QUOTA_UNIT.match(unit)
    if found is None:
        return None
    return "day" if found.group("per").lower().startswith("d") else "minute"


#: A window and a measure named in words (``parse.vocab``'s vocabulary of them).
_DAY_WORDS = LazyRe(DAY_WINDOW_WORDS, re.IGNORECASE)
_MINUTE_WORDS = LazyRe(MINUTE_WINDOW_WORDS, re.IGNORECASE)
_TOKEN_WORDS = LazyRe(TOKEN_WINDOW_WORDS, re.IGNORECASE)


def _window_words(name: str) -> WindowName | None:
    if _DAY_WORDS.search(name):
        return "day"
    if _MINUTE_WORDS.search(name):
        return "minute"
    return None


def _measure_words(name: str) -> Measure:
    """What a limit named in words counts ("tokens per minute", "TPM", "daily request quota")."""
    measure = measure_from(name)
    if measure == "other" and _TOKEN_WORDS.search(name):
        return "tokens"
    return measure


def _code_assist(err: GoogleError) -> _Decision | None:
    """Code Assist / Antigravity: per-user plan allowances (daily or weekly) and short per-user windows."""
    reasons = set(err.reasons)
    if err.signals & {"individual_quota", "plan_baseline"}:
        return _Decision(
            Kind.PLAN_QUOTA, "The individual quota of this Code Assist / Antigravity plan is reached."
        )
    if "plan_daily" in err.signals or "ca_limit" in err.signals:
        return _Decision(
            Kind.PLAN_QUOTA, "The per-user daily allowance for this model is used up until its reset."
        )
    if "QUOTA_EXHAUSTED" in reasons:
        return _Decision(
            Kind.PLAN_QUOTA, "Code Assist reports QUOTA_EXHAUSTED: the per-user plan allowance is used up."
        )
    reset = err.reset_delay_s
    if "prose_quota" in err.signals and (reset is None or reset >= CODE_ASSIST_DAILY_S):
        return _Decision(
            Kind.PLAN_QUOTA,
            "A used-up quota of Code Assist / Antigravity told in words: the per-user plan allowance.",
            assumption="Only words tell of the quota (no code, reason or reset): on Code Assist / Antigravity a "
            "used-up quota is read as the per-user plan allowance (daily or weekly), not a short rate window.",
        )
    # (A relay that dropped the code keeps the RetryInfo: its delay stands for the reset.)
    wait = reset if reset is not None else err.retry_delay_s
    if reset is not None and reset >= CODE_ASSIST_DAILY_S:
        return _Decision(
            Kind.PLAN_QUOTA,
            "The Code Assist quota resets only after hours: a per-user plan allowance, not a minute window.",
            assumption="A reset of an hour or more is read as a plan allowance (daily or weekly), not a rate window.",
        )
    if "ca_capacity" in err.signals or (
        ("RATE_LIMIT_EXCEEDED" in reasons or "ca_reset" in err.signals or "prose_quota" in err.signals)
        and wait is not None
    ):
        return _Decision(
            Kind.RPM, "Code Assist per-user rate window exhausted; it resets after a short delay."
        )
    named = _dimension(err)
    if named is not None and named.kind in (Kind.RPD, Kind.TPD):
        return _Decision(
            Kind.PLAN_QUOTA,
            f"{named.why} On Code Assist a per-day, per-user limit is a plan allowance.",
            named.violation,
        )
    if named is None and _code_assist_metric(err):
        return _Decision(
            Kind.PLAN_QUOTA,
            f"Code Assist's per-user request quota '{err.quota_metric_name}' is used up.",
            assumption="The window is not stated: Code Assist's per-model request quota is a per-user daily "
            "allowance ('… per day per user per tier').",
        )
    return None


def _code_assist_error_info(err: GoogleError) -> bool:
    """cloudcode-pa's ErrorInfo with its domain cut (a relay's or a test's copy): a quota reason whose metadata
    names the model and no quota metric (Service Control's quota ErrorInfo names the metric and limit)."""
    keys = {k for k, _ in err.metadata}
    return (
        "model" in keys
        and not keys & {"quota_metric", "quota_limit", "quota_location", "service", "consumer"}
        and bool({"RATE_LIMIT_EXCEEDED", "MODEL_CAPACITY_EXHAUSTED"} & set(err.reasons))
    )


_CA_METRIC = LazyRe(rf"(?:{CODE_ASSIST_METRIC})\Z")


def _code_assist_metric(err: GoogleError) -> bool:
    """Whether the quota metric is Code Assist's per-model request quota ("Gemini 2.5 Pro Requests")."""
    name = err.quota_metric_name
    return name is not None and _CA_METRIC.match(name.strip()) is not None


def _states_other_status(err: GoogleError) -> bool:
    """Whether an error states a status or code of its own other than a 429's or a 503's."""
    return err.status not in (None, "RESOURCE_EXHAUSTED", "UNAVAILABLE") or err.http_code not in (
        None,
        429,
        503,
    )


def _capacity_said(err: GoogleError) -> bool:
    """Whether the error says the server has no capacity (a capacity reason, or "No capacity available")."""
    return bool(_reasons_of(err, "capacity") or err.signals & {"no_capacity", "capacity_words"})


def _capacity(err: GoogleError) -> _Decision | None:
    if _capacity_said(err):
        return _Decision(
            Kind.CAPACITY, "The server has no capacity for this model right now (not your quota)."
        )
    # (The desktop app's "Agent terminated due to error" wraps a 429 as well: a stated 429 is read as one.)
    # (… and a Google body it carries with its own status decides: "Agent terminated due to error{"error":
    # {"code": 500, …, "status": "INTERNAL"}}" is an internal error.)
    if "ca_busy" in err.signals or (
        "agent_terminated" in err.signals and not _is_429(err) and not _states_other_status(err)
    ):
        return _Decision(
            Kind.CAPACITY,
            "The Antigravity / Code Assist backend is busy ('high traffic' / 'Agent terminated due to error'): "
            "retry after a short wait.",
        )
    if "flow_busy" in err.signals:
        return _Decision(
            Kind.CAPACITY, "Google Flow (Veo) is busy ('high demand'): not your quota; retry after a while."
        )
    if err.signals & {"try_later", "out_of_capacity", "vertex_capacity"}:
        return _Decision(
            Kind.CAPACITY,
            "Vertex AI shared capacity is exhausted ('try again later'); no project quota is named.",
        )
    return None


# --------------------------------------------------------------------------------------------------
# The ordered rule list


def _is_429(err: GoogleError) -> bool:
    return err.http_code == 429 or err.status == "RESOURCE_EXHAUSTED"


def _quota_like(err: GoogleError) -> bool:
    return bool(
        _is_429(err)
        or err.violations
        or err.signals
        & {
            "bare429",
            "newquota",
            "oldquota",
            "vertexquota",
            "bullet",
            "no_free_tier",
            "try_later",
            "out_of_capacity",
            "vertex_capacity",
            "ca_capacity",
            "ca_reset",
            "no_capacity",
            "capacity_words",
            "ca_busy",
            "flow_busy",
            "agent_terminated",
            "individual_quota",
            "plan_baseline",
            "ca_limit",
            "plan_daily",
            "rate_model",
            "quota_failure",
        }
        or set(err.reasons) & _QUOTA_REASONS
        or any(v.is_zero for v in err.violations)
    )


def _reasons_of(err: GoogleError, kind: str) -> list[str]:
    """The error's Google reasons that point at ``kind`` in the one reason vocabulary (parse.vocab)."""
    return [r for r in err.reasons if (reason_entry(r) or ("", None))[1] == kind]


#: Reasons of the quota family (the vocabulary's ``quota`` entries).
_QUOTA_REASONS = frozenset(r for r, (family, _kind) in REASONS.items() if family == "quota")


def _rule_billing(err: GoogleError) -> _Decision | None:
    if "prepay" in err.signals:
        return _Decision(
            Kind.BILLING_LIMIT, "Prepaid credits are depleted: this is billing, not a rate limit."
        )
    if err.signals & {"spend_cap", "spend_limit_words"}:
        return _Decision(
            Kind.BILLING_LIMIT, "The project's spend cap is reached: this is billing, not a rate limit."
        )
    credits = _reasons_of(err, "billing-limit")
    if credits:
        return _Decision(Kind.BILLING_LIMIT, f"{credits[0]}: the credit balance is used up.")
    if err.http_code == 402 or "word-code:payment_required" in err.hints:
        return _Decision(
            Kind.BILLING_LIMIT,
            "HTTP 402 Payment Required: the prepaid credits are used up (a billing limit, not a rate limit).",
        )
    return None


def _rule_leaked(err: GoogleError) -> _Decision | None:
    if "leaked" in err.signals:
        return _Decision(Kind.LEAKED_KEY, "Google blocked this API key because it was reported as leaked.")
    return None


def _rule_auth_method(err: GoogleError) -> _Decision | None:
    method = bool(_reasons_of(err, "auth-method")) or bool(err.signals & {"auth_method", "oauth_scope"})
    # (The header's refusal is a 400 or 401: beside another code it is only a mention.)
    header = "auth_header" in err.signals and err.http_code in (None, 400, 401)
    if not method and not header and "auth_twice" not in err.signals:
        return None
    if backend_of(err) == Backend.CODE_ASSIST:
        # An OAuth sign-in (gemini-cli, Antigravity) whose token is no longer accepted.
        return _Decision(Kind.BAD_KEY, "The sign-in token was rejected (401): sign out and sign in again.")
    if "auth_twice" in err.signals and not method:
        return _Decision(
            Kind.AUTH_METHOD,
            "The key was sent twice (as a Bearer token and as key=/x-goog-api-key): send it one way only.",
        )
    if not method:
        return _Decision(
            Kind.AUTH_METHOD,
            "The Authorization header was missing or not a Bearer key: Gemini's OpenAI-compatible endpoint "
            "takes the API key only as 'Authorization: Bearer KEY'.",
        )
    return _Decision(
        Kind.AUTH_METHOD,
        "The API rejected the kind of credential or the way it was sent (401 ACCESS_TOKEN_TYPE_UNSUPPORTED / "
        "'Expected OAuth 2 access token'): a standard AIza key after the 2026 cut-offs, or an API key sent as a "
        "Bearer token or to an API that wants OAuth.",
    )


def _rule_bad_key(err: GoogleError) -> _Decision | None:
    if "adc_missing" in err.signals and err.http_code in (None, 401, 403):
        return _Decision(
            Kind.BAD_KEY,
            "Google's auth library found no credentials to send (Application Default Credentials): the call "
            "never reached the API.",
        )
    if "no_key" in err.signals:
        return _Decision(
            Kind.BAD_KEY,
            "No API key reached Google ('unregistered callers'): the key is missing from the call.",
        )
    invalid = _reasons_of(err, "bad-key")
    if invalid or err.signals & {"key_invalid", "key_invalid_words"}:
        named = f" ({invalid[0]})" if invalid else ""
        return _Decision(Kind.BAD_KEY, f"The API key is not valid, not found or expired{named}.")
    if err.http_code == 401 or err.status == "UNAUTHENTICATED" or "unauth" in err.signals:
        return _Decision(
            Kind.BAD_KEY, "The request was not authenticated (401): the key or token is not valid."
        )
    return None


def _rule_api_disabled(err: GoogleError) -> _Decision | None:
    if _reasons_of(err, "api-disabled") or "not_used" in err.signals:
        return _Decision(
            Kind.API_DISABLED, "The API is not enabled on the project the key or credentials belong to."
        )
    return None


def _rule_billing_disabled(err: GoogleError) -> _Decision | None:
    if _reasons_of(err, "billing-disabled") or err.signals & {"billing_required", "billing_enable_project"}:
        return _Decision(Kind.BILLING_DISABLED, "Billing is disabled on the project (BILLING_DISABLED).")
    if "dunning" in err.signals:
        return _Decision(
            Kind.BILLING_DISABLED,
            "Google holds the project: its billing account has an unpaid balance (a dunning decision of deny).",
        )
    return None


def _rule_region(err: GoogleError) -> _Decision | None:
    if err.signals & {"region", "region_words"}:
        return _Decision(
            Kind.REGION, "The Gemini API (or its free tier) is not available from this location."
        )
    if err.http_code == 451:
        # HTTP's own status of a block for legal reasons ("451 Unavailable For Legal Reasons"): a location block.
        return _Decision(
            Kind.REGION, "The service refused the request for legal reasons (HTTP 451): a block by location."
        )
    return None


def _rule_permission(err: GoogleError) -> _Decision | None:
    reasons = set(err.reasons)
    permission = {r for r in reasons if (reason_entry(r) or ("", None))[1] == "permission"}
    if permission - {"UNSUPPORTED_CLIENT"}:
        reason = sorted(permission)[0]
        return _Decision(Kind.PERMISSION, f"Access is denied ({reason}).")
    if "client_outdated" in err.signals:
        return _Decision(
            Kind.PERMISSION,
            "The backend refuses this version of the Google client (Antigravity / gemini-cli): update the "
            "client to its current release; retrying the same version never helps.",
        )
    if err.signals & {"unsupported_client", "not_eligible"} or "UNSUPPORTED_CLIENT" in reasons:
        return _Decision(
            Kind.PERMISSION,
            "This Google sign-in is not eligible for the tool: gemini-cli / Code Assist for individuals ended "
            "on 2026-06-18 (Antigravity is its successor), or the account failed the eligibility check.",
        )
    if err.signals & {"suspended", "consumer_suspended", "tos", "denied_access"}:
        return _Decision(
            Kind.PERMISSION, "The consumer (key or project) is suspended, blocked or denied access."
        )
    if err.http_code == 403 or err.status == "PERMISSION_DENIED":
        return _Decision(Kind.PERMISSION, "Permission denied (403) for this key, project or principal.")
    if "perm_denied" in err.signals and not _is_429(err):
        return _Decision(Kind.PERMISSION, "Permission denied for this key, project or principal.")
    return None


def _rule_quota(err: GoogleError) -> _Decision | None:
    if not _quota_like(err):
        return None
    for rule in (_zero_quota, _code_assist_if, _capacity_reason, _dimension, _capacity):
        decision = rule(err)
        if decision is not None:
            return decision
    if _is_429(err) or err.signals & {"bare429", "newquota"} or _QUOTA_REASONS.intersection(err.reasons):
        long_wait = _day_by_retry(err)
        if long_wait is not None:
            return long_wait
        # (Also a Google quota reason alone — RATE_LIMIT_EXCEEDED — in a body that lost its code.)
        return _Decision(
            Kind.UNSPECIFIED_429,
            "A 429 that names no quota dimension: probably a short burst or shared capacity.",
        )
    return None


def _day_by_retry(err: GoogleError) -> _Decision | None:
    """A Gemini API / Vertex quota 429 that names no window but asks to retry in an hour or more (and at most
    a day): no minute window lasts that long, so it is a per-day quota (requests, the common one); said as an
    assumption."""
    delay = err.retry_delay_s
    if delay is None or not DAY_RETRY_S <= delay <= DAY_RETRY_MAX_S or backend_of(err) == Backend.CODE_ASSIST:
        return None
    return _Decision(
        Kind.RPD,
        f"A quota 429 asks to retry in {_fmt_s(delay)}: only a per-day quota keeps a project waiting that long.",
        assumption=f"The window (per day, requests) is inferred from the retry hint of {_fmt_s(delay)}: no quota "
        "id or metric names it (a per-day token quota reads the same).",
    )


def _code_assist_if(err: GoogleError) -> _Decision | None:
    if backend_of(err) != Backend.CODE_ASSIST:
        return None
    return _code_assist(err)


def _capacity_reason(err: GoogleError) -> _Decision | None:
    if _capacity_said(err):
        return _capacity(err)
    return None


_OTHER_RESOURCE_NOT_FOUND = LazyRe(OTHER_RESOURCE_NOT_FOUND)
#: The publisher of a Vertex AI model path ("…/publishers/meta/models/llama-3…").
_PUBLISHER = LazyRe(r"publishers/([\w\-]{1,40})/models/")


def _rule_status(err: GoogleError) -> _Decision | None:
    code, status, signals = err.http_code, err.status, err.signals
    if signals & {"retired", "retired_sentence", "retired_words"}:
        return _Decision(
            Kind.MODEL_NOT_FOUND,
            "The model is retired ('no longer available'): requests to it fail for good; move to a current model.",
        )
    if "publisher_region" in signals:
        return _Decision(
            Kind.MODEL_NOT_FOUND,
            "Vertex AI does not serve this model in the region (location) called: call it in a region, or the "
            "global endpoint, where the model is offered.",
        )
    if "publisher_closed" in signals:
        publisher = next((m.group(1) for m in map(_PUBLISHER.search, err.messages) if m), "google")
        if publisher.lower() != "google":
            return _Decision(
                Kind.PERMISSION,
                f"Vertex AI does not let this project use {publisher}'s model: a partner model is used only once "
                "it is enabled (its terms accepted) in Model Garden for the project.",
            )
        return _Decision(
            Kind.MODEL_NOT_FOUND,
            "Vertex AI does not let this project use the model: it is retired for new projects or open only to "
            "allowlisted ones; move to a current model.",
        )
    if (
        "ws-close:1011" in err.hints
        and not err.signals
        & {"status_word", "status_field", "overloaded_google", "overloaded_reason", "deadline"}
        and not err.reasons
    ):
        # A Live API 1011 closes with prose ("service is currently unavailable"): only a reason or
        # status name in it (OVERLOADED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED), Google's own 503
        # sentence or a deadline says more than 500.
        return _Decision(
            Kind.INTERNAL, "The Live API session closed with 1011 (internal error) on Google's side."
        )
    if code == 501 or status == "UNIMPLEMENTED":
        return _Decision(Kind.BAD_REQUEST, "The method is not implemented for this model or API (501).")
    if (
        signals & {"overloaded", "overloaded_google", "overloaded_reason"}
        or code in (502, 503)
        or status == "UNAVAILABLE"
    ):
        what = "a bad gateway (502)" if code == 502 else "overloaded or unavailable (503)"
        return _Decision(Kind.OVERLOADED, f"The service is {what}: not your quota.")
    if "deadline" in signals or code in (408, 499, 504) or status in ("DEADLINE_EXCEEDED", "CANCELLED"):
        what = {408: "timed out (408)", 499: "was cancelled (499)"}.get(
            code or 0, "exceeded its deadline (504)"
        )
        return _Decision(Kind.DEADLINE, f"The request {what}.")
    if "internal" in signals or code == 500 or status in ("INTERNAL", "UNKNOWN", "DATA_LOSS"):
        return _Decision(Kind.INTERNAL, "Google returned an internal error (500).")
    if signals & _NOT_FOUND_WORDINGS or code == 404 or status == "NOT_FOUND":
        if "resource_not_found" in signals or (
            not err.message_model and any(_OTHER_RESOURCE_NOT_FOUND.search(m) for m in err.messages)
        ):
            # Another resource the request names is gone ("Session projects/…/sessions/717… not found.", a file,
            # a cached content, an operation): the request is wrong, not the model.
            return _Decision(
                Kind.BAD_REQUEST,
                "A resource the request names (a project, session, file, cached content, operation …) does not exist; "
                "the model is not in question.",
            )
        return _Decision(
            Kind.MODEL_NOT_FOUND, "The model is not found or not supported for this method/version."
        )
    if "service_agents" in signals:
        return _Decision(
            Kind.BAD_REQUEST,
            "Vertex AI is still creating the project's service agent that reads Cloud Storage files (400): it is "
            "ready within minutes of the first such request; until then, send the file inline or wait.",
        )
    if (
        signals & {"too_many_tokens", "invalid_payload", "bad_request_detail"}
        or code in (400, 409, 416)
        or any((reason_entry(r) or ("", None))[1] == "bad-request" for r in err.reasons)
        or status in ("INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE", "ALREADY_EXISTS", "ABORTED")
    ):
        return _Decision(
            Kind.BAD_REQUEST, "Google rejected the request itself (400): retrying unchanged cannot help."
        )
    if code is not None and 500 <= code <= 599:
        return _Decision(Kind.INTERNAL, f"Google returned a server error ({code}).")
    if code is not None and 400 <= code <= 499:
        # Another client error (422 from an SDK's own check …): the request, not the quota.
        return _Decision(
            Kind.BAD_REQUEST, f"The request was rejected ({code}): retrying unchanged cannot help."
        )
    return None


#: The ordered rules: the first that matches decides the kind.
RULES: tuple[Callable[[GoogleError], _Decision | None], ...] = (
    _rule_billing,
    _rule_leaked,
    _rule_auth_method,
    _rule_bad_key,
    _rule_api_disabled,
    _rule_billing_disabled,
    _rule_region,
    _rule_permission,
    _rule_quota,
    _rule_status,
)


def _decide(err: GoogleError) -> _Decision:
    for rule in RULES:
        decision = rule(err)
        if decision is not None:
            return decision
    return _Decision(Kind.UNRECOGNIZED, "No Google/Gemini error was recognised in the input.")


def decide(err: GoogleError) -> tuple[Kind, str, Violation | None]:
    """The kind of one error, why, and the violation that decided it (if any)."""
    decision = _decide(err)
    return decision.kind, decision.why, decision.violation


# --------------------------------------------------------------------------------------------------
# Diagnosis assembly


def _tier(err: GoogleError, v: Violation | None) -> Tier | None:
    ordered = ([v] if v is not None else []) + [w for w in err.violations if w is not v]
    for w in ordered:
        tier = tier_from_quota_id(w.quota_id) or tier_from_metric(w.metric)
        if tier is not None:
            return tier
    for name in (err.quota_limit_name, dict(err.metadata).get("quota_metric")):
        tier = tier_from_quota_id(name) or tier_from_metric(name)
        if tier is not None:
            return tier
    for hint in err.hints:
        if hint.startswith("tier:"):
            return Tier(hint[5:])
    return None


def _model(err: GoogleError, v: Violation | None) -> str | None:
    if v is not None and v.model:
        return v.model
    for w in err.violations:
        if w.model:
            return w.model
    metric = dict(err.metadata).get("quota_metric")
    # The model the error's own words name ("models/X is not found", "No capacity available for model
    # X") before the request's (a URL, an SDK call or config echoed beside it, a log line).
    return _completed(
        err.dimension_model
        or err.message_model
        or err.request_model
        or err.display_model
        or model_from_metric(metric)
        or model_from_display_name(err.quota_metric_name)
        or err.named_model,
        err,
    )


def _completed(model: str | None, err: GoogleError) -> str | None:
    """A model id cut mid-word by a log's truncation (``gemini-3-flas``) stands for the longer id the
    same error names elsewhere (``gemini-3-flash-preview``); a whole id before ``-``/``.`` is another
    model (``gemini-2.5-flash`` is not ``gemini-2.5-flash-lite``), and one before ``@`` its base model as a
    quota names it (``text-unicorn`` of ``text-unicorn@001``)."""
    if not model:
        return model
    for other in (err.dimension_model, err.message_model, err.request_model, err.display_model):
        if other and len(other) > len(model) and other.startswith(model) and other[len(model)] not in "-.@":
            return other
    return model


def _credential(err: GoogleError, backend: Backend) -> Credential | None:
    """``"token"`` when a key error is about OAuth credentials, not an API key: Google's auth library found
    none (Application Default Credentials), or Vertex AI refused the token (401) and nothing names a key."""
    if "adc_missing" in err.signals:
        return "token"
    if err.signals & {"key_invalid", "key_invalid_words", "no_key"} or _reasons_of(err, "bad-key"):
        return None
    return "token" if backend == Backend.VERTEX_AI else None


def _headline(
    kind: Kind,
    model: str | None,
    tier: Tier | None,
    limit: int | None,
    backend: Backend,
    http_code: int | None = None,
    credential: Credential | None = None,
) -> str:
    parts = [p for p in (model, _TIER_LABEL.get(tier) if tier else None) if p]
    if limit is not None and kind in (_WINDOW_KINDS | {Kind.ZERO_QUOTA}):
        parts.append(f"limit {limit:,}")
    if backend == Backend.CODE_ASSIST and kind in (_WINDOW_KINDS | {Kind.CAPACITY, Kind.ZERO_QUOTA}):
        parts.append("Code Assist")
    title = TITLES[kind]
    if http_code == 502 and kind in (Kind.INTERNAL, Kind.OVERLOADED):
        title = "Bad gateway (502): a proxy or Google's front end failed, not a quota problem"
    elif kind is Kind.INTERNAL and http_code is not None and 500 < http_code <= 599:
        title = f"Server error ({http_code}), not a quota problem"  # the title says 500
    elif kind is Kind.BAD_KEY and credential == "token":
        title = "Credentials missing or not valid"  # OAuth credentials, not an API key
    return f"{title} — {', '.join(parts)}" if parts else title


_GOOGLE_SIGNALS = frozenset(
    # (``ca_reset``: Code Assist's own ``quotaResetDelay`` key or "Your quota will reset after" sentence.)
    {
        "status_field",
        "status_word",
        "quota_failure",
        "bullet",
        "bad_request_detail",
        "google_page",
        "ca_reset",
    }
)
#: The Google hints that name a client library or tool, not only the product or a model id.
_SDK_HINTS = GOOGLE_HINTS - {"google_model", "gemini_api"}
_GOOGLE_MODEL = LazyRe(r"(?:gemini|imagen|veo|learnlm|lyria|nano-banana|deep-research)-[\w.]", re.IGNORECASE)
#: Google's open-weight models, which others serve too (a signal only when no other provider is named).
_OPEN_MODEL = LazyRe(r"gemma-[\w.]", re.IGNORECASE)


def _google_link(url: str) -> bool:
    host, _, path = url.split("://", 1)[-1].partition("/")
    if path.startswith(("sorry/", "search?")):
        return False  # Google Search's own pages (its block of automated searches), not an API's
    return host.lower().endswith(
        (".google.com", ".google.dev", "googleapis.com", ".goo.gl", "ai.dev", "ai.studio")
    )


def google_signals(err: GoogleError) -> list[str]:
    """The Google signals of one error (SPEC §1.1): a Google host or link, Google's error shape or status
    name, an error-detail type, a Google reason, a Google wording, a Gemini model id, a Google SDK."""
    found: list[str] = []
    if err.hosts or any(_google_link(link) for link in err.links):
        found.append("host")
    if err.signals & _GOOGLE_SIGNALS or "retry_in_float" in err.hints:
        found.append("shape")  # (… or the Gemini API's own "Please retry in 48.04s" in its float seconds)
    if any(reason_entry(r) is not None for r in err.reasons):
        found.append("reason")
    if {s for s in err.signals if s in ANCHOR_IDS} - GENERIC_ANCHORS:
        found.append("wording")
    if err.hints & _SDK_HINTS:
        found.append("sdk")
    models = (err.dimension_model, err.request_model, err.message_model, err.display_model)
    if err.hints & {"google_model", "gemini_api"} or any(m and _GOOGLE_MODEL.match(m) for m in models):
        found.append("model")  # (the product named: as weak as a model id beside another provider)
    elif "google_open_model" in err.hints or any(m and _OPEN_MODEL.match(m) for m in models):
        found.append("open_model")
    if err.domain and "googleapis" in err.domain:
        found.append("domain")
    if "google_on_line" in err.hints:
        found.append("line")  # a Google product named on the error's own line, no other provider there
    return found


#: How a ``foreign:`` hint that names no one provider reads in a diagnosis.
_FOREIGN_LABEL = {
    "host": "a service named by its URL",
    "other-ai": "another AI provider",
    "grpc-size": "gRPC's own message-size limit",
    "model": "another vendor's model",
    "saas": "another service's API",
    "envelope": "another API (by its error envelope)",
    "platform": "a CDN, gateway or hosting platform",
    "cn-cloud": "a Chinese cloud or AI service",
    "local-or-tool": "a local model server or another vendor's coding tool",
    "web-page": "a web site (the browser's own error page)",
    "google-search": "Google Search's block of automated searches (a web search, not an AI API)",
    "relay": "a relay's or gateway's own refusal (LiteLLM, CLIProxyAPI, OmniRoute …)",
}


#: The foreign hint of local model servers and other vendors' coding tools (clients, not providers).
_CLIENT_TOOL = "foreign:local-or-tool"
#: HTTP statuses no Google API answers with (Google maps its errors from the google.rpc codes, AIP-193: none is 422).
_NEVER_GOOGLE_CODES = frozenset({422})


def foreign_names(err: GoogleError) -> list[str]:
    """The other providers and services the paste names (``openai``, ``anthropic``, ``npm`` …)."""
    names = sorted(h.split(":", 1)[1] for h in err.hints if h.startswith("foreign:"))
    return [_FOREIGN_LABEL.get(n, n) for n in names]


def _google_wording(err: GoogleError) -> bool:
    return bool({s for s in err.signals if s in ANCHOR_IDS} - GENERIC_ANCHORS)


#: The HTTP statuses Google's APIs answer with (SPEC §1.1's bare-status table): a bare 529 (Anthropic)
#: or 520–527 (Cloudflare) with nothing Google's beside it is somebody else's.
_GOOGLE_HTTP_CODES = frozenset({400, 401, 402, 403, 404, 408, 409, 416, 429, 499, 500, 501, 502, 503, 504})


#: Model ids of other vendors (OpenAI, Anthropic, Meta, Mistral, DeepSeek, Qwen …), as an error names them.
_OTHER_VENDOR_MODEL = LazyRe(
    r"(?:gpt-|chatgpt|o[134]-|claude-|llama|meta-llama|mistral|mixtral|codestral|deepseek|qwen|glm-|kimi-|grok-"
    r"|command-r|sonar|ernie|doubao|hunyuan|moonshot)",
    re.IGNORECASE,
)


def _claimed(err: GoogleError) -> tuple[bool, str]:
    """Whether ``err`` is Google's: a Google signal wins inside any wrapper; without one, a text naming
    another provider is theirs, and a generic phrase with no HTTP code or status is nobody's."""
    if terminated_only(err):
        # Antigravity's "Agent terminated due to error" and nothing else: the app's notice that a turn failed,
        # for a cause it does not state (capacity, quota, a refused request, a crash of its own).
        return False, (
            "Antigravity's 'Agent terminated due to error' states no cause: no code, status or Google message "
            "stands beside it (its log, or the error under it, says which)."
        )
    if "vertex_request" in err.hints and err.status and err.http_code is not None:
        # Google's envelope ({"error": {"code": 400, "message": …, "status": "INVALID_ARGUMENT"}}) around the
        # error of a Claude model Vertex AI serves (its "req_vrtx_" request id): Google answered the call.
        return True, ""
    signals = google_signals(err)
    foreign = foreign_names(err)
    if (
        signals == ["shape"]
        and err.signals & _GOOGLE_SIGNALS == {"status_word"}
        and (foreign or "grpc-own" in err.hints)
    ):
        # A bare status word (gRPC's own RESOURCE_EXHAUSTED) does not outweigh another provider, nor a gRPC
        # library's own rendering of it in the same paste ("io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED:").
        signals = []
        if not foreign:
            return (
                False,
                "Only gRPC's own status rendering was found (no Google host, reason or Gemini model).",
            )
    if signals == ["reason"] and foreign and not err.message and not err.domain and not err.metadata:
        # A reason word alone ("RATE_LIMIT_EXCEEDED" as another library's error name) beside another provider,
        # with no Google body around it (at most a bare status: "Code: RATE_LIMIT_EXCEEDED / HTTP Status: 429"
        # in a table of an app's errors "for provider 'openai'").
        signals = []
    if signals == ["open_model"] and foreign:
        signals = []  # a Gemma model served by another provider (Ollama, Hugging Face …) is theirs
    if "foreign:grpc-size" in err.hints and set(signals) <= {"sdk", "model", "open_model", "host"}:
        return False, (
            "This is gRPC's own size limit on a message or its metadata (a limit of the channel), not a quota "
            "of a Google API."
        )
    if (
        err.http_code in _NEVER_GOOGLE_CODES
        and err.status is None
        and not foreign
        and set(signals) <= {"sdk", "model", "line"}
        and err.hints & _SDK_HINTS <= {"ca_words"}
    ):
        # A status Google's APIs never answer with (422 Unprocessable Entity, a web framework's validation
        # error) beside only the product's name: a relay's or app's own check of its set-up ("[422]: Missing
        # Google projectId for Antigravity account"), not Google's answer.
        return False, (
            f"HTTP {err.http_code} is not a status Google's APIs answer with, and nothing of Google's error "
            "stands beside it: this is the check of the app or relay that printed it."
        )
    # The other providers and platforms named (a client tool of another vendor that called Gemini is none).
    providers = [h for h in err.hints if h.startswith("foreign:") and h != _CLIENT_TOOL]
    if (
        set(signals) <= {"sdk", "model"}
        and err.hints & _SDK_HINTS <= {"gemini_cli", "oauth_fallback"}
        and providers
    ):
        # gemini-cli's wrapper (or a Gemini model) around an error that names another provider: a fork of
        # gemini-cli (Qwen Code, LLxprt) relaying its own provider's error, or a gateway's.
        signals = []
    if signals == ["model"] and providers:
        # An error that names a Gemini model and nothing else of Google's beside another provider or
        # platform (OpenRouter's own 402, Vercel's function time-out) is theirs; a client tool of another
        # vendor (Codex, Copilot) that called Gemini is not a provider of the error.
        signals = []
    vendor_model = next(
        (m for m in (err.message_model, err.request_model) if m and _OTHER_VENDOR_MODEL.match(m)), None
    )
    if err.hints & {"ca_words", "code-assist"}:
        vendor_model = None  # Antigravity serves other makers' models (Claude, GPT-OSS) itself
    if vendor_model and set(signals) <= {"sdk", "model"}:
        # "model 'gpt-4.1' not found" in a paste about Gemini: the error is about another vendor's model.
        return (
            False,
            f"The error names another vendor's model ({vendor_model}), and nothing of the error is Google's.",
        )
    if (
        err.http_code is not None
        and err.http_code not in _GOOGLE_HTTP_CODES
        and set(signals) <= {"model", "open_model", "host"}
    ):
        # A status Google never answers with (422, 529) and nothing of Google's error beside it (its shape,
        # reason or wording, or a Google SDK that raised it), only a model or host the paste names: a relay's,
        # an app's or another provider's error in a paste about Gemini.
        signals = []
    if signals:
        return True, ""
    wordings = {s for s in err.signals if s in ANCHOR_IDS}
    if "grpc-bare" in err.hints and not wordings:
        # {"code": 3, "message": "invalid page token"}: a small code read as gRPC's, with no Google wording.
        return False, "Only a bare error object with a small code was found, and nothing in it is Google's."
    if foreign:
        return False, (
            f"This is an error of {', '.join(foreign)}, not of a Google API: nothing in it is Google's "
            "(no Google host, status, reason, wording, model or SDK)."
        )
    codes = [h.split(":", 1)[1] for h in err.hints if h.startswith(("word-code:", "json-code:"))]
    # (Not a WebSocket close code the paste gives as one: {"code": 1011} beside "APIError(1011, …)".)
    theirs = [
        w
        for w in codes
        if w not in GOOGLE_WORD_CODES and canonical_status(w) is None and f"ws-close:{w}" not in err.hints
    ]
    if theirs and err.signals - GENERIC_ANCHORS <= {"code"}:
        return False, f"The error code {theirs[0]!r} is another API's, and nothing else is Google's."
    if err.http_code is not None and err.http_code not in _GOOGLE_HTTP_CODES:
        return (
            False,
            f"HTTP {err.http_code} is not a status Google's APIs answer with, and nothing else is Google's.",
        )
    if (
        any(h.startswith("ws-close:") and h != "ws-close:1007" for h in err.hints)
        and not wordings
        and "gemini_word" not in err.hints
        and not err.signals & {"status_word", "status_field"}
    ):
        # A WebSocket close code is no HTTP status: "close 1008 (policy violation)" with nothing of Google's
        # (no Google wording, host, model or SDK, no Gemini named) is any WebSocket server's; 1007 (invalid
        # frame payload data) is the Live API's answer to a malformed setup, which other servers hardly send.
        return False, "Only a WebSocket close code was found, and nothing beside it is Google's."
    if wordings and "gemini_word" in err.hints:
        return True, ""  # a generic wording in a paste about Gemini that names no other provider
    if (
        wordings
        and not err.signals & {"code", "status_word", "status_field"}
        and not any(h.startswith("word-code:") and h[10:] in GOOGLE_WORD_CODES for h in err.hints)
    ):
        return False, "Only generic wording was found (no HTTP code, Google status, host or Gemini model)."
    if not err.signals:
        words = [h[10:] for h in err.hints if h.startswith("word-code:")]
        if "grpc-own" in err.hints and not words:
            return (
                False,
                "Only gRPC's own status rendering was found (no Google host, reason or Gemini model).",
            )
        if words and not any(w in GOOGLE_WORD_CODES for w in words):
            return False, f"The error code {words[0]!r} is another API's, and nothing else is Google's."
    return True, ""


def _fmt_s(seconds: float) -> str:
    return f"{seconds:.3g}s" if seconds < 100 else f"{seconds:.0f}s"


def classify(
    err: GoogleError,
    *,
    now: datetime,
    requested_model: str | None = None,
    key_kind: KeyKind | None = None,
) -> Diagnosis:
    """One diagnosis for one parsed error (``unrecognized`` when it is not Google's)."""
    if (
        err.http_code is not None
        and 200 <= err.http_code < 300
        and ("sse_error" in err.hints or "wording" in google_signals(err))
    ):
        # A stream's error event comes inside an HTTP 200, and a relay answers 200 around an upstream error in
        # Google's own words (OpenRouter's "HTTP 200 + body … `function call … is missing a thought_signature`"):
        # the transport's status, not the error's.
        err = replace(err, http_code=None)
    decision = _decide(err)
    kind, why, violation = decision.kind, decision.why, decision.violation
    if kind != Kind.UNRECOGNIZED:
        ours, reason = _claimed(err)
        if not ours:
            return _unrecognized(
                requested_model, why=reason, model=_google_model_only(_model(err, violation))
            )
    retry = RETRY_OF[kind]
    backend = backend_of(err) if kind != Kind.UNRECOGNIZED else Backend.UNKNOWN
    tier = _tier(err, violation)
    model = _model(err, violation)
    requested = requested_model.removeprefix("models/") if requested_model else err.request_model
    limit: int | None = None
    if violation is not None and violation.value is not None:
        limit = violation.value
    elif kind == Kind.ZERO_QUOTA:
        limit = 0
    elif kind in _WINDOW_KINDS:
        values = [v.value for v in err.violations if v.value is not None]
        limit = values[0] if len(values) == 1 else None
    quota_id = violation.quota_id if violation and violation.quota_id else err.quota_limit_name
    if quota_id is None and violation is not None and violation.metric:
        # A bullet names only the metric: take the quota id of a detail with the same metric
        # (for the free metric shared by RPM and RPD, prefer the id of the kind decided).
        same = [v for v in err.violations if v.quota_id and v.metric == violation.metric]
        quota_id = next((v.quota_id for v in same if violation_kind(v) == kind), None) or next(
            (v.quota_id for v in same), None
        )
    if quota_id is None:
        quota_id = next((v.quota_id for v in err.violations if v.quota_id), None)
    metric = (violation.metric if violation and violation.metric else None) or next(
        (v.metric for v in err.violations if v.metric), None
    )
    metric = metric or dict(err.metadata).get("quota_metric")
    location = (violation.location if violation else None) or err.location

    code_assist_reset = err.reset_delay_s if backend == Backend.CODE_ASSIST else None
    stamp = _reset_stamp(err, now) if backend == Backend.CODE_ASSIST else None
    if stamp is not None:
        code_assist_reset = stamp  # quotaResetTimeStamp first, then quotaResetDelay (SPEC §1.2)
    retry_after = code_assist_reset if code_assist_reset is not None else err.retry_delay_s
    if retry_after is not None:
        retry_after = clamp_delay(retry_after)
    # The Interactions API states its reset only as the message's "Please retry in 12h47m5s".
    stated = _interactions(err) and err.retry_delay_s is not None
    reset_at: datetime | None = None
    basis: str | None = None
    if kind in _WINDOW_KINDS or kind == Kind.PLAN_QUOTA:
        window = reset_window(
            Window.PLAN if kind == Kind.PLAN_QUOTA else Window(str(kind)),
            now,
            retry_after_s=err.retry_delay_s,
            code_assist_reset_s=code_assist_reset,
            retry_is_reset=stated,
        )
        reset_at, basis = window.reset_at, str(window.basis)
    elif retry == Retry.BACKOFF and retry_after is not None:
        reset_at = now + timedelta(seconds=retry_after)
        basis = str(Basis.CODE_ASSIST_RESET if code_assist_reset is not None else Basis.RETRY_HINT)

    notes = _notes(err, kind, model, requested, tier, backend)
    assumptions = _assumptions(err, kind, decision, model, tier, backend, basis, key_kind)
    credential = _credential(err, backend) if kind == Kind.BAD_KEY else None
    fixes = fixes_for(
        kind, backend=backend, tier=tier, model=model, limit=limit, key_kind=key_kind, credential=credential
    )
    return Diagnosis(
        kind=kind,
        retry=retry,
        backend=backend,
        http_code=err.http_code,
        status=err.status if err.status in CANONICAL_STATUSES else None,
        headline=_headline(kind, model, tier, limit, backend, err.http_code, credential),
        model=model,
        requested_model=requested,
        quota_id=quota_id,
        quota_metric=metric,
        limit=limit,
        tier=tier,
        location=location,
        retry_after_s=retry_after,
        reset_at=reset_at,
        project_number=err.project_number,
        count=max(1, err.count),
        evidence=err.evidence,
        assumptions=tuple(assumptions),
        fixes=tuple(fixes),
        why=why,
        reset_basis=basis,
        notes=tuple(notes),
    )


def _notes(
    err: GoogleError,
    kind: Kind,
    model: str | None,
    requested: str | None,
    tier: Tier | None,
    backend: Backend,
) -> list[str]:
    notes: list[str] = []
    if model and requested and model != requested and quota_group_for_model(requested) != model:
        notes.append(f"The quota is counted against {model}, not the requested {requested}.")
    elif model and requested and model != requested:
        notes.append(f"{requested} is counted in the quota group {model}.")
    if tier == Tier.FREE and kind in (_WINDOW_KINDS | {Kind.ZERO_QUOTA}):
        notes.append(
            "A free-tier quota was hit: this key's project is on the free tier. If you enabled billing, it is "
            "on another project (or the upgrade has not reached this one)."
        )
    if (
        kind in (Kind.RPD, Kind.TPD)
        and err.retry_delay_s is not None
        and err.retry_delay_s < DAY_RETRY_S
        and backend != Backend.CODE_ASSIST
    ):
        # (A short RetryInfo on a daily quota is not its reset; an hours-long one may well be.)
        notes.append(
            f"RetryInfo {_fmt_s(err.retry_delay_s)} is not when a daily quota resets: it resets at midnight "
            "Pacific time."
        )
    if backend == Backend.CODE_ASSIST:
        notes.append(
            "This is Code Assist quota (gemini-cli / OAuth sign-in): it is per user, and AI Studio keys or "
            "billing do not change it."
        )
    if "google_sorry" in err.signals:
        notes.append(
            "This is Google's anti-abuse page ('automated queries'): Google flagged the network the request came "
            "from (a VPN, proxy, shared or cloud address), not your quota. Retry later, or from another network."
        )
    if "litellm" in err.hints and backend != Backend.VERTEX_AI:
        notes.append(
            "LiteLLM labels Gemini errors 'VertexAI…' even for AI Studio calls; that alone does not mean Vertex AI."
        )
    return notes


def _interactions(err: GoogleError) -> bool:
    """An Interactions API error: a word ``code`` or its "Rate limit exceeded for model" message."""
    return "rate_model" in err.signals or any(h.startswith("word-code:") for h in err.hints)


def _reset_stamp(err: GoogleError, now: datetime) -> float | None:
    """Seconds from ``now`` to a Code Assist ``quotaResetTimeStamp``, when the error states one."""
    stamp = dict(err.metadata).get("quotaResetTimeStamp")
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None or moment <= now:
        return None  # a stamp already past (an old paste): the stated delay says more
    return clamp_delay((moment - now).total_seconds())


def _assumptions(
    err: GoogleError,
    kind: Kind,
    decision: _Decision,
    model: str | None,
    tier: Tier | None,
    backend: Backend,
    basis: str | None,
    key_kind: KeyKind | None,
) -> list[str]:
    """What the diagnosis inferred rather than read in the error (SPEC §1.1)."""
    out: list[str] = []
    if decision.assumption:
        out.append(decision.assumption)
    if tier is not None:
        out.append(
            f"The tier ({tier}) is inferred from the quota id / metric name; Google does not state it."
        )
    if model is not None and not (err.dimension_model or any(v.model for v in err.violations)):
        if err.display_model == model and not (err.request_model or err.message_model):
            if "responding-model" in err.hints:
                out.append(
                    f"The model ({model}) is the one the client said it was using; the error does not name it."
                )
            else:
                out.append(f"The model id ({model}) is inferred from the quota's display name.")
        elif err.request_model == model and kind in (_WINDOW_KINDS | {Kind.ZERO_QUOTA, Kind.PLAN_QUOTA}):
            out.append(f"The quota's model is taken from the request ({model}); the quota does not name it.")
        elif err.named_model == model and not (err.request_model or err.message_model or err.display_model):
            several = next((h.split(":", 1)[1] for h in err.hints if h.startswith("several_models:")), None)
            if several:
                out.append(
                    f"The text names several models ({', '.join(several.split(','))}) and the error none: the "
                    f"first ({model}) is given."
                )
            else:
                out.append(f"The model ({model}) is named elsewhere in the text, not in the error itself.")
    if backend != Backend.UNKNOWN and not err.hosts and not err.domain and not err.service:
        out.append(
            f"The backend ({backend}) is inferred from the wording and the tools named; no Google host is named."
        )
    reads = (
        err.signals & {"status_field", "status_word"}
        or err.reasons
        or ({s for s in err.signals if s in ANCHOR_IDS} - GENERIC_ANCHORS)
    )
    sdk_class = dict(err.metadata).get("sdk_class")
    if (
        sdk_class
        and err.http_code in (400, 500)
        and not err.signals & {"code", "status_field", "status_word"}
    ):
        out.append(
            f"The text gives no status code: google-genai's {sdk_class} error class says only that it is a "
            f"{'5' if sdk_class == 'server' else '4'}xx, read as {err.http_code}."
        )
    elif err.http_code is not None and not reads and not err.violations and kind != Kind.UNRECOGNIZED:
        out.append(
            f"Only the HTTP status ({err.http_code}) is known: the kind follows from it, nothing else in the "
            "text confirms it."
        )
    close = dict(err.metadata).get("ws_close")
    if close is not None:
        out.append(
            f"The Live API close code {close} is read by its usual meaning; Google documents no close-code table."
        )
    if basis == str(Basis.PACIFIC_MIDNIGHT) and kind == Kind.PLAN_QUOTA:
        out.append(
            "The error states no reset time: the allowance is assumed to reset at midnight Pacific time "
            "(Code Assist daily windows may instead run 24 h from their first request, Antigravity's a week)."
        )
    if kind == Kind.UNSPECIFIED_429 and tier in (Tier.TIER_1, Tier.TIER_2, Tier.TIER_3, Tier.PAID):
        out.append(
            "On a paid tier a 429 naming no quota may be the spend-based limit, which Google reports with no quota id."
        )
    if key_kind is not None and kind in (Kind.BAD_KEY, Kind.AUTH_METHOD):
        out.append(
            f"The key in use is taken to be the {key_kind} key given to gemquota (its kind, never its value)."
        )
    return out


def _google_model_only(model: str | None) -> str | None:
    """``model`` when it is a Google model id (Gemini, Gemma, Imagen, Veo …), else None: what an unrecognized
    diagnosis says of the model a paste names (another vendor's model is no business of gemquota's)."""
    if model and (_GOOGLE_MODEL.match(model) or _OPEN_MODEL.match(model) or _MODEL_ID.match(model)):
        return model
    return None


#: A Google model id as the bare-model reader knows them (Gemini, Gemma, Imagen, Veo, the embedding and PaLM ids …).
_MODEL_ID = LazyRe(MODEL_ID, re.IGNORECASE)


def _unrecognized(requested_model: str | None, why: str = "", model: str | None = None) -> Diagnosis:
    return Diagnosis(
        kind=Kind.UNRECOGNIZED,
        retry=None,
        backend=Backend.UNKNOWN,
        headline=TITLES[Kind.UNRECOGNIZED],
        model=model,
        requested_model=requested_model.removeprefix("models/") if requested_model else None,
        why=why or "No HTTP code, Google status or Gemini/Google error wording was found in the input.",
        fixes=fixes_for(Kind.UNRECOGNIZED),
    )


_SPECIFICITY = {Kind.UNSPECIFIED_429: 1, Kind.UNRECOGNIZED: 2}


#: The code and status given with a body come from a Google client library's exception object.
_FROM_SDK = frozenset({"google_sdk"})


def _apply_overrides(errs: list[GoogleError], http_code: int | None, status: str | None) -> list[GoogleError]:
    canon = canonical_status(status) if status else None
    if http_code is None and canon is None:
        return errs
    if not errs:
        return [
            GoogleError(
                http_code=http_code,
                status=canon or (STATUS_OF_CODE.get(http_code) if http_code else None),
                signals=frozenset({"code"}),
                hints=_FROM_SDK,
            )
        ]
    out: list[GoogleError] = []
    for err in errs:
        new_code = err.http_code if err.http_code is not None else http_code
        new_status = err.status or canon or (STATUS_OF_CODE.get(new_code) if new_code else None)
        out.append(
            replace(
                err,
                http_code=new_code,
                status=new_status,
                signals=err.signals | {"code"},
                hints=err.hints | _FROM_SDK,
            )
        )
    return out


def diagnose(
    source: str | bytes | Mapping[str, Any] | list[Any],
    *,
    now: datetime,
    requested_model: str | None = None,
    http_code: int | None = None,
    status: str | None = None,
    key_kind: KeyKind | None = None,
) -> list[Diagnosis]:
    """All diagnoses for a paste or body, primary first; always at least one (maybe ``unrecognized``).

    Identical diagnoses (kind, model, quota id, project, backend) are merged and counted; a copy that
    lacks what a complete copy of the same error names (cut off at the end of a log) joins that copy."""
    if isinstance(source, (bytes, bytearray)):
        source = bytes(source).decode("utf-8", errors="replace")
    errs = parse_text(source) if isinstance(source, str) else parse_body(source)
    errs = _apply_overrides(errs, http_code, status)
    entries: list[list[Any]] = []  # [diagnosis, count, last position]
    refused: Diagnosis | None = None
    for err in errs:
        diag = classify(err, now=now, requested_model=requested_model, key_kind=key_kind)
        if diag.kind == Kind.UNRECOGNIZED:
            if refused is None or (diag.why and "not of a Google API" in diag.why):
                refused = diag
            continue
        entries.append([diag, max(1, err.count), err.position])
    if not entries:
        # (No Google error: still the model the paste names, the one the failing call used, when it names one.)
        found = refused or _unrecognized(requested_model)
        if found.model is None and isinstance(source, str):
            found = replace(found, model=_google_model_only(named_model(source)))
        return [found]
    merged = _merge(entries)
    merged.sort(key=lambda e: (RETRY_RANK[e[0].retry], _SPECIFICITY.get(e[0].kind, 0), -e[2]))
    out: list[Diagnosis] = []
    for diag, count, _pos in merged:
        if count > 1:
            notes = (*diag.notes, f"The same error appears {count} times in the input.")
            diag = replace(diag, count=count, notes=notes)
        out.append(diag)
    return out


def _identity(d: Diagnosis) -> tuple[Any, ...]:
    return (d.kind, d.model, d.quota_id, d.project_number, d.backend)


def _covers(full: Diagnosis, part: Diagnosis) -> bool:
    """Whether ``part`` is ``full`` with some of its names missing (a cut-off copy of the same error)."""
    if full.kind != part.kind or full is part:
        return False
    backends = (full.backend, None if part.backend == Backend.UNKNOWN else part.backend)
    pairs = (
        (full.model, part.model),
        (full.quota_id, part.quota_id),
        (full.project_number, part.project_number),
        backends,
    )
    return all(b is None or a == b for a, b in pairs) and any(a is not None and b is None for a, b in pairs)


def _merge(entries: list[list[Any]]) -> list[list[Any]]:
    index: dict[tuple[Any, ...], int] = {}
    merged: list[list[Any]] = []
    for diag, count, pos in entries:
        key = _identity(diag)
        if key in index:
            entry = merged[index[key]]
            entry[1] += count
            entry[2] = max(entry[2], pos)
            if len(diag.evidence) > len(entry[0].evidence):
                entry[0] = diag
        else:
            index[key] = len(merged)
            merged.append([diag, count, pos])
    # Cut-off copies join the most frequent complete copy they fit.
    out: list[list[Any]] = []
    for entry in merged:
        fits = [other for other in merged if other is not entry and _covers(other[0], entry[0])]
        if fits:
            target = max(fits, key=lambda o: o[1])
            target[1] += entry[1]
            target[2] = max(target[2], entry[2])
            entry[1] = 0
    out.extend(entry for entry in merged if entry[1] > 0)
    return out
