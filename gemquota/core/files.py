"""The one guard for opening a file named by the user (``--file``, ``--keys-file``, scan's logs).

Only a regular file is opened, and only up to a size cap when one is given. A FIFO (it blocks until a
writer appears), a character device (``/dev/zero`` never ends), a directory or a file larger than the
cap is refused with a :class:`Refused` that says which, before anything is read. The type is checked
on the opened descriptor (opened non-blocking), so a path swapped for a FIFO between a check and the
open cannot make the reader block. Pure stdlib; callers turn a refusal into their own error."""

from __future__ import annotations

import os
import stat
from typing import BinaryIO, Literal

Problem = Literal["missing", "directory", "not-regular", "too-large", "unreadable"]


class Refused(Exception):
    """A path that is not opened: ``problem`` says why, ``reason`` in a few words (no path in it)."""

    def __init__(self, path: str, problem: Problem, reason: str) -> None:
        super().__init__(path, problem, reason)  # all in args: the exception survives pickling
        self.path = path
        self.problem: Problem = problem
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def size_text(n: int) -> str:
    """``n`` bytes for a message: ``1.5 GB``, ``12.0 MB``, ``300 bytes``."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def file_kind(mode: int) -> str:
    """What a non-regular file is, for a message: ``a pipe (FIFO)``, ``a character device``…"""
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


_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO without a writer must not block
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


def open_regular(path: str, *, limit: int | None = None) -> BinaryIO:
    """The regular file ``path`` (``~`` expanded) opened for binary reading, nothing read yet.

    Raises :class:`Refused` when it does not exist, cannot be opened, is not a regular file or is
    larger than ``limit`` bytes."""
    full = os.path.expanduser(path)
    try:
        fd = os.open(full, _FLAGS)
    except FileNotFoundError:
        raise Refused(path, "missing", "no such file") from None
    except IsADirectoryError:
        raise Refused(path, "directory", "is a directory, not a file") from None
    except OSError as exc:
        raise Refused(path, "unreadable", exc.strerror or type(exc).__name__) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Refused(path, "directory", "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise Refused(path, "not-regular", f"is {file_kind(info.st_mode)}, not a regular file")
        if limit is not None and info.st_size > limit:
            raise Refused(
                path, "too-large", f"is too large ({size_text(info.st_size)}; at most {size_text(limit)})"
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


__all__ = ["Problem", "Refused", "file_kind", "open_regular", "size_text"]
