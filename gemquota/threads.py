"""A small executor on daemon threads, for every concurrent piece of work gemquota does.

``concurrent.futures.ThreadPoolExecutor`` joins its worker threads when the interpreter exits, so a
call stuck on a silent server would keep the process alive after the report was printed (and a
Ctrl-C would need a second one). These workers are daemon threads: the process ends right after
the report, whatever a worker is still waiting for. The pool is bounded: many keys never mean a
thread and a socket per key."""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Default bound on concurrent calls to Google from one command (threads, and so sockets).
MAX_CONCURRENCY = 8

_STOP = object()
_ids = itertools.count(1)


class DaemonPool:
    """``submit``/``map`` like ThreadPoolExecutor, on at most ``max_workers`` daemon threads."""

    def __init__(self, max_workers: int = MAX_CONCURRENCY, name: str = "gemquota") -> None:
        self._max = max(1, int(max_workers))
        self._name = name
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._idle = 0
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot submit to a pool that was shut down")
            self._queue.put((future, fn, args, kwargs))
            if self._idle == 0 and len(self._threads) < self._max:
                thread = threading.Thread(target=self._work, name=f"{self._name}-{next(_ids)}", daemon=True)
                self._threads.append(thread)
                thread.start()
            else:
                self._idle = max(0, self._idle - 1)
        return future

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            future, fn, args, kwargs = item
            if future.set_running_or_notify_cancel():
                try:
                    result = fn(*args, **kwargs)
                except BaseException as exc:
                    future.set_exception(exc)
                else:
                    future.set_result(result)
                del future, fn, args, kwargs
            with self._lock:
                self._idle += 1

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """``[fn(x) for x in items]`` computed concurrently; the first exception is raised."""
        futures = [self.submit(fn, item) for item in items]
        return [f.result() for f in futures]

    def shutdown(self, *, cancel_futures: bool = True) -> None:
        """Stop taking work; queued work is cancelled. Never waits for a running call."""
        with self._lock:
            self._closed = True
            if cancel_futures:
                while True:
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is not _STOP:
                        item[0].cancel()
            for _ in self._threads:
                self._queue.put(_STOP)

    def __enter__(self) -> DaemonPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown(cancel_futures=exc[0] is not None)


def bounded_map(
    fn: Callable[[T], R], items: Iterable[T], *, max_workers: int = MAX_CONCURRENCY, name: str = "gemquota"
) -> list[R]:
    """``[fn(x) for x in items]`` on at most ``max_workers`` daemon threads, results in order."""
    materialised = list(items)
    if not materialised:
        return []
    with DaemonPool(min(max_workers, len(materialised)), name) as pool:
        return pool.map(fn, materialised)


__all__ = ["MAX_CONCURRENCY", "DaemonPool", "bounded_map"]
