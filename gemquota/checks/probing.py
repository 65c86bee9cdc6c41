"""The probe logic that ``gemquota probe`` and doctor's ``probe`` check share (SPEC §1.3).

For every key: models.list first (free: a bad, leaked or restricted key, a disabled API or a
region block is diagnosed there without spending quota); the models to probe are the ones given,
else the **default model** — the newest stable Flash model that list returns (``default_model``;
no model id is hard-coded). Each name is checked against the list first: a model the list does not
list is reported without spending a request (a ``model-not-found`` diagnosis built from the list,
with the closest listed names). Then, unless ``no_generate``, exactly one generateContent per listed
model; the answer's ``modelVersion`` tells which model served it (a re-route when it is another
model; an alias resolving otherwise). Every error answer is classified from the structure of the
google-genai ``APIError`` (code, status, JSON body) by the same classifier explain-error uses.
Returns a ``ProbeReport``; rendering is ``gemquota.render.probe``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from gemquota.context import Context
from gemquota.core import models as model_rules
from gemquota.core.diagnosis import RETRY_OF, Backend, Diagnosis, Kind
from gemquota.core.models import ListedModel, NameCheck
from gemquota.exceptions import CallTimeout, GeminiCallError, SourceError, UnexpectedResponse
from gemquota.keys import ApiKey
from gemquota.sources import gemini


def key_kind(key: ApiKey) -> str:
    """``standard`` (AIza…), ``auth`` (AQ.…) or ``unknown`` (SPEC §5), by the key's shape."""
    return str(key.kind)


def default_model(listed: Iterable[ListedModel | str]) -> str | None:
    """The probe's default model (SPEC §1.3): the newest stable Flash model models.list returned.

    The one rule for it: ``gemquota probe`` and ``doctor --probe`` with no ``--model`` probe it, and
    doctor's ``key-accepted`` sends its free countTokens to it. None when the list has none."""
    return model_rules.default_model(listed)


@dataclass(frozen=True)
class ModelRow:
    """The probe result of one model with one key."""

    model: str
    ok: bool
    latency_ms: float | None
    #: Whether models.list returned the model (None only when models.list itself failed).
    listed: bool | None
    #: The model the request is counted against: from the error's quota dimensions, or the model
    #: that answered when it is not the one asked for (a re-route or an alias). None when unknown.
    quota_model: str | None
    diagnosis: Diagnosis | None
    #: The ``modelVersion`` that answered (None when nothing answered).
    served_model: str | None = None
    key_masked: str = ""
    key_source: str = ""
    key_kind: str = "unknown"
    #: Chosen as the default model (no --model given), not named by the user.
    default: bool = False
    #: The name check against models.list (None when the list failed).
    name: NameCheck | None = None
    #: The request was answered by another model than the one asked for (not an alias resolving).
    rerouted: bool = False
    #: A generateContent was sent for this row.
    called: bool = False
    #: Which key (index into ``ProbeReport.keys``) the row belongs to.
    key_index: int = 0

    @property
    def alias(self) -> bool:
        return model_rules.is_alias(self.model)

    @property
    def quota_elsewhere(self) -> bool:
        """The request is counted against another model name than the one requested."""
        return self.quota_model is not None and not model_rules.same_model(self.model, self.quota_model)

    @property
    def findings(self) -> tuple[str, ...]:
        """What to say about this row beyond its diagnosis: re-route, alias, retirement, not listed."""
        out: list[str] = []
        served = self.served_model
        if self.rerouted and served:
            out.append(
                f"Re-routed: {self.model} was answered by {served}. Google bills and rate-limits the "
                f"request as {served}, at its prices and within its quota."
            )
        elif self.alias and served:
            out.append(f"{self.model} is an alias: it resolved to {served}, whose quota and prices apply.")
        elif self.alias:
            out.append(f"{self.model} is an alias: its quota is the model it resolves to at request time.")
        name = self.name
        refused = self.diagnosis is not None and self.diagnosis.kind is Kind.MODEL_NOT_FOUND
        if name is not None and name.listed and refused and name.retirement is not None:
            r = name.retirement
            routed = f" and routes existing users' requests to {r.routed_to}" if r.routed_to else ""
            out.append(
                f"Google retired {self.model} on {r.retired_on.isoformat()} ({r.source}){routed}; "
                "this key is refused."
            )
        elif name is not None and name.listed and (name.retirement is not None or not name.generates):
            finding = name.finding
            if finding and not (self.rerouted and name.rerouted_to):
                out.append(finding + ".")
        if self.quota_elsewhere and not self.rerouted and not self.alias and self.diagnosis is not None:
            out.append(
                f"The quota is counted against {self.quota_model}, not {self.model}: "
                f"limits for {self.quota_model} apply."
            )
        return tuple(out)


@dataclass(frozen=True)
class KeyResult:
    """models.list for one key, and the default model picked from it."""

    key_source: str
    key_masked: str
    key_kind: str
    #: models.list failed: its diagnosis (then no generateContent was sent with this key).
    list_error: Diagnosis | None
    #: How many models models.list returned (None when it failed).
    models_listed: int | None
    #: The default model picked from the list (None when --model was given or none qualified).
    default_model: str | None = None
    #: No --model given and the list has no stable Flash model: said instead of guessing.
    no_default: str | None = None

    @property
    def ok(self) -> bool:
        return self.list_error is None and self.no_default is None


@dataclass(frozen=True)
class ProbeReport:
    """What the probe found: the key(s) used, one row per key and model, and what it cost."""

    keys: tuple[KeyResult, ...]
    models: tuple[ModelRow, ...]
    cost: str
    #: How many generateContent requests were actually sent.
    generate_calls: int = 0
    no_generate: bool = False

    @property
    def ok(self) -> bool:
        return all(k.ok for k in self.keys) and all(row.ok for row in self.models)

    @property
    def several_keys(self) -> bool:
        return len(self.keys) > 1

    def _one(self, attr: str) -> Any:
        values = {getattr(k, attr) for k in self.keys}
        return values.pop() if len(values) == 1 else None

    @property
    def key_source(self) -> str | None:
        """The key's source; None when several keys from different sources were probed."""
        return self._one("key_source")  # type: ignore[no-any-return]

    @property
    def key_kind(self) -> str | None:
        """The key's kind; None when several keys of different kinds were probed."""
        return self._one("key_kind")  # type: ignore[no-any-return]

    @property
    def key_masked(self) -> str | None:
        return self.keys[0].key_masked if len(self.keys) == 1 else None

    @property
    def list_error(self) -> Diagnosis | None:
        """The first key's models.list failure (single-key callers)."""
        return next((k.list_error for k in self.keys if k.list_error is not None), None)

    @property
    def models_listed(self) -> int | None:
        return self.keys[0].models_listed if self.keys else None

    def rows_of(self, key: KeyResult) -> tuple[ModelRow, ...]:
        index = next(i for i, k in enumerate(self.keys) if k is key)
        return tuple(r for r in self.models if r.key_index == index)


def bare_model(model: str) -> str:
    """``models/gemini-3.8-flash`` → ``gemini-3.8-flash``."""
    return model_rules.bare(model)


def wanted_models(models: Iterable[str]) -> tuple[str, ...]:
    """The models to probe: bare ids, each once, in order; empty = the default model of each key's list."""
    return tuple(dict.fromkeys(bare_model(m) for m in models if m.strip()))


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
        return bare_model(diagnosis.model)
    return None


def _cost(no_generate: bool, generate_calls: int, models: int, keys: int = 1) -> str:
    if no_generate:
        return "models.list only: free (no generateContent sent, no RPM/RPD/TPM used)."
    if generate_calls == 0:
        return "Nothing: models.list is free and no generateContent was sent."
    what = f"{models} model{'s' if models != 1 else ''}"
    if keys > 1:
        what += f" × {keys} keys"
    per = (
        "1 request of RPM and RPD + ~1 input token (TPM/TPD) per model probed"
        f" ({generate_calls} generateContent request{'s' if generate_calls != 1 else ''}"
        f" for {what}); models.list is free."
    )
    return per + " Failed requests count against the quota too."


NO_DEFAULT = (
    "No model given and models.list lists no stable Flash model to probe by default: pass --model "
    "(gemquota probe --no-generate --model <id> checks a name without spending a request)."
)


def _probe_key(
    ctx: Context, key: ApiKey, wanted: tuple[str, ...], no_generate: bool, index: int = 0
) -> tuple[KeyResult, list[ModelRow], int]:
    kind = key_kind(key)
    entries: tuple[ListedModel, ...] | None = None
    list_error: Diagnosis | None = None
    try:
        entries = gemini.list_model_entries(ctx, key)
    except GeminiCallError as err:
        list_error = diagnose_call(ctx, err, None)
    except CallTimeout:
        list_error = deadline(ctx, None, "models.list")
    except UnexpectedResponse as err:  # an HTML 200, an empty body: an answer, but not the list
        list_error = unexpected_answer(None, err)

    def row(model: str, ok: bool, **kw: Any) -> ModelRow:
        base: dict[str, Any] = {"latency_ms": None, "listed": None, "quota_model": None, "diagnosis": None}
        base.update(kw)
        return ModelRow(
            model, ok, key_masked=key.masked, key_source=key.source, key_kind=kind, key_index=index, **base
        )

    picked: str | None = None
    no_default: str | None = None
    if entries is not None and not wanted:
        picked = default_model(entries)
        if picked is None:
            no_default = NO_DEFAULT
    result = KeyResult(
        key.source,
        key.masked,
        kind,
        list_error,
        None if entries is None else len(entries),
        default_model=picked,
        no_default=no_default,
    )
    rows: list[ModelRow] = []
    if entries is None:
        assert list_error is not None
        rows.extend(row(m, False, diagnosis=replace(list_error, requested_model=m)) for m in wanted)
        return result, rows, 0

    calls = 0
    for model in wanted or ((picked,) if picked else ()):
        is_default = not wanted
        check = model_rules.check_name(model, entries)
        common: dict[str, Any] = {"listed": check.listed, "name": check, "default": is_default}
        if not check.listed:
            missing = model_rules.not_listed_diagnosis(check, len(entries))
            rows.append(row(model, False, diagnosis=missing, **common))
            continue
        if no_generate or not check.generates:
            rows.append(row(model, True, **common))
            continue
        calls += 1
        try:
            answer = gemini.generate_one(ctx, key, model)
        except GeminiCallError as err:
            said = str(getattr(err.api_error, "message", "") or "")
            diagnosis = _with_name(diagnose_call(ctx, err, model), check, len(entries), said)
            rows.append(
                row(
                    model,
                    False,
                    quota_model=_quota_model(diagnosis),
                    diagnosis=diagnosis,
                    called=True,
                    **common,
                )
            )
        except CallTimeout:
            diagnosis = deadline(ctx, model, f"generateContent {model}")
            rows.append(row(model, False, diagnosis=diagnosis, called=True, **common))
        except UnexpectedResponse as err:  # a redirect, an empty 200, a huge body, ...
            rows.append(row(model, False, diagnosis=unexpected_answer(model, err), called=True, **common))
        else:
            served = answer.model_version
            moved = model_rules.rerouted(model, served)
            quota = served if served and (moved or check.alias) else None
            rows.append(
                row(
                    model,
                    True,
                    latency_ms=round(answer.latency_ms, 1),
                    quota_model=None if quota is None else bare_model(quota),
                    served_model=served,
                    rerouted=moved,
                    called=True,
                    **common,
                )
            )
    return result, rows, calls


def _with_name(diagnosis: Diagnosis, check: NameCheck, listed_count: int, message: str) -> Diagnosis:
    """A model-not-found answer to a listed model (retired for this key, say): say so in the
    headline, and add the listed successors or closest names as the first fix."""
    if diagnosis.kind is not Kind.MODEL_NOT_FOUND:
        return diagnosis
    headline = diagnosis.headline
    low = message.lower()
    if "no longer available" in low:
        whom = " to new users" if "new users" in low else ""
        headline = f"{check.model} is no longer available{whom}: Google retired it (404)"
    notes = list(diagnosis.notes)
    if check.listed:
        notes.append(
            f"models.list still lists {check.model} for this key, but the model refused the request."
        )
    better = model_rules.not_listed_diagnosis(check, listed_count)
    extra = tuple(f for f in better.fixes if f.id == "use-listed-model")
    return replace(diagnosis, headline=headline, notes=tuple(notes), fixes=(*extra, *diagnosis.fixes))


def probe_keys(ctx: Context, keys: Sequence[ApiKey], models: Iterable[str], no_generate: bool) -> ProbeReport:
    """models.list, then (unless ``no_generate``) one generateContent per model, for every key.

    ``models`` empty = each key's default model (the newest stable Flash model of its list).
    Raises ``Unreachable`` (exit 3) when the Gemini endpoint cannot be reached at all."""
    wanted = wanted_models(models)
    results: list[KeyResult] = []
    rows: list[ModelRow] = []
    calls = 0
    for index, key in enumerate(keys):
        result, key_rows, key_calls = _probe_key(ctx, key, wanted, no_generate, index)
        results.append(result)
        rows.extend(key_rows)
        calls += key_calls
    return ProbeReport(
        keys=tuple(results),
        models=tuple(rows),
        cost=_cost(no_generate, calls, len({r.model for r in rows}), len(results)),
        generate_calls=calls,
        no_generate=no_generate,
    )


def probe_models(ctx: Context, key: ApiKey, models: Iterable[str], no_generate: bool) -> ProbeReport:
    """``probe_keys`` with one key."""
    return probe_keys(ctx, (key,), models, no_generate)
