"""The literal gate: cheap substring checks that rule a regex out before it runs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from gemquota.core.lazyre import LazyRe as _Re

#: One token of a pattern: an escape, a character class (to its first unescaped ``]``), a bracket or
#: bar, or a run of anything else.
_SPLIT_TOKEN = re.compile(r"\\.?|\[(?:\\.?|[^\]\\])*\]?|[()|]|[^\\\[()|]+", re.S)
_GROUPS = re.compile(r"\((?:[^()]|\([^()]*\))*\)|\[(?:\\.|[^\]\\])*\]")
_ESCAPE = re.compile(r"\\.")
#: Escaped punctuation held as private-use characters while a pattern is cut into pieces.
_HELD = 0xE000
_UNHELD = {_HELD + code: code for code in range(128)}


def _escape_piece(match: re.Match[str]) -> str:
    char = match.group(0)[1:]
    if char and char.isascii() and not char.isalnum() and not char.isspace() and char != "_":
        return chr(_HELD + ord(char))
    return "\x00"


_COUNTED = re.compile(r".\{\d*,?\d*\}")
_QUANTIFIED = re.compile(r".[?*+]")
_PIECE_SEP = re.compile(r"[\x00.^$*+?{}|\s]")


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern``."""
    branches: list[str] = []
    depth = 0
    last = 0
    at = 0
    # Escapes and whole character classes are single tokens: only a bare ``(``, ``)`` or ``|`` counts.
    for token in _SPLIT_TOKEN.findall(pattern):
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif token == "|" and depth == 0:
            branches.append(pattern[last:at])
            last = at + 1
        at += len(token)
    branches.append(pattern[last:])
    return branches


#: How a group opens: capturing, non-capturing, named or atomic (anything else, such as a look-around,
#: a flag group or a back reference, is not read).
_GROUP_OPENERS = ("(?:", "(?P<", "(?>")


def _group_pieces(branch: str) -> tuple[str, ...]:
    """Pieces of ``branch`` found inside its top-level groups: for each group that must match (not
    optional), the pieces of one of its alternatives that every other alternative holds too."""
    found: list[str] = []
    depth = 0
    start = 0
    at = 0
    tokens = _SPLIT_TOKEN.findall(branch)
    for index, token in enumerate(tokens):
        if token == "(":
            if depth == 0:
                start = at
            depth += 1
        elif token == ")":
            depth -= 1
            if depth == 0:
                after = tokens[index + 1] if index + 1 < len(tokens) else ""
                found.extend(_must_group_pieces(branch[start : at + 1], after))
        at += len(token)
    return tuple(found)


def _must_group_pieces(group: str, after: str) -> list[str]:
    """The pieces every alternative of ``group`` (``(...)`` whole) holds, when the group must match."""
    if after[:1] in ("?", "*") or after.startswith(("{0", "{,")):
        return []  # optional: a match may skip it
    if group.startswith("(?"):
        if not group.startswith(_GROUP_OPENERS) or group.startswith("(?P="):
            return []
        inner = group[group.index(">") + 1 : -1] if group.startswith("(?P<") else group[3:-1]
    else:
        inner = group[1:-1]
    alternatives = _required_literals(inner)
    if not alternatives:
        return []
    first, *others = alternatives
    return [p for p in first if all(any(p in q for q in pieces) for pieces in others)]


def _required_literals(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """For each top-level alternative of ``pattern``: literal pieces that any match of it contains.

    A text holding, for no alternative, all of that alternative's pieces cannot match, so the regex is
    not run at all. Conservative: groups, classes, escapes and quantified characters are dropped
    (pieces only ever get shorter); None when an alternative has no piece (always run)."""
    if "(?i" in pattern or "(?x" in pattern:
        return None
    branches = _branches(pattern) if "|" in pattern else [pattern]
    out: list[tuple[str, ...]] = []
    for branch in branches:
        # Class escapes (\s, \d, \w) and assertions (\b) separate pieces; an escaped punctuation mark
        # (\. \- \/) stands for itself (held apart from the separators until the split).
        text = _ESCAPE.sub(_escape_piece, branch)
        previous = None
        while previous != text:
            previous = text
            text = _GROUPS.sub("\x00", text)
        if "(" in text or "[" in text or ")" in text:
            return None
        # A quantified character may be absent (or repeated): it separates pieces too.
        if "{" in text:
            text = _COUNTED.sub("\x00", text)
        text = _QUANTIFIED.sub("\x00", text)
        pieces = tuple(p.translate(_UNHELD) for p in _PIECE_SEP.split(text) if len(p) >= 4)
        if not pieces:
            # No literal outside groups: a piece every alternative of a group it must match holds
            # (``(?:not\s+eligible|ineligible)`` always holds ``eligible``).
            pieces = _group_pieces(branch)
        if not pieces:
            return None
        out.append(tuple(sorted(set(pieces), key=lambda p: (p.lower() in _COMMON, -len(p)))))
    return tuple(out)


#: Words most pastes contain: looked up last.
_COMMON = frozenset(
    {"quota", "model", "error", "exceeded", "for", "not", "has", "have", "the", "are", "your", "you"}
    | {"limit", "http", "status", "code", "request", "found", "metric", "googleapis", "com/", "been"}
)


class _Spec:
    """One regex family of the text pass, with the cheap literal checks that gate it."""

    __slots__ = ("family", "keys", "kind", "need", "on_low", "probe", "rx", "sid", "status")

    def __init__(
        self,
        kind: str,
        keys: tuple[str, ...],
        rx: _Re,
        *,
        on_low: bool,
        sid: str = "",
        family: str = "",
        status: str | None = None,
    ) -> None:
        self.kind = kind
        self.rx = rx
        self.on_low = on_low
        self.sid = sid
        self.family = family
        self.status = status
        self.need = _required_literals(rx.pattern) if not rx.flags & re.IGNORECASE or on_low else None
        self.keys = _needed_keys(keys, self.need, on_low=on_low)
        # Many keys and no required pieces, but a regex whose leading characters are rare: one
        # search rules the spec out faster than the key look-ups (no match means no facts anyway).
        self.probe = kind in _PROBE_FIRST


def _needed_keys(
    keys: tuple[str, ...], need: tuple[tuple[str, ...], ...] | None, *, on_low: bool
) -> tuple[str, ...]:
    """The keys check that still rules something out once ``need`` passes (same outcome, fewer
    look-ups): none when every alternative of ``need`` holds a piece that holds a key (``need``
    passing implies a key is present); else the keys that hold no other key."""
    if need is not None and all(
        any(p.isascii() and any(k in (p if on_low else p.lower()) for k in keys) for p in pieces)
        for pieces in need
    ):
        return ()
    return tuple(k for k in dict.fromkeys(keys) if not any(o != k and o in k for o in keys))


_PROBE_FIRST = frozenset({"exception", "code_phrase"})


#: A word boundary, or a negative look-behind of one character (``\w`` or a class), leading an alternative.
_GUARD = re.compile(r"\\b|\(\?<!(\\w|\[(?:\\.|[^\]\\])+\])\)")
#: A run of characters that stand for themselves.
_PLAIN_RUN = re.compile(r"[A-Za-z0-9_\-@:/ ]+")


def literal_led(pattern: str) -> str:
    """``pattern`` with each alternative that starts with a guard then literal text (``\\bgemini``,
    ``(?<![\\w/])openai``) rewritten to start with that text and check the guard behind it
    (``gemini(?<!\\wgemini)``): the same matches, but the regex engine looks for the literal text at
    once instead of trying the guard at every position (many times faster on a long paste)."""
    # An alternative starts at the start of the pattern or after a ``|``: without a guard there, none
    # starts with one (no need to split the alternatives).
    if not pattern.startswith(("\\b", "(?<!")) and "|\\b" not in pattern and "|(?<!" not in pattern:
        return pattern
    branches = _branches(pattern) if "|" in pattern else [pattern]
    return "|".join(_literal_led_branch(branch) for branch in branches)


def _literal_led_branch(branch: str) -> str:
    guard = _GUARD.match(branch)
    if guard is None:
        return branch
    run = _PLAIN_RUN.match(branch, guard.end())
    if run is None:
        return branch
    text = run.group(0)
    if branch[run.end() : run.end() + 1] in ("*", "+", "?", "{"):
        text = text[:-1]  # the last character is quantified: not part of the literal text
    behind = guard.group(1) or "\\w"
    if not text or (
        guard.group(1) is None and not (text[0].isascii() and (text[0].isalnum() or text[0] == "_"))
    ):
        return branch
    rest = branch[guard.end() + len(text) :]
    return f"{text}(?<!{behind}{re.escape(text)}){rest}"


class LiteralFinder:
    """Which of many literals a text holds, found in one pass in C (an Aho–Corasick automaton): each
    literal stands for the indices of the specs it lets through. One pass over the lower-cased text
    replaces a substring look-up per literal (over a hundred on every text), finds overlapping literals
    as well, and finds the case-sensitive literals too (their lower-cased form, then checked as written
    in the text itself)."""

    __slots__ = ("_automaton",)

    def __init__(
        self, lower: Mapping[str, Iterable[int]], exact: Mapping[str, Iterable[int]] | None = None
    ) -> None:
        import ahocorasick  # a C extension: ~1 ms to import, only once a text is read

        entries: dict[str, tuple[tuple[int, ...], tuple[tuple[str, tuple[int, ...]], ...]]] = {}
        for literal, indices in lower.items():
            if literal:
                entries[literal] = (tuple(indices), ())
        for literal, indices in (exact or {}).items():
            if literal:
                key = literal.lower()
                found, checked = entries.get(key, ((), ()))
                entries[key] = (found, (*checked, (literal, tuple(indices))))
        automaton = ahocorasick.Automaton()
        for key, value in entries.items():
            automaton.add_word(key, value)
        if len(automaton):
            automaton.make_automaton()
            self._automaton: Any = automaton
        else:
            self._automaton = None

    def into(self, low: str, chosen: set[int], text: str | None = None) -> None:
        """Add to ``chosen`` the indices of every literal the lower-cased ``low`` holds, and of every
        case-sensitive one ``text`` (the same text as written) holds."""
        if self._automaton is None or not low:
            return
        for _end, (indices, checked) in self._automaton.iter(low):
            chosen.update(indices)
            for literal, more in checked:
                if text is not None and literal in text:
                    chosen.update(more)
