"""Pieces of the HTTP guard that need no server."""

from __future__ import annotations

import time

import pytest

from gemquota.sources._http import DeadlineExceeded, RedirectRefused, run_with_deadline


def test_redirect_names_the_host_without_a_password() -> None:
    err = RedirectRefused(302, "http://user:s3cret@evil.example:8080/v1/x?key=abc", "127.0.0.1:9")
    assert err.host == "evil.example:8080" and err.cross_host
    assert "s3cret" not in str(err) and "key=abc" not in str(err)
    same = RedirectRefused(301, "/v1beta/models", "127.0.0.1:9")
    assert same.host == "127.0.0.1:9" and not same.cross_host


def test_run_with_deadline_returns_raises_and_abandons() -> None:
    assert run_with_deadline(lambda: 42, 1.0) == 42
    with pytest.raises(KeyError):
        run_with_deadline(lambda: {}["x"], 1.0)
    closed: list[bool] = []
    start = time.monotonic()
    with pytest.raises(DeadlineExceeded) as info:
        run_with_deadline(lambda: time.sleep(5), 0.2, lambda: closed.append(True))
    assert time.monotonic() - start < 1.5
    assert closed == [True]
    assert isinstance(info.value, TimeoutError)
