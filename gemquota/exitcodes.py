"""Exit codes: the only place the numbers exist (SPEC §7)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit status of every gemquota command."""

    OK = 0  #: ran, nothing wrong / input explained
    PROBLEM = 1  #: ran, problem found (doctor fail/crash, probe error, reset-in: no reset helps)
    USAGE = 2  #: usage error
    CANNOT_RUN = 3  #: no key or credentials where required, network unreachable, internal error
    UNRECOGNIZED = 4  #: explain-error / reset-in: no Google error recognised in the input
    INTERRUPTED = 130  #: Ctrl-C
