"""Cloud Monitoring v3 ``timeSeries.list`` (raw REST: google-cloud-monitoring has no REST transport):
Gemini quota usage of a project in the current minute and since Pacific midnight.

Series: ``generativelanguage.googleapis.com/quota/<metric>/usage`` on resource
``generativelanguage.googleapis.com/Location`` (label ``resource_container`` = project), summed per
``limit_name`` (the quota id) and ``model``. ``timeSeries.list`` accepts one metric type per
filter, so each quota metric family is one request; the requests run concurrently. The request
is scoped to the project by its URL (no ``resource_container`` clause: whether Google fills that
label with the project id or number is not documented)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, time, timedelta
from typing import Any

from gemquota.context import Context
from gemquota.core.cloud import GEMINI_SERVICE, QuotaUsage
from gemquota.core.iam import CALL
from gemquota.core.quota import window_from_metric, window_from_quota_id
from gemquota.core.reset import PACIFIC
from gemquota.exceptions import GemquotaError, NotFound, UnexpectedResponse
from gemquota.sources._errors import CallSpec, calling
from gemquota.sources.credentials import CloudCredentials, ensure_fresh

#: Quota metric families of generateContent (requests and input tokens, every tier).
USAGE_METRICS: tuple[str, ...] = (
    "generate_content_free_tier_requests",
    "generate_content_free_tier_input_token_count",
    "generate_requests_per_model",
    "generate_requests_per_model_per_day",
    "generate_content_paid_tier_input_token_count",
    "generate_content_paid_tier_2_requests",
    "generate_content_paid_tier_2_input_token_count",
    "generate_content_paid_tier_3_requests",
    "generate_content_paid_tier_3_input_token_count",
)
RESOURCE_TYPE = f"{GEMINI_SERVICE}/Location"
#: Per-minute usage is the peak minute among the points of this last stretch (Monitoring shows a
#: minute ~150 s late, sometimes far later: the newest minute is never read as 0).
MINUTE_WINDOW = timedelta(minutes=15)
_MAX_PAGES = 50
_PAGE_SIZE = 100_000


def pacific_midnight(now: datetime) -> datetime:
    """The most recent 00:00 America/Los_Angeles at or before ``now``, in UTC (DST-aware)."""
    local = now.astimezone(PACIFIC)
    return datetime.combine(local.date(), time(0), tzinfo=PACIFIC).astimezone(UTC)


def _rfc3339(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_time(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    s = text.strip().replace("Z", "+00:00")
    if "." in s:  # trim fractions beyond microseconds (Google sends up to 9 digits)
        head, _, tail = s.partition(".")
        digits = "".join(c for c in tail if c.isdigit())
        rest = tail[len(digits) :]
        s = f"{head}.{digits[:6].ljust(6, '0')}{rest}"
    try:
        t = datetime.fromisoformat(s)
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _point_value(point: Mapping[str, Any]) -> int:
    value = point.get("value")
    if not isinstance(value, Mapping):
        raise ValueError("point without value")
    if "int64Value" in value:
        return int(value["int64Value"])
    if "doubleValue" in value:
        return round(float(value["doubleValue"]))
    raise ValueError("point value is neither int64 nor double")


def _params(metric: str, start: datetime, end: datetime) -> dict[str, Any]:
    return {
        "filter": (
            f'metric.type = "{GEMINI_SERVICE}/quota/{metric}/usage" AND resource.type = "{RESOURCE_TYPE}"'
        ),
        "interval.startTime": _rfc3339(start),
        "interval.endTime": _rfc3339(end),
        "aggregation.alignmentPeriod": "60s",
        "aggregation.perSeriesAligner": "ALIGN_SUM",
        "aggregation.crossSeriesReducer": "REDUCE_SUM",
        "aggregation.groupByFields": ["metric.label.limit_name", "metric.label.model"],
        "view": "FULL",
        "pageSize": _PAGE_SIZE,
    }


def _fetch(
    ctx: Context, creds: CloudCredentials, spec: CallSpec, metric: str, params: dict[str, Any]
) -> tuple[list[Any], bool]:
    """All time series of one metric family (following pages) and whether any page carried
    ``executionErrors`` (a partial result). 404 = no such metric = no series."""
    import importlib

    gatr: Any = importlib.import_module("google.auth.transport.requests")
    gexc: Any = importlib.import_module("google.api_core.exceptions")

    url = f"{ctx.endpoints.monitoring.rstrip('/')}/v3/projects/{spec.project}/timeSeries"
    series: list[Any] = []
    partial = False
    try:
        with calling(spec):
            session = gatr.AuthorizedSession(creds.credentials, refresh_timeout=ctx.timeout)
            try:
                page_params = dict(params)
                for _ in range(_MAX_PAGES):
                    resp = session.get(url, params=page_params, timeout=ctx.timeout)
                    if resp.status_code >= 400:
                        raise gexc.from_http_response(resp)
                    body = resp.json()
                    if not isinstance(body, dict):
                        raise ValueError("timeSeries response is not an object")
                    page = body.get("timeSeries") or []
                    if not isinstance(page, list):
                        raise ValueError("timeSeries is not a list")
                    series.extend(page)
                    partial = partial or bool(body.get("executionErrors"))
                    token = body.get("nextPageToken")
                    if not token:
                        break
                    page_params = {**params, "pageToken": str(token)}
            finally:
                session.close()
    except NotFound:
        return [], False
    return series, partial


def _usages(metric: str, series: Iterable[Any], now: datetime, partial: bool = False) -> list[QuotaUsage]:
    full_metric = f"{GEMINI_SERVICE}/{metric}"
    out: list[QuotaUsage] = []
    for ts in series:
        if not isinstance(ts, Mapping):
            raise ValueError("time series is not an object")
        m = ts.get("metric")
        labels = m.get("labels") if isinstance(m, Mapping) else None
        labels = labels if isinstance(labels, Mapping) else {}
        quota_id = str(labels.get("limit_name") or "")
        model = str(labels.get("model") or "").strip().removeprefix("models/") or None
        window = window_from_quota_id(quota_id) or window_from_metric(full_metric)
        if window is None:
            continue
        points = ts.get("points") or []
        if not isinstance(points, list):
            raise ValueError("points is not a list")
        timed: list[tuple[datetime, int]] = []
        for p in points:
            interval = p.get("interval") if isinstance(p, Mapping) else None
            end = _parse_time(interval.get("endTime")) if isinstance(interval, Mapping) else None
            timed.append((end or now, _point_value(p)))
        as_of = max((t for t, _ in timed), default=None)
        if window == "day":
            value, known = sum(v for _, v in timed), True
        else:
            recent = [v for t, v in timed if t >= now - MINUTE_WINDOW]
            value, known = (max(recent), True) if recent else (0, False)
        out.append(
            QuotaUsage(
                metric=full_metric,
                quota_id=quota_id,
                model=model,
                window=window,
                value=value,
                as_of=as_of,
                known=known,
                partial=partial,
            )
        )
    return out


def read_usage(
    ctx: Context,
    creds: CloudCredentials,
    project: str,
    *,
    now: datetime,
    metrics: Iterable[str] = USAGE_METRICS,
) -> tuple[QuotaUsage, ...]:
    """Usage per (quota id, model): ``window="day"`` = the sum since Pacific midnight for day quotas,
    ``window="minute"`` = the peak minute among the points of the last 15 minutes (``known`` False
    when none is visible: unknown, not 0), each with the time of its newest point (``as_of``).
    No series at all → ``()``. Needs ``monitoring.timeSeries.list`` (roles/monitoring.viewer)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    project = project.strip().removeprefix("projects/")
    metric_names = tuple(metrics)
    spec = CallSpec(
        api="monitoring",
        method="timeSeries.list",
        permission=CALL["monitoring"].permission,
        role=CALL["monitoring"].role_text,
        project=project,
        quota_project=creds.info.quota_project,
    )
    end = now.astimezone(UTC)
    start = pacific_midnight(end)
    with calling(spec):
        ensure_fresh(ctx, creds)
    if not metric_names:
        return ()
    with ThreadPoolExecutor(max_workers=len(metric_names), thread_name_prefix="gemquota-monitoring") as pool:
        futures = [
            pool.submit(_fetch, ctx, creds, spec, metric, _params(metric, start, end))
            for metric in metric_names
        ]
        results: list[tuple[list[Any], bool]] = []
        first_error: GemquotaError | None = None
        for fut in futures:
            try:
                results.append(fut.result())
            except GemquotaError as err:
                first_error = first_error or err
                results.append(([], False))
    if first_error is not None:
        raise first_error
    usages: list[QuotaUsage] = []
    with calling(spec):
        for metric, (series, partial) in zip(metric_names, results, strict=True):
            usages.extend(_usages(metric, series, end, partial))
    if any(u.value < 0 for u in usages):
        raise UnexpectedResponse(f"{spec.where}: negative usage in the response", None, api="monitoring")
    return tuple(usages)
