"""Human output of explain-error: one compact panel per diagnosis, primary first, secrets redacted.

Written with ``gemquota.render.plain``, not rich: explain-error's cold start is budgeted (SPEC §9)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from gemquota.context import Context
from gemquota.core.diagnosis import Backend, Diagnosis, Fix, Kind, Retry
from gemquota.core.redact import redact
from gemquota.core.reset import PACIFIC
from gemquota.core.textsafe import safe_line, safe_text
from gemquota.render.plain import Text, Writer

KIND_TITLES: dict[Kind, str] = {
    Kind.RPM: "Requests per minute exhausted",
    Kind.TPM: "Input tokens per minute exhausted",
    Kind.IPM: "Images per minute exhausted",
    Kind.RPD: "Requests per day exhausted",
    Kind.TPD: "Input tokens per day exhausted",
    Kind.ZERO_QUOTA: "No quota for this model (limit 0)",
    Kind.BILLING_LIMIT: "Billing limit reached (prepaid credits or spend cap)",
    Kind.CAPACITY: "Shared capacity exhausted (not your project's quota)",
    Kind.UNSPECIFIED_429: "429 that names no limit",
    Kind.OVERLOADED: "Model overloaded (503) — not a quota problem",
    Kind.INTERNAL: "Internal server error (500)",
    Kind.DEADLINE: "Deadline exceeded (504)",
    Kind.REGION: "Location not supported",
    Kind.PLAN_QUOTA: "Plan allowance used up (per user)",
    Kind.BAD_KEY: "API key not valid",
    Kind.AUTH_METHOD: "Credential kind or sending method rejected",
    Kind.LEAKED_KEY: "API key reported as leaked",
    Kind.API_DISABLED: "API not enabled on the project",
    Kind.PERMISSION: "Permission denied",
    Kind.BILLING_DISABLED: "Billing disabled on the project",
    Kind.MODEL_NOT_FOUND: "Model not found",
    Kind.BAD_REQUEST: "Bad request",
    Kind.UNRECOGNIZED: "No Google / Gemini error found",
}

BACKEND_NAMES: dict[Backend, str] = {
    Backend.GEMINI_API: "Gemini API (AI Studio key)",
    Backend.VERTEX_AI: "Vertex AI",
    Backend.CODE_ASSIST: "Gemini Code Assist (gemini-cli / Antigravity login)",
    Backend.UNKNOWN: "not named in the error",
}

RETRY_TEXT: dict[Retry | None, str] = {
    Retry.BACKOFF: "retry with backoff",
    Retry.WAIT_RESET: "wait for the reset",
    Retry.FIX: "retrying never helps: change something",
    None: "",
}

_STYLE_OF: dict[Retry | None, str] = {
    Retry.FIX: "bold red",
    Retry.WAIT_RESET: "bold yellow",
    Retry.BACKOFF: "bold cyan",
    None: "bold",
}

_LABEL = "bold"
#: Width when neither the context, the terminal nor COLUMNS gives one.
DEFAULT_WIDTH = 100
_DIM = "dim"


def headline_of(d: Diagnosis) -> str:
    """The diagnosis headline (the classifier's, else one built from kind, model, tier and limit)."""
    if d.headline:
        return d.headline
    parts = [p for p in (d.model, f"{d.tier} tier" if d.tier else None) if p]
    if d.limit is not None and d.kind is not Kind.UNRECOGNIZED:
        parts.append(f"limit {d.limit:,}")
    title = KIND_TITLES[d.kind]
    return f"{title} — {', '.join(parts)}" if parts else title


def duration(seconds: float) -> str:
    """A short human duration: ``38.9 s``, ``4 min 10 s``, ``14 h 30 min``, ``3 d 2 h``."""
    if seconds < 0:
        seconds = 0.0
    if seconds < 60:
        text = f"{seconds:.1f}".rstrip("0").rstrip(".")
        return f"{text} s"
    whole = int(seconds)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def _clock(moment: datetime, zone: tzinfo | None) -> str:
    local = moment.astimezone(zone) if zone is not None else moment.astimezone()
    name = local.tzname() or local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} {name}"


#: How a reset time was found, in words (the JSON keeps the ids).
BASIS_WORDS: dict[str, str] = {
    "pacific-midnight": "midnight Pacific time",
    "retry-hint": "the error's retry hint",
    "rolling-minute": "a rolling minute",
    "code-assist-reset": "the reset the error states",
}


def reset_lines(d: Diagnosis, now: datetime, local_tz: tzinfo | None) -> list[str]:
    """When the window resets: a countdown, then UTC, Pacific and (when it differs) local time; the
    retry hint only when it is not what the reset was computed from."""
    lines: list[str] = []
    if d.reset_at is not None:
        at = d.reset_at.astimezone(UTC)
        left = (at - now.astimezone(UTC)).total_seconds()
        basis = f" ({BASIS_WORDS.get(d.reset_basis, d.reset_basis)})" if d.reset_basis else ""
        lines.append(f"in {duration(left)}{basis}")
        clocks = [f"{at:%Y-%m-%d %H:%M:%S} UTC", f"{_clock(at, PACIFIC)} Pacific"]
        local = at.astimezone(local_tz) if local_tz is not None else at.astimezone()
        if local.utcoffset() and local.utcoffset() != at.astimezone(PACIFIC).utcoffset():
            clocks.append(f"{_clock(at, local_tz)} local")
        lines.append(" · ".join(clocks))
    if d.retry_after_s is not None and d.reset_basis not in ("retry-hint", "code-assist-reset"):
        hint = f"retry hint {duration(d.retry_after_s)}"
        if d.kind in (Kind.RPD, Kind.TPD):
            hint += " — on a per-day quota this is not the reset"
        elif d.retry is Retry.FIX:
            hint += " — retrying does not cure this error"
        lines.append(hint)
    return lines


def _text(value: str, style: str = "") -> Text:
    """Text from the paste or the diagnosis, redacted and terminal-safe (escapes shown escaped)."""
    return Text(safe_text(redact(value)), style)


def _labelled(out: Writer, rows: list[tuple[str, Text]]) -> None:
    out.grid(rows, label_style=_LABEL, min_width=9)


def _fix_block(out: Writer, fix: Fix, *, numbered: bool, label: str = "") -> None:
    title = Text(label, _LABEL).append(safe_line(redact(fix.title)), "bold green")
    out.print(title)
    steps: list[tuple[str, Text]] = []
    if numbered:
        steps += [(f"  {i}.", _text(step)) for i, step in enumerate(fix.steps, 1)]
    steps.append(("  →", _text(fix.url, "underline")))
    out.grid(steps, label_style=_DIM, right=True)


def _fields(d: Diagnosis, now: datetime, local_tz: tzinfo | None) -> list[tuple[str, Text]]:
    rows: list[tuple[str, Text]] = []

    def row(label: str, value: str, style: str = "") -> None:
        rows.append((label, _text(value, style)))

    status = " ".join(str(p) for p in (d.http_code, d.status) if p is not None)
    row("Backend", BACKEND_NAMES[d.backend] + (f" · {status}" if status else ""))
    if d.retry is not None:
        row("Retry", RETRY_TEXT[d.retry])
    if d.model:
        note = ""
        if d.requested_model and d.requested_model != d.model:
            note = f" — the quota is counted against this model; you called {d.requested_model}"
        row("Model", d.model + note)
    elif d.requested_model:
        row("Model", f"{d.requested_model} (requested)")
    if d.quota_id or d.quota_metric:
        row("Quota", " · ".join(q for q in (d.quota_id, d.quota_metric) if q))
    if d.limit is not None:
        row("Limit", f"{d.limit:,}" + (" — no entitlement; waiting never helps" if d.limit == 0 else ""))
    if d.tier is not None:
        row("Tier", str(d.tier))
    if d.location:
        row("Location", d.location)
    if d.project_number:
        row("Project", d.project_number)
    for i, line in enumerate(reset_lines(d, now, local_tz)):
        row("Resets" if i == 0 else "", line)
    for note in d.notes:
        row("Note", note)
    for i, assumption in enumerate(d.assumptions):
        row("Assumed" if i == 0 else "", assumption)
    return rows


def _diagnosis_body(
    out: Writer, d: Diagnosis, now: datetime, local_tz: tzinfo | None, *, primary: bool
) -> None:
    out.print(_text(headline_of(d), _STYLE_OF[d.retry]))
    if d.why:
        out.print(_text(d.why, "italic"))
    out.print()
    _labelled(out, _fields(d, now, local_tz))
    if d.fixes:
        out.print()
        _fix_block(out, d.fixes[0], numbered=True, label="Fastest fix: ")
        if primary and len(d.fixes) > 1:
            _labelled(out, [("Also", _text(" · ".join(f.title for f in d.fixes[1:])))])
    if d.evidence:
        out.print()
        out.print(Text("Evidence", _LABEL))
        out.grid([(" ", _text(fragment)) for fragment in d.evidence], value_style=_DIM)


def _unrecognized_body(out: Writer, d: Diagnosis) -> None:
    out.print(Text("No Google / Gemini API error was found in the input.", "bold"))
    if d.why:  # whose error it is instead: "This is an error of anthropic, not of a Google API …"
        out.print(d.why)
    if d.model:
        out.print(f"The input names the model {d.model}.")
    out.print(
        "gemquota reads the error body Google sends (code, status, message, details). "
        "The text given holds none of it — it may be cut off, or only an application's own message."
    )
    out.print()
    for fix in d.fixes[:1]:
        _fix_block(out, fix, numbered=True)


def diagnosis_panel(
    out: Writer, d: Diagnosis, now: datetime, local_tz: tzinfo | None = None, *, primary: bool = True
) -> None:
    """One diagnosis: a titled rule, then its body with no side borders, so that commands and URLs can
    be copied whole from the terminal."""
    if d.kind is Kind.UNRECOGNIZED:
        out.rule(Text("unrecognized"))
        _unrecognized_body(out, d)
        return
    title = str(d.kind) + (f" · {d.retry}" if d.retry else "") + (f" · ×{d.count}" if d.count > 1 else "")
    if not primary:
        title = f"also: {title}"
    out.rule(Text(title, _STYLE_OF[d.retry]), _STYLE_OF[d.retry].replace("bold ", ""))
    _diagnosis_body(out, d, now, local_tz, primary=primary)
    out.print()


def _terminal_width(ctx: Context) -> int | None:
    try:
        if ctx.stdout.isatty():
            return os.get_terminal_size(ctx.stdout.fileno()).columns
    except (AttributeError, ValueError, OSError):
        pass
    return None


def _env_columns(ctx: Context) -> int | None:
    value = ctx.env.get("COLUMNS", "").strip()
    return int(value) if value.isdigit() and 20 <= int(value) <= 1000 else None


def wants_color(ctx: Context, terminal: bool) -> bool:
    """Colour or not: the Context's choice, else NO_COLOR, TERM=dumb, FORCE_COLOR, else a terminal."""
    if ctx.color is not None:
        return ctx.color
    env = ctx.env
    if env.get("NO_COLOR"):
        return False
    if env.get("TERM", "").strip().lower() in ("dumb", "unknown"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return terminal


def writer_for(ctx: Context) -> Writer:
    """A Writer as wide as the Context, COLUMNS or the terminal say (else DEFAULT_WIDTH), coloured as
    ``wants_color`` decides."""
    terminal = _terminal_width(ctx)
    width = ctx.width or _env_columns(ctx) or terminal or DEFAULT_WIDTH
    return Writer(width, color=wants_color(ctx, terminal is not None))


def render_diagnoses(ctx: Context, diagnoses: Sequence[Diagnosis], *, now: datetime) -> None:
    """Print every diagnosis (primary first) to ctx.stdout; every string goes through redact()."""
    out = writer_for(ctx)
    for i, d in enumerate(diagnoses):
        if i == 1:
            out.print(Text(f"Also in this paste ({len(diagnoses) - 1} more):", _LABEL))
        diagnosis_panel(out, d, now, ctx.local_tz, primary=i == 0)
    # Second pass on the final text: nothing secret reaches the terminal even if a renderer forgot.
    ctx.stdout.write(redact(out.getvalue()))
    ctx.stdout.flush()
