"""``--demo`` with no scenario: the list of bundled scenarios (human or JSON)."""

from __future__ import annotations

from collections.abc import Sequence

from gemquota.context import Context, OutputFormat
from gemquota.render import jsonout


def scenario_list(ctx: Context, command: str, scenarios: Sequence[tuple[str, str]]) -> None:
    """Print ``(name, description)`` pairs as the ``command``'s output."""
    if ctx.fmt is OutputFormat.JSON:
        data = {"scenarios": [{"name": name, "description": text} for name, text in scenarios]}
        jsonout.write(ctx.stdout, jsonout.success(command, data))
        return
    width = max((len(name) for name, _ in scenarios), default=0)
    ctx.stdout.write("Demo scenarios (run with --demo SCENARIO):\n")
    for name, text in scenarios:
        ctx.stdout.write(f"  {name:<{width}}  {text}\n")
    ctx.stdout.flush()
