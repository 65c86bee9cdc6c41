"""The literal gate: the pieces it requires are in every text a pattern matches (it only ever saves a
regex run, never loses a match)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from gemquota.core.parse.gate import _required_literals
from gemquota.core.parse.text import _specs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _passes(need: tuple[tuple[str, ...], ...] | None, text: str) -> bool:
    return need is None or any(all(piece in text for piece in pieces) for pieces in need)


def test_a_group_every_alternative_of_which_holds_a_piece_gives_that_piece() -> None:
    assert _required_literals(r"(?:not\s+eligible|ineligible)\s+for") == (("eligible",),)
    assert _required_literals(r"(?P<w>limit_value|quota_limit_value)\s*x") == (("limit_value",),)


def test_an_escaped_punctuation_mark_stands_for_itself_and_a_class_escape_separates() -> None:
    assert _required_literals(r"(?:a|b)request\.[\w.]{1,9}:") == (("request.",),)
    assert _required_literals(r"aiplatform\.googleapis\.com/x") == (("aiplatform.googleapis.com/x",),)
    assert _required_literals(r"status\scode\d") == (("status", "code"),)
    assert _required_literals(r"limit\.?value") == (("value", "limit"),)  # common words looked up last


def test_an_optional_group_or_a_look_around_gives_nothing() -> None:
    assert _required_literals(r"(?:not\s+eligible|ineligible)?\s+for") is None
    assert _required_literals(r"(?:not\s+eligible|ineligible)*x") is None
    assert _required_literals(r"(?<!eligible)\s+for") is None
    # Alternatives with nothing in common: nothing required (the regex always runs).
    assert _required_literals(r"(?:eligible|antigravity)\s+for") is None


@given(st.sampled_from(["not eligible for", "ineligible to use", "eligible", "ineligiblefor", "x"]))
def test_the_pieces_are_in_every_match(text: str) -> None:
    pattern = r"(?:not\s+eligible|ineligible)\s+(?:for|to\s+use)"
    if re.search(pattern, text):
        assert _passes(_required_literals(pattern), text)


def test_no_spec_gate_rules_out_a_real_paste_its_regex_matches() -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.rglob("*.txt"))]
    assert len(texts) > 100
    for spec in _specs():
        for text in texts:
            subject = text.lower() if spec.on_low else text
            if spec.rx.rx.search(subject):
                assert _passes(spec.need, subject), (spec.kind, spec.sid, text[:80])
