"""``python -m gemquota``."""

from gemquota.cli import run

run()
