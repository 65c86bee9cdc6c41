"""Files named on the command line: only regular files, only up to a cap (no hang, no gigabytes)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from gemquota.cli import main
from gemquota.exceptions import UsageError
from gemquota.inputfile import read_regular_file

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


def test_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "keys.txt"
    path.write_bytes(b"AQ.abc\n# comment\n")
    assert read_regular_file(str(path), limit=100, option="--keys-file") == b"AQ.abc\n# comment\n"


def test_file_over_the_cap_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(UsageError, match="too large"):
        read_regular_file(str(path), limit=100, option="--file")


def test_sparse_gigabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "sparse.log"
    with path.open("wb") as fh:
        fh.truncate(1 << 30)  # 1 GB of holes: reading it would allocate a gigabyte
    start = time.monotonic()
    with pytest.raises(UsageError, match=r"too large \(1\.0 GB"):
        read_regular_file(str(path), limit=16 << 20, option="--file")
    assert time.monotonic() - start < 5


@posix_only
def test_fifo_without_writer_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match=r"pipe \(FIFO\)") as info:
        read_regular_file(str(fifo), limit=100, option="--keys-file")
    assert info.value.hint and "--keys-file -" in info.value.hint


@posix_only
def test_dev_zero_is_refused() -> None:
    with pytest.raises(UsageError, match="character device"):
        read_regular_file("/dev/zero", limit=100, option="--file")


def test_directory_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="directory"):
        read_regular_file(str(tmp_path), limit=100, option="--file")
    with pytest.raises(UsageError, match="No such file"):
        read_regular_file(str(tmp_path / "nope"), limit=100, option="--file")


@posix_only
@pytest.mark.parametrize(
    "argv",
    [
        ["explain-error", "--file", "{fifo}"],
        ["reset-in", "--file", "/dev/zero"],
        ["doctor", "--keys-file", "{fifo}", "--format", "json"],
        ["doctor", "--keys-file", "/dev/zero"],
    ],
)
def test_commands_refuse_fifo_and_devices_with_exit_2(
    tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    start = time.monotonic()
    code = main([a.format(fifo=fifo) for a in argv])
    assert code == 2
    assert time.monotonic() - start < 10
    out = capsys.readouterr()
    assert "not a regular file" in out.out + out.err


@posix_only
def test_explain_error_refuses_a_gigabyte_sparse_file_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sparse.log"
    with path.open("wb") as fh:
        fh.truncate(1 << 30)
    start = time.monotonic()
    assert main(["explain-error", "--file", str(path), "--format", "json"]) == 2
    assert time.monotonic() - start < 5
    assert "too large" in capsys.readouterr().out


@posix_only
@pytest.mark.parametrize("command", ["explain-error", "reset-in", "scan"])
def test_stdin_from_dev_zero_is_refused(command: str) -> None:
    import subprocess

    with open("/dev/zero", "rb") as zero:
        run = subprocess.run(
            [sys.executable, "-m", "gemquota", command, "--format", "json"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 2, run
    assert "character device" in run.stdout
