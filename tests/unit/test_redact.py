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
