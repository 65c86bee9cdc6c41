"""Doctor report renderings: human (flutter-doctor style), JSON (SPEC §3) and GitHub annotations."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO, assert_never

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from gemquota.checks.base import CheckOutcome, Level, Status
from gemquota.context import Context, OutputFormat
from gemquota.core.redact import redact
from gemquota.render import jsonout
from gemquota.render.console import make_console

MARK: dict[Status, tuple[str, str]] = {
    Status.OK: ("[✓]", "green"),
    Status.WARN: ("[!]", "yellow"),
    Status.FAIL: ("[✗]", "red"),
    Status.SKIP: ("[-]", "dim"),
    Status.CRASH: ("[☠]", "magenta"),
}
BULLET: dict[Level, tuple[str, str]] = {
    Level.INFO: ("•", ""),
    Level.HINT: ("!", "yellow"),
    Level.ERROR: ("✗", "red"),
}


def _console(ctx: Context, stream: TextIO) -> Console:
    width = ctx.width
    if width is None and not _isatty(stream) and not ctx.env.get("COLUMNS", "").strip():
        width = 1000  # piped or captured: one line per message, no hard wraps for grep and logs
    return make_console(ctx, stream, width=width, soft_wrap=False)


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (ValueError, OSError, AttributeError):
        return False


@contextmanager
def progress(ctx: Context, total: int) -> Iterator[Callable[[CheckOutcome, int, int], None]]:
    """A spinner on stderr while checks run (human format on a terminal only); yields an updater."""
    if ctx.fmt is not OutputFormat.HUMAN or not _isatty(ctx.stderr):
        yield lambda _o, _d, _t: None
        return
    console = _console(ctx, ctx.stderr)
    with console.status(f"Running {total} checks…") as status:
        done: list[str] = []

        def update(outcome: CheckOutcome, _done: int, _all: int) -> None:
            if not outcome.hidden:
                done.append(outcome.id)
                status.update(redact(f"Running checks… {len(done)}/{total} done ({outcome.title})"))

        yield update


# ----------------------------------------------------------------------------------------- JSON


def check_json(outcome: CheckOutcome) -> dict[str, Any]:
    r = outcome.result
    doc: dict[str, Any] = {
        "id": outcome.id,
        "title": outcome.title,
        "status": r.status.value,
        "summary": r.summary,
        "messages": [m.to_json() for m in r.messages],
        "fix": r.fix,
    }
    for key, value in r.extra.items():
        doc.setdefault(key, value)
    return doc


def data_json(
    outcomes: tuple[CheckOutcome, ...],
    verdict: str,
    project: Mapping[str, Any] | None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "checks": [check_json(o) for o in outcomes],
        "verdict": verdict,
        "fix_first": None,
        "project": dict(project) if project is not None else None,
        "projects": [],
        "keys": [],
    }
    doc.update(extra or {})
    return doc


#: The blocked reason every check skipped for want of cloud credentials carries (checks/cloud.py).
NEEDS_CLOUD_CREDENTIALS = "needs Google Cloud credentials (see cloud-credentials)"


# ----------------------------------------------------------------------------------------- human


def _limits_table(limits: Mapping[str, Any]) -> Table:
    columns: list[str] = list(limits.get("columns", ()))
    table = Table(show_edge=False, box=None, pad_edge=False, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column("model")
    for col in columns:
        table.add_column(col, justify="right")
    for row in limits.get("rows", ()):
        cells: list[Text] = [Text(redact(str(row.get("model"))))]
        for col in columns:
            value = row.get(col)
            if value is None:
                cells.append(Text("—", style="dim"))
            elif value < 0:
                cells.append(Text("unlimited", style="green"))
            elif value == 0:
                cells.append(Text("0", style="bold red"))
            else:
                cells.append(Text(f"{value:,}"))
        table.add_row(*cells)
    return table


def render_human(
    ctx: Context,
    outcomes: tuple[CheckOutcome, ...],
    verdict: str,
    status: Status,
    *,
    verbose: bool = False,
) -> None:
    """flutter-doctor style. Compact by default: one line per check, the messages of the checks that
    are not ok, the checks skipped for want of cloud credentials on one line; ``verbose``: everything."""
    console = _console(ctx, ctx.stdout)
    collapsed = [
        o
        for o in outcomes
        if o.status is Status.SKIP
        and o.result.blocked_reason == NEEDS_CLOUD_CREDENTIALS
        and o.id != "cloud-credentials"
    ]
    shown_collapsed = False
    for outcome in outcomes:
        r = outcome.result
        if not verbose and outcome in collapsed:
            if not shown_collapsed:
                shown_collapsed = True
                mark, style = MARK[Status.SKIP]
                line = Text()
                line.append(mark, style=style)
                line.append(" ")
                line.append(f"{len(collapsed)} checks need Google Cloud credentials", style="bold")
                line.append(f" ({', '.join(o.id for o in collapsed)}: see above)")
                console.print(line)
            continue
        mark, style = MARK[r.status]
        line = Text()
        line.append(mark, style=style)
        line.append(" ")
        line.append(outcome.title, style="bold")
        line.append(f" ({redact(r.summary)})")
        console.print(line)
        quiet = not verbose and r.status is Status.OK
        for message in () if quiet else r.messages:
            bullet, mstyle = BULLET[message.level]
            text = Text()
            text.append(bullet, style=mstyle)
            text.append(" " + redact(message.text))
            if message.url:
                text.append(" → ", style="dim")
                text.append(redact(message.url), style="cyan")
            console.print(Padding(text, (0, 0, 0, 4), expand=False))
        limits = r.extra.get("limits")
        if verbose and isinstance(limits, Mapping) and limits.get("rows"):
            console.print(Padding(_limits_table(limits), (0, 0, 0, 6), expand=False))
        if r.fix and r.status in (Status.FAIL, Status.WARN, Status.CRASH):
            fix = Text()
            fix.append("Fix: ", style="bold")
            fix.append(redact(r.fix))
            console.print(Padding(fix, (0, 0, 0, 4), expand=False))
    console.print()
    _mark, vstyle = MARK[status]
    console.print(Text(redact(verdict), style=f"bold {vstyle}"))


# ----------------------------------------------------------------------------------------- github


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_lines(outcomes: tuple[CheckOutcome, ...], verdict: str) -> list[str]:
    lines = []
    for outcome in outcomes:
        r = outcome.result
        match r.status:
            case Status.FAIL | Status.CRASH:
                level = "error"
            case Status.WARN:
                level = "warning"
            case Status.OK | Status.SKIP:
                continue
            case _:
                assert_never(r.status)
        message = r.summary + (f". Fix: {r.fix}" if r.fix else "")
        title = f"gemquota doctor: {outcome.title}"
        lines.append(f"::{level} title={_escape_prop(redact(title))}::{_escape_data(redact(message))}")
    lines.append(f"::notice title=gemquota doctor::{_escape_data(redact(verdict))}")
    return lines


def render(
    ctx: Context,
    outcomes: tuple[CheckOutcome, ...],
    verdict: str,
    status: Status,
    project: Mapping[str, Any] | None,
    *,
    extra: Mapping[str, Any] | None = None,
    verbose: bool = False,
) -> None:
    """Write the report to ctx.stdout in ctx.fmt (``extra``: fix_first, projects, keys for JSON)."""
    match ctx.fmt:
        case OutputFormat.HUMAN:
            render_human(ctx, outcomes, verdict, status, verbose=verbose)
        case OutputFormat.JSON:
            doc = data_json(outcomes, verdict, project, extra)
            jsonout.write(ctx.stdout, jsonout.success("doctor", doc))
        case OutputFormat.GITHUB:
            for line in github_lines(outcomes, verdict):
                ctx.stdout.write(line + "\n")
            ctx.stdout.flush()
        case _:
            assert_never(ctx.fmt)


def render_check_list(ctx: Context, titles: Mapping[str, str]) -> None:
    """``--list-checks``: ids and titles in display order."""
    if ctx.fmt is OutputFormat.JSON:
        doc = {"checks": [{"id": k, "title": v} for k, v in titles.items()]}
        jsonout.write(ctx.stdout, jsonout.success("doctor", doc))
        return
    width = max(len(k) for k in titles)
    for check_id, title in titles.items():
        ctx.stdout.write(f"{check_id.ljust(width)}  {title}\n")
    ctx.stdout.flush()
