"""Cloud Billing v1: is billing enabled on a project (``getBillingInfo``), and the account (``billingAccounts.get``)."""

from __future__ import annotations

from gemquota.context import Context
from gemquota.core.cloud import BillingAccount, BillingInfo
from gemquota.core.iam import CALL
from gemquota.sources._errors import CallSpec, calling
from gemquota.sources._gapic import call_kwargs, rest_client
from gemquota.sources.credentials import CloudCredentials


def get_billing_info(ctx: Context, creds: CloudCredentials, project: str) -> BillingInfo:
    """Billing state of ``project`` (id or number). Needs ``resourcemanager.projects.get``."""
    project = project.strip().removeprefix("projects/")
    spec = CallSpec(
        api="cloudbilling",
        method="projects.getBillingInfo",
        permission=CALL["billing.info"].permission,
        role=CALL["billing.info"].role_text,
        project=project,
        quota_project=creds.info.quota_project,
    )
    with calling(spec):
        from google.cloud import billing_v1

        with rest_client(billing_v1.CloudBillingClient, ctx, creds, ctx.endpoints.billing) as client:
            bi = client.get_project_billing_info(name=f"projects/{project}", **call_kwargs(ctx))
        return BillingInfo(
            project=project,
            project_id=str(bi.project_id or "") or None,
            billing_enabled=bool(bi.billing_enabled),
            account_name=str(bi.billing_account_name or "") or None,
        )


def get_billing_account(ctx: Context, creds: CloudCredentials, name: str) -> BillingAccount:
    """The billing account ``billingAccounts/XXXXXX-XXXXXX-XXXXXX``. Needs ``billing.accounts.get``
    (roles/billing.viewer on the account), which project owners often lack: expect PermissionDenied."""
    name = name.strip()
    if not name.startswith("billingAccounts/"):
        name = f"billingAccounts/{name}"
    spec = CallSpec(
        api="cloudbilling",
        method=f"billingAccounts.get ({name})",
        permission=CALL["billing.account"].permission,
        role=CALL["billing.account"].role_text,
        quota_project=creds.info.quota_project,
    )
    with calling(spec):
        from google.cloud import billing_v1

        with rest_client(billing_v1.CloudBillingClient, ctx, creds, ctx.endpoints.billing) as client:
            ba = client.get_billing_account(name=name, **call_kwargs(ctx))
        return BillingAccount(
            name=str(ba.name or "") or name,
            open=bool(ba.open_),
            display_name=str(ba.display_name or "") or None,
        )
