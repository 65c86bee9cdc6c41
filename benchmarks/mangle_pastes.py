"""Does explain-error give the same answer on a real paste however it was mangled on its way to us?

Every paste of the labelled sets that the tool gets right today (kind, retry class and model all match
its label) is mangled in each of the ways below, one at a time, and explained again. A mangling
*changes* a paste when the mangled copy no longer matches the label (kind, retry class or model). The
must-not-claim sets (other providers' errors) are mangled the same way: a mangling must not make one of
them claimed.

Manglings are small pure functions ``(text, rng) -> text``; the ``rng`` is seeded from the mangling's
name and the paste's file name, so every run mangles every paste the same way. They are general
(wrapping, prefixes, escapes, encodings, prose around the paste) and never look at what the paste says.

Truncations (``cut-*``) can remove the decisive part of a paste: a change there is legitimate, so they
are reported apart, each change judged *honest* (unrecognized, or the less specific kind of the same
family — ``unspecified-429`` for a 429 kind, ``bad-request`` / ``permission`` / ``bad-key`` for a 400 /
403 / 401 kind — with no model or the labelled one) or *wrong* (another specific kind or another model).

usage:
  python benchmarks/mangle_pastes.py [SET_FOLDER ...] [--must-not-claim FOLDER ...]
      [--only NAME[,NAME]] [--verbose]

With no folders, the labelled sets and must-not-claim sets of ``tests/fixtures`` are used. Prints one
row per mangling: pastes changed / tried (and which of kind, retry, model changed), then the
must-not-claim rows, then the truncation verdicts.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import textwrap
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The scorer's retry classes and label reader (one definition; the sibling module is found from here
# also when this file is loaded by path, as tests/unit/test_unmangle.py does).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_pastes import NONE, RETRY, read_labels

REPO = Path(__file__).resolve().parents[1]

LABELLED = ("real", "real2", "real3", "real4", "real5", "real6", "real7", "corpus-dev", "shapes26", "peers")
MUST_NOT_CLAIM = ("not-google", "not-google2")

Mangle = Callable[[str, random.Random], str]


# --------------------------------------------------------------------------------------------------
# The manglings (pure: text and a seeded rng in, text out)
# --------------------------------------------------------------------------------------------------


def hard_wrap(width: int) -> Mangle:
    """A terminal or log viewer: every line cut every ``width`` characters, inside words and ids."""

    def run(text: str, rng: random.Random) -> str:
        out: list[str] = []
        for line in text.split("\n"):
            if not line:
                out.append(line)
            while line:
                out.append(line[:width])
                line = line[width:]
        return "\n".join(out)

    return run


def word_wrap(width: int, indent: str = "") -> Mangle:
    """A mail client, forum or formatter: lines wrapped at spaces (long words kept whole); continuation
    lines optionally indented."""

    def run(text: str, rng: random.Random) -> str:
        out: list[str] = []
        for line in text.split("\n"):
            if len(line) <= width:
                out.append(line)
                continue
            lead = line[: len(line) - len(line.lstrip())]
            out.extend(
                textwrap.wrap(
                    line,
                    width,
                    initial_indent="",
                    subsequent_indent=lead + indent,
                    break_long_words=False,
                    break_on_hyphens=False,
                    drop_whitespace=True,
                    expand_tabs=False,
                    replace_whitespace=False,
                )
                or [line]
            )
        return "\n".join(out)

    return run


def prefix_lines(make: Callable[[int, random.Random], str]) -> Mangle:
    """Every line led by what ``make(line_number, rng)`` returns (a log header, a quote, a border…)."""

    def run(text: str, rng: random.Random) -> str:
        return "\n".join(make(i, rng) + line for i, line in enumerate(text.split("\n"), 1))

    return run


def _log_header(i: int, rng: random.Random) -> str:
    ms = rng.randrange(1000)
    return f"2026-12-06T02:{10 + i // 60 % 50:02d}:{i % 60:02d}.{ms:03d}Z ERROR [app.llm.gemini] "


def _syslog_header(i: int, rng: random.Random) -> str:
    return f"Dec  6 02:{10 + i // 60 % 50:02d}:{i % 60:02d} worker-3 python[4107]: "


def box_border(text: str, rng: random.Random) -> str:
    """A terminal UI box: ``│ `` before and `` │`` after every line (padded to the widest)."""
    lines = text.split("\n")
    width = max(len(line) for line in lines)
    return "\n".join(f"│ {line.ljust(width)} │" for line in lines)


def code_fence(lang: str) -> Mangle:
    def run(text: str, rng: random.Random) -> str:
        return f"```{lang}\n{text}\n```"

    return run


def inline_code(text: str, rng: random.Random) -> str:
    """Forum markdown: every non-empty line in single backticks."""
    return "\n".join(f"`{line}`" if line.strip() else line for line in text.split("\n"))


def crlf(text: str, rng: random.Random) -> str:
    return text.replace("\n", "\r\n")


def smart_quotes(text: str, rng: random.Random) -> str:
    """A word processor or chat client: straight quotes to curly ones (opening after space or start)."""
    text = re.sub(r'(^|[\s(\[{:,=])"', "\\1\u201c", text)
    text = text.replace('"', "\u201d")
    text = re.sub(r"(^|[\s(\[{:,=])'", "\\1\u2018", text)
    return text.replace("'", "\u2019")


def nbsp(text: str, rng: random.Random) -> str:
    """A web page copy: about half of the spaces are no-break spaces."""
    return "".join("\u00a0" if ch == " " and rng.random() < 0.5 else ch for ch in text)


def zero_width(text: str, rng: random.Random) -> str:
    """A chat client or web page: zero-width spaces after some punctuation and at some word breaks."""
    out: list[str] = []
    for ch in text:
        out.append(ch)
        if ch in "/.:-_ " and rng.random() < 0.3:
            out.append("\u200b")
    return "".join(out)


def html_escape(text: str, rng: random.Random) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def json_string(text: str, rng: random.Random) -> str:
    """The whole paste as one JSON string (a structured log line prints ``"…\\n…\\"…"``)."""
    return json.dumps(text, ensure_ascii=False)


def json_value(text: str, rng: random.Random) -> str:
    """The whole paste as a JSON string value of a structured log record."""
    return json.dumps({"level": "error", "time": "2026-12-06T02:47:01Z", "msg": text}, ensure_ascii=False)


def py_repr(text: str, rng: random.Random) -> str:
    return repr(text)


def py_bytes_repr(text: str, rng: random.Random) -> str:
    return repr(text.encode("utf-8"))


def keep_head(share: float) -> Mangle:
    """Truncated at the end: only the first ``share`` of the paste is left."""

    def run(text: str, rng: random.Random) -> str:
        return text[: int(len(text) * share)]

    return run


def cut_head(share: float) -> Mangle:
    """The head cut off: the first ``share`` of the paste is missing."""

    def run(text: str, rng: random.Random) -> str:
        return text[int(len(text) * share) :]

    return run


def one_line(text: str, rng: random.Random) -> str:
    """Every run of whitespace (newlines too) collapsed to one space."""
    return " ".join(text.split())


_ANSI_TOKEN = re.compile(r'"[^"\n]*"|\b\d+\b')


def ansi(text: str, rng: random.Random) -> str:
    """A colouring logger or JSON pretty-printer: every line red, strings green, numbers cyan."""

    def colour(match: re.Match[str]) -> str:
        code = "32" if match.group(0).startswith('"') else "36"
        return f"\x1b[{code}m{match.group(0)}\x1b[0m\x1b[31m"

    return "\n".join(f"\x1b[31m{_ANSI_TOKEN.sub(colour, line)}\x1b[0m" for line in text.split("\n"))


def prose(before: str, after: str) -> Mangle:
    def run(text: str, rng: random.Random) -> str:
        return f"{before}{text}{after}"

    return run


def twice(text: str, rng: random.Random) -> str:
    return f"{text}\n{text}"


def question(text: str, rng: random.Random) -> str:
    return (
        "Hi all, since this morning every call fails and I don't understand why — my billing is set up "
        "and I barely sent any requests. Any idea what's wrong? Full error below:\n\n" + text + "\n\nThanks!"
    )


def _json_spans(text: str) -> Iterator[tuple[int, int, object]]:
    """Every top-level JSON object or array in ``text`` that ``json`` decodes, with its span."""
    decoder = json.JSONDecoder()
    at = 0
    while True:
        starts = [i for i in (text.find("{", at), text.find("[", at)) if i >= 0]
        if not starts:
            return
        start = min(starts)
        try:
            obj, end = decoder.raw_decode(text, start)
        except ValueError:
            at = start + 1
            continue
        if isinstance(obj, (dict, list)) and obj:
            yield start, end, obj
        at = end


def _reverse_keys(obj: object) -> object:
    if isinstance(obj, dict):
        return {k: _reverse_keys(v) for k, v in reversed(list(obj.items()))}
    if isinstance(obj, list):
        return [_reverse_keys(v) for v in obj]
    return obj


def rejson(*, reorder: bool, indent: int | None) -> Mangle:
    """Every JSON document in the paste re-serialized: keys in reverse order, pretty or compact."""

    def run(text: str, rng: random.Random) -> str:
        out: list[str] = []
        last = 0
        for start, end, obj in _json_spans(text):
            out.append(text[last:start])
            obj = _reverse_keys(obj) if reorder else obj
            separators = (",", ": ") if indent is not None else (",", ":")
            out.append(json.dumps(obj, indent=indent, separators=separators, ensure_ascii=False))
            last = end
        out.append(text[last:])
        return "".join(out)

    return run


MANGLINGS: dict[str, Mangle] = {
    "hard-wrap-60": hard_wrap(60),
    "hard-wrap-72": hard_wrap(72),
    "hard-wrap-80": hard_wrap(80),
    "hard-wrap-100": hard_wrap(100),
    "word-wrap-60": word_wrap(60),
    "word-wrap-72": word_wrap(72),
    "word-wrap-80": word_wrap(80),
    "word-wrap-100": word_wrap(100),
    "word-wrap-80-indent": word_wrap(80, "    "),
    "log-header": prefix_lines(_log_header),
    "syslog-header": prefix_lines(_syslog_header),
    "stderr-tag": prefix_lines(lambda i, rng: "[stderr] "),
    "quote": prefix_lines(lambda i, rng: "> "),
    "box-left": prefix_lines(lambda i, rng: "│ "),
    "box": box_border,
    "line-numbers": prefix_lines(lambda i, rng: f"{i:>4} | "),
    "line-numbers-colon": prefix_lines(lambda i, rng: f"{i}: "),
    "code-fence": code_fence(""),
    "code-fence-json": code_fence("json"),
    "inline-code": inline_code,
    "crlf": crlf,
    "smart-quotes": smart_quotes,
    "nbsp": nbsp,
    "zero-width": zero_width,
    "html-escape": html_escape,
    "json-string": json_string,
    "json-value": json_value,
    "py-repr": py_repr,
    "py-bytes-repr": py_bytes_repr,
    "one-line": one_line,
    "ansi": ansi,
    "prose-zh": prose("报错如下：\n", "\n请问这是什么原因？"),
    "prose-zh-inline": prose("调用 Gemini 接口报错：", " 怎么办"),
    "prose-ja": prose("以下のエラーが出ます：\n\n", "\n\nどうすればいいでしょうか？"),
    "prose-es": prose("Hola, me sale este error al llamar a la API:\n", "\n¿Alguien sabe por qué?"),
    "prose-ru": prose("Получаю такую ошибку:\n", "\nЧто делать?"),
    "twice": twice,
    "question": question,
    "json-reorder": rejson(reorder=True, indent=None),
    "json-pretty": rejson(reorder=False, indent=2),
    "json-compact": rejson(reorder=False, indent=None),
    # Truncations: may legitimately lose the decisive part (judged apart).
    "cut-keep-75": keep_head(0.75),
    "cut-keep-50": keep_head(0.50),
    "cut-head-25": cut_head(0.25),
}

TRUNCATIONS = frozenset(name for name in MANGLINGS if name.startswith("cut-"))


def rng_for(name: str, file: str) -> random.Random:
    return random.Random(zlib.crc32(f"{name}\x00{file}".encode()))


def mangle(name: str, text: str, file: str = "") -> str:
    """``text`` mangled by the mangling ``name`` (deterministic for a given file name)."""
    return MANGLINGS[name](text, rng_for(name, file))


# --------------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------------

#: The less specific kind of each specific kind (a truncation that yields it stays honest).
GENERAL = {
    **dict.fromkeys(
        ("rpm", "tpm", "ipm", "rpd", "tpd", "zero-quota", "billing-limit", "capacity", "plan-quota"),
        "unspecified-429",
    ),
    **dict.fromkeys(("region", "bad-key"), "bad-request"),
    **dict.fromkeys(("api-disabled", "billing-disabled", "leaked-key"), "permission"),
    "auth-method": "bad-key",
}


@dataclass(frozen=True)
class Got:
    kind: str | None
    retry: str | None
    model: str | None


@dataclass(frozen=True)
class Paste:
    set: str
    file: str
    text: str
    kinds: frozenset[str]
    model: str | None  # None: the label names no model


@dataclass
class Row:
    tried: int = 0
    changed: int = 0
    kind: int = 0
    retry: int = 0
    model: int = 0
    honest: int = 0
    wrong: int = 0
    examples: list[str] = field(default_factory=list)


def _explain(text: str) -> Got:
    from gemquota import explain

    try:
        doc = explain(text)[0].to_json()
    except Exception as exc:  # a crash is a change like any other
        return Got(f"CRASH {type(exc).__name__}", None, None)
    kind, retry, model = doc.get("kind"), doc.get("retry"), doc.get("model")
    return Got(
        None if kind is None else str(kind),
        None if retry is None else str(retry),
        None if model is None else str(model).removeprefix("models/"),
    )


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def load_labelled(folder: Path) -> list[Paste]:
    out: list[Paste] = []
    for want in read_labels(folder):
        kinds = {want["kind"]} | {k for k in want.get("also_ok", "-").split(",") if k not in NONE}
        model = None if want["model"] in NONE else want["model"].removeprefix("models/")
        out.append(Paste(folder.name, want["file"], _read(folder / want["file"]), frozenset(kinds), model))
    return out


def misses(paste: Paste, got: Got) -> tuple[bool, bool, bool]:
    """Whether ``got`` misses the label's kind, retry class and model."""
    bad_kind = got.kind not in paste.kinds
    bad_retry = got.retry not in {RETRY.get(k, "fix") for k in paste.kinds}
    bad_model = paste.model is not None and got.model != paste.model
    return bad_kind, bad_retry, bad_model


def honest(paste: Paste, got: Got) -> bool:
    """A truncated paste's answer is honest when its kind is the labelled one, unrecognized, or a less
    specific kind of the same family, and it names no model, the labelled one, or the start of it (the
    id itself cut off: what is left of the paste says no more)."""
    if got.model is not None and paste.model is not None and not paste.model.startswith(got.model):
        return False
    if got.kind == "unrecognized" or got.kind in paste.kinds:
        return True
    return any(GENERAL.get(k) == got.kind or GENERAL.get(GENERAL.get(k, "")) == got.kind for k in paste.kinds)


def run(
    labelled: Sequence[Path], must_not: Sequence[Path], names: Sequence[str], verbose: bool
) -> tuple[dict[str, Row], dict[str, Row], int, int]:
    pastes = [p for folder in labelled for p in load_labelled(folder)]
    right = [p for p in pastes if not any(misses(p, _explain(p.text)))]
    others = [(f.name, path.name, _read(path)) for f in must_not for path in sorted(f.glob("*.txt"))]
    clean_others = [o for o in others if _explain(o[2]).kind == "unrecognized"]
    rows: dict[str, Row] = {}
    claimed: dict[str, Row] = {}
    for name in names:
        row = rows.setdefault(name, Row())
        for paste in right:
            mangled = mangle(name, paste.text, paste.file)
            if mangled == paste.text:
                continue
            row.tried += 1
            got = _explain(mangled)
            bad = misses(paste, got)
            if not any(bad):
                continue
            row.changed += 1
            row.kind += bad[0]
            row.retry += bad[1]
            row.model += bad[2]
            fair = honest(paste, got)
            row.honest += fair
            row.wrong += not fair
            row.examples.append(
                f"{paste.set}/{paste.file}: want {'|'.join(sorted(paste.kinds))}/{paste.model or '-'} "
                f"got {got.kind}/{got.retry}/{got.model or '-'}"
                + ("" if fair or name not in TRUNCATIONS else "  WRONG")
            )
        crow = claimed.setdefault(name, Row())
        for set_name, file, text in clean_others:
            mangled = mangle(name, text, file)
            if mangled == text:
                continue
            crow.tried += 1
            got = _explain(mangled)
            if got.kind != "unrecognized":
                crow.changed += 1
                crow.examples.append(f"{set_name}/{file}: claimed as {got.kind}/{got.model or '-'}")
    return rows, claimed, len(right), len(pastes)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("labelled", nargs="*", type=Path, help="folders with labels.tsv")
    parser.add_argument("--must-not-claim", action="append", default=[], type=Path, metavar="FOLDER")
    parser.add_argument("--only", help="comma-separated mangling names (default: all)")
    parser.add_argument("--verbose", action="store_true", help="list every changed paste")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    fixtures = REPO / "tests" / "fixtures"
    labelled = args.labelled or [fixtures / name for name in LABELLED]
    must_not = args.must_not_claim or ([] if args.labelled else [fixtures / name for name in MUST_NOT_CLAIM])
    names = args.only.split(",") if args.only else list(MANGLINGS)
    unknown = [n for n in names if n not in MANGLINGS]
    if unknown:
        parser.error(f"unknown mangling(s): {', '.join(unknown)}")
    rows, claimed, n_right, n_all = run(labelled, must_not, names, args.verbose)
    print(f"{n_right} of {n_all} labelled pastes right before mangling; each mangled {len(names)} ways")
    print()
    print(f"{'mangling':<22} {'changed/tried':>14}  kind retry model   must-not-claim claimed/tried")
    total_changed = total_tried = 0
    for name in names:
        if name in TRUNCATIONS:
            continue
        row, crow = rows[name], claimed[name]
        total_changed += row.changed
        total_tried += row.tried
        print(
            f"{name:<22} {row.changed:>6}/{row.tried:<7}  {row.kind:>4} {row.retry:>5} {row.model:>5}"
            f"   {crow.changed:>6}/{crow.tried}"
        )
    print(f"{'all (no truncation)':<22} {total_changed:>6}/{total_tried:<7}")
    print()
    print(f"{'truncation':<22} {'changed/tried':>14}  honest wrong   must-not-claim claimed/tried")
    for name in names:
        if name not in TRUNCATIONS:
            continue
        row, crow = rows[name], claimed[name]
        print(
            f"{name:<22} {row.changed:>6}/{row.tried:<7}  {row.honest:>6} {row.wrong:>5}"
            f"   {crow.changed:>6}/{crow.tried}"
        )
    if args.verbose:
        for name in names:
            for line in rows[name].examples + claimed[name].examples:
                print(f"[{name}] {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
