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
