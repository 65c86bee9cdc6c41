"""API Keys API v2: which project owns a key (``keys:lookupKey``) and its restrictions (``keys.get``)."""

from __future__ import annotations

from typing import Any

from gemquota.context import Context
from gemquota.core.cloud import KeyInfo, KeyRestrictions
from gemquota.core.iam import CALL
from gemquota.core.redact import mask_key
from gemquota.exceptions import NotFound, UnexpectedResponse
from gemquota.sources._errors import CallSpec, calling
from gemquota.sources._gapic import call_kwargs, rest_client
from gemquota.sources.credentials import CloudCredentials

_ROLE = CALL["apikeys.lookup"].role_text


def _client_cls() -> Any:
    from google.cloud import api_keys_v2

    return api_keys_v2.ApiKeysClient


def lookup_key(ctx: Context, creds: CloudCredentials, key: str) -> KeyInfo:
    """The project number and key resource name of an ``AIza…`` key.

    Raises PermissionDenied (``apikeys.keys.lookup``; also when the key belongs to a project the
    caller cannot see), ApiDisabled / QuotaProjectMissing, NotFound (Google does not know the key)."""
    spec = CallSpec(
        api="apikeys",
        method=f"keys:lookupKey ({mask_key(key)})",
        permission=CALL["apikeys.lookup"].permission,
        role=_ROLE,
        quota_project=creds.info.quota_project,
        denied_note="a key from a project you cannot see is denied the same way",
        bad_request_is_not_found=True,
    )
    with calling(spec):
        with rest_client(_client_cls(), ctx, creds, ctx.endpoints.apikeys) as client:
            resp = client.lookup_key(request={"key_string": key.strip()}, **call_kwargs(ctx))
        parent = str(resp.parent or "")
        name = str(resp.name or "") or None
    parts = parent.split("/")
    if len(parts) < 2 or parts[0] != "projects" or not parts[1]:
        if not parent:
            raise NotFound(f"{spec.where}: Google returned no project for this key", None, api="apikeys")
        raise UnexpectedResponse(f"{spec.where}: unexpected parent {parent[:80]!r}", None, api="apikeys")
    return KeyInfo(project_number=parts[1], key_name=name)


def get_key_restrictions(ctx: Context, creds: CloudCredentials, key_name: str) -> KeyRestrictions:
    """The restrictions of the key ``projects/N/locations/global/keys/UID`` (``apikeys.keys.get``)."""
    project = (
        key_name.split("/")[1] if key_name.startswith("projects/") and key_name.count("/") >= 1 else None
    )
    spec = CallSpec(
        api="apikeys",
        method="keys.get",
        permission=CALL["apikeys.get"].permission,
        role=_ROLE,
        project=project,
        quota_project=creds.info.quota_project,
    )
    with calling(spec):
        with rest_client(_client_cls(), ctx, creds, ctx.endpoints.apikeys) as client:
            key = client.get_key(name=key_name, **call_kwargs(ctx))
        return _restrictions(key)


def _restrictions(key: Any) -> KeyRestrictions:
    display = str(key.display_name or "") or None
    if "restrictions" not in key:
        return KeyRestrictions(display_name=display, api_targets=None)
    r = key.restrictions
    targets = tuple(str(t.service) for t in r.api_targets if t.service)
    has_browser = "browser_key_restrictions" in r
    has_server = "server_key_restrictions" in r
    has_android = "android_key_restrictions" in r
    has_ios = "ios_key_restrictions" in r
    return KeyRestrictions(
        display_name=display,
        api_targets=targets or None,
        browser_referrers=tuple(str(x) for x in r.browser_key_restrictions.allowed_referrers)
        if has_browser
        else (),
        server_ips=tuple(str(x) for x in r.server_key_restrictions.allowed_ips) if has_server else (),
        android_apps=tuple(
            str(a.package_name) + (f":{a.sha1_fingerprint}" if a.sha1_fingerprint else "")
            for a in r.android_key_restrictions.allowed_applications
        )
        if has_android
        else (),
        ios_bundle_ids=tuple(str(x) for x in r.ios_key_restrictions.allowed_bundle_ids) if has_ios else (),
        has_browser_restriction=has_browser,
        has_server_restriction=has_server,
        has_android_restriction=has_android,
        has_ios_restriction=has_ios,
    )
