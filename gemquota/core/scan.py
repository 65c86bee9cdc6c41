"""Whole-log analysis (SPEC §1.7): the blocks of :mod:`gemquota.core.reader` diagnosed by the one
classifier, merged into groups with counts, first/last seen, a timeline and the fix that matters most.

Pure stdlib. The same error repeated is parsed once: blocks are keyed by a normalized form (times,
dates and durations such as retry delays masked; a masked duration keeps its order of
magnitude, so a 27 s and an 8 h reset stay apart) and the diagnoses of a key are reused. Only the identity of a diagnosis (kind, model, quota id, project,
backend) is taken from the cache; the diagnosis shown for a group is re-derived from the text of its
last occurrence, at that occurrence's time, so its retry hint and reset time are exact.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from gemquota.core.classify import diagnose
from gemquota.core.diagnosis import RETRY_RANK, Backend, Diagnosis, Fix, Kind, iso_z
from gemquota.core.reader import Block

# --------------------------------------------------------------------------------------------------
# Which blocks are worth parsing, and their cache key

#: Lower-case words of which a Google / Gemini error holds at least one besides a bare HTTP code
#: (statuses, reasons, exception names and message wordings the parser reads). A block with none of
#: them and no 4xx/5xx code cannot be a Google error and is not parsed.
GOOGLE_WORDS: tuple[str, ...] = (
    "exhaust",
    "quota",
    "unavailable",
    "overload",
    "internal",
    "deadline",
    "denied",
    "permission",
    "exceed",
    "valid",
    "found",
    "precondition",
    "supported",
    "leaked",
    "disabled",
    "authenticat",
    "unauthoriz",
    "depleted",
    "capacity",
    "expired",
    "limit",
    "reached",
    "billing",
    "credit",
    "forbidden",
    "too many",
    "toomany",
    "bad request",
    "badrequest",
    "payment",
    "gateway",
    "timeout",
    "time-out",
    "suspended",
    "terms of",
    "resource",
    "aborted",
    "cancelled",
    "unimplemented",
    "out_of_range",
    "already_exists",
    "data_loss",
    "ratelimit",
    "rate_limit",
    "rate limit",
    # Code Assist / Antigravity: eligibility checks and the busy notice (reference gemini-2026.md §6).
    "eligib",
    "high traffic",
)
_CODE = re.compile(r"(?<![\d.])(?:[45]\d\d|10(?:0[78]|11))(?![\d.])")


def worth_parsing(text: str) -> bool:
    """Whether ``text`` can hold a Google error at all (a cheap necessary condition)."""
    low = text.lower()
    for word in GOOGLE_WORDS:
        if word in low:
            return True
    return _CODE.search(text) is not None


#: What differs between repeats of one error: times and dates (numbers joined by ``:``, ``-`` or
#: ``/``: ``2026-11-04``, ``14:00:00.123``, ``10/Oct/2026:13:55:36``) and durations (``38.86s``,
#: ``1000ms``, ``8h44m7s``). Plain numbers (codes, limits, model versions, project numbers) do not
#: match, so they stay in the key as they are.
_VARYING = re.compile(
    # One branch, digit-led (the engine skips to digits), possessive (linear); the look-ahead after
    # the leading number rejects plain numbers at once, so only candidates reach the callback.
    r"\d++(?:[.,]\d++)*+(?=[:/\-]\d|ms|[hms](?![A-Za-z])|[hm]\d)"
    r"(?:[:/\-]\d++(?:[.,]\d++)*+)*+"
    r"(?:(?:ms|h|m|s)(?:\d++(?:\.\d++)?(?:ms|h|m|s))*+(?![A-Za-z]))?+"
)
_UNIT_S = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
_DUR_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")


def _magnitude(seconds: float) -> str:
    """A duration's order of magnitude: under a minute, an hour, a day, or longer."""
    if seconds < 60:
        return "<d0>"
    if seconds < 3600:
        return "<d1>"
    if seconds < 86400:
        return "<d2>"
    return "<d3>"


def _mask(match: re.Match[str]) -> str:
    token = match.group(0)
    if token[-1].isalpha():
        try:
            return _magnitude(sum(float(v) * _UNIT_S[u] for v, u in _DUR_PART.findall(token)))
        except (ValueError, OverflowError):
            return token
    if ":" in token:
        return "<t>"  # a time of day (or an address with its port)
    if len(token) >= 8 and token[4:5] in ("-", "/") and token[7:8] in ("-", "/"):
        return "<t>"  # a date
    return token


def normalized(text: str) -> str:
    """``text`` with what differs between repeats of one error masked (the cache key): times and
    dates, and durations (kept as their order of magnitude: a 27 s and an 8 h reset stay apart).
    Every other number (limits, codes, model versions, project numbers) stays."""
    return _VARYING.sub(_mask, text)


# --------------------------------------------------------------------------------------------------
# Diagnosing blocks, once per distinct block


#: The identity under which scan merges diagnoses (SPEC §1.7).
def scan_key(d: Diagnosis) -> tuple[Any, ...]:
    return (d.kind, d.model, d.quota_id, d.project_number)


#: The identity under which explain merges diagnoses (SPEC §1.1).
def explain_key(d: Diagnosis) -> tuple[Any, ...]:
    return (d.kind, d.model, d.quota_id, d.project_number, d.backend)


class BlockDiagnoser:
    """Diagnoses blocks with the classifier, reusing the answer for blocks of the same normalized
    form (bounded cache). ``parsed`` counts the parser runs, ``seen`` the blocks asked about."""

    def __init__(
        self,
        *,
        now: datetime,
        requested_model: str | None = None,
        cache_size: int = 4096,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        self.now = now
        self.requested_model = requested_model
        #: Further keyword arguments of the classifier's ``diagnose`` (the same for every block).
        self.options = dict(options or {})
        self.cache_size = cache_size
        self._cache: dict[str, tuple[Diagnosis, ...]] = {}
        self._exact: dict[str, tuple[Diagnosis, ...]] = {}
        self.parsed = 0
        self.seen = 0

    def diagnose(self, block: Block) -> tuple[Diagnosis, ...]:
        """The recognised diagnoses of a block (none when it holds no Google error)."""
        self.seen += 1
        if not worth_parsing(block.text):
            return ()
        found = self._exact.get(block.text)
        if found is not None:
            return found
        key = normalized(block.text)
        found = self._cache.get(key)
        if found is None:
            self.parsed += 1
            found = tuple(
                d
                for d in diagnose(
                    block.text, now=block.time or self.now, requested_model=self.requested_model
                )
                if d.kind is not Kind.UNRECOGNIZED
            )
            if len(self._cache) >= self.cache_size:
                self._cache.clear()
            self._cache[key] = found
        if len(self._exact) >= self.cache_size:
            self._exact.clear()
        self._exact[block.text] = found
        return found

    def exact(
        self,
        text: str,
        key: tuple[Any, ...],
        *,
        when: datetime | None,
        keyer: Callable[[Diagnosis], tuple[Any, ...]] = scan_key,
    ) -> Diagnosis | None:
        """The diagnosis of ``text`` with identity ``key``, derived afresh (exact varying fields)."""
        for d in diagnose(text, now=when or self.now, requested_model=self.requested_model, **self.options):
            if keyer(d) == key:
                return d
        return None


def _fits(part: tuple[Any, ...], whole: tuple[Any, ...]) -> bool:
    """Whether identity ``part`` is ``whole`` with some fields unknown (a cut-off copy of it)."""
    if part == whole or part[0] != whole[0]:
        return False
    for a, b in zip(part[1:], whole[1:], strict=True):
        if a is None or a == b or (isinstance(a, Backend) and a is Backend.UNKNOWN):
            continue
        return False
    return True


def fold_incomplete(keys: Iterable[tuple[Any, ...]]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Identities to fold into another: a copy of an error with fields missing (cut off, so no quota
    id or model) belongs to the one complete identity it fits, when exactly one fits."""
    known = list(keys)
    out: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for key in known:
        if not any(v is None for v in key[1:]):
            continue
        homes = [other for other in known if other not in out and _fits(key, other)]
        if len(homes) == 1:
            out[key] = homes[0]
    return out


_COUNT_NOTE = re.compile(r"^The same error appears \d+ times")


def with_count(d: Diagnosis, count: int) -> Diagnosis:
    """``d`` counted ``count`` times, its notes saying the same number."""
    notes = tuple(n for n in d.notes if not _COUNT_NOTE.match(n))
    if count > 1:
        notes += (f"The same error appears {count} times in the input.",)
    return replace(d, count=count, notes=notes)


# --------------------------------------------------------------------------------------------------
# explain over blocks (large inputs)

_SPECIFICITY = {Kind.UNSPECIFIED_429: 1, Kind.UNRECOGNIZED: 2}


def explain_blocks(
    blocks: Iterable[Block],
    *,
    now: datetime,
    requested_model: str | None = None,
    options: Mapping[str, Any] | None = None,
) -> list[Diagnosis]:
    """explain-error's answer for a large input read as blocks: identical diagnoses merged (SPEC §1.1
    identity), primary first (most restrictive retry class, then the most specific kind, then the last
    in the input). Empty when no block holds a Google error."""
    diagnoser = BlockDiagnoser(now=now, requested_model=requested_model, options=options)
    counts: Counter[tuple[Any, ...]] = Counter()
    last: dict[tuple[Any, ...], tuple[int, str]] = {}
    first: dict[tuple[Any, ...], Diagnosis] = {}
    for block in blocks:
        for d in diagnoser.diagnose(block):
            key = explain_key(d)
            counts[key] += d.count
            last[key] = (block.offset, block.text)
            first.setdefault(key, d)
    for part, whole in fold_incomplete(counts).items():
        counts[whole] += counts.pop(part)
        if last[part][0] > last[whole][0]:
            last[whole] = (last[part][0], last[whole][1])  # its place, the complete copy's text
    out: list[tuple[Diagnosis, int]] = []
    for key, count in counts.items():
        offset, text = last[key]
        exact = diagnoser.exact(text, key, when=now, keyer=explain_key) or first[key]
        out.append((with_count(exact, count), offset))
    out.sort(key=lambda e: (RETRY_RANK[e[0].retry], _SPECIFICITY.get(e[0].kind, 0), -e[1]))
    return [d for d, _ in out]


# --------------------------------------------------------------------------------------------------
# The scan result


@dataclass(frozen=True)
class ScanInput:
    """One input read: its name (``-`` for stdin), decompressed bytes and lines."""

    path: str
    bytes: int
    lines: int

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "bytes": self.bytes, "lines": self.lines}


@dataclass(frozen=True)
class ScanGroup:
    """Identical diagnoses (kind, model, quota id, project) with their count and first/last time."""

    diagnosis: Diagnosis
    count: int
    first_seen: datetime | None
    last_seen: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "diagnosis": self.diagnosis.to_json(),
            "count": self.count,
            "first_seen": iso_z(self.first_seen),
            "last_seen": iso_z(self.last_seen),
        }


@dataclass(frozen=True)
class TimelineBucket:
    """Errors per kind in one bucket of the timeline (minute, hour or day starting at ``start``)."""

    start: datetime
    counts: tuple[tuple[str, int], ...] = ()

    @property
    def total(self) -> int:
        return sum(n for _k, n in self.counts)

    def to_json(self) -> dict[str, Any]:
        return {"start": iso_z(self.start), "counts": dict(self.counts)}


@dataclass(frozen=True)
class FixFirst:
    """The bottleneck that matters most, its fix, and a change of bottleneck worth calling out."""

    kind: Kind
    model: str | None
    count: int
    first_seen: datetime | None
    last_seen: datetime | None
    summary: str
    fix: Fix | None
    limit: int | None
    shift: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "model": self.model,
            "count": self.count,
            "first_seen": iso_z(self.first_seen),
            "last_seen": iso_z(self.last_seen),
            "limit": self.limit,
            "summary": self.summary,
            "fix": None if self.fix is None else self.fix.to_json(),
            "shift": self.shift,
        }


@dataclass(frozen=True)
class ScanResult:
    """What ``gemquota scan`` / ``scan_text`` / ``scan_files`` found (SPEC §1.7, §3)."""

    inputs: tuple[ScanInput, ...]
    errors: int
    groups: tuple[ScanGroup, ...]
    timeline: tuple[TimelineBucket, ...]
    fix_first: FixFirst | None
    #: Timeline granularity: ``minute``, ``hour`` or ``day``.
    bucket: str = "hour"
    #: Errors whose lines carry no time stamp (counted in groups, not in the timeline).
    untimed: int = 0
    #: Errors left out by --since/--until (outside the range, or without a time while a range is set).
    left_out: int = 0
    since: datetime | None = None
    until: datetime | None = None
    #: Candidate blocks looked at, and how many times the parser actually ran.
    blocks: int = 0
    parsed: int = 0
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The ``data`` object of the scan JSON document (SPEC §3), plus extra keys."""
        return {
            "inputs": [i.to_json() for i in self.inputs],
            "errors": self.errors,
            "groups": [g.to_json() for g in self.groups],
            "timeline": [b.to_json() for b in self.timeline],
            "fix_first": None if self.fix_first is None else self.fix_first.to_json(),
            "bucket": self.bucket,
            "untimed": self.untimed,
            "left_out": self.left_out,
            "since": iso_z(self.since),
            "until": iso_z(self.until),
            "notes": list(self.notes),
        }


# --------------------------------------------------------------------------------------------------
# Aggregation


def _minute(moment: datetime) -> int:
    return int(moment.timestamp()) // 60


class ScanAggregator:
    """Feed it blocks (input by input); ``result()`` gives the ScanResult."""

    def __init__(
        self, *, now: datetime, since: datetime | None = None, until: datetime | None = None
    ) -> None:
        self.now = now
        self.since = since
        self.until = until
        self.diagnoser = BlockDiagnoser(now=now)
        self._counts: Counter[tuple[Any, ...]] = Counter()
        self._first: dict[tuple[Any, ...], datetime] = {}
        self._last: dict[tuple[Any, ...], datetime] = {}
        self._sample: dict[tuple[Any, ...], tuple[str, datetime | None, Diagnosis]] = {}
        self._order: dict[tuple[Any, ...], int] = {}
        self._minutes: Counter[tuple[int, str]] = Counter()
        self.untimed = 0
        self.left_out = 0
        self.inputs: list[ScanInput] = []

    def add_blocks(self, blocks: Iterable[Block]) -> None:
        ranged = self.since is not None or self.until is not None
        for block in blocks:
            when = block.time
            if ranged and (
                when is None
                or (self.since is not None and when < self.since)
                or (self.until is not None and when > self.until)
            ):
                found = self.diagnoser.diagnose(block)
                self.left_out += sum(d.count for d in found)
                continue
            for d in self.diagnoser.diagnose(block):
                key = scan_key(d)
                self._counts[key] += d.count
                self._order.setdefault(key, len(self._order))
                if when is None:
                    self.untimed += d.count
                else:
                    if key not in self._first or when < self._first[key]:
                        self._first[key] = when
                    if key not in self._last or when >= self._last[key]:
                        self._last[key] = when
                    self._minutes[(_minute(when), str(d.kind))] += d.count
                previous = self._sample.get(key)
                if previous is None or when is not None or previous[1] is None:
                    self._sample[key] = (block.text, when, d)

    def add_input(self, path: str, size: int, lines: int) -> None:
        self.inputs.append(ScanInput(path, size, lines))

    def export(self) -> dict[str, Any]:
        """The aggregated state (picklable), for :meth:`absorb` in another aggregator: one input read
        in parts (by several processes) is merged part after part, in input order."""
        return {
            "counts": self._counts,
            "first": self._first,
            "last": self._last,
            "sample": self._sample,
            "order": self._order,
            "minutes": self._minutes,
            "untimed": self.untimed,
            "left_out": self.left_out,
            "seen": self.diagnoser.seen,
            "parsed": self.diagnoser.parsed,
        }

    def absorb(self, state: Mapping[str, Any]) -> None:
        """Merge the state of an aggregator that read a later part of the input."""
        self._counts.update(state["counts"])
        for key, when in state["first"].items():
            if key not in self._first or when < self._first[key]:
                self._first[key] = when
        for key, when in state["last"].items():
            if key not in self._last or when >= self._last[key]:
                self._last[key] = when
        for key, sample in state["sample"].items():
            previous = self._sample.get(key)
            if previous is None or sample[1] is not None or previous[1] is None:
                self._sample[key] = sample
        for key in sorted(state["order"], key=state["order"].__getitem__):
            self._order.setdefault(key, len(self._order))
        self._minutes.update(state["minutes"])
        self.untimed += state["untimed"]
        self.left_out += state["left_out"]
        self.diagnoser.seen += state["seen"]
        self.diagnoser.parsed += state["parsed"]

    def groups(self) -> list[ScanGroup]:
        for part, whole in fold_incomplete(self._counts).items():
            self._counts[whole] += self._counts.pop(part)
            for times, pick in ((self._first, min), (self._last, max)):
                if part in times:
                    times[whole] = pick(times[part], times[whole]) if whole in times else times[part]
                    del times[part]
            self._sample.pop(part, None)
        out: list[ScanGroup] = []
        for key, count in self._counts.items():
            text, when, cached = self._sample[key]
            exact = self.diagnoser.exact(text, key, when=when) or cached
            out.append(ScanGroup(with_count(exact, count), count, self._first.get(key), self._last.get(key)))
        out.sort(key=lambda g: (RETRY_RANK[g.diagnosis.retry], -g.count, self._order[scan_key(g.diagnosis)]))
        return out

    def result(self) -> ScanResult:
        groups = self.groups()
        bucket, timeline = build_timeline(self._minutes)
        notes: list[str] = []
        if self.left_out:
            notes.append(
                f"{self.left_out:,} error(s) outside --since/--until (or with no time stamp) were left out."
            )
        if self.untimed:
            notes.append(
                f"{self.untimed:,} error(s) are on lines with no time stamp: counted, not in the timeline."
            )
        return ScanResult(
            inputs=tuple(self.inputs),
            errors=sum(g.count for g in groups),
            groups=tuple(groups),
            timeline=tuple(timeline),
            fix_first=fix_first(groups),
            bucket=bucket,
            untimed=self.untimed,
            left_out=self.left_out,
            since=self.since,
            until=self.until,
            blocks=self.diagnoser.seen,
            parsed=self.diagnoser.parsed,
            notes=tuple(notes),
        )


#: Spans up to this long get a per-minute timeline; up to ``_HOURLY_SPAN`` per hour; longer per day.
_MINUTELY_SPAN = timedelta(hours=3)
_HOURLY_SPAN = timedelta(days=14)
#: Above this many buckets the timeline lists only the buckets that have errors.
MAX_BUCKETS = 2000


def build_timeline(minutes: Mapping[tuple[int, str], int]) -> tuple[str, list[TimelineBucket]]:
    """Contiguous buckets from the first to the last error (per minute for spans up to 3 h, per hour
    up to 14 days, else per day), each with its count per kind; only the non-empty ones when there
    would be more than MAX_BUCKETS."""
    if not minutes:
        return "hour", []
    first = min(m for m, _k in minutes)
    last = max(m for m, _k in minutes)
    span = timedelta(minutes=last - first)
    if span <= _MINUTELY_SPAN:
        size, name = 1, "minute"
    elif span <= _HOURLY_SPAN:
        size, name = 60, "hour"
    else:
        size, name = 1440, "day"
    start = first - first % size
    per: dict[int, Counter[str]] = {}
    for (minute, kind), n in minutes.items():
        per.setdefault(minute - minute % size, Counter())[kind] += n
    # Contiguous (empty buckets included) unless that would be absurdly many (stray old stamps).
    starts = range(start, last + 1, size) if (last - start) // size < MAX_BUCKETS else sorted(per)
    buckets = [
        TimelineBucket(
            datetime.fromtimestamp(at * 60, UTC),
            tuple(sorted(per.get(at, Counter()).items(), key=lambda kv: (-kv[1], kv[0]))),
        )
        for at in starts
    ]
    return name, buckets


_PER = {
    Kind.RPM: "/min",
    Kind.TPM: " tokens/min",
    Kind.IPM: " images/min",
    Kind.RPD: "/day",
    Kind.TPD: " tokens/day",
}
_MINUTE_KINDS = {Kind.RPM, Kind.TPM, Kind.IPM}
_DAY_KINDS = {Kind.RPD, Kind.TPD}


def _hhmm(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment.astimezone(UTC):%H:%M}"


def _span(first: datetime | None, last: datetime | None) -> str:
    if first is None or last is None:
        return ""
    a, b = first.astimezone(UTC), last.astimezone(UTC)
    if a.date() != b.date():
        return f" between {a:%Y-%m-%d %H:%M} and {b:%Y-%m-%d %H:%M} UTC"
    if _hhmm(a) == _hhmm(b):
        return f" at {a:%H:%M} UTC"
    return f" between {a:%H:%M} and {b:%H:%M} UTC"


def group_line(g: ScanGroup) -> str:
    """``9,000 × rpm on gemini-3.8-flash between 14:00 and 15:00 UTC → <fix> (limit 1,000/min)``."""
    d = g.diagnosis
    what = f"{g.count:,} × {d.kind}" + (f" on {d.model}" if d.model else "")
    fix = d.fixes[0].title if d.fixes else "see the diagnosis"
    limit = f" (limit {d.limit:,}{_PER.get(d.kind, '')})" if d.limit is not None and d.kind in _PER else ""
    return f"{what}{_span(g.first_seen, g.last_seen)} → {fix}{limit}"


def fix_first(groups: list[ScanGroup]) -> FixFirst | None:
    """The group to fix first: the most restrictive retry class (a zero quota or a key error before
    any number of backoff errors), then the most frequent, then the first seen. A change from a
    per-minute to a per-day bottleneck later on is called out."""
    if not groups:
        return None
    top = groups[0]
    shift: str | None = None
    minute = [g for g in groups if g.diagnosis.kind in _MINUTE_KINDS and g.first_seen is not None]
    day = [g for g in groups if g.diagnosis.kind in _DAY_KINDS and g.first_seen is not None]
    for d_group in day:
        for m_group in minute:
            same_model = d_group.diagnosis.model == m_group.diagnosis.model or not (
                d_group.diagnosis.model and m_group.diagnosis.model
            )
            assert d_group.first_seen is not None and m_group.first_seen is not None
            if same_model and d_group.first_seen > m_group.first_seen:
                model = d_group.diagnosis.model or m_group.diagnosis.model
                on = f" on {model}" if model else ""
                # The two first fixes of a day window: wait for the reset, or move work elsewhere.
                fix = " or ".join(f.title[:1].lower() + f.title[1:] for f in d_group.diagnosis.fixes[:2])
                shift = (
                    f"From {_hhmm(d_group.first_seen)} UTC the errors{on} shift from {m_group.diagnosis.kind} "
                    f"to {d_group.diagnosis.kind}: the daily quota is used up"
                    + (f" → {fix[:1].upper() + fix[1:]}" if fix else "")
                    + "."
                )
                break
        if shift:
            break
    d = top.diagnosis
    return FixFirst(
        kind=d.kind,
        model=d.model,
        count=top.count,
        first_seen=top.first_seen,
        last_seen=top.last_seen,
        summary=group_line(top),
        fix=d.fixes[0] if d.fixes else None,
        limit=d.limit,
        shift=shift,
    )


__all__ = [
    "BlockDiagnoser",
    "FixFirst",
    "ScanAggregator",
    "ScanGroup",
    "ScanInput",
    "ScanResult",
    "TimelineBucket",
    "build_timeline",
    "explain_blocks",
    "fix_first",
    "group_line",
    "normalized",
    "worth_parsing",
]
