"""Rendering of ``gemquota scan``: the human report (what to fix first, the groups, the timeline as
bars), the JSON document (SPEC §3) and the progress bar for big inputs. Text from the logs goes
through ``safe_line`` and ``redact``."""

from __future__ import annotations

import io
import math
from collections import Counter
from datetime import UTC, datetime

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gemquota.context import Context
from gemquota.core.diagnosis import Retry
from gemquota.core.redact import redact
from gemquota.core.scan import ScanResult, TimelineBucket, group_line
from gemquota.core.textsafe import safe_line
from gemquota.render import jsonout
from gemquota.render.console import TransientBar, make_console

COMMAND = "scan"
#: Most rows the timeline chart prints; more buckets are drawn several to a row.
MAX_ROWS = 36
BAR_WIDTH = 40
DEFAULT_WIDTH = 100

_KIND_STYLE: dict[str, str] = {
    "rpm": "cyan",
    "tpm": "blue",
    "ipm": "bright_blue",
    "rpd": "yellow",
    "tpd": "dark_orange",
    "zero-quota": "red",
    "billing-limit": "bright_red",
    "plan-quota": "magenta",
    "capacity": "bright_cyan",
    "unspecified-429": "white",
    "overloaded": "green",
    "internal": "bright_green",
    "deadline": "green4",
}
_RETRY_STYLE = {
    Retry.FIX: "bold red",
    Retry.WAIT_RESET: "bold yellow",
    Retry.BACKOFF: "bold cyan",
    None: "bold",
}


def _clean(value: str | None) -> str:
    return redact(safe_line(value or ""))


def write_json(ctx: Context, result: ScanResult) -> None:
    jsonout.write(ctx.stdout, jsonout.success(COMMAND, result.to_json()))


# ------------------------------------------------------------------------------------------ human


def _width(ctx: Context) -> int:
    if ctx.width:
        return ctx.width
    value = ctx.env.get("COLUMNS", "").strip()
    if value.isdigit() and 40 <= int(value) <= 1000:
        return int(value)
    return DEFAULT_WIDTH


def _console(ctx: Context, buffer: io.StringIO) -> Console:
    terminal = False
    try:
        terminal = bool(ctx.stdout.isatty())
    except (AttributeError, ValueError, OSError):
        terminal = False
    env = ctx.env
    if ctx.color is not None:
        color = ctx.color
    elif env.get("NO_COLOR"):
        color = False
    elif env.get("FORCE_COLOR"):
        color = True
    else:
        color = terminal and env.get("TERM") != "dumb"
    return Console(
        file=buffer,
        width=_width(ctx),
        force_terminal=color,
        color_system="auto" if color else None,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        _environ=dict(ctx.env),
    )


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"  # pragma: no cover


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else f"{moment.astimezone(UTC):%Y-%m-%d %H:%M:%S}Z"


def _summary(result: ScanResult) -> Text:
    lines = sum(i.lines for i in result.inputs)
    size = sum(i.bytes for i in result.inputs)
    names = ", ".join("standard input" if i.path == "-" else _clean(i.path) for i in result.inputs[:3])
    names += " …" if len(result.inputs) > 3 else ""
    text = Text()
    text.append(f"Scanned {names}: {lines:,} lines, {_size(size)}. ")
    if result.since is not None or result.until is not None:
        since = "the start" if result.since is None else _when(result.since)
        until = "the end" if result.until is None else _when(result.until)
        text.append(f"From {since} to {until}: ")
    if result.errors:
        groups = len(result.groups)
        text.append(
            f"{result.errors:,} Google/Gemini error{'s' if result.errors != 1 else ''} "
            f"in {groups} group{'s' if groups != 1 else ''}.",
            style="bold",
        )
    else:
        text.append("No Google/Gemini error found.", style="bold green")
    return text


def _fix_first(result: ScanResult) -> list[Text | Table]:
    first = result.fix_first
    if first is None:
        return []
    top = result.groups[0]
    parts: list[Text | Table] = []
    title = Table.grid(padding=(0, 1))
    title.add_column(no_wrap=True, style="bold")
    title.add_column(overflow="fold")
    title.add_row("Fix first:", Text(_clean(first.summary), style=_RETRY_STYLE[top.diagnosis.retry]))
    parts.append(title)
    if first.fix is not None:
        steps = Table.grid(padding=(0, 1))
        steps.add_column(no_wrap=True, justify="right", style="dim")
        steps.add_column(overflow="fold")
        for i, step in enumerate(first.fix.steps, 1):
            steps.add_row(f"  {i}.", Text(_clean(step)))
        steps.add_row("  →", Text(first.fix.url, style="underline"))
        parts.append(steps)
    if first.shift:
        then = Table.grid(padding=(0, 1))
        then.add_column(no_wrap=True, style="bold")
        then.add_column(overflow="fold")
        then.add_row("Then:", Text(_clean(first.shift), style="yellow"))
        parts.append(then)
    others = list(result.groups[1:4])
    if others:
        parts.append(Text("Also:", style="bold"))
        also = Table.grid(padding=(0, 1))
        also.add_column(no_wrap=True)
        also.add_column(overflow="fold")
        for g in others:
            also.add_row("  •", Text(_clean(group_line(g))))
        parts.append(also)
    return parts


def _groups_table(result: ScanResult) -> Table:
    """One row per group: count, kind and retry class, model with quota id and project below it,
    first and last time seen (clock times only when everything happened on one day)."""
    times = [t for g in result.groups for t in (g.first_seen, g.last_seen) if t is not None]
    one_day = len({t.astimezone(UTC).date() for t in times}) <= 1

    def when(moment: datetime | None) -> str:
        if moment is None:
            return "no time stamp"
        return f"{moment.astimezone(UTC):%H:%M:%S}" if one_day else _when(moment)

    day = f" on {times[0].astimezone(UTC):%Y-%m-%d}" if one_day and times else ""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 1))
    table.add_column("count", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("model · quota", overflow="fold", ratio=1)
    table.add_column(f"seen (UTC{day})", no_wrap=True)
    for g in result.groups:
        d = g.diagnosis
        kind = Text(str(d.kind), style=_KIND_STYLE.get(str(d.kind), ""))
        if d.retry:
            kind.append(f"\n{d.retry}", style="dim")
        detail = Text(_clean(d.model) or "(no model named)")
        quota = " · ".join(
            p for p in (d.quota_id, f"project {d.project_number}" if d.project_number else None) if p
        )
        if quota:
            detail.append("\n" + _clean(quota), style="dim")
        span = when(g.first_seen)
        if g.last_seen is not None and g.last_seen != g.first_seen:
            span += f" → {when(g.last_seen)}"
        table.add_row(f"{g.count:,}", kind, detail, span)
    return table


def _rows(result: ScanResult) -> tuple[list[tuple[datetime, Counter[str]]], int]:
    """The timeline drawn several buckets to a row when there are more than MAX_ROWS."""
    buckets: list[TimelineBucket] = list(result.timeline)
    per = max(1, math.ceil(len(buckets) / MAX_ROWS))
    rows: list[tuple[datetime, Counter[str]]] = []
    for i in range(0, len(buckets), per):
        counts: Counter[str] = Counter()
        for b in buckets[i : i + per]:
            counts.update(dict(b.counts))
        rows.append((buckets[i].start, counts))
    return rows, per


def _label(moment: datetime, bucket: str, span_days: bool) -> str:
    utc = moment.astimezone(UTC)
    if bucket == "day":
        return f"{utc:%Y-%m-%d}"
    if span_days:
        return f"{utc:%m-%d %H:%M}"
    return f"{utc:%H:%M}"


def _bar(counts: Counter[str], order: list[str], scale: float) -> Text:
    """A stacked bar: one coloured run per kind (most frequent kind first); a thin mark for a
    non-zero count too small for a whole cell."""
    text = Text()
    drawn = 0
    cumulative = 0.0
    for kind in order:
        n = counts.get(kind, 0)
        if not n:
            continue
        cumulative += n * scale
        cells = round(cumulative) - drawn
        if cells > 0:
            text.append("█" * cells, style=_KIND_STYLE.get(kind, ""))
            drawn += cells
    if drawn == 0 and counts:
        kind = counts.most_common(1)[0][0]
        text.append("▏", style=_KIND_STYLE.get(kind, ""))
    return text


def _timeline(result: ScanResult) -> list[Text | Table]:
    if not result.timeline:
        return []
    rows, per = _rows(result)
    totals: Counter[str] = Counter()
    for _start, counts in rows:
        totals.update(counts)
    order = [k for k, _n in totals.most_common()]
    peak = max(sum(c.values()) for _s, c in rows) or 1
    scale = BAR_WIDTH / peak
    unit = {"minute": "minute", "hour": "hour", "day": "day"}[result.bucket]
    step = f"{per} {unit}s" if per > 1 else unit
    first, last = result.timeline[0].start, result.timeline[-1].start
    span_days = first.astimezone(UTC).date() != last.astimezone(UTC).date()
    heading = Text(f"Timeline (UTC, one row per {step})", style="bold")
    legend = Text("  ")
    for kind in order:
        legend.append("█ ", style=_KIND_STYLE.get(kind, ""))
        legend.append(f"{kind} {totals[kind]:,}   ")
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="dim")
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    for start, counts in rows:
        total = sum(counts.values())
        table.add_row(
            _label(start, result.bucket, span_days), _bar(counts, order, scale), f"{total:,}" if total else ""
        )
    return [heading, legend, table]


def write_human(ctx: Context, result: ScanResult) -> None:
    """The human report on stdout."""
    buffer = io.StringIO()
    console = _console(ctx, buffer)
    console.print(_summary(result), soft_wrap=True)
    if result.errors:
        console.print()
        for part in _fix_first(result):
            console.print(part)
        console.print()
        console.print(_groups_table(result))
        timeline = _timeline(result)
        if timeline:
            console.print()
            for part in timeline:
                console.print(part)
    for note in result.notes:
        console.print(Text(f"Note: {note}", style="dim"))
    ctx.stdout.write(redact(buffer.getvalue()))
    ctx.stdout.flush()


# --------------------------------------------------------------------------------------- progress


class ScanProgress(TransientBar):
    """A transient rich progress bar on stderr while big inputs are read (only on a terminal)."""

    #: Inputs smaller than this (bytes) get no bar.
    THRESHOLD = 4 * 1024 * 1024
    #: The bar is redrawn after each this many bytes.
    STEP = 2 * 1024 * 1024

    def __init__(self, ctx: Context, *, total: int | None) -> None:
        super().__init__()
        self._ctx = ctx
        self._total = total
        self._console = make_console(ctx, ctx.stderr)
        big = total is None or total >= self.THRESHOLD
        self.live = big and self._console.is_terminal and not self._console.is_dumb_terminal
        self._base = 0
        self._last = 0
        self._shown = 0

    def __enter__(self) -> ScanProgress:
        if self.live:
            from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

            # No refresh thread (auto_refresh off): big files are read by forked processes, and a
            # fork must not copy a thread holding the console's lock. update() refreshes instead.
            self._progress = Progress(
                TextColumn("Scanning"),
                BarColumn(),
                DownloadColumn(),
                console=self._console,
                auto_refresh=False,
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("scan", total=self._total)
            self._progress.refresh()
        return self

    def next_input(self) -> None:
        """The next input starts: positions reported from now on count from zero again."""
        self._base += self._last
        self._last = 0

    def update(self, done: int) -> None:
        self._last = done
        if self._progress is not None and self._task is not None:
            at = self._base + done
            if at - self._shown >= self.STEP:
                self._shown = at
                self._progress.update(self._task, completed=at)
                self._progress.refresh()


__all__ = ["ScanProgress", "write_human", "write_json"]
