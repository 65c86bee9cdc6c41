"""The structure pass: one bracket/string scanner, repair of truncated spans, loading (json, then a
bounded literal_eval), and the walk that finds Google error bodies inside parsed structures."""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from gemquota.core.lazyre import LazyRe as _Re
from gemquota.core.parse.acc import _Acc, _project_into
from gemquota.core.parse.normalize import flatten
from gemquota.core.parse.records import Violation
from gemquota.core.parse.text import _URL_MODEL, _hosts_into, _scan_into
from gemquota.core.parse.values import (
    _MAX_ITEMS,
    MAX_DEPTH,
    MAX_JSON_SPAN,
    MAX_LITERAL_EVAL,
    MAX_NESTING,
    MAX_SCAN_STEPS,
    MAX_SPANS,
    _clean_model,
    _to_float,
    _to_int,
    canonical_status,
    may_hold_surrogate_escape,
    parse_duration,
    without_surrogates,
)
from gemquota.core.parse.vocab import (
    GOOGLE_MODEL_ID,
    GOOGLE_WORD_CODES,
    GRPC_STATUS,
    OPENAI_ERROR_KEYS,
    PROSE_MODEL,
    REASON_PHRASES,
    STRING_CODE_HTTP,
    STRING_CODE_STATUS,
    WORD_CODE,
    WRAPPER_MODEL_KEYS,
    WRAPPER_MODEL_KV,
    WRAPPER_URL_KEYS,
    reason_entry,
)
from gemquota.core.reset import clamp_delay

if TYPE_CHECKING:
    import json

_OPENER = _Re(r"[{\[]")
_CLOSE_OF = {"{": "}", "[": "]"}


class _ScanResult:
    __slots__ = ("closed", "end", "quote", "safe_depth", "safe_idx", "stack", "steps", "too_deep")

    def __init__(
        self,
        end: int,
        closed: bool,
        stack: list[str],
        quote: str | None,
        safe_idx: int,
        safe_depth: int,
        too_deep: bool,
        steps: int,
    ) -> None:
        self.end = end
        self.closed = closed
        self.stack = stack
        self.quote = quote
        self.safe_idx = safe_idx
        self.safe_depth = safe_depth
        self.too_deep = too_deep
        self.steps = steps


#: One structural token: a whole string (possessive, non-backtracking; the loop unrolled so that runs
#: of plain characters are one tight step each), or a single structural character (a quote matched
#: alone opens a string that is never closed).
_TOKEN = _Re(r""""[^"\\]*+(?:\\.[^"\\]*+)*+"|'[^'\\]*+(?:\\.[^'\\]*+)*+'|["'{}\[\],]""", re.S)


def _scan(text: str, start: int, budget: int) -> _ScanResult:
    """Find the end of the bracketed span starting at ``start``: one left-to-right pass over
    structural tokens in which strings are skipped whole."""
    stack: list[str] = []
    safe_idx, safe_depth = start, 0
    steps = 0
    pos = start
    last = len(text) - 1
    finditer = _TOKEN.rx.finditer
    while True:
        for match in finditer(text, pos):
            steps += 1
            pos = match.start()
            if steps > budget:
                return _ScanResult(pos, False, stack, None, safe_idx, safe_depth, True, steps)
            char = text[pos]
            if char == '"' or char == "'":
                end = match.end()
                # A ``'`` between two letters (``doesn't``) is prose, not a Python string delimiter.
                if char == "'" and 0 < pos < last and text[pos - 1].isalpha() and text[pos + 1].isalpha():
                    if end != pos + 1:
                        pos += 1
                        break  # resume right after the apostrophe
                    continue
                if end == pos + 1:
                    return _ScanResult(len(text), False, stack, char, safe_idx, safe_depth, False, steps)
                continue
            if char == "{" or char == "[":
                stack.append(char)
                if len(stack) > MAX_DEPTH:
                    return _ScanResult(pos + 1, False, stack, None, safe_idx, safe_depth, True, steps)
                safe_idx, safe_depth = pos + 1, len(stack)
            elif char == "}" or char == "]":
                if not stack or _CLOSE_OF[stack[-1]] != char:
                    return _ScanResult(pos, False, stack, None, safe_idx, safe_depth, False, steps)
                stack.pop()
                if not stack:
                    return _ScanResult(pos + 1, True, stack, None, pos + 1, 0, False, steps)
                safe_idx, safe_depth = pos + 1, len(stack)
            else:  # ","
                safe_idx, safe_depth = pos, len(stack)
        else:
            return _ScanResult(len(text), False, stack, None, safe_idx, safe_depth, False, steps)


def _closers(stack: list[str]) -> str:
    return "".join(_CLOSE_OF[c] for c in reversed(stack))


#: Whitespace, commas and colons at the end of a span (matched on the reversed text: ``[\s,:]+$``
#: would be tried at every position of a long run, quadratic in its length).
_JUNK_RUN = _Re(r"[\s,:]*")


def _strip_trailing_junk(text: str) -> str:
    """``text`` without the whitespace, commas and colons it ends with (linear in its length)."""
    if not text or not (text[-1].isspace() or text[-1] in ",:"):
        return text
    tail = text[-4096:]
    run = _JUNK_RUN.match(tail[::-1])
    cut = run.end() if run else 0
    if cut == len(tail) and len(text) > len(tail):
        run = _JUNK_RUN.match(text[::-1])
        cut = run.end() if run else 0
    return text[: len(text) - cut]


#: A structural character of JSON or of a Python literal.
_STRUCTURAL_TAIL = _Re(r"[\"'{}\[\],]")


def _repairs(span: str, res: _ScanResult, start: int) -> list[str]:
    """Candidate completions of a truncated span: close in place, then cut back to the last safe point."""
    out: list[str] = []
    body = span
    if res.quote is not None:
        # A string cut short, then a blank line and the paste's own words (a report's next row): no string of a
        # body holds a paragraph break, so it ends before it.
        blank = span.find("\n\n", span.rfind(res.quote) + 1)
        if blank > 0:
            out.append(_strip_trailing_junk(span[:blank].rstrip()) + res.quote + _closers(res.stack))
        body += res.quote
    stripped = _strip_trailing_junk(body)
    if stripped.endswith(":"):
        stripped += " null"
    out.append(stripped + _closers(res.stack))
    if res.quote is None:
        # Words after the last value of a body cut short (a Markdown fence, a sentence: '…}}"' then '```'):
        # close right after that value.
        last = max(span.rfind('"'), span.rfind("}"), span.rfind("]"))
        if 0 < last < len(stripped) - 1 and not _STRUCTURAL_TAIL.search(span, last + 1):
            out.append(span[: last + 1] + _closers(res.stack))
    cut = res.safe_idx - start
    if 0 < cut <= len(span):
        head = _strip_trailing_junk(span[:cut])
        out.append(head + _closers(res.stack[: res.safe_depth]))
    return out


_PY_LITERALS = _Re(r"(?:N(?<!\w.)one|T(?<!\w.)rue|F(?<!\w.)alse)\b")


#: What keeps a Python literal from being read as JSON with its quotes swapped: a double quote, a
#: JSON-only word (read by json, rejected by ``literal_eval``), or a backslash escape other than
#: ``\\n \\t \\r \\\\`` (the only ones both read the same way).
_NOT_PLAIN_WORDS = ('"', "true", "false", "null", "NaN", "Infinity")
_NOT_PLAIN_ESCAPE = _Re(r"\\(?![ntr\\])")


def _not_plain(text: str) -> bool:
    """Whether ``text`` holds any of ``_NOT_PLAIN_WORDS`` or a ``_NOT_PLAIN_ESCAPE`` (look-ups and a
    literal-led search: several times faster than one alternation over all of them)."""
    for word in _NOT_PLAIN_WORDS:
        if word in text:
            return True
    return "\\" in text and _NOT_PLAIN_ESCAPE.search(text) is not None


def _literal(text: str) -> Any:
    if len(text) > MAX_LITERAL_EVAL:
        return None
    if text.isprintable() and not _not_plain(text):
        # Single-quoted strings without escapes, numbers, dicts and lists: ``json`` reads exactly what
        # ``ast.literal_eval`` would, many times faster. Anything else json rejects falls through.
        import json  # lazily: json costs ~1 ms of start-up

        try:
            return json.loads(text.replace("'", '"'))
        except (ValueError, RecursionError):
            pass
    try:
        # A paste's "\d" or "\{" is an invalid escape to Python: never warn the user about it.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.literal_eval(text)
    except (ValueError, SyntaxError, RecursionError, MemoryError, TypeError, OverflowError):
        return None


#: A span json rejects at its first token: a single-quoted string (a Python repr) after the bracket.
_PY_OPENING = _Re(r"[{\[][ \t\n\r]*'")


def _load(candidate: str) -> Any:
    if len(candidate) > MAX_JSON_SPAN:
        return None
    obj: Any = None
    if _PY_OPENING.match(candidate):
        obj = _literal(candidate)  # json would fail at once (the same answer, without its error)
    else:
        try:
            obj = _json_decoder().decode(candidate)
        except (ValueError, RecursionError):
            if candidate[1:3] == "\\n":
                # A JSON body inside a bytes or string repr, its line breaks written out ("b'{\\n  \"error\": …"
                # of LiteLLM's VertexAIException): the same body with its breaks back.
                return _load(candidate.replace("\\n", "\n"))
            if "'" in candidate or _PY_LITERALS.search(candidate) or _TRAILING_COMMA.search(candidate):
                # (A Python literal: single quotes, None/True/False, trailing commas.)
                obj = _literal(candidate)
            if obj is None and len(candidate) <= MAX_LITERAL_EVAL and _JS_KEY.match(candidate):
                # A JavaScript object literal (a test's mock: {status: 429, error: {message: 'Quota exceeded'}}):
                # its keys quoted and its words made Python's, read as a Python literal.
                obj = _literal(_js_to_python(candidate))
    if obj is not None and may_hold_surrogate_escape(candidate):
        obj = without_surrogates(obj)
    return obj


#: A comma right before a closing bracket, which Python and JavaScript allow and JSON does not.
_TRAILING_COMMA = _Re(r",[ \t\r\n]*[}\]]")
#: An object that opens with an unquoted key: the mark of a JavaScript (or Ruby, Dart …) object literal.
_JS_KEY = _Re(r"\{[ \t\r\n]*[A-Za-z_$][\w$]*[ \t]*:(?!:)")
_JS_WORDS = {"true": "True", "false": "False", "null": "None", "undefined": "None"}


def _js_to_python(text: str) -> str:
    """``text`` with the bare keys of an object literal quoted and ``true``/``false``/``null`` written as
    Python's, strings left as they are (one pass; anything else stays for ``literal_eval`` to refuse)."""
    out: list[str] = []
    last = ""  # the last character written that is not white space
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "'\"`":
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" else 1
            piece = text[i : j + 1]
            out.append("'" + piece[1:-1].replace("'", "\\'") + "'" if ch == "`" else piece)
            last = "'"
            i = j + 1
            continue
        if ch.isalpha() or ch in "_$":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "_$"):
                j += 1
            word = text[i:j]
            k = j
            while k < n and text[k] in " \t":
                k += 1
            if k < n and text[k] == ":" and text[k + 1 : k + 2] != ":" and last in ("{", ","):
                out.append(f'"{word}"')
            else:
                out.append(_JS_WORDS.get(word, word))
            last = "a"
            i = j
            continue
        out.append(ch)
        if not ch.isspace():
            last = ch
        i += 1
    return "".join(out)


@lru_cache(maxsize=1)
def _json_decoder() -> json.JSONDecoder:
    """One lenient decoder (control characters allowed in strings) for every span."""
    import json  # lazily: json costs ~1 ms of start-up

    return json.JSONDecoder(strict=False)


_WORTH = _Re(r"error|@type|\"code\"|'code'|violations|reason", re.IGNORECASE)


def _worth(text: str, start: int, end: int) -> bool:
    """Whether the span may hold an error at all (long enough, and a word of one)."""
    return end - start >= 8 and _WORTH.rx.search(text, start, end) is not None


def _load_span(text: str, start: int, res: _ScanResult) -> Any:
    if not _worth(text, start, res.end):
        return None
    span = text[start : res.end]
    if res.closed:
        return _load(span)
    for candidate in _repairs(span, res, start):
        obj = _load(candidate)
        if obj is not None:
            return obj
    return None


#: How much of the text after an opener the fast read of a Python literal copies (larger ones are scanned).
_FAST_WINDOW = 65_536


def _parsed_span(text: str, start: int) -> tuple[int, Any] | None:
    """Where a span that json reads whole ends, and its value: a JSON body, or a plain Python literal
    (single quotes, no escapes json and Python read differently) read with its quotes swapped, as
    ``_literal`` reads it. What ``_scan`` then ``_load`` would find, in one pass of json's C scanner
    instead of a Python step per token; None for anything else (a cut, mixed quotes, a span with more
    brackets than ``_scan`` follows), which goes the token way."""
    decoder = _json_decoder()
    try:
        if _PY_OPENING.match(text, start):
            window = text[start : start + _FAST_WINDOW]
            obj, end = decoder.raw_decode(window.replace("'", '"'))
            span = window[:end]
            if len(span) > MAX_LITERAL_EVAL or not span.isprintable() or _not_plain(span):
                return None
        else:
            obj, stop = decoder.raw_decode(text, start)
            end = stop - start
            if end > MAX_JSON_SPAN:
                return None
            span = text[start:stop]
    except (ValueError, RecursionError):
        return None
    if span.count("{") + span.count("[") > MAX_DEPTH and _deeper_than(obj, MAX_DEPTH):
        # (Many brackets side by side — an HTTP client's whole error object, its request and socket — are
        # no deep nesting: only a span nested deeper than ``_scan`` follows goes the token way.)
        return None
    if obj is not None and may_hold_surrogate_escape(span):
        obj = without_surrogates(obj)
    return start + end, obj


def _deeper_than(obj: Any, limit: int) -> bool:
    """Whether ``obj`` nests lists and dicts more than ``limit`` deep (iterative: no recursion to exhaust)."""
    level: list[Any] = [obj]
    for _ in range(limit + 1):
        below: list[Any] = []
        for item in level:
            if isinstance(item, dict):
                below.extend(v for v in item.values() if isinstance(v, (dict, list)))
            elif isinstance(item, list):
                below.extend(v for v in item if isinstance(v, (dict, list)))
        if not below:
            return False
        level = below
    return True


def _structures(text: str, depth: int, cut: list[bool] | None = None) -> list[tuple[int, int, list[_Acc]]]:
    """Every parsed structure in ``text`` that holds a Google error, with its span (and, in ``cut``
    when given, whether each was cut short and repaired)."""
    found: list[tuple[int, int, list[_Acc]]] = []
    if depth > MAX_NESTING or ("{" not in text and "[" not in text):
        return found
    budget = min(4 * len(text) + 20_000, MAX_SCAN_STEPS)
    pos = 0
    spans = 0
    while spans < MAX_SPANS and budget > 0:
        match = _OPENER.search(text, pos)
        if match is None:
            break
        start = match.start()
        spans += 1
        parsed = _parsed_span(text, start)
        if parsed is not None:
            end, obj = parsed
            res = _ScanResult(end, True, [], None, end, 0, False, 1)
            budget -= 2
            if not _worth(text, start, end):
                obj = None
        else:
            res = _scan(text, start, budget)
            budget -= res.steps + 1
            if res.too_deep:
                pos = max(res.end, start + 1)
                continue
            obj = _load_span(text, start, res)
        accs: list[_Acc] = []
        if obj is not None:
            _walk(obj, depth, accs, list_wrapped=isinstance(obj, list))
        if accs:
            for acc in accs:
                acc.position = start
            found.append((start, res.end, accs))
            if cut is not None:
                cut.append(not res.closed)
            pos = res.end
        elif res.closed and (obj is not None or not _worth(text, start, res.end)):
            # A closed span read whole that holds no error (its strings were read too), or with no word of
            # one: nothing inside it does.
            pos = res.end
        else:
            pos = start + 1
    return found


def _unwrapped(code: str) -> str:
    """A word code, also when a hard wrap cut it inside its string ("invalid_r\n     equest")."""
    if "\n" in code:
        return "".join(part.strip() for part in code.split("\n"))
    return code.strip()


def _string_code_status(code: Any) -> str | None:
    """The canonical status a word error code stands for (None for numbers and unknown words)."""
    if not isinstance(code, str) or not code.strip() or code.strip().isdigit() or len(code) > 60:
        return None
    word = _unwrapped(code).lower().replace("-", "_").replace(" ", "_")
    return STRING_CODE_STATUS.get(word) or canonical_status(word)


def _looks_error(obj: Mapping[str, Any]) -> bool:
    if "@type" in obj:
        return False
    code = obj.get("code")
    has_code = (
        isinstance(code, int)
        or (isinstance(code, str) and code.isdigit())
        or (_string_code_status(code) is not None and isinstance(obj.get("message"), str))
    )
    has_status = isinstance(obj.get("status"), str)
    has_message = isinstance(obj.get("message"), str)
    details = obj.get("details")
    has_details = isinstance(details, list)
    return (
        (has_code and (has_message or has_status))
        or (has_status and (has_message or has_details))
        # A body that lost its code and status but keeps Google's typed details (a proxy's relay):
        # {"message": "rate limited", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", …}]}
        or (has_message and isinstance(details, list) and _google_typed(details))
    )


def _google_typed(details: list[Any]) -> bool:
    return any(
        isinstance(item, Mapping) and str(item.get("@type", "")).startswith("type.googleapis.com/google.rpc.")
        for item in details[:_MAX_ITEMS]
    )


#: An error envelope's fields as C# and Go serializers capitalize them ({"Error": {"Message": …, "Code":
#: 500}}): read as the lower-case fields (when those are not there too).
_CAPITALIZED = {
    "Error": "error",
    "Message": "message",
    "Code": "code",
    "Status": "status",
    "Details": "details",
}


def _norm_keys(obj: Mapping[Any, Any]) -> dict[str, Any]:
    out = {str(k).strip(): v for k, v in list(obj.items())[:_MAX_ITEMS]}
    for cased, key in _CAPITALIZED.items():
        if cased in out and key not in out:
            out[key] = out.pop(cased)
    return out


def _walk(obj: Any, depth: int, out: list[_Acc], *, list_wrapped: bool = False) -> None:
    if depth > MAX_NESTING + 2:
        return
    if isinstance(obj, Mapping):
        data = _norm_keys(obj)
        err = data.get("error")
        if isinstance(err, Mapping):
            # A long-running operation's error is a google.rpc.Status: its code is gRPC's.
            # (Named "…/operations/…", or shown without its name: {"done": true, "error": {"code": 13, …}}.)
            operation = "done" in data and (
                data["done"] is True or "operations/" in str(data.get("name", ""))
            )
            _error_dict(
                _norm_keys(err), depth, out, list_wrapped=list_wrapped, grpc_code=operation, enveloped=True
            )
            return
        if isinstance(err, str) and ("{" in err or _looks_google_text(err)):
            _walk(err, depth + 1, out)
            if out:
                return
        if _looks_error(data):
            _error_dict(data, depth, out, list_wrapped=list_wrapped)
            return
        if "@type" in data:
            acc = _Acc(structured=True)
            _detail(acc, data, depth)
            if acc.has_content():
                out.append(acc)
            return
        first = len(out)
        for value in data.values():
            if isinstance(value, (Mapping, list, str)):
                _walk(value, depth + 1, out)
        if len(out) > first:
            _wrapper_model_into(out[first:], _envelope_model(data))
            # An HTTP client's error envelope ({"response": {"status": 403, "data": {"error": {…}}}}, gaxios
            # and axios): its status is the code of a body that carries none.
            status = data.get("status", data.get("statusCode"))
            if isinstance(status, int) and not isinstance(status, bool) and 400 <= status <= 599:
                for sub in out[first:]:
                    if sub.http_code is None:
                        sub.set_code(status, weak=True)
                        sub.signals.add("code")
    elif isinstance(obj, (list, tuple)):
        # (A tuple: a Python literal's, a test's parametrize list of (payload, expected) pairs.)
        items = list(obj[:_MAX_ITEMS])
        if items and all(isinstance(i, Mapping) and "@type" in _norm_keys(i) for i in items):
            acc = _Acc(structured=True)
            for item in items:
                _detail(acc, _norm_keys(item), depth)
            if acc.has_content():
                out.append(acc)
            return
        for item in items:
            if isinstance(item, (Mapping, list, tuple, str)):
                _walk(item, depth + 1, out, list_wrapped=list_wrapped)
    elif isinstance(obj, str):
        if len(obj) >= 10 and ("{" in obj or "[" in obj) and _WORTH.search(obj):
            found = _structures(obj, depth + 1)
            if not found and "\\" in obj:
                # A body kept as an escaped string one layer deeper than its container
                # (a proxy's ``raw`` field of a re-escaped log line): unescape, then read it.
                found = _structures(flatten(obj), depth + 1)
            for _start, _end, accs in found:
                out.extend(accs)


_WRAPPER_MODEL_RX = _Re(WRAPPER_MODEL_KV)
_PROSE_MODEL_RX = _Re(PROSE_MODEL)


def _envelope_model(data: Mapping[str, Any]) -> str | None:
    """The Google model id a wrapper's envelope names beside the body it carries (``"modelId"``, or the
    request URL's ``models/X:generateContent``)."""
    for key in WRAPPER_MODEL_KEYS:
        value = data.get(key)
        if isinstance(value, str) and len(value) <= 120:
            found = GOOGLE_MODEL_ID.match(value.strip())
            if found:
                return _clean_model(found.group("m"))
    for key in WRAPPER_URL_KEYS:
        value = data.get(key)
        if isinstance(value, str) and "models/" in value and len(value) <= 4000:
            in_url = _URL_MODEL.search(value)
            if in_url:
                return _clean_model(in_url.group("m"))
    return None


def _model_around(message: str, spans: list[tuple[int, int]]) -> str | None:
    """The model a wrapper's message names outside the Google body it holds ("Received Model Group=X", the
    request's URL)."""
    pieces: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        pieces.append(message[pos:start])
        pos = max(pos, end)
    pieces.append(message[pos:])
    said = " ".join(p for p in pieces if p.strip())[:4000]
    if "models/" in said:
        # The request's URL the wrapper quotes ("Error fetching from https://…/models/X:streamGenerateContent").
        in_url = _URL_MODEL.search(said)
        if in_url:
            return _clean_model(in_url.group("m"))
    rest = said.lower()
    if "model" not in rest and "using" not in rest and "with" not in rest:
        return None
    found = _WRAPPER_MODEL_RX.search(rest) or _PROSE_MODEL_RX.search(rest)
    if found is None:
        return None
    return _clean_model(found.group(found.lastgroup or 0))


def _wrapper_model_into(accs: list[_Acc], model: str | None) -> None:
    if model is None:
        return
    for acc in accs:
        if acc.request_model is None:
            acc.request_model = model


_GOOGLE_WORDING = _Re(
    r"RESOURCE_EXHAUSTED|Resource has been exhausted|exceeded your current quota|Quota exceeded"
    r"|googleapis\.com|API key not valid|UNAVAILABLE|FAILED_PRECONDITION|PERMISSION_DENIED"
)


def _looks_google_text(text: str) -> bool:
    return bool(_GOOGLE_WORDING.search(text[:20_000]))


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    return None


#: A word code of an error object ("http_error", "bad_request"): whose vocabulary it is (``WORD_CODE``).
_WORD_CODE = _Re(WORD_CODE)


def _error_dict(
    err: dict[str, Any],
    depth: int,
    out: list[_Acc],
    *,
    list_wrapped: bool,
    grpc_code: bool = False,
    enveloped: bool = False,
) -> None:
    acc = _Acc(structured=True, list_wrapped=list_wrapped)
    code = err.get("code")
    if isinstance(code, bool):
        code = None
    if isinstance(code, str) and code.strip().isdigit() and len(code.strip()) <= 3:
        code = int(code.strip())
    if (isinstance(code, str) and code.strip().isdigit()) or (
        isinstance(code, int) and (code >= 1000 or code < 0)
    ):
        # A number no HTTP status is (Zhipu's "code": "1302", JSON-RPC's -32003): another API's own code,
        # not a status (a Google error it carries is read from its data).
        acc.hints.add(f"json-code:{str(code).strip()}")
        code = None
    # (… and a google.rpc.Status shown bare, with a code no HTTP status is: "Failed to update Agent Engine: {'code': 13,
    # 'message': …}".)
    bare_status = isinstance(code, int) and 0 < code < 100 and isinstance(err.get("message"), str)
    if (grpc_code or bare_status) and isinstance(code, int) and code in GRPC_STATUS and not err.get("status"):
        # {"name": "operations/…", "done": true, "error": {"code": 3, "message": "Invalid argument"}}: the
        # code is gRPC's (3 INVALID_ARGUMENT), not an HTTP status.
        acc.set_status(GRPC_STATUS[code])
        acc.add_evidence(f'"code": {code} ({GRPC_STATUS[code]})')
        if not grpc_code:
            acc.signals.add("code")  # (a code was read: which status it means is no Google signal)
            acc.hints.add("grpc-bare")
        code = None
    if isinstance(code, int):
        acc.set_code(code)
        acc.signals.add("code")
    # A word code in an OpenAI-compatible error object is that provider's vocabulary, not Google's.
    word_status = None if OPENAI_ERROR_KEYS & err.keys() else _string_code_status(code)
    if isinstance(code, str) and word_status is None and _WORD_CODE.fullmatch(code.strip()):
        # A word code of another vocabulary ("http_error", "bad_request"): whose error it is (a hint).
        acc.hints.add(f"json-code:{code.strip().lower()}")
    status_raw = err.get("status")
    status = canonical_status(status_raw)
    if status:
        acc.set_status(status)
        acc.add_evidence(status)
        if isinstance(status_raw, str) and status_raw.strip().isupper():
            acc.signals.add("status_field")  # Google's error shape: {"code", "message", "status"}
    elif isinstance(status_raw, str):
        phrase_code = REASON_PHRASES.get(status_raw.strip().lower())
        if phrase_code is not None:
            acc.set_code(phrase_code, weak=True)
    message = err.get("message")
    if isinstance(message, str) and message:
        if "{" in message and _WORTH.search(message):
            inner: list[_Acc] = []
            spans: list[tuple[int, int]] = []
            for s_, e_, accs in _structures(message, depth + 1):
                inner.extend(accs)
                spans.append((s_, e_))
            if inner:
                _wrapper_model_into(inner, _model_around(message, spans))
                for sub in inner:
                    if sub.http_code is None or sub.code_weak:
                        sub.set_code(acc.http_code, weak=acc.code_weak)
                    sub.set_status(None if sub.http_code not in (None, acc.http_code) else acc.status)
                    sub.list_wrapped = sub.list_wrapped or list_wrapped
                out.extend(inner)
                return
        acc.messages.append(message[:4000])
        _scan_into(acc, message[:20_000])
    # (… and a gateway's "provider": {"status": 429, "body": "<Google's body>"}, Cursor's error envelope.)
    for key in ("metadata", "cause", "upstreamResponse", "response", "body", "raw", "data", "provider"):
        nested = err.get(key)
        if isinstance(nested, (Mapping, list, str)) and nested:
            inner_out: list[_Acc] = []
            _walk(nested, depth + 1, inner_out)
            if inner_out:
                for sub in inner_out:
                    if sub.http_code is None:
                        sub.set_code(acc.http_code, weak=True)
                out.extend(inner_out)
                return
    # A relay's error that carries Google's as text in its data (a JSON-RPC error's "data": {"error":
    # "RESOURCE_EXHAUSTED (code 429): Individual quota reached"}): read like a message.
    for key in ("data", "cause"):
        nested = err.get(key)
        said = (nested.get("error") or nested.get("message")) if isinstance(nested, Mapping) else nested
        if isinstance(said, str) and said:
            _scan_into(acc, said[:20_000])
    # A gateway's relay of the provider's own words as text (OpenRouter's "metadata": {"raw":
    # "google/gemini-2.0-flash-exp:free is temporarily rate-limited upstream…"}): read like a message.
    meta = err.get("metadata")
    raw = meta.get("raw") if isinstance(meta, Mapping) else None
    if isinstance(raw, str) and raw:
        _scan_into(acc, raw[:20_000])
    details = err.get("details")
    if isinstance(details, list):
        for item in details[:_MAX_ITEMS]:
            if isinstance(item, Mapping):
                _detail(acc, _norm_keys(item), depth)
    errors = err.get("errors")
    if isinstance(errors, list) and errors:
        acc.legacy_errors = True
        for item in errors[:_MAX_ITEMS]:
            if isinstance(item, Mapping):
                legacy = _norm_keys(item)
                reason = _str(legacy.get("reason"))
                if reason and reason not in acc.reasons:
                    acc.reasons.append(reason)
                    acc.add_evidence(reason)
                text = _str(legacy.get("message"))
                if text:
                    _scan_into(acc, text[:20_000], evidence=False)
    envelope_type = _str(err.get("type"))
    if envelope_type:
        acc.hints.add(f"envelope-type:{envelope_type}")
        if "param" in err:
            # OpenAI's error object ({"message", "type", "param", "code"}), which no Google API sends.
            acc.hints.add("foreign:envelope")
    if word_status is not None and acc.status is None and acc.http_code is None:
        # A word code says less than the message's own wording (``Model X not found``): last.
        acc.set_status(word_status)
        written = _unwrapped(str(code))
        word = written.lower()
        acc.set_code(STRING_CODE_HTTP.get(word), weak=True)
        acc.hints.add(f"word-code:{word}")
        acc.add_evidence(f'"code": "{written}"')
    elif enveloped and word_status is not None and str(code).strip().lower() in GOOGLE_WORD_CODES:
        # The message decided the status ("Deadline expired …" under {"error": {"code": "deadline_exceeded"}});
        # the Interactions API's word code in its envelope still says whose error this is.
        acc.hints.add(f"word-code:{str(code).strip().lower()}")
    if (
        acc.http_code is None
        and acc.status is None
        and acc.retry_delay_s is not None
        and not acc.has_content()
    ):
        # A body that carries only Google's RetryInfo ({"error": {"details": [{"@type": "…RetryInfo", …}]}}):
        # Google sends it with a 429; nothing names a dimension.
        acc.set_code(429, weak=True)
        acc.signals.add("retry_info")
    if acc.http_code is not None and not acc.evidence:
        acc.add_evidence(f'"code": {acc.http_code}')  # (nothing else of the body said anything)
    if acc.has_content() or acc.messages:
        out.append(acc)


#: Google's internal status in a DebugInfo detail ("generic::invalid_argument").
_GENERIC_STATUS = _Re(r"generic::([a-z_]{3,40})")


def _detail(acc: _Acc, item: dict[str, Any], depth: int) -> None:
    kind = (_str(item.get("@type")) or "").rsplit(".", 1)[-1]
    if not kind and reason_entry((_str(item.get("reason")) or "").strip()) is not None:
        kind = "ErrorInfo"  # a detail that lost its @type but names a Google reason
    if not kind and ("quotaId" in item or "quotaMetric" in item):
        # A violation flattened into the details, its QuotaFailure wrapper lost ({"quotaId": "…", "quotaValue": "500"},
        # as apps and tests abridge Google's body): the violation itself.
        _violation(acc, item)
        return
    if kind == "QuotaFailure":
        violations = item.get("violations")
        if isinstance(violations, list):
            for raw in violations[:_MAX_ITEMS]:
                if isinstance(raw, Mapping):
                    _violation(acc, _norm_keys(raw))
    elif kind == "RetryInfo":
        delay = item.get("retryDelay", item.get("retry_delay"))
        seconds: float | None = None
        if isinstance(delay, str):
            seconds = parse_duration(delay)
        elif isinstance(delay, Mapping):
            seconds = _proto_duration(delay)
        if seconds is not None and acc.retry_delay_s is None:
            acc.retry_delay_s = seconds
            acc.add_evidence(f"retryDelay {delay}" if isinstance(delay, str) else None)
    elif kind == "Help":
        links = item.get("links")
        if isinstance(links, list):
            for link in links[:20]:
                if isinstance(link, Mapping):
                    url = _str(link.get("url"))
                    if url and url not in acc.links:
                        acc.links.append(url)
                        _hosts_into(acc, url)
    elif kind == "ErrorInfo":
        reason = _str(item.get("reason"))
        if reason:
            reason = reason.strip("* ")
            if reason not in acc.reasons:
                acc.reasons.append(reason)
            acc.add_evidence(reason)
        domain = _str(item.get("domain"))
        if domain:
            acc.domain = acc.domain or domain.strip()
            _hosts_into(acc, domain)
        metadata = item.get("metadata")
        if isinstance(metadata, Mapping):
            for key, value in list(metadata.items())[:60]:
                sval = _str(value)
                if sval is not None:
                    _metadata_into(acc, str(key).strip(), sval)
    elif kind == "DebugInfo":
        # Google's internal status, where nothing else names one: "[ORIGINAL ERROR] generic::invalid_argument:
        # … Source image 0 too short".
        found = _GENERIC_STATUS.search(_str(item.get("detail")) or "")
        status = canonical_status(found.group(1)) if found else None
        if found and status is not None and acc.status is None:
            acc.set_status(status)
            acc.signals.add("debug_status")
            acc.add_evidence(found.group(0))
    elif kind == "LocalizedMessage":
        text = _str(item.get("message"))
        if text:
            _scan_into(acc, text[:20_000], evidence=False)
    elif kind == "BadRequest":
        acc.signals.add("bad_request_detail")


def _proto_duration(delay: Mapping[str, Any]) -> float | None:
    secs = _str(delay.get("seconds")) or "0"
    nanos = _str(delay.get("nanos")) or "0"
    whole = _to_float(secs)
    frac = _to_float(nanos)
    if whole is None:
        return None
    return clamp_delay(whole + (frac or 0.0) / 1e9)


#: A quota id's shape ("GenerateRequestsPerDayPerProjectPerModel-FreeTier"): CamelCase words with a "Per".
_QUOTA_ID_SHAPE = _Re(r"[A-Z][A-Za-z0-9]*Per[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")


def _violation(acc: _Acc, raw: dict[str, Any]) -> None:
    metric = _str(raw.get("quotaMetric") or raw.get("quota_metric"))
    qid = _str(raw.get("quotaId") or raw.get("quota_id"))
    dims = raw.get("quotaDimensions") or raw.get("quota_dimensions")
    model = location = None
    if isinstance(dims, Mapping):
        model = _clean_model(_str(dims.get("model")))
        location = _str(dims.get("location"))
    value_text = _str(raw.get("quotaValue") or raw.get("quota_value"))
    if qid is None and metric and _QUOTA_ID_SHAPE.fullmatch(metric.strip()):
        # A quota id written where the metric goes ("quotaMetric: 'GenerateRequestsPerDayPerProjectPerModel'").
        qid = metric
    limit = raw.get("limit")
    if value_text is None and isinstance(limit, (int, str)) and not isinstance(limit, bool):
        # A mock's "limit: 0" beside it (the quota bullet's word for the value).
        value_text = _str(limit)
    future = _str(raw.get("futureQuotaValue") or raw.get("future_quota_value"))
    description = _str(raw.get("description"))
    subject = _str(raw.get("subject"))
    if subject and ":" not in subject and "/" not in subject and not (metric or qid):
        # A subject that names the limit ("requests_per_minute"), not the resource ("project:123"): words of
        # the description.
        words = subject.replace("_", " ").strip()
        description = f"{description} ({words})" if description else words
    if not (metric or qid or model or value_text or description):
        return
    violation = Violation(
        metric=metric.strip() if metric else None,
        quota_id=qid.strip() if qid else None,
        model=model,
        location=location,
        value=_to_int(value_text),
        value_text=value_text.strip() if value_text else None,
        future_value=_to_int(future),
        source="details",
        description=description.strip()[:200] if description else None,
    )
    acc.violations.append(violation)
    acc.dimension_model = acc.dimension_model or model
    acc.location = acc.location or location
    acc.signals.add("quota_failure")
    acc.families.add("quota")
    for fragment in (qid, metric):
        acc.add_evidence(fragment)
    if value_text is not None:
        acc.add_evidence(f'"quotaValue": "{value_text}"')
    if metric:
        _hosts_into(acc, metric)


def _metadata_into(acc: _Acc, key: str, value: str) -> None:
    acc.metadata.setdefault(key, value[:500])
    low = key.lower()
    if low == "quota_limit_value":
        acc.limit_values.append((value.strip(), acc.metadata.get("quota_limit")))
        acc.add_evidence(f"quota_limit_value: {value}")
        acc.families.add("quota")
    elif low == "quota_limit":
        acc.quota_limit_name = acc.quota_limit_name or value.strip()
        acc.add_evidence(value)
        acc.families.add("quota")
        # Fix up a limit value seen before its name.
        acc.limit_values = [(v, n or value.strip()) for v, n in acc.limit_values]
    elif low == "quota_metric":
        _hosts_into(acc, value)
        acc.add_evidence(value)
    elif low == "quota_location":
        acc.location = acc.location or value.strip()
    elif low == "service":
        acc.service = acc.service or value.strip()
        _hosts_into(acc, value)
    elif low == "consumer":
        _project_into(acc, value)
    elif low == "model":
        acc.dimension_model = acc.dimension_model or _clean_model(value)
    elif low == "quotaresettimestamp":
        acc.hints.add("code-assist")
        acc.add_evidence(f"quotaResetTimeStamp: {value}")
    elif low == "quotaresetdelay":
        seconds = parse_duration(value)
        if seconds is not None:
            acc.reset_delay_s = seconds
            acc.add_evidence(f"quotaResetDelay: {value}")
        acc.hints.add("code-assist")
    elif low in ("uimessage", "message"):
        _scan_into(acc, value[:5000], evidence=False)
    elif low in ("activationurl", "validation_link"):
        _hosts_into(acc, value)
