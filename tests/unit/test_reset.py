"""Reset maths and reset-in's decisions: DST, midnight Pacific, leap day, year end, hint precedence."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gemquota.app.reset_in import Outcome, ResetReport, exit_code_for, plan
from gemquota.commands.reset_in import wait_for
from gemquota.context import Context, OutputFormat
from gemquota.core.diagnosis import Backend, Diagnosis, Fix, Kind, Retry
from gemquota.core.reset import PACIFIC, Basis, Window, next_pacific_midnight, reset_window
from gemquota.exitcodes import ExitCode
from gemquota.render import reset as render


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def diag(kind: Kind, *, retry_after_s: float | None = None, **kw: object) -> Diagnosis:
    return Diagnosis(kind=kind, retry=_retry(kind), retry_after_s=retry_after_s, **kw)  # type: ignore[arg-type]


def _retry(kind: Kind) -> Retry | None:
    from gemquota.core.diagnosis import RETRY_OF

    return RETRY_OF[kind]


# ------------------------------------------------------------------------- Pacific midnight (core)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # DST starts 2026-03-08 02:00 PST -> 03:00 PDT (a 23-hour day).
        ("2026-03-08T09:30:00Z", "2026-03-09T07:00:00Z"),  # 01:30 PST, the example in the issue
        ("2026-03-08T09:59:59Z", "2026-03-09T07:00:00Z"),  # 01:59:59 PST, just before the jump
        ("2026-03-08T10:00:00Z", "2026-03-09T07:00:00Z"),  # 03:00 PDT, just after it
        ("2026-03-07T12:00:00Z", "2026-03-08T08:00:00Z"),  # the midnight that starts the DST day is PST
        # DST ends 2026-11-01 02:00 PDT -> 01:00 PST (a 25-hour day).
        ("2026-11-01T07:30:00Z", "2026-11-02T08:00:00Z"),  # 00:30 PDT, the example in the issue
        ("2026-11-01T08:30:00Z", "2026-11-02T08:00:00Z"),  # 01:30 PDT (first pass)
        ("2026-11-01T09:30:00Z", "2026-11-02T08:00:00Z"),  # 01:30 PST (second pass)
        ("2026-11-01T10:00:00Z", "2026-11-02T08:00:00Z"),  # 02:00 PST
        ("2026-10-31T12:00:00Z", "2026-11-01T07:00:00Z"),  # the midnight that starts it is PDT
        # The minute before and after midnight Pacific (summer: midnight = 07:00Z).
        ("2026-06-15T06:59:00Z", "2026-06-15T07:00:00Z"),
        ("2026-06-15T07:00:00Z", "2026-06-16T07:00:00Z"),  # exactly midnight: the next one
        ("2026-06-15T07:01:00Z", "2026-06-16T07:00:00Z"),
        # ... and in winter (midnight = 08:00Z).
        ("2026-01-15T07:59:00Z", "2026-01-15T08:00:00Z"),
        ("2026-01-15T08:01:00Z", "2026-01-16T08:00:00Z"),
        # Leap day 2028.
        ("2028-02-28T12:00:00Z", "2028-02-29T08:00:00Z"),
        ("2028-02-29T12:00:00Z", "2028-03-01T08:00:00Z"),
        ("2028-03-01T07:59:00Z", "2028-03-01T08:00:00Z"),  # 23:59 PST on the leap day
        # Year end: UTC midnight is not the reset.
        ("2026-12-31T20:00:00Z", "2027-01-01T08:00:00Z"),
        ("2027-01-01T03:00:00Z", "2027-01-01T08:00:00Z"),  # already 2027 in UTC, 19:00 Dec 31 in PT
        ("2027-01-01T07:59:00Z", "2027-01-01T08:00:00Z"),
        ("2027-01-01T08:00:30Z", "2027-01-02T08:00:00Z"),
    ],
)
def test_next_pacific_midnight(now: str, expected: str) -> None:
    assert next_pacific_midnight(utc(now)) == utc(expected)
    window = reset_window("rpd", utc(now))
    assert window.basis is Basis.PACIFIC_MIDNIGHT
    assert window.seconds == (utc(expected) - utc(now)).total_seconds()


def test_dst_days_have_23_and_25_hours() -> None:
    start = next_pacific_midnight(utc("2026-03-07T12:00:00Z"))
    assert next_pacific_midnight(start) - start == timedelta(hours=23)
    fall = next_pacific_midnight(utc("2026-10-31T12:00:00Z"))
    assert next_pacific_midnight(fall) - fall == timedelta(hours=25)


def test_the_minute_before_midnight_is_one_minute_away() -> None:
    assert reset_window(Window.TPD, utc("2026-06-15T06:59:00Z")).seconds == 60.0
    assert reset_window(Window.RPD, utc("2026-06-15T07:01:00Z")).seconds == 86340.0


def test_other_input_zones_give_the_same_instant() -> None:
    berlin = utc("2026-03-08T09:30:00Z").astimezone(PACIFIC)
    assert next_pacific_midnight(berlin) == utc("2026-03-09T07:00:00Z")
    with pytest.raises(ValueError):
        next_pacific_midnight(datetime(2026, 3, 8, 9, 30))


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 1, 1), timezones=st.just(UTC)))
def test_reset_is_the_next_pacific_midnight(now: datetime) -> None:
    at = next_pacific_midnight(now)
    local = at.astimezone(PACIFIC)
    assert (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
    assert now < at <= now + timedelta(hours=25)
    assert local.date() == now.astimezone(PACIFIC).date() + timedelta(days=1)


# -------------------------------------------------------------------------------- retry precedence

NOW = utc("2026-03-08T09:30:00Z")


@pytest.mark.parametrize("window", [Window.RPM, Window.TPM, Window.IPM])
def test_minute_windows_use_the_retry_hint(window: Window) -> None:
    report = plan(None, diag(Kind(window.value), retry_after_s=7.5), NOW)
    assert report.outcome is Outcome.RESET
    assert report.window is window
    assert report.basis is Basis.RETRY_HINT
    assert report.seconds == 7.5
    assert report.reset_at == NOW + timedelta(seconds=7.5)
    assert not report.hint_ignored


@pytest.mark.parametrize("window", [Window.RPM, Window.TPM, Window.IPM])
def test_minute_windows_without_hint_roll_within_60s(window: Window) -> None:
    for report in (plan(window, None, NOW), plan(None, diag(Kind(window.value)), NOW)):
        assert report.basis is Basis.ROLLING_MINUTE
        assert report.seconds == 60.0
        assert report.window is window


@pytest.mark.parametrize("window", [Window.RPD, Window.TPD])
def test_day_windows_ignore_a_short_retry_hint(window: Window) -> None:
    report = plan(None, diag(Kind(window.value), retry_after_s=5.0), NOW)
    assert report.basis is Basis.PACIFIC_MIDNIGHT
    assert report.reset_at == utc("2026-03-09T07:00:00Z")
    assert report.hint_ignored
    assert any("5 s" in n and "not the reset" in n for n in render.notes(report))


def test_explicit_window_wins_but_minute_window_takes_the_errors_hint() -> None:
    rpd_error = diag(Kind.RPD, retry_after_s=5.0)
    minute = plan(Window.RPM, rpd_error, NOW)
    assert (minute.window, minute.basis, minute.seconds) == (Window.RPM, Basis.RETRY_HINT, 5.0)
    assert any("not rpm" in n for n in render.notes(minute))
    day = plan(Window.RPD, diag(Kind.RPM, retry_after_s=12.0), NOW)
    assert (day.window, day.basis, day.reset_at) == (
        Window.RPD,
        Basis.PACIFIC_MIDNIGHT,
        utc("2026-03-09T07:00:00Z"),
    )
    assert day.hint_ignored and day.explicit


def test_explicit_window_with_a_fix_class_error_still_answers_but_says_so() -> None:
    report = plan(Window.RPD, diag(Kind.ZERO_QUOTA), NOW)
    assert report.outcome is Outcome.RESET and exit_code_for(report) is ExitCode.OK
    assert any("zero-quota" in n and "no reset cures it" in n for n in render.notes(report))


def test_code_assist_uses_its_own_reset_delay() -> None:
    short = diag(Kind.RPM, retry_after_s=27.0, backend=Backend.CODE_ASSIST, reset_basis="code-assist-reset")
    report = plan(None, short, NOW)
    assert (report.basis, report.seconds, report.window) == (Basis.CODE_ASSIST_RESET, 27.0, Window.RPM)
    long = diag(
        Kind.RPD, retry_after_s=5 * 3600 + 30.0, backend=Backend.CODE_ASSIST, reset_basis="code-assist-reset"
    )
    report = plan(None, long, NOW)
    assert (report.basis, report.seconds, report.window) == (Basis.CODE_ASSIST_RESET, 18030.0, Window.RPD)
    assert not report.hint_ignored
    assert "Code Assist" in render.message(report)
    # The explicit window wins; the Code Assist delay only applies to the error's own window.
    assert plan(Window.RPD, short, NOW).basis is Basis.PACIFIC_MIDNIGHT
    assert plan(Window.RPM, short, NOW).basis is Basis.CODE_ASSIST_RESET
    # A Code Assist daily reset is no retry hint for a minute window.
    assert (plan(Window.RPM, long, NOW).basis, plan(Window.RPM, long, NOW).seconds) == (
        Basis.ROLLING_MINUTE,
        60.0,
    )


def test_fix_class_error_has_no_reset() -> None:
    fix = Fix(
        "enable-billing", "Enable billing on the key's project", ("Open AI Studio",), "https://x.test/b"
    )
    report = plan(None, diag(Kind.ZERO_QUOTA, fixes=(fix,), headline="limit: 0"), NOW)
    assert report.outcome is Outcome.NO_RESET and exit_code_for(report) is ExitCode.PROBLEM
    assert (report.window, report.reset_at, report.seconds, report.basis) == (None, None, None, None)
    assert report.fixes == (fix,)


def test_fix_class_error_without_fixes_gets_them_from_the_matrix() -> None:
    report = plan(None, diag(Kind.BAD_KEY), NOW)
    assert report.outcome is Outcome.NO_RESET
    assert report.fixes  # every kind has at least one fix in the matrix


def test_unrecognized_input() -> None:
    assert plan(None, diag(Kind.UNRECOGNIZED), NOW).outcome is Outcome.UNRECOGNIZED
    assert exit_code_for(plan(None, None, NOW)) is ExitCode.UNRECOGNIZED


@pytest.mark.parametrize(
    "kind", [Kind.UNSPECIFIED_429, Kind.CAPACITY, Kind.OVERLOADED, Kind.INTERNAL, Kind.DEADLINE]
)
def test_backoff_kinds_without_a_window(kind: Kind) -> None:
    bare = plan(None, diag(kind), NOW)
    assert bare.outcome is Outcome.RESET and bare.window is None
    assert (bare.basis, bare.seconds) == (Basis.ROLLING_MINUTE, 60.0)
    hinted = plan(None, diag(kind, retry_after_s=3.0), NOW)
    assert (hinted.window, hinted.basis, hinted.seconds) == (None, Basis.RETRY_HINT, 3.0)
    assert "names no quota window" in render.message(bare)


def test_absurd_hints_are_clamped() -> None:
    assert plan(None, diag(Kind.RPM, retry_after_s=float("inf")), NOW).seconds == 366 * 86400.0
    assert plan(None, diag(Kind.RPM, retry_after_s=-4.0), NOW).seconds == 0.0
    assert plan(None, diag(Kind.RPM, retry_after_s=float("nan")), NOW).basis is Basis.ROLLING_MINUTE


# -------------------------------------------------------------------------------------- rendering


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.0, "0 s"),
        (0.2, "1 s"),
        (5.0, "5 s"),
        (60.0, "1 min"),
        (61.0, "1 min 1 s"),
        (3599.5, "1 h 0 min"),
        (77400.0, "21 h 30 min"),
        (25920.0, "7 h 12 min"),
        (90000.0, "25 h 0 min"),
        (2 * 86400.0 + 3600.0, "2 d 1 h 0 min"),
        (float("inf"), "0 s"),
    ],
)
def test_countdown(seconds: float, text: str) -> None:
    assert render.countdown(seconds) == text


def _ctx(**kw: object) -> Context:
    from zoneinfo import ZoneInfo

    base: dict[str, object] = {
        "stdout": io.StringIO(),
        "stderr": io.StringIO(),
        "local_tz": ZoneInfo("Europe/Berlin"),
        "width": 120,
        "color": False,
    }
    base.update(kw)
    return Context(**base)  # type: ignore[arg-type]


def test_json_data_has_every_listed_key_with_the_right_types() -> None:
    ctx = _ctx(fmt=OutputFormat.JSON)
    data = render.to_json(plan(Window.RPD, None, NOW), ctx)
    assert {"window", "reset_at", "seconds", "basis", "pacific", "local"} <= data.keys()
    assert data["window"] == "rpd"
    assert data["reset_at"] == "2026-03-09T07:00:00Z"
    assert data["seconds"] == 77400.0 and isinstance(data["seconds"], float)
    assert data["basis"] == "pacific-midnight"
    assert data["pacific"] == "2026-03-09T00:00:00-07:00"
    assert data["local"] == "2026-03-09T08:00:00+01:00"
    assert data["local_zone"] == "Europe/Berlin"
    json.dumps(data, allow_nan=False)


def test_json_of_a_fix_class_error_has_null_window_and_the_fix() -> None:
    data = render.to_json(plan(None, diag(Kind.ZERO_QUOTA, headline="limit: 0"), NOW), _ctx())
    for key in ("window", "reset_at", "seconds", "basis", "pacific", "local"):
        assert key in data and data[key] is None
    assert data["kind"] == "zero-quota" and data["retry"] == "fix"
    assert data["fixes"] and {"id", "title", "steps", "url"} == data["fixes"][0].keys()
    assert data["message"].startswith("No reset helps")


def test_json_fractional_reset() -> None:
    data = render.to_json(plan(None, diag(Kind.RPM, retry_after_s=2.5), NOW), _ctx())
    assert data["reset_at"] == "2026-03-08T09:30:02.500Z"
    assert data["pacific"] == "2026-03-08T01:30:02.500-08:00"
    assert data["retry_after_s"] == 2.5


def test_human_output_shows_utc_pacific_local_and_countdown() -> None:
    ctx = _ctx()
    render.write_human(ctx, plan(Window.RPD, None, utc("2026-11-01T07:30:00Z")))
    out = ctx.stdout.getvalue()  # type: ignore[attr-defined]
    assert "RPD (requests per day) resets in 24 h 30 min" in out
    assert "Mon 2026-11-02 08:00:00 UTC" in out
    assert "Mon 2026-11-02 00:00:00 PST (America/Los_Angeles)" in out
    assert "Mon 2026-11-02 09:00:00 CET (Europe/Berlin)" in out
    assert "not at UTC midnight and not 24 h after your first call" in out
    assert "\x1b[" not in out


def test_human_output_redacts_secrets() -> None:
    key = "AIza" + "B" * 35
    ctx = _ctx()
    render.write_human(ctx, plan(None, diag(Kind.BAD_KEY, headline=f"API key {key} not valid"), NOW))
    out = ctx.stdout.getvalue()  # type: ignore[attr-defined]
    assert key not in out and "No reset helps: bad-key" in out


# ------------------------------------------------------------------------------------------- wait


class FakeTime:
    """A clock that only moves when slept on."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def clock(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)


class TtyStringIO(io.StringIO):
    def isatty(self) -> bool:
        return True


def _report(seconds: float) -> ResetReport:
    return plan(None, diag(Kind.RPM, retry_after_s=seconds), NOW)


def test_wait_sleeps_until_the_reset_in_one_second_ticks_on_a_terminal() -> None:
    fake = FakeTime(utc("2030-01-01T00:00:00Z"))
    ctx = _ctx(clock=fake.clock, sleep=fake.sleep, stderr=TtyStringIO(), color=None)
    wait_for(ctx, 7.5, _report(7.5))
    assert sum(fake.sleeps) == pytest.approx(7.5)
    assert max(fake.sleeps) <= 1.0 and len(fake.sleeps) == 8
    err = ctx.stderr.getvalue()  # type: ignore[attr-defined]
    assert "Waiting for the RPM reset" in err and "8 s left" in err and "1 s left" in err
    assert ctx.stdout.getvalue() == ""  # type: ignore[attr-defined]


def test_wait_off_a_terminal_prints_one_line_and_sleeps_coarsely() -> None:
    fake = FakeTime(utc("2030-01-01T00:00:00Z"))
    ctx = _ctx(clock=fake.clock, sleep=fake.sleep)
    report = plan(Window.RPD, None, NOW)
    wait_for(ctx, report.seconds or 0.0, report)
    assert sum(fake.sleeps) == pytest.approx(77400.0)
    assert max(fake.sleeps) <= 30.0
    assert ctx.stderr.getvalue() == (  # type: ignore[attr-defined]
        "Waiting for the RPD reset: 21 h 30 min left (until Mon 2026-03-09 07:00:00 UTC).\n"
    )


def test_wait_follows_the_clock_when_it_jumps_ahead() -> None:
    fake = FakeTime(utc("2030-01-01T00:00:00Z"))

    def sleep(seconds: float) -> None:  # e.g. the machine was suspended
        fake.sleep(seconds)
        fake.now += timedelta(seconds=100)

    ctx = _ctx(clock=fake.clock, sleep=sleep)
    wait_for(ctx, 120.0, _report(120.0))
    assert fake.sleeps == [30.0]  # 30 s slept, but 130 s passed: done


def test_wait_ends_even_if_the_clock_stands_still() -> None:
    sleeps: list[float] = []
    ctx = _ctx(clock=lambda: NOW, sleep=sleeps.append)
    wait_for(ctx, 65.0, _report(65.0))
    assert sum(sleeps) == pytest.approx(65.0)


def test_wait_of_zero_does_not_sleep() -> None:
    sleeps: list[float] = []
    ctx = _ctx(clock=lambda: NOW, sleep=sleeps.append)
    wait_for(ctx, 0.0, _report(0.0))
    assert sleeps == []
