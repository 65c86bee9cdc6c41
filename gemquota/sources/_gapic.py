"""Construction of google-cloud-* clients in REST transport, pointed at ``ctx.endpoints``.

Clients are built per call and closed after it (``with rest_client(...) as client``): a client owns
a ``requests`` session, which is not documented as thread-safe, and doctor calls adapters from
several threads. The credentials object (and so its token) is shared.

Service-account credentials would switch GAPIC clients to self-signed JWTs; the transport is built
with ``always_use_jwt_access=False`` so every API uses the one OAuth token obtained through the
credentials' ``token_uri`` (what Monitoring over AuthorizedSession uses as well)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from gemquota.context import Context
from gemquota.sources._http import guard_session
from gemquota.sources.credentials import CloudCredentials, ensure_fresh


def _transport_factory(client_cls: Any) -> Any:
    transport_cls = client_cls.get_transport_class("rest")

    def make(**kwargs: Any) -> Any:
        kwargs["always_use_jwt_access"] = False
        return transport_cls(**kwargs)

    return make


@contextmanager
def rest_client(client_cls: Any, ctx: Context, creds: CloudCredentials, endpoint: str) -> Iterator[Any]:
    """A REST client of ``client_cls`` for ``endpoint`` (scheme kept: http:// works for the emulator)."""
    ensure_fresh(ctx, creds)
    client = client_cls(
        credentials=creds.credentials,
        transport=_transport_factory(client_cls),
        client_options={"api_endpoint": endpoint.rstrip("/")},
    )
    guard_session(client.transport._session, ctx)  # total deadline, body cap, no redirects
    try:
        yield client
    finally:
        try:
            client.transport.close()
        except Exception:  # closing must never mask the call's own outcome
            pass


def call_kwargs(ctx: Context) -> dict[str, Any]:
    """Keyword arguments for every RPC: the context's timeout and no retries."""
    return {"timeout": ctx.timeout, "retry": None}
