"""Terminal-safe text: control characters, escapes, bidi overrides and surrogates never print raw."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gemquota.core.textsafe import safe_line, safe_text


def test_ansi_and_osc_sequences_are_escaped() -> None:
    text = "quota \x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07"
    out = safe_text(text)
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[31mred" in out


def test_bidi_and_surrogates_are_escaped() -> None:
    out = safe_text("proj\u202eevil\u2066x\ud800")
    assert out == "proj\\u202eevil\\u2066x\\ud800"
    out.encode("utf-8")  # no lone surrogate is left


def test_newlines_kept_or_escaped() -> None:
    assert safe_text("a\nb\tc") == "a\nb\tc"
    assert safe_line("a\nb\tc") == "a\\x0ab\\x09c"


def test_plain_text_unchanged() -> None:
    text = "Quota exceeded for metric: generativelanguage.googleapis.com/x, limit: 0 — [bold]é 日本"
    assert safe_text(text) == text


@given(st.text())
def test_nothing_unsafe_survives(text: str) -> None:
    out = safe_line(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF for c in out)
    out.encode("utf-8")
