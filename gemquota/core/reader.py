"""The whole-input reader: every byte of a log or paste, streamed in bounded chunks, cut into
candidate error *blocks* for the parser.

Pure stdlib. One pass over the input with bounded memory:

1. *Chunks*: bytes are read ``CHUNK`` at a time (plain or gzip, recognised by its magic bytes; a
   UTF-16 input with a BOM is transcoded). A line longer than ``MAX_LINE`` is cut into pieces at a
   bracket or a space (the same cut points whatever the chunking, so repeated text gives repeated
   pieces).
2. *Literal pre-filter*: each chunk is lower-cased once and searched for a few words that every
   Google / Gemini error text carries in practice (``error``, ``429``, ``exhausted``, ``quota``, …:
   ``PREFILTER``). Lines without any of them cannot start a block; they are still counted and read.
3. *Blocks*: each hit line grows into the error it belongs to — back to the line that opened the
   brackets it sits in or to the start of its traceback, forward while brackets stay open, lines stay
   indented or a traceback continues — with caps (``MAX_BLOCK_LINES``, ``MAX_BLOCK_BYTES``) below the
   parser's own bound, so the parser always sees a whole block.

Blocks never overlap and come out in input order, each with its line range and the time stamped on
its first timestamped line (ISO 8601, common log format, syslog, ``2026/11/04 00:00:00``, Python
logging; a time without a zone is UTC). Blocks are decoded with :func:`decode_paste`'s rules.
"""

from __future__ import annotations

import bisect
import codecs
import gzip
import io
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import BinaryIO

from gemquota.core.files import Refused, open_regular
from gemquota.core.google_error import decode_paste

#: Bytes read at a time.
CHUNK = 512 * 1024
#: A line longer than this is cut into pieces (each piece is analysed on its own).
MAX_LINE = 64 * 1024
#: Caps of one block (the parser reads up to 300 000 characters: a block always fits).
MAX_BLOCK_BYTES = 192 * 1024
MAX_BLOCK_LINES = 600
#: How far back a hit line may reach for the bracket or traceback it belongs to.
MAX_BACK_LINES = 80
#: Lines without a time stamp that a hit line without one takes after it.
MAX_LOOSE_LINES = 8
#: Bytes of already-read text kept for reaching back across a chunk boundary.
HISTORY = 48 * 1024

#: Lower-case words of which a Google / Gemini error line in a log carries at least one: the error
#: word of logs, bodies and exception names (``error``, ``exception``, ``fail``), the 429 code and
#: quota wording, and the statuses that retry wrappers log without an error word ("Retrying due to
#: 503 Service Unavailable", "… 504 Deadline Exceeded"). Each word costs one pass over the text, so
#: the list is short; a message quoted alone with none of these words ("Your API key was reported as
#: leaked") is not found by scan (explain-error reads short pastes whole).
PREFILTER: tuple[bytes, ...] = (
    b"error",
    b"429",
    b"exhaust",
    b"quota",
    b"exception",
    b"fail",
    b"unavailable",
    b"deadline",
)

_OPENERS = (b"{", b"[")
#: Bytes that make a number part of a longer one (the parser's codes have none beside them).
_NUMERIC_EDGE = frozenset(bytes([c]) for c in b"0123456789.")
_TRACEBACK_MARKERS = (
    "Traceback (most recent call last)",
    "During handling of the above exception",
    "The above exception was the direct cause",
    "Caused by:",
)


class UnreadableInput(Exception):
    """An input that cannot be read (missing, a directory, not a regular file, corrupt gzip…)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, reason)  # both in args: the exception survives pickling (worker processes)
        self.name = name
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


# --------------------------------------------------------------------------------------------------
# Timestamps of log lines

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_ISO = re.compile(
    r"(?<!\d)(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?"
    r"(?:\s?(Z|UTC|GMT|[+-]\d{2}:?\d{2})(?![\w]))?"
)
_CLF = re.compile(r"\[(\d{1,2})/([A-Za-z]{3})/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\s+([+-]\d{4}))?\]")
_SYSLOG = re.compile(r"(?<![\w])([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?![\d:])")
_DIGIT_DASH = re.compile(r"\d{4}[-/]")
#: Only the head of a line is searched for its time stamp.
_HEAD = 100


def _zone(text: str | None) -> timezone:
    if not text or text in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


def line_time(line: str, *, year: int | None = None) -> tuple[datetime, int] | None:
    """The time stamped near the start of a log line (aware, UTC) and where the stamp ends, or None.

    ISO 8601 (``2026-11-04T14:00:00.123Z``, ``2026-11-04 14:00:00,123`` as Python logging writes it,
    ``2026/11/04 00:00:00``), common log format (``[10/Oct/2026:13:55:36 -0700]``) and syslog
    (``Nov  4 00:00:00``, which has no year: read only when ``year`` is given). No zone means UTC."""
    head = line[:_HEAD]
    if not head:
        return None
    found: list[tuple[int, datetime, int]] = []
    match = _ISO.search(head) if _DIGIT_DASH.search(head) else None
    if match:
        y, mo, d, h, mi, s, frac, zone = match.groups()
        try:
            moment = datetime(
                int(y),
                int(mo),
                int(d),
                int(h),
                int(mi),
                int(s),
                int((frac or "0")[:6].ljust(6, "0")),
                tzinfo=_zone(zone),
            )
            utc = moment.astimezone(UTC)
            if match.start() <= 2:
                return utc, match.end()  # the usual case: the line starts with it
            found.append((match.start(), utc, match.end()))
        except (ValueError, OverflowError):
            pass
    if "/" in head:
        match = _CLF.search(head)
        if match:
            d, mon, y, h, mi, s, zone = match.groups()
            month = _MONTHS.get(mon.lower())
            if month:
                try:
                    moment = datetime(int(y), month, int(d), int(h), int(mi), int(s), tzinfo=_zone(zone))
                    found.append((match.start(), moment.astimezone(UTC), match.end()))
                except (ValueError, OverflowError):
                    pass
    if not found and year is not None:
        match = _SYSLOG.search(head)
        if match:
            mon, d, h, mi, s = match.groups()
            month = _MONTHS.get(mon.lower())
            if month:
                try:
                    when = datetime(year, month, int(d), int(h), int(mi), int(s), tzinfo=UTC)
                    found.append((match.start(), when, match.end()))
                except ValueError:
                    pass
    if not found:
        return None
    _start, moment, end = min(found, key=lambda f: f[0])
    return moment, end


# --------------------------------------------------------------------------------------------------
# Opening inputs


@dataclass(frozen=True)
class Block:
    """One candidate error: its text, line range (1-based, inclusive), time and byte offset."""

    text: str
    first_line: int
    last_line: int
    time: datetime | None
    offset: int


class _Utf16ToUtf8(io.RawIOBase):
    """A UTF-16 byte stream (with its BOM) read as UTF-8 bytes."""

    def __init__(self, raw: BinaryIO) -> None:
        self._reader = codecs.getreader("utf-16")(raw, "replace")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            text = self._reader.read(CHUNK // 2)
            if not text:
                return 0
            self._pending = text.encode("utf-8", errors="replace")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def open_path(path: str) -> BinaryIO:
    """A regular file opened for reading (see :func:`gemquota.core.files.open_regular`); FIFOs,
    devices and directories are refused (they could block forever or never end). Raises
    UnreadableInput with a one-line reason."""
    try:
        return open_regular(path)
    except Refused as exc:
        reason = exc.reason
        if exc.problem == "not-regular":
            reason += " (FIFOs and devices are not read; pipe it to '-')"
        raise UnreadableInput(path, reason) from None


def decoded_stream(raw: BinaryIO, name: str = "-") -> BinaryIO:
    """``raw`` as plain UTF-8-ish bytes: gzip (by its magic bytes, also concatenated members) is
    decompressed and UTF-16 with a BOM is transcoded. Reads nothing beyond what it needs to tell."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(_RawAdapter(raw))
    try:
        head = buffered.peek(4)[:4]
    except OSError as exc:
        raise UnreadableInput(name, exc.strerror or str(exc)) from None
    if head[:2] == b"\x1f\x8b":
        return io.BufferedReader(_GuardedGzip(buffered, name), buffer_size=CHUNK)
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return io.BufferedReader(_Utf16ToUtf8(buffered))
    return buffered


#: A gzip input may expand this many times its compressed size (text logs compress 5–50×; DEFLATE's
#: ceiling is about 1 000×) ...
GZIP_MAX_RATIO = 400
#: ... once more than this much has come out of it: a small bomb is simply read.
GZIP_RATIO_FLOOR = 256 * 1024 * 1024


class _GuardedGzip(io.RawIOBase):
    """A gzip stream (also concatenated members) that refuses to expand without bound: past
    ``GZIP_RATIO_FLOOR`` decompressed bytes, more than ``GZIP_MAX_RATIO`` times what was read is a
    decompression bomb, and reading it would take minutes for nothing (UnreadableInput)."""

    def __init__(
        self,
        compressed: BinaryIO,
        name: str,
        *,
        floor: int = GZIP_RATIO_FLOOR,
        ratio: int = GZIP_MAX_RATIO,
    ) -> None:
        self._counted = _RawAdapter(compressed)
        self._gzip = gzip.GzipFile(fileobj=self._counted, mode="rb")
        self._name = name
        self._out = 0
        self._floor = floor
        self._ratio = ratio

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = self._gzip.readinto(buffer)
        self._out += n
        if self._out > self._floor and self._out > self._ratio * max(1, self._counted.count):
            raise UnreadableInput(
                self._name,
                f"expands more than {self._ratio}× when decompressed (a decompression bomb?); "
                "decompress the part you need yourself",
            )
        return n


class _RawAdapter(io.RawIOBase):
    """Any binary stream (``sys.stdin.buffer``, BytesIO) as a raw stream for BufferedReader; ``count``
    is how many bytes were read through it (the compressed side of a gzip)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        reader = getattr(self._stream, "readinto1", None) or getattr(self._stream, "readinto", None)
        if reader is not None:
            n = int(reader(buffer) or 0)
        else:
            data = self._stream.read(len(buffer))
            n = len(data)
            buffer[:n] = data
        self.count += n
        return n


# --------------------------------------------------------------------------------------------------
# The block reader


def _cut(buf: bytes, start: int, limit: int) -> int:
    """Where a too-long line starting at ``start`` is cut before ``limit``: before the last ``{`` (or
    ``[``) in the second half of the window, else after its last space, else at ``limit``."""
    half = start + (limit - start) // 2
    for opener in (b"{", b"["):
        at = buf.rfind(opener, half, limit)
        if at > start:
            return at
    at = max(buf.rfind(b" ", half, limit), buf.rfind(b"\t", half, limit))
    return at + 1 if at > start else limit


def _introduces(text: bytes) -> bool:
    """Whether the last line of ``text`` introduces what follows (ends with a colon)."""
    return text.rstrip().endswith(b":")


def _balance(line: bytes) -> int:
    return line.count(b"{") + line.count(b"[") - line.count(b"}") - line.count(b"]")


@dataclass
class ReadStats:
    """What a reader has read so far: decompressed bytes and lines."""

    bytes: int = 0
    lines: int = 0


class BlockReader:
    """Iterate over the candidate error blocks of one binary stream (see the module docstring).

    ``stats`` counts bytes and lines as they are read; ``on_progress(bytes_read_raw)`` is called after
    every chunk with the bytes read from the underlying stream so far (before decompression)."""

    def __init__(
        self,
        raw: BinaryIO,
        *,
        name: str = "-",
        year: int | None = None,
        on_progress: Callable[[int], None] | None = None,
        chunk: int = CHUNK,
    ) -> None:
        self._raw = raw
        self._chunk = max(1, chunk)
        self._name = name
        self._year = year
        self._on_progress = on_progress
        self.stats = ReadStats()
        self._heads: dict[bytes, tuple[datetime | None, str]] = {}
        self._cursor = (0, 1)
        #: buf[0] is not a line start: the buffer begins inside a long line cut before.
        self._head_is_piece = False

    # -- line features --------------------------------------------------------------------------

    def _head(self, line: bytes) -> tuple[datetime | None, str]:
        """The line's time stamp (or None) and the text after it (the line when it has none)."""
        head = line[:_HEAD]
        cached = self._heads.get(head)
        if cached is not None:
            return cached
        text = head.decode("utf-8", errors="replace")
        found = line_time(text, year=self._year)
        if found is None:
            result: tuple[datetime | None, str] = (None, text)
        else:
            moment, end = found
            rest = text[end:]
            if rest.startswith("]"):
                rest = rest[1:]
            result = (moment, rest)
        if len(self._heads) >= 512:
            self._heads.clear()
        self._heads[head] = result
        return result

    def _indented(self, line: bytes) -> bool:
        """Indented: a leading blank, or (after a time stamp and its one separator) two blanks."""
        if not line:
            return False
        if line[:1] in (b" ", b"\t"):
            return True
        moment, rest = self._head(line)
        return moment is not None and rest.startswith(("  ", "\t", " \t"))

    def _marker(self, line: bytes) -> bool:
        """A line that continues a traceback or stack trace (``Caused by:``, ``at …``, ``... 3 more``)."""
        _moment, rest = self._head(line)
        body = rest.lstrip()
        return body.startswith(_TRACEBACK_MARKERS) or body.startswith(("at ", "... "))

    def _stamped_record(self, line: bytes) -> bool:
        """A line that starts a new log record: time stamped and not indented after the stamp."""
        moment, rest = self._head(line)
        return moment is not None and not rest.startswith(("  ", "\t", " \t", " }", " ]", " )"))

    # -- the pass -------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Block]:
        stream = decoded_stream(self._raw, self._name)
        buf = b""  # history + unprocessed text; buf[0] is at a line start
        base = 0  # absolute offset of buf[0]
        base_line = 1  # line number of buf[0]
        hist = 0  # buf[:hist] was processed already (kept for reaching back)
        floor = 0  # relative offset before which no block may start (end of the last block)
        continued: datetime | None = None  # time of a long line whose rest starts this buffer
        continues = False  # buf[hist:] starts inside a long line (cut before)
        eof = False
        raw_read = 0
        first = True
        while not eof:
            try:
                chunk = stream.read(self._chunk)
            except (OSError, EOFError, zlib.error) as exc:
                raise UnreadableInput(self._name, f"read failed ({exc})") from None
            raw_read = self._raw_position(raw_read, len(chunk))
            if first:
                first = False
                if chunk.startswith(codecs.BOM_UTF8):
                    chunk = chunk[len(codecs.BOM_UTF8) :]
                    base = len(codecs.BOM_UTF8)
            if not chunk:
                eof = True
            self.stats.bytes += len(chunk)
            buf += chunk
            if eof:
                end = len(buf)
            else:
                last_nl = buf.rfind(b"\n", hist)
                tail_start = last_nl + 1 if last_nl >= 0 else hist
                end = tail_start
                # A trailing partial line longer than MAX_LINE: cut whole pieces off it now.
                while len(buf) - end > MAX_LINE:
                    end = _cut(buf, end, end + MAX_LINE)
                if end <= hist:
                    if self._on_progress is not None:
                        self._on_progress(raw_read)
                    continue
            done, continued, continues, floor, emitted = self._process(
                buf, hist, end, base, base_line, floor, continued, continues, final=eof
            )
            if eof:
                c_pos, c_line = self._cursor
                newlines = c_line - 1 + buf.count(b"\n", c_pos)
                self.stats.lines = newlines + (1 if buf and buf[-1:] != b"\n" else 0)
            yield from emitted
            # Keep up to HISTORY bytes before ``done`` (from a line start) and everything after it.
            keep_from = max(0, done - HISTORY)
            if keep_from > 0:
                nl = buf.find(b"\n", keep_from, done)
                keep_from = nl + 1 if nl >= 0 else done
            c_pos, c_line = self._cursor
            if keep_from >= c_pos:
                base_line = c_line + buf.count(b"\n", c_pos, keep_from)
            else:
                base_line = c_line - buf.count(b"\n", keep_from, c_pos)
            if keep_from > 0:
                # The buffer now starts at a line start, or (no newline kept) inside a long line.
                self._head_is_piece = buf[keep_from - 1 : keep_from] != b"\n"
            base += keep_from
            buf = buf[keep_from:]
            hist = done - keep_from
            floor = max(0, floor - keep_from)
            if self._on_progress is not None:
                self._on_progress(raw_read)

    def _raw_position(self, previous: int, got: int) -> int:
        tell = getattr(self._raw, "tell", None)
        try:
            return int(tell()) if tell is not None else previous + got
        except (OSError, ValueError):
            return previous + got

    def _process(
        self,
        buf: bytes,
        start: int,
        end: int,
        base: int,
        base_line: int,
        floor: int,
        continued: datetime | None,
        continues: bool,
        *,
        final: bool,
    ) -> tuple[int, datetime | None, bool, int, list[Block]]:
        """Find the blocks whose hit lies in ``buf[start:end]``. Returns how far the text was
        processed (a block still growing at ``end`` is left for the next round, unless ``final``),
        the state for the next round and the blocks."""
        low = buf[start:end].lower()
        units = self._hit_units(buf, low, start, end, continues)
        emitted: list[Block] = []
        cursor_pos, cursor_line = 0, base_line
        done = end
        long_time: datetime | None = None
        long_start = -1

        def line_at(pos: int) -> int:
            nonlocal cursor_pos, cursor_line
            if pos >= cursor_pos:
                cursor_line += buf.count(b"\n", cursor_pos, pos)
            else:
                cursor_line -= buf.count(b"\n", pos, cursor_pos)
            cursor_pos = pos
            return cursor_line

        for u_start, u_end, piece in units:
            if u_start < floor:
                continue
            if piece:
                # A piece of a long line: analysed on its own, timed by the start of its line.
                line_start = buf.rfind(b"\n", 0, u_start) + 1
                if continues and line_start <= start:
                    moment = continued
                else:
                    if line_start != long_start:
                        long_start = line_start
                        long_time, _rest = self._head(buf[line_start : line_start + _HEAD])
                    moment = long_time
                number = line_at(u_start)
                emitted.append(
                    Block(decode_paste(buf[u_start:u_end]), number, number, moment, base + u_start)
                )
                floor = u_end
                continue
            single = self._single(buf, u_start, u_end, floor, end)
            if single is not None:
                # The common case: a one-line log record between two others.
                number = line_at(u_start)
                emitted.append(
                    Block(decode_paste(buf[u_start:u_end]), number, number, single, base + u_start)
                )
                floor = u_end
                continue
            b_start, b_end, open_at_end = self._grow(buf, u_start, u_end, floor, end, final=final)
            if open_at_end:
                done = b_start
                break
            first_line = line_at(b_start)
            raw = buf[b_start:b_end]
            last_line = first_line + raw.count(b"\n")
            moment = self._block_time(raw)
            emitted.append(Block(decode_paste(raw), first_line, last_line, moment, base + b_start))
            floor = b_end
        self._cursor = (cursor_pos, cursor_line)
        # State for the next round: does the text after ``done`` start inside a long line?
        next_continues = done > 0 and buf[done - 1 : done] != b"\n" and done == end and not final
        next_time: datetime | None = None
        if next_continues:
            line_start = buf.rfind(b"\n", 0, done) + 1
            if line_start < start and continues:
                next_time = continued
            else:
                next_time, _rest = self._head(buf[line_start : line_start + _HEAD])
        return done, next_time, next_continues, floor, emitted

    def _hit_units(
        self, buf: bytes, low: bytes, start: int, end: int, continues: bool
    ) -> list[tuple[int, int, bool]]:
        """The lines (or pieces of long lines) of ``buf[start:end]`` holding a pre-filter word, in
        order: (start, end without the newline, is a piece)."""
        found: set[tuple[int, int, bool]] = set()
        pieces_of: dict[int, list[int]] = {}
        size = end - start
        for word in PREFILTER:
            i = low.find(word)
            numeric = word.isdigit()
            while i != -1:
                if numeric and (
                    (i > 0 and low[i - 1 : i] in _NUMERIC_EDGE)
                    or low[i + len(word) : i + len(word) + 1] in _NUMERIC_EDGE
                ):
                    i = low.find(word, i + 1)  # part of a longer number (14290, 4.429): not a code
                    continue
                ls = low.rfind(b"\n", 0, i) + 1
                le = low.find(b"\n", i)
                if le == -1:
                    le = size
                if le - ls <= MAX_LINE and not (continues and ls == 0):
                    found.add((start + ls, start + le, False))
                    i = low.find(word, le + 1) if le < size else -1
                    continue
                # A long line (or the rest of one): its pieces, cut from where it starts here.
                cuts = pieces_of.get(ls)
                if cuts is None:
                    cuts = [start + ls]
                    while start + le - cuts[-1] > MAX_LINE:
                        cuts.append(_cut(buf, cuts[-1], cuts[-1] + MAX_LINE))
                    cuts.append(start + le)
                    pieces_of[ls] = cuts
                k = bisect.bisect_right(cuts, start + i) - 1
                p_start, p_end = cuts[k], cuts[k + 1]
                found.add((p_start, p_end, True))
                i = low.find(word, p_end - start) if p_end - start < size else -1
        return sorted(found)

    def _long(self, line_start: int, line_end: int) -> bool:
        """Whether the line ``[line_start, line_end)`` is a long line (or the rest of one)."""
        return line_end - line_start > MAX_LINE or (line_start == 0 and self._head_is_piece)

    def _single(self, buf: bytes, h_start: int, h_end: int, floor: int, limit: int) -> datetime | None:
        """The time of a hit line that is a whole block by itself — a time-stamped, unindented record
        with balanced brackets, after a line that opens nothing and before the next record — else
        None (the general rules of :meth:`_grow` decide)."""
        hit = buf[h_start:h_end]
        moment, rest = self._head(hit)
        if moment is None or rest.startswith(("  ", "\t", " \t")) or _balance(hit) != 0:
            return None
        if b"Traceback" in hit or hit.rstrip().endswith((b":", b"{", b"[", b"(", b",")):
            return None
        if h_start > floor:
            p_start = buf.rfind(b"\n", 0, h_start - 1) + 1
            if not self._long(p_start, h_start - 1):
                prev = buf[max(floor, p_start) : h_start - 1]
                if prev[:1] in (b" ", b"\t") or prev.rstrip().endswith((b"{", b"[", b"(", b",", b":")):
                    return None
        n_start = h_end + 1
        if n_start >= limit:
            return None
        n_end = buf.find(b"\n", n_start, limit)
        nxt = buf[n_start : n_end if n_end >= 0 else limit]
        if not nxt.strip() or self._stamped_record(nxt):
            return moment
        return None

    def _grow(
        self, buf: bytes, h_start: int, h_end: int, floor: int, limit: int, *, final: bool
    ) -> tuple[int, int, bool]:
        """The block around the hit line ``buf[h_start:h_end]``: (start, end, still open at ``limit``:
        the text after ``limit`` is not read yet and the block may continue there)."""
        start = self._grow_back(buf, h_start, h_end, floor)
        end = h_end
        balance = _balance(buf[start:h_end])
        traceback = b"Traceback (most recent call last)" in buf[start:h_end]
        lines = buf.count(b"\n", start, h_end) + 1
        prev_indented = self._indented(buf[h_start:h_end])
        # A hit line with no time stamp takes a few following lines without one (a paste: a prose
        # line "…fails with this error:" and the error under it, a message split over lines).
        loose = MAX_LOOSE_LINES if self._head(buf[h_start:h_end])[0] is None else 0
        while True:
            n_start = end + 1
            if n_start >= limit:
                return start, end, not final
            n_end = buf.find(b"\n", n_start, limit)
            if n_end == -1:
                n_end = limit
            if n_end - n_start > MAX_LINE or lines >= MAX_BLOCK_LINES or n_end - start > MAX_BLOCK_BYTES:
                break
            nxt = buf[n_start:n_end]
            if not nxt.strip():
                break
            stamped = self._stamped_record(nxt)
            if stamped and balance <= 0:
                break  # the next log record
            indented = self._indented(nxt)
            if (balance > 0 and not stamped) or indented:
                pass
            elif _introduces(buf[start:end]) and nxt.lstrip()[:1] in _OPENERS:
                pass  # "…failed:" then the body on the next lines
            elif loose > 0 and self._head(nxt)[0] is None:
                loose -= 1
            elif self._marker(nxt):
                traceback = traceback or b"Traceback" in nxt
            elif traceback and prev_indented and not stamped:
                traceback = False  # the exception line that ends a Python traceback
            else:
                break
            end = n_end
            lines += 1
            balance += _balance(nxt)
            prev_indented = indented
        return start, end, False

    def _grow_back(self, buf: bytes, h_start: int, h_end: int, floor: int) -> int:
        """How far before the hit line its block starts: the line that opened the brackets the hit
        sits in, or the start of the indented run / traceback it belongs to (with its header line)."""
        if h_start <= floor:
            return h_start
        p_end = h_start - 1
        line_start = buf.rfind(b"\n", 0, p_end) + 1
        if self._long(line_start, p_end):
            return h_start  # the line before is (a piece of) a long line: analysed on its own
        p_start = max(floor, line_start)
        prev = buf[p_start:p_end]
        hit = buf[h_start:h_end]
        current_indented = self._indented(hit)
        current_marker = self._marker(hit)
        prev_indented = self._indented(prev)
        if not (
            prev.rstrip().endswith((b"{", b"[", b"(", b",", b":"))
            or current_indented
            or current_marker
            or prev_indented
        ):
            return h_start
        start = h_start
        balance = best = steps = 0
        first = True
        cur = h_start
        while cur > floor and steps < MAX_BACK_LINES and h_end - cur < MAX_BLOCK_BYTES // 2:
            p_end = cur - 1
            line_start = buf.rfind(b"\n", 0, p_end) + 1
            if self._long(line_start, p_end):
                break
            p_start = max(floor, line_start)
            prev = buf[p_start:p_end]
            if not prev.strip():
                break
            balance += _balance(prev)
            prev_indented = self._indented(prev)
            if balance > best:
                best = balance
                start = p_start  # holds an opener the hit sits inside
            elif _introduces(prev) and buf[cur : cur + 1] in _OPENERS:
                start = p_start  # "…failed:" introducing the body that starts on the next line
                break
            elif current_indented or current_marker or (first and prev_indented):
                start = p_start  # the same indented run or traceback (its header included)
            else:
                break
            cur = p_start
            current_indented = prev_indented
            current_marker = self._marker(prev)
            first = False
            steps += 1
        return start

    def _block_time(self, raw: bytes) -> datetime | None:
        """The time stamp of the first time-stamped line among the block's first lines."""
        pos = 0
        for _ in range(40):
            nl = raw.find(b"\n", pos)
            line = raw[pos : nl if nl >= 0 else len(raw)]
            if line.strip():
                moment, _rest = self._head(line)
                if moment is not None:
                    return moment
            if nl < 0:
                return None
            pos = nl + 1
        return None


def iter_blocks(raw: BinaryIO, *, name: str = "-", year: int | None = None) -> Iterator[Block]:
    """The candidate error blocks of one binary stream (see :class:`BlockReader`)."""
    return iter(BlockReader(raw, name=name, year=year))
