"""``gemquota explain-error`` end to end: input sources, JSON contract, exit codes, redaction, robustness."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spec_contract import DIAGNOSIS_EXTRA_KEYS, DIAGNOSIS_KEYS

from gemquota.app import explain_error
from gemquota.cli import main
from gemquota.commands import explain_error as explain_command
from gemquota.context import OutputFormat
from gemquota.core.diagnosis import Diagnosis, Kind, Retry
from gemquota.core.matrix import fixes_for
from gemquota.render.explain import duration, headline_of, render_diagnoses

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "fixtures" / "corpus-dev"
RPD = CORPUS / "032-gemini-cli-rpd-freetier-quotavalue250-wrapped.txt"
ZERO_IMAGE = CORPUS / "089-js-genai-got-status-429-limit0-flash-preview-image.txt"
OVERLOADED = CORPUS / "033-raw-json-503-overloaded.txt"
NOW = "2026-03-08T17:30:00Z"  # 09:30 PDT → the next Pacific midnight is 2026-03-09T07:00:00Z
KEY = "AIzaSyD" + "x1Y2z3" * 5 + "Qq4_-"  # 39 characters, the shape of a real key
SPEC_KEYS = DIAGNOSIS_KEYS
EXTRA_KEYS = DIAGNOSIS_EXTRA_KEYS


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> dict[str, Any]:
        doc: dict[str, Any] = json.loads(self.out)
        return doc

    def diagnoses(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.json()["data"]["diagnoses"]
        return found


CliRunner = Callable[..., Run]


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    def run(*args: str, stdin: bytes | None = None) -> Run:
        # A pipe when ``stdin`` is given, else an interactive terminal (nothing to read).
        fake = io.TextIOWrapper(io.BytesIO(stdin or b""))
        fake.isatty = lambda: stdin is None  # type: ignore[method-assign]
        monkeypatch.setattr(sys, "stdin", fake)
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def _proc(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GEMQUOTA_", "GOOGLE_", "GEMINI_"))}
    env.update({"NO_GCE_CHECK": "true", "NO_COLOR": "1"})
    return subprocess.run(
        [sys.executable, "-m", "gemquota", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=60,
        check=False,
    )


# --- input sources --------------------------------------------------------------------------------


def test_argument(cli: CliRunner) -> None:
    r = cli("explain-error", RPD.read_text(), "--now", NOW, "--format", "json")
    assert r.code == 0 and r.err == ""
    d = r.diagnoses()[0]
    assert d["kind"] == "rpd" and d["retry"] == "wait-reset"
    assert d["model"] == "gemini-2.5-flash" and d["limit"] == 250 and d["tier"] == "free"


def test_file_path(cli: CliRunner) -> None:
    r = cli("explain-error", "--file", str(RPD), "--now", NOW, "--format", "json")
    assert r.code == 0
    assert r.diagnoses()[0]["reset_at"] == "2026-03-09T07:00:00Z"


def test_file_dash_reads_stdin(cli: CliRunner) -> None:
    r = cli("explain-error", "--file", "-", "--format", "json", stdin=OVERLOADED.read_bytes())
    assert r.code == 0 and r.diagnoses()[0]["kind"] == "overloaded"


def test_piped_stdin_in_a_real_process() -> None:
    proc = _proc("explain-error", "--format", "json", "--now", NOW, stdin=RPD.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    doc = json.loads(proc.stdout)
    assert doc["command"] == "explain-error" and doc["schema_version"] == 1
    assert doc["data"]["diagnoses"][0]["kind"] == "rpd"


def test_piped_stdin_human_in_a_real_process() -> None:
    proc = _proc("explain-error", "--now", NOW, stdin=ZERO_IMAGE.read_bytes())
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "zero-quota" in out and "gemini-2.5-flash-preview-image" in out
    assert "$0.045" in out and "2026-03-15" in out  # the image price fix


def test_no_input_is_a_usage_error_with_a_hint(cli: CliRunner) -> None:
    r = cli("explain-error")
    assert r.code == 2
    assert "No error text given" in r.err and "hint:" in r.err and "--file" in r.err


def test_no_input_in_json(cli: CliRunner) -> None:
    r = cli("explain-error", "--format", "json")
    assert r.code == 2 and r.err == ""
    doc = r.json()
    assert doc["command"] == "explain-error"
    assert doc["error"]["code"] == "no-input" and doc["error"]["hint"]


def test_empty_stdin_in_a_real_process_is_no_input() -> None:
    proc = _proc("explain-error", stdin=b"")
    assert proc.returncode == 2
    assert b"hint:" in proc.stderr


def test_empty_argument_is_no_input(cli: CliRunner) -> None:
    assert cli("explain-error", "   ").code == 2


def test_missing_file_is_a_usage_error(cli: CliRunner, tmp_path: Path) -> None:
    r = cli("explain-error", "--file", str(tmp_path / "nope.txt"), "--format", "json")
    assert r.code == 2 and r.json()["error"]["code"] == "usage"


# --- JSON contract and exit codes -----------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_json_has_exactly_the_spec_keys_for_every_corpus_paste(cli: CliRunner, path: Path) -> None:
    r = cli("explain-error", "--file", str(path), "--now", NOW, "--format", "json")
    assert r.err == ""
    doc = r.json()
    assert set(doc) == {"schema_version", "command", "data"}
    assert set(doc["data"]) == {"diagnoses"}
    for d in doc["data"]["diagnoses"]:
        assert set(d) - EXTRA_KEYS == SPEC_KEYS
        assert isinstance(d["evidence"], list) and isinstance(d["fixes"], list)
        assert d["count"] >= 1
        for fix in d["fixes"]:
            assert set(fix) == {"id", "title", "steps", "url"}
    assert r.code == (4 if doc["data"]["diagnoses"][0]["kind"] == "unrecognized" else 0)


def test_unrecognized_is_exit_4_and_still_prints_the_document(cli: CliRunner) -> None:
    r = cli("explain-error", "my app crashed, no idea why", "--format", "json")
    assert r.code == 4 and r.err == ""
    (d,) = r.diagnoses()
    assert d["kind"] == "unrecognized" and d["retry"] is None
    assert set(d) - EXTRA_KEYS == SPEC_KEYS
    assert d["fixes"][0]["id"] == "capture-full-error"


def test_unrecognized_human_says_how_to_capture(cli: CliRunner) -> None:
    r = cli("explain-error", "my app crashed, no idea why")
    assert r.code == 4
    assert "No Google / Gemini API error was found" in r.out
    assert "e.details" in r.out


def test_unrecognized_human_says_whose_error_it_is(cli: CliRunner) -> None:
    anthropic = (
        ZERO_IMAGE.parents[1] / "not-google2" / "100-task-master-anthropic-401-authentication-error.txt"
    )
    r = cli("explain-error", "--file", str(anthropic))
    assert r.code == 4
    assert "This is an error of anthropic, not of a Google API" in " ".join(r.out.split())


def test_model_sets_requested_model(cli: CliRunner) -> None:
    r = cli(
        "explain-error", "--file", str(ZERO_IMAGE), "--model", "gemini-2.5-flash-image", "--format", "json"
    )
    d = r.diagnoses()[0]
    assert d["kind"] == "zero-quota"
    assert d["model"] == "gemini-2.5-flash-preview-image"
    assert d["requested_model"] == "gemini-2.5-flash-image"


def test_model_note_in_human_output(cli: CliRunner) -> None:
    r = cli("explain-error", "--file", str(ZERO_IMAGE), "--model", "gemini-2.5-flash-image", "--now", NOW)
    assert r.code == 0
    assert "you called gemini-2.5-flash-image" in " ".join(r.out.replace("│", " ").split())


def test_now_fixes_reset_at(cli: CliRunner) -> None:
    first = cli("explain-error", "--file", str(RPD), "--now", "2026-03-08T06:59:59Z", "--format", "json")
    second = cli("explain-error", "--file", str(RPD), "--now", "2026-03-08T07:00:01Z", "--format", "json")
    # 06:59:59Z is 22:59:59 PST on 03-07; 07:00:01Z is 23:00:01 PST — both before Pacific midnight 08:00Z.
    assert first.diagnoses()[0]["reset_at"] == "2026-03-08T08:00:00Z"
    assert second.diagnoses()[0]["reset_at"] == "2026-03-08T08:00:00Z"
    after = cli("explain-error", "--file", str(RPD), "--now", "2026-03-08T08:00:01Z", "--format", "json")
    assert after.diagnoses()[0]["reset_at"] == "2026-03-09T07:00:00Z"  # DST began: PDT midnight


def test_bad_now_is_a_usage_error(cli: CliRunner) -> None:
    r = cli("explain-error", "--file", str(RPD), "--now", "yesterday", "--format", "json")
    assert r.code == 2 and r.json()["error"]["code"] == "usage"


def test_several_errors_primary_first_and_repeats_counted(cli: CliRunner) -> None:
    paste = "\n".join([OVERLOADED.read_text(), OVERLOADED.read_text(), RPD.read_text()])
    r = cli("explain-error", paste, "--now", NOW, "--format", "json")
    found = r.diagnoses()
    assert found[0]["kind"] == "rpd"  # wait-reset outranks backoff
    overloaded = [d for d in found if d["kind"] == "overloaded"]
    assert len(overloaded) == 1 and overloaded[0]["count"] == 2


@pytest.mark.parametrize(
    ("tz", "local"),
    [("IST-05:30", "2026-03-09 12:30:00 IST local"), ("XYZ+03:00", "2026-03-09 04:00:00 XYZ local")],
)
def test_local_time_is_the_machines_zone(tz: str, local: str) -> None:
    # The machine's zone comes from the process (TZ): run the CLI in a process of its own.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEMQUOTA_")}
    env.update(TZ=tz, NO_COLOR="1", COLUMNS="120")
    proc = subprocess.run(
        [sys.executable, "-m", "gemquota", "explain-error", "--file", str(RPD), "--now", NOW],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert local in proc.stdout and "2026-03-09 00:00:00 PDT Pacific" in proc.stdout


def test_human_output_shows_the_essentials(cli: CliRunner) -> None:
    r = cli("explain-error", "--file", str(RPD), "--now", NOW)
    assert r.code == 0 and r.err == ""
    out = r.out
    assert "rpd" in out and "gemini-2.5-flash" in out
    assert "Fastest fix" in out and "1. gemquota reset-in rpd --wait" in out
    assert "https://ai.google.dev/gemini-api/docs/rate-limits" in out
    assert "Pacific" in out and "UTC" in out and "in 13 h 30 min" in out  # local time only when it differs
    assert "2026-03-09 00:00:00 PDT" in out
    assert "Evidence" in out
    assert "\x1b[" not in out  # no colour when not a terminal


# --- redaction and robustness ---------------------------------------------------------------------


def _with_key(text: str) -> str:
    return (
        f"POST https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key={KEY}\n"
        f"x-goog-api-key: {KEY}\n{text}\napi key was {KEY}"
    )


@pytest.mark.parametrize("fmt", ["human", "json"])
def test_api_key_never_appears_in_output(cli: CliRunner, fmt: str) -> None:
    r = cli("explain-error", _with_key(RPD.read_text()), "--format", fmt, "--now", NOW)
    assert r.code == 0
    assert KEY not in r.out and KEY not in r.err
    assert KEY[-12:] not in r.out  # not even a long tail of it
    if fmt == "json":
        assert r.diagnoses()[0]["kind"] == "rpd"


def test_api_key_never_appears_in_unrecognized_output(cli: CliRunner) -> None:
    for fmt in ("human", "json"):
        r = cli("explain-error", f"my key {KEY} stopped working", "--format", fmt)
        assert KEY not in r.out and KEY not in r.err


def test_binary_input_does_not_crash(cli: CliRunner, tmp_path: Path) -> None:
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 64 + b"\xff\xfe\x00\x00\xc3\x28")
    r = cli("explain-error", "--file", str(blob), "--format", "json")
    assert r.code == 4 and r.err == ""
    assert r.diagnoses()[0]["kind"] == "unrecognized"


def test_ten_megabytes_do_not_crash(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    chunk = ("x" * 1023 + "\n") * 1024
    big.write_text(chunk * 10 + OVERLOADED.read_text())
    proc = _proc("explain-error", "--file", str(big), "--format", "json")
    assert proc.returncode in (0, 4), proc.stderr
    json.loads(proc.stdout)


def test_deep_brackets_do_not_crash(cli: CliRunner) -> None:
    r = cli("explain-error", "[" * 10_000 + OVERLOADED.read_text() + "]" * 10_000, "--format", "json")
    assert r.code in (0, 4) and r.err == ""


# --- app and renderer directly --------------------------------------------------------------------


def test_run_with_a_context_writes_json(make_context: Callable[..., Any]) -> None:
    ctx = make_context(fmt=OutputFormat.JSON, stdin=OVERLOADED.read_bytes())
    code = explain_command.run(ctx, text=None, file=None, model=None, now=None)
    assert code == 0
    assert json.loads(ctx.out)["data"]["diagnoses"][0]["kind"] == "overloaded"


def test_exit_code_for() -> None:
    unrec = Diagnosis(kind=Kind.UNRECOGNIZED, retry=None)
    rpm = Diagnosis(kind=Kind.RPM, retry=Retry.BACKOFF)
    assert explain_error.exit_code_for([unrec]) == 4
    assert explain_error.exit_code_for([]) == 4
    assert explain_error.exit_code_for([rpm, unrec]) == 0


def test_renderer_counts_repeats_and_lists_further_diagnoses(make_context: Callable[..., Any]) -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 3, 8, 17, 30, tzinfo=UTC)
    first = Diagnosis(
        kind=Kind.CAPACITY,
        retry=Retry.BACKOFF,
        count=3,
        evidence=(f"key={KEY}",),
        fixes=fixes_for(Kind.CAPACITY),
    )
    second = Diagnosis(kind=Kind.BAD_KEY, retry=Retry.FIX, fixes=fixes_for(Kind.BAD_KEY))
    ctx = make_context(width=80)
    render_diagnoses(ctx, [first, second], now=now)
    out = ctx.out
    assert "×3" in out
    assert "Also in this paste (1 more)" in out and "also: bad-key" in out
    assert KEY not in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_headline_fallback_and_duration() -> None:
    d = Diagnosis(kind=Kind.RPD, retry=Retry.WAIT_RESET, model="gemini-2.5-flash", limit=20, tier=None)
    assert headline_of(d) == "Requests per day exhausted — gemini-2.5-flash, limit 20"
    assert duration(38.86) == "38.9 s"
    assert duration(60) == "1 min"
    assert duration(48600) == "13 h 30 min"
    assert duration(90000) == "1 d 1 h"
    assert duration(-5) == "0 s"


def test_renderer_width_from_columns_and_colour_on_request(make_context: Callable[..., Any]) -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 3, 8, 17, 30, tzinfo=UTC)
    d = Diagnosis(kind=Kind.OVERLOADED, retry=Retry.BACKOFF, http_code=503, fixes=fixes_for(Kind.OVERLOADED))
    narrow = make_context(width=None, color=None, env={"COLUMNS": "60"})
    render_diagnoses(narrow, [d], now=now)
    assert max(len(line) for line in narrow.out.splitlines()) == 60
    assert "\x1b[" not in narrow.out
    coloured = make_context(color=True)
    render_diagnoses(coloured, [d], now=now)
    assert "\x1b[" in coloured.out


# --- the panel: no repetition, no internal names, numbers readable, commands copyable ----------------


def test_panel_is_plain_and_readable(cli: CliRunner) -> None:
    body = json.dumps(
        {
            "error": {
                "code": 429,
                "message": "You exceeded your current quota.",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                    {
                        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                        "violations": [
                            {
                                "quotaMetric": "generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count",
                                "quotaId": "GenerateContentPaidTierInputTokensPerModelPerMinute",
                                "quotaDimensions": {"model": "gemini-3.8-flash"},
                                "quotaValue": "2000000",
                            }
                        ],
                    },
                    {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "12s"},
                ],
            }
        }
    )
    out = cli("explain-error", body, "--now", NOW).out
    assert "2,000,000" in out
    assert "(retry-hint)" not in out and "pacific-midnight" not in out
    assert out.count("12 s") == 1  # the reset is the retry hint: said once
    assert "│" not in out and "╭" not in out  # no side borders inside copyable lines
    assert "Assumed" not in out or "inferred" in out


def test_bare_429_fastest_fix_does_not_send_the_user_back_here(cli: CliRunner) -> None:
    out = cli("explain-error", "HTTP 429 Too Many Requests", "--now", NOW).out
    fastest = out[out.index("Fastest fix") : out.index("→")]
    assert "explain-error" not in fastest


@pytest.mark.parametrize(
    "hostile",
    [
        "\x1b[31mRED\x1b[0m",
        "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
        "\\u001b[2J",
        "[bold red]markup[/bold red]",
        "\x9b31m",
    ],
)
def test_terminal_escapes_and_markup_in_a_paste_never_reach_the_terminal(
    cli: CliRunner, hostile: str
) -> None:
    body = json.dumps(
        {
            "error": {
                "code": 429,
                "message": f"Quota exceeded {hostile}",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                    {
                        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                        "violations": [
                            {"quotaId": f"GenerateRequestsPerDayPerProjectPerModel-FreeTier{hostile}"}
                        ],
                    }
                ],
            }
        }
    )
    out = cli("explain-error", body, "--now", NOW).out
    assert "\x1b" not in out and "\x9b" not in out
    if "markup" in hostile:
        assert "[bold red]markup" in out  # printed literally, not interpreted


def test_a_cut_gzip_is_a_one_line_unreadable_input_error(cli: CliRunner, tmp_path: Path) -> None:
    import gzip

    cut = tmp_path / "error.log.gz"
    cut.write_bytes(gzip.compress(OVERLOADED.read_bytes() * 200)[:-40])
    human = cli("explain-error", "--file", str(cut))
    assert human.code == 3 and "Cannot read" in human.err and "Traceback" not in human.err
    assert "internal error" not in human.err
    doc = cli("explain-error", "--file", str(cut), "--format", "json").json()
    assert doc["error"]["code"] == "unreadable-input"


def test_reset_in_reads_a_gzip_paste(cli: CliRunner, tmp_path: Path) -> None:
    import gzip

    packed = tmp_path / "error.txt.gz"
    packed.write_bytes(gzip.compress(RPD.read_bytes()))
    got = cli("reset-in", "--file", str(packed), "--now", NOW, "--format", "json")
    assert got.code == 0, got.err
    assert got.json()["data"]["window"] == "rpd"


def test_coloured_panel_holds_only_its_own_colour_codes(make_context: Callable[..., Any]) -> None:
    # Colour on: the only escape sequences are the panel's SGR codes; a paste's escapes, OSC 8 links and
    # rich markup are shown as text.
    hostile = "[red]markup[/red]\x1b[31mRED\x1b[0m\x1b]8;;https://evil.example\x07x\x1b]8;;\x07\x9b2J"
    violation = {"quotaId": f"GenerateRequestsPerDayPerProjectPerModel-FreeTier{hostile}"}
    body = json.dumps(
        {
            "error": {
                "code": 429,
                "message": "You exceeded your current quota.",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                    {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [violation]}
                ],
            }
        }
    )
    ctx = make_context(color=True, width=120)
    explain_command.run(ctx, text=body, file=None, model=None, now=NOW)
    out = ctx.out
    assert "\x1b[1;" in out  # coloured
    without_sgr = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\x1b" not in without_sgr and "\x9b" not in without_sgr and "\x07" not in without_sgr
    assert "[red]markup[/red]" in without_sgr
    assert all(line == line.rstrip() for line in without_sgr.splitlines())
    assert max(len(line) for line in without_sgr.splitlines()) <= 120
