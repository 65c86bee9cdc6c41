"""Entry points of the parser: every Google error in a paste (``parse_text``) or a body (``parse_body``)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from gemquota.core.lazyre import LazyRe as _Re
from gemquota.core.parse.acc import _Acc
from gemquota.core.parse.normalize import flatten, normalize
from gemquota.core.parse.records import GoogleError, terminated_only
from gemquota.core.parse.structure import _structures, _walk
from gemquota.core.parse.text import (
    _advised,
    _compatible,
    _global_hints,
    _hints_of,
    _hosts_into,
    _text_records,
)
from gemquota.core.parse.values import _EDGE, MAX_ANALYSED, _clean_model, without_surrogates
from gemquota.core.parse.vocab import (
    BARE_MODEL,
    DISPLAY_TARGET_AFTER,
    IPY_FRAME_HEAD,
    IPY_FRAME_LINE,
    MODEL_ID,
    MODEL_ID_WORDS,
    PROSE_CODE,
    PROSE_CODE_CONTEXT,
    PROSE_WORDS,
    PY_FRAME_LINE,
    reason_entry,
)


def _dedupe(accs: Iterable[_Acc]) -> list[GoogleError]:
    out: list[GoogleError] = []
    index: dict[tuple[Any, ...], int] = {}
    for acc in accs:
        err = acc.freeze()
        key = err.identity()
        if key in index:
            i = index[key]
            prev = out[i]
            out[i] = replace(prev, count=prev.count + err.count, position=max(prev.position, err.position))
        else:
            index[key] = len(out)
            out.append(err)
    return out


def _bound(text: str) -> str:
    if len(text) <= MAX_ANALYSED:
        return text
    return text[:_EDGE] + "\n...\n" + text[-_EDGE:]


def parse_text(text: str) -> list[GoogleError]:
    """Every Google error in a paste, in paste order (identical repeats counted). Never raises."""
    try:
        return _parse_text(without_surrogates(text if isinstance(text, str) else str(text)))
    except (
        RecursionError,
        MemoryError,
        ValueError,
        TypeError,
        OverflowError,
    ):  # pragma: no cover - belt and braces
        return []


def _parse_text(text: str) -> list[GoogleError]:
    text = normalize(_bound(text))
    if not text.strip():
        return []
    cut: list[bool] = []
    structures = _structures(text, 0, cut)
    struct_accs: list[_Acc] = []
    pieces: list[str] = []
    wrappers: list[tuple[int, str, list[_Acc]]] = []
    last = 0
    for start, end, accs in structures:
        lead = _wrapper_start(text, last, start)
        pieces.append(text[last:lead])
        if text[lead:start].strip():
            wrappers.append((lead, text[lead:start], accs))
        pieces.append(" " * min(end - start, 1))
        last = end
        struct_accs.extend(accs)
    pieces.append(text[last:])
    flat = flatten(text)
    residual = _without_frames(flatten("".join(pieces)) if structures else flat)
    # The text that introduces a body ("Error: 503 Service Unavailable: {...}") is the same
    # occurrence as the body: its facts complete the body's record, never a record of their own.
    for lead, wrapper, accs in wrappers:
        for acc in _text_records(flatten(wrapper), lead):
            target = _merge_target(acc, accs) or accs[0]
            target.merge(acc)
    # A body cut short ("'message': 'models/X is not found … Call ListModels to see the") loses its
    # unterminated string in the repair: its own text fills what its record lacks (less the word the
    # cut went through: "No capacity available for model gemini-3-flas" names no model).
    for (start, end, accs), was_cut in zip(structures, cut, strict=True):
        if was_cut:
            for acc in _text_records(flatten(_without_cut_word(text[start:end].rstrip())), start):
                target = _merge_target(acc, accs) or accs[0]
                target.merge(acc)
    text_accs = _text_records(residual)
    merged = list(struct_accs)
    for acc in text_accs:
        if not acc.has_content():
            # Ambient facts (a request URL, hosts, a project number) belong to every error of the paste.
            for each in struct_accs:
                each.merge(acc)
            continue
        found = _merge_target(acc, struct_accs)
        if found is not None:
            found.merge(acc)
            found.position = max(found.position, acc.position)
        else:
            merged.append(acc)
    merged = [a for a in merged if a.has_content()]
    if len(merged) > 1 and not all(_bare(a) for a in merged):
        # A Google reason word alone in prose ("之前报过 VALIDATION_REQUIRED，现已通过": it was reported before)
        # is a mention, not an error of its own, when the paste holds an error with a code or status.
        merged = [a for a in merged if not _reason_only(a)]
    if merged and all(terminated_only(a) for a in merged):
        # Antigravity's "Agent terminated due to error" (which states no cause) with the code the post tells in
        # prose ("the request returns a 429 error"): the code is the one of the failure it terminated on.
        for told in _prose_code_records(flat, named=True):
            for acc in merged:
                acc.merge(told)
    if not merged:
        # Forum prose that only states a code ("I keep getting the 429 errors" about Gemini).
        merged = _prose_code_records(flat)
        # (… with the window the post tells in words: "日次クォータ超過（429エラー）", "hit the daily quota".)
        worded = [v for acc in text_accs for v in acc.violations if v.source == "words"]
        # (… and the reset it states: "Gemini quota exhausted. Resets in 13h52m", a scheduler's summary.)
        resets = [a.reset_delay_s for a in text_accs if a.reset_delay_s is not None]
        for acc in merged:
            acc.violations.extend(worded)
            for v in worded:
                acc.add_evidence(v.description or "")
            if resets:
                acc.reset_delay_s = max(resets)
    # The Google model ids the whole paste names: looked for once, and only if some step below needs them.
    names = functools.cache(lambda: _named_models(flat.lower()))
    if merged and not any(_names_model(a) for a in merged):
        # The model a post names anywhere (a title, "calling the model X", "the X model"); of several, the
        # first (the one a post names first is the one it is about, as a rule), said in the diagnosis.
        named = names()
        for acc in merged:
            if not acc.named_model and named:
                # (Of several, the one named on the error's own line: "gemini-3.1-pro-high  HTTP 400 INVALID_ARGUMENT"
                # under a line of another model that worked.)
                on_line = _model_on_its_line(acc, flat, named) if len(named) > 1 else None
                acc.named_model = on_line or named[0]
                if len(named) > 1 and on_line is None:
                    acc.hints.add("several_models:" + ",".join(named[:4]))
    else:
        # Errors of one paste that name no model share the one model the others name (a log of one app).
        models = {m for a in merged if (m := _model_of(a))}
        if len(models) == 1:
            for acc in merged:
                if not _names_model(acc):
                    acc.named_model = next(iter(models))
    if any(_only_displayed(a) for a in merged):
        # A model named only by its display name ("Gemini 3 Pro Image", "Gemini 3 Flash") is the release of it
        # the post writes out as an id ("gemini-3-pro-image-preview", "gemini-3.8-flash"): the one such id,
        # or the first of several point releases of it.
        named = names()
        for acc in merged:
            shown = acc.display_model or acc.named_model or ""
            if not _only_displayed(acc):
                continue
            added = named[0].removeprefix(shown) if len(named) == 1 else ""
            # (… or the one id of that very model with Antigravity's thinking tier: "gemini-3.1-pro-high".)
            if added and (_RELEASE_OF.fullmatch(added) or added.removeprefix("-") in _THINKING_TIERS):
                written: str | None = named[0]
            elif acc.display_model or "display-named" in acc.hints:
                written = next((m for m in named if m != shown and _point_release_of(shown, m)), None)
            else:
                written = None  # (an id the post names is no display name: "gemini-3-pro-preview" stays)
            if written is not None:
                if acc.display_model:
                    acc.display_model = written
                else:
                    acc.named_model = written
    if any(a.request_model or a.named_model for a in merged) and any(end in flat for end in _TIER_ENDS):
        # A model the error's request or label names that the paste also names with Antigravity's thinking
        # tier ("Model: google-antigravity/gemini-3.8-flash (requestModelId: gemini-3.8-flash-low)") is the
        # tiered id, the one requested.
        named = names()
        tiered = _tiered(named)
        for acc in merged:
            if acc.request_model in tiered:
                acc.request_model = tiered[acc.request_model]
            if acc.named_model in tiered:
                acc.named_model = tiered[acc.named_model]
    if any("ws-reason-cut" in a.hints and a.request_model for a in merged):
        # A Live close's reason cut at its 123 bytes cuts the publisher path's model id with it: the id the paste
        # names in full elsewhere (a heading, the config) is the one, the first of them if several.
        named = names()
        for acc in merged:
            cut_id = acc.request_model
            if "ws-reason-cut" in acc.hints and cut_id:
                whole = next((m for m in named if len(m) > len(cut_id) and m.startswith(cut_id)), None)
                if whole is not None:
                    acc.request_model = whole
    # Hints that only decide whether an error is Google's at all (Google's SDKs and model ids, other
    # providers) are looked for only when some error carries no Google signal of its own.
    signed = [_signed(a) for a in merged]
    hints = _global_hints(flat, precision=not all(signed))
    foreign = any(h.startswith("foreign:") for h in hints)
    for acc, own in zip(merged, signed, strict=True):
        acc.hints |= hints
        if (
            foreign
            and not own
            and _names_google_on_its_line(acc, flat, gemini="foreign:gemini-exchange" not in hints)
        ):
            acc.hints.add("google_on_line")
    merged.sort(key=lambda a: a.position)
    return _dedupe(merged)


_PY_FRAME_RX = _Re(PY_FRAME_LINE)
_IPY_FRAME_HEAD_RX = _Re(IPY_FRAME_HEAD)
_IPY_FRAME_LINE_RX = _Re(IPY_FRAME_LINE)


def named_model(text: str) -> str | None:
    """The Google model id a paste names, the first if several (the one a post names first is the one it is
    about, as a rule): for a paste that holds no Google error, the model the failing call used. Never raises."""
    try:
        lowered = text.lower()
        if not any(word in lowered for word in MODEL_ID_WORDS):
            return None  # (no Google model family named at all: nothing to normalize)
        found = _named_models(flatten(normalize(_bound(without_surrogates(text)))).lower())
    except (RecursionError, MemoryError, ValueError, TypeError, OverflowError):  # pragma: no cover
        return None
    return found[0] if found else None


def _without_frames(text: str) -> str:
    """``text`` less the frame headers of a Python traceback, and the frames of an IPython one (header and
    numbered source lines): paths, line numbers and the code around the raise hold no fact of an error, and
    the text pass reads every character it is given (its positions only order its facts)."""
    if 'File "' in text:
        text = _PY_FRAME_RX.sub("", text)
    if ".py:" in text or "Cell In[" in text:
        text = _without_ipython_frames(text)
    return text


def _without_ipython_frames(text: str) -> str:
    kept: list[str] = []
    in_frame = False
    for line in text.split("\n"):
        if _IPY_FRAME_HEAD_RX.match(line):
            in_frame = True
            continue
        if in_frame and _IPY_FRAME_LINE_RX.match(line):
            continue
        in_frame = False
        kept.append(line)
    return "\n".join(kept)


_PROSE_CODE_RX = _Re(PROSE_CODE)
_BARE_MODEL_RX = _Re(BARE_MODEL)
_PROSE_WORDS_RX = tuple((_Re(pattern), code, signal) for pattern, code, signal in PROSE_WORDS)


def _prose_code_records(flat: str, *, named: bool = False) -> list[_Acc]:
    """A record for a status code stated as a kind of error in prose, when a Google product is named (or,
    with ``named``, is known to be) (the first such code, else gRPC's RESOURCE_EXHAUSTED in words; weak, so
    nothing else would be outranked)."""
    low = flat.lower()
    if not named and not any(word in low for word in PROSE_CODE_CONTEXT):
        return []
    match = _PROSE_CODE_RX.search(low)
    code = 429
    said: str | None = None  # the signal of an error told in words
    if match is not None:
        code = int(
            match.group("prose_code_c")
            or match.group("prose_code_v")
            or match.group("prose_code_p")
            or match.group("prose_code_g")
        )
    else:
        # No code: the error in words ("`Resource exhausted` from gemini", "API调用频率超限").
        for rx, words_code, signal in _PROSE_WORDS_RX:
            match = rx.search(low)
            if match is not None:
                code, said = words_code, signal
                break
    if match is None:
        return []
    acc = _Acc(position=match.start())
    acc.set_code(code, weak=True)
    acc.signals.add("code")
    if said:
        acc.signals.add(said)
    _hosts_into(acc, flat)  # (the Google hosts the post names: "…aiplatform.googleapis.com/… returns 404")
    acc.add_evidence(" ".join(flat[match.start() : match.end()].split()))
    return [acc]


#: What an id adds to the model its display name names: a release ("-preview", "-preview-05-20", "-exp",
#: "-latest", "-001", a dated "-05-06"), not another model ("-lite", "-image").
_RELEASE_OF = _Re(r"-(?:preview|exp|latest|\d{3}|\d{2}-\d{2,4})(?:-[\w.\-]{1,40})?")


def _model_on_its_line(acc: _Acc, flat: str, named: list[str]) -> str | None:
    """The one model of ``named`` before a text error's code on its line (a log's or a probe's "model …
    HTTP 400 INVALID_ARGUMENT"), if that part of the line names exactly one."""
    if acc.structured or not acc.evidence:
        return None
    code = str(acc.http_code) if acc.http_code is not None else None
    shown = next((e for e in acc.evidence if code and code in e), acc.evidence[0])
    model = _model_at(shown, flat, named)
    if model is None and shown != acc.evidence[0]:
        # (… or on the line of the wording that decided the kind, where the code is told elsewhere: a probe's
        # "gemini-2.5-flash-lite → 404 "This model … is no longer available to new users"" and a 503 further on.)
        model = _model_at(acc.evidence[0], flat, named)
    return model


def _model_at(shown: str, flat: str, named: list[str]) -> str | None:
    """The one model of ``named`` before ``shown`` on its line in ``flat``, or after it written as a resource
    name or after the word "model"."""
    at = flat.find(shown)
    if at < 0:
        return None
    head = flat[flat.rfind("\n", 0, at) + 1 : at].lower()
    if any(m in head for m in named):
        return _sole_model(head, named)
    # (… else the one model the rest of its line names by its resource name, as Google's messages do: "Exception:
    # 1007 None. The requested combination of response modalities (TEXT) is not supported by the model.
    # models/gemini-3.1-flash-live-preview"; prose after a code names models that work as well.)
    # (… or by the word: the old JS SDK's "GoogleGenerativeAI Error: [404 Not Found] model gemini-1.5-flash".)
    end = flat.find("\n", at)
    rest = flat[at : end if end >= 0 else len(flat)].lower()
    return _sole_model(rest, named, written="models/") or _sole_model(rest, named, written="model ")


def _sole_model(part: str, named: list[str], written: str = "") -> str | None:
    """The one model of ``named`` that ``part`` (lower-case) names, written after ``written``, if ``part`` names
    no other model."""
    if not any(written + m in part for m in named):
        return None
    ids = _named_models(part + "\n")
    # (An id inside a longer one is no other model: "gemini-2.5-flash" in "gemini-2.5-flash-lite".)
    here = [m for m in ids if m in named and written + m in part]
    return here[0] if len(here) == 1 and len(ids) == 1 else None


def _point_release_of(shown: str, model: str) -> bool:
    """Whether ``model`` is a point release of the model a display name names with its major version only
    ("gemini-3.8-flash", "gemini-3.1-flash-preview" of "Gemini 3 Flash"; not "gemini-3-flash-lite")."""
    family, _, version_and_tail = shown.partition("-")
    major, _, tail = version_and_tail.partition("-")
    if not (major.isdigit() and tail):
        return False
    rest = model.removeprefix(f"{family}-{major}.")
    if rest == model:
        return False
    minor, _, after = rest.partition("-")
    return minor.isdigit() and (after == tail or bool(_RELEASE_OF.fullmatch(after.removeprefix(tail))))


def _only_displayed(acc: _Acc) -> bool:
    """Whether an error's model comes from a display name only."""
    return bool(acc.display_model or acc.named_model) and not (
        acc.request_model or acc.message_model or acc.dimension_model or any(v.model for v in acc.violations)
    )


def _model_of(acc: _Acc) -> str | None:
    """The model an error names itself (not one only a display name gives)."""
    return (
        acc.dimension_model
        or next((v.model for v in acc.violations if v.model), None)
        or acc.message_model
        or acc.request_model
    )


def _names_model(acc: _Acc) -> bool:
    return bool(
        acc.request_model
        or acc.message_model
        or acc.display_model
        or acc.dimension_model
        or acc.named_model
        or any(v.model for v in acc.violations)
    )


#: The last segments of a router's route before a Google model id (LiteLLM's, OpenRouter's, a gateway's).
_ROUTE_ENDS = ("/gemini/", "/google/", "/vertex_ai/", "/google-ai-studio/", "/googleai/")


#: gemini-cli's User-Agent up to the model it names ("GeminiCLI-tui/0.46.0/" before "gemini-3.1-pro-preview").
_GEMINI_CLI_AGENT = _Re(r"geminicli(?:-[a-z]{1,12})?/[\w.\-]{1,30}/\Z")
#: A Google route a relay writes before the id it serves, joined by a hyphen ("antigravity-gemini-3.8-flash").
_CHANNEL_PREFIXES = ("antigravity-", "vertex-")


def _channel_at_start(low: str, at: int) -> bool:
    """Whether a Google route joined by a hyphen begins the word that ends in the id at ``at``."""
    prefix = next((p for p in _CHANNEL_PREFIXES if low.endswith(p, 0, at)), None)
    if prefix is None:
        return False
    start = at - len(prefix)
    return start == 0 or not (low[start - 1].isalnum() or low[start - 1] in "_-./")


def _route_at_start(low: str, at: int) -> bool:
    """Whether a router's route that begins a word leads to the id at ``at``: one segment that names Google
    or Gemini ("google/gemma-4-31b-it" on a config line, AstrBot's "google_gemini/gemini-3-flash-preview"), or
    Vertex ("[vertex/gemini-3.1-flash-lite-preview]")."""
    if not at or low[at - 1] != "/":
        return False
    start = at - 1
    while start > 0 and at - start <= 40 and (low[start - 1].isalnum() or low[start - 1] in "_-."):
        start -= 1
    if start > 0 and low[start - 1] in "/\\":
        return False  # a path's segment, not a route of its own
    segment = low[start : at - 1]
    # (… or a relay's mode written in a script of its own: gcli2api's "流式抗截断/gemini-3.1-pro-high", "假流式/…".)
    return (
        "gemini" in segment
        or "google" in segment
        or "vertex" in segment
        or (segment != "" and not any(c.isascii() for c in segment))
    )


def _named_models(low: str) -> list[str]:
    """The Google model ids ``low`` names (lower-cased text), in the order it first names them. An id inside
    a longer word or path, after a word of advice ("switch to …"), or cut by the end of the text does not
    count."""
    found: dict[str, None] = {}
    working: set[str] = set()
    resolved: dict[str, str] = {}  # alias → the model the post says it resolves to
    for match in _BARE_MODEL_RX.finditer(low):
        at = match.start()
        # (A letter of a script without spaces — "接入gemini-3.5-flash" — does not make the id part of a word.)
        # (A resource name "models/X" is the id itself, not a path that holds it; nor is a router's route,
        # "byok_gemini/gemini/gemini-2.5-flash", "openrouter/google/gemini-2.5-pro"…)
        if at and ((low[at - 1].isascii() and low[at - 1].isalnum()) or low[at - 1] in "_/.-"):
            # (… nor is a request's URL, ".../models/X:streamGenerateContent".)
            named = (
                low.endswith(_ROUTE_ENDS, 0, at)
                or _route_at_start(low, at)
                or (low.endswith("/models/", 0, at) and low.startswith(":", match.end()))
                # (… and a Vertex AI endpoint a client named by the model id: ".../endpoints/veo-3.0-generate-preview".)
                or low.endswith("/endpoints/", 0, at)
                # (… and a relay's name for a model it serves through a Google route: "antigravity-gemini-3.8-flash".)
                or _channel_at_start(low, at)
                # (… and gemini-cli's User-Agent, which names the model of the call: "GeminiCLI-tui/0.46.0/gemini-3.1-pro-preview".)
                or _GEMINI_CLI_AGENT.search(low, max(0, at - 60), at) is not None
                # (… and an id that ends a quoted name joined by underscores: a harness's player or run id,
                # "Player3_Game1744260330332880_gemini-2.5-pro-exp-03-25".)
                or (
                    low[at - 1] == "_"
                    and low.startswith(('"', "'"), match.end())
                    and "_" not in match.group(0)
                )
            )
            if not named and (not low.endswith("models/", 0, at) or low.endswith("/models/", 0, at)):
                continue
        end = match.end()
        if end >= len(low) or _advised(low[max(0, at - 40) : at]):
            continue
        if low.startswith(DISPLAY_TARGET_AFTER, end) or low.startswith(DISPLAY_TARGET_AFTER, end + 1):
            continue  # "gemini-2.0-flash로 수정" (changed to): the model moved to, not the one that failed
        model = _clean_model(match.group("bare_model_v"))
        if model:
            found[model] = None
            if _WORKED_AFTER.match(low, end):
                working.add(model)
            told = _RESOLVES_TO.match(low, end)
            target = _clean_model(told.group("resolved_v")) if told is not None else None
            if target:
                resolved[model] = target
    # An alias the post says resolves to another model ("gemini-flash-latest resolves to gemini-3.6-flash"): the
    # model it resolved to answered, and failed.
    working.update(alias for alias, target in resolved.items() if target in found)
    # A model the post says works ("X (which worked fine prior)", "X works fine") is the comparison, not the
    # one that failed, when another is named.
    failing = [m for m in found if m not in working]
    ordered = failing or list(found)
    # A model named also with Antigravity's thinking tier ("google-antigravity/gemini-3.8-flash (requestModelId:
    # gemini-3.8-flash-low)") is the tiered id, the one requested.
    tiered = _tiered(ordered)
    return list(dict.fromkeys(tiered.get(m, m) for m in ordered))


#: Antigravity's thinking tiers, written after a model id ("gemini-3.1-pro-high").
_THINKING_TIERS = frozenset({"high", "low", "medium", "minimal"})
_TIER_ENDS = tuple(f"-{tier}" for tier in _THINKING_TIERS)


def _tiered(models: Iterable[str]) -> dict[str, str]:
    """The one model of ``models`` written with a thinking tier, by the id without it (none where several tiers
    of it are named: "gemini-3.1-pro-low / gemini-3.1-pro-high" lists the tiers, and says no one was asked)."""
    tiers: dict[str, list[str]] = {}
    for model in models:
        base, _, tier = model.rpartition("-")
        if tier in _THINKING_TIERS:
            tiers.setdefault(base, []).append(model)
    return {base: named[0] for base, named in tiers.items() if len(named) == 1}


#: What follows an alias told as resolving to a model: "gemini-flash-latest resolves to gemini-3.6-flash",
#: "gemini-flash-latest, which Google now resolves to gemini-3.8-flash" (lower-cased text, matched right after the
#: alias, like ``_WORKED_AFTER``).
_RESOLVES_TO = _Re(
    r"[`'\"]?,?\s+(?:(?:which|that)\s+(?:[a-z]+\s+)?)?(?:now\s+)?(?:resolves|resolved|points|pointed|maps|mapped|is\s+routed|was\s+routed)"
    rf"\s+to\s+[`'\"]?(?P<resolved_v>{MODEL_ID})"
)

#: A clause right after a model id that says it works or worked ("` (which worked fine prior)", ", which works",
#: " works fine"); not "works only with v1beta", "worked until yesterday" or "doesn't work".
_WORKED_AFTER = _Re(
    r"[`'\"]?\s{0,3}[(,]?\s{0,3}(?:which\s+|that\s+)?(?:still\s+)?(?:works?|worked|is\s+working|was\s+working)"
    r"(?:\s+(?:fine|well|great|perfectly|ok|okay|correctly|properly|as\s+expected))?(?=\s*(?:prior|before|[,.;:)\n]|$))"
)


#: Characters that end a word: what follows the last of them in a cut body is the word the cut went through.
_WORD_ENDS = frozenset(" \t\n\"'`{}[](),:;")


def _without_cut_word(span: str) -> str:
    """``span`` less the word its cut went through (one pass from the end; no regex to backtrack)."""
    end = len(span)
    while end and span[end - 1] not in _WORD_ENDS:
        end -= 1
    return span[:end]


#: Signals of an error's own body that make it Google's whatever else the paste says.
_OWN_SIGNALS = frozenset({"status_field", "quota_failure", "bullet", "bad_request_detail"})


#: A Google product named on an error's own line ("HTTP 400: provider=Gemini:", "Gemini API error 503",
#: "[google] Server Unavailable"); not gemini-cli, whose forks print its wrapper around their own providers'
#: errors, nor a Gemini model ("Gemini 2.5 Pro", "gemini-2.0-flash", "Gemini models"), which gateways serve.
# (Not a router's slug of a Google model, "google/gemini-2.5-flash": gateways serve those.)
_GOOGLE_PRODUCTS = r"(?<![A-Za-z0-9_-])(?:google(?![A-Za-z0-9_/-])|vertex[\s_]*ai|vertexai|ai\s+studio|imagen(?![A-Za-z0-9_-])"
_GOOGLE_ON_LINE = _Re(
    _GOOGLE_PRODUCTS
    + r"|gemini(?![A-Za-z0-9_-]*\s*cli)(?!\s*models?\b)(?![\s-]*\d)(?![\s-]*(?:pro|flash|ultra|nano|exp)\b))"
)
#: … the same without the word "Gemini", for a paste about Gemini the crypto exchange ("the Gemini API" is
#: its name too).
_GOOGLE_ON_LINE_NOT_GEMINI = _Re(_GOOGLE_PRODUCTS + ")")


def _names_google_on_its_line(acc: _Acc, flat: str, *, gemini: bool = True) -> bool:
    """Whether a line holding an error's first evidence names a Google product and no other provider: a
    paste that names another provider elsewhere (a second one configured, a comparison) is still Google's
    for an error whose own line says Gemini. (Every line the evidence stands on is looked at, up to a few:
    a title may name both providers and the log below only Gemini.)"""
    if not acc.evidence:
        return False
    needle = acc.evidence[0]
    named = _GOOGLE_ON_LINE if gemini else _GOOGLE_ON_LINE_NOT_GEMINI
    at = flat.find(needle)
    for _ in range(8):
        if at < 0:
            return False
        begin = flat.rfind("\n", 0, at) + 1
        stop = flat.find("\n", at)
        stop = len(flat) if stop < 0 else stop
        line = flat[begin:stop].lower()
        if _only_google_named(named, line, line):
            return True
        head = _opening_line(flat, _paragraph_head(flat, begin), begin)
        if head < begin:
            # The wrapper's line that opens a multi-line body: it counts when the whole block below it (to the
            # next blank line) names no other provider (a CDN's or cache's page names itself further down).
            block_end = flat.find("\n\n", stop)
            block = flat[head : min(len(flat) if block_end < 0 else block_end, head + 6_000)].lower()
            if _only_google_named(named, flat[head:stop].lower(), block):
                return True
        at = flat.find(needle, stop)
    return False


def _only_google_named(named: _Re, lines: str, scope: str) -> bool:
    """Whether ``lines`` (lower-case, not too long to search) name a Google product and ``scope`` no other
    provider."""
    return len(lines) <= 2_000 and named.search(lines) is not None and not _hints_of(scope, "foreign")


def _paragraph_head(flat: str, begin: int, lines: int = 3) -> int:
    """Where the lines that lead to the line at ``begin`` start: up to ``lines`` lines before it in the same
    paragraph (no blank line or code fence between), among which ``_opening_line`` looks for the wrapper's
    line that opens a multi-line body ("litellm.AuthenticationError: Vertex_aiException -" above an HTML page)."""
    head = begin
    for _ in range(lines):
        if head == 0:
            break
        prev = flat.rfind("\n", 0, head - 1) + 1
        above = flat[prev : head - 1].strip()
        if not above or above.startswith("```"):
            break
        head = prev
    return head


def _opening_line(flat: str, head: int, begin: int) -> int:
    """The first line from ``head`` up to the line at ``begin`` that opens a body on the lines below it (it
    ends with a connector: "VertexAIException -", "Error:", "= {"); ``begin`` when none does."""
    while head < begin:
        end = flat.find("\n", head, begin)
        if end < 0:
            break
        if flat[head:end].rstrip().endswith(_OPENERS):
            return head
        head = end + 1
    return begin


#: How a line that opens a body on the next lines ends.
_OPENERS = ("-", ":", "：", "=", "{", "(", "[")


def _reason_only(acc: _Acc) -> bool:
    """Whether a record holds a reason word and nothing else of an error (no code, status, message, quota,
    limit, reset or retry)."""
    return bool(
        acc.reasons
        and _bare(acc)
        and not acc.violations
        and not acc.limit_values
        and acc.retry_delay_s is None
        and acc.reset_delay_s is None
        and not acc.domain
        and not acc.metadata
        and acc.signals <= {"reason"}
    )


def _bare(acc: _Acc) -> bool:
    """Whether a record states no code, status or message of its own."""
    return acc.http_code is None and not acc.status and not acc.messages


def _signed(acc: _Acc) -> bool:
    """Whether an error carries a Google signal of its own: a Google host, Google's error shape, a
    QuotaFailure, a Google reason."""
    # (A reason word alone — a heading "RATE_LIMIT_EXCEEDED" in another library's notes — is no body of its own,
    # nor is it with only a bare code beside it: "Code: RATE_LIMIT_EXCEEDED / HTTP Status: 429" in an app's table
    # of errors "for provider 'openai'".)
    return bool(
        acc.hosts
        or acc.signals & _OWN_SIGNALS
        or (
            (acc.status or acc.messages or acc.domain or acc.metadata)
            and any(reason_entry(r) for r in acc.reasons)
        )
    )


def _wrapper_start(text: str, floor: int, start: int) -> int:
    """Where the wrapper text of the body at ``start`` begins: the start of the body's line when text
    precedes the body on that line; else the previous line when it introduces the body (it ends with
    ``:``); else ``start`` (no wrapper). Never before ``floor`` (the end of the previous body)."""
    line = max(floor, text.rfind("\n", floor, start) + 1)
    if text[line:start].strip():
        return line
    if line <= floor:
        return start
    previous = max(floor, text.rfind("\n", floor, line - 1) + 1)
    if text[previous : line - 1].rstrip().endswith(":"):
        return previous
    return start


def _merge_target(acc: _Acc, candidates: list[_Acc]) -> _Acc | None:
    fitting = [c for c in candidates if _compatible(acc, c)]
    if not fitting:
        return None
    return min(fitting, key=lambda c: abs(c.position - acc.position))


def parse_body(obj: Mapping[str, Any] | list[Any] | Any) -> list[GoogleError]:
    """Google errors in a decoded body: ``{"error": {...}}``, list-wrapped, or the bare inner error."""
    try:
        accs: list[_Acc] = []
        if isinstance(obj, (bytes, bytearray)):
            return parse_text(bytes(obj).decode("utf-8", errors="replace"))
        if isinstance(obj, str):
            return parse_text(obj)
        _walk(without_surrogates(obj), 0, accs, list_wrapped=isinstance(obj, list))
        return _dedupe(a for a in accs if a.has_content())
    except (RecursionError, MemoryError, ValueError, TypeError, OverflowError):  # pragma: no cover
        return []
