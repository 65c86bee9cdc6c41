"""doctor as a process: it ends right after the report, the first Ctrl-C ends it, many keys work.

The emulator runs in the test process; ``python -m gemquota doctor`` runs as a child pointed at it."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gemquota.emulator import Emulator, Fault

pytestmark = [
    pytest.mark.network,
    pytest.mark.timeout(120),
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and rlimits"),
]


def _env(emu: Emulator) -> dict[str, str]:
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GEMINI", "GOOGLE", "GEMQUOTA", "CLOUDSDK", "NO_COLOR", "FORCE_COLOR"))
    }
    return {**keep, **emu.demo_env(), "COLUMNS": "120"}


def _doctor(emu: Emulator, *args: str, **popen: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "gemquota", "doctor", *args],
        env=_env(emu),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        **popen,
    )


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator("healthy") as e:
        yield e


def test_process_ends_right_after_the_report_when_calls_hang(emu: Emulator) -> None:
    # these answers never come (until the emulator stops): worker threads must not be waited for
    emu.inject("monitoring", Fault.timeout())
    emu.inject("cloudquotas", Fault.trickle(0.2))
    start = time.monotonic()
    with _doctor(emu, "--timeout", "1", "--format", "json") as proc:
        try:
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
    elapsed = time.monotonic() - start
    assert proc.returncode == 1, err
    data = json.loads(out)["data"]
    checks = {c["id"]: c for c in data["checks"]}
    assert "no answer within 1 s" in checks["quota-usage"]["summary"]
    assert "no answer within 1 s" in checks["quota-limits"]["summary"]
    assert "Traceback" not in err
    # start-up (imports) + one round of 1 s deadlines, far below the old 6 x --timeout + join forever
    assert elapsed < 30, elapsed


def test_first_ctrl_c_ends_the_run_with_130(emu: Emulator) -> None:
    emu.inject("apikeys", Fault.timeout())
    with _doctor(emu, "--timeout", "60") as proc:
        try:
            deadline = time.monotonic() + 60
            while not any(r.api == "apikeys" for r in emu.requests):  # the run is under way
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.05)
            proc.send_signal(signal.SIGINT)
            start = time.monotonic()
            out, err = proc.communicate(timeout=20)
            elapsed = time.monotonic() - start
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "Interrupted" in err
    assert elapsed < 5, elapsed


def _limit_open_files() -> None:
    import resource

    # the case is 1 024; 256 leaves no room for a socket per key either way
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))


def test_eleven_hundred_keys_under_a_low_open_file_limit(emu: Emulator, tmp_path: Path) -> None:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    keys = [emu.scenario.demo.api_keys[0]]
    keys += ["AQ.Ab8RN" + "".join(secrets.choice(alphabet) for _ in range(45)) for _ in range(1099)]
    keys_file = tmp_path / "keys.txt"
    keys_file.write_text("\n".join(keys) + "\n", encoding="utf-8")
    start = time.monotonic()
    with _doctor(
        emu,
        "--keys-file",
        str(keys_file),
        "--format",
        "json",
        "--timeout",
        "20",
        preexec_fn=_limit_open_files,
    ) as proc:
        try:
            out, err = proc.communicate(timeout=110)
        finally:
            if proc.poll() is None:
                proc.kill()
    elapsed = time.monotonic() - start
    assert "Too many open files" not in out + err
    data = json.loads(out)["data"]
    checks = {c["id"]: c for c in data["checks"]}
    assert all(c["status"] != "crash" for c in checks.values()), checks
    assert checks["billed-project"]["status"] == "ok", checks["billed-project"]
    assert "1099 could not be looked up" in checks["shared-keys"]["summary"]
    print(f"1100 keys: {elapsed:.1f} s")
