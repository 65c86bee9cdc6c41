"""``gemquota scan [PATH]... [--since WHEN] [--until WHEN]``: every Google / Gemini error in whole
logs, merged, timed and ranked (SPEC §1.7).

Exit 0 when no Google error was found, 1 when some were, 2 on a usage error (no input, a bad
``--since``), 3 when an input could not be read (missing, a directory, a FIFO or device, corrupt gzip)."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from typing import BinaryIO

from gemquota.context import Context, OutputFormat
from gemquota.core.reader import BlockReader, UnreadableInput, open_path
from gemquota.core.scan import ScanAggregator, ScanResult
from gemquota.exceptions import GemquotaError, NoInput, UsageError
from gemquota.exitcodes import ExitCode

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


class InputUnreadable(GemquotaError):
    """An input of scan could not be read (exit 3)."""

    code = "unreadable-input"
    exit_code = ExitCode.CANNOT_RUN


def parse_when(value: str | None, now: datetime, option: str) -> datetime | None:
    """``--since`` / ``--until``: ISO 8601 (a time without a zone is UTC) or a duration before now
    (``30m``, ``2h``, ``1d``)."""
    if value is None:
        return None
    match = _DURATION.match(value)
    if match:
        amount = float(match.group(1)) * _SECONDS[match.group(2).lower()]
        return now - timedelta(seconds=amount)
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option} {value!r} is neither an ISO 8601 time nor a duration.",
            f"Examples: {option} 2026-11-04T14:00:00Z, {option} 2h, {option} 30m",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


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


def scan(ctx: Context, *, paths: tuple[str, ...], since: str | None, until: str | None) -> ScanResult:
    """Read every input and build the scan result (progress on stderr for big inputs)."""
    now = ctx.now()
    since_at = parse_when(since, now, "--since")
    until_at = parse_when(until, now, "--until")
    if since_at is not None and until_at is not None and since_at > until_at:
        raise UsageError("--since is after --until.", "Give --since an earlier time than --until.")
    opened = _sources(ctx, paths)
    aggregator = ScanAggregator(now=now, since=since_at, until=until_at)
    sizes = [size for _n, _s, size in opened]
    total = None if any(s is None for s in sizes) else sum(s or 0 for s in sizes)
    from gemquota.render.scan import ScanProgress

    try:
        with ScanProgress(ctx, total=total) as progress:
            for name, stream, _size in opened:
                progress.next_input()
                reader = BlockReader(stream, name=name, year=now.year, on_progress=progress.update)
                try:
                    aggregator.add_blocks(reader)
                except UnreadableInput as exc:
                    raise InputUnreadable(
                        f"Cannot read {exc.name}: {exc.reason}.", "Is the .gz file complete?"
                    ) from None
                aggregator.add_input(name, reader.stats.bytes, reader.stats.lines)
    finally:
        _close(opened)
    return aggregator.result()


def run(ctx: Context, *, paths: tuple[str, ...], since: str | None, until: str | None) -> int:
    """Scan and print the result (human or JSON)."""
    result = scan(ctx, paths=paths, since=since, until=until)
    from gemquota.render import scan as render

    if ctx.fmt is OutputFormat.JSON:
        render.write_json(ctx, result)
    else:
        render.write_human(ctx, result)
    return int(ExitCode.PROBLEM if result.errors else ExitCode.OK)
