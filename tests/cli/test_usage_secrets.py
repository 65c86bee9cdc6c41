"""Usage errors never echo a secret, and --timeout must be a finite, sane number of seconds."""

from __future__ import annotations

import json

import pytest

from gemquota.cli import main

AUTH_KEY = "AQ.Ab8RN" + "k3yMaterial0123456789abcdefghijklmnopqrstuvwxy"
STANDARD_KEY = "AIza" + "SyD3aLkeyMaterial0123456789abcdefgh"
TOKEN = "ya29." + "a0AfB_byC-secret-access-token-material"

ARGVS = [
    ["doctor", "--key", "{k}", "{k}"],
    ["doctor", "--timeout", "{k}"],
    ["doctor", "--format", "{k}"],
    ["probe", "--timeout", "{k}"],
    ["probe", "--format", "{k}"],
    ["emulator", "--port", "{k}"],
    ["reset-in", "{k}"],
    ["explain-error", "--no-such-option", "{k}"],
    ["doctor", "--check", "{k}"],
]


@pytest.mark.parametrize("secret", [AUTH_KEY, STANDARD_KEY, TOKEN], ids=["auth", "standard", "token"])
@pytest.mark.parametrize("argv", ARGVS, ids=[" ".join(a[:2]) for a in ARGVS])
@pytest.mark.parametrize("fmt", ["human", "json"])
def test_usage_errors_never_echo_a_secret(
    argv: list[str], secret: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.format(k=secret) for a in argv]
    if fmt == "json" and "--format" not in args and args[0] != "emulator":
        args += ["--format", "json"]
    code = main(args)
    out = capsys.readouterr()
    assert code in (2, 4), (code, out)
    assert secret not in out.out + out.err
    assert secret[:-4] not in out.out + out.err  # not even a truncated copy
    if fmt == "json" and "--format" in argv[:-1] and "{k}" not in argv[argv.index("--format") + 1]:
        json.loads(out.out)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", "0", "-1", "0.01", "3601"])
@pytest.mark.parametrize("command", ["doctor", "probe"])
def test_timeout_out_of_range_is_a_usage_error(
    command: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([command, f"--timeout={value}", "--format", "json"])
    out = capsys.readouterr()
    assert code == 2
    doc = json.loads(out.out)
    assert doc["error"]["code"] == "usage"
    assert "--timeout" in doc["error"]["message"]


NEAR_KEYS = ["AIzaSyD3aLkeyMatTRUNC", "AQ.Ab8RNk3yMaterialTRUNC"]


@pytest.mark.parametrize("near", NEAR_KEYS)
@pytest.mark.parametrize("fmt", ["human", "json"])
def test_usage_errors_mask_near_keys(near: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["doctor", "--timeout", near, "--format", fmt])
    out = capsys.readouterr()
    assert code == 2
    assert near not in out.out + out.err


@pytest.mark.parametrize("fmt", ["human", "json", "github"])
def test_doctor_never_prints_a_base_url_password(
    fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on: every call fails and names the URL
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("GEMQUOTA_GOOGLE_BASE_URL", f"http://gemquota:s3cretPassw0rd@127.0.0.1:{port}")
    monkeypatch.setenv("GEMQUOTA_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("GEMINI_API_KEY", AUTH_KEY)
    code = main(["doctor", "--timeout", "2", "--format", fmt])
    out = capsys.readouterr()
    assert code in (1, 3)
    text = out.out + out.err
    assert "s3cretPassw0rd" not in text
    assert AUTH_KEY not in text and TOKEN not in text
