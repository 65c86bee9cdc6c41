"""Docs that cannot drift: the README's commands, the CI script and the exit-code table agree."""

from __future__ import annotations

import re
from pathlib import Path

from gemquota.exitcodes import ExitCode

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _ci_test_command() -> str:
    match = re.search(r'^TEST_COMMAND="(.+)"$', CI, re.M)
    assert match, ".ci/run defines TEST_COMMAND"
    return match.group(1)


def _readme_code_lines() -> list[str]:
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", README, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_readme_starts_with_the_two_setup_commands() -> None:
    lines = _readme_code_lines()
    assert lines[0].endswith("gemquota doctor --demo billing-on-other-project")
    assert lines[0].startswith("python3 -m venv .venv && ")
    assert lines[1] == _ci_test_command()


def test_ci_runs_the_readme_test_command() -> None:
    assert 'eval "$TEST_COMMAND"' in CI


def test_exit_code_table_matches_enum() -> None:
    for member in ExitCode:
        assert re.search(rf"^\|\s*{int(member)}\s*\|", README, re.M), f"README lacks exit code {int(member)}"


def test_changelog_has_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog")
    assert "## [Unreleased]" in changelog


#: Absolute paths of a development machine, and the shared folder outside the repository.
#: (A path starts a word: a URL whose path holds such a folder, "…/app/<folder>/…", names no local path.)
_OUTSIDE = re.compile(
    r"(?<![\w.\-])(?:"
    + "|".join(("/" + "work/", "/" + "home/[a-z]", "/" + "Users/", r"\.\./" + "shared"))
    + ")"
)
#: Pasted error texts may quote any path of the machine they came from.
_PASTES = "tests/fixtures/"
_SKIP_DIRS = {
    ".git",
    ".venv",
    ".hypothesis",
    ".benchmarks",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "build",
    "dist",
}


def _repository_files() -> list[Path]:
    out = []
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT)
        if path.is_file() and not (set(rel.parts) & _SKIP_DIRS) and not rel.parts[0].endswith(".egg-info"):
            out.append(path)
    return out


def test_no_path_outside_the_repository() -> None:
    found = []
    for path in _repository_files():
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(_PASTES) and rel.endswith(".txt"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [f"{rel}: {m.group(0)}" for m in _OUTSIDE.finditer(text)]
    assert found == []


def test_the_path_check_can_fail() -> None:
    assert _OUTSIDE.search("CORPUS = '../" + "shared/corpus'")
    assert _OUTSIDE.search("see /" + "work/main/README.md")
    assert not _OUTSIDE.search("https://github.com/o/r/blob/abc/app/" + "work/space/run.log")
    assert _OUTSIDE.search('Path("/' + 'work/shared/corpus/dev/044.txt")')


def _iam_rows() -> list[str]:
    from gemquota.core.iam import CALLS

    rows = []
    for call in CALLS:
        if call.permission is None:
            continue  # the API key is the credential
        role = f"`{call.role}`" + ("" if call.scope == "project" else f" on the {call.scope}")
        rows.append(
            f"| {', '.join(call.checks)} | `{call.method}` | `{call.service}` | `{call.permission}` | {role} |"
        )
    return rows


def test_readme_iam_table_is_the_one_table() -> None:
    section = re.search(r"<!-- iam-table:.*?-->\n(.*?)<!-- /iam-table -->", README, re.S)
    assert section, "README has the IAM table markers"
    lines = [line for line in section.group(1).splitlines() if line.startswith("|")]
    assert lines[2:] == _iam_rows()


def test_readme_hints_put_debug_before_the_command() -> None:
    assert not re.search(r"gemquota [a-z-]+ [^`\n]*--debug", README)
    assert not re.search(r"gemquota [a-z-]+ [^`\n]*--version", README)
