"""Helpers shared by the commands: reading a paste, parsing --now/--tz."""

from __future__ import annotations

import io
from datetime import UTC, datetime, tzinfo
from typing import BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gemquota.context import Context
from gemquota.exceptions import InputUnreadable, NoInput, UsageError
from gemquota.inputfile import MAX_FILE_BYTES, open_regular_file, refuse_device_stdin


class _Joined(io.RawIOBase):
    """The bytes already read (``head``) followed by the rest of ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO, *, owned: bool) -> None:
        self._head = head
        self._stream = stream
        self._owned = owned

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if self._owned and not self.closed:
            self._stream.close()
        super().close()


def read_input(
    ctx: Context, text: str | None, file: str | None, *, required: bool = True
) -> str | BinaryIO | None:
    """The paste from the argument, ``--file PATH``, ``--file -`` or piped stdin: its text when it is
    small, else a binary stream over the whole of it (for the whole-input reader; the caller closes
    it). Returns None when nothing was given and ``required`` is False; raises NoInput otherwise."""
    from gemquota.library import DIRECT_LIMIT

    if text is not None and file is not None:
        raise UsageError("Give the error either as an argument or with --file, not both.")
    if text is not None:
        if not text.strip():
            raise NoInput("The error text is empty.", "Paste the whole error, or use --file PATH.")
        return text
    stream: BinaryIO | None = None
    owned = False
    if file is not None:
        if file == "-":
            if ctx.stdin is None:
                raise NoInput("--file - given but there is no standard input.")
            stream = ctx.stdin
        else:
            # a regular file only (a FIFO would block, /dev/zero never ends), up to a cap
            stream = open_regular_file(file, option="--file", limit=MAX_FILE_BYTES)
            owned = True
    elif ctx.stdin is not None and not ctx.stdin_isatty:
        stream = ctx.stdin
    if stream is not None and not owned:
        refuse_device_stdin(stream)
    raw: bytes | None = None
    if stream is not None:
        try:
            raw = stream.read(DIRECT_LIMIT + 1)
        except OSError as exc:
            if owned:
                stream.close()
            raise UsageError(f"Cannot read {file or 'standard input'}: {exc.strerror}") from None
        if len(raw) > DIRECT_LIMIT or raw[:2] == b"\x1f\x8b":
            # Large, or gzip (any size): the whole-input reader streams (and decompresses) it.
            return io.BufferedReader(_Joined(raw, stream, owned=owned), buffer_size=1 << 20)
        if owned:
            stream.close()
    if raw is None or not raw.strip():
        if not required and raw is None:
            return None
        raise NoInput(
            "No error text given.",
            "Pass the error as an argument, with --file PATH (or --file - for stdin), "
            "or pipe it from the clipboard: pbpaste | gemquota explain-error (macOS), "
            "wl-paste | … or xclip -o -selection clipboard | … (Linux)",
        )
    from gemquota.core.google_error import decode_paste  # the parser loads only when a paste is read

    return decode_paste(raw)


def read_paste(ctx: Context, text: str | None, file: str | None, *, required: bool = True) -> str | None:
    """The whole paste as text (see :func:`read_input`; a large one is read in full)."""
    got = read_input(ctx, text, file, required=required)
    if got is None or isinstance(got, str):
        return got
    from gemquota.core.google_error import decode_paste
    from gemquota.core.reader import UnreadableInput, decoded_stream

    with got:
        try:
            return decode_paste(decoded_stream(got, file or "-").read())  # gzip and UTF-16 too
        except (UnreadableInput, OSError, EOFError) as exc:
            raise unreadable(file, exc) from None


def unreadable(file: str | None, exc: Exception) -> InputUnreadable:
    """The one-line error for an input that could not be read to its end (corrupt gzip, bomb…)."""
    reason = getattr(exc, "reason", None) or str(exc)
    return InputUnreadable(
        f"Cannot read {file if file not in (None, '-') else 'standard input'}: {reason}.",
        "Check the file; a .gz must be complete (gzip -t FILE), or pass the text itself.",
    )


def iso_utc(value: str) -> datetime | None:
    """An ISO 8601 time (``Z`` allowed; a naive value is taken as UTC) in UTC, or None if it is not one."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_now(value: str | None, ctx: Context) -> datetime:
    """``--now ISO8601`` (a naive value is taken as UTC), else the context clock."""
    if value is None:
        return ctx.now()
    moment = iso_utc(value)
    if moment is None:
        raise UsageError(f"--now {value!r} is not an ISO 8601 time.", "Example: --now 2026-03-08T09:30:00Z")
    return moment


def parse_tz(value: str | None) -> tzinfo | None:
    """``--tz ZONE`` as an IANA zone (``Europe/Berlin``), or None for the machine's local zone."""
    if value is None:
        return None
    if value.upper() in ("UTC", "Z"):
        return UTC
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"Unknown time zone {value!r}.", "Use an IANA name such as Europe/Berlin.") from None
