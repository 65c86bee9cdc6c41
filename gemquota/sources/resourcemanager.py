"""Resource Manager v3 ``projects.get``: project number ↔ id ↔ display name."""

from __future__ import annotations

from gemquota.context import Context
from gemquota.core.cloud import ProjectInfo
from gemquota.core.iam import CALL
from gemquota.exceptions import UnexpectedResponse
from gemquota.sources._errors import CallSpec, calling
from gemquota.sources._gapic import call_kwargs, rest_client
from gemquota.sources.credentials import CloudCredentials


def get_project(ctx: Context, creds: CloudCredentials, project: str) -> ProjectInfo:
    """The project named by id or number.

    Resource Manager answers 403 both for a project that does not exist and for one the caller
    cannot see: that is PermissionDenied(permission="resourcemanager.projects.get"), never NotFound."""
    project = project.strip().removeprefix("projects/")
    spec = CallSpec(
        api="cloudresourcemanager",
        method="projects.get",
        permission=CALL["resourcemanager"].permission,
        role=CALL["resourcemanager"].role_text,
        project=project,
        quota_project=creds.info.quota_project,
        denied_note="Resource Manager answers the same 403 for a project that does not exist and for one "
        "you cannot see",
    )
    with calling(spec):
        from google.cloud import resourcemanager_v3

        with rest_client(
            resourcemanager_v3.ProjectsClient, ctx, creds, ctx.endpoints.resourcemanager
        ) as client:
            p = client.get_project(name=f"projects/{project}", **call_kwargs(ctx))
        name = str(p.name or "")
        project_id = str(p.project_id or "")
        state = str(getattr(p.state, "name", p.state)) if p.state else None
        display = str(p.display_name or "") or None
    number = name.removeprefix("projects/")
    if not name.startswith("projects/") or not number.isdigit() or not project_id:
        raise UnexpectedResponse(
            f"{spec.where}: the project has no readable number/id", None, api="cloudresourcemanager"
        )
    return ProjectInfo(number=number, project_id=project_id, display_name=display, state=state)
