"""The one way the renderers build a rich Console: plain (no markup, no emoji, no highlighting),
coloured only when asked or on a terminal, and reading the terminal from the Context's env."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any

from rich.console import Console

from gemquota.context import Context

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


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


class TransientBar:
    """A transient rich progress bar on stderr: a subclass starts it in ``__enter__`` (only on a
    terminal); leaving the ``with`` block stops it and clears its line."""

    def __init__(self) -> None:
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
