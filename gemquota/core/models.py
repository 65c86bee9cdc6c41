"""Gemini model ids: the default model, names checked against models.list, aliases, re-routes.

No model id is hard-coded here: models are retired and re-routed within months, so every answer
is computed from what ``models.list`` returned for the key (``ListedModel``) and from general
rules over the shape of model ids. The only model names in this package's data are the
retirements Google announced (``data/retired_models.json``), which are history, not defaults.

Rules (SPEC §1.3, §1.4):
- The default model is the **newest stable Flash** model the list returns: an id of the exact
  shape ``gemini-<major>[.<minor>]-flash`` (optionally with a numeric version suffix ``-001``) that
  supports ``generateContent``; anything after ``flash`` other than that suffix (``-lite``,
  ``-preview``, ``-exp``, ``-image``, ``-tts``, ``-live``, ``-latest``, dates, …) is not a stable Flash
  model. "Newest" compares the numeric version (3.8 > 3.6 > 2.5).
- ``*-latest`` ids are aliases: the model that answers is whatever they resolve to at request
  time, and that model's quota applies.
- A response's ``modelVersion`` names the model that answered. It is the model asked for when the
  two are equal after dropping ``models/`` and a numeric version suffix (``gemini-3.8-flash``
  answered by ``gemini-3.8-flash-001`` is not a re-route); otherwise the request was re-routed
  (billed and limited as the other model) — unless the model asked for is an alias."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from gemquota.core.lazyre import LazyRe

if TYPE_CHECKING:
    from gemquota.core.diagnosis import Diagnosis

#: The generation method the probe uses.
GENERATE = "generateContent"

_STABLE_FLASH = LazyRe(r"^gemini-(\d+)(?:\.(\d+))?-flash(?:-\d{3})?$")
_VERSION_SUFFIX = LazyRe(r"-\d{3}$")


@dataclass(frozen=True)
class ListedModel:
    """One entry of ``models.list`` (the fields gemquota uses; all but ``model`` may be missing)."""

    model: str  #: bare id, no ``models/`` prefix
    display_name: str | None = None
    version: str | None = None
    methods: tuple[str, ...] = ()
    input_token_limit: int | None = None
    output_token_limit: int | None = None

    @property
    def generates(self) -> bool:
        """Supports generateContent (True when the list did not say: do not guess a no)."""
        return not self.methods or GENERATE in self.methods

    @classmethod
    def from_json(cls, body: Any) -> ListedModel | None:
        """From one ``models.list`` JSON entry (REST field names); None when it names no model."""
        if not isinstance(body, dict):
            return None
        name = body.get("name")
        if not isinstance(name, str) or not bare(name):
            return None
        methods = body.get("supportedGenerationMethods")

        def _int(value: Any) -> int | None:
            return value if isinstance(value, int) and not isinstance(value, bool) else None

        def _str(value: Any) -> str | None:
            return value if isinstance(value, str) else None

        return cls(
            model=bare(name),
            display_name=_str(body.get("displayName")),
            version=_str(body.get("version")),
            methods=tuple(m for m in methods if isinstance(m, str)) if isinstance(methods, list) else (),
            input_token_limit=_int(body.get("inputTokenLimit")),
            output_token_limit=_int(body.get("outputTokenLimit")),
        )


def bare(model: str) -> str:
    """A model id without surrounding blanks or the ``models/`` prefix."""
    return model.strip().removeprefix("models/").strip()


def stable_flash_version(model: str) -> tuple[int, int] | None:
    """``(major, minor)`` when ``model`` is a stable Flash id (``gemini-3.8-flash[-001]``), else None."""
    match = _STABLE_FLASH.match(bare(model).lower())
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2) or 0)


def default_model(listed: Iterable[ListedModel | str]) -> str | None:
    """The newest stable Flash model of ``listed`` that supports generateContent; None when there is none.

    ``listed`` is what models.list returned (entries, or bare ids when only the names are at hand).
    Between ids of the same version the one without a version suffix wins (the model Google names
    in its docs), then the highest suffix."""
    best: tuple[tuple[int, int], int, str] | None = None
    for item in listed:
        entry = ListedModel(bare(item)) if isinstance(item, str) else item
        version = stable_flash_version(entry.model)
        if version is None or not entry.generates:
            continue
        suffix = _VERSION_SUFFIX.search(entry.model)
        # no suffix ranks above any suffix; among suffixes the highest number
        rank = 10_000 if suffix is None else int(suffix.group(0)[1:])
        if best is None or (version, rank) > best[:2]:
            best = (version, rank, entry.model)
    return None if best is None else best[2]


def is_alias(model: str) -> bool:
    """``*-latest`` ids (``gemini-flash-latest``) are aliases of whichever model they resolve to."""
    return bare(model).lower().endswith("-latest")


def same_model(requested: str, served: str) -> bool:
    """Whether ``served`` (a response's ``modelVersion``) is the model ``requested``, ignoring the
    ``models/`` prefix, letter case and a numeric version suffix (``-001``)."""

    def norm(model: str) -> str:
        return _VERSION_SUFFIX.sub("", bare(model).lower())

    return norm(requested) == norm(served)


def rerouted(requested: str, served: str | None) -> bool:
    """The request for ``requested`` was answered by another model (not an alias resolving)."""
    return bool(served) and not is_alias(requested) and not same_model(requested, str(served))


def closest(model: str, listed: Iterable[str], n: int = 3) -> tuple[str, ...]:
    """The listed ids closest to ``model`` (difflib ratio), best first; at most ``n``.

    A looser second pass (ratio ≥ 0.4) runs when nothing is similar at 0.6, so a retired model
    (``gemini-2.0-flash``) still gets pointers to today's names (``gemini-3.6-flash``)."""
    names = list(dict.fromkeys(bare(m) for m in listed if bare(m)))
    wanted = bare(model).lower()
    found = difflib.get_close_matches(wanted, names, n=n, cutoff=0.6)
    if found:
        return tuple(found)
    return tuple(difflib.get_close_matches(wanted, names, n=n, cutoff=0.4))


@dataclass(frozen=True)
class Retirement:
    """A retirement Google announced: the date and, when it re-routes, the model it routes to."""

    model: str
    retired_on: date
    #: the model requests are automatically routed to (a silent re-route); None = hard shutdown (404)
    routed_to: str | None
    #: Google's suggested replacement(s) (for a hard shutdown)
    replacements: tuple[str, ...]
    source: str


@cache
def _retirements() -> dict[str, Retirement]:
    text = resources.files("gemquota.core").joinpath("data/retired_models.json").read_text(encoding="utf-8")
    out: dict[str, Retirement] = {}
    for row in json.loads(text)["retired"]:
        out[row["model"]] = Retirement(
            model=row["model"],
            retired_on=date.fromisoformat(row["retired_on"]),
            routed_to=row.get("routed_to"),
            replacements=tuple(row.get("replacements", ())),
            source=row["source"],
        )
    return out


def retirement(model: str) -> Retirement | None:
    """What Google announced about ``model``'s retirement, if anything (suffix-insensitive)."""
    table = _retirements()
    name = bare(model).lower()
    return table.get(name) or table.get(_VERSION_SUFFIX.sub("", name))


# --- --model names checked against models.list ----------------------------------------------------

DEPRECATIONS_URL = "https://ai.google.dev/gemini-api/docs/deprecations"


@dataclass(frozen=True)
class NameCheck:
    """A model name the user gave, checked against what models.list returned for the key."""

    model: str
    listed: bool
    #: a ``*-latest`` alias (its quota is the model it resolves to)
    alias: bool
    #: what Google announced about its retirement, if anything
    retirement: Retirement | None
    #: the closest listed names (generation-capable ones first), when it is not listed
    suggestions: tuple[str, ...]
    #: the methods the listed entry supports (empty when not listed or not said)
    methods: tuple[str, ...] = ()
    #: Google's replacements for a retired model that this key's list has (following re-routes)
    successors: tuple[str, ...] = ()

    @property
    def generates(self) -> bool:
        return not self.methods or GENERATE in self.methods

    @property
    def rerouted_to(self) -> str | None:
        return None if self.retirement is None else self.retirement.routed_to

    @property
    def finding(self) -> str | None:
        """One sentence on what is wrong or special about this name; None when it is a plain listed model."""
        r = self.retirement
        if not self.listed:
            if r is not None and r.routed_to:
                what = (
                    f"{self.model} was retired on {r.retired_on.isoformat()} ({r.source}): Google routes its "
                    f"requests to {r.routed_to} (billed and limited as {r.routed_to}), and models.list "
                    "does not list it for this key"
                )
            elif r is not None:
                what = (
                    f"{self.model} is retired: Google shut it down on {r.retired_on.isoformat()} "
                    f"({r.source}); requests get 404 'no longer available'"
                )
            else:
                what = (
                    f"{self.model} is not a model this key can use: models.list does not list it "
                    "(an unknown id, a typo, or a retired model)"
                )
            if self.suggestions:
                what += f". Closest listed: {', '.join(self.suggestions)}"
            return what
        if r is not None and r.routed_to:
            return (
                f"{self.model} is still listed, but Google retired it on {r.retired_on.isoformat()} and routes "
                f"its requests to {r.routed_to}: they are billed and limited as {r.routed_to}"
            )
        if r is not None:
            return f"{self.model} is still listed, but Google announced its shutdown on {r.retired_on.isoformat()}"
        if self.alias:
            return (
                f"{self.model} is an alias: it resolves at request time to the current model of its line, "
                "whose quota applies"
            )
        if not self.generates:
            return (
                f"{self.model} does not support generateContent (it supports {', '.join(self.methods)}): "
                "the probe does not call it"
            )
        return None


def check_name(model: str, listed: Iterable[ListedModel | str]) -> NameCheck:
    """Check one ``--model`` name against models.list (no request is spent)."""
    entries = [ListedModel(bare(x)) if isinstance(x, str) else x for x in listed]
    name = bare(model)
    by_id = {e.model: e for e in entries}
    entry = by_id.get(name)
    if entry is None:
        lowered = {e.model.lower(): e for e in entries}
        entry = lowered.get(name.lower())
    retired = retirement(name)
    suggestions: tuple[str, ...] = ()
    if entry is None:
        generating = [e.model for e in entries if e.generates and not is_alias(e.model)]
        suggestions = closest(name, generating) or closest(name, [e.model for e in entries])
    ids = {e.model for e in entries}
    successors: list[str] = []
    for replacement in () if retired is None else (*retired.replacements, retired.routed_to or ""):
        seen: set[str] = set()
        while replacement and replacement not in ids and replacement not in seen:
            seen.add(replacement)  # a replacement retired since: follow where it routes
            moved = retirement(replacement)
            replacement = moved.routed_to if moved is not None and moved.routed_to else ""
        if replacement in ids and replacement not in successors:
            successors.append(replacement)
    return NameCheck(
        model=name,
        listed=entry is not None,
        alias=is_alias(name),
        retirement=retired,
        suggestions=suggestions,
        methods=() if entry is None else entry.methods,
        successors=tuple(successors),
    )


def not_listed_diagnosis(check: NameCheck, listed_count: int) -> Diagnosis:
    """The ``model-not-found`` diagnosis of a name models.list does not list, built from the list
    (SPEC §1.3): no request was sent, so there is no HTTP code."""
    from gemquota.core.diagnosis import RETRY_OF, Backend, Diagnosis, Fix, Kind
    from gemquota.core.matrix import MODELS, fixes_for

    finding = check.finding or f"{check.model} is not in models.list for this key"
    evidence = [f"models.list returned {listed_count} models for this key; {check.model} is not among them."]
    r = check.retirement
    if r is not None:
        evidence.append(f"{r.source}: {check.model} retired on {r.retired_on.isoformat()}.")
    fixes: list[Fix] = []
    replacements = tuple(dict.fromkeys((*check.successors, *check.suggestions)))
    if replacements:
        fixes.append(
            Fix(
                "use-listed-model",
                f"Use a listed model instead of {check.model}: {', '.join(replacements[:3])}",
                (
                    f"Change the model id in your code or configuration to one of: {', '.join(replacements[:3])}",
                    "Check a name without spending a request: gemquota probe --no-generate --model <id>",
                    "Each model has its own quota: check its limits with gemquota doctor --model <id>",
                ),
                DEPRECATIONS_URL if r is not None else MODELS,
            )
        )
    fixes.extend(fixes_for(Kind.MODEL_NOT_FOUND, backend=Backend.GEMINI_API, model=check.model))
    return Diagnosis(
        kind=Kind.MODEL_NOT_FOUND,
        retry=RETRY_OF[Kind.MODEL_NOT_FOUND],
        backend=Backend.GEMINI_API,
        headline=finding,
        model=check.model,
        requested_model=check.model,
        evidence=tuple(evidence),
        fixes=tuple(fixes),
        why="not in models.list for this key (no request sent)",
    )
