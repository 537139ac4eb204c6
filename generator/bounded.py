"""Bounded: run untrusted or unbounded work (templates, the lint of a reply) in forked children.

Used by the replies stage; the lint's pool (`pool.py`) shares its limits and its children's
set-up. The sandbox stops what it can name (internals, huge ranges,
huge strings); this stops everything else: a job that runs longer than its time limit or needs
more than `MEMORY_BYTES` is killed, and only that job fails, with its own located error. The jobs
are split into one contiguous run per worker; each worker's child takes its run in order, and
after a failure a fresh child takes the rest of that run. Results come back in job order.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import sys
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

SECONDS_PER_JOB = 5.0
"""Longest a single template may take to render."""

MEMORY_BYTES = 1 << 30
"""Extra address space a child may use on top of what it starts with (1 GiB)."""

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


def _child(work: Callable[[J], R], jobs: Sequence[J], start: int, stop: int, conn: Connection) -> None:
    _limit_memory()
    # What the child inherited (the loaded playbook, the rules) lives until it exits: moved out
    # of the collector's sight, the cyclic collector walks only what the work makes (about a
    # tenth of the lint time at 1,000 scenarios), and the inherited pages stay shared.
    gc.freeze()
    gc.enable()  # a parent may fork while it loads with the collector paused
    for job in jobs[start:stop]:
        try:
            conn.send((True, work(job)))
        except MemoryError:
            conn.send((False, "it needs more memory than a reply may use"))
        except Exception as exc:  # a bug in the work itself: that job fails, the rest go on
            conn.send((False, f"it failed ({type(exc).__name__}: {exc})"))
    conn.close()


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def cores() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


PIPE_BYTES = 1 << 20
"""What a pipe to or from a child holds before its writer waits (Linux's default is 64 KiB):
the lint's parent does its own work while the children lint (`pool.py`), and a child that fills
its results pipe waits for it."""


def _widen(conn: Connection) -> None:
    try:
        import fcntl

        fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux, or over the system's limit: the child waits for the parent sooner


class _Run(Generic[J, R]):
    """One worker's contiguous run of jobs, and the child working through it."""

    def __init__(self, jobs: Sequence[J], start: int, stop: int) -> None:
        self.jobs, self.next, self.stop = jobs, start, stop
        self.child: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None
        self.deadline = 0.0

    def launch(self, ctx: Any, work: Callable[[J], R], seconds: float) -> None:
        receive, send = ctx.Pipe(duplex=False)
        _widen(send)
        args = (work, self.jobs, self.next, self.stop, send)
        self.child = ctx.Process(target=_child, args=args, daemon=True)
        self.child.start()
        send.close()
        self.conn = receive
        self.deadline = time.monotonic() + seconds

    def end(self) -> None:
        if self.child is not None:
            self.child.kill()
            self.child.join()
        if self.conn is not None:
            self.conn.close()
        self.child = self.conn = None


class Running(Generic[J, R]):
    """A bounded run (`run_bounded`): its children start when it is made, and `collect` gathers
    the results."""

    def __init__(self, work: Callable[[J], R], jobs: Sequence[J], seconds: float, workers: int) -> None:
        self.work, self.jobs, self.seconds = work, jobs, seconds
        self.forked = bool(jobs) and _can_fork()
        self.runs: list[_Run[J, R]] = []
        if self.forked:
            self.ctx = multiprocessing.get_context("fork")
            share = -(-len(jobs) // max(1, min(workers, len(jobs))))
            self.runs = [_Run(jobs, i, min(i + share, len(jobs))) for i in range(0, len(jobs), share)]
            try:
                for run in self.runs:
                    run.launch(self.ctx, work, seconds)
            except BaseException:
                self.close()
                raise

    def close(self) -> None:
        """Stop every child (after `collect`, or when the caller gives up)."""
        for run in self.runs:
            run.end()

    def collect(self, done: Callable[[int], None] | None = None) -> list[R | Failed[J]]:
        """Every job's result, in job order (see `run_bounded`)."""
        if not self.forked:
            out: list[R | Failed[J]] = []
            for job in self.jobs:  # no fork: the in-process sandbox limits still hold
                out.append(self.work(job))
                if done:
                    done(1)
            return out
        jobs, seconds = self.jobs, self.seconds
        results: list[R | Failed[J] | None] = [None] * len(jobs)
        live = {run.conn: run for run in self.runs if run.conn is not None}
        try:
            while live:
                wait_for = max(0.0, min(run.deadline for run in live.values()) - time.monotonic())
                ready = set(multiprocessing.connection.wait(list(live), timeout=wait_for))
                for conn, run in list(live.items()):
                    failure = None
                    if conn in ready:
                        try:
                            ok, value = conn.recv()
                        except (EOFError, OSError):
                            failure = "it needs more memory than a reply may use"
                        else:
                            results[run.next] = value if ok else Failed(jobs[run.next], value)
                            run.next += 1
                            run.deadline = time.monotonic() + seconds
                            if done:
                                done(1)
                    elif time.monotonic() >= run.deadline:
                        failure = f"it runs longer than {seconds:g} seconds"
                    if failure is not None:
                        results[run.next] = Failed(jobs[run.next], failure)
                        run.next += 1
                        if done:
                            done(1)
                    if failure is not None or run.next >= run.stop:
                        del live[conn]
                        run.end()
                        if run.next < run.stop:  # a fresh child takes the rest of this run
                            run.launch(self.ctx, self.work, seconds)
                            assert run.conn is not None
                            live[run.conn] = run
        finally:
            self.close()
        assert all(r is not None for r in results), "every run ends with a result for each of its jobs"
        return results  # type: ignore[return-value]  # no None left, as asserted


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
    return Running(work, jobs, seconds, workers).collect(done)
