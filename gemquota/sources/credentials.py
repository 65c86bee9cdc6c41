"""Google Cloud credentials for the Cloud API adapters, read from ``ctx.env`` only.

Order: ``GEMQUOTA_ACCESS_TOKEN`` (a plain bearer token) > ``GOOGLE_APPLICATION_CREDENTIALS`` (a key
or credentials file) > the gcloud ADC file (``$CLOUDSDK_CONFIG`` or ``$HOME/.config/gcloud`` /
``%APPDATA%\\gcloud``, ``application_default_credentials.json``) > the GCE metadata server, which is
consulted only when ``NO_GCE_CHECK`` is set to something other than ``true`` (so nothing can hang).
Unlike ``google.auth.default()`` this never reads ``os.environ`` and never runs ``gcloud``.
When ``ctx.endpoints.token`` is set (``GEMQUOTA_GOOGLE_BASE_URL``), user and service-account
credentials get their tokens there; otherwise a key file's own ``token_uri`` is used.

Quota project: ``GOOGLE_CLOUD_QUOTA_PROJECT`` > the file's ``quota_project_id``, applied with
``with_quota_project`` (REST clients ignore ``ClientOptions.quota_project_id`` when credentials are
passed). Default project: ``GOOGLE_CLOUD_PROJECT`` / ``GCLOUD_PROJECT`` > the service-account
file's ``project_id`` > ``CLOUDSDK_CORE_PROJECT`` > gcloud's active configuration file."""

from __future__ import annotations

import configparser
import functools
import importlib
import json
import os
import threading
import time
import warnings
from dataclasses import dataclass, field
from typing import Any

from gemquota.context import Context
from gemquota.core.cloud import CredentialInfo
from gemquota.core.redact import redact
from gemquota.exceptions import GemquotaError, NoCredentials
from gemquota.sources._errors import CallSpec, translate

SCOPES = ("https://www.googleapis.com/auth/cloud-platform",)
ACCESS_TOKEN_ENV = "GEMQUOTA_ACCESS_TOKEN"
_ADC_FILE = "application_default_credentials.json"
_MAX_FILE_BYTES = 1_000_000
#: How long a failed token refresh is remembered, so concurrent calls fail fast instead of queuing.
_FAILURE_TTL_S = 30.0

_KIND_OF_TYPE = {
    "authorized_user": "user",
    "service_account": "service-account",
    "external_account": "external",
    "external_account_authorized_user": "external",
    "impersonated_service_account": "impersonated",
}

#: The fix for a GOOGLE_APPLICATION_CREDENTIALS that is missing, a directory or not a credentials file.
_GAC_HINT = "correct or unset GOOGLE_APPLICATION_CREDENTIALS"
_LOGIN_HINT = (
    "run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a key file"
)


class _RefreshState:
    """Serialises token refreshes of one credentials object and remembers a recent failure."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.failure: GemquotaError | None = None
        self.failed_at = 0.0


@dataclass(frozen=True)
class CloudCredentials:
    """Refreshable google.auth credentials (quota project applied) and what they are."""

    credentials: Any = field(repr=False)
    info: CredentialInfo
    _refresh: _RefreshState = field(default_factory=_RefreshState, repr=False, compare=False)

    def __repr__(self) -> str:  # never shows a token
        i = self.info
        return (
            f"CloudCredentials(kind={i.kind!r}, source={redact(i.source)!r}, principal={i.principal!r}, "
            f"quota_project={i.quota_project!r}, project={i.project!r})"
        )


def _mod(name: str) -> Any:
    """A google module, imported on first use (explain-error and reset-in never import google.*)."""
    return importlib.import_module(name)


def _get(env: Any, name: str) -> str | None:
    value = env.get(name)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _expand_home(path: str, env: Any) -> str:
    home = _get(env, "HOME") or _get(env, "USERPROFILE")
    if home and (path == "~" or path.startswith(("~/", "~\\"))):
        return home + path[1:]
    return path


def gcloud_config_dir(env: Any) -> str | None:
    """gcloud's configuration directory according to ``env`` (None when it cannot be located)."""
    explicit = _get(env, "CLOUDSDK_CONFIG")
    if explicit:
        return _expand_home(explicit, env)
    appdata = _get(env, "APPDATA")
    if os.name == "nt" and appdata:
        return os.path.join(appdata, "gcloud")
    home = _get(env, "HOME")
    if home:
        return os.path.join(home, ".config", "gcloud")
    return None


def _gcloud_project(env: Any) -> str | None:
    """The project of gcloud's active configuration, read from its files (no subprocess)."""
    explicit = _get(env, "CLOUDSDK_CORE_PROJECT")
    if explicit:
        return explicit
    config_dir = gcloud_config_dir(env)
    if not config_dir:
        return None
    try:
        name = _get(env, "CLOUDSDK_ACTIVE_CONFIG_NAME")
        if not name:
            with open(os.path.join(config_dir, "active_config"), encoding="utf-8") as fh:
                name = fh.read(200).strip() or "default"
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(os.path.join(config_dir, "configurations", f"config_{name}"), encoding="utf-8")
        project = parser.get("core", "project", fallback="").strip()
        return project or None
    except (OSError, configparser.Error, UnicodeDecodeError):
        return None


def _fail(message: str, path: str, hint: str | None = None) -> NoCredentials:
    return NoCredentials(redact(f"{message}: {path}"), hint or _LOGIN_HINT)


def _read_json(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(_MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _fail("credentials file not found", path) from None
    except OSError as exc:
        raise _fail(f"credentials file unreadable ({type(exc).__name__})", path) from None
    if len(raw) > _MAX_FILE_BYTES:
        raise _fail("credentials file too large to be a credentials file", path)
    try:
        info = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise _fail("credentials file is not valid JSON", path) from None
    if not isinstance(info, dict):
        raise _fail("credentials file is not a JSON object", path)
    return info


def _principal(creds: Any, fallback: str | None) -> str | None:
    get_info = getattr(creds, "get_cred_info", None)
    if callable(get_info):
        try:
            info = get_info()
        except Exception:
            info = None
        if isinstance(info, dict):
            principal = info.get("principal")
            if isinstance(principal, str) and principal and principal != "default":
                return principal
    return fallback


def _load_file(ctx: Context, path: str, source: str) -> CloudCredentials:
    env = ctx.env
    info = _read_json(path)
    ctype = str(info.get("type") or "")
    kind = _KIND_OF_TYPE.get(ctype)
    if kind is None:
        raise _fail(f"unsupported credentials type {ctype[:40]!r} in", path)
    quota_env = _get(env, "GOOGLE_CLOUD_QUOTA_PROJECT")
    file_quota = info.get("quota_project_id")
    quota = quota_env or (file_quota.strip() if isinstance(file_quota, str) and file_quota.strip() else None)
    project = _get(env, "GOOGLE_CLOUD_PROJECT") or _get(env, "GCLOUD_PROJECT")
    principal: str | None = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if ctype == "authorized_user":
                creds: Any = _mod("google.oauth2.credentials").Credentials.from_authorized_user_info(
                    info, scopes=list(SCOPES)
                )
                if ctx.endpoints.token:
                    creds = creds.with_token_uri(ctx.endpoints.token)
                account = info.get("account")
                principal = account if isinstance(account, str) and account else None
            elif ctype == "service_account":
                creds = _mod("google.oauth2.service_account").Credentials.from_service_account_info(
                    info, scopes=list(SCOPES)
                )
                if ctx.endpoints.token:  # GEMQUOTA_GOOGLE_BASE_URL: the token comes from there too
                    creds = creds.with_token_uri(ctx.endpoints.token)
                principal = getattr(creds, "service_account_email", None)
                sa_project = info.get("project_id")
                if not project and isinstance(sa_project, str) and sa_project:
                    project = sa_project
            elif ctype == "impersonated_service_account":
                impersonated = _mod("google.auth.impersonated_credentials").Credentials
                creds = impersonated.from_impersonated_service_account_info(info, scopes=list(SCOPES))
            else:  # external account types: google-auth's own loader
                creds, _ = _mod("google.auth").load_credentials_from_dict(
                    info, scopes=list(SCOPES), quota_project_id=quota
                )
            if quota and hasattr(creds, "with_quota_project"):
                creds = creds.with_quota_project(quota)
    except GemquotaError:
        raise
    except Exception as exc:
        detail = redact(" ".join(str(exc).split()))[:200]
        raise NoCredentials(
            redact(f"cannot load credentials from {path}: {detail or type(exc).__name__}"),
            _LOGIN_HINT,
        ) from None
    if not project and kind == "user":
        project = _gcloud_project(env)
    if ctx.endpoints.overridden or ctx.endpoints.token:
        _no_access_boundary_lookup(creds)
    return CloudCredentials(
        creds,
        CredentialInfo(
            kind=kind,
            source=source,
            principal=_principal(creds, principal),
            quota_project=quota,
            project=project,
        ),
    )


def _no_access_boundary_lookup(creds: Any) -> None:
    """Stop google-auth's background "regional access boundary" lookup at iamcredentials.googleapis.com.

    Service-account (and impersonated / external) credentials start it after each token refresh;
    with the endpoints pointed elsewhere (the emulator, GEMQUOTA_GOOGLE_BASE_URL) nothing may go to
    Google, so the lookup is turned off on this credentials object."""
    if hasattr(creds, "_is_regional_access_boundary_lookup_required"):
        creds._is_regional_access_boundary_lookup_required = lambda: False
    source = getattr(creds, "_source_credentials", None)  # impersonated credentials
    if source is not None and source is not creds:
        _no_access_boundary_lookup(source)


#: How long detecting the metadata server may take on a Google runtime (SPEC §5: ≤ 1 s).
METADATA_DETECT_TIMEOUT_S = 1.0
#: DMI product names of Google Compute Engine machines (GCE, and the GKE / Cloud Shell VMs on it).
_GCE_PRODUCT_NAMES = ("Google Compute Engine", "Google")


def google_runtime(ctx: Context) -> str | None:
    """Which Google runtime this is (from env and the DMI product name), None elsewhere.

    Cloud Run sets ``K_SERVICE`` (also Cloud Functions 2nd gen), Cloud Shell ``CLOUD_SHELL``, GKE pods
    ``KUBERNETES_SERVICE_HOST`` on a GCE node; a GCE VM says so in its DMI product name (read through
    ``ctx.dmi_product_path``, so tests can fake it)."""
    env = ctx.env
    if _get(env, "K_SERVICE"):
        return "Cloud Run"
    if _get(env, "CLOUD_SHELL"):
        return "Cloud Shell"
    product = ""
    path = ctx.dmi_product_path
    if path:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                product = fh.read(200).strip()
        except OSError:
            product = ""
    if product.startswith(_GCE_PRODUCT_NAMES):
        return "GKE" if _get(env, "KUBERNETES_SERVICE_HOST") else "Compute Engine"
    return None


def _metadata_allowed(ctx: Context) -> bool:
    """Ask the metadata server on a Google runtime, or when NO_GCE_CHECK says so; never with
    NO_GCE_CHECK=true; elsewhere not (nothing can hang on a laptop or in CI)."""
    value = _get(ctx.env, "NO_GCE_CHECK")
    if value is not None and value.lower() == "true":
        return False
    if value is not None:
        return True
    return google_runtime(ctx) is not None


def _load_metadata(ctx: Context) -> CloudCredentials | None:
    import requests

    gatr = _mod("google.auth.transport.requests")
    metadata = _mod("google.auth.compute_engine._metadata")
    session = requests.Session()
    try:
        timeout = min(ctx.timeout, METADATA_DETECT_TIMEOUT_S)
        if not metadata.ping(gatr.Request(session), timeout=timeout, retry_count=1):
            return None
    except Exception:
        return None
    finally:
        session.close()
    quota = _get(ctx.env, "GOOGLE_CLOUD_QUOTA_PROJECT")
    creds = _mod("google.auth.compute_engine").Credentials(scopes=list(SCOPES), quota_project_id=quota)
    project = _get(ctx.env, "GOOGLE_CLOUD_PROJECT") or _get(ctx.env, "GCLOUD_PROJECT")
    runtime = google_runtime(ctx)
    source = f"metadata server ({runtime})" if runtime else "GCE metadata server"
    return CloudCredentials(
        creds,
        CredentialInfo(kind="compute", source=source, principal=None, quota_project=quota, project=project),
    )


def load_cloud_credentials(ctx: Context) -> CloudCredentials | None:
    """The cloud credentials ``ctx.env`` points at, or None when there are none at all.

    Raises NoCredentials when a credentials file exists (or is named) but cannot be used."""
    env = ctx.env
    project = _get(env, "GOOGLE_CLOUD_PROJECT") or _get(env, "GCLOUD_PROJECT")
    quota = _get(env, "GOOGLE_CLOUD_QUOTA_PROJECT")
    token = _get(env, ACCESS_TOKEN_ENV)
    if token:
        creds: Any = _mod("google.oauth2.credentials").Credentials(token=token)
        if quota:
            creds = creds.with_quota_project(quota)
        return CloudCredentials(
            creds,
            CredentialInfo(
                kind="token", source=ACCESS_TOKEN_ENV, principal=None, quota_project=quota, project=project
            ),
        )
    explicit = _get(env, "GOOGLE_APPLICATION_CREDENTIALS")
    if explicit:
        path = _expand_home(explicit, env)
        if os.path.isdir(path):
            raise _fail("GOOGLE_APPLICATION_CREDENTIALS names a directory, not a file", path, _GAC_HINT)
        try:
            return _load_file(ctx, path, f"{path} (GOOGLE_APPLICATION_CREDENTIALS)")
        except NoCredentials as err:  # the fix is the variable, not a new gcloud login
            err.hint = _GAC_HINT
            raise
    config_dir = gcloud_config_dir(env)
    if config_dir:
        path = os.path.join(config_dir, _ADC_FILE)
        if os.path.isfile(path):
            return _load_file(ctx, path, f"{path} (gcloud application-default login)")
    if _metadata_allowed(ctx):
        return _load_metadata(ctx)
    return None


def ensure_fresh(ctx: Context, creds: CloudCredentials) -> None:
    """Obtain a token now, bounded by ``ctx.timeout``, if the credentials have none that is valid.

    The client libraries would refresh on their own but with a 120 s default timeout; doing it
    here bounds the token call and lets concurrent calls share one refresh (or one failure)."""
    c = creds.credentials
    if getattr(c, "valid", False):
        return
    state = creds._refresh
    with state.lock:
        if getattr(c, "valid", False):
            return
        if state.failure is not None and time.monotonic() - state.failed_at < _FAILURE_TTL_S:
            raise state.failure
        import requests

        gatr = _mod("google.auth.transport.requests")
        session = requests.Session()
        try:
            c.refresh(functools.partial(gatr.Request(session), timeout=ctx.timeout))
        except Exception as exc:
            err = translate(exc, CallSpec(api="oauth2", method="token refresh", permission=None))
            state.failure, state.failed_at = err, time.monotonic()
            raise err from exc
        finally:
            session.close()
        state.failure = None
