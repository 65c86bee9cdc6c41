"""Rendering of ``probe``: human rows, the JSON document (SPEC §3) and GitHub Actions annotations."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from gemquota.checks.probing import ModelRow, ProbeReport
from gemquota.context import Context, OutputFormat
from gemquota.core.diagnosis import Diagnosis, Retry, iso_z
from gemquota.core.redact import redact
from gemquota.render import jsonout
from gemquota.render.console import make_console
from gemquota.render.reset import countdown

COMMAND = "probe"


# ------------------------------------------------------------------------------------------ JSON


def row_json(row: ModelRow) -> dict[str, Any]:
    return {
        "model": row.model,
        "ok": bool(row.ok),
        "latency_ms": row.latency_ms,
        "listed": row.listed,
        "quota_model": row.quota_model,
        "diagnosis": None if row.diagnosis is None else row.diagnosis.to_json(),
        "quota_elsewhere": row.quota_elsewhere,
    }


def report_json(report: ProbeReport) -> dict[str, Any]:
    """The ``data`` object of the probe document (SPEC §3) plus a few extra keys."""
    return {
        "key_source": report.key_source,
        "key_masked": report.key_masked,
        "models": [row_json(row) for row in report.models],
        "cost": report.cost,
        "ok": report.ok,
        "models_listed": report.models_listed,
        "generate_calls": report.generate_calls,
        "list_error": None if report.list_error is None else report.list_error.to_json(),
    }


# ----------------------------------------------------------------------------------------- words


def retry_words(diag: Diagnosis, ctx: Context) -> str:
    """What retrying achieves, with the reset time or retry hint when known."""
    reset = ""
    if diag.reset_at is not None:
        left = (diag.reset_at - ctx.now()).total_seconds()
        reset = f"{iso_z(diag.reset_at)} (in {countdown(left)})"
    if diag.retry is Retry.FIX:
        return "retrying never helps: something has to change (see the fix)."
    if diag.retry is Retry.WAIT_RESET:
        return f"nothing succeeds before the reset{' at ' + reset if reset else ''}."
    if diag.retry is Retry.BACKOFF:
        if diag.retry_after_s is not None:
            return f"retry with backoff; the error asks for {diag.retry_after_s:g} s."
        return "retry with exponential backoff and jitter." + (f" Resets {reset}." if reset else "")
    return "no retry advice."


def _quota_line(diag: Diagnosis) -> str | None:
    parts = []
    if diag.limit is not None:
        parts.append(f"limit {diag.limit}")
    if diag.quota_id:
        parts.append(f"quota id {diag.quota_id}")
    elif diag.quota_metric:
        parts.append(f"metric {diag.quota_metric}")
    if diag.tier is not None:
        parts.append(f"tier {diag.tier.value}")
    if diag.project_number:
        parts.append(f"project {diag.project_number}")
    return ", ".join(parts) if parts else None


def row_findings(row: ModelRow) -> list[str]:
    """Remarks on a row beyond its diagnosis: quota counted elsewhere, model not listed."""
    out: list[str] = []
    if row.quota_elsewhere:
        out.append(
            f"The quota is counted against {row.quota_model}, not {row.model}: "
            f"limits for {row.quota_model} apply."
        )
    if row.listed is False:
        out.append(f"{row.model} is not in models.list for this key.")
    return out


# ----------------------------------------------------------------------------------------- human


def _console(ctx: Context, stream: TextIO) -> Console:
    return make_console(ctx, stream, soft_wrap=True)


def _line(console: Console, *parts: tuple[str, str]) -> None:
    text = Text()
    for value, style in parts:
        text.append(redact(value), style=style)
    console.print(text)


def _diagnosis_lines(console: Console, ctx: Context, row: ModelRow, diag: Diagnosis, indent: str) -> None:
    for finding in row_findings(row):
        _line(console, (indent, ""), (finding, "yellow"))
    quota = _quota_line(diag)
    if quota:
        label = "Quota: " if diag.quota_id or diag.quota_metric or diag.limit is not None else "Details: "
        _line(console, (indent, ""), (label, "bold"), (quota, ""))
    _line(console, (indent, ""), ("Retry: ", "bold"), (retry_words(diag, ctx), ""))
    if diag.reset_at is not None and diag.retry is not Retry.WAIT_RESET:
        left = (diag.reset_at - ctx.now()).total_seconds()
        _line(
            console, (indent, ""), ("Reset: ", "bold"), (f"{iso_z(diag.reset_at)} (in {countdown(left)})", "")
        )
    for note in diag.notes:
        if row.quota_elsewhere and row.model in note and str(row.quota_model) in note:
            continue  # already said by the finding above
        _line(console, (indent, ""), (note, "dim"))
    if diag.fixes:
        fix = diag.fixes[0]
        _line(console, (indent, ""), ("Fix: ", "bold green"), (fix.title, "green"))
        for number, step in enumerate(fix.steps, 1):
            _line(console, (indent + "  ", ""), (f"{number}. {step}", ""))
        if fix.url:
            _line(console, (indent + "  ", ""), (fix.url, "cyan"))
        if len(diag.fixes) > 1:
            others = "; ".join(f.title for f in diag.fixes[1:3])
            _line(console, (indent, ""), ("Also: ", "bold"), (others, "dim"))


def _human(ctx: Context, report: ProbeReport) -> None:
    console = _console(ctx, ctx.stdout)
    where = f" against {ctx.endpoints.gemini}" if ctx.endpoints.overridden else ""
    _line(
        console,
        ("Key: ", "bold"),
        (f"{report.key_masked} from {report.key_source}", ""),
        (where, "dim"),
    )
    if report.list_error is not None:
        lerr = report.list_error
        _line(
            console,
            ("✗ models.list: ", "bold red"),
            (f"{lerr.kind.value}", "bold red"),
            (f" — {lerr.headline}", ""),
        )
        first = report.models[0] if report.models else None
        if first is not None:
            _diagnosis_lines(console, ctx, first, lerr, "    ")
        names = ", ".join(row.model for row in report.models)
        _line(console, ("  No generateContent sent (", "dim"), (names, "dim"), (" not probed).", "dim"))
    else:
        count = "" if report.models_listed is None else f" ({report.models_listed} models)"
        _line(console, ("✓ models.list: ", "bold green"), (f"key valid, API enabled{count}", ""))
        width = max((len(row.model) for row in report.models), default=0)
        for row in report.models:
            name = row.model.ljust(width)
            if row.ok:
                if row.latency_ms is not None:
                    status = f"OK in {row.latency_ms:.0f} ms"
                else:
                    status = "listed (not called: --no-generate)"
                _line(console, ("✓ ", "bold green"), (name, "bold"), ("  ", ""), (status, "green"))
                for finding in row_findings(row):
                    _line(console, ("    ", ""), (finding, "yellow"))
                continue
            diag = row.diagnosis
            kind = "failed" if diag is None else diag.kind.value
            headline = "" if diag is None else f" — {diag.headline}"
            _line(
                console,
                ("✗ ", "bold red"),
                (name, "bold"),
                ("  ", ""),
                (kind, "bold red"),
                (headline, ""),
            )
            if diag is not None:
                _diagnosis_lines(console, ctx, row, diag, "    ")
    _line(console, ("Cost: ", "bold"), (report.cost, ""))


# ---------------------------------------------------------------------------------------- GitHub


def _escape_data(value: str) -> str:
    return redact(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _annotation(level: str, title: str, message: str) -> str:
    return f"::{level} title={_escape_prop(title)}::{_escape_data(message)}"


def _diag_message(row: ModelRow | None, diag: Diagnosis, ctx: Context) -> str:
    parts = [f"{diag.kind.value}: {diag.headline}"]
    if row is not None:
        parts += row_findings(row)
    parts.append(f"Retry: {retry_words(diag, ctx)}")
    if diag.fixes:
        fix = diag.fixes[0]
        parts.append(f"Fix: {fix.title}" + (f" ({fix.url})" if fix.url else ""))
    return "\n".join(parts)


def github_lines(ctx: Context, report: ProbeReport) -> list[str]:
    lines: list[str] = []
    if report.list_error is not None:
        lines.append(
            _annotation(
                "error",
                "gemquota probe: models.list",
                _diag_message(None, report.list_error, ctx),
            )
        )
    else:
        for row in report.models:
            title = f"gemquota probe: {row.model}"
            if row.ok:
                latency = "listed" if row.latency_ms is None else f"OK in {row.latency_ms:.0f} ms"
                lines.append(_annotation("notice", title, latency))
                lines.extend(_annotation("warning", title, finding) for finding in row_findings(row))
            elif row.diagnosis is not None:
                lines.append(_annotation("error", title, _diag_message(row, row.diagnosis, ctx)))
            else:
                lines.append(_annotation("error", title, "probe failed"))
    lines.append(_annotation("notice", "gemquota probe: cost", report.cost))
    return lines


# -------------------------------------------------------------------------------------- dispatch


def emit(ctx: Context, report: ProbeReport) -> None:
    """Write the report in the context's format."""
    if ctx.fmt is OutputFormat.JSON:
        jsonout.write(ctx.stdout, jsonout.success(COMMAND, report_json(report)))
        return
    if ctx.fmt is OutputFormat.GITHUB:
        for line in github_lines(ctx, report):
            ctx.stdout.write(line + "\n")
        ctx.stdout.flush()
        return
    _human(ctx, report)


@contextlib.contextmanager
def progress(ctx: Context, message: str) -> Iterator[None]:
    """A spinner on stderr while the calls run (human format on a terminal only)."""
    stream = ctx.stderr
    try:
        tty = stream.isatty()
    except (ValueError, OSError):
        tty = False
    if ctx.fmt is not OutputFormat.HUMAN or not tty:
        yield
        return
    console = _console(ctx, stream)
    with console.status(redact(message)):
        yield
