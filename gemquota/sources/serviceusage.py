"""Service Usage v1 ``services.get``: is an API (by default the Generative Language API) enabled?"""

from __future__ import annotations

from gemquota.context import Context
from gemquota.core.cloud import GEMINI_SERVICE, ServiceState
from gemquota.core.iam import CALL
from gemquota.sources._errors import CallSpec, calling
from gemquota.sources._gapic import call_kwargs, rest_client
from gemquota.sources.credentials import CloudCredentials


def get_service(
    ctx: Context, creds: CloudCredentials, project: str, service: str = GEMINI_SERVICE
) -> ServiceState:
    """The state of ``service`` on ``project`` (id or number): ENABLED / DISABLED / STATE_UNSPECIFIED."""
    project = project.strip().removeprefix("projects/")
    spec = CallSpec(
        api="serviceusage",
        method=f"services.get ({service})",
        permission=CALL["serviceusage"].permission,
        role=CALL["serviceusage"].role_text,
        project=project,
        quota_project=creds.info.quota_project,
    )
    with calling(spec):
        from google.cloud import service_usage_v1

        with rest_client(
            service_usage_v1.ServiceUsageClient, ctx, creds, ctx.endpoints.serviceusage
        ) as client:
            svc = client.get_service(
                request={"name": f"projects/{project}/services/{service}"}, **call_kwargs(ctx)
            )
        title = str(svc.config.title or "") or None if "config" in svc else None
        return ServiceState(
            name=str(svc.name or "") or f"projects/{project}/services/{service}",
            state=str(getattr(svc.state, "name", svc.state)),
            title=title,
        )
