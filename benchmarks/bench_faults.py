"""doctor under faults, measured (not a test): trickle, hang, huge bodies, many keys, keep-alive.

    python benchmarks/bench_faults.py [--code PATH]

``--code PATH`` runs the doctor of another checkout (PYTHONPATH=PATH), e.g. an older commit, against
this checkout's emulator, to compare before and after. Every server is on 127.0.0.1 and every run is
bounded (``--limit`` seconds)."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from gemquota.emulator import Emulator, Fault


def _env(emu: Emulator, code: str | None) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("GEMINI", "GOOGLE", "GEMQUOTA"))}
    env = {**keep, **emu.demo_env()}
    return env


def _run(emu: Emulator, code: str | None, args: list[str], limit: float, **kw: Any) -> dict[str, Any]:
    """Run doctor as a child; wall time, exit code, the child's peak RSS (MB)."""
    start = time.monotonic()
    cmd = [sys.executable, "-m", "gemquota", "doctor", "--format", "json", *args]
    if code:  # an editable install's finder would win over PYTHONPATH: drop it in the child
        launcher = (
            "import runpy, sys; sys.meta_path[:] = [f for f in sys.meta_path "
            "if 'editable' not in repr(f).lower()]; sys.path.insert(0, sys.argv.pop(1)); "
            "sys.argv[0] = 'gemquota'; runpy.run_module('gemquota', run_name='__main__')"
        )
        cmd = [sys.executable, "-c", launcher, code, *cmd[3:]]
    proc = subprocess.Popen(
        cmd, env=_env(emu, code), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw
    )
    try:
        out, err = proc.communicate(timeout=limit)
        rc: int | str = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        rc = f"still running after {limit:.0f} s (killed)"
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the largest child so far: run one case each
    verdict = ""
    try:
        verdict = json.loads(out)["data"]["verdict"]
    except Exception:
        lines = (out or err).strip().splitlines()
        verdict = lines[-1][:160] if lines else ""
    return {
        "seconds": round(time.monotonic() - start, 1),
        "exit": rc,
        "verdict": verdict,
        "children_max_rss_mb": round(usage.ru_maxrss / 1024),
    }


def _limit_files() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))


def keep_alive_ms(n: int = 200) -> float:
    """Mean time of one GET on a kept-alive connection to the emulator (ms)."""
    with Emulator("healthy") as emu:
        conn = http.client.HTTPConnection("127.0.0.1", emu.port)
        token = emu.scenario.demo.access_token
        path = f"/v3/projects/{emu.scenario.projects[0].project_id}"
        headers = {"Authorization": f"Bearer {token}"}
        conn.request("GET", path, headers=headers)
        conn.getresponse().read()
        start = time.perf_counter()
        for _ in range(n):
            conn.request("GET", path, headers=headers)
            conn.getresponse().read()
        conn.close()
        return (time.perf_counter() - start) * 1000 / n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--code", help="checkout whose gemquota doctor runs (PYTHONPATH)")
    parser.add_argument("--limit", type=float, default=90.0)
    parser.add_argument("--only", nargs="*", default=[])
    a = parser.parse_args()
    results: dict[str, Any] = {}

    def want(name: str) -> bool:
        return not a.only or name in a.only

    if want("trickle"):
        with Emulator("healthy") as emu:
            emu.inject("billing", Fault.trickle(1.0))
            results["trickle billing, --timeout 2"] = _run(emu, a.code, ["--timeout", "2"], a.limit)
    if want("hang"):
        with Emulator("healthy") as emu:
            emu.inject("monitoring", Fault.timeout())
            results["hang monitoring, --timeout 2"] = _run(emu, a.code, ["--timeout", "2"], a.limit)
    if want("huge"):
        with Emulator("healthy") as emu:
            emu.inject("monitoring", Fault.huge_body(50 * 1024 * 1024))
            results["50 MB monitoring pages"] = _run(emu, a.code, ["--timeout", "30"], a.limit)
    if want("keys"):
        with Emulator("healthy") as emu, tempfile.TemporaryDirectory() as tmp:
            alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            keys = [emu.scenario.demo.api_keys[0]]
            keys += ["AQ.Ab8RN" + "".join(secrets.choice(alphabet) for _ in range(45)) for _ in range(1099)]
            path = Path(tmp) / "keys.txt"
            path.write_text("\n".join(keys), encoding="utf-8")
            results["1100 keys, ulimit -n 1024"] = _run(
                emu, a.code, ["--keys-file", str(path), "--timeout", "20"], a.limit, preexec_fn=_limit_files
            )
    if want("keepalive"):
        results["emulator keep-alive GET (ms, in-process)"] = round(keep_alive_ms(), 2)
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
