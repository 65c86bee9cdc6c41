"""Text from outside (pastes, API fields, file names) made safe to print on a terminal.

Pure stdlib: control characters (C0, DEL, C1), ANSI/OSC escape sequences, bidi overrides and
isolates, and lone surrogates are shown escaped (``\\x1b``, ``\\u202e``), never emitted raw.
Rich markup is not interpreted by our consoles (``markup=False``), so brackets need no escaping."""

from __future__ import annotations

import re

from gemquota.core.lazyre import LazyRe

#: Characters never printed raw: C0 controls but tab/newline, DEL, C1 controls, bidi controls,
#: zero-width joiners used for spoofing, line/paragraph separators and lone surrogates.
_UNSAFE = LazyRe(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
#: The same, with newline and tab unsafe too (for one-line fields).
_UNSAFE_LINE = LazyRe("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """``text`` with every unsafe character escaped; newlines and tabs are kept."""
    if not text or (text.isascii() and text.replace("\n", " ").replace("\t", " ").isprintable()):
        return text  # printable ASCII (the common case) holds nothing unsafe: no pattern needed
    return _UNSAFE.rx.sub(_escape, text)


def safe_line(text: str) -> str:
    """``text`` for a one-line field: newlines and tabs escaped as well."""
    if not text or (text.isascii() and text.isprintable()):
        return text
    return _UNSAFE_LINE.rx.sub(_escape, text)
