"""A pool of forked children that stay up while their work arrives in parts.

Used by the lint stage: a large playbook loads in parts, and the lint of each part is handed to
the same children (`submit`), so their caches (words, sentence breaks, compiled patterns) stay
warm from one part to the next and the playbook's later parts cost no new fork. Each job is
bounded as in `bounded.py`: a job that runs longer than its time limit or needs more memory
than a child may take is killed, and only that job fails; a fresh child takes the rest of the
killed child's jobs. Results come back in the order the jobs were submitted.

The jobs go to a child over a pipe the parent writes without blocking (what the pipe cannot
take yet waits in the parent and is written as the child reads), so the parent never waits for
a busy child and a child never waits for a busy parent to take its results for long.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import pickle
import select
import struct
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from .bounded import PIPE_BYTES, Failed, _can_fork, _limit_memory, _widen

J = TypeVar("J")
R = TypeVar("R")

FRAME = struct.Struct("!Q")
"""The length before each message of jobs on a child's job pipe."""

JOBS_PER_MESSAGE = 64
"""Jobs written as one message: a child starts on a part's first jobs while the rest arrive."""

WRITE_BYTES = 1 << 16
"""Most bytes written to a job pipe at a time."""


def _child(work: Callable[[J], R], jobs_fd: int, parents_end: int, results: Connection) -> None:
    os.close(parents_end)  # so the jobs pipe ends (and this child with it) when the parent is gone
    _limit_memory()
    gc.freeze()  # what the child inherited stays out of the collector's walks (see bounded.py)
    gc.enable()
    with os.fdopen(jobs_fd, "rb", buffering=PIPE_BYTES) as jobs:
        while True:
            head = jobs.read(FRAME.size)
            if len(head) < FRAME.size:
                break
            (size,) = FRAME.unpack(head)
            for job in pickle.loads(jobs.read(size)):
                try:
                    results.send((True, work(job)))
                except MemoryError:
                    results.send((False, "it needs more memory than a reply may use"))
                except Exception as exc:  # a bug in the work itself: that job fails, the rest go on
                    results.send((False, f"it failed ({type(exc).__name__}: {exc})"))
    results.close()


class _Worker:
    """One child, the jobs it has been given and not answered (by index, in order), and the bytes
    of jobs not yet written to it."""

    def __init__(self) -> None:
        self.child: multiprocessing.process.BaseProcess | None = None
        self.results: Connection | None = None
        self.jobs_fd = -1
        self.waiting: deque[int] = deque()
        self.unsent = bytearray()
        self.deadline = math.inf

    def launch(self, ctx: Any, work: Callable[[Any], Any], jobs: Sequence[Any], seconds: float) -> None:
        """Start a child and give it every job this worker still owes."""
        read_fd, write_fd = os.pipe()
        receive, send = ctx.Pipe(duplex=False)
        _widen(send)
        self.child = ctx.Process(target=_child, args=(work, read_fd, write_fd, send), daemon=True)
        self.child.start()
        os.close(read_fd)
        send.close()
        self.results = receive
        try:
            import fcntl

            fcntl.fcntl(write_fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        except (ImportError, AttributeError, OSError):
            pass
        os.set_blocking(write_fd, False)
        self.jobs_fd = write_fd
        self.unsent = bytearray()
        self.give([jobs[i] for i in self.waiting])
        self.deadline = time.monotonic() + seconds if self.waiting else math.inf

    def give(self, jobs: list[Any]) -> None:
        for start in range(0, len(jobs), JOBS_PER_MESSAGE):
            message = pickle.dumps(jobs[start : start + JOBS_PER_MESSAGE], protocol=pickle.HIGHEST_PROTOCOL)
            self.unsent += FRAME.pack(len(message)) + message
        self.write()

    def write(self) -> None:
        """Write what the job pipe takes now, never waiting."""
        while self.unsent:
            try:
                written = os.write(self.jobs_fd, self.unsent[:WRITE_BYTES])
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # the child is gone: its results pipe says so
                self.unsent.clear()
                return
            del self.unsent[:written]

    def end(self) -> None:
        if self.child is not None:
            self.child.kill()
            self.child.join()
        if self.results is not None:
            self.results.close()
        if self.jobs_fd >= 0:
            os.close(self.jobs_fd)
        self.child, self.results, self.jobs_fd = None, None, -1


class Pool(Generic[J, R]):
    """`work(job)` for jobs submitted in parts, in `workers` children that stay up between parts;
    `collect` gathers every result. Where nothing can fork, the jobs run here when collected."""

    def __init__(self, work: Callable[[J], R], *, seconds: float, workers: int) -> None:
        self.work, self.seconds = work, seconds
        self.jobs: list[J] = []
        self.results: list[R | Failed[J] | None] = []
        self.forked = _can_fork()
        self.workers = [_Worker() for _ in range(max(1, workers))] if self.forked else []
        self.started = False
        self.ctx: Any = multiprocessing.get_context("fork") if self.forked else None

    def submit(self, jobs: Sequence[J]) -> None:
        """Hand these jobs to the children (each takes a contiguous share) and return at once."""
        first = len(self.jobs)
        self.jobs.extend(jobs)
        self.results.extend([None] * len(jobs))
        if not self.forked or not jobs:
            return
        if not self.started:
            self.started = True
            try:
                for worker in self.workers:
                    worker.launch(self.ctx, self.work, self.jobs, self.seconds)
            except BaseException:
                self.close()
                raise
        share = -(-len(jobs) // len(self.workers))
        for k, worker in enumerate(self.workers):
            owed = range(first + k * share, min(first + (k + 1) * share, len(self.jobs)))
            if not owed:
                continue
            if not worker.waiting:
                worker.deadline = time.monotonic() + self.seconds
            worker.waiting.extend(owed)
            worker.give([self.jobs[i] for i in owed])

    def collect(
        self, done: Callable[[int], None] | None = None, meanwhile: Iterable[Callable[[], None]] = ()
    ) -> list[R | Failed[J]]:
        """Every submitted job's result, in order. `meanwhile` is the caller's own work, done here
        step by step while the children work (the children's pipes are topped up between steps);
        a job's time limit can only grow while the parent is busy, never shrink."""
        if not self.forked:
            for step in meanwhile:
                step()
            out: list[R | Failed[J]] = []
            for job in self.jobs:  # no fork: the in-process sandbox limits still hold
                out.append(self.work(job))
                if done:
                    done(1)
            return out
        try:
            for step in meanwhile:
                step()
                self._write_all()
            self._gather(done)
        finally:
            self.close()
        assert all(r is not None for r in self.results), "every job has a result"
        return self.results  # type: ignore[return-value]  # no None left, as asserted

    def _write_all(self) -> None:
        for worker in self.workers:
            worker.write()

    def _gather(self, done: Callable[[int], None] | None) -> None:
        seconds = self.seconds
        while True:
            busy = [w for w in self.workers if w.waiting]
            if not busy:
                return
            wait = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            readable = [w.results for w in busy if w.results is not None]
            writable = [w.jobs_fd for w in busy if w.unsent]
            ready, can_write, _ = select.select(readable, writable, [], wait)
            for worker in busy:
                if worker.jobs_fd in can_write:
                    worker.write()
                failure = None
                if worker.results in ready:
                    assert worker.results is not None
                    try:
                        ok, value = worker.results.recv()
                    except (EOFError, OSError):
                        failure = "it needs more memory than a reply may use"
                    else:
                        i = worker.waiting.popleft()
                        self.results[i] = value if ok else Failed(self.jobs[i], value)
                        worker.deadline = time.monotonic() + seconds
                        if done:
                            done(1)
                elif time.monotonic() >= worker.deadline:
                    failure = f"it runs longer than {seconds:g} seconds"
                if failure is not None:
                    i = worker.waiting.popleft()
                    self.results[i] = Failed(self.jobs[i], failure)
                    if done:
                        done(1)
                    worker.end()
                    if worker.waiting:  # a fresh child takes the rest of this worker's jobs
                        worker.launch(self.ctx, self.work, self.jobs, seconds)

    def close(self) -> None:
        """Stop every child (after `collect`, or when the caller gives up)."""
        for worker in self.workers:
            worker.end()
