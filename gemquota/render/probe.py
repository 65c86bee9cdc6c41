"""Rendering of ``probe``: human rows, the JSON document (SPEC §3) and GitHub Actions annotations."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from gemquota.checks.probing import KeyResult, ModelRow, ProbeReport
from gemquota.context import Context, OutputFormat
from gemquota.core.diagnosis import Diagnosis, Retry, iso_z
from gemquota.core.redact import redact
from gemquota.core.textsafe import safe_line, safe_text
from gemquota.render import jsonout
from gemquota.render.console import make_console
from gemquota.render.reset import countdown

COMMAND = "probe"


# ------------------------------------------------------------------------------------------ JSON


def row_json(row: ModelRow) -> dict[str, Any]:
    """One row (SPEC §3: model, ok, latency_ms, listed, quota_model, served_model, diagnosis) + extras."""
    name = row.name
    return {
        "model": row.model,
        "ok": bool(row.ok),
        "latency_ms": row.latency_ms,
        "listed": row.listed,
        "quota_model": row.quota_model,
        "served_model": row.served_model,
        "diagnosis": None if row.diagnosis is None else row.diagnosis.to_json(),
        "key": row.key_masked,
        "key_source": row.key_source,
        "key_kind": row.key_kind,
        "default": row.default,
        "alias": row.alias,
        "rerouted": row.rerouted,
        "called": row.called,
        "quota_elsewhere": row.quota_elsewhere,
        "retired_on": None
        if name is None or name.retirement is None
        else name.retirement.retired_on.isoformat(),
        "suggestions": [] if name is None else list(name.suggestions),
        "findings": list(row.findings),
    }


def key_json(key: KeyResult) -> dict[str, Any]:
    return {
        "key": key.key_masked,
        "key_source": key.key_source,
        "key_kind": key.key_kind,
        "models_listed": key.models_listed,
        "default_model": key.default_model,
        "no_default": key.no_default,
        "list_error": None if key.list_error is None else key.list_error.to_json(),
    }


def report_json(report: ProbeReport) -> dict[str, Any]:
    """The ``data`` object of the probe document (SPEC §3) plus a few extra keys.

    ``key_source`` / ``key_kind`` are the key's; with several keys they are null unless every key
    shares them, and each row carries its own (``key``, ``key_source``, ``key_kind``)."""
    return {
        "key_source": report.key_source,
        "key_kind": report.key_kind,
        "key_masked": report.key_masked,
        "models": [row_json(row) for row in report.models],
        "cost": report.cost,
        "ok": report.ok,
        "keys": [key_json(k) for k in report.keys],
        "default_model": report.keys[0].default_model if len(report.keys) == 1 else None,
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
    """Remarks on a row beyond its diagnosis headline: re-route, alias, retirement, quota elsewhere."""
    out = list(row.findings)
    if row.listed is False and row.diagnosis is None:
        out.append(f"{row.model} is not in models.list for this key.")
    return out


# ----------------------------------------------------------------------------------------- human


def _console(ctx: Context, stream: TextIO) -> Console:
    return make_console(ctx, stream, soft_wrap=True)


def _line(console: Console, *parts: tuple[str, str]) -> None:
    text = Text()
    for value, style in parts:  # outside text: secrets redacted, control/bidi characters escaped
        text.append(safe_line(redact(value)), style=style)
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
        if any(note in finding for finding in row.findings):
            continue
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


def _key_line(ctx: Context, console: Console, key: KeyResult) -> None:
    where = f" against {ctx.endpoints.gemini}" if ctx.endpoints.overridden else ""
    kind = {"auth": "auth key", "standard": "standard key"}.get(key.key_kind, "key of unknown kind")
    _line(
        console,
        ("Key: ", "bold"),
        (f"{key.key_masked} ({kind}) from {key.key_source}", ""),
        (where, "dim"),
    )


def _row_line(console: Console, ctx: Context, row: ModelRow, width: int, no_generate: bool) -> None:
    name = row.model.ljust(width)
    if row.ok:
        if row.latency_ms is not None:
            status = f"OK in {row.latency_ms:.0f} ms"
            if row.served_model and (row.rerouted or row.alias):
                status += f", answered by {row.served_model}"
        elif no_generate:
            status = "listed (not called: --no-generate)"
        else:
            status = "listed (not called)"
        mark, style = ("! ", "bold yellow") if row.rerouted else ("✓ ", "bold green")
        _line(console, (mark, style), (name, "bold"), ("  ", ""), (status, "green"))
        for finding in row_findings(row):
            _line(console, ("    ", ""), (finding, "yellow"))
        return
    diag = row.diagnosis
    kind = "failed" if diag is None else diag.kind.value
    headline = "" if diag is None else f" — {diag.headline}"
    _line(console, ("✗ ", "bold red"), (name, "bold"), ("  ", ""), (kind, "bold red"), (headline, ""))
    if diag is not None:
        _diagnosis_lines(console, ctx, row, diag, "    ")


def _human(ctx: Context, report: ProbeReport) -> None:
    console = _console(ctx, ctx.stdout)
    for number, key in enumerate(report.keys):
        if number:
            console.print()
        _key_line(ctx, console, key)
        rows = report.rows_of(key)
        if key.list_error is not None:
            lerr = key.list_error
            _line(
                console,
                ("✗ models.list: ", "bold red"),
                (f"{lerr.kind.value}", "bold red"),
                (f" — {lerr.headline}", ""),
            )
            if rows:
                _diagnosis_lines(console, ctx, rows[0], lerr, "    ")
            names = ", ".join(row.model for row in rows) or "the default model"
            _line(console, ("  No generateContent sent (", "dim"), (names, "dim"), (" not probed).", "dim"))
            continue
        count = "" if key.models_listed is None else f" ({key.models_listed} models)"
        _line(console, ("✓ models.list: ", "bold green"), (f"key valid, API enabled{count}", ""))
        if key.default_model is not None:
            _line(
                console,
                ("  Default model: ", "bold"),
                (key.default_model, "bold"),
                (" (the newest stable Flash model in models.list; --model to choose another)", "dim"),
            )
        if key.no_default is not None:
            _line(console, ("✗ ", "bold red"), (key.no_default, ""))
        width = max((len(row.model) for row in rows), default=0)
        for row in rows:
            _row_line(console, ctx, row, width, report.no_generate)
    _line(console, ("Cost: ", "bold"), (report.cost, ""))


# ---------------------------------------------------------------------------------------- GitHub


def _escape_data(value: str) -> str:
    return safe_text(redact(value)).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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
    for key in report.keys:
        prefix = f"{key.key_masked} " if report.several_keys else ""
        if key.list_error is not None:
            title = f"gemquota probe: {prefix}models.list"
            lines.append(_annotation("error", title, _diag_message(None, key.list_error, ctx)))
            continue
        if key.no_default is not None:
            lines.append(_annotation("error", f"gemquota probe: {prefix}default model", key.no_default))
        for row in report.rows_of(key):
            title = f"gemquota probe: {prefix}{row.model}"
            if row.ok:
                latency = "listed" if row.latency_ms is None else f"OK in {row.latency_ms:.0f} ms"
                if row.served_model and (row.rerouted or row.alias):
                    latency += f", answered by {row.served_model}"
                if row.default:
                    latency += " (default model: the newest stable Flash model in models.list)"
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
