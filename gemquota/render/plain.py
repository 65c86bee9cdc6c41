"""Styled terminal text without rich, for the output whose start-up is budgeted (explain-error, SPEC §9).

What explain-error's panel needs and nothing more: text in styled runs (``"bold red"``, ``"dim"``,
``"italic"``, ``"underline"``…), word-wrapped to a width the way rich wraps it (words move to the next
line, a word longer than the line is folded, tabs go to the next multiple of 8), widths counted in
terminal cells (East Asian wide characters take two, combining marks none), lines cut to the width and
never ending in spaces, and ANSI SGR codes only when colour is on. Pure stdlib: importing rich costs
explain-error about a fifth of its cold start.

It prints only what it is given: callers pass text from outside through ``safe_text`` / ``safe_line``
and ``redact`` first, exactly as for rich (whose markup we never interpret either)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

#: SGR parameters of the attribute words, in the order they are written (rich's order).
_ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}
#: SGR parameters of the foreground colours (the 8 standard ones: the same code in every colour system).
_COLOURS = {
    "black": "30",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "white": "37",
}
TAB_SIZE = 8
_WORD = re.compile(r"\s*\S+\s*")
_SGR_CACHE: dict[str, str] = {}


def sgr(style: str) -> str:
    """The SGR parameters of a style (``"bold red"`` → ``"1;31"``; ``""`` → ``""``)."""
    found = _SGR_CACHE.get(style)
    if found is not None:
        return found
    words = style.split()
    colours = [w for w in words if w in _COLOURS]
    unknown = [w for w in words if w not in _COLOURS and w not in _ATTRIBUTES]
    if unknown or len(colours) > 1:
        raise ValueError(f"unsupported style {style!r}")
    codes = [code for word, code in _ATTRIBUTES.items() if word in words]
    codes += [_COLOURS[c] for c in colours]
    _SGR_CACHE[style] = found = ";".join(codes)
    return found


def combine(under: str, over: str) -> str:
    """Style ``over`` laid on ``under``: attributes add up, ``over``'s colour wins."""
    if not under:
        return over
    if not over:
        return under
    over_words = over.split()
    has_colour = any(w in _COLOURS for w in over_words)
    kept = [w for w in under.split() if w not in over_words and not (has_colour and w in _COLOURS)]
    return " ".join(kept + over_words)


# ------------------------------------------------------------------------------------ cell widths


#: Ranges of characters one cell wide (Latin-1 but the soft hyphen, Latin extended, dashes, quotes and
#: bullets, arrows, box drawing): the panel's own ``—·→─`` are measured without loading unicodedata.
_NARROW = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x2010, 0x2027), (0x2190, 0x21FF), (0x2500, 0x257F))


def char_width(char: str) -> int:
    """Cells a character takes on a terminal: 2 for East Asian wide and fullwidth characters, 0 for
    combining marks, format characters and controls, else 1."""
    code = ord(char)
    for low, high in _NARROW:
        if low <= code <= high:
            return 1
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0
    import unicodedata  # only for text beyond the common ranges

    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """Cells ``text`` takes on a terminal."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def _clusters(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, cells)`` of each character with the zero-width ones that follow it."""
    spans: list[tuple[int, int, int]] = []
    for i, char in enumerate(text):
        width = char_width(char)
        if width == 0 and spans:
            start, _end, cells = spans[-1]
            spans[-1] = (start, i + 1, cells)
        else:
            spans.append((i, i + 1, width))
    return spans


def chop_cells(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells (a wide character is never split)."""
    if text.isascii():
        return [text[i : i + width] for i in range(0, len(text), width)]
    pieces: list[str] = []
    size = offset = 0
    for start, _end, cells in _clusters(text):
        if size + cells > width and size:
            pieces.append(text[offset:start])
            offset, size = start, 0
        size += cells
    if offset < len(text):
        pieces.append(text[offset:])
    return pieces


def crop_cells(text: str, width: int) -> str:
    """The first ``width`` cells of ``text`` (a wide character cut in half becomes a space)."""
    if text.isascii():
        return text[:width]
    size = 0
    for start, end, cells in _clusters(text):
        if size + cells > width:
            return text[:start] + (" " if size < width else "")
        size += cells
        if size == width:
            return text[:end]
    return text


def divide_line(text: str, width: int) -> list[int]:
    """Offsets at which to break ``text`` so that every line fits in ``width`` cells: a word that does
    not fit moves to the next line, a word longer than a line is folded (rich's ``divide_line``)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            pieces = chop_cells(word, width)
            for i, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if i == len(pieces) - 1:
                    offset = cell_len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


# ------------------------------------------------------------------------------------ styled text


class Text:
    """A line or paragraph of styled runs: ``Text("Retry", "bold").append(" wait", "")``."""

    __slots__ = ("runs",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.runs: list[tuple[str, str]] = [(text, style)] if text else []

    def append(self, text: str, style: str = "") -> Text:
        if text:
            self.runs.append((text, style))
        return self

    def append_text(self, other: Text, under: str = "") -> Text:
        """Add ``other``'s runs, each laid on the style ``under``."""
        self.runs += [(text, combine(under, style)) for text, style in other.runs]
        return self

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.runs)

    def __len__(self) -> int:
        return sum(len(text) for text, _ in self.runs)

    def slice(self, start: int, end: int) -> Text:
        """The characters ``start:end`` with their styles."""
        out = Text()
        position = 0
        for text, style in self.runs:
            stop = position + len(text)
            if stop > start and position < end:
                out.append(text[max(start - position, 0) : end - position], style)
            position = stop
            if position >= end:
                break
        return out

    def lines(self) -> list[Text]:
        """Split at newlines (a trailing newline gives a last, empty line)."""
        plain = self.plain
        if "\n" not in plain:
            return [self]
        out: list[Text] = []
        start = 0
        for piece in plain.split("\n"):
            out.append(self.slice(start, start + len(piece)))
            start += len(piece) + 1
        return out

    def expand_tabs(self) -> Text:
        """Tabs replaced by spaces up to the next multiple of ``TAB_SIZE`` cells (one line of text)."""
        if not any("\t" in text for text, _ in self.runs):
            return self
        out = Text()
        column = 0
        for text, style in self.runs:
            for i, piece in enumerate(text.split("\t")):
                if i:
                    spaces = TAB_SIZE - column % TAB_SIZE
                    out.append(" " * spaces, style)
                    column += spaces
                out.append(piece, style)
                column += cell_len(piece)
        return out

    def wrap(self, width: int) -> list[Text]:
        """Word-wrapped to lines of at most ``width`` cells."""
        width = max(width, 1)
        wrapped: list[Text] = []
        for line in self.lines():
            line = line.expand_tabs()
            plain = line.plain
            offsets = [0, *divide_line(plain, width), len(plain)]
            for start, end in pairwise(offsets):
                wrapped.append(line.slice(start, end))
        return wrapped


# ------------------------------------------------------------------------------------ the writer


class Writer:
    """Lines of styled text for a terminal ``width`` cells wide, with or without colour."""

    def __init__(self, width: int, *, color: bool) -> None:
        self.width = max(width, 1)
        self.color = color
        self._out: list[str] = []

    def print(self, text: Text | str = "") -> None:
        """``text`` word-wrapped to the width."""
        if isinstance(text, str):
            text = Text(text)
        for line in text.wrap(self.width):
            self._emit(line)

    def rule(self, title: Text, style: str = "") -> None:
        """``title`` then a line of ``─`` to the full width, in ``style`` (``rpm · backoff ───…``)."""
        out = Text().append_text(title)
        fill = self.width - cell_len(out.plain) - 1
        if fill > 0:
            out.append(" ").append("─" * fill, style)
        self.print(out)

    def grid(
        self,
        rows: Sequence[tuple[str, Text]],
        *,
        label_style: str = "",
        value_style: str = "",
        min_width: int = 0,
        right: bool = False,
    ) -> None:
        """Rows of a label and a value: the label column as wide as its widest label (at least
        ``min_width``), one space, the value folded to the rest of the width (at least 10 cells)."""
        if not rows:
            return
        column = max([min_width, *(cell_len(label) for label, _ in rows)])
        room = max(self.width - column - 1, 10)
        for label, value in rows:
            for i, line in enumerate(value.wrap(room)):
                shown = label if i == 0 else ""
                pad = " " * (column - cell_len(shown))
                out = Text(pad + shown if right else shown + pad, label_style).append(" ")
                self.print(out.append_text(line, under=value_style))

    def _emit(self, line: Text) -> None:
        runs = _crop(line.runs, self.width)
        while runs and not runs[-1][0].rstrip():
            runs.pop()
        if runs:
            text, style = runs[-1]
            runs[-1] = (text.rstrip(), style)
        if self.color:
            self._out.append("".join(_sgr_run(text, style) for text, style in _merge(runs)))
        else:
            self._out.append("".join(text for text, _ in runs))

    def getvalue(self) -> str:
        """Everything printed, one ``\\n`` after each line."""
        return "".join(line + "\n" for line in self._out)


def _crop(runs: Iterable[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    room = width
    for text, style in runs:
        size = cell_len(text)
        if size > room:
            out.append((crop_cells(text, room), style))
            break
        out.append((text, style))
        room -= size
    return out


def _merge(runs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for text, style in runs:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        elif text:
            merged.append((text, style))
    return merged


def _sgr_run(text: str, style: str) -> str:
    codes = sgr(style) if style else ""
    return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


__all__ = ["Text", "Writer", "cell_len", "chop_cells", "combine", "crop_cells", "divide_line", "sgr"]
