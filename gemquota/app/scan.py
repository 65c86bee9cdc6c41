"""``gemquota scan [PATH]... [--since WHEN] [--until WHEN]``: every Google / Gemini error in whole
logs, merged, timed and ranked (SPEC §1.7). Printing is ``gemquota.render.scan``, called by
``gemquota.commands.scan``.

Exit 0 when no Google error was found, 1 when some were, 2 on a usage error (no input, a bad
``--since``), 3 when an input could not be read (missing, a directory, a FIFO or device, corrupt gzip)."""

from __future__ import annotations

import io
import itertools
import multiprocessing
import os
import re
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime, timedelta
from typing import Any, BinaryIO, Protocol

from gemquota.app.common import iso_utc
from gemquota.context import Context
from gemquota.core.reader import BlockReader, UnreadableInput, open_path
from gemquota.core.scan import ScanAggregator, ScanResult
from gemquota.exceptions import GemquotaError, InputUnreadable, NoInput, UsageError
from gemquota.inputfile import refuse_device_stdin

COMMAND = "scan"

_DURATION = re.compile(r"(?i)^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d|day|w)s?\s*$")
_SECONDS = {
    "s": 1,
    "sec": 1,
    "m": 60,
    "min": 60,
    "h": 3600,
    "hr": 3600,
    "d": 86400,
    "day": 86400,
    "w": 604800,
}


#: A plain (not gzip) regular file at least this big is read in parts by several processes.
PARALLEL_MIN_BYTES = 48 * 1024 * 1024
#: How far past a split point the start of the next log record is looked for.
_SPLIT_WINDOW = 256 * 1024


def parse_when(value: str | None, now: datetime, option: str) -> datetime | None:
    """``--since`` / ``--until``: ISO 8601 (a time without a zone is UTC) or a duration before now
    (``30m``, ``2h``, ``1d``)."""
    if value is None:
        return None
    match = _DURATION.match(value)
    if match:
        amount = float(match.group(1)) * _SECONDS[match.group(2).lower()]
        return now - timedelta(seconds=amount)
    moment = iso_utc(value)
    if moment is None:
        raise UsageError(
            f"{option} {value!r} is neither an ISO 8601 time nor a duration.",
            f"Examples: {option} 2026-11-04T14:00:00Z, {option} 2h, {option} 30m",
        )
    return moment


def _sources(ctx: Context, paths: tuple[str, ...]) -> list[tuple[str, BinaryIO, int | None]]:
    """Every input opened (stdin for ``-`` or no PATH with piped stdin), with its size when known.
    All are opened before any is read, so an unreadable one fails the run at once."""
    names = list(paths)
    if not names:
        if ctx.stdin is None or ctx.stdin_isatty:
            raise NoInput(
                "No log given.",
                "Pass one or more log files (plain or .gz), '-' for stdin, or pipe a log: "
                "kubectl logs my-pod | gemquota scan",
            )
        names = ["-"]
    if names.count("-") > 1:
        raise UsageError("'-' (standard input) can be given only once.")
    opened: list[tuple[str, BinaryIO, int | None]] = []
    try:
        for name in names:
            if name == "-":
                if ctx.stdin is None or ctx.stdin_isatty:
                    raise NoInput(
                        "'-' given but standard input is a terminal.", "Pipe a log into gemquota scan -"
                    )
                refuse_device_stdin(ctx.stdin)  # < /dev/zero would never end
                opened.append((name, ctx.stdin, None))
                continue
            stream = open_path(name)
            try:
                size: int | None = os.fstat(stream.fileno()).st_size
            except (OSError, AttributeError, ValueError):
                size = None
            opened.append((name, stream, size))
    except UnreadableInput as exc:
        _close(opened)
        raise InputUnreadable(
            f"Cannot read {exc.name}: {exc.reason}.",
            "Check the path; scan reads regular files, .gz files and '-' (stdin).",
        ) from None
    except GemquotaError:
        _close(opened)
        raise
    return opened


def _close(opened: list[tuple[str, BinaryIO, int | None]]) -> None:
    for name, stream, _size in opened:
        if name != "-":
            stream.close()


class _Range(io.RawIOBase):
    """Bytes ``[start, end)`` of a file, read through its own descriptor."""

    def __init__(self, path: str, start: int, end: int) -> None:
        self._fh = open(os.path.expanduser(path), "rb", buffering=0)
        self._fh.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: min(len(buffer), self._left)]
        n = self._fh.readinto(view) or 0
        self._left -= n
        return n

    def tell(self) -> int:
        return int(self._fh.tell())

    def close(self) -> None:
        self._fh.close()
        super().close()


def split_points(stream: BinaryIO, size: int, parts: int) -> list[int]:
    """Offsets that cut a file into ``parts`` ranges, each cut at the start of a log record (a line
    that starts with a time stamp; else one that is not indented and does not close a bracket), so
    no multi-line error is cut in two."""
    cuts = [0]
    for k in range(1, parts):
        at = size * k // parts
        stream.seek(at)
        window = stream.read(_SPLIT_WINDOW)
        cut = fallback = -1
        pos = window.find(b"\n")
        while pos != -1 and pos + 1 < len(window):
            first = window[pos + 1 : pos + 2]
            if first not in (b" ", b"\t", b"}", b"]", b")", b"\n", b"\r"):
                if first.isdigit() or first == b"[":
                    cut = at + pos + 1  # a line that starts with a time stamp: a new record
                    break
                if fallback < 0:
                    fallback = at + pos + 1
            pos = window.find(b"\n", pos + 1)
        cut = cut if cut >= 0 else fallback
        if cut > cuts[-1]:
            cuts.append(cut)
    stream.seek(0)
    return [*cuts, size]


def _scan_range(
    path: str, start: int, end: int, now: datetime, since: datetime | None, until: datetime | None
) -> tuple[dict[str, Any], int, int]:
    """A worker process: one range of a file, aggregated (state, bytes, lines)."""
    aggregator = ScanAggregator(now=now, since=since, until=until)
    with io.BufferedReader(_Range(path, start, end), buffer_size=1 << 20) as stream:
        reader = BlockReader(stream, name=path, year=now.year)
        aggregator.add_blocks(reader)
    return aggregator.export(), reader.stats.bytes, reader.stats.lines


def _parts(stream: BinaryIO, size: int | None) -> int:
    """How many processes read this input: several for a big plain file on a machine with cores."""
    if size is None or size < PARALLEL_MIN_BYTES:
        return 1
    cores = os.cpu_count() or 1
    if cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    except OSError:
        return 1
    if head == b"\x1f\x8b":
        return 1  # gzip cannot be read from the middle
    return min(cores, 4)


class Progress(Protocol):
    """What scan reports its reading to (``gemquota.render.scan.ScanProgress``, or nothing)."""

    def next_input(self) -> None: ...

    def update(self, done: int) -> None: ...


class _NoProgress:
    def next_input(self) -> None:
        pass

    def update(self, done: int) -> None:
        pass


Opened = list[tuple[str, BinaryIO, int | None]]


def open_inputs(ctx: Context, paths: tuple[str, ...]) -> Opened:
    """Every input opened (see :func:`_sources`); the caller passes them to :func:`scan` which closes them."""
    return _sources(ctx, paths)


def total_size(opened: Opened) -> int | None:
    """The bytes of all inputs, or None when one is of unknown size (stdin)."""
    sizes = [size for _n, _s, size in opened]
    return None if any(s is None for s in sizes) else sum(s or 0 for s in sizes)


def scan(
    ctx: Context,
    opened: Opened,
    *,
    since: str | None,
    until: str | None,
    progress: Progress | None = None,
) -> ScanResult:
    """Read every opened input (closing them) and build the scan result."""
    now = ctx.now()
    tracker: Progress = progress if progress is not None else _NoProgress()
    try:
        since_at = parse_when(since, now, "--since")
        until_at = parse_when(until, now, "--until")
        if since_at is not None and until_at is not None and since_at > until_at:
            raise UsageError("--since is after --until.", "Give --since an earlier time than --until.")
        aggregator = ScanAggregator(now=now, since=since_at, until=until_at)
        for name, stream, size in opened:
            tracker.next_input()
            parts = _parts(stream, size)
            try:
                if parts > 1 and size is not None:
                    scan_in_parts(aggregator, name, stream, size, parts, now, since_at, until_at, tracker)
                    continue
                reader = BlockReader(stream, name=name, year=now.year, on_progress=tracker.update)
                aggregator.add_blocks(reader)
            except UnreadableInput as exc:
                raise InputUnreadable(
                    f"Cannot read {exc.name}: {exc.reason}.", "Is the .gz file complete?"
                ) from None
            aggregator.add_input(name, reader.stats.bytes, reader.stats.lines)
    finally:
        _close(opened)
    return aggregator.result()


def scan_in_parts(
    aggregator: ScanAggregator,
    name: str,
    stream: BinaryIO,
    size: int,
    parts: int,
    now: datetime,
    since: datetime | None,
    until: datetime | None,
    progress: Progress,
) -> None:
    """Read a big plain file in ``parts`` ranges: the first here, the others in forked processes;
    the states are merged in file order."""
    cuts = split_points(stream, size, parts)
    ranges = list(itertools.pairwise(cuts))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=max(1, len(ranges) - 1), mp_context=context) as pool:
        futures: list[Future[tuple[dict[str, Any], int, int]]] = [
            pool.submit(_scan_range, name, start, end, now, since, until) for start, end in ranges[1:]
        ]
        first_end = ranges[0][1]
        share = size / max(first_end, 1)
        with io.BufferedReader(_Range(name, 0, first_end), buffer_size=1 << 20) as head:
            reader = BlockReader(
                head, name=name, year=now.year, on_progress=lambda n: progress.update(int(n * share))
            )
            aggregator.add_blocks(reader)
        total_bytes, total_lines = reader.stats.bytes, reader.stats.lines
        for future in futures:
            state, n_bytes, n_lines = future.result()
            aggregator.absorb(state)
            total_bytes += n_bytes
            total_lines += n_lines
    aggregator.add_input(name, total_bytes, total_lines)
