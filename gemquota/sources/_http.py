"""One guard for every HTTP call to Google: a total deadline, a size cap on the answer, no redirects.

The client libraries only bound each socket read, so a server that trickles one byte a second
passes every per-read timeout; they follow redirects (google-genai sets ``follow_redirects=True``),
so a 302 to another host would carry the API key there; and they read any body whole. Every
session and client gemquota builds goes through here:

- ``guard_session(session, ctx)`` mounts :class:`GuardedAdapter` on a ``requests`` session (the
  GAPIC REST transports, Monitoring's AuthorizedSession, token refreshes);
- ``httpx_client_args(ctx)`` gives google-genai an httpx / httpx2 transport with the same rules.

A call runs in a daemon thread and is abandoned when the deadline passes (the caller gets
:class:`DeadlineExceeded`, a ``TimeoutError``); a 3xx answer raises :class:`RedirectRefused` before
anything is sent to the new location; an answer body larger than ``MAX_BODY_BYTES`` raises
:class:`BodyTooLarge` after reading at most that much. ``sources._errors.translate`` and
``sources.gemini`` turn these into gemquota exceptions."""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from urllib.parse import urlsplit

from gemquota.context import Context

#: Largest answer body read from any Google API (decoded bytes).
MAX_BODY_BYTES = 8 * 1024 * 1024
_CHUNK = 64 * 1024

T = TypeVar("T")


class DeadlineExceeded(TimeoutError):
    """The whole call (connect, headers, body) did not finish within its total deadline."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no complete answer within {seconds:g} s")
        self.seconds = seconds


class RedirectRefused(Exception):
    """The server answered with a redirect; it is not followed (credentials never leave the host)."""

    def __init__(self, status: int, location: str, origin: str) -> None:
        target = urlsplit(location)
        where = target.netloc if target.netloc else origin
        self.status = status
        self.host = where.rsplit("@", 1)[-1]  # never keep a user:password part
        self.cross_host = bool(target.netloc) and self.host.lower() != origin.lower()
        super().__init__(f"HTTP {status} redirect to {self.host} (not followed)")


class BodyTooLarge(Exception):
    """The answer body is larger than the cap; reading stopped there."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the answer is larger than {limit // (1024 * 1024)} MB (reading stopped)")
        self.limit = limit


def run_with_deadline(fn: Callable[[], T], seconds: float, on_timeout: Callable[[], None] | None = None) -> T:
    """``fn()`` in a daemon thread; DeadlineExceeded when it has not returned after ``seconds``.

    The thread is abandoned, not joined: a daemon thread never delays the end of the process.
    ``on_timeout`` may close what the thread is blocked on."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc
        finally:
            done.set()

    thread = threading.Thread(target=target, name="gemquota-call", daemon=True)
    thread.start()
    if not done.wait(seconds):
        if on_timeout is not None:
            try:
                on_timeout()
            except Exception:
                pass
        raise DeadlineExceeded(seconds)
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def _is_redirect(status: int) -> bool:
    return 300 <= status < 400 and status != 304


def _capped(chunks: Iterator[bytes], limit: int, deadline: float, seconds: float) -> bytes:
    out = bytearray()
    for chunk in chunks:
        out += chunk
        if len(out) > limit:
            raise BodyTooLarge(limit)
        if time.monotonic() > deadline:
            raise DeadlineExceeded(seconds)
    return bytes(out)


def _raw_chunks(raw: Any) -> Iterator[bytes]:
    """urllib3's body stream with its errors as requests raises them (as ``iter_content`` does)."""
    import requests.exceptions as rexc
    import urllib3.exceptions as uexc

    try:
        yield from raw.stream(_CHUNK, decode_content=True)
    except uexc.ProtocolError as exc:  # reset or truncated in the middle of the body
        raise rexc.ChunkedEncodingError(exc) from exc
    except uexc.DecodeError as exc:
        raise rexc.ContentDecodingError(exc) from exc
    except uexc.ReadTimeoutError as exc:
        raise rexc.ReadTimeout(exc) from exc
    except uexc.SSLError as exc:
        raise rexc.SSLError(exc) from exc


def _inflate(chunks: Iterator[bytes], encoding: str) -> Iterator[bytes]:
    """Decode a gzip / deflate body in steps of at most _CHUNK bytes (a "zip bomb" stays bounded:
    the caller stops at the size cap). Other encodings are refused (ValueError)."""
    import zlib

    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ValueError(f"unsupported Content-Encoding {encoding[:40]!r}")
    inflater = zlib.decompressobj(47)  # 32 + 15: a gzip or zlib header, detected
    for chunk in chunks:
        data = chunk
        while data:
            out = inflater.decompress(data, _CHUNK)
            if out:
                yield out
            data = inflater.unconsumed_tail
    tail = inflater.flush()
    if tail:
        yield tail


def _requests_adapter_cls() -> type[Any]:
    from requests.adapters import HTTPAdapter

    class GuardedAdapter(HTTPAdapter):
        """An HTTPAdapter with a total deadline, a body cap and no redirects."""

        def __init__(self, total_s: float, max_body: int = MAX_BODY_BYTES) -> None:
            super().__init__(max_retries=0)
            self.total_s = total_s
            self.max_body = max_body

        def send(  # type: ignore[override]
            self, request: Any, stream: bool = False, timeout: Any = None, **kwargs: Any
        ) -> Any:
            seconds = self.total_s
            deadline = time.monotonic() + seconds
            holder: dict[str, Any] = {}
            origin = urlsplit(str(request.url)).netloc

            def work() -> Any:
                resp = HTTPAdapter.send(self, request, stream=True, timeout=timeout, **kwargs)
                holder["resp"] = resp
                if _is_redirect(resp.status_code):
                    location = str(resp.headers.get("location") or "")
                    resp.close()
                    raise RedirectRefused(resp.status_code, location, origin)
                try:
                    body = _capped(_raw_chunks(resp.raw), self.max_body, deadline, seconds)
                finally:
                    resp.close()
                resp._content = body
                resp._content_consumed = True  # type: ignore[attr-defined]
                return resp

            def abandon() -> None:
                resp = holder.get("resp")
                if resp is not None:
                    resp.close()

            return run_with_deadline(work, seconds, abandon)

        def close(self) -> None:
            """Close the pooled connections now. urllib3 2 drops its pools on ``clear()`` without
            closing them, so a socket stayed open for as long as anything (an error holding the
            response) referenced its pool: a thousand key lookups meant a thousand open sockets."""
            for manager in (self.poolmanager, *self.proxy_manager.values()):
                pools = manager.pools
                for key in pools.keys():
                    pool = pools.get(key)
                    if pool is not None:
                        pool.close()
            super().close()

    return GuardedAdapter


def guard_session(session: Any, ctx: Context) -> Any:
    """Mount the guard on a ``requests`` session (also an AuthorizedSession) and return it.

    An AuthorizedSession would also answer a 401 by refreshing the token and sending the request
    again; that is turned off too (a 401 is reported: the credentials were rejected)."""
    adapter = _requests_adapter_cls()(ctx.timeout)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.max_redirects = 0
    if hasattr(session, "_refresh_status_codes"):
        session._refresh_status_codes = ()
    return session


def _httpx_module() -> Any:
    """httpx2 or httpx, whichever google-genai will use (httpx2 first, as it prefers)."""
    for name in ("httpx2", "httpx"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise ImportError("google-genai needs httpx or httpx2")


def httpx_transport(ctx: Context, max_body: int = MAX_BODY_BYTES) -> Any:
    """An httpx / httpx2 transport with a total deadline, a body cap and no redirects."""
    mod = _httpx_module()
    inner = mod.HTTPTransport()
    seconds = ctx.timeout

    class GuardedTransport(mod.BaseTransport):  # type: ignore[misc,name-defined]
        def handle_request(self, request: Any) -> Any:
            deadline = time.monotonic() + seconds
            holder: dict[str, Any] = {}
            origin = str(request.url.netloc.decode("ascii", "replace"))

            def work() -> Any:
                request.headers["Accept-Encoding"] = "gzip, deflate"  # what _inflate can bound
                resp = inner.handle_request(request)
                holder["resp"] = resp
                encoding = str(resp.headers.get("content-encoding") or "").strip().lower()
                try:
                    if _is_redirect(resp.status_code):
                        raise RedirectRefused(
                            resp.status_code, str(resp.headers.get("location") or ""), origin
                        )
                    chunks: Iterator[bytes] = iter(resp.stream)
                    if encoding not in ("", "identity"):
                        chunks = _inflate(chunks, encoding)  # decoded here, in bounded steps
                    body = _capped(chunks, max_body, deadline, seconds)
                finally:
                    resp.close()
                dropped = (b"transfer-encoding", b"content-encoding", b"content-length")
                headers = [(k, v) for k, v in resp.headers.raw if k.lower() not in dropped]
                return mod.Response(
                    resp.status_code,
                    headers=headers,
                    content=body,
                    request=request,
                    extensions=resp.extensions,
                )

            def abandon() -> None:
                resp = holder.get("resp")
                if resp is not None:
                    resp.close()

            return run_with_deadline(work, seconds, abandon)

        def close(self) -> None:
            inner.close()

    return GuardedTransport()


def httpx_client_args(ctx: Context) -> dict[str, Any]:
    """``HttpOptions.client_args`` for google-genai: the guarded transport, redirects off."""
    return {"transport": httpx_transport(ctx), "follow_redirects": False}


__all__ = [
    "MAX_BODY_BYTES",
    "BodyTooLarge",
    "DeadlineExceeded",
    "RedirectRefused",
    "guard_session",
    "httpx_client_args",
    "httpx_transport",
    "run_with_deadline",
]
