"""Worker processes that notice when one dies.

``multiprocessing.Pool`` never hears of a worker killed mid-task (by the OOM killer, a signal, a
crash in C): its task is lost and the pool waits for ever. ``concurrent.futures`` gives up on every
pending task at once. ``WorkerPool`` runs one task at a time in each of its workers and waits on
their pipes and their process sentinels together, so a death is seen at once: the dead worker's
task is handed, one job at a time, to fresh workers, and a job that kills a worker on its own
after that comes back as dead (``Outcome.death``) instead of being tried again. Workers are
replaced after ``recycle_after`` jobs, which bounds what a long-lived process accumulates.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

DEATHS_ALLOWED = 2  # workers a job may kill (its chunk's, then its own) before it is given up


@dataclass
class Outcome:
    """A finished task: its jobs and their results, or (a single job) how it killed its workers."""

    jobs: list[Any]
    results: list[Any] | None
    death: str | None = None


@dataclass
class _Task:
    jobs: list[Any]
    deaths: int = 0  # workers that died running it


class _Worker:
    def __init__(self, process: multiprocessing.process.BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.task: _Task | None = None
        self.jobs_done = 0


def fork_context() -> multiprocessing.context.BaseContext:
    """fork where the platform has it (workers start at once, sharing the parent's built pipeline)."""
    return multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")


def describe_exit(code: int | None) -> str:
    """A worker's exit status in words."""
    if code is None:
        return "the worker process vanished"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (out of memory? the kernel's OOM killer sends it)" if -code == signal.SIGKILL else ""
        return f"the worker process was killed by {name}{hint}"
    return f"the worker process exited with status {code}"


def _serve(conn: Connection, initializer: Callable[..., None], initargs: tuple, work: Callable[[list], list],
           parent: int, close_fds: tuple[int, ...]) -> None:
    """A worker's loop: one task in, its results out, until told to stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent handles it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for descriptor in close_fds:  # the parent's output (and its lock) is the parent's alone
        with contextlib.suppress(OSError):
            os.close(descriptor)
    initializer(*initargs)
    while True:
        try:
            if not conn.poll(1.0):
                if os.getppid() != parent:
                    return  # orphaned: the parent was killed
                continue
            jobs = conn.recv()
        except (EOFError, OSError):
            return
        if jobs is None:
            return
        conn.send(work(jobs))


class WorkerPool:
    """``workers`` processes, each running ``initializer(*initargs)`` once and then ``work(jobs)`` per task."""

    def __init__(self, workers: int, work: Callable[[list], list], *, initializer: Callable[..., None],
                 initargs: tuple = (), recycle_after: int = 0, close_fds: Callable[[], tuple[int, ...]] = tuple,
                 context: multiprocessing.context.BaseContext | None = None) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.size = workers
        self.work = work
        self.initializer = initializer
        self.initargs = initargs
        self.recycle_after = recycle_after
        self.close_fds = close_fds
        self.context = context or fork_context()
        self.deaths = 0
        self.recycled = 0
        self._workers: list[_Worker] = []
        self._retiring: list[multiprocessing.process.BaseProcess] = []

    def _start(self) -> _Worker:
        mine, theirs = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=_serve, daemon=True, name="zhnews-worker",
            args=(theirs, self.initializer, self.initargs, self.work, os.getpid(), self.close_fds()))
        process.start()
        theirs.close()
        return _Worker(process, mine)

    def run(self, tasks: Iterable[list[Any]]) -> Iterator[Outcome]:
        """Every task's outcome, in the order they finish; tasks are drawn as workers free up."""
        pending = iter(tasks)
        retry: deque[_Task] = deque()
        ahead: deque[_Task] = deque()  # one task drawn in advance, so a free worker never waits for the reading
        exhausted = False

        def draw() -> None:
            nonlocal exhausted
            if not ahead and not exhausted:
                jobs = next(pending, None)
                if jobs is None:
                    exhausted = True
                else:
                    ahead.append(_Task(jobs))

        def next_task() -> _Task | None:
            if retry:
                return retry.popleft()
            draw()
            return ahead.popleft() if ahead else None

        def hand_out(index: int) -> None:
            """Give the worker at ``index`` its next task, if there is one."""
            task = next_task()
            if task is None:
                return
            worker = self._workers[index]
            if not worker.process.is_alive():  # died while idle: no task is to blame
                self._bury(worker)
                worker = self._workers[index] = self._start()
            worker.task = task
            with contextlib.suppress(OSError):  # it died: its sentinel says so
                worker.conn.send(task.jobs)

        self._workers = [self._start() for _ in range(self.size)]
        try:
            for index in range(self.size):
                hand_out(index)
            while True:
                busy = [w for w in self._workers if w.task is not None]
                if not busy:
                    return  # nothing running and nothing left to hand out
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
                for index, worker in enumerate(self._workers):
                    if worker.task is None or (worker.conn not in ready and worker.process.sentinel not in ready):
                        continue
                    task, worker.task = worker.task, None
                    results = self._receive(worker)
                    if results is not None:
                        worker.jobs_done += len(task.jobs)
                        if self.recycle_after and worker.jobs_done >= self.recycle_after:
                            self._retire(worker)
                            self._workers[index] = self._start()
                            self.recycled += 1
                        hand_out(index)  # before the results are written: the worker works meanwhile
                        yield Outcome(task.jobs, results)
                        draw()
                        continue
                    reason = self._bury(worker)
                    self._workers[index] = self._start()
                    self.deaths += 1
                    if len(task.jobs) > 1:  # redo it one job at a time: only the culprit fails
                        retry.extend(_Task([job], deaths=task.deaths + 1) for job in task.jobs)
                    elif task.deaths + 1 >= DEATHS_ALLOWED:
                        yield Outcome(task.jobs, None, reason)
                    else:
                        retry.append(_Task(task.jobs, deaths=task.deaths + 1))
                    hand_out(index)
                for index, worker in enumerate(self._workers):  # retries may wait for an idle worker
                    if worker.task is None:
                        hand_out(index)
        finally:
            self._workers, workers = [], self._workers
            self.close(workers)

    @staticmethod
    def _receive(worker: _Worker) -> list[Any] | None:
        """The worker's results, or None when it died before sending them whole."""
        try:
            if worker.conn.poll():
                return worker.conn.recv()
        except Exception:  # EOF, a broken pipe, a message cut off by the death
            pass
        return None

    def _bury(self, worker: _Worker) -> str:
        worker.process.join(timeout=10)
        if worker.process.exitcode is None:
            worker.process.kill()
            worker.process.join(timeout=10)
        reason = describe_exit(worker.process.exitcode)
        worker.conn.close()
        worker.process.close()
        return reason

    def _retire(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.conn.send(None)
        worker.conn.close()
        self._retiring.append(worker.process)
        still = []
        for process in self._retiring:  # reap the ones that have finished; never wait here
            if process.exitcode is None:
                still.append(process)
            else:
                process.close()
        self._retiring = still

    def close(self, workers: list[_Worker]) -> None:
        """Stop the workers: idle ones are told to, busy ones (an interrupted run) are killed."""
        for worker in workers:
            if worker.task is None:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            else:
                worker.process.kill()
        for process in [w.process for w in workers] + self._retiring:
            process.join(timeout=30)
            if process.exitcode is None:
                process.kill()
                process.join(timeout=10)
        for worker in workers:
            worker.conn.close()
        self._retiring = []
