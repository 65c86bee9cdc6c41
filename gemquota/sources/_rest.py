"""Raw REST GETs through google-auth's AuthorizedSession, for fields or APIs the client libraries
lack (Monitoring has no REST client; the API Keys client drops ``serviceAccountEmail``)."""

from __future__ import annotations

import importlib
from typing import Any

from gemquota.context import Context
from gemquota.sources._errors import CallSpec, calling
from gemquota.sources.credentials import CloudCredentials, ensure_fresh


def get_json(
    ctx: Context, creds: CloudCredentials, spec: CallSpec, url: str, params: dict[str, Any] | None = None
) -> Any:
    """GET ``url`` with the credentials' token (and quota project); the decoded JSON answer.

    Every failure leaves as a gemquota exception through ``calling(spec)``."""
    gatr: Any = importlib.import_module("google.auth.transport.requests")
    gexc: Any = importlib.import_module("google.api_core.exceptions")
    with calling(spec):
        ensure_fresh(ctx, creds)
        session = gatr.AuthorizedSession(creds.credentials, refresh_timeout=ctx.timeout)
        try:
            resp = session.get(url, params=params or {}, timeout=ctx.timeout, allow_redirects=False)
            if resp.status_code >= 300:
                raise gexc.from_http_response(resp)
            return resp.json()
        finally:
            session.close()
