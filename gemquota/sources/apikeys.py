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
from gemquota.sources._rest import get_json
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
    """The restrictions and bound service account of the key ``projects/N/locations/global/keys/UID``
    (``apikeys.keys.get``).

    Read as raw REST JSON: google-cloud-api-keys (0.9.1, the newest release) has no
    ``serviceAccountEmail`` in its ``Key`` message and its REST transport drops unknown fields, so
    the field that tells an auth key from a standard one would be lost through the client."""
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
    url = f"{ctx.endpoints.apikeys.rstrip('/')}/v2/{key_name.strip('/')}"
    body = get_json(ctx, creds, spec, url)
    with calling(spec):
        return restrictions_from_json(body)


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(str(x) for x in value if isinstance(x, str)) if isinstance(value, list) else ()


def restrictions_from_json(key: Any) -> KeyRestrictions:
    """A ``Key`` resource as REST JSON (``displayName``, ``restrictions``, ``serviceAccountEmail``)."""
    if not isinstance(key, dict):
        raise ValueError("keys.get answer is not an object")
    display = key.get("displayName") if isinstance(key.get("displayName"), str) else None
    sa = key.get("serviceAccountEmail")
    sa_email = sa.strip() if isinstance(sa, str) and sa.strip() else None
    r = key.get("restrictions")
    if not isinstance(r, dict) or not r:
        return KeyRestrictions(
            display_name=display or None, api_targets=None, service_account_email=sa_email, restricted=False
        )
    targets = tuple(
        str(t["service"]) for t in r.get("apiTargets") or () if isinstance(t, dict) and t.get("service")
    )
    browser = r.get("browserKeyRestrictions")
    server = r.get("serverKeyRestrictions")
    android = r.get("androidKeyRestrictions")
    ios = r.get("iosKeyRestrictions")
    apps = android.get("allowedApplications") if isinstance(android, dict) else None
    return KeyRestrictions(
        display_name=display or None,
        api_targets=targets or None,
        browser_referrers=_strs(browser.get("allowedReferrers")) if isinstance(browser, dict) else (),
        server_ips=_strs(server.get("allowedIps")) if isinstance(server, dict) else (),
        android_apps=tuple(
            str(a.get("packageName", "")) + (f":{a['sha1Fingerprint']}" if a.get("sha1Fingerprint") else "")
            for a in apps or ()
            if isinstance(a, dict)
        ),
        ios_bundle_ids=_strs(ios.get("allowedBundleIds")) if isinstance(ios, dict) else (),
        has_browser_restriction=isinstance(browser, dict),
        has_server_restriction=isinstance(server, dict),
        has_android_restriction=isinstance(android, dict),
        has_ios_restriction=isinstance(ios, dict),
        service_account_email=sa_email,
        restricted=True,
    )
