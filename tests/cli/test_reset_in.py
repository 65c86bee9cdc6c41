"""``gemquota reset-in`` end to end: arguments, pasted errors, JSON, exit codes and ``--wait``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from gemquota import cli
from gemquota.commands import reset_in
from gemquota.context import Context, OutputFormat
from gemquota.exitcodes import ExitCode

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus-dev"
REPO = Path(__file__).resolve().parents[2]
NOW = "2026-03-08T09:30:00Z"
SPEC_KEYS = {"window", "reset_at", "seconds", "basis", "pacific", "local"}


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GEMQUOTA_FORMAT", "GEMQUOTA_GOOGLE_BASE_URL", "COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> dict[str, Any]:
        doc: dict[str, Any] = json.loads(self.out)
        return doc


Invoke = Callable[..., Result]


@pytest.fixture
def invoke(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run ``gemquota ARGS`` in-process through the real CLI, with ``stdin`` bytes piped in or a tty."""

    original = Context.from_process

    def refuse(seconds: float) -> None:
        raise AssertionError(f"real sleep of {seconds} s")

    def no_sleep(**kw: Any) -> Context:  # any real sleep in these tests is a bug
        return original(**kw).with_(sleep=refuse)

    monkeypatch.setattr(Context, "from_process", staticmethod(no_sleep))

    def run(*args: str, stdin: bytes | None = None) -> Result:
        if stdin is None:
            fake = io.TextIOWrapper(io.BytesIO(b""))
            monkeypatch.setattr(fake, "isatty", lambda: True, raising=False)
        else:
            fake = io.TextIOWrapper(io.BytesIO(stdin))
        monkeypatch.setattr(sys, "stdin", fake)
        code = cli.main(list(args))
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


def paste(name_prefix: str) -> bytes:
    found = sorted(CORPUS.glob(f"{name_prefix}-*.txt"))
    assert len(found) == 1, f"corpus file {name_prefix}-*.txt"
    return found[0].read_bytes()


# ------------------------------------------------------------------------------------ windows


def test_rpd_human(invoke: Invoke) -> None:
    r = invoke("reset-in", "rpd", "--now", NOW, "--tz", "Europe/Berlin")
    assert r.code == 0, r.err
    assert "RPD (requests per day) resets in 21 h 30 min" in r.out
    assert "UTC       Mon 2026-03-09 07:00:00 UTC" in r.out
    assert "Pacific   Mon 2026-03-09 00:00:00 PDT (America/Los_Angeles)" in r.out
    assert "Local     Mon 2026-03-09 08:00:00 CET (Europe/Berlin)" in r.out
    assert "midnight Pacific time" in r.out
    assert r.err == ""


def test_rpd_json_exact(invoke: Invoke) -> None:
    r = invoke("reset-in", "rpd", "--now", NOW, "--tz", "Europe/Berlin", "--format", "json")
    assert r.code == 0
    doc = r.json()
    assert doc["schema_version"] == 1 and doc["command"] == "reset-in" and "error" not in doc
    data = doc["data"]
    assert SPEC_KEYS <= data.keys()
    assert {k: data[k] for k in SPEC_KEYS} == {
        "window": "rpd",
        "reset_at": "2026-03-09T07:00:00Z",
        "seconds": 77400.0,
        "basis": "pacific-midnight",
        "pacific": "2026-03-09T00:00:00-07:00",
        "local": "2026-03-09T08:00:00+01:00",
    }
    assert isinstance(data["seconds"], float)
    assert r.err == ""


def test_fall_back_day(invoke: Invoke) -> None:
    r = invoke("reset-in", "TPD", "--now", "2026-11-01T07:30:00Z", "--format", "json", "--tz", "UTC")
    data = r.json()["data"]
    assert (data["window"], data["reset_at"], data["seconds"]) == ("tpd", "2026-11-02T08:00:00Z", 88200.0)
    assert data["pacific"] == "2026-11-02T00:00:00-08:00"
    assert data["local"] == "2026-11-02T08:00:00+00:00"


@pytest.mark.parametrize("window", ["rpm", "tpm", "ipm"])
def test_minute_windows_without_an_error(invoke: Invoke, window: str) -> None:
    r = invoke("reset-in", window, "--now", NOW, "--format", "json")
    data = r.json()["data"]
    assert r.code == 0
    assert (data["window"], data["basis"], data["seconds"]) == (window, "rolling-minute", 60.0)
    assert data["reset_at"] == "2026-03-08T09:31:00Z"
    human = invoke("reset-in", window, "--now", NOW)
    assert f"{window.upper()}" in human.out and "within 60 s" in human.out


@pytest.mark.parametrize(
    ("tz", "local", "zone"),
    [
        ("IST-05:30", "2026-03-09T12:30:00+05:30", "IST"),  # POSIX TZ strings: no tz database needed
        ("XYZ+03:00", "2026-03-09T04:00:00-03:00", "XYZ"),
    ],
)
def test_local_zone_defaults_to_the_machine(tz: str, local: str, zone: str) -> None:
    # The machine's zone comes from the process (TZ), so run the CLI in a process of its own.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEMQUOTA_")}
    env["TZ"] = tz
    proc = subprocess.run(
        [sys.executable, "-m", "gemquota", "reset-in", "rpd", "--now", NOW, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)["data"]
    assert (data["local"], data["local_zone"]) == (local, zone)
    assert data["reset_at"] == "2026-03-09T07:00:00Z"


# ------------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("reset-in", "rpx"), "Unknown window 'rpx'"),
        (("reset-in", "rpd", "--now", "yesterday"), "is not an ISO 8601 time"),
        (("reset-in", "rpd", "--now", "2026-02-30T00:00:00Z"), "is not an ISO 8601 time"),
        (("reset-in", "rpd", "--tz", "Mars/Olympus"), "Unknown time zone"),
        (("reset-in", "rpd", "--file", "/nonexistent/err.txt"), "No such file"),
        (("reset-in",), "Give a window or an error"),
    ],
)
def test_usage_errors_exit_2(invoke: Invoke, args: tuple[str, ...], message: str) -> None:
    r = invoke(*args)
    assert r.code == int(ExitCode.USAGE) == 2
    assert message in r.err
    assert r.out == ""


def test_no_window_no_input_hint_lists_the_windows(invoke: Invoke) -> None:
    r = invoke("reset-in")
    assert "rpm, tpm, ipm, rpd, tpd" in r.err


def test_empty_pipe_is_a_usage_error(invoke: Invoke) -> None:
    r = invoke("reset-in", stdin=b"  \n")
    assert r.code == 2 and "rpm, tpm, ipm, rpd, tpd" in r.err


def test_usage_error_in_json_is_one_document(invoke: Invoke) -> None:
    r = invoke("reset-in", "weekly", "--format", "json")
    assert r.code == 2
    doc = r.json()
    assert doc["error"]["code"] == "usage" and "rpm, tpm, ipm, rpd, tpd" in doc["error"]["hint"]


def test_explicit_window_does_not_read_stdin(invoke: Invoke) -> None:
    # A zero-quota error on stdin would add a note ("no reset cures it") and its fixes if it were read.
    r = invoke("reset-in", "rpd", "--now", NOW, "--format", "json", stdin=paste("109"))
    assert r.code == 0
    data = r.json()["data"]
    assert (data["window"], data["kind"], data["notes"], data["fixes"]) == ("rpd", None, [], [])
    piped = invoke("reset-in", "--now", NOW, "--format", "json", stdin=paste("109"))
    assert piped.json()["data"]["kind"] == "zero-quota"  # the same paste is read when no window is given


# ----------------------------------------------------------------------------- pasted errors


def _labels() -> list[tuple[str, str, str]]:
    table = CORPUS / "labels.tsv"
    rows = [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()[1:] if line]
    return [(r[0], r[1], r[3]) for r in rows]


@pytest.mark.parametrize(("name", "kind", "retry"), _labels())
def test_every_corpus_paste(invoke: Invoke, name: str, kind: str, retry: str) -> None:
    r = invoke("reset-in", "--file", str(CORPUS / name), "--now", NOW, "--format", "json")
    data = r.json()["data"]
    assert SPEC_KEYS <= data.keys()
    assert data["kind"] == kind
    if retry == "fix":
        assert r.code == 1 and data["window"] is None and data["reset_at"] is None and data["fixes"]
        return
    assert r.code == 0
    windows = {"rpm": "rpm", "tpm": "tpm", "ipm": "ipm", "rpd": "rpd", "tpd": "tpd", "plan-quota": "plan"}
    assert data["window"] == windows.get(kind)
    if kind == "plan-quota":  # SPEC §1.2: the stated reset, else (none stated) the day's Pacific midnight
        assert data["basis"] in ("code-assist-reset", "retry-hint", "pacific-midnight")
    elif kind in ("rpd", "tpd"):
        assert (data["basis"], data["reset_at"]) == ("pacific-midnight", "2026-03-09T07:00:00Z")
    else:
        assert data["basis"] in ("retry-hint", "rolling-minute", "code-assist-reset")
        assert 0 <= data["seconds"] <= 60.0
    assert data["reset_at"].endswith("Z") and isinstance(data["seconds"], float)


def test_rpd_error_with_5s_retryinfo_is_still_pacific_midnight(invoke: Invoke) -> None:
    r = invoke("reset-in", "--now", NOW, "--format", "json", stdin=paste("105"))
    assert r.code == 0, r.out + r.err
    data = r.json()["data"]
    assert (data["window"], data["basis"], data["reset_at"]) == (
        "rpd",
        "pacific-midnight",
        "2026-03-09T07:00:00Z",
    )
    assert data["kind"] == "rpd" and data["retry_after_s"] == 5.0
    assert any("not the reset" in n for n in data["notes"])
    human = invoke("reset-in", "--now", NOW, stdin=paste("105"))
    assert "RPD (requests per day) resets in 21 h 30 min" in human.out
    assert "retry hint (5 s) is not the reset" in human.out


def test_rpm_error_from_file(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "err.txt"
    path.write_bytes(paste("027"))
    data = invoke("reset-in", "--file", str(path), "--now", NOW, "--format", "json").json()["data"]
    assert data["window"] == "rpm"
    assert data["basis"] in ("retry-hint", "rolling-minute")
    if data["retry_after_s"] is None:
        assert (data["basis"], data["seconds"]) == ("rolling-minute", 60.0)
    else:
        assert (data["basis"], data["seconds"]) == ("retry-hint", data["retry_after_s"])


def test_file_dash_reads_stdin(invoke: Invoke) -> None:
    r = invoke("reset-in", "--file", "-", "--now", NOW, "--format", "json", stdin=paste("105"))
    assert r.json()["data"]["window"] == "rpd"


def test_bare_429_is_backoff_without_a_window(invoke: Invoke) -> None:
    r = invoke("reset-in", "--now", NOW, "--format", "json", stdin=paste("002"))
    assert r.code == 0
    data = r.json()["data"]
    assert data["window"] is None and data["kind"] == "unspecified-429"
    assert (data["basis"], data["seconds"], data["reset_at"]) == (
        "rolling-minute",
        60.0,
        "2026-03-08T09:31:00Z",
    )
    human = invoke("reset-in", "--now", NOW, stdin=paste("002"))
    assert "Retry within 60 s" in human.out and "names no quota window" in human.out


def test_zero_quota_error_says_no_reset_helps(invoke: Invoke) -> None:
    r = invoke("reset-in", "--now", NOW, "--format", "json", stdin=paste("109"))
    assert r.code == int(ExitCode.PROBLEM) == 1
    data = r.json()["data"]
    assert SPEC_KEYS <= data.keys()
    assert all(data[k] is None for k in SPEC_KEYS)
    assert data["kind"] == "zero-quota" and data["fixes"]
    human = invoke("reset-in", "--now", NOW, stdin=paste("109"))
    assert human.code == 1
    assert "No reset helps: zero-quota" in human.out and "Fix:" in human.out


def test_zero_quota_retry_hint_is_called_useless(invoke: Invoke) -> None:
    r = invoke("reset-in", "--now", NOW, stdin=paste("028"))
    assert r.code == 1
    assert "retry hint (29 s) does not help" in r.out


def test_bad_key_error_says_no_reset_helps(invoke: Invoke) -> None:
    r = invoke("reset-in", "--now", NOW, stdin=paste("038"))
    assert r.code == 1 and "No reset helps: bad-key" in r.out


def test_prose_is_unrecognized_exit_4(invoke: Invoke) -> None:
    prose = b"Our nightly export job was slow today; please look into it when you can.\n"
    r = invoke("reset-in", "--now", NOW, stdin=prose)
    assert r.code == int(ExitCode.UNRECOGNIZED) == 4
    assert "No Google/Gemini error recognised" in r.err and "hint:" in r.err
    doc = invoke("reset-in", "--now", NOW, "--format", "json", stdin=prose).json()
    assert doc["error"]["code"] == "unrecognized" and doc["error"]["hint"]


def test_explicit_window_wins_over_the_error(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "err.txt"
    path.write_bytes(paste("105"))  # rpd with a 5 s RetryInfo
    data = invoke("reset-in", "rpm", "--file", str(path), "--now", NOW, "--format", "json").json()["data"]
    assert (data["window"], data["basis"], data["seconds"]) == ("rpm", "retry-hint", 5.0)
    assert any("not rpm" in n for n in data["notes"])


def test_code_assist_reset_delay(invoke: Invoke) -> None:
    text = (
        b'{"error": {"code": 429, "message": "You have exhausted your capacity on this model. '
        b'Your quota will reset after 27s.", "status": "RESOURCE_EXHAUSTED", "details": [{"@type": '
        b'"type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED", '
        b'"domain": "cloudcode-pa.googleapis.com", "metadata": {"uiMessage": "true", '
        b'"model": "gemini-2.5-pro"}}]}}'
    )
    data = invoke("reset-in", "--now", NOW, "--format", "json", stdin=text).json()["data"]
    assert (data["window"], data["basis"], data["seconds"]) == ("rpm", "code-assist-reset", 27.0)
    assert data["reset_at"] == "2026-03-08T09:30:27Z"


def test_no_google_modules_are_imported() -> None:
    code = (
        "import sys, io\n"
        "from gemquota import cli\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(open(sys.argv[1], 'rb').read()))\n"
        "rc = cli.main(['reset-in', '--now', '2026-03-08T09:30:00Z', '--format', 'json'])\n"
        "assert rc == 0, rc\n"
        "assert cli.main(['reset-in', 'rpd', '--now', '2026-03-08T09:30:00Z']) == 0\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('grpc', 'proto') or "
        "m.startswith(('google.cloud', 'google.genai', 'google.api_core', 'google.auth', 'google.protobuf')))\n"
        "assert not bad, bad\n"
    )
    sample = sorted(CORPUS.glob("105-*.txt"))
    assert sample, "corpus file 105-*.txt"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(sample[0])], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert proc.returncode == 0, proc.stderr


# ------------------------------------------------------------------------------------- --wait


class FakeTime:
    def __init__(self, start: datetime, *, interrupt_after: int | None = None) -> None:
        self.now = start
        self.sleeps: list[float] = []
        self.interrupt_after = interrupt_after

    def clock(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        if self.interrupt_after is not None and len(self.sleeps) >= self.interrupt_after:
            raise KeyboardInterrupt
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)


class TtyStringIO(io.StringIO):
    def isatty(self) -> bool:
        return True


def _ctx(fake: FakeTime, *, fmt: OutputFormat = OutputFormat.HUMAN, stdin: bytes | None = None) -> Context:
    return Context(
        clock=fake.clock,
        sleep=fake.sleep,
        stdout=io.StringIO(),
        stderr=TtyStringIO(),
        stdin=None if stdin is None else io.BytesIO(stdin),
        stdin_isatty=stdin is None,
        fmt=fmt,
        local_tz=ZoneInfo("Europe/Berlin"),
        command="reset-in",
        width=100,
        color=False,
    )


def _out(ctx: Context) -> str:
    assert isinstance(ctx.stdout, io.StringIO)
    return ctx.stdout.getvalue()


def _err(ctx: Context) -> str:
    assert isinstance(ctx.stderr, io.StringIO)
    return ctx.stderr.getvalue()


def test_wait_blocks_until_the_reset_then_exits_0() -> None:
    start = datetime(2026, 6, 15, 6, 58, 30, tzinfo=UTC)  # 23:58:30 PDT
    fake = FakeTime(start)
    ctx = _ctx(fake)
    code = reset_in.run(ctx, window="rpd", file=None, now=None, tz=None, wait=True)
    assert code == 0
    assert fake.now == datetime(2026, 6, 15, 7, 0, tzinfo=UTC)  # exactly midnight Pacific
    assert len(fake.sleeps) == 90 and max(fake.sleeps) == 1.0
    assert "RPD (requests per day) resets in 1 min 30 s" in _out(ctx)
    err = _err(ctx)
    assert "Waiting for the RPD reset" in err and "1 min 30 s left" in err and "RPD reset reached." in err
    assert "Waiting" not in _out(ctx) and "left" not in _out(ctx)


def test_wait_with_now_waits_the_countdown() -> None:
    fake = FakeTime(datetime(2031, 1, 1, tzinfo=UTC))
    ctx = _ctx(fake, fmt=OutputFormat.JSON)
    code = reset_in.run(ctx, window="rpm", file=None, now=NOW, tz=None, wait=True)
    assert code == 0
    assert sum(fake.sleeps) == 60.0
    doc = json.loads(_out(ctx))  # still exactly one document
    assert doc["data"]["seconds"] == 60.0
    assert "left" in _err(ctx)


def test_wait_ctrl_c_exits_130() -> None:
    fake = FakeTime(datetime(2026, 3, 8, 9, 30, tzinfo=UTC), interrupt_after=3)
    ctx = _ctx(fake)
    code = reset_in.run(ctx, window="rpd", file=None, now=None, tz=None, wait=True)
    assert code == int(ExitCode.INTERRUPTED) == 130
    assert len(fake.sleeps) == 3
    assert "Interrupted" in _err(ctx)
    assert "RPD (requests per day) resets in" in _out(ctx)


def test_wait_does_not_wait_when_no_reset_helps(monkeypatch: pytest.MonkeyPatch) -> None:
    from gemquota.core.diagnosis import Diagnosis, Kind, Retry

    fake = FakeTime(datetime(2026, 3, 8, 9, 30, tzinfo=UTC))
    ctx = _ctx(fake, stdin=b"irrelevant")
    zero = Diagnosis(kind=Kind.ZERO_QUOTA, retry=Retry.FIX, headline="limit: 0")
    from gemquota.app import reset_in as reset_app

    monkeypatch.setattr(reset_app, "_diagnose", lambda text, now: zero)
    code = reset_in.run(ctx, window=None, file=None, now=None, tz=None, wait=True)
    assert code == 1 and fake.sleeps == []
    assert "No reset helps: zero-quota" in _out(ctx)


def test_wait_through_the_cli_ctrl_c(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeTime(datetime(2026, 3, 8, 9, 30, tzinfo=UTC), interrupt_after=1)
    original = Context.from_process

    def patched(**kw: Any) -> Context:
        return original(**kw).with_(clock=fake.clock, sleep=fake.sleep)

    monkeypatch.setattr(Context, "from_process", staticmethod(patched))
    r = invoke("reset-in", "rpm", "--wait")
    assert r.code == 130 and "Interrupted" in r.err and fake.sleeps == [30.0]  # stderr not a tty
    fake.interrupt_after = None
    r = invoke("reset-in", "rpm", "--wait", "--format", "json")
    assert r.code == 0 and r.json()["data"]["window"] == "rpm"
    assert sum(fake.sleeps) == pytest.approx(30.0 + 60.0)


# --- plan allowances and the Interactions API (SPEC §1.2) -----------------------------------------------

AGY = (
    b"\xe2\x9a\xa0 Individual quota reached. Please upgrade your subscription to increase your limits.\n"
    b"Resets in 143h57m55s.\n"
)
INTERACTIONS_DAY = (
    b'{ "error": { "message": "Rate limit exceeded for model gemini-3.8-flash (limit: 20 requests per day on '
    b'Free Tier). Please retry in 12h47m5s or upgrade your tier.", "code": "too_many_requests" } }'
)


def test_plan_allowance_resets_when_the_error_says(invoke: Invoke) -> None:
    r = invoke("reset-in", "--now", NOW, "--format", "json", stdin=AGY)
    assert r.code == 0, r.out + r.err
    data = r.json()["data"]
    assert (data["window"], data["basis"], data["kind"]) == ("plan", "code-assist-reset", "plan-quota")
    assert data["seconds"] == 143 * 3600 + 57 * 60 + 55


def test_interactions_day_limit_resets_after_its_retry_hint(invoke: Invoke) -> None:
    r = invoke("reset-in", "--now", NOW, "--format", "json", stdin=INTERACTIONS_DAY)
    data = r.json()["data"]
    assert (data["window"], data["basis"], data["kind"]) == ("rpd", "retry-hint", "rpd")
    assert data["seconds"] == 12 * 3600 + 47 * 60 + 5


def test_plan_is_not_a_window_to_name(invoke: Invoke) -> None:
    r = invoke("reset-in", "plan", "--now", NOW, "--format", "json")
    assert r.code == 2
