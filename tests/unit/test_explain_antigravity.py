"""Antigravity / Code Assist (cloudcode-pa) wordings of 2026: capacity notices, eligibility checks and
the end of gemini-cli for individuals. Every input is built from the exact strings that
reference/gemini-2026.md §6 and §8 quote (sources: jlcodes99/cockpit-tools#453 and #502,
google-antigravity/antigravity-cli#3, #785, #879 and #962, googlecodelabs/feedback#2230,
google-gemini/gemini-cli#28019 and #28229, claude-remember#532). The fixtures in
tests/fixtures/errors (antigravity-*, code-assist-not-eligible-location, gemini-cli-ineligible-tier)
are the same strings; their rows are in tests/fixtures/errors/expected.tsv."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gemquota import explain
from gemquota.core.diagnosis import Backend, Diagnosis, Kind, Retry

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
ERRORS = Path(__file__).resolve().parents[1] / "fixtures" / "errors"

HIGH_TRAFFIC = "Our servers are experiencing high traffic right now, please try again in a minute."
AGENT_TERMINATED = "Agent terminated due to error"
AGENT_EXEC_TERMINATED = "Agent execution terminated due to error."
PROMPT_AGAIN = "You can prompt the model to try again or start a new conversation if the error persists."


def one(text: str) -> Diagnosis:
    return explain(text, now=NOW)[0]


def fix_ids(d: Diagnosis) -> list[str]:
    return [f.id for f in d.fixes]


# --- capacity notices --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        HIGH_TRAFFIC,
        f"{AGENT_TERMINATED}\n{HIGH_TRAFFIC}",
        f"Error: {HIGH_TRAFFIC}\n",
        (ERRORS / "antigravity-high-traffic.txt").read_text(encoding="utf-8"),
    ],
)
def test_high_traffic_notice_is_code_assist_capacity(text: str) -> None:
    d = one(text)
    assert (d.kind, d.retry, d.backend) == (Kind.CAPACITY, Retry.BACKOFF, Backend.CODE_ASSIST), d.why
    assert fix_ids(d)[0] == "code-assist-capacity"


@pytest.mark.parametrize(
    "text",
    [
        AGENT_TERMINATED,
        f"{AGENT_TERMINATED}\n{PROMPT_AGAIN}",
        AGENT_EXEC_TERMINATED,
        f"[agent] {AGENT_EXEC_TERMINATED} retrying",
    ],
)
def test_agent_terminated_alone_is_not_claimed(text: str) -> None:
    d = one(text)
    assert d.kind == Kind.UNRECOGNIZED, d.why


@pytest.mark.parametrize(
    "text",
    [
        f"Antigravity 1.107.0\n{AGENT_TERMINATED}\n{PROMPT_AGAIN}",
        f"{AGENT_TERMINATED}\n{PROMPT_AGAIN}\nmodel: gemini-3.1-pro-high",
        f"agy: {AGENT_EXEC_TERMINATED} (https://daily-cloudcode-pa.googleapis.com)",
    ],
)
def test_agent_terminated_beside_antigravitys_name_states_no_cause(text: str) -> None:
    # The app's notice that a turn failed names no cause (capacity, quota, a refused request, its own crash):
    # not even beside Antigravity's name, a model or its host is it read as one of them.
    d = one(text)
    assert d.kind == Kind.UNRECOGNIZED, d.why
    assert "states no cause" in d.why


def test_agent_terminated_does_not_override_a_named_cause() -> None:
    # "Agent execution terminated due to error." with the log line "You are not logged into Antigravity."
    d = one(f"{AGENT_EXEC_TERMINATED}\nYou are not logged into Antigravity.")
    assert d.kind == Kind.PERMISSION and d.backend == Backend.CODE_ASSIST, d.why
    capacity = f"{AGENT_TERMINATED}\nNo capacity available for model gemini-3.1-pro-high on the server"
    assert one(capacity).kind == Kind.CAPACITY


# --- eligibility ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Eligibility check failed: Your current account is not eligible for Antigravity. Verify your account to continue.",
        "PERMISSION_DENIED (code 403): Verify your account to continue.",
        "Eligibility check failed: unknown reason",
        (ERRORS / "antigravity-not-eligible.txt").read_text(encoding="utf-8"),
    ],
)
def test_not_eligible_is_permission_with_the_migration_fix(text: str) -> None:
    d = one(text)
    assert (d.kind, d.retry, d.backend) == (Kind.PERMISSION, Retry.FIX, Backend.CODE_ASSIST), d.why
    assert fix_ids(d)[0] == "code-assist-end-of-service"


def test_not_eligible_in_this_location_is_region_with_the_eligibility_fix() -> None:
    d = one((ERRORS / "code-assist-not-eligible-location.txt").read_text(encoding="utf-8"))
    assert (d.kind, d.retry, d.backend) == (Kind.REGION, Retry.FIX, Backend.CODE_ASSIST), d.why
    assert fix_ids(d)[0] == "code-assist-end-of-service"
    assert any("country" in step for step in d.fixes[0].steps)


def test_eligibility_check_unauthenticated_is_a_sign_in_to_redo() -> None:
    d = one((ERRORS / "antigravity-eligibility-unauthenticated.txt").read_text(encoding="utf-8"))
    assert d.kind in (Kind.BAD_KEY, Kind.AUTH_METHOD) and d.backend == Backend.CODE_ASSIST, d.why
    assert fix_ids(d)[0] == "sign-in-again"


# --- clients no longer supported ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Failed to sign in. Message: This client is no longer supported for Gemini Code Assist for individuals. "
        "To continue using Gemini, please migrate to the Antigravity suite of products: https://antigravity.google",
        (ERRORS / "gemini-cli-ineligible-tier.txt").read_text(encoding="utf-8"),
        # The reason code on its own (an ineligibleTiers entry cut from its message).
        "ineligibleTiers: [ { reasonCode: 'UNSUPPORTED_CLIENT', tierId: 'free-tier' } ]",
    ],
)
def test_unsupported_client_is_permission_with_the_migration_fix(text: str) -> None:
    d = one(text)
    assert (d.kind, d.retry, d.backend) == (Kind.PERMISSION, Retry.FIX, Backend.CODE_ASSIST), d.why
    assert fix_ids(d)[0] == "code-assist-end-of-service"
