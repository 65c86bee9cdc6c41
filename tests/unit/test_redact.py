"""Redaction of secrets on every output path (SPEC §8)."""

from __future__ import annotations

import json

from gemquota.core.redact import mask_key, redact
from gemquota.render import jsonout

KEY = "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"  # 39 characters, the shape of a real key


def test_key_shape_is_realistic() -> None:
    assert len(KEY) == 39


def test_api_key_masked_to_prefix_and_last_four() -> None:
    out = redact(f"url=https://x/v1/models/m:generateContent?key={KEY} failed")
    assert KEY not in out
    assert "AIza…5p6Q" in out


def test_mask_key() -> None:
    assert mask_key(KEY) == "AIza…5p6Q"
    assert mask_key("short") == "…"


def test_oauth_and_bearer_tokens() -> None:
    text = "Authorization: Bearer ya29.a0AfH6SMBx-secret_part.more and Bearer abcdefghijklmnop123"
    out = redact(text)
    assert "a0AfH6SMBx" not in out
    assert "abcdefghijklmnop123" not in out
    assert "ya29.…" in out


def test_query_values_and_headers() -> None:
    out = redact("GET /v2/keys:lookupKey?keyString=secretvalue123&x=1 x-goog-api-key: sekritsekrit")
    assert "secretvalue123" not in out
    assert "sekritsekrit" not in out
    assert "&x=1" in out


def test_refresh_token_and_private_key() -> None:
    pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----"
    out = redact(f'"refresh_token": "1//0gabcdefghijklmnopqrstuvwxyz" {pem}')
    assert "abcdefghijklmnopqrstuvwxyz" not in out
    assert "MIIEvQIBADANBg" not in out


def test_plain_text_untouched() -> None:
    text = "429 RESOURCE_EXHAUSTED limit: 20, model: gemini-2.5-flash"
    assert redact(text) == text


def test_json_envelope_redacts_nested_strings() -> None:
    doc = jsonout.success("explain-error", {"a": [{"b": f"key {KEY}"}], "n": 3})
    text = jsonout.dumps(doc)
    assert KEY not in text
    assert json.loads(text)["data"]["n"] == 3


# The literal pre-checks in redact() must never skip a match: compare with every pattern applied.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from gemquota.core import redact as redact_module  # noqa: E402

_FRAGMENTS = [
    KEY,
    "ya29.a0AfH6SMB-x_y",
    "1//0abcdefghijklmnopqrstuvwxyz",
    "Bearer abcdefgh12345",
    "BEARER ABCDEFGH12345",
    "?key=secret123",
    "&access_token=tok123456",
    "x-goog-api-key: sekritsekrit",
    "API_KEY=abcdef123",
    '"client_secret": "shhhhhhhh"',
    "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
    "429 RESOURCE_EXHAUSTED",
    " ",
    "\n",
    "=",
    "limit: 20",
]


def _all_patterns(text: str) -> str:
    m = redact_module
    text = m._PEM.sub("-----PRIVATE KEY REDACTED-----", text)
    text = m._API_KEY.sub(lambda x: mask_key(x.group(0)), text)
    text = m._OAUTH.sub("ya29.…", text)
    text = m._REFRESH.sub("1//…", text)
    text = m._BEARER.sub(lambda x: x.group(1) + "…", text)
    text = m._QUERY.sub(lambda x: x.group(1) + "…", text)
    return m._HEADER.sub(lambda x: x.group(1) + "…", text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=8), max_size=12))
def test_prechecks_never_skip_a_secret(parts: list[str]) -> None:
    text = "".join(parts)
    assert redact(text) == _all_patterns(text)


AUTH_KEY = (
    "AQ.Ab8RN6" + "x1Y2z3W4v5U6t7S8r9Q0p1O2n3M4l5K6j7I8h9G0f1E2"
)  # 53 characters, the shape of an auth key


def test_auth_key_masked_anywhere() -> None:
    assert len(AUTH_KEY) == 53
    for text in (AUTH_KEY, f"my key is {AUTH_KEY}.", f"GEMINI_API_KEY={AUTH_KEY}", f"'{AUTH_KEY}'"):
        out = redact(text)
        assert AUTH_KEY not in out
        assert AUTH_KEY[9:30] not in out
    assert "AQ.A…f1E2" in redact(AUTH_KEY)


def test_near_keys_are_masked_too() -> None:
    for near in (KEY[:25], AUTH_KEY[:30]):
        out = redact(f"key {near} (truncated)")
        assert near[6:] not in out


def test_url_password_masked() -> None:
    out = redact("base http://user:hunter2secret@127.0.0.1:8080/v1")
    assert "hunter2secret" not in out
    assert "http://user:…@127.0.0.1:8080/v1" in out


def test_ordinary_words_survive() -> None:
    text = "AQ. is not a key; AIza alone neither. http://example.com/a@b stays."
    assert redact(text) == text
