"""``gemquota probe``: one honest live request per model, diagnosed (SPEC §1.3).

models.list first (free: a bad, leaked or restricted key, a disabled API or a region block is
diagnosed there without spending quota), then, unless ``--no-generate``, exactly one
generateContent per model. Every error answer is classified from the structure of the
google-genai ``APIError`` (code, status, JSON body) by the same classifier explain-error uses."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from gemquota.context import Context
from gemquota.core.diagnosis import RETRY_OF, Backend, Diagnosis, Kind
from gemquota.exceptions import (
    CallTimeout,
    NoCredentials,
    SourceError,
    UnexpectedResponse,
    UsageError,
)
from gemquota.exitcodes import ExitCode
from gemquota.keys import ApiKey, resolve_keys
from gemquota.sources import gemini

DEFAULT_MODEL = "gemini-2.5-flash"
KEY_URL = "https://aistudio.google.com/app/apikey"


@dataclass(frozen=True)
class ModelRow:
    """The probe result of one requested model."""

    model: str
    ok: bool
    latency_ms: float | None
    #: Whether models.list returned the model (None only when models.list itself failed).
    listed: bool | None
    #: The model the quota counted against (from the error's quota dimensions), when known.
    quota_model: str | None
    diagnosis: Diagnosis | None

    @property
    def quota_elsewhere(self) -> bool:
        """The quota that failed is counted against another model name than the one requested."""
        return self.quota_model is not None and self.quota_model != self.model


@dataclass(frozen=True)
class ProbeReport:
    """What the probe found: the key used, one row per model, and what it cost."""

    key_source: str
    key_masked: str
    models: tuple[ModelRow, ...]
    cost: str
    #: models.list failed: its diagnosis (then no generateContent was sent).
    list_error: Diagnosis | None
    #: How many models models.list returned (None when it failed).
    models_listed: int | None = None
    #: How many generateContent requests were actually sent.
    generate_calls: int = 0
    no_generate: bool = False

    @property
    def ok(self) -> bool:
        return self.list_error is None and all(row.ok for row in self.models)


def _bare(model: str) -> str:
    return model.strip().removeprefix("models/")


def _primary(
    ctx: Context, body: Any, *, model: str | None, http_code: int | None, status: str | None
) -> Diagnosis:
    from gemquota.core.classify import diagnose

    found = diagnose(body, now=ctx.now(), requested_model=model, http_code=http_code, status=status)
    if not found:  # the classifier always answers; be total anyway
        found = diagnose(
            {"error": {"code": http_code, "status": status}},
            now=ctx.now(),
            requested_model=model,
            http_code=http_code,
            status=status,
        )
    diagnosis = found[0]
    if model and diagnosis.requested_model is None:
        diagnosis = replace(diagnosis, requested_model=model)
    return diagnosis


def diagnose_call(ctx: Context, err: gemini.GeminiCallError, model: str | None) -> Diagnosis:
    """Classify an error answer from its structure (code, status, whole JSON body)."""
    return _primary(ctx, err.body or {}, model=model, http_code=err.http_code, status=err.status)


def deadline(ctx: Context, model: str | None, call: str) -> Diagnosis:
    """A ``deadline`` diagnosis for a call that got no answer within ``ctx.timeout``."""
    message = f"No answer to {call} within {ctx.timeout:g} s (client-side timeout, --timeout)."
    body = {"error": {"code": 504, "status": "DEADLINE_EXCEEDED", "message": message}}
    diagnosis = _primary(ctx, body, model=model, http_code=504, status="DEADLINE_EXCEEDED")
    if diagnosis.kind is not Kind.DEADLINE:  # the classifier disagreed: state the fact directly
        from gemquota.core.matrix import fixes_for

        diagnosis = Diagnosis(
            kind=Kind.DEADLINE,
            retry=RETRY_OF[Kind.DEADLINE],
            backend=Backend.GEMINI_API,
            http_code=504,
            status="DEADLINE_EXCEEDED",
            headline=message,
            model=model,
            requested_model=model,
            evidence=(message,),
            fixes=fixes_for(Kind.DEADLINE, backend=Backend.GEMINI_API, model=model),
        )
    return replace(
        diagnosis,
        headline=f"No answer within {ctx.timeout:g} s (client-side timeout, --timeout)",
        http_code=None,  # no HTTP answer arrived: the deadline is ours, not a 504 from Google
        backend=Backend.GEMINI_API,
        evidence=(message,),
        notes=(
            *diagnosis.notes,
            "The request may still have reached Google and counted against RPM and RPD.",
        ),
    )


def unexpected_answer(model: str | None, err: SourceError) -> Diagnosis:
    """The call got an answer we cannot read (a redirect, an empty 200): never "OK", and no
    finding about the key, the model or the quota either."""
    return Diagnosis(
        kind=Kind.UNRECOGNIZED,
        retry=RETRY_OF[Kind.UNRECOGNIZED],
        backend=Backend.GEMINI_API,
        headline=f"Unexpected answer, not a finding about the key or quota: {err.message}",
        model=model,
        requested_model=model,
        evidence=(err.message,),
        why="the answer was not a Gemini API response",
        notes=((err.hint,) if err.hint else ()),
    )


def _quota_model(diagnosis: Diagnosis) -> str | None:
    """The model a quota error was counted against; None when the error names no quota."""
    if diagnosis.model and (diagnosis.quota_id or diagnosis.quota_metric or diagnosis.limit is not None):
        return _bare(diagnosis.model)
    return None


def _cost(no_generate: bool, generate_calls: int, models: int) -> str:
    if no_generate:
        return "models.list only: free (no generateContent sent, no RPM/RPD/TPM used)."
    if generate_calls == 0:
        return "Nothing: models.list is free and no generateContent was sent."
    per = (
        "1 request of RPM and RPD + ~1 input token (TPM/TPD) per model probed"
        f" ({generate_calls} generateContent request{'s' if generate_calls != 1 else ''}"
        f" for {models} model{'s' if models != 1 else ''}); models.list is free."
    )
    return per + " Failed requests count against the quota too."


def probe_models(ctx: Context, key: ApiKey, models: tuple[str, ...], no_generate: bool) -> ProbeReport:
    """models.list, then (unless ``no_generate``) one generateContent per model, each diagnosed.

    Raises ``Unreachable`` (exit 3) when the Gemini endpoint cannot be reached at all."""
    wanted = tuple(dict.fromkeys(_bare(m) for m in models if m.strip())) or (DEFAULT_MODEL,)
    listed_ids: frozenset[str] | None = None
    list_error: Diagnosis | None = None
    try:
        listed_ids = frozenset(gemini.list_models(ctx, key))
    except gemini.GeminiCallError as err:
        list_error = diagnose_call(ctx, err, None)
    except CallTimeout:
        list_error = deadline(ctx, None, "models.list")

    rows: list[ModelRow] = []
    calls = 0
    for model in wanted:
        if list_error is not None or listed_ids is None:
            assert list_error is not None
            row_diag = replace(list_error, requested_model=model)
            rows.append(ModelRow(model, False, None, None, None, row_diag))
            continue
        listed = model in listed_ids
        if no_generate:
            if listed:
                rows.append(ModelRow(model, True, None, True, None, None))
            else:
                missing = _not_listed(ctx, model)
                rows.append(ModelRow(model, False, None, False, None, missing))
            continue
        calls += 1
        try:
            latency = gemini.generate_one(ctx, key, model)
        except gemini.GeminiCallError as err:
            diagnosis = diagnose_call(ctx, err, model)
            rows.append(ModelRow(model, False, None, listed, _quota_model(diagnosis), diagnosis))
        except CallTimeout:
            diagnosis = deadline(ctx, model, f"generateContent {model}")
            rows.append(ModelRow(model, False, None, listed, None, diagnosis))
        except UnexpectedResponse as err:  # a redirect, an empty 200, a huge body, ...
            rows.append(ModelRow(model, False, None, listed, None, unexpected_answer(model, err)))
        else:
            rows.append(ModelRow(model, True, round(latency, 1), listed, None, None))

    return ProbeReport(
        key_source=key.source,
        key_masked=key.masked,
        models=tuple(rows),
        cost=_cost(no_generate, calls, len(wanted)),
        list_error=list_error,
        models_listed=None if listed_ids is None else len(listed_ids),
        generate_calls=calls,
        no_generate=no_generate,
    )


def _not_listed(ctx: Context, model: str) -> Diagnosis:
    """``--no-generate`` and the model is not in models.list: as the API would answer a call to it."""
    message = (
        f"models/{model} is not found for API version {gemini.API_VERSION}: "
        "it is not in models.list for this key."
    )
    body = {"error": {"code": 404, "status": "NOT_FOUND", "message": message}}
    return _primary(ctx, body, model=model, http_code=404, status="NOT_FOUND")


def _key(ctx: Context, key: str | None) -> ApiKey:
    found = resolve_keys(ctx, (key,) if key else ())
    if not found.keys:
        raise NoCredentials(
            "No Gemini API key: --key not given and neither GOOGLE_API_KEY nor GEMINI_API_KEY is set.",
            f"export GEMINI_API_KEY=... (create one at {KEY_URL}), or pass --key; "
            "or try 'gemquota probe --demo healthy'.",
        )
    return found.keys[0]


def run(
    ctx: Context, *, models: tuple[str, ...], no_generate: bool, key: str | None, demo: str | None
) -> int:
    """The probe command: resolve the key, probe, render; exit 0 all OK, 1 any failed, 3 cannot run."""
    if demo is not None:
        from gemquota.app import demo as demo_mod

        if demo == "":
            return int(demo_mod.list_scenarios(ctx, "probe"))
        if key is not None:
            raise UsageError("--key cannot be combined with --demo (the demo supplies its own key).")
        with demo_mod.demo_context(ctx, demo) as (demo_ctx, _emulator):
            return _run(demo_ctx, models=models, no_generate=no_generate, key=None)
    return _run(ctx, models=models, no_generate=no_generate, key=key)


def _run(ctx: Context, *, models: tuple[str, ...], no_generate: bool, key: str | None) -> int:
    from gemquota.render import probe as render

    api_key = _key(ctx, key)
    wanted = tuple(dict.fromkeys(_bare(m) for m in models if m.strip())) or (DEFAULT_MODEL,)
    with render.progress(ctx, f"Probing {', '.join(wanted)} with {api_key.masked} …"):
        report = probe_models(ctx, api_key, wanted, no_generate)
    render.emit(ctx, report)
    return int(ExitCode.OK if report.ok else ExitCode.PROBLEM)
