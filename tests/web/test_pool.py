"""The worker pool: jobs run in other processes, errors come back whole, a full pool says
"busy" at once, a dead worker is replaced."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool

import pytest

from grandbargain.api import InputError
from grandbargain.web import jobs
from grandbargain.web.errors import WebError
from grandbargain.web.pool import Busy, WorkPool
from grandbargain.web.requests import ScenarioRequest, WhatIfRequest

LIMITS = jobs.Limits(1_000_000, 2)


@pytest.fixture
def pool() -> Iterator[WorkPool]:
    work = WorkPool(workers=1, queue=1)
    yield work
    work.shutdown()


def test_jobs_run_in_a_worker_process(pool: WorkPool) -> None:
    [started] = pool.start(jobs.warm, LIMITS)
    worker = started.result(timeout=120)
    assert worker != os.getpid()
    assert pool.submit(os.getpid).result(timeout=60) == worker
    asked = ScenarioRequest.model_validate({"scenario": {"id": "us-china-2025"}})
    answer = asyncio.run(pool.run(jobs.controls, LIMITS, asked))
    assert json.loads(answer)["scenario"]["id"] == "us-china-2025"  # rendered in the worker


def test_input_errors_come_back_from_a_worker_whole(pool: WorkPool) -> None:
    asked = WhatIfRequest.model_validate({"scenario": {"id": "nope"}})
    with pytest.raises(WebError) as raised:
        pool.submit(jobs.whatif, LIMITS, asked).result(timeout=120)
    assert raised.value.status == 422 and raised.value.error == "invalid input"
    [problem] = raised.value.problems
    assert problem.field == "scenario.id" and "unknown shipped scenario" in problem.message
    with pytest.raises(ValueError, match="invalid literal"):
        pool.submit(int, "not a number").result(timeout=60)
    assert not issubclass(WebError, InputError)  # the API's error is converted, not re-sent


def test_a_full_pool_is_busy_at_once_and_frees_its_slots(pool: WorkPool) -> None:
    running = pool.submit(time.sleep, 1.0)
    waiting = pool.submit(abs, -3)
    assert pool.taken == pool.capacity == 2
    started = time.perf_counter()
    with pytest.raises(Busy):
        pool.check()
    with pytest.raises(Busy):
        pool.submit(abs, -4)
    assert time.perf_counter() - started < 0.1
    running.result(timeout=60)
    assert waiting.result(timeout=60) == 3
    _wait_until_free(pool)
    pool.check()


def test_a_worker_that_dies_is_replaced(pool: WorkPool) -> None:
    worker = pool.submit(os.getpid).result(timeout=120)
    os.kill(worker, signal.SIGKILL)
    failures = 0
    deadline = time.monotonic() + 60
    while True:
        try:
            replacement = pool.submit(os.getpid).result(timeout=60)
            break
        except BrokenProcessPool:
            # the job sent before the pool noticed the death fails; later ones get a new pool
            failures += 1
            assert failures <= 2 and time.monotonic() < deadline
    assert replacement not in (worker, os.getpid())
    _wait_until_free(pool)


def _wait_until_free(pool: WorkPool) -> None:
    # slots are given back by the futures' callbacks, just after their results are set
    deadline = time.monotonic() + 10
    while pool.taken and time.monotonic() < deadline:
        time.sleep(0.01)
    assert pool.taken == 0


def test_a_pool_needs_a_worker() -> None:
    with pytest.raises(ValueError, match="at least one worker"):
        WorkPool(workers=0)
    with pytest.raises(ValueError, match="queue of zero or more"):
        WorkPool(workers=1, queue=-1)
