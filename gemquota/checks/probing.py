"""The probe logic that ``gemquota probe`` and doctor's ``probe`` check share (SPEC §1.3).

models.list first (free: a bad, leaked or restricted key, a disabled API or a region block is
diagnosed there without spending quota), then, unless ``no_generate``, exactly one
generateContent per model. Every error answer is classified from the structure of the
google-genai ``APIError`` (code, status, JSON body) by the same classifier explain-error uses.
Returns a ``ProbeReport``; rendering is ``gemquota.render.probe``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from gemquota.context import Context
from gemquota.core.diagnosis import RETRY_OF, Backend, Diagnosis, Kind
from gemquota.exceptions import CallTimeout, GeminiCallError
from gemquota.keys import ApiKey
from gemquota.sources import gemini

DEFAULT_MODEL = "gemini-2.5-flash"


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


def bare_model(model: str) -> str:
    """``models/gemini-2.5-flash`` → ``gemini-2.5-flash``."""
    return model.strip().removeprefix("models/")


def wanted_models(models: tuple[str, ...]) -> tuple[str, ...]:
    """The models to probe: bare ids, each once, in order; the default model when none is given."""
    return tuple(dict.fromkeys(bare_model(m) for m in models if m.strip())) or (DEFAULT_MODEL,)


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


def diagnose_call(ctx: Context, err: GeminiCallError, model: str | None) -> Diagnosis:
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


def _quota_model(diagnosis: Diagnosis) -> str | None:
    """The model a quota error was counted against; None when the error names no quota."""
    if diagnosis.model and (diagnosis.quota_id or diagnosis.quota_metric or diagnosis.limit is not None):
        return bare_model(diagnosis.model)
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
    wanted = wanted_models(models)
    listed_ids: frozenset[str] | None = None
    list_error: Diagnosis | None = None
    try:
        listed_ids = frozenset(gemini.list_models(ctx, key))
    except GeminiCallError as err:
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
        except GeminiCallError as err:
            diagnosis = diagnose_call(ctx, err, model)
            rows.append(ModelRow(model, False, None, listed, _quota_model(diagnosis), diagnosis))
        except CallTimeout:
            diagnosis = deadline(ctx, model, f"generateContent {model}")
            rows.append(ModelRow(model, False, None, listed, None, diagnosis))
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
