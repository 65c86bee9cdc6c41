"""The Gemini API adapter (google-genai): models.list and one minimal generateContent.

google-genai is imported inside the functions, so importing this module stays cheap. Every
library error leaves as a gemquota exception: an HTTP error answer as ``GeminiCallError``
(carrying the genai ``APIError`` so its structure can be classified), no answer in time as
``CallTimeout``, a refused connection / DNS failure / reset as ``Unreachable``."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from gemquota.context import Context
from gemquota.core.models import ListedModel
from gemquota.core.redact import redact
from gemquota.exceptions import CallTimeout, UnexpectedResponse, Unreachable
from gemquota.exceptions import GeminiCallError as GeminiCallError  # raised here; defined with the others
from gemquota.keys import ApiKey
from gemquota.sources._http import BodyTooLarge, DeadlineExceeded, RedirectRefused, httpx_client_args

if TYPE_CHECKING:
    from google import genai

API = "generativelanguage"
API_VERSION = "v1beta"
#: The one-word prompt of the probe (one input token).
PROBE_PROMPT = "hi"
#: Page size for models.list (the API allows up to 1000; fewer pages, fewer calls).
LIST_PAGE_SIZE = 1000
#: Most models read from models.list (Google lists about a hundred): a server that keeps sending
#: pages gets its list cut here, and the call says so.
MAX_MODELS = 5000

T = TypeVar("T")


def _transport_errors() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    """(timeout classes, other transport classes) of httpx / httpx2, whichever is installed."""
    timeouts: list[type[BaseException]] = []
    transport: list[type[BaseException]] = []
    for name in ("httpx2", "httpx"):
        try:
            mod = importlib.import_module(name)
        except ImportError:
            continue
        timeouts.append(mod.TimeoutException)
        transport.append(mod.TransportError)
    return tuple(timeouts), tuple(transport)


def _client(ctx: Context, key: ApiKey) -> genai.Client:
    from google import genai
    from google.genai import types

    options = types.HttpOptions(
        base_url=ctx.endpoints.gemini,
        api_version=API_VERSION,
        timeout=max(1, int(ctx.timeout * 1000)),  # milliseconds in google-genai
        retry_options=types.HttpRetryOptions(attempts=1),  # never retry: one request is the probe
        # total deadline, body cap, and no redirect: the key is never sent to another host
        client_args=httpx_client_args(ctx),
    )
    return genai.Client(api_key=key.value, vertexai=False, http_options=options)


def _call(ctx: Context, call: str, fn: Callable[[], T]) -> T:
    """Run one google-genai call, translating every failure into a gemquota exception."""
    from google.genai import errors

    timeouts, transport = _transport_errors()
    where = ctx.endpoints.gemini
    try:
        return fn()
    except errors.APIError as exc:
        raise GeminiCallError(exc, call=call) from None
    except RedirectRefused as exc:
        raise UnexpectedResponse(
            redact(f"{call}: {where} answered with an HTTP {exc.status} redirect to {exc.host}"),
            "Not followed: the API key is never sent on a redirect. Check GEMQUOTA_GOOGLE_BASE_URL, "
            "GOOGLE_GEMINI_BASE_URL and any proxy between you and Google.",
            api=API,
        ) from None
    except BodyTooLarge as exc:
        raise UnexpectedResponse(redact(f"{call}: {where}: {exc}"), api=API) from None
    except DeadlineExceeded as exc:
        raise CallTimeout(
            f"{call}: no complete answer from {where} within {ctx.timeout:g} s",
            "Raise --timeout, or check the network path to the Gemini API.",
            api=API,
        ) from exc
    except timeouts as exc:
        raise CallTimeout(
            f"{call}: no answer from {where} within {ctx.timeout:g} s",
            "Raise --timeout, or check the network path to the Gemini API.",
            api=API,
        ) from exc
    except transport as exc:
        raise Unreachable(
            redact(f"could not reach {where} ({call}): {exc}"),
            "Check the network, proxy and DNS settings (and GEMQUOTA_GOOGLE_BASE_URL if set).",
            api=API,
        ) from exc
    except (ValueError, TypeError, KeyError) as exc:  # a 200 we cannot read (malformed JSON, odd shape)
        raise UnexpectedResponse(
            redact(f"{call}: unreadable answer from {where}: {type(exc).__name__}"), api=API
        ) from exc


def _bare(name: str) -> str:
    return name.removeprefix("models/")


def list_models(ctx: Context, key: ApiKey) -> tuple[str, ...]:
    """The bare model ids models.list returns for this key (all pages). Free: no generate quota."""
    return tuple(entry.model for entry in list_model_entries(ctx, key))


def list_model_entries(ctx: Context, key: ApiKey) -> tuple[ListedModel, ...]:
    """The models.list entries for this key (all pages): id, display name, version, methods, limits."""
    client = _client(ctx, key)

    def fetch() -> tuple[ListedModel, ...]:
        pager = client.models.list(config={"page_size": LIST_PAGE_SIZE})
        entries: list[ListedModel] = []
        for count, m in enumerate(pager, start=1):  # the pager follows nextPageToken by itself
            if count > MAX_MODELS:
                raise UnexpectedResponse(
                    f"models.list: the list was cut after {MAX_MODELS} models (the API kept sending pages)",
                    "Google lists far fewer models: check GEMQUOTA_GOOGLE_BASE_URL and any proxy.",
                    api=API,
                )
            if m.name:
                entries.append(
                    ListedModel(
                        model=_bare(m.name),
                        display_name=m.display_name,
                        version=m.version,
                        methods=tuple(m.supported_actions or ()),
                        input_token_limit=m.input_token_limit,
                        output_token_limit=m.output_token_limit,
                    )
                )
        return tuple(entries)

    names = _call(ctx, "models.list", fetch)
    if not names:  # every key sees models: an empty 200 is not an answer about the key or a model
        raise UnexpectedResponse(
            f"models.list: {ctx.endpoints.gemini} answered without any model",
            "Not a finding about your key: check GEMQUOTA_GOOGLE_BASE_URL and any proxy, then rerun.",
            api=API,
        )
    return names


@dataclass(frozen=True)
class Generated:
    """A generateContent that answered: how long it took and which model answered (``modelVersion``)."""

    latency_ms: float
    model_version: str | None


def generate_one(ctx: Context, key: ApiKey, model: str) -> Generated:
    """Send exactly one generateContent (one-word prompt, maxOutputTokens 1): latency and ``modelVersion``.

    No thinking budget is forced (models that cannot turn thinking off reject it); with thinking
    on, the answer may be empty with finishReason MAX_TOKENS, which is still a success."""
    from google.genai import types

    client = _client(ctx, key)
    config = types.GenerateContentConfig(max_output_tokens=1)

    def send() -> tuple[Generated, Any]:
        start = time.perf_counter()
        resp = client.models.generate_content(model=_bare(model), contents=PROBE_PROMPT, config=config)
        latency = (time.perf_counter() - start) * 1000.0
        version = resp.model_version
        return Generated(latency, version if isinstance(version, str) and version else None), resp

    call = f"generateContent {_bare(model)}"
    generated, answer = _call(ctx, call, send)
    fields = ("candidates", "prompt_feedback", "usage_metadata", "model_version")
    if all(getattr(answer, f, None) in (None, []) for f in fields):
        # a 200 with none of a GenerateContentResponse's fields is not a successful generation
        raise UnexpectedResponse(
            f"{call}: {ctx.endpoints.gemini} answered 200 without candidates or usage",
            "Not a finding about your key or quota: check GEMQUOTA_GOOGLE_BASE_URL and any proxy.",
            api=API,
        )
    return generated


def count_tokens(ctx: Context, key: ApiKey, model: str) -> int:
    """One ``POST models/{model}:countTokens`` with a one-word text: free (no RPM/RPD/TPM is spent)
    and on the generation path, so it is refused where generation is (401 for a standard key since
    2026-09, 402 for a prepaid account out of credit …). Same client as the probe: retries off,
    ``ctx.timeout`` per call. Returns the token count."""
    client = _client(ctx, key)

    def send() -> int:
        resp = client.models.count_tokens(model=_bare(model), contents=PROBE_PROMPT)
        return int(resp.total_tokens or 0)

    return _call(ctx, f"countTokens {_bare(model)}", send)
