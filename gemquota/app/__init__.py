"""One use-case module per command: build the report, render it, return the exit code (no typer)."""
