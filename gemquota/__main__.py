"""``python -m gemquota``."""

from gemquota.entry import run

run()
