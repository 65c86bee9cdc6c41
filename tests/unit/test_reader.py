"""The whole-input reader: blocks around hits (multi-line errors whole), time stamps, line counts,
chunk boundaries, long lines, gzip / BOM / UTF-16 inputs and refused paths."""

from __future__ import annotations

import gzip
import io
import itertools
import os
import zlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gemquota.core.reader import (
    MAX_LINE,
    Block,
    BlockReader,
    UnreadableInput,
    _GuardedGzip,
    line_time,
    open_path,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LOG_TWO = FIXTURES / "errors" / "log-two-errors-503-then-rpd.txt"
STAMPED_BODY = FIXTURES / "real" / "090-langchain4j-it-429-newquota-help-only-timestamps.txt"

TRACEBACK = """2026-11-04 14:00:01,123 INFO app: starting
2026-11-04 14:00:02,250 WARNING app: summary call did not go well
Traceback (most recent call last):
  File "/srv/app/x.py", line 4, in <module>
    client.models.generate_content(model="gemini-2.5-flash", contents="hi")
  File "/srv/app/google/genai/errors.py", line 121, in raise_for_response
    raise ClientError(status_code, response_json, response)
google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. {'error': {'code': 429, 'status': 'RESOURCE_EXHAUSTED'}}
2026-11-04 14:00:03,000 INFO app: next job
2026-11-04 14:00:04,000 ERROR gateway: upstream Gemini call failed:
{
  "error": {
    "code": 503,
    "message": "The model is overloaded. Please try again later.",
    "status": "UNAVAILABLE"
  }
}
2026-11-04 14:00:05,000 INFO app: done
"""


def blocks(data: bytes | str, **kwargs: object) -> list[Block]:
    raw = data.encode() if isinstance(data, str) else data
    return list(BlockReader(io.BytesIO(raw), **kwargs))  # type: ignore[arg-type]


def test_one_line_errors_are_one_block_each_with_their_time() -> None:
    found = blocks(LOG_TWO.read_bytes())
    assert [(b.first_line, b.last_line) for b in found] == [(1, 1), (2, 2)]
    assert [b.time for b in found] == [
        datetime(2025, 6, 1, 10, 0, 1, tzinfo=UTC),
        datetime(2025, 6, 1, 10, 0, 9, tzinfo=UTC),
    ]
    assert "503 UNAVAILABLE" in found[0].text and "RESOURCE_EXHAUSTED" in found[1].text


def test_pretty_printed_body_with_stamped_lines_is_one_block() -> None:
    text = STAMPED_BODY.read_text()
    found = blocks(text)
    assert len(found) == 1
    assert (found[0].first_line, found[0].last_line) == (1, text.count("\n") + (not text.endswith("\n")))
    assert found[0].time == datetime(2026, 1, 12, 4, 51, 59, 76903, tzinfo=UTC)


def test_traceback_and_introduced_body_are_whole_blocks() -> None:
    found = blocks(TRACEBACK)
    assert [(b.first_line, b.last_line) for b in found] == [(2, 8), (10, 17)]
    assert found[0].text.startswith("2026-11-04 14:00:02,250 WARNING")
    assert found[0].text.rstrip().endswith("'RESOURCE_EXHAUSTED'}}")
    assert found[0].time == datetime(2026, 11, 4, 14, 0, 2, 250000, tzinfo=UTC)
    assert found[1].time == datetime(2026, 11, 4, 14, 0, 4, tzinfo=UTC)
    assert '"status": "UNAVAILABLE"' in found[1].text and "done" not in found[1].text


@pytest.mark.parametrize("chunk", [7, 64, 333, 4096, 1 << 20])
def test_blocks_do_not_depend_on_the_chunk_size(chunk: int) -> None:
    data = (TRACEBACK * 40).encode()
    expected = [(b.first_line, b.last_line, b.text, b.time, b.offset) for b in blocks(data)]
    got = [(b.first_line, b.last_line, b.text, b.time, b.offset) for b in blocks(data, chunk=chunk)]
    assert got == expected
    assert len(expected) == 80


def test_lines_without_prefilter_words_start_no_block_but_are_counted() -> None:
    reader = BlockReader(
        io.BytesIO(b"".join(b"2026-11-04T10:00:%02dZ INFO ok job-%06d\n" % (i % 60, i) for i in range(5000)))
    )
    assert list(reader) == []
    assert reader.stats.lines == 5000
    assert reader.stats.bytes > 100_000


def test_a_number_that_only_contains_429_is_not_a_hit() -> None:
    assert blocks("job 14290 done\nlatency 4.429 s\n") == []
    assert [b.first_line for b in blocks("ok\nHTTP 429 from upstream\n")] == [2]


@pytest.mark.parametrize(
    ("data", "lines"),
    [(b"", 0), (b"a", 1), (b"a\n", 1), (b"a\nb", 2), (b"\n\n", 2)],
)
def test_line_count(data: bytes, lines: int) -> None:
    reader = BlockReader(io.BytesIO(data))
    list(reader)
    assert reader.stats.lines == lines


def test_error_in_the_middle_of_a_big_input_is_found_with_its_line_number() -> None:
    noise = b"".join(b"2026-11-04T10:00:00Z INFO worker ok job-%06d\n" % i for i in range(200_000))
    data = noise + LOG_TWO.read_bytes() + noise
    reader = BlockReader(io.BytesIO(data))
    found = list(reader)
    assert [b.first_line for b in found] == [200_001, 200_002]
    assert reader.stats.lines == 400_002


def test_a_huge_line_is_read_in_pieces_and_periodic_text_gives_repeated_pieces() -> None:
    fragment = '{"error": {"code": 429, "message": "Quota exceeded for metric: x, limit: 1'
    data = (fragment * 30_000).encode()  # 2.2 MB on one line
    found = blocks(data)
    assert found and all(len(b.text.encode()) <= MAX_LINE for b in found)
    assert {b.first_line for b in found} == {1}
    assert sum(len(b.text) for b in found) == len(data)  # every byte is in a piece (all pieces hit)
    assert len({b.text for b in found[1:-1]}) <= 3


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2026-11-04T14:00:00Z x", datetime(2026, 11, 4, 14, tzinfo=UTC)),
        ("2026-11-04T14:00:00.0769038Z x", datetime(2026, 11, 4, 14, 0, 0, 76903, tzinfo=UTC)),
        ("2026-11-04T16:00:00+02:00 x", datetime(2026, 11, 4, 14, tzinfo=UTC)),
        ("2026-11-04 14:00:00,123 ERROR x", datetime(2026, 11, 4, 14, 0, 0, 123000, tzinfo=UTC)),
        ("2026/11/04 14:00:00 x", datetime(2026, 11, 4, 14, tzinfo=UTC)),
        ('1.2.3.4 - - [10/Oct/2026:13:55:36 -0700] "GET /"', datetime(2026, 10, 10, 20, 55, 36, tzinfo=UTC)),
        ("Nov  4 00:00:00 host app[12]: x", datetime(2026, 11, 4, tzinfo=UTC)),
        ("[2026-03-17 16:04:24.667] [ERROR] x", datetime(2026, 3, 17, 16, 4, 24, 667000, tzinfo=UTC)),
        ("app | 2025-08-21 06:18:31,299 | ERROR", datetime(2025, 8, 21, 6, 18, 31, 299000, tzinfo=UTC)),
        ("no time here 14:00", None),
        ("2026-13-45T99:00:00Z impossible", None),
        ("9999-12-31T23:59:59-23:59 beyond the last day in UTC", None),
        ("[31/Dec/9999:23:59:59 -2359] x", None),
    ],
)
def test_line_time(line: str, expected: datetime | None) -> None:
    found = line_time(line, year=2026)
    assert (found[0] if found else None) == expected


def test_zone_less_time_is_utc_and_offsets_are_converted() -> None:
    found = line_time("2026-11-04 23:30:00-05:00 x")
    assert found is not None and found[0] == datetime(2026, 11, 5, 4, 30, tzinfo=UTC)
    assert found[0].tzinfo == UTC
    plus = datetime(2026, 11, 4, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert found[0] == plus


def test_gzip_is_recognised_by_its_magic_bytes(tmp_path: Path) -> None:
    path = tmp_path / "app.log"  # no .gz suffix
    path.write_bytes(gzip.compress(LOG_TWO.read_bytes()) + gzip.compress(TRACEBACK.encode()))
    with open_path(str(path)) as fh:
        reader = BlockReader(fh)
        found = list(reader)
    assert len(found) == 4  # both members of a concatenated gzip
    assert reader.stats.bytes == len(LOG_TWO.read_bytes()) + len(TRACEBACK.encode())


def test_corrupt_gzip_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "cut.log.gz"
    path.write_bytes(gzip.compress(LOG_TWO.read_bytes() * 50)[:-40])
    with open_path(str(path)) as fh, pytest.raises(UnreadableInput):
        list(BlockReader(fh, name=str(path)))


def _deflated(data: bytes, times: int) -> bytes:
    """``data`` repeated ``times`` times, gzip-compressed without ever holding the whole of it."""
    out = bytearray(gzip.compress(b"")[:10])  # the gzip header
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc = 0
    for _ in range(times):
        out += comp.compress(data)
        crc = zlib.crc32(data, crc)
    out += comp.flush()
    out += crc.to_bytes(4, "little") + ((len(data) * times) & 0xFFFFFFFF).to_bytes(4, "little")
    return bytes(out)


def test_a_decompression_bomb_is_refused_early() -> None:
    bomb = _deflated(b"\0" * (1 << 20), 64)  # 64 MB of zeros in about 64 KB
    guarded = io.BufferedReader(_GuardedGzip(io.BytesIO(bomb), "bomb.gz", floor=4 << 20, ratio=400))
    read = 0
    with pytest.raises(UnreadableInput, match="decompression bomb"):
        while chunk := guarded.read(1 << 20):
            read += len(chunk)
    assert read < 8 << 20  # stopped soon after the floor, not at the end


def test_a_well_compressed_log_is_not_taken_for_a_bomb() -> None:
    text = LOG_TWO.read_bytes() * 2000
    guarded = io.BufferedReader(_GuardedGzip(io.BytesIO(gzip.compress(text)), "app.log.gz", floor=1 << 16))
    assert guarded.read() == text  # a repeated log compresses well, but far less than 400×


def test_bom_and_utf16_inputs() -> None:
    text = LOG_TWO.read_text()
    assert [b.text for b in blocks(b"\xef\xbb\xbf" + text.encode())] == [b.text for b in blocks(text)]
    utf16 = blocks(text.encode("utf-16"))
    assert [b.text for b in utf16] == [b.text for b in blocks(text)]


def test_invalid_utf8_is_decoded_leniently() -> None:
    found = blocks(b"\xff\x80\x00junk\n2026-11-04T10:00:00Z ERROR 429 RESOURCE_EXHAUSTED \xc3\x28\n")
    assert len(found) == 1 and "\ufffd" in found[0].text and "\x00" not in found[0].text


def test_paths_that_cannot_or_must_not_be_read(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="no such file"):
        open_path(str(tmp_path / "missing.log"))
    with pytest.raises(UnreadableInput, match="directory"):
        open_path(str(tmp_path))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableInput, match="not a regular file"):
        open_path(str(fifo))  # refused without opening (opening a FIFO blocks until a writer comes)


_PIECES = [
    b"2026-11-04T10:00:00Z INFO ok\n",
    b"2026-11-04 10:00:01,5 ERROR 429 RESOURCE_EXHAUSTED {'error': {'code': 429}}\n",
    b"Traceback (most recent call last):\n",
    b'  File "x.py", line 1\n',
    b"google.genai.errors.ClientError: 503 UNAVAILABLE.\n",
    b"{\n",
    b'  "error": {\n',
    b"}\n",
    b"]\n",
    b"\n",
    b"quota exceeded: ",
    b"\xff\xfe\x00",
    b"x" * 70_000,
    b"{" * 50,
    b"failed:\n",
    b"\tat com.example.Foo(Foo.java:1)\n",
    b"Caused by: io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED\n",
    b'2026-11-04T10:00:02Z   "code": 429,\n',
    b"\xef\xbb\xbf",
    b"y" * 40_000 + b"\n",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from([997, 4096, 1 << 20]))
def test_reader_invariants(pieces: list[bytes], chunk: int) -> None:
    data = b"".join(pieces)
    reader = BlockReader(io.BytesIO(data), chunk=chunk)
    found = list(reader)
    ends = [b.offset for b in found]
    assert ends == sorted(ends)
    for a, b in itertools.pairwise(found):
        assert a.last_line <= b.first_line
    assert all(b.first_line <= b.last_line for b in found)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.removeprefix(b"\xef\xbb\xbf")  # a leading BOM is not content
        expected_lines = text.count(b"\n") + (1 if text and not text.endswith(b"\n") else 0)
        assert reader.stats.lines == expected_lines
        default = [(b.first_line, b.last_line, b.text) for b in BlockReader(io.BytesIO(data))]
        assert [(b.first_line, b.last_line, b.text) for b in found] == default


@pytest.mark.parametrize("chunk", [5, 997])
def test_a_line_after_a_long_line_read_in_tiny_chunks_stays_alone(chunk: int) -> None:
    data = b"x" * 70_000 + b'2026-11-04T10:00:00Z INFO ok\n  "error": {\n'
    found = [(b.first_line, b.last_line, b.text) for b in blocks(data, chunk=chunk)]
    assert found == [(2, 2, '  "error": {')] == [(b.first_line, b.last_line, b.text) for b in blocks(data)]


@given(st.text(alphabet="0123456789-/:T Z+.,[]JanNovOctUTC", max_size=60))
def test_line_time_never_raises(line: str) -> None:
    found = line_time(line, year=2026)
    assert found is None or found[0].tzinfo == UTC


def test_syslog_stamps_need_a_year() -> None:
    assert line_time("Nov  4 00:00:00 host app: x") is None
    assert line_time("Nov  4 00:00:00 host app: x", year=2025) is not None
