"""``literal_led``: a pattern whose alternatives start with a guard (``\\b``, a one-character negative
look-behind) rewritten to start with its literal text finds exactly the same matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gemquota.core.parse.gate import literal_led
from gemquota.core.parse.vocab import _HINT_SPECS

PATTERNS = [
    r"\bgemini\s+api\b",
    r"\bvertexai\.|com\.google\.cloud\.vertexai|\bvertex\s+ai\b(?!exception)",
    r"(?<![\w/])openai(?![\s\-_]*compat)|insufficient_quota|(?<![\w\-])(?:chat)?gpt-(?:3|4|o)",
    r"(?<![\w\-])claude-(?:\d|opus)|claude\.(?:ai|com)",
    r"\bx\.ai\b|(?<![\w\-])grok-\d",
    r"\bqwen|\bai21\b|\bnvidia\s+nim",
    r"\bnpm\s+(?:err|error|warn)|\be429\b",
    r"\bab+c",  # a quantified last character stays out of the literal text
    r"\b-x",  # a guard before a non-word character is left as it is
    r"(a|\bb)c",  # a guard inside a group is left as it is
]

TEXTS = [
    "Gemini API quota",
    "the gemini   api\nsays",
    "xgemini api",
    "_gemini api",
    "gemini apix",
    "vertexai.generative_models",
    "myvertexai.x",
    "vertex ai exception / vertex ai",
    "openai / /openai xopenai openai-compat (openai)",
    "chatgpt-4o gpt-4 xgpt-4 -gpt-4",
    "claude-3 -claude-3 aclaude-opus claude.ai",
    "x.ai grok-2 xgrok-2 -grok-2 ax.ai",
    "qwen2 aqwen ai21 ai21x nvidia  nim",
    "npm err npm  warn xnpm err e429 xe429 e4290",
    "abbbc abc ac zabc",
    "a-x -x",
    "ac bc abc xbc",
    "",
    "é gemini api ßgemini api",
]


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_same_matches_as_the_original(pattern: str) -> None:
    fast = literal_led(pattern)
    for text in TEXTS:
        assert _spans(fast, text.lower()) == _spans(pattern, text.lower()), (pattern, fast, text)


def test_guards_are_moved_behind_the_literal_text() -> None:
    assert literal_led(r"\bgemini\s+api\b") == r"gemini(?<!\wgemini)\s+api\b"
    assert literal_led(r"(?<![\w/])openai\b") == r"openai(?<![\w/]openai)\b"
    # Nothing to gain or not provably the same: unchanged.
    assert literal_led(r"\b-x") == r"\b-x"
    assert literal_led(r"(a|\bb)c") == r"(a|\bb)c"
    assert literal_led("plain|words") == "plain|words"


@given(st.text(alphabet="gemini apivrtx.-_/éß\n0123456789", max_size=60))
def test_every_hint_pattern_keeps_its_matches(text: str) -> None:
    for _name, _keys, rx in _HINT_SPECS:
        assert _spans(literal_led(rx.pattern), text) == _spans(rx.pattern, text)


@given(st.text(alphabet="modelimt:=0 ?&./w_-\nxé", max_size=60))
def test_every_text_pass_pattern_keeps_its_matches(text: str) -> None:
    from gemquota.core.parse.text import _FACT_SPECS
    from gemquota.core.parse.vocab import _ANCHORS

    patterns = [rx.pattern for _keys, rx, _kind in _FACT_SPECS]
    patterns += [pattern.replace("\\S", "[^\\s]").lower() for _sid, _family, _status, pattern in _ANCHORS]
    for pattern in patterns:
        assert _spans(literal_led(pattern), text) == _spans(pattern, text)


_ID_PIECES = ("Generate", "BatchEmbed", "Embed", "CountTokens", "Total", "Bidi", "Per", "FreeT", "ier", "Day")
_GLUE = ("\n", "\n  ", " ", "-", "x", "1", "_", "é")


@given(st.lists(st.sampled_from(_ID_PIECES + _GLUE), max_size=14))
def test_gluing_wrapped_ids_only_removes_line_breaks(parts: list[str]) -> None:
    """normalize's rejoining of a quota id cut by a hard wrap only deletes line breaks and the indentation
    after them, never anything else, and a second pass changes nothing."""
    from gemquota.core.parse.normalize import _glue_wraps

    text = "".join(parts)
    glued = _glue_wraps(text, ids=True, metrics=True)
    assert re.sub(r"\s", "", glued) == re.sub(r"\s", "", text)
    assert glued.count("\n") <= text.count("\n")
    assert _glue_wraps(glued, ids=True, metrics=True) == glued
