"""WorkerPool: a worker that dies is noticed, its task redone job by job, a job that kills twice given up."""
from __future__ import annotations

import os
import signal
from collections import Counter

import pytest

from zhnews.io.pool import DEATHS_ALLOWED, WorkerPool, describe_exit

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the pool's workers are forked")


def _nothing() -> None:
    pass


def _square_or_die(jobs: list) -> list:
    """Squares; a job "kill" kills its worker (as the OOM killer would), "exit" ends it."""
    out = []
    for job in jobs:
        if job == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        if job == "exit":
            os._exit(3)
        out.append((job * job, os.getpid()))
    return out


def _once_marker(path: str):
    def work(jobs: list) -> list:
        """Dies on job 13 the first time only (a worker lost to something else than its job)."""
        if 13 in jobs and not os.path.exists(path):
            open(path, "w").close()
            os.kill(os.getpid(), signal.SIGKILL)
        return [(job * job, os.getpid()) for job in jobs]

    return work


def run(pool: WorkerPool, tasks: list[list]):
    results, deaths = {}, {}
    for outcome in pool.run(tasks):
        if outcome.results is None:
            (job,) = outcome.jobs
            deaths[job] = outcome.death
        else:
            for job, result in zip(outcome.jobs, outcome.results, strict=True):
                assert job not in results, f"job {job} came back twice"
                results[job] = result
    return results, deaths


def test_every_task_comes_back_once():
    pool = WorkerPool(2, _square_or_die, initializer=_nothing)
    tasks = [list(range(i, i + 5)) for i in range(0, 50, 5)]
    results, deaths = run(pool, tasks)
    assert {job: r[0] for job, r in results.items()} == {i: i * i for i in range(50)}
    assert deaths == {} and pool.deaths == 0


def test_a_job_that_kills_its_worker_is_given_up_after_two_deaths_and_the_rest_is_done():
    pool = WorkerPool(2, _square_or_die, initializer=_nothing)
    tasks = [[1, 2, "kill", 3], [4, 5], [6, "exit"], [7]]
    results, deaths = run(pool, tasks)
    assert sorted(results) == [1, 2, 3, 4, 5, 6, 7]
    assert set(deaths) == {"kill", "exit"}
    assert "SIGKILL" in deaths["kill"] and "out of memory" in deaths["kill"]
    assert "status 3" in deaths["exit"]
    # each culprit: its chunk's worker, then its own worker alone (DEATHS_ALLOWED)
    assert pool.deaths == 2 * DEATHS_ALLOWED


def test_a_worker_lost_once_costs_no_document(tmp_path):
    pool = WorkerPool(2, _once_marker(str(tmp_path / "died")), initializer=_nothing)
    results, deaths = run(pool, [list(range(i, i + 4)) for i in range(0, 20, 4)])
    assert sorted(results) == list(range(20)) and deaths == {}
    assert pool.deaths == 1


def test_workers_are_recycled_after_n_jobs():
    pool = WorkerPool(2, _square_or_die, initializer=_nothing, recycle_after=6)
    results, _ = run(pool, [[i, i + 100] for i in range(20)])
    assert len(results) == 40
    pids = Counter(pid for _, pid in results.values())
    assert len(pids) >= 40 // 6  # no process did more than its share
    assert max(pids.values()) <= 6
    assert pool.recycled >= 5 and pool.deaths == 0


def test_describe_exit():
    assert "SIGTERM" in describe_exit(-signal.SIGTERM)
    assert "status 1" in describe_exit(1)
