"""Score gemquota's explain on folders of real error pastes.

Two kinds of folder:

* a **labelled** folder holds ``*.txt`` pastes and a ``labels.tsv`` in the corpus format
  (``file kind also_ok retry model backend why``; ``-`` for none). It is scored the way the official
  dev-corpus scorer scores: *kind* is right when the primary diagnosis' kind is the label's kind or one of
  its ``also_ok`` kinds; *retry* is right when the primary's retry class is the class of one of those
  kinds; *model* is scored only on pastes whose label names a model (``models/`` prefix ignored).
* a **must-not-claim** folder holds pastes of other providers and services (every ``*.txt`` in it). The
  figure is the share wrongly claimed: the primary kind is anything but ``unrecognized``.

By default the library is used in-process (``gemquota.explain`` on the file's bytes, as the CLI reads
them); ``--cli CMD`` runs ``CMD explain-error --file F --format json`` instead (a crash there is a
non-JSON stdout, an exit other than 0/4, or a traceback on stderr).

usage:
  python benchmarks/score_pastes.py tests/fixtures/real3 [MORE_LABELLED ...] \
      [--must-not-claim tests/fixtures/not-google ...] [--cli gemquota] [--verbose] [--strict]

Prints each miss (every row with --verbose), then one summary line per folder. Exit 0, or 1 with
--strict when anything missed or crashed.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# The retry class each kind carries (SPEC §2); kinds not named here are ``fix``.
RETRY: dict[str, str | None] = {
    "rpm": "backoff",
    "tpm": "backoff",
    "ipm": "backoff",
    "capacity": "backoff",
    "unspecified-429": "backoff",
    "overloaded": "backoff",
    "internal": "backoff",
    "deadline": "backoff",
    "rpd": "wait-reset",
    "tpd": "wait-reset",
    "plan-quota": "wait-reset",
    "unrecognized": None,
}

NONE = ("", "-")


@dataclass(frozen=True)
class Primary:
    """What the tool said about one paste (its primary diagnosis), or why it could not say."""

    kind: str | None
    retry: str | None
    model: str | None
    crash: str | None = None


Runner = Callable[[Path], Primary]


def library_runner() -> Runner:
    from gemquota import explain  # imported here: the scorer must load even where gemquota is broken

    def run(path: Path) -> Primary:
        try:
            diagnoses = explain(path.read_bytes())
        except Exception as exc:  # a crash is a finding, not a reason to stop scoring
            return Primary(None, None, None, crash=f"{type(exc).__name__}: {exc}"[:200])
        if not diagnoses:
            return Primary(None, None, None, crash="no diagnosis at all")
        doc = diagnoses[0].to_json()
        return Primary(_str(doc.get("kind")), _str(doc.get("retry")), _str(doc.get("model")))

    return run


def cli_runner(command: Sequence[str]) -> Runner:
    def run(path: Path) -> Primary:
        try:
            proc = subprocess.run(
                [*command, "explain-error", "--file", str(path), "--format", "json"],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Primary(None, None, None, crash="timeout")
        try:
            doc = json.loads(proc.stdout)
        except ValueError:
            return Primary(None, None, None, crash=f"exit {proc.returncode}, stdout is not JSON")
        if proc.returncode not in (0, 4) or "Traceback" in proc.stderr:
            return Primary(None, None, None, crash=f"exit {proc.returncode}: {proc.stderr.strip()[-200:]}")
        diagnoses = (doc.get("data") or {}).get("diagnoses") or [{}]
        first = diagnoses[0]
        return Primary(_str(first.get("kind")), _str(first.get("retry")), _str(first.get("model")))

    return run


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def read_labels(folder: Path) -> list[dict[str, str]]:
    rows = (folder / "labels.tsv").read_text(encoding="utf-8").splitlines()
    head = rows[0].split("\t")
    return [dict(zip(head, row.split("\t"), strict=False)) for row in rows[1:] if row.strip()]


def pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "n/a"


def score_labelled(folder: Path, run: Runner, verbose: bool) -> tuple[str, bool]:
    labels = read_labels(folder)
    kind_ok = retry_ok = model_ok = model_n = crashes = 0
    for want in labels:
        got = run(folder / want["file"])
        if got.crash is not None:
            crashes += 1
            print(f"CRASH {want['file']}: {got.crash}")
            if want["model"] not in NONE:
                model_n += 1
            continue
        kinds = {want["kind"]} | {k for k in want.get("also_ok", "-").split(",") if k not in NONE}
        good_kind = got.kind in kinds
        good_retry = got.retry in {RETRY.get(k, "fix") for k in kinds}
        good_model = True
        if want["model"] not in NONE:
            model_n += 1
            good_model = (got.model or "").removeprefix("models/") == want["model"]
            model_ok += good_model
        kind_ok += good_kind
        retry_ok += good_retry
        if verbose or not (good_kind and good_retry and good_model):
            mark = "ok  " if good_kind else "MISS"
            print(
                f"{mark} {want['file']}: want {want['kind']}/{want['retry']}/{want['model']} "
                f"got {got.kind}/{got.retry}/{got.model}"
            )
    n = len(labels)
    line = (
        f"{folder}: {n} pastes; kind {pct(kind_ok, n)} ({kind_ok}/{n}) retry {pct(retry_ok, n)} "
        f"({retry_ok}/{n}) model {pct(model_ok, model_n)} ({model_ok}/{model_n}) crashes {crashes}"
    )
    perfect = kind_ok == n and retry_ok == n and model_ok == model_n and not crashes
    return line, perfect


def score_must_not_claim(folder: Path, run: Runner, verbose: bool) -> tuple[str, bool]:
    files = sorted(folder.glob("*.txt"))
    claimed = crashes = 0
    for path in files:
        got = run(path)
        if got.crash is not None:
            crashes += 1
            print(f"CRASH {path.name}: {got.crash}")
            continue
        wrong = got.kind != "unrecognized"
        claimed += wrong
        if verbose or wrong:
            print(f"{'CLAIMED' if wrong else 'ok     '} {path.name}: got {got.kind}/{got.retry}/{got.model}")
    n = len(files)
    line = (
        f"{folder}: {n} pastes of other providers; wrongly claimed {pct(claimed, n)} ({claimed}/{n}), "
        f"left unrecognized {pct(n - claimed - crashes, n)} crashes {crashes}"
    )
    return line, claimed == 0 and not crashes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("labelled", nargs="*", type=Path, help="folders with labels.tsv")
    parser.add_argument(
        "--must-not-claim",
        action="append",
        default=[],
        type=Path,
        metavar="FOLDER",
        help="folder of other providers' pastes (repeatable)",
    )
    parser.add_argument(
        "--cli", metavar="CMD", help="score through `CMD explain-error` instead of the library"
    )
    parser.add_argument("--verbose", action="store_true", help="print every row, not only the misses")
    parser.add_argument("--strict", action="store_true", help="exit 1 when anything missed or crashed")
    args = parser.parse_args(argv)
    if not args.labelled and not args.must_not_claim:
        parser.error("give at least one labelled folder or --must-not-claim FOLDER")
    run = cli_runner(shlex.split(args.cli)) if args.cli else library_runner()
    summary: list[str] = []
    all_perfect = True
    for folder in args.labelled:
        line, perfect = score_labelled(folder, run, args.verbose)
        summary.append(line)
        all_perfect &= perfect
    for folder in args.must_not_claim:
        line, perfect = score_must_not_claim(folder, run, args.verbose)
        summary.append(line)
        all_perfect &= perfect
    print("\n".join(summary))
    return 1 if args.strict and not all_perfect else 0


if __name__ == "__main__":
    sys.exit(main())
