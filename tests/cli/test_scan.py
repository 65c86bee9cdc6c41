"""``gemquota scan`` end to end: inputs (files, .gz, stdin), --since/--until on the Context clock, the
JSON document, the human report with its chart, exit codes 0/1/2/3, safe output."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_NOW, MakeContext
from spec_contract import DIAGNOSIS_KEYS

from gemquota.app import scan as scan_app
from gemquota.cli import main
from gemquota.commands import scan as scan_command
from gemquota.context import OutputFormat
from gemquota.exceptions import GemquotaError, InputUnreadable, NoInput, UsageError
from gemquota.exitcodes import ExitCode

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "sample-gemini.log"
TWO = REPO / "tests" / "fixtures" / "errors" / "log-two-errors-503-then-rpd.txt"
QUIET = b"".join(b"2026-03-08T10:%02d:00Z INFO worker: job done\n" % m for m in range(60))


def line(at: datetime, delay: float = 7.5) -> str:
    return (
        f"{at:%Y-%m-%dT%H:%M:%S}Z ERROR app: google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. "
        "{'error': {'code': 429, 'message': 'You exceeded your current quota.\\n* Quota exceeded for metric: "
        "generativelanguage.googleapis.com/generate_requests_per_model, limit: 1000, model: gemini-3.8-flash\\n"
        f"Please retry in {delay}s.', 'status': 'RESOURCE_EXHAUSTED'}}}}\n"
    )


def run_app(
    make_context: MakeContext, *paths: str, fmt: OutputFormat = OutputFormat.JSON, **kw: Any
) -> tuple[int, Any]:
    ctx = make_context(fmt=fmt, **{k: v for k, v in kw.items() if k in ("stdin", "stdin_isatty")})
    code = scan_command.run(ctx, paths=paths, since=kw.get("since"), until=kw.get("until"))
    out = ctx.out
    return code, json.loads(out) if fmt is OutputFormat.JSON else out


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def cli(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
    stdin: bytes | None = None,
) -> tuple[int, str, str]:
    fake = io.TextIOWrapper(io.BytesIO(stdin or b""))
    fake.isatty = lambda: stdin is None  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", fake)
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_document_has_the_spec_shape(make_context: MakeContext) -> None:
    code, doc = run_app(make_context, str(SAMPLE))
    assert code == ExitCode.PROBLEM
    assert doc["schema_version"] == 1 and doc["command"] == "scan"
    data = doc["data"]
    assert {"inputs", "errors", "groups", "timeline", "fix_first"} <= set(data)
    assert data["inputs"] == [{"path": str(SAMPLE), "bytes": SAMPLE.stat().st_size, "lines": 632}]
    assert data["errors"] == 129 == sum(g["count"] for g in data["groups"])
    for group in data["groups"]:
        assert set(group) == {"diagnosis", "count", "first_seen", "last_seen"}
        assert DIAGNOSIS_KEYS <= set(group["diagnosis"])
        assert group["diagnosis"]["count"] == group["count"]
        assert group["first_seen"].endswith("Z") and group["last_seen"].endswith("Z")
    assert [(g["diagnosis"]["kind"], g["count"]) for g in data["groups"]] == [
        ("zero-quota", 2),
        ("rpd", 30),
        ("rpm", 93),
        ("overloaded", 4),
    ]
    assert all(set(b) == {"start", "counts"} and b["start"].endswith(":00:00Z") for b in data["timeline"])
    assert data["fix_first"]["kind"] == "zero-quota" and "rpm to rpd" in data["fix_first"]["shift"]


def test_no_google_error_is_exit_0(make_context: MakeContext, tmp_path: Path) -> None:
    quiet = tmp_path / "quiet.log"
    quiet.write_bytes(QUIET)
    code, doc = run_app(make_context, str(quiet))
    assert code == ExitCode.OK
    assert doc["data"]["errors"] == 0 and doc["data"]["groups"] == [] and doc["data"]["fix_first"] is None
    assert doc["data"]["inputs"][0]["lines"] == 60


def test_gzip_and_stdin_and_several_inputs(make_context: MakeContext, tmp_path: Path) -> None:
    packed = tmp_path / "two.log.gz"
    packed.write_bytes(gzip.compress(TWO.read_bytes()))
    code, doc = run_app(make_context, str(packed), "-", stdin=TWO.read_bytes())
    assert code == ExitCode.PROBLEM
    assert [i["path"] for i in doc["data"]["inputs"]] == [str(packed), "-"]
    assert {g["diagnosis"]["kind"]: g["count"] for g in doc["data"]["groups"]} == {"rpd": 2, "overloaded": 2}
    piped_code, piped = run_app(make_context, stdin=TWO.read_bytes())
    assert piped_code == ExitCode.PROBLEM and piped["data"]["errors"] == 2


def test_since_and_until_relative_to_the_context_clock(make_context: MakeContext, tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("".join(line(FIXED_NOW - timedelta(minutes=m)) for m in (5, 50, 90, 200)))
    _code, recent = run_app(make_context, str(log), since="2h")
    assert recent["data"]["errors"] == 3 and recent["data"]["left_out"] == 1
    assert recent["data"]["since"] == "2026-03-08T15:30:00Z"
    _code, window = run_app(make_context, str(log), since="2026-03-08T15:00:00Z", until="30m")
    assert window["data"]["errors"] == 2
    code, none = run_app(make_context, str(log), since="1m")
    assert code == ExitCode.OK and none["data"]["errors"] == 0


def test_bad_since_and_missing_input_are_usage_errors(make_context: MakeContext) -> None:
    with pytest.raises(UsageError):
        run_app(make_context, str(SAMPLE), since="yesterday-ish")
    with pytest.raises(UsageError):
        run_app(make_context, str(SAMPLE), since="1h", until="2h")
    with pytest.raises(NoInput):
        run_app(make_context)  # stdin is a terminal (or absent) and no PATH


@pytest.mark.parametrize("kind", ["missing", "directory", "fifo", "corrupt-gzip"])
def test_unreadable_inputs_exit_3(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.log"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "corrupt-gzip":
        path.write_bytes(gzip.compress(SAMPLE.read_bytes())[:-100])
    code, out, err = cli(monkeypatch, capsys, "scan", str(path))
    assert code == ExitCode.CANNOT_RUN and out == ""
    assert err.startswith("gemquota: error: Cannot read") and "Traceback" not in err
    code, out, _err = cli(monkeypatch, capsys, "scan", str(SAMPLE), str(path), "--format", "json")
    assert code == ExitCode.CANNOT_RUN
    assert json.loads(out)["error"]["code"] == "unreadable-input"


def test_exit_codes_through_the_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(monkeypatch, capsys, "scan", str(SAMPLE), "--format", "json")[0] == 1
    assert cli(monkeypatch, capsys, "scan", "-", stdin=QUIET)[0] == 0
    code, _out, err = cli(monkeypatch, capsys, "scan")  # stdin is a terminal
    assert code == 2 and "No log given" in err
    code, out, _err = cli(monkeypatch, capsys, "scan", str(SAMPLE), "--since", "nope", "--format", "json")
    assert code == 2 and json.loads(out)["error"]["code"] == "usage"
    assert cli(monkeypatch, capsys, "scan", str(SAMPLE), "--format", "github")[0] == 2


def test_human_report_fix_first_groups_and_chart(make_context: MakeContext) -> None:
    code, out = run_app(make_context, str(SAMPLE), fmt=OutputFormat.HUMAN)
    assert code == ExitCode.PROBLEM
    assert "129 Google/Gemini errors in 4 groups" in out
    assert "Fix first: 2 × zero-quota on gemini-3.1-flash-image between 09:12 and 11:40 UTC" in out
    assert "shift from rpm to rpd" in out
    assert "Timeline (UTC, one row per hour)" in out
    row = next(r for r in out.splitlines() if r.startswith("14:00 "))
    assert "█" * 30 in row and row.rstrip().endswith("90")
    assert next(r for r in out.splitlines() if r.startswith("12:00 ")).strip() == "12:00"


def test_human_output_never_carries_control_characters_from_the_log(
    make_context: MakeContext, tmp_path: Path
) -> None:
    log = tmp_path / "evil.log"
    body = line(datetime(2026, 3, 8, 10, tzinfo=UTC)).replace(
        "gemini-3.8-flash", "gemini-3.8-flash\x1b[31m\x1b]8;;http://x\x07"
    )
    log.write_text(body)
    _code, out = run_app(make_context, str(log), fmt=OutputFormat.HUMAN)
    assert "\x1b" not in out and "\x07" not in out


def test_scan_imports_no_google_cloud_grpc_or_genai(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom gemquota.cli import main\n"
        f"rc = main(['scan', {str(SAMPLE)!r}, '--format', 'json'])\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('google.cloud', 'google.genai', 'grpc', 'google.api_core')))\n"
        "print(rc, bad)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GEMQUOTA_", "GOOGLE_", "GEMINI_"))}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, timeout=120
    )
    assert proc.stdout.strip().splitlines()[-1] == "1 []"


def test_explain_error_reads_a_large_file_whole(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    noise = "".join(f"2026-11-04T10:00:00Z INFO worker ok job-{i:07d}\n" for i in range(60_000))
    big = tmp_path / "big.log"
    big.write_text(noise + TWO.read_text() + noise)  # about 5 MB, the errors in the middle
    code, out, _err = cli(monkeypatch, capsys, "explain-error", "--file", str(big), "--format", "json")
    assert code == 0
    assert [d["kind"] for d in json.loads(out)["data"]["diagnoses"]] == ["rpd", "overloaded"]
    code, out, _err = cli(monkeypatch, capsys, "explain-error", "--format", "json", stdin=big.read_bytes())
    assert code == 0 and json.loads(out)["data"]["diagnoses"][0]["kind"] == "rpd"


def test_input_unreadable_is_a_gemquota_error() -> None:
    err = InputUnreadable("Cannot read x: no such file.")
    assert isinstance(err, GemquotaError) and err.exit_code == ExitCode.CANNOT_RUN


def test_a_big_file_read_in_parts_gives_the_same_result(tmp_path: Path) -> None:
    from gemquota.core.scan import ScanAggregator

    log = tmp_path / "day.log"
    text = SAMPLE.read_text()
    log.write_text(text * 3)
    with open(log, "rb") as fh:
        cuts = scan_app.split_points(fh, log.stat().st_size, 3)
    assert len(cuts) == 4 and cuts[0] == 0 and cuts[-1] == log.stat().st_size
    data = log.read_bytes()
    assert all(data[c - 1 : c] == b"\n" and data[c : c + 1] not in (b" ", b"}") for c in cuts[1:-1])

    class Quiet:
        def update(self, _done: int) -> None:
            pass

    whole = ScanAggregator(now=FIXED_NOW)
    parts = ScanAggregator(now=FIXED_NOW)
    from gemquota.core.reader import BlockReader

    with open(log, "rb") as fh:
        reader = BlockReader(fh, year=2026)
        whole.add_blocks(reader)
        whole.add_input(str(log), reader.stats.bytes, reader.stats.lines)
    with open(log, "rb") as fh:
        scan_app.scan_in_parts(parts, str(log), fh, log.stat().st_size, 3, FIXED_NOW, None, None, Quiet())
    assert parts.result().to_json() == whole.result().to_json()


def test_readme_shows_the_real_output_of_the_sample(
    make_context: MakeContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    _code, out = run_app(make_context, "examples/sample-gemini.log", fmt=OutputFormat.HUMAN)
    shown = "\n".join(row.rstrip() for row in out.rstrip("\n").splitlines())
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "$ gemquota scan examples/sample-gemini.log\n" + shown + "\n```" in readme


def test_explain_error_reads_a_gzip_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    packed = tmp_path / "two.log.gz"
    packed.write_bytes(gzip.compress(TWO.read_bytes()))
    code, out, _err = cli(monkeypatch, capsys, "explain-error", "--file", str(packed), "--format", "json")
    assert code == 0
    assert [d["kind"] for d in json.loads(out)["data"]["diagnoses"]] == ["rpd", "overloaded"]


def test_progress_bar_only_on_a_terminal_and_for_big_inputs(make_context: MakeContext) -> None:
    from gemquota.render.scan import ScanProgress

    quiet = make_context()  # stderr is not a terminal
    with ScanProgress(quiet, total=500 * 1024 * 1024) as progress:
        progress.update(100 * 1024 * 1024)
    assert quiet.err == "" and not progress.live
    terminal = make_context(color=True)  # a terminal (forced)
    with ScanProgress(terminal, total=1024) as small:
        small.update(1024)
    assert terminal.err == "" and not small.live
    with ScanProgress(terminal, total=500 * 1024 * 1024) as big:
        big.next_input()
        big.update(100 * 1024 * 1024)
    assert big.live and "Scanning" in terminal.err


@pytest.mark.parametrize(
    ("env", "colored"),
    [({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False), ({"FORCE_COLOR": "1"}, True), ({}, False)],
)
def test_colour_follows_no_color_and_force_color(
    make_context: MakeContext, env: dict[str, str], colored: bool
) -> None:
    from gemquota.library import scan_files
    from gemquota.render.scan import write_human

    ctx = make_context(env=env, color=None)
    write_human(ctx, scan_files([str(SAMPLE)], now=FIXED_NOW))
    assert ("\x1b[" in ctx.out) is colored
