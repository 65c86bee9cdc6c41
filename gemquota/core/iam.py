"""The one table of the Google calls gemquota makes: API, method, IAM permission and smallest role.

Sources name the permission and role in their error messages from here, doctor's rows name them
from here, and the README's "IAM roles and APIs doctor needs" table is checked against it
(tests/test_docs.py). Facts as in reference/google-apis.md (§2–§7):

- ``projects.getBillingInfo`` needs ``resourcemanager.projects.get`` on the project (not a
  ``billing.*`` permission); ``billingAccounts.get`` needs ``billing.accounts.get`` on the account.
- Cloud Quotas reads need ``cloudquotas.quotas.get``; the role the quota documentation names for
  viewing is Quota Viewer (``roles/servicemanagement.quotaViewer``).
- Monitoring ``timeSeries.list`` is called as raw REST; the API must be enabled on the caller's
  quota project like every Cloud API here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: Short API ids (``SourceError.api``) → service name.
SERVICES: Mapping[str, str] = {
    "apikeys": "apikeys.googleapis.com",
    "cloudresourcemanager": "cloudresourcemanager.googleapis.com",
    "cloudbilling": "cloudbilling.googleapis.com",
    "serviceusage": "serviceusage.googleapis.com",
    "cloudquotas": "cloudquotas.googleapis.com",
    "monitoring": "monitoring.googleapis.com",
    "generativelanguage": "generativelanguage.googleapis.com",
}

#: Short API ids → human title.
API_TITLES: Mapping[str, str] = {
    "apikeys": "API Keys API",
    "cloudresourcemanager": "Cloud Resource Manager API",
    "cloudbilling": "Cloud Billing API",
    "serviceusage": "Service Usage API",
    "cloudquotas": "Cloud Quotas API",
    "monitoring": "Cloud Monitoring API",
    "generativelanguage": "Generative Language API (Gemini API)",
    "oauth2": "OAuth token endpoint",
}


@dataclass(frozen=True)
class GoogleCall:
    """One Google call: which API, which method, what it needs, and which doctor checks make it."""

    id: str  #: stable id used by sources and checks (``billing.info``)
    api: str  #: short API id, a key of SERVICES
    method: str  #: REST method as Google documents it
    permission: str | None  #: IAM permission (None: the API key is the credential)
    role: str | None  #: smallest predefined role that grants it
    checks: tuple[str, ...]  #: doctor check ids that make this call
    scope: str = "project"  #: what the permission is granted on

    @property
    def service(self) -> str:
        return SERVICES[self.api]

    @property
    def role_text(self) -> str | None:
        """The role as said in a hint (``roles/billing.viewer on the billing account``)."""
        if self.role is None:
            return None
        return self.role if self.scope == "project" else f"{self.role} on the {self.scope}"


CALLS: tuple[GoogleCall, ...] = (
    GoogleCall(
        "apikeys.lookup",
        "apikeys",
        "keys:lookupKey",
        "apikeys.keys.lookup",
        "roles/serviceusage.apiKeysViewer",
        ("key-project", "shared-keys"),
    ),
    GoogleCall(
        "apikeys.get",
        "apikeys",
        "keys.get",
        "apikeys.keys.get",
        "roles/serviceusage.apiKeysViewer",
        ("key-project", "key-restrictions"),
    ),
    GoogleCall(
        "resourcemanager",
        "cloudresourcemanager",
        "projects.get",
        "resourcemanager.projects.get",
        "roles/browser",
        ("key-project",),
    ),
    GoogleCall(
        "billing.info",
        "cloudbilling",
        "projects.getBillingInfo",
        "resourcemanager.projects.get",
        "roles/browser",
        ("billed-project",),
    ),
    GoogleCall(
        "billing.account",
        "cloudbilling",
        "billingAccounts.get",
        "billing.accounts.get",
        "roles/billing.viewer",
        ("billing-account",),
        scope="billing account",
    ),
    GoogleCall(
        "serviceusage",
        "serviceusage",
        "services.get",
        "serviceusage.services.get",
        "roles/serviceusage.serviceUsageViewer",
        ("api-enabled",),
    ),
    GoogleCall(
        "cloudquotas",
        "cloudquotas",
        "quotaInfos.list, quotaPreferences.list",
        "cloudquotas.quotas.get",
        "roles/servicemanagement.quotaViewer",
        ("quota-limits",),
    ),
    GoogleCall(
        "monitoring",
        "monitoring",
        "timeSeries.list",
        "monitoring.timeSeries.list",
        "roles/monitoring.viewer",
        ("quota-usage",),
    ),
    GoogleCall(
        "gemini.models",
        "generativelanguage",
        "models.list",
        None,
        None,
        ("key-accepted", "probe"),
    ),
    GoogleCall(
        "gemini.count_tokens",
        "generativelanguage",
        "models.countTokens",
        None,
        None,
        ("key-accepted",),
    ),
    GoogleCall(
        "gemini.generate",
        "generativelanguage",
        "models.generateContent",
        None,
        None,
        ("probe",),
    ),
)

#: Calls by id.
CALL: Mapping[str, GoogleCall] = {c.id: c for c in CALLS}

#: Permission → smallest role that grants it.
ROLE_FOR_PERMISSION: Mapping[str, str] = {
    c.permission: c.role for c in CALLS if c.permission is not None and c.role is not None
}

#: Call id → permission (for 403s that do not name it).
PERMISSION_FOR_CALL: Mapping[str, str] = {c.id: c.permission for c in CALLS if c.permission is not None}

#: Permission every caller needs on its quota project to bill calls there (``x-goog-user-project``).
QUOTA_PROJECT_PERMISSION = "serviceusage.services.use"
QUOTA_PROJECT_ROLE = "roles/serviceusage.serviceUsageConsumer"


def cloud_apis() -> tuple[str, ...]:
    """Services doctor's cloud checks call (each must be enabled on the caller's quota project)."""
    return tuple(dict.fromkeys(c.service for c in CALLS if c.permission is not None))
