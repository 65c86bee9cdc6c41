"""Cloud Quotas v1: live per-model limits (``quotaInfos``, paged) and quota-increase requests
(``quotaPreferences``) of a service, by default the Generative Language API."""

from __future__ import annotations

from typing import Any

from gemquota.context import Context
from gemquota.core.cloud import GEMINI_SERVICE, QuotaLimit, QuotaPreference
from gemquota.core.iam import CALL
from gemquota.core.quota import measure_from, tier_from_metric, tier_from_quota_id, window_from_quota_id
from gemquota.sources._errors import CallSpec, calling
from gemquota.sources._gapic import call_kwargs, rest_client
from gemquota.sources.credentials import CloudCredentials

_PAGE_SIZE = 500


def _spec(creds: CloudCredentials, project: str, method: str) -> CallSpec:
    return CallSpec(
        api="cloudquotas",
        method=method,
        permission=CALL["cloudquotas"].permission,
        role=CALL["cloudquotas"].role_text,
        project=project,
        quota_project=creds.info.quota_project,
    )


def _client_cls() -> Any:
    from google.cloud import cloudquotas_v1

    return cloudquotas_v1.CloudQuotasClient


def _model(dimensions: Any) -> str | None:
    model = str(dict(dimensions).get("model") or "").strip()
    return model.removeprefix("models/") or None


def _window(refresh_interval: str, quota_id: str) -> str:
    interval = refresh_interval.strip().lower()
    if interval:
        return interval
    return window_from_quota_id(quota_id) or ""


def _measure(quota_id: str, metric: str) -> str:
    measure = measure_from(quota_id)
    return measure if measure != "other" else measure_from(metric)


def list_quota_limits(
    ctx: Context,
    creds: CloudCredentials,
    project: str,
    service: str = GEMINI_SERVICE,
    *,
    page_size: int = _PAGE_SIZE,
) -> tuple[QuotaLimit, ...]:
    """Every bucket of every quotaInfo of ``service``: one QuotaLimit per ``dimensionsInfos[]`` entry
    (model None = the default bucket). An absent value is 0 (zero quota); ``-1`` is unlimited."""
    project = project.strip().removeprefix("projects/")
    spec = _spec(creds, project, f"quotaInfos.list ({service})")
    limits: list[QuotaLimit] = []
    with calling(spec):
        with rest_client(_client_cls(), ctx, creds, ctx.endpoints.cloudquotas) as client:
            pager = client.list_quota_infos(
                request={
                    "parent": f"projects/{project}/locations/global/services/{service}",
                    "page_size": page_size,
                },
                **call_kwargs(ctx),
            )
            for info in pager:  # the pager follows nextPageToken with the same timeout / no retry
                quota_id = str(info.quota_id or "")
                metric = str(info.metric or "")
                window = _window(str(info.refresh_interval or ""), quota_id)
                measure = _measure(quota_id, metric)
                tier = tier_from_quota_id(quota_id) or tier_from_metric(metric)
                display = str(info.quota_display_name or "") or None
                limits.extend(
                    QuotaLimit(
                        quota_id=quota_id,
                        metric=metric,
                        window=window,
                        model=_model(d.dimensions),
                        value=int(d.details.value),
                        measure=measure,
                        tier=tier,
                        display_name=display,
                    )
                    for d in info.dimensions_infos
                )
    return tuple(limits)


def list_quota_preferences(
    ctx: Context, creds: CloudCredentials, project: str, service: str = GEMINI_SERVICE
) -> tuple[QuotaPreference, ...]:
    """Quota-increase requests of ``project`` for ``service`` (pending: ``reconciling``)."""
    project = project.strip().removeprefix("projects/")
    spec = _spec(creds, project, "quotaPreferences.list")
    prefs: list[QuotaPreference] = []
    with calling(spec):
        with rest_client(_client_cls(), ctx, creds, ctx.endpoints.cloudquotas) as client:
            pager = client.list_quota_preferences(
                request={"parent": f"projects/{project}/locations/global", "page_size": _PAGE_SIZE},
                **call_kwargs(ctx),
            )
            for p in pager:
                if p.service and str(p.service) != service:
                    continue
                has_config = "quota_config" in p
                cfg = p.quota_config
                granted = cfg.granted_value if has_config and "granted_value" in cfg else None
                prefs.append(
                    QuotaPreference(
                        quota_id=str(p.quota_id or ""),
                        model=_model(p.dimensions),
                        preferred_value=int(cfg.preferred_value) if has_config else None,
                        granted_value=int(granted) if granted is not None else None,
                        reconciling=bool(p.reconciling),
                        state_detail=(str(cfg.state_detail or "") or None) if has_config else None,
                    )
                )
    return tuple(prefs)
