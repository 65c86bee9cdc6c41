"""Benchmark: doctor against the emulator with 200 ms latency per call (SPEC §9).

Reports, for the ``healthy`` scenario:
* in-process time from the start of the checks to the verdict (imports and a warm-up run done
  first), next to the sequential sum of the calls it made (request count × latency);
* whole-process wall time of ``gemquota doctor --format json`` pointed at the same slow emulator
  through GEMQUOTA_GOOGLE_BASE_URL, and of ``gemquota doctor --demo healthy --format json``
  with the same latency (GEMQUOTA_DEMO_LATENCY_MS).

Target: in-process ≤ 4 × latency + 0.6 s. Run: python benchmarks/bench_doctor.py [--runs N] [--latency S]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import time

from gemquota.app import doctor
from gemquota.checks.common import DoctorOptions
from gemquota.context import Context, Endpoints, OutputFormat
from gemquota.emulator import Emulator
from gemquota.keys import resolve_keys


def _ctx(env: dict[str, str]) -> Context:
    return Context(
        env=env,
        endpoints=Endpoints.from_env(env),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        fmt=OutputFormat.JSON,
        command="doctor",
    )


def in_process(emu: Emulator, runs: int, latency: float) -> tuple[list[float], int]:
    env = emu.demo_env()
    ctx = _ctx(env)
    options = DoctorOptions()
    key_env = resolve_keys(ctx)
    emu.set_latency(0.0)
    doctor.diagnose(ctx, options=options, key_env=key_env)  # warm-up: every lazy import happens here
    emu.set_latency(latency)
    times = []
    calls = 0
    for _ in range(runs):
        emu.clear_requests()
        start = time.perf_counter()
        report = doctor.diagnose(ctx, options=options, key_env=key_env)
        times.append(time.perf_counter() - start)
        calls = len(emu.requests)
        posts = [r.path for r in emu.requests if r.method != "GET"]
        # the only POST is key-accepted's free countTokens (SPEC §4, §8)
        assert all(p.endswith(":countTokens") for p in posts) and len(posts) <= 1, posts
        assert report.verdict.startswith("✓"), report.verdict
    return times, calls


def whole_process(args: list[str], env: dict[str, str], runs: int) -> list[float]:
    exe = [sys.executable, "-m", "gemquota", *args]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(exe, env=env, capture_output=True, text=True, timeout=120, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(
                f"{' '.join(args)} exited {proc.returncode}: {proc.stdout[-500:]}{proc.stderr[-500:]}"
            )
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.2)
    ns = parser.parse_args()
    budget = 4 * ns.latency + 0.6
    base_env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT", "TMPDIR")}
    with Emulator("healthy") as emu:
        times, calls = in_process(emu, ns.runs, ns.latency)
        emu.set_latency(ns.latency)
        slow_env = {**base_env, **emu.demo_env()}
        wall_slow = whole_process(["doctor", "--format", "json"], slow_env, max(1, ns.runs // 2))
    wall_demo = whole_process(
        ["doctor", "--demo", "healthy", "--format", "json"],
        {**base_env, "NO_GCE_CHECK": "true", "GEMQUOTA_DEMO_LATENCY_MS": str(round(ns.latency * 1000))},
        max(1, ns.runs // 2),
    )
    median = statistics.median(times)
    print(f"latency per call:                 {ns.latency * 1000:.0f} ms")
    print(f"calls per doctor run:             {calls} (GETs + key-accepted's free countTokens POST)")
    print(f"sequential sum of the calls:      {calls * ns.latency:.2f} s")
    print(
        f"in-process, checks → verdict:     median {median:.3f} s, min {min(times):.3f} s, max {max(times):.3f} s ({ns.runs} runs)"
    )
    print(f"budget (4 × latency + 0.6 s):     {budget:.2f} s → {'OK' if median <= budget else 'OVER'}")
    print(f"speed-up vs sequential:           {calls * ns.latency / median:.1f}×")
    print(
        f"whole process, {ns.latency * 1000:.0f} ms latency:     median {statistics.median(wall_slow):.3f} s"
    )
    print(
        f"whole process, --demo healthy:    median {statistics.median(wall_demo):.3f} s (same latency, GEMQUOTA_DEMO_LATENCY_MS)"
    )


if __name__ == "__main__":
    main()
