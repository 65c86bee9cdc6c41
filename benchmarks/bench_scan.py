"""Benchmarks of ``gemquota scan`` (SPEC §9). Run: ``python benchmarks/bench_scan.py [--mb N] [--check]``.

(a) a generated log of ``--mb`` MB (default 200) with one Gemini error per 2 000 lines, among ordinary
    application lines (INFO/DEBUG/WARN, request logs, a non-Google ERROR every ~400 lines):
    ``gemquota scan FILE --format json`` vs ``grep -c -E 'RESOURCE_EXHAUSTED|429' FILE`` on the same file,
    same run (median of 3 each, after one warm-up that puts the file in the page cache) — ratio ≤ 10;
    peak RSS of the scan process, also for a log a quarter of the size (independent of size, < 300 MB);
(b) 100 000 lines that are all Gemini errors (varying time stamps and retry delays; rpm, rpd, 503,
    zero quota): ``gemquota scan`` wall time — ≤ 10 s.

The files are generated in a temporary directory and deleted afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_ERROR = (
    "{ts} ERROR app.llm generate_content failed: google.genai.errors.ClientError: 429 RESOURCE_EXHAUSTED. "
    "{{'error': {{'code': 429, 'message': 'You exceeded your current quota, please check your plan and billing "
    "details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. "
    "To monitor your current usage, head to: https://ai.dev/rate-limit. \\n* Quota exceeded for metric: "
    "generativelanguage.googleapis.com/generate_requests_per_model, limit: 1000, model: gemini-3.8-flash\\n"
    "Please retry in {delay:.9f}s.', 'status': 'RESOURCE_EXHAUSTED', 'details': [{{'@type': "
    "'type.googleapis.com/google.rpc.QuotaFailure', 'violations': [{{'quotaMetric': "
    "'generativelanguage.googleapis.com/generate_requests_per_model', 'quotaId': "
    "'GenerateRequestsPerMinutePerProjectPerModel', 'quotaDimensions': {{'location': 'global', 'model': "
    "'gemini-3.8-flash'}}, 'quotaValue': '1000'}}]}}, {{'@type': 'type.googleapis.com/google.rpc.RetryInfo', "
    "'retryDelay': '{secs}s'}}]}}}}\n"
)
_RPD = _ERROR.replace("generate_requests_per_model,", "generate_requests_per_model_per_day,").replace(
    "PerMinutePerProjectPerModel", "PerDayPerProjectPerModel"
)
_OVERLOADED = (
    "{ts} WARNING app.llm retrying after google.genai.errors.ServerError: 503 UNAVAILABLE. {{'error': {{'code': "
    "503, 'message': 'The model is overloaded. Please try again later.', 'status': 'UNAVAILABLE'}}}}\n"
)
_ZERO = (
    "{ts} ERROR app.images cover failed: 429 RESOURCE_EXHAUSTED. {{'error': {{'code': 429, 'message': 'You "
    "exceeded your current quota.\\n* Quota exceeded for metric: generativelanguage.googleapis.com/"
    "generate_content_paid_tier_requests, limit: 0, model: gemini-3.1-flash-image', 'status': "
    "'RESOURCE_EXHAUSTED'}}}}\n"
)
_NOISE = (
    "{ts} INFO  app.worker job={a} processed {b} items in {c}ms\n",
    "{ts} INFO  httpx HTTP Request: POST https://generativelanguage.googleapis.com/v1beta/models/"
    'gemini-3.8-flash:generateContent "HTTP/1.1 200 OK"\n',
    "{ts} DEBUG app.cache hit key=user:{a} ttl={c}\n",
    '{ts} INFO  app.api 10.1.{b}.{b} "GET /api/items/{a} HTTP/1.1" 200 {a} "-" "Mozilla/5.0"\n',
    "{ts} WARN  app.db slow query {c} ms: SELECT id, name FROM items WHERE owner = {a} LIMIT 50\n",
)
_OTHER_ERROR = "{ts} ERROR app.db connection to 10.2.0.{b}:5432 reset by peer after {c} ms (attempt {b})\n"


def _ts(i: int, per_s: int) -> str:
    seconds = i // per_s
    return f"2026-11-04T{(8 + seconds // 3600) % 24:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.{i % 1000:03d}Z"


def make_sparse(path: Path, megabytes: int) -> int:
    """A log of about ``megabytes`` MB: one Gemini error per 2 000 lines. Returns the error count."""
    rng = random.Random(1)
    target = megabytes * 1024 * 1024
    written = errors = i = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < target:
            lines = []
            for _ in range(10_000):
                ts = _ts(i, 200)
                if i % 2000 == 1000:
                    delay = rng.uniform(0.5, 59.5)
                    lines.append(_ERROR.format(ts=ts, delay=delay, secs=int(delay)))
                    errors += 1
                elif i % 397 == 0:
                    lines.append(_OTHER_ERROR.format(ts=ts, b=rng.randint(1, 250), c=rng.randint(1, 9999)))
                else:
                    template = _NOISE[rng.randrange(len(_NOISE))]
                    lines.append(
                        template.format(
                            ts=ts, a=rng.randint(1, 99999), b=rng.randint(1, 250), c=rng.randint(1, 2000)
                        )
                    )
                i += 1
            chunk = "".join(lines)
            fh.write(chunk)
            written += len(chunk)
    return errors


def make_dense(path: Path, lines: int) -> None:
    """``lines`` lines, every one a Gemini error (rpm mostly; rpd, 503 and zero quota too)."""
    rng = random.Random(2)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(lines):
            ts = _ts(i, 20)
            delay = rng.uniform(0.5, 59.5)
            r = i % 100
            template = _RPD if r < 10 else _OVERLOADED if r < 15 else _ZERO if r == 15 else _ERROR
            fh.write(template.format(ts=ts, delay=delay, secs=int(delay)))


def _gemquota() -> list[str]:
    script = Path(sys.executable).with_name("gemquota")
    if script.exists():
        return [str(script)]
    found = shutil.which("gemquota")
    return [found] if found else [sys.executable, "-m", "gemquota"]


def _run(argv: list[str]) -> tuple[float, int, str]:
    """Wall time, peak RSS (KB) of the child, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, check=False, env={**os.environ, "COLUMNS": "100"})
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{argv} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
    del before
    return elapsed, peak, proc.stdout.decode(errors="replace")


def _peak_rss(argv: list[str]) -> int:
    """Peak RSS (KB) of one run, measured in a fresh wrapper process (ru_maxrss of children is a max
    over all children, so each measurement gets its own)."""
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, check=True, text=True)
    return int(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=int, default=200, help="size of the sparse log (a)")
    parser.add_argument("--dense", type=int, default=100_000, help="lines of the all-errors log (b)")
    parser.add_argument("--reps", type=int, default=3, help="timed repetitions of (a)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="gemquota-bench-scan-"))
    try:
        big, small, dense = tmp / "big.log", tmp / "small.log", tmp / "dense.log"
        expected = make_sparse(big, args.mb)
        make_sparse(small, max(1, args.mb // 4))
        make_dense(dense, args.dense)
        scan = [*_gemquota(), "scan", "--format", "json"]
        grep = ["grep", "-c", "-E", "RESOURCE_EXHAUSTED|429", str(big)]
        _run(grep)
        _run([*scan, str(big)])  # warm-up: page cache, bytecode
        scan_times, grep_times = [], []
        out = ""
        for _ in range(args.reps):
            grep_times.append(_run(grep)[0])
            seconds, _peak, out = _run([*scan, str(big)])
            scan_times.append(seconds)
        import json

        found = json.loads(out)["data"]["errors"]
        rss_big = _peak_rss([*scan, str(big)])
        rss_small = _peak_rss([*scan, str(small)])
        dense_s, _peak, dense_out = _run([*scan, str(dense)])
        dense_found = json.loads(dense_out)["data"]["errors"]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    scan_s, grep_s = statistics.median(scan_times), statistics.median(grep_times)
    ratio = scan_s / grep_s
    rows = [
        (f"(a) grep -c -E on a {args.mb} MB log", f"{grep_s * 1000:,.0f} ms", ""),
        (
            f"(a) gemquota scan on the same log ({found:,} of {expected:,} errors found)",
            f"{scan_s * 1000:,.0f} ms",
            "",
        ),
        ("(a)   ratio scan / grep", f"{ratio:.1f}×", "≤ 10×"),
        (f"(a)   peak RSS, {args.mb} MB log", f"{rss_big / 1024:,.0f} MB", "< 300 MB"),
        (f"(a)   peak RSS, {max(1, args.mb // 4)} MB log", f"{rss_small / 1024:,.0f} MB", "≈ the same"),
        (
            f"(b) gemquota scan, {args.dense:,} lines all errors ({dense_found:,} found)",
            f"{dense_s:,.2f} s",
            "≤ 10 s",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'result':>12}  target")
    print("-" * (width + 24))
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>12}  {target}")
    ok = ratio <= 10 and rss_big < 300 * 1024 and dense_s <= 10 and found == expected
    print("\nall targets met" if ok else "\nSOME TARGETS MISSED")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
