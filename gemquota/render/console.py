"""The one way the renderers build a rich Console: plain (no markup, no emoji, no highlighting),
coloured only when asked or on a terminal, and reading the terminal from the Context's env."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from gemquota.context import Context


def make_console(ctx: Context, stream: Any, *, width: int | None = None, soft_wrap: bool = True) -> Console:
    """A Console writing to ``stream`` (ctx.stdout or ctx.stderr)."""
    return Console(
        file=stream,
        width=width if width is not None else ctx.width,
        force_terminal=True if ctx.color else None,
        no_color=True if ctx.color is False else None,
        highlight=False,
        soft_wrap=soft_wrap,
        markup=False,
        emoji=False,
        _environ=dict(ctx.env),
    )
