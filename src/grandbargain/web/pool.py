"""A bounded pool for CPU work, so the event loop stays free and overload is answered at once.

``workers`` worker processes run jobs; at most ``queue`` more may wait. A request that finds
every slot taken gets :class:`Busy` immediately (the app answers HTTP 503) instead of piling up
behind the others: a counter of running and waiting jobs, checked on the event loop before a job
is handed over (and, through :meth:`WorkPool.check`, before a request body is even read).

Why processes and not threads: an analysis is mostly pure Python, so worker *threads* hold the
GIL nearly all the time, and the event loop thread then waits for the GIL after every socket
read and write (up to the interpreter's 5 ms switch interval each time). Under load that made
the loop itself the bottleneck: "busy" answers queued behind one another for seconds. Worker
processes leave the server's GIL to the event loop, and use both cores of a 2-core machine.
``processes=False`` runs the jobs in threads of this process instead (for tests that patch
the computation, and for embedding the app where starting processes is not wanted).

Jobs sent to processes are module-level functions with picklable arguments; their results come
back pickled. Workers are started from a fork server that has already imported the job module
(where the platform has one), so a new worker is ready in milliseconds; they ignore Ctrl+C (the
server shuts them down) and exit if the server dies without doing so. A pool whose worker died
is replaced by a fresh one.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")

JOB_MODULE = "grandbargain.web.jobs"
"""Imported by the fork server before it forks workers."""


class Busy(RuntimeError):
    """Every worker is busy and the queue is full."""


def _start_worker() -> None:
    # Ctrl+C reaches every process of the terminal's group; the server stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    server = multiprocessing.parent_process()
    if server is not None:
        threading.Thread(target=_exit_with, args=(server,), daemon=True).start()


def _exit_with(server: BaseProcess) -> None:
    # A server killed outright cannot stop its workers, and they would wait for jobs forever.
    wait([server.sentinel])
    os._exit(0)


def _process_executor(workers: int) -> ProcessPoolExecutor:
    context: BaseContext
    if "forkserver" in multiprocessing.get_all_start_methods():
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload([JOB_MODULE])
        context = forkserver
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)


class WorkPool:
    """``workers`` processes (or threads) plus a queue of ``queue`` waiting jobs; beyond that,
    :class:`Busy`."""

    def __init__(self, workers: int = 2, queue: int = 4, *, processes: bool = True) -> None:
        if workers < 1 or queue < 0:
            raise ValueError("need at least one worker and a queue of zero or more")
        self.workers = workers
        self.queue = queue
        self.processes = processes
        self._lock = threading.Lock()
        self._taken = 0
        self._executor: Executor | None = None

    @property
    def capacity(self) -> int:
        """Running plus waiting jobs the pool accepts."""
        return self.workers + self.queue

    @property
    def taken(self) -> int:
        """Jobs running or waiting now."""
        return self._taken

    def check(self) -> None:
        """Raise :class:`Busy` if no slot is free right now (a cheap early answer; the slot
        itself is taken by :meth:`submit`)."""
        if self._taken >= self.capacity:
            raise Busy("every worker is busy")

    def submit(self, job: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Start ``job(*args, **kwargs)`` if a slot is free; raise :class:`Busy` at once if
        none is."""
        with self._lock:
            if self._taken >= self.capacity:
                raise Busy("every worker is busy")
            self._taken += 1
        try:
            future = self._submit(job, *args, **kwargs)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(lambda _: self._release())
        return future

    async def run(self, job: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``job`` in the pool and wait for it without blocking the event loop."""
        return await asyncio.wrap_future(self.submit(job, *args, **kwargs))

    def start(self, job: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> list[Future[T]]:
        """Start every worker now, with ``job`` to get it ready (otherwise the first requests
        wait while the workers start); these jobs take no slot."""
        executor = self._current()
        return [executor.submit(job, *args, **kwargs) for _ in range(self.workers)]

    def shutdown(self) -> None:
        """Cancel waiting jobs, let running ones finish and stop the workers (a later job
        starts a new pool)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def _submit(self, job: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        executor = self._current()
        try:
            return executor.submit(job, *args, **kwargs)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): start a fresh pool for this and later jobs.
            with self._lock:
                if self._executor is executor:
                    self._executor = None
            executor.shutdown(wait=False, cancel_futures=True)
            return self._current().submit(job, *args, **kwargs)

    def _current(self) -> Executor:
        with self._lock:
            if self._executor is None:
                self._executor = (
                    _process_executor(self.workers)
                    if self.processes
                    else ThreadPoolExecutor(self.workers, thread_name_prefix="gb-web")
                )
            return self._executor

    def _release(self) -> None:
        with self._lock:
            self._taken -= 1
