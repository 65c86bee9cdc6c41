"""Unmangling (core/parse/normalize.py): a real paste keeps its answer however it was carried to us.

Each case is a real paste of the labelled sets, mangled by the same function as
``benchmarks/mangle_pastes.py`` (ANSI colour, HTML escaping, a whole-paste string literal, a log header
or line number on every line, inline code, a terminal hard wrap), that gave another answer before the
rule existed. The properties run the escape manglings over every recognised paste of a set.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gemquota.core.classify import diagnose
from gemquota.core.parse.normalize import strip_line_headers, unmangle, unwrap_hard

NOW = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


@cache
def manglings() -> ModuleType:
    """``benchmarks/mangle_pastes.py``: the manglings the benchmark measures."""
    spec = importlib.util.spec_from_file_location("mangle_pastes", ROOT / "benchmarks" / "mangle_pastes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("mangle_pastes", module)
    spec.loader.exec_module(module)
    return module


def answer(text: str) -> tuple[str, str | None]:
    first = diagnose(text, now=NOW)[0]
    return str(first.kind), first.model


def paste(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# (mangling, paste, kind, model): each gave another kind or model before its unmangling rule.
CASES = [
    ("ansi", "real/006-gemini-cli-rpd-freetier-quotavalue50-2.5-pro.txt", "rpd", "gemini-2.5-pro"),
    ("ansi", "real/016-gemini-cli-boxed-fragment-per-day-per-user-tier.txt", "plan-quota", "gemini-2.5-pro"),
    ("html-escape", "real/006-gemini-cli-rpd-freetier-quotavalue50-2.5-pro.txt", "rpd", "gemini-2.5-pro"),
    (
        "html-escape",
        "real/026-flask-generate-error-three-freetier-ids-no-value-image.txt",
        "zero-quota",
        "gemini-2.5-flash-preview-image",
    ),
    ("json-string", "peers/011-gcli-quota-429-quotafailure-requestsperday.txt", "rpd", None),
    ("py-repr", "peers/014-gcli-quota-429-quotafailure-requestsperminute.txt", "rpm", None),
    ("py-bytes-repr", "peers/001-gcli-quota-json-in-json-limit2-retry-44s.txt", "rpm", None),
    ("json-value", "corpus-dev/022-curl-403-consumer-suspended.txt", "permission", "gemini-pro"),
    ("json-value", "real5/027-php-client-runtimeexception-region.txt", "region", "gemini-pro"),
    ("log-header", "real/024-gemini-cli-compress-tpm-bullet-250000-hardwrap.txt", "tpm", "gemini-2.5-flash"),
    (
        "syslog-header",
        "real7/002-eval-harness-log-prefix-hard-wrapped-vertex-base-model-rpm.txt",
        "rpm",
        "gemini-pro",
    ),
    ("stderr-tag", "peers/022-gcli-quota-daily-over-retryinfo-10s.txt", "rpd", None),
    ("line-numbers", "peers/039-gcli-quota-limit0-period-retry-59s.txt", "zero-quota", None),
    (
        "line-numbers-colon",
        "corpus-dev/030-api-core-protobuf-text-regional-limit-value-0.txt",
        "zero-quota",
        None,
    ),
    ("inline-code", "peers/086-errs-gaxios-403-tos-violation.txt", "permission", None),
    (
        "hard-wrap-72",
        "real/001-gemini-cli-debug-no-capacity-flash-preview.txt",
        "capacity",
        "gemini-3-flash-preview",
    ),
    ("hard-wrap-72", "real/021-ai-sdk-apicallerror-bare-429-stack.txt", "unspecified-429", None),
    ("hard-wrap-100", "real/010-continue-403-leaked-json-in-json.txt", "leaked-key", None),
    ("hard-wrap-80", "real/006-gemini-cli-rpd-freetier-quotavalue50-2.5-pro.txt", "rpd", "gemini-2.5-pro"),
]


@pytest.mark.parametrize(("mangling", "name", "kind", "model"), CASES)
def test_mangled_real_paste_keeps_its_answer(mangling: str, name: str, kind: str, model: str | None) -> None:
    text = paste(name)
    assert answer(text) == (kind, model)  # the paste itself (the label)
    mangled = manglings().mangle(mangling, text, Path(name).name)
    assert mangled != text
    assert answer(mangled) == (kind, model)


def test_hard_wrap_is_rejoined_exactly() -> None:
    text = paste("real/006-gemini-cli-rpd-freetier-quotavalue50-2.5-pro.txt")
    assert unwrap_hard(manglings().mangle("hard-wrap-72", text)) == text


def test_repeated_longest_lines_are_not_a_hard_wrap() -> None:
    # Three identical log lines that happen to be the longest: no wrap, nothing joined.
    text = paste("real/077-langchain-vertexai-retry-base-model-text-unicorn.txt")
    assert unwrap_hard(text) == text
    assert answer(text) == ("rpm", "text-unicorn")


def test_a_box_is_not_a_hard_wrap() -> None:
    # Every line padded to one width behind a border (a terminal UI box): nothing joined.
    text = paste("real/006-gemini-cli-rpd-freetier-quotavalue50-2.5-pro.txt")
    boxed = manglings().mangle("box", text)
    assert unwrap_hard(boxed) == boxed
    assert answer(boxed) == ("rpd", "gemini-2.5-pro")


def test_a_word_wrap_is_not_a_hard_wrap() -> None:
    # A word wrap leaves many lines a little short of its width: its lines are not glued together.
    text = paste("peers/001-gcli-quota-json-in-json-limit2-retry-44s.txt")
    wrapped = manglings().mangle("word-wrap-80", text)
    assert unwrap_hard(wrapped) == wrapped


def test_a_hard_wrap_behind_a_border_is_rejoined_without_the_border() -> None:
    text = paste("real/006-gemini-cli-rpd-freetier-quotavalue50-2.5-pro.txt")
    quoted = manglings().mangle("box-left", manglings().mangle("hard-wrap-72", text))
    assert unwrap_hard(quoted) == manglings().mangle("box-left", text)


def test_shared_line_start_that_is_not_a_header_is_kept() -> None:
    # Repeated retry lines share a long start, but no header (a bracket, colon or bar and a space)
    # ends within it: nothing is cut.
    text = "".join(
        f"Retrying call in {delay} seconds as it raised ResourceExhausted: 429 Quota exceeded.\n"
        for delay in ("4.0", "8.0", "16.0")
    )
    assert strip_line_headers(text) == text


def test_log_headers_are_removed() -> None:
    text = (
        "2026-12-06T02:10:01.123Z ERROR [app.llm] google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED.\n"
        "2026-12-06T02:10:01.124Z ERROR [app.llm] {'error': {'code': 429,\n"
        "2026-12-06T02:10:01.125Z ERROR [app.llm] 'status': 'RESOURCE_EXHAUSTED'}}"
    )
    assert strip_line_headers(text) == (
        "google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED.\n{'error': {'code': 429,\n"
        "'status': 'RESOURCE_EXHAUSTED'}}"
    )


def test_ansi_and_html_are_undone() -> None:
    assert unmangle("\x1b[31mError:\x1b[0m \\u001b[1m429\\u001b[22m") == "Error: 429"
    assert unmangle("[31m&quot;code&quot;: 429, &#39;x&#39; &amp; &lt;y&gt;[0m") == "\"code\": 429, 'x' & <y>"


def test_a_string_literal_paste_is_read_as_its_text() -> None:
    assert unmangle('"line one\\nline \\"two\\""') == 'line one\nline "two"'
    assert unmangle("b'caf\\xc3\\xa9\\nnext'") == "café\nnext"
    assert unmangle("'not closed\\n") == "'not closed\\n"


def test_a_log_record_carrying_a_body_is_left_to_the_structure_pass() -> None:
    # A relay envelope whose field is a Google body (JSON) is not a log record's message text.
    record = '{"upstreamStatus": 429, "upstreamResponse": "{\\n  \\"error\\": {\\"code\\": 429}}"}'
    assert unmangle(record) == record
    log = '{"level": "error", "code": 7, "msg": "line one\\nline two"}'
    assert unmangle(log) == "level: error\ncode: 7\nline one\nline two"


@cache
def recognised(set_name: str) -> list[tuple[str, str, tuple[str, str | None]]]:
    folder = FIXTURES / set_name
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        got = answer(text)
        if got[0] != "unrecognized":
            out.append((path.name, text, got))
    return out


ESCAPES = [
    "ansi",
    "html-escape",
    "json-string",
    "json-value",
    "py-repr",
    "py-bytes-repr",
    "crlf",
    "log-header",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["real", "real2", "real5", "corpus-dev"]), st.data())
def test_escaping_a_recognised_paste_keeps_its_kind(set_name: str, data: st.DataObject) -> None:
    name, text, (kind, _model) = data.draw(st.sampled_from(recognised(set_name)))
    mangling = data.draw(st.sampled_from(ESCAPES))
    assert answer(manglings().mangle(mangling, text, name))[0] == kind


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.integers(min_value=60, max_value=200))
def test_hard_wrapping_a_recognised_paste_keeps_its_answer(data: st.DataObject, width: int) -> None:
    # The parser's own fixtures, hard-wrapped at any width >= 60 that cuts at least two lines (a
    # single cut line is no wrap that can be told from a line break).
    _name, text, expected = data.draw(st.sampled_from(recognised("errors")))
    wrapped = manglings().hard_wrap(width)(text, None)
    assume(sum(len(line) == width for line in wrapped.split("\n")) >= 2)
    assert answer(wrapped) == expected


def test_a_log_record_whose_message_starts_with_a_bracketed_tag_is_read_as_text() -> None:
    # A Vertex 429 hard-wrapped mid-host in an app's log, carried as the "msg" of a JSON log record: the
    # message starts with "[python -m …]", a log tag, not a JSON array.
    import json

    from gemquota.core.parse.normalize import unmangle

    path = ROOT / "tests" / "fixtures" / "real" / "051-evals-log-vertex-base-model-hardwrap-mid-host.txt"
    text = path.read_text(encoding="utf-8")
    record = json.dumps({"level": "error", "time": "2026-12-06T02:47:01Z", "msg": text})
    assert "level: error" in unmangle(record)
    assert answer(record)[0] == answer(text)[0] == "rpm"
    array = json.dumps({"level": "error", "msg": '[{"error": {"code": 429}},\n 1]'})
    assert unmangle(array) == array  # a JSON array in a field stays for the structure pass
