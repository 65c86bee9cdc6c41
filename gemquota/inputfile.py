"""Reading a file named on the command line (``--file``, ``--keys-file``) safely.

One rule for every command: only a regular file is read, and only up to a size cap. A FIFO
(which blocks until a writer appears), a character device (``/dev/zero`` never ends), a directory or
a file larger than the cap (a 1 GB sparse file) is a usage error with a hint, never a hang or a
read of gigabytes. Standard input (``-``) is read by the caller, with the same cap."""

from __future__ import annotations

import os
import stat

from gemquota.exceptions import UsageError

#: Largest paste read from --file or stdin (bytes).
MAX_PASTE_BYTES = 16 * 1024 * 1024
#: Largest keys file (bytes): thousands of keys fit in far less.
MAX_KEYS_FILE_BYTES = 4 * 1024 * 1024


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular_file(path: str, *, limit: int, option: str) -> bytes:
    """The bytes of the regular file ``path`` (``~`` expanded), at most ``limit`` bytes.

    ``option`` names the option in messages (``--file``). Raises UsageError when the path does not
    exist, cannot be read, is not a regular file, or is larger than ``limit``."""
    shown = path
    full = os.path.expanduser(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(full, flags)  # O_NONBLOCK: opening a FIFO without a writer must not block
    except FileNotFoundError:
        raise UsageError(f"No such file: {shown}", f"Check the path given to {option}.") from None
    except IsADirectoryError:
        raise UsageError(f"{option}: {shown} is a directory, not a file.") from None
    except OSError as exc:
        raise UsageError(f"{option}: cannot read {shown}: {exc.strerror or type(exc).__name__}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(
                f"{option}: {shown} is {_kind(info.st_mode)}, not a regular file.",
                f"Save the text to a file, or pipe it to standard input with {option} -.",
            )
        if info.st_size > limit:
            raise UsageError(
                f"{option}: {shown} is too large ({_size(info.st_size)}; at most {_size(limit)}).",
                "Cut out the part you need into a smaller file.",
            )
        chunks: list[bytes] = []
        total = 0
        while total <= limit:  # the file may grow while we read: never past the cap
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            except BlockingIOError:  # cannot happen for regular files; be safe
                break
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise UsageError(
                f"{option}: {shown} is too large (more than {_size(limit)}).",
                "Cut out the part you need into a smaller file.",
            )
        return b"".join(chunks)
    except OSError as exc:
        raise UsageError(f"{option}: cannot read {shown}: {exc.strerror or type(exc).__name__}") from None
    finally:
        os.close(fd)


__all__ = ["MAX_KEYS_FILE_BYTES", "MAX_PASTE_BYTES", "read_regular_file"]
