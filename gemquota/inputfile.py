"""Reading a file named on the command line (``--file``, ``--keys-file``) safely.

One rule for every command: only a regular file is read, and only up to a size cap. A FIFO
(which blocks until a writer appears), a character device (``/dev/zero`` never ends), a directory or
a file larger than the cap (a 1 GB sparse file) is a usage error with a hint, never a hang or a
read of gigabytes. Standard input that is a device (``< /dev/zero``) is refused the same way."""

from __future__ import annotations

import io
import os
import stat
from typing import BinaryIO

from gemquota.core.files import Refused, file_kind, open_regular, size_text
from gemquota.exceptions import UsageError

#: Largest file explain-error / reset-in read with --file (bytes): whole logs are streamed, but a
#: file larger than this (a 1 GB sparse file, a disk image) is refused before anything is read.
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Largest keys file (bytes): thousands of keys fit in far less.
MAX_KEYS_FILE_BYTES = 4 * 1024 * 1024


def open_regular_file(path: str, *, option: str, limit: int | None = None) -> BinaryIO:
    """The regular file ``path`` (``~`` expanded) opened for binary reading, nothing read yet.

    Raises UsageError when the path does not exist, cannot be read, is not a regular file (checked
    on the opened file, so a path swapped for a FIFO cannot make it block), or is larger than
    ``limit`` bytes. ``option`` names the option in messages (``--file``)."""
    try:
        return open_regular(path, limit=limit)
    except Refused as exc:
        raise _usage_error(exc, option) from None


def _usage_error(exc: Refused, option: str) -> UsageError:
    shown = exc.path
    if exc.problem == "missing":
        return UsageError(f"No such file: {shown}", f"Check the path given to {option}.")
    if exc.problem == "directory":
        return UsageError(f"{option}: {shown} is a directory, not a file.")
    if exc.problem == "not-regular":
        return UsageError(
            f"{option}: {shown} {exc.reason}.",
            f"Save the text to a file, or pipe it to standard input with {option} -.",
        )
    if exc.problem == "too-large":
        return UsageError(
            f"{option}: {shown} {exc.reason}.", "Cut out the part you need into a smaller file."
        )
    return UsageError(f"{option}: cannot read {shown}: {exc.reason}")


def read_regular_file(path: str, *, limit: int, option: str) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` bytes (see open_regular_file);
    a file that grows past ``limit`` while it is read is refused too."""
    with open_regular_file(path, option=option, limit=limit) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise UsageError(f"{option}: cannot read {path}: {exc.strerror or type(exc).__name__}") from None
    if len(data) > limit:
        raise UsageError(
            f"{option}: {path} is too large (more than {size_text(limit)}).",
            "Cut out the part you need into a smaller file.",
        )
    return data


def refuse_device_stdin(stream: object) -> None:
    """UsageError when standard input is a device other than a terminal (``< /dev/zero`` never
    ends); pipes, regular files and streams without a descriptor pass."""
    fileno = getattr(stream, "fileno", None)
    if fileno is None:
        return
    try:
        mode = os.fstat(fileno()).st_mode
    except (OSError, ValueError, io.UnsupportedOperation):
        return
    if (stat.S_ISCHR(mode) or stat.S_ISBLK(mode)) and not os.isatty(fileno()):
        raise UsageError(
            f"Standard input is {file_kind(mode)}, not a file or a pipe.",
            "Redirect a file (< error.txt) or pipe the text in.",
        )


__all__ = [
    "MAX_FILE_BYTES",
    "MAX_KEYS_FILE_BYTES",
    "open_regular_file",
    "read_regular_file",
    "refuse_device_stdin",
]
