"""A bounded pool for CPU work, so the event loop stays free and overload is answered at once.

``workers`` threads run jobs; at most ``queue`` more may wait. A request that finds every slot
taken gets :class:`Busy` immediately (the app answers HTTP 503) instead of piling up behind the
others: a non-blocking semaphore counts the running and waiting jobs.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class Busy(RuntimeError):
    """Every worker is busy and the queue is full."""


class WorkPool:
    """``workers`` threads plus a queue of ``queue`` waiting jobs; beyond that, :class:`Busy`."""

    def __init__(self, workers: int = 2, queue: int = 4) -> None:
        if workers < 1 or queue < 0:
            raise ValueError("need at least one worker and a queue of zero or more")
        self.workers = workers
        self.queue = queue
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gb-web")
        self._slots = threading.BoundedSemaphore(workers + queue)

    def submit(self, job: Callable[[], T]) -> Future[T]:
        """Start ``job`` if a slot is free; raise :class:`Busy` at once if none is."""
        if not self._slots.acquire(blocking=False):
            raise Busy("every worker is busy")
        try:
            future = self._executor.submit(job)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        return future

    async def run(self, job: Callable[[], T]) -> T:
        """Run ``job`` in the pool and wait for it without blocking the event loop."""
        return await asyncio.wrap_future(self.submit(job))

    def shutdown(self) -> None:
        """Stop taking jobs; running ones finish, waiting ones are cancelled."""
        self._executor.shutdown(wait=False, cancel_futures=True)
