"""Key kinds and shapes (SPEC §5) and the api-key row's findings per kind, on hand-made facts."""

from __future__ import annotations

from typing import Any

import pytest

from gemquota.checks.base import Facts, Status
from gemquota.checks.common import KEYS
from gemquota.checks.keys import (
    ACCEPTANCE,
    ACCEPTANCE_CACHE,
    AcceptanceCache,
    ApiKeyCheck,
    KeyAcceptance,
    KeyAcceptedCheck,
    accept_model,
)
from gemquota.core.redact import redact
from gemquota.keys import ApiKey, KeyKind, key_kind, shape_problem

AUTH = "AQ.Ab8RN6" + "k" * 40 + "Zz_9"  # 53 characters, as AI Studio's auth keys
STANDARD = "AIza" + "S" * 31 + "1234"


def test_both_kinds_by_shape() -> None:
    assert len(AUTH) == 53 and key_kind(AUTH) is KeyKind.AUTH
    assert key_kind(STANDARD) is KeyKind.STANDARD
    assert key_kind("AQ." + "a" * 40) is KeyKind.AUTH and key_kind("AQ." + "a" * 60) is KeyKind.AUTH
    assert key_kind("AQ." + "a" * 39) is KeyKind.UNKNOWN and key_kind("AQ." + "a" * 61) is KeyKind.UNKNOWN
    assert key_kind("AIza" + "S" * 34) is KeyKind.UNKNOWN
    assert shape_problem(AUTH) is None and shape_problem(STANDARD) is None


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (f"'{AUTH}'", "wrapped in quotes: remove them"),
        (f'"{STANDARD}', "quote character"),
        (AUTH[:30], "truncated"),
        (STANDARD + "x", "appended"),
        ("Bearer " + AUTH, "header or parameter name"),
        ("gsk_" + "g" * 40, "Groq"),
        ("ya29.a0AfB_token", "OAuth access token"),
        ("x" * 20, "neither shape"),
    ],
)
def test_malformed_keys_say_what_they_look_like(value: str, says: str) -> None:
    problem = shape_problem(value)
    assert problem is not None and says in problem
    assert value not in problem  # never quotes the value


def test_masks_show_four_and_four_and_redaction_hides_auth_keys() -> None:
    assert ApiKey(AUTH, "--key").masked == "AQ.A…Zz_9"
    assert ApiKey(STANDARD, "--key").masked == "AIza…1234"
    assert AUTH not in redact(f"key={AUTH} and x-goog-api-key: {AUTH} and {AUTH}")
    assert AUTH[3:-4] not in redact(f"token {AUTH}")


def _run(keys: tuple[ApiKey, ...], acc: KeyAcceptance | None) -> Any:
    return ApiKeyCheck().run(None, Facts({KEYS: keys, ACCEPTANCE: acc}))  # type: ignore[arg-type]


def test_auth_key_is_ok() -> None:
    result = _run((ApiKey(AUTH, "GEMINI_API_KEY"),), None)
    assert result.status is Status.OK and result.summary.startswith("auth key AQ.A…Zz_9")


def test_standard_key_fails_unless_a_live_call_proves_it_still_generates() -> None:
    key = ApiKey(STANDARD, "GEMINI_API_KEY")
    rejected = _run((key,), KeyAcceptance(key, ("gemini-3.6-flash",), "gemini-3.6-flash", False))
    assert rejected.status is Status.FAIL
    assert (
        "rejected by the Gemini API since September 2026: create an auth key in AI Studio" in rejected.summary
    )
    assert any(m.url == "https://aistudio.google.com/app/apikey" for m in rejected.messages)
    still = _run((key,), KeyAcceptance(key, ("gemini-3.6-flash",), "gemini-3.6-flash", True))
    assert still.status is Status.WARN and "still accepted" in still.summary
    unknown = _run((key,), None)  # no live proof: the cutoff applies
    assert unknown.status is Status.FAIL


def test_accept_model_is_the_newest_stable_flash_of_the_list() -> None:
    listed = ("gemini-2.5-flash", "gemini-3.6-flash", "gemini-3.5-flash-lite", "gemini-flash-latest")
    assert accept_model(listed) == "gemini-3.6-flash"
    assert accept_model(("gemini-3.8-flash-001", "gemini-3.6-flash")) == "gemini-3.8-flash-001"
    assert accept_model(("gemini-3-pro-preview",)) == "gemini-3-pro-preview"
    assert accept_model(("imagen-4.0-generate-001",)) is None


class _Canned(AcceptanceCache):
    def __init__(self, acc: KeyAcceptance) -> None:
        super().__init__()
        self.acc = acc

    def get(self, ctx: Any, key: ApiKey) -> KeyAcceptance:
        return self.acc


_BODY_401 = {
    "error": {
        "code": 401,
        "message": "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie "
        "or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        "status": "UNAUTHENTICATED",
        "details": [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "ACCESS_TOKEN_TYPE_UNSUPPORTED",
                "metadata": {"service": "generativelanguage.googleapis.com"},
            }
        ],
    }
}


@pytest.mark.parametrize("value", [AUTH, STANDARD])
def test_key_accepted_on_a_401_names_the_evidence_and_never_blocks(value: str) -> None:
    from datetime import UTC, datetime

    from gemquota.core.classify import diagnose

    key = ApiKey(value, "GEMINI_API_KEY")
    d = diagnose(_BODY_401, now=datetime(2026, 12, 5, tzinfo=UTC), http_code=401, status="UNAUTHENTICATED")[0]
    acc = KeyAcceptance(
        key,
        ("gemini-3.6-flash",),
        "gemini-3.6-flash",
        False,
        d,
        "countTokens",
        reason="ACCESS_TOKEN_TYPE_UNSUPPORTED",
    )
    facts = Facts({KEYS: (key,), ACCEPTANCE_CACHE: _Canned(acc)})
    result = KeyAcceptedCheck().run(None, facts)  # type: ignore[arg-type]
    assert result.status is Status.FAIL and result.lets_dependants_run
    assert "401 ACCESS_TOKEN_TYPE_UNSUPPORTED" in result.summary
    texts = " ".join(m.text for m in result.messages)
    assert "does not prove a key can generate" in texts
    if value is AUTH:  # sent the documented way: the key/project/account is refused, not the client
        assert "x-goog-api-key" in texts
    else:  # the standard-key cutoff is api-key's finding, said once there
        assert "see api-key" in texts and result.fix is None
