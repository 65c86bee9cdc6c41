"""The parser's fast paths find exactly what the slow ones find: a span json reads whole (its end and
value, as the token scan and the loader give them), the upper-case word probe, and a traceback's frame
headers, which hold no fact of an error."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from gemquota.core.parse import parse_text
from gemquota.core.parse.structure import _load_span, _parsed_span, _scan
from gemquota.core.parse.text import _CAMEL_REASONS, _REASON_WORDS, _STATUS_ALT, _UPPER_WORD


def _slow(text: str, start: int) -> tuple[int, Any] | None:
    res = _scan(text, start, 10**6)
    if not res.closed:
        return None
    return res.end, _load_span(text, start, res)


_KEYS = st.text(alphabet="abcdefgh_@ ", min_size=1, max_size=8)
_STRINGS = st.text(
    alphabet=st.sampled_from(list("abc xyz-/.:,{}[]'\"\\\n\té✓")), max_size=20
)  # brackets, quotes and escapes inside strings
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 10**6) | _STRINGS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=12,
)


def _python_repr(value: Any) -> str:
    return repr(value)


@settings(max_examples=300, deadline=None)
@given(
    value=st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=4),
    before=st.sampled_from(["", "429 RESOURCE_EXHAUSTED. ", "error: ", "x = "]),
    after=st.sampled_from(["", "\n", " trailing words", "}}", "\nnext line {'a': 1}"]),
    as_repr=st.booleans(),
)
def test_a_span_json_reads_whole_ends_and_reads_as_the_token_scan_and_loader_find(
    value: dict[str, Any], before: str, after: str, as_repr: bool
) -> None:
    body = {"error": {"code": 429, "message": "m", "details": [value]}}
    rendered = _python_repr(body) if as_repr else json.dumps(body, ensure_ascii=False)
    text = before + rendered + after
    start = len(before)
    fast = _parsed_span(text, start)
    if fast is None:
        return  # the token way reads it (mixed quotes, escapes, too many brackets…)
    end, obj = fast
    slow = _slow(text, start)
    assert slow is not None
    assert end == slow[0] == start + len(rendered)
    assert obj == slow[1] == body


def test_the_typical_bodies_take_the_fast_path() -> None:
    body = {"error": {"code": 429, "message": "Quota exceeded.", "status": "RESOURCE_EXHAUSTED"}}
    for rendered in (json.dumps(body), repr(body)):
        text = f"429 RESOURCE_EXHAUSTED. {rendered}\n"
        assert _parsed_span(text, text.index("{")) == (len(text) - 1, body)


def test_a_cut_body_or_one_with_mixed_quotes_goes_the_token_way() -> None:
    cut = "{'error': {'code': 429, 'message': 'Quota exceeded"
    assert _parsed_span(cut, 0) is None
    mixed = """{'error': {'code': 429, 'message': "doesn't"}}"""
    assert _parsed_span(mixed, 0) is None
    deep = "[" * 70 + "]" * 70
    assert _parsed_span(deep, 0) is None  # more brackets than the scan follows: it decides


def test_the_upper_word_probe_finds_every_status_and_reason_word_and_pair() -> None:
    words = [*_STATUS_ALT.split("|"), *_REASON_WORDS]
    for word in words:
        if word in _CAMEL_REASONS:
            continue
        for text in (word, f"xx {word} yy", f"error:{word}."):
            assert _UPPER_WORD.search(text), word
    assert _UPPER_WORD.search("a X_Y b")
    assert _UPPER_WORD.search("quota exceeded, please retry") is None
    assert _UPPER_WORD.search("NAUTHENTICATED") is None  # a tail alone is not the word


def test_frame_headers_give_no_model_and_the_code_line_under_one_still_does() -> None:
    frames = (
        "Traceback (most recent call last):\n"
        '  File "/srv/gemini-1.5-pro-bot/main.py", line 12, in <module>\n'
        '    response = client.models.generate_content(model="gemini-2.5-flash", contents=x)\n'
        '  File "/usr/lib/python3.12/site-packages/google/genai/errors.py", line 121, in raise_for_response\n'
        "    raise ClientError(status_code, response_json, response)\n"
        "google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. "
        "{'error': {'code': 429, 'message': 'Resource has been exhausted (e.g. check quota).', "
        "'status': 'RESOURCE_EXHAUSTED'}}\n"
    )
    [err] = parse_text(frames)
    assert err.request_model == "gemini-2.5-flash"
    assert err.http_code == 429


def test_frame_headers_are_read_nowhere_but_in_the_text_pass() -> None:
    # The SDK named in a frame path still tells whose client raised the error (paste-wide hints).
    text = (
        '  File "/srv/.venv/lib/python3.12/site-packages/google/genai/models.py", line 5630, in generate\n'
        "google.genai.errors.ServerError: 503 UNAVAILABLE. {'error': {'code': 503, 'message': "
        "'The model is overloaded. Please try again later.', 'status': 'UNAVAILABLE'}}"
    )
    with_frame = parse_text(text)
    without = parse_text(text.split("\n", 1)[1])
    assert [e.http_code for e in with_frame] == [e.http_code for e in without] == [503]
    assert with_frame[0].hints >= without[0].hints


def test_the_literal_finder_finds_overlapping_and_case_sensitive_literals() -> None:
    from gemquota.core.parse.gate import LiteralFinder

    finder = LiteralFinder(
        {"quota exceeded": [1], "exceeded for metric": [2], "limit": [3], "_": [4]},
        {"RESOURCE_EXHAUSTED": [5], "Limit": [6]},
    )
    text = "Quota exceeded for metric: free_tier, limit: 20 (RESOURCE_EXHAUSTED)"
    chosen: set[int] = set()
    finder.into(text.lower(), chosen, text)
    # Overlapping literals are both found; "Limit" as written is not in the text, "limit" is.
    assert chosen == {1, 2, 3, 4, 5}
    chosen = set()
    finder.into("nothing here", chosen, "nothing here")
    assert chosen == set()
    empty: set[int] = set()
    LiteralFinder({}).into("anything", empty)
    assert empty == set()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="abAB_ :", min_size=1, max_size=4), min_size=1, max_size=8, unique=True),
    st.text(alphabet="abAB_ :", max_size=40),
)
def test_the_literal_finder_agrees_with_a_look_up_per_literal(literals: list[str], text: str) -> None:
    from gemquota.core.parse.gate import LiteralFinder

    lower = {lit.lower(): [i] for i, lit in enumerate(literals)}
    exact = {lit: [100 + i] for i, lit in enumerate(literals)}
    chosen: set[int] = set()
    LiteralFinder(lower, exact).into(text.lower(), chosen, text)
    want = {ix[0] for lit, ix in lower.items() if lit in text.lower()}
    want |= {ix[0] for lit, ix in exact.items() if lit in text}
    assert chosen == want
