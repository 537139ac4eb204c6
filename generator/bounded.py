"""Bounded: run untrusted work (reply templates) in a forked child with a memory and time limit.

Used by the replies stage. The sandbox stops what it can name (internals, huge ranges, huge
strings); this stops everything else: a job that runs longer than `SECONDS_PER_JOB` or needs more
than `MEMORY_BYTES` is killed, and only that job fails, with its own located error. Jobs run in
order in one child; after a failure a fresh child takes the remaining jobs.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

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


def _child(work: Callable[[J], R], jobs: Sequence[J], start: int, conn: Connection) -> None:
    _limit_memory()
    for job in jobs[start:]:
        try:
            conn.send((True, work(job)))
        except MemoryError:
            conn.send((False, "it needs more memory than a reply may use"))
    conn.close()


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def run_bounded(work: Callable[[J], R], jobs: Sequence[J]) -> list[R | Failed[J]]:
    """`work(job)` for every job, each within the time and memory bounds, results in order."""
    if not jobs:
        return []
    if not _can_fork():
        return [work(job) for job in jobs]  # no fork: the in-process sandbox limits still hold
    ctx = multiprocessing.get_context("fork")
    results: list[R | Failed[J]] = []
    while len(results) < len(jobs):
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_child, args=(work, jobs, len(results), send), daemon=True)
        child.start()
        send.close()
        restart = False
        while len(results) < len(jobs) and not restart:
            job = jobs[len(results)]
            if not receive.poll(SECONDS_PER_JOB):
                results.append(Failed(job, f"it runs longer than {SECONDS_PER_JOB:g} seconds"))
                restart = True
                continue
            try:
                ok, value = receive.recv()
            except (EOFError, OSError):
                results.append(Failed(job, "it needs more memory than a reply may use"))
                restart = True
                continue
            results.append(value if ok else Failed(job, value))
        child.kill()
        child.join()
        receive.close()
    return results
