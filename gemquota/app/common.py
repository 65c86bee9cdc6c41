"""Helpers shared by the commands: reading a paste, parsing --now/--tz."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gemquota.context import Context
from gemquota.exceptions import NoInput, UsageError

#: Largest paste we read (bytes); more is cut off, which the parser tolerates like any truncation.
MAX_INPUT_BYTES = 16 * 1024 * 1024


def read_paste(ctx: Context, text: str | None, file: str | None, *, required: bool = True) -> str | None:
    """The paste from the argument, ``--file PATH``, ``--file -`` or piped stdin.

    Returns None when nothing was given and ``required`` is False; raises NoInput otherwise."""
    if text is not None and file is not None:
        raise UsageError("Give the error either as an argument or with --file, not both.")
    if text is not None:
        if not text.strip():
            raise NoInput("The error text is empty.", "Paste the whole error, or use --file PATH.")
        return text
    raw: bytes | None = None
    if file is not None:
        if file == "-":
            if ctx.stdin is None:
                raise NoInput("--file - given but there is no standard input.")
            raw = ctx.stdin.read(MAX_INPUT_BYTES)
        else:
            path = Path(file).expanduser()
            try:
                with path.open("rb") as fh:
                    raw = fh.read(MAX_INPUT_BYTES)
            except FileNotFoundError:
                raise UsageError(f"No such file: {file}", "Check the path given to --file.") from None
            except IsADirectoryError:
                raise UsageError(f"{file} is a directory, not a file.") from None
            except OSError as exc:
                raise UsageError(f"Cannot read {file}: {exc.strerror}") from None
    elif ctx.stdin is not None and not ctx.stdin_isatty:
        raw = ctx.stdin.read(MAX_INPUT_BYTES)
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


def parse_now(value: str | None, ctx: Context) -> datetime:
    """``--now ISO8601`` (a naive value is taken as UTC), else the context clock."""
    if value is None:
        return ctx.now()
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--now {value!r} is not an ISO 8601 time.", "Example: --now 2026-03-08T09:30:00Z"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


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
