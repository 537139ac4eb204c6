"""Bounded: run untrusted or unbounded work (templates, the lint of a reply) in forked children.

Used by the replies and lint stages. The sandbox stops what it can name (internals, huge ranges,
huge strings); this stops everything else: a job that runs longer than its time limit or needs
more than `MEMORY_BYTES` is killed, and only that job fails, with its own located error.

A `Pool`'s children stay up while jobs arrive in parts (`submit`: the lint of a playbook that
loads in parts), so their caches (words, sentence breaks, compiled patterns) stay warm from one
part to the next and a later part costs no fork. Each part is split into one contiguous share per
child. A child takes the jobs that exist when it is forked straight from the memory it inherits;
later jobs reach it over a pipe that the parent writes without blocking (what the pipe cannot
take yet waits in the parent and is written as the child reads), so the parent never waits for a
busy child. After a failure a fresh child takes the rest of that child's share. Results come
back in the order the jobs were submitted.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import pickle
import select
import struct
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

SECONDS_PER_JOB = 5.0
"""Longest a single template may take to render."""

MEMORY_BYTES = 1 << 30
"""Extra address space a child may use on top of what it starts with (1 GiB)."""

PIPE_BYTES = 1 << 20
"""What a pipe to or from a child holds before its writer waits (Linux's default is 64 KiB): the
lint's parent does its own work while the children lint, and a child that fills its results
pipe waits for it."""

FRAME = struct.Struct("!Q")
"""The length before each message of jobs on a child's jobs pipe."""

JOBS_PER_MESSAGE = 64
"""Jobs written as one message: a child starts on a part's first jobs while the rest arrive."""

WRITE_BYTES = 1 << 16
"""Most bytes written to a jobs pipe at a time."""

J = TypeVar("J")
R = TypeVar("R")


class Failed(Generic[J]):
    """A job that was killed: it ran out of time or memory."""

    def __init__(self, job: J, reason: str) -> None:
        self.job = job
        self.reason = reason


def _limit_memory() -> None:
    try:
        import resource

        with open(f"/proc/{os.getpid()}/statm") as statm:
            pages = int(statm.read().split()[0])
        current = pages * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (current + MEMORY_BYTES, current + MEMORY_BYTES))
    except (OSError, ValueError, ImportError):
        pass  # no /proc or no resource module: the time limit still applies


def _widen(fd: int) -> None:
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux, or over the system's limit: the writer waits for its reader sooner


def _child(
    work: Callable[[J], R], inherited: list[J], jobs_fd: int, parents_end: int, results: Connection
) -> None:
    os.close(parents_end)  # so the jobs pipe ends (and this child with it) when the parent is gone
    _limit_memory()
    # What the child inherited (the loaded playbook, the rules) lives until it exits: moved out
    # of the collector's sight, the cyclic collector walks only what the work makes (about a
    # tenth of the lint time at 1,000 scenarios), and the inherited pages stay shared.
    gc.freeze()
    gc.enable()  # a parent may fork while it loads with the collector paused

    def answer(job: J) -> None:
        try:
            results.send((True, work(job)))
        except MemoryError:
            results.send((False, "it needs more memory than a reply may use"))
        except Exception as exc:  # a bug in the work itself: that job fails, the rest go on
            results.send((False, f"it failed ({type(exc).__name__}: {exc})"))

    for job in inherited:
        answer(job)
    with os.fdopen(jobs_fd, "rb", buffering=PIPE_BYTES) as piped:
        while len(head := piped.read(FRAME.size)) == FRAME.size:
            for job in pickle.loads(piped.read(FRAME.unpack(head)[0])):
                answer(job)
    results.close()


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def cores() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


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
        """Start a child on every job this worker owes: it finds them in the memory it inherits."""
        read_fd, write_fd = os.pipe()
        receive, send = ctx.Pipe(duplex=False)
        _widen(send.fileno())
        inherited = [jobs[i] for i in self.waiting]
        self.child = ctx.Process(target=_child, args=(work, inherited, read_fd, write_fd, send), daemon=True)
        self.child.start()
        os.close(read_fd)
        send.close()
        self.results = receive
        _widen(write_fd)
        os.set_blocking(write_fd, False)
        self.jobs_fd = write_fd
        self.unsent = bytearray()
        self.deadline = time.monotonic() + seconds if self.waiting else math.inf

    def give(self, jobs: list[Any]) -> None:
        for start in range(0, len(jobs), JOBS_PER_MESSAGE):
            message = pickle.dumps(jobs[start : start + JOBS_PER_MESSAGE], protocol=pickle.HIGHEST_PROTOCOL)
            self.unsent += FRAME.pack(len(message)) + message
        self.write()

    def write(self) -> None:
        """Write what the jobs pipe takes now, never waiting."""
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

    def __init__(self, work: Callable[[J], R], *, seconds: float = SECONDS_PER_JOB, workers: int = 1) -> None:
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
        share = -(-len(jobs) // len(self.workers))
        for k, worker in enumerate(self.workers):
            owed = range(first + k * share, min(first + (k + 1) * share, len(self.jobs)))
            if owed and not worker.waiting:
                worker.deadline = time.monotonic() + self.seconds
            worker.waiting.extend(owed)
            if self.started and owed:
                worker.give([self.jobs[i] for i in owed])
        if not self.started:  # the first part: each child inherits its share when forked
            self.started = True
            try:
                for worker in self.workers:
                    worker.launch(self.ctx, self.work, self.jobs, self.seconds)
            except BaseException:
                self.close()
                raise

    def collect(
        self, done: Callable[[int], None] | None = None, meanwhile: Iterable[Callable[[], None]] = ()
    ) -> list[R | Failed[J]]:
        """Every submitted job's result, in order; `done(n)` is called as results arrive, for
        progress. `meanwhile` is the caller's own work, done here step by step while the children
        work (their pipes are topped up between steps); a job's time limit can only grow while the
        parent is busy, never shrink."""
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
                for worker in self.workers:
                    worker.write()
            self._gather(done)
        finally:
            self.close()
        assert all(r is not None for r in self.results), "every job has a result"
        return self.results  # type: ignore[return-value]  # no None left, as asserted

    def _gather(self, done: Callable[[int], None] | None) -> None:
        seconds = self.seconds
        while busy := [w for w in self.workers if w.waiting]:
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
                    if worker.waiting:  # a fresh child takes the rest of this worker's share
                        worker.launch(self.ctx, self.work, self.jobs, seconds)

    def close(self) -> None:
        """Stop every child (after `collect`, or when the caller gives up)."""
        for worker in self.workers:
            worker.end()


def run_bounded(
    work: Callable[[J], R],
    jobs: Sequence[J],
    *,
    seconds: float = SECONDS_PER_JOB,
    workers: int = 1,
    done: Callable[[int], None] | None = None,
) -> list[R | Failed[J]]:
    """`work(job)` for every job, each within `seconds` and the memory bound, results in order.

    `workers` children run at once (each on its own share of the jobs); `done(n)` is called as
    results arrive, for progress.
    """
    pool: Pool[J, R] = Pool(work, seconds=seconds, workers=min(workers, max(1, len(jobs))))
    pool.submit(jobs)
    return pool.collect(done)
