"""The daemon-thread pool: bounded, ordered, never joined at exit."""

from __future__ import annotations

import threading
import time

import pytest

from gemquota.threads import DaemonPool, bounded_map


def test_bounded_map_keeps_order_and_bounds_concurrency() -> None:
    running = 0
    peak = 0
    lock = threading.Lock()

    def work(n: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.002)
        with lock:
            running -= 1
        return n * n

    assert bounded_map(work, range(200), max_workers=4) == [n * n for n in range(200)]
    assert 1 <= peak <= 4


def test_workers_are_daemon_threads_and_few() -> None:
    names: set[str] = set()

    def who(_: int) -> bool:
        names.add(threading.current_thread().name)
        return threading.current_thread().daemon

    assert all(bounded_map(who, range(100), max_workers=3))
    assert len(names) <= 3


def test_first_exception_is_raised() -> None:
    def boom(n: int) -> int:
        if n == 3:
            raise ValueError("three")
        return n

    with pytest.raises(ValueError, match="three"):
        bounded_map(boom, range(10))


def test_shutdown_never_waits_for_a_stuck_call() -> None:
    release = threading.Event()
    pool = DaemonPool(1)
    stuck = pool.submit(release.wait, 30)
    queued = pool.submit(lambda: 1)
    start = time.monotonic()
    pool.shutdown(cancel_futures=True)
    assert time.monotonic() - start < 1
    assert queued.cancelled()
    assert not stuck.done()
    release.set()
    assert stuck.result(timeout=5) is True
