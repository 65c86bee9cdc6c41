"""Checks on the API key(s): api-key (env only), key-accepted (the key alone) and shared-keys."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Any, Literal

from gemquota.checks.base import CheckResult, Fact, Facts, Message, Status, error, hint, info
from gemquota.checks.common import KEY_ENV, KEYS, OPTIONS, DoctorOptions
from gemquota.checks.probing import default_model
from gemquota.context import Context
from gemquota.core.diagnosis import Diagnosis, Kind
from gemquota.core.models import NameCheck, check_name
from gemquota.exceptions import CallTimeout, GemquotaError, SourceError, Unreachable
from gemquota.keys import ApiKey, KeyEnvironment, KeyKind

KEY_URL = "https://aistudio.google.com/app/apikey"
API_KEY_DOC = "https://ai.google.dev/gemini-api/docs/api-key"
#: What a user with a standard key does (SPEC §4 api-key; reference gemini-2026 §1).
AUTH_KEY_STEPS = (
    "Open Google AI Studio → Get API key → Create API key (new keys are auth keys, AQ.…), "
    "in the project that should pay for and hold the quota.",
    "Replace the AIza… key everywhere it is set (GEMINI_API_KEY / GOOGLE_API_KEY, your app's secrets).",
    "Send it as x-goog-api-key or ?key= (never as an Authorization: Bearer token).",
)
#: Kinds of a refusal of the key itself ("auth-method" comes with the 2026 kinds).
KEY_REFUSALS = frozenset({"auth-method", "bad-key"})
STANDARD_REJECTED = (
    "standard keys (AIza…) are rejected by the Gemini API since September 2026: "
    "create an auth key in AI Studio"
)


# ------------------------------------------------------------------------------------ key-accepted


def accept_model(listed: Sequence[str]) -> str | None:
    """The model key-accepted's free countTokens is sent to: the probe's default model (SPEC §1.3:
    the newest stable Flash model of the list, ``checks.probing.default_model``), else the first
    listed Gemini model."""
    return default_model(listed) or next((m for m in listed if m.startswith("gemini-")), None)


@dataclass(frozen=True)
class KeyAcceptance:
    """What the Gemini API said about one key, at no cost: models.list, then countTokens."""

    key: ApiKey
    listed: tuple[str, ...] | None  #: models.list ids (None: the list failed)
    model: str | None  #: the model countTokens was sent to
    accepted: bool | None  #: True countTokens answered, False refused, None unknown (fault)
    diagnosis: Diagnosis | None = None  #: the refusal, classified like explain-error
    failed_call: str | None = None  #: "models.list" or "countTokens"
    fault: GemquotaError | None = None  #: no answer / unreadable answer
    reason: str | None = None  #: the ErrorInfo reason of the refusal, when the body has one

    @property
    def leaked_project(self) -> str | None:
        """A project number the error body named (``consumer: projects/N``)."""
        return self.diagnosis.project_number if self.diagnosis is not None else None


def _diagnose(ctx: Context, err: Any, model: str | None, key: ApiKey) -> Diagnosis:
    """The explain-error classifier on the error's structure, told the key's kind (its fixes name it)."""
    from gemquota.core.classify import diagnose

    kind: Literal["standard", "auth"] | None = (
        "standard" if key.kind is KeyKind.STANDARD else "auth" if key.kind is KeyKind.AUTH else None
    )
    body = err.body or {"error": {"code": err.http_code, "status": err.status}}
    common = {"now": ctx.now(), "requested_model": model, "http_code": err.http_code, "status": err.status}
    diagnosis = diagnose(body, key_kind=kind, **common)[0]
    if diagnosis.kind is Kind.UNRECOGNIZED:
        fallback = {"error": {"code": err.http_code, "status": err.status, "message": err.message}}
        diagnosis = diagnose(fallback, key_kind=kind, **common)[0]
    return diagnosis


def _body_reason(body: Any) -> str | None:
    """``error.details[].reason`` of a Google error body (the ErrorInfo), if any."""
    err = body.get("error") if isinstance(body, dict) else None
    details = err.get("details") if isinstance(err, dict) else None
    for detail in details if isinstance(details, list) else ():
        if isinstance(detail, dict) and isinstance(detail.get("reason"), str):
            return str(detail["reason"])
    return None


def check_key(ctx: Context, key: ApiKey) -> KeyAcceptance:
    """models.list (free) then countTokens on the default model (free, generation path)."""
    from gemquota.sources import gemini

    try:
        listed = gemini.list_models(ctx, key)
    except gemini.GeminiCallError as err:
        return KeyAcceptance(
            key,
            None,
            None,
            False,
            _diagnose(ctx, err, None, key),
            "models.list",
            reason=_body_reason(err.body),
        )
    except SourceError as err:
        return KeyAcceptance(key, None, None, None, failed_call="models.list", fault=err)
    model = accept_model(listed)
    if model is None:
        return KeyAcceptance(key, listed, None, None, failed_call="countTokens")
    try:
        gemini.count_tokens(ctx, key, model)
    except gemini.GeminiCallError as err:
        return KeyAcceptance(
            key,
            listed,
            model,
            False,
            _diagnose(ctx, err, model, key),
            "countTokens",
            reason=_body_reason(err.body),
        )
    except SourceError as err:
        return KeyAcceptance(key, listed, model, None, failed_call="countTokens", fault=err)
    return KeyAcceptance(key, listed, model, True)


class AcceptanceCache:
    """One key-accepted answer per key and run, shared by the checks that need it (key-accepted,
    and key-lookup when lookupKey fails and an error body may name the project): never two calls."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._futures: dict[str, Future[KeyAcceptance]] = {}

    def get(self, ctx: Context, key: ApiKey) -> KeyAcceptance:
        with self._lock:
            future = self._futures.get(key.value)
            owner = future is None
            if future is None:
                future = Future()
                self._futures[key.value] = future
        if owner:
            try:
                future.set_result(check_key(ctx, key))
            except BaseException as exc:
                future.set_exception(exc)
        return future.result()


ACCEPTANCE_CACHE: Fact[AcceptanceCache] = Fact("acceptance_cache")
ACCEPTANCE: Fact[KeyAcceptance | None] = Fact("key_acceptance")
#: The --model names checked against models.list (empty when the list failed or no --model was given).
MODEL_NAMES: Fact[tuple[NameCheck, ...]] = Fact("model_names")


def _name_findings(names: Sequence[NameCheck]) -> tuple[list[Message], str | None]:
    """Messages for the --model names that are not plain listed models; a fix when one is not listed."""
    messages: list[Message] = []
    fix: str | None = None
    for name in names:
        finding = name.finding
        if finding is None:
            continue
        if not name.listed:
            messages.append(error(f"--model {finding}."))
            better = (*name.successors, *name.suggestions)
            if fix is None:
                fix = f"use a listed model instead of {name.model}" + (f": {better[0]}" if better else "")
        else:
            messages.append(info(f"--model {finding}."))
    return messages, fix


def _with_names(result: CheckResult, names: tuple[NameCheck, ...]) -> CheckResult:
    """key-accepted's row plus what models.list says about the --model names (SPEC §1.4)."""
    messages, fix = _name_findings(names)
    facts = {**result.facts, MODEL_NAMES: names}
    if not messages:
        return replace(result, facts=facts)
    missing = [n.model for n in names if not n.listed]
    status = result.status
    summary = result.summary
    if missing:
        summary += f"; not in models.list: {', '.join(missing)}"
        if status in (Status.OK, Status.SKIP):
            status = Status.WARN
    return replace(
        result,
        status=status,
        summary=summary,
        messages=(*result.messages, *messages),
        fix=result.fix or fix,
        facts=facts,
    )


def _refusal_text(acc: KeyAcceptance) -> str:
    d = acc.diagnosis
    assert d is not None
    code = f"{d.http_code} " if d.http_code else ""
    what = " ".join(x for x in (d.status, acc.reason) if x)
    return f"{acc.failed_call} got {code}{what}".strip() + f" ({d.kind}): {d.headline}"


@dataclass(frozen=True)
class KeyAcceptedCheck:
    """The Gemini API accepts the key for generation: models.list + the free countTokens."""

    id: str = "key-accepted"
    title: str = "Key accepted for generation"
    needs: tuple[str, ...] = ()
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = (ACCEPTANCE, MODEL_NAMES)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        # Whatever it finds, api-key and the project checks still run (SPEC §4).
        result = self._run(ctx, facts)
        acc = result.facts.get(ACCEPTANCE)
        options = facts.get(OPTIONS) or DoctorOptions()
        names: tuple[NameCheck, ...] = ()
        if isinstance(acc, KeyAcceptance) and acc.listed is not None:
            names = tuple(check_name(m, acc.listed) for m in dict.fromkeys(options.models) if m.strip())
        return replace(_with_names(result, names), proceed=True)

    def _run(self, ctx: Context, facts: Facts) -> CheckResult:
        keys = facts.get(KEYS, ())
        if not keys:
            return CheckResult(Status.SKIP, "no API key", facts={ACCEPTANCE: None})
        key = keys[0]
        if key.kind is KeyKind.UNKNOWN:
            return CheckResult(
                Status.SKIP,
                "the key is malformed (see api-key): not sent to Google",
                facts={ACCEPTANCE: None},
            )
        cache = facts.get(ACCEPTANCE_CACHE) or AcceptanceCache()
        acc = cache.get(ctx, key)
        out = {ACCEPTANCE: acc}
        listed = f"models.list: {len(acc.listed)} models" if acc.listed is not None else None
        if acc.accepted:
            return CheckResult(
                Status.OK,
                f"countTokens on {acc.model} answered: {key.masked} can generate (free check, no quota used)",
                (info(listed),) if listed else (),
                facts=out,
            )
        if acc.fault is not None:
            what = "no answer in time" if isinstance(acc.fault, CallTimeout) else acc.fault.message
            if isinstance(acc.fault, Unreachable) and not isinstance(acc.fault, CallTimeout):
                what = "the Gemini API is unreachable"
            return CheckResult(
                Status.WARN,
                f"unknown: {acc.failed_call} — {what}",
                (hint("Rerun, or prove it with one real request: gemquota probe"),),
                facts=out,
                fault=True,
            )
        if acc.accepted is None:  # models.list listed no Gemini model to count tokens on
            return CheckResult(
                Status.WARN,
                "unknown: models.list lists no Gemini model to send the free countTokens to",
                (hint("Prove it with one real request (costs one request): gemquota doctor --probe"),),
                facts=out,
            )
        d = acc.diagnosis
        assert d is not None
        messages: list[Message] = []
        if listed:
            messages.append(info(listed + " (listing models does not prove a key can generate)"))
        messages.append(error(_refusal_text(acc)))
        fix: str | None = None
        standard = key.kind is KeyKind.STANDARD
        if standard and (str(d.kind) in KEY_REFUSALS or d.http_code in (400, 401)):
            # api-key states the finding and its fix once; this row is the evidence.
            messages.append(info("This is the standard-key cutoff (see api-key)."))
        else:
            if key.kind is KeyKind.AUTH and d.http_code == 401:
                # Accounts that can only mint auth keys got this 401 too (forum reports, 2026).
                messages.append(
                    info(
                        "gemquota sent the key as x-goog-api-key, the way Google documents, so this is not "
                        "how your client sends it: the key, its project or the account is refused. Check the "
                        "key in AI Studio (Blocked tag) or create a new one."
                    )
                )
            if d.fixes:
                first = d.fixes[0]
                fix = first.title
                messages.extend(hint(step) for step in first.steps[:3])
                if first.url:
                    messages.append(hint("More:", first.url))
        return CheckResult(
            Status.FAIL,
            f"refused for generation: {d.http_code} {acc.reason or d.status or ''} ({d.kind})".replace(
                "  ", " "
            ),
            tuple(messages),
            fix=fix,
            facts=out,
            proceed=True,  # the key still names a project worth checking (SPEC §4)
        )


# ----------------------------------------------------------------------------------------- api-key


@dataclass(frozen=True)
class ApiKeyCheck:
    """Is there a key, where does it come from, which kind is it."""

    id: str = "api-key"
    title: str = "API key"
    needs: tuple[str, ...] = ("key-accepted",)
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = (KEYS,)

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        keys = facts.get(KEYS, ())
        env: KeyEnvironment | None = facts.get(KEY_ENV)
        if not keys:
            return CheckResult(
                Status.FAIL,
                "no API key found (--key, --keys-file, GOOGLE_API_KEY, GEMINI_API_KEY)",
                (
                    error("Without a key gemquota cannot tell which project your calls are counted against."),
                    hint("Create a key in Google AI Studio and export it as GEMINI_API_KEY.", KEY_URL),
                ),
                fix="export GEMINI_API_KEY=… (create one at https://aistudio.google.com/app/apikey)",
                facts={KEYS: ()},
                proceed=True,  # cloud checks can still look at the project you named
            )
        first = keys[0]
        summary = f"{first.kind.value} key {first.masked} from {first.source}"
        if len(keys) > 1:
            summary += f" (+{len(keys) - 1} more)"
        messages: list[Message] = (
            [info(f"{k.masked} ({k.kind.value}) from {k.source}") for k in keys] if len(keys) > 1 else []
        )
        status = Status.OK
        fix: str | None = None
        if env is not None and env.conflicting_env:
            status = Status.WARN
            summary += "; GOOGLE_API_KEY and GEMINI_API_KEY differ"
            messages.append(
                error(
                    "GOOGLE_API_KEY and GEMINI_API_KEY are both set, to different keys: google-genai and "
                    "LangChain use GOOGLE_API_KEY, gemini-cli uses GEMINI_API_KEY, so your tools may "
                    "count against different projects."
                )
            )
            fix = "unset one of GOOGLE_API_KEY / GEMINI_API_KEY (or set both to the same key)"
            if first.source != "--key":
                messages.append(info(f"Checking the one google-genai uses: {first.source}."))
        acc = facts.get(ACCEPTANCE)
        standard = [k for k in keys if k.kind is KeyKind.STANDARD]
        if standard:
            proven = acc is not None and acc.accepted is True and acc.key in standard
            names = ", ".join(k.masked for k in standard)
            if proven:
                status = max(status, Status.WARN, key=_rank)
                messages.append(
                    error(
                        f"{names}: a standard key. It still generates today (key-accepted), but the Gemini "
                        "API rejects standard keys since September 2026: replace it with an auth key "
                        "before it stops."
                    )
                )
            else:
                status = Status.FAIL
                messages.append(error(f"{names}: {STANDARD_REJECTED}.", API_KEY_DOC))
            messages.extend(hint(step) for step in AUTH_KEY_STEPS)
            messages.append(hint("Create the key here:", KEY_URL))
            fix = (
                fix
                if status is Status.WARN and fix
                else "create an auth key (AQ.…) in AI Studio and replace the AIza… key"
            )
            if len(keys) == 1:
                summary = (
                    f"standard key {first.masked} from {first.source} is still accepted, but standard keys "
                    "are being retired"
                    if proven
                    else f"standard key {first.masked} from {first.source} is rejected by the Gemini API since "
                    "September 2026: create an auth key in AI Studio"
                )
        bad = [k for k in keys if k.kind is KeyKind.UNKNOWN]
        if bad:
            status = Status.FAIL
            messages.extend(
                error(
                    f"The key from {key.source} ({key.masked}, {len(key.value)} characters): {key.problem}."
                )
                for key in bad
            )
            messages.append(
                hint(
                    "A Gemini API key is AQ. followed by about 50 characters (auth key) or AIza followed "
                    "by 35 (standard key). Copy it again from AI Studio.",
                    KEY_URL,
                )
            )
            if len(keys) == 1:
                summary = f"{first.masked} from {first.source} is not a Gemini API key ({first.problem})"
            fix = fix or "copy the key again from https://aistudio.google.com/app/apikey"
        return CheckResult(status, summary, tuple(messages), fix=fix, facts={KEYS: keys}, proceed=True)


def _sentence(text: str | None) -> str:
    text = text or ""
    return text if text.endswith(("?", ".", "!")) else text + "."


def _rank(status: Status) -> int:
    return {Status.OK: 0, Status.SKIP: 0, Status.WARN: 1, Status.FAIL: 2, Status.CRASH: 3}[status]


# ----------------------------------------------------------------------------------------- shared-keys


@dataclass(frozen=True)
class KeyProject:
    """The project one key belongs to (lookupKey), or why it is unknown."""

    key: ApiKey
    number: str | None
    error: GemquotaError | None = None


KEY_PROJECTS: Fact[tuple[KeyProject, ...]] = Fact("key_projects")


@dataclass(frozen=True)
class SharedKeysCheck:
    """Several keys in one project share one quota: say which keys do."""

    id: str = "shared-keys"
    title: str = "Keys sharing a project"
    needs: tuple[str, ...] = ("key-projects",)
    hidden: bool = False
    provides: tuple[Fact[Any], ...] = ()

    def run(self, ctx: Context, facts: Facts) -> CheckResult:
        keys = facts.get(KEYS, ())
        if len(keys) < 2:
            return CheckResult(
                Status.SKIP,
                "only one key given" if keys else "no API key",
                (
                    info(
                        "Pass several keys (--key K --key K2, or --keys-file F) to see which share a project."
                    ),
                ),
            )
        mapped = facts.get(KEY_PROJECTS, ())
        by_project: dict[str, list[ApiKey]] = {}
        messages: list[Message] = []
        unknown = 0
        for kp in mapped:
            if kp.number is None:
                unknown += 1
                why = kp.error.message if kp.error else "unknown"
                messages.append(info(f"{kp.key.masked} ({kp.key.source}): project unknown ({why})"))
                continue
            by_project.setdefault(kp.number, []).append(kp.key)
        shared = {p: ks for p, ks in by_project.items() if len(ks) > 1}
        groups = sorted(by_project.items(), key=lambda item: -len(item[1]))
        messages[:0] = [info(f"project {p}: {', '.join(k.masked for k in ks)}") for p, ks in groups]
        if shared:
            worst = max(shared.items(), key=lambda item: len(item[1]))
            summary = (
                f"{len(worst[1])} keys share project {worst[0]}: several keys in one project do not "
                "multiply quota"
            )
            messages.append(
                hint(
                    "Quota is per project, not per key. To split load, create keys in different projects "
                    "(each with its own billing).",
                    "https://ai.google.dev/gemini-api/docs/rate-limits",
                )
            )
            return CheckResult(
                Status.WARN,
                summary,
                tuple(messages),
                fix="use keys from different projects to spread load (keys in one project share its quota)",
            )
        if unknown and not by_project:
            return CheckResult(Status.WARN, "could not look up any key's project", tuple(messages))
        summary = f"{len(by_project)} keys in {len(by_project)} distinct projects"
        if unknown:
            return CheckResult(Status.WARN, summary + f"; {unknown} could not be looked up", tuple(messages))
        return CheckResult(Status.OK, summary, tuple(messages))
