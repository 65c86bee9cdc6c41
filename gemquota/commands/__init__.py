"""The thin layer between the CLI and the app: each module runs one command's use case
(``gemquota.app``) and prints its report (``gemquota.render``), returning the exit code.

Dependencies point one way: cli → commands → app → checks → sources → core, and
commands → render → (checks, core); app never imports render, render never imports app."""
