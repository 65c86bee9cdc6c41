"""Helpers for the emulator tests: scenario variants, real clients and credential files."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from _sources_support import write_service_account_file, write_user_adc_file

from gemquota.emulator import SCENARIOS, Emulator, Scenario

_KEEP_ALIVE: list[Any] = []


def scenario_with(name: str, **project_changes: Any) -> Scenario:
    """A bundled scenario whose FIRST project has ``project_changes`` applied."""
    base = SCENARIOS[name]
    first = dataclasses.replace(base.projects[0], **project_changes)
    return dataclasses.replace(base, projects=(first, *base.projects[1:]))


def user_creds(emu: Emulator, *, quota_project: str | None = "default") -> Any:
    """A plain bearer token, as ``GEMQUOTA_ACCESS_TOKEN`` gives (google.oauth2 Credentials)."""
    from google.oauth2.credentials import Credentials

    qp = emu.scenario.demo.quota_project if quota_project == "default" else quota_project
    return Credentials(token=emu.scenario.demo.access_token, quota_project_id=qp)


def cloud_client(kind: str, emu: Emulator, creds: Any) -> Any:
    """A google-cloud-* client in REST transport pointed at the emulator."""
    from google.cloud import api_keys_v2, billing_v1, cloudquotas_v1, resourcemanager_v3, service_usage_v1

    classes: dict[str, Any] = {
        "apikeys": api_keys_v2.ApiKeysClient,
        "resourcemanager": resourcemanager_v3.ProjectsClient,
        "billing": billing_v1.CloudBillingClient,
        "serviceusage": service_usage_v1.ServiceUsageClient,
        "cloudquotas": cloudquotas_v1.CloudQuotasClient,
    }
    return classes[kind](transport="rest", credentials=creds, client_options={"api_endpoint": emu.base_url})


def genai_client(
    emu: Emulator, key: str | None = None, *, version: str = "v1beta", timeout_ms: int = 5000
) -> Any:
    from google import genai
    from google.genai import types

    client = genai.Client(
        api_key=key or emu.scenario.demo.api_keys[0],
        http_options=types.HttpOptions(base_url=emu.base_url, api_version=version, timeout=timeout_ms),
    )
    _KEEP_ALIVE.append(client)  # google-genai closes its HTTP client when the Client is collected
    return client


def service_account_file(emu: Emulator, tmp_path: Path, email: str | None = None) -> Path:
    """A real service-account key file (fresh RSA key) whose token_uri is the emulator's /token."""
    return write_service_account_file(
        tmp_path / "sa.json",
        email=email or emu.scenario.demo.service_account or "",
        token_uri=emu.token_url,
        project_id=emu.scenario.projects[0].project_id,
    )


def gcloud_adc_file(
    emu: Emulator, tmp_path: Path, *, quota_project: str | None, refresh: str | None = None
) -> Path:
    """A gcloud user ADC file whose refresh token the emulator accepts."""
    return write_user_adc_file(
        tmp_path / "application_default_credentials.json",
        refresh_token=refresh or emu.scenario.demo.refresh_token or "",
        quota_project=quota_project,
    )


def without_boundary_lookup(creds: Any) -> Any:
    """Stop google-auth's background Regional Access Boundary lookup for service accounts.

    google-auth >= 2.62 asks https://iamcredentials.googleapis.com/.../allowedLocations (a fixed
    host, not redirectable) the first time service-account credentials are used; tests must only
    talk to 127.0.0.1, so give the credentials a boundary up front (the hook gcloud itself uses)."""
    import datetime

    setter = getattr(creds, "_set_regional_access_boundary", None)
    if setter is not None:
        setter({"encodedLocations": "0x0", "expiry": datetime.datetime(2100, 1, 1)})
    return creds
