"""Bounded runs: results in job order over several children; a stuck job fails alone."""

from __future__ import annotations

import time
from pathlib import Path

from generator.bounded import Failed, run_bounded, start_bounded


def square_or_hang(n: int) -> int:
    if n == 7:
        time.sleep(60)  # killed long before this ends
    if n == 13:
        _ = bytearray(4 << 30)  # more memory than a child may take
    return n * n


def test_results_come_back_in_order_from_two_children() -> None:
    seen: list[int] = []
    out = run_bounded(square_or_hang, list(range(40)), seconds=2.0, workers=2, done=seen.append)
    assert [r for r in out if isinstance(r, Failed)] == [out[7], out[13]]
    kept = [n for n in range(40) if n not in (7, 13)]
    assert [out[n] for n in kept] == [n * n for n in kept]
    assert sum(seen) == 40


def test_a_stuck_job_fails_alone_and_says_why() -> None:
    out = run_bounded(square_or_hang, [5, 7, 9], seconds=1.0, workers=2)
    assert out[0] == 25 and out[2] == 81
    failed = out[1]
    assert isinstance(failed, Failed) and failed.job == 7
    assert "longer than 1 seconds" in failed.reason


def test_a_memory_hog_fails_alone() -> None:
    out = run_bounded(square_or_hang, [12, 13, 14])
    assert out[0] == 144 and out[2] == 196
    assert isinstance(out[1], Failed) and "memory" in out[1].reason


def test_the_parents_own_work_runs_once_while_the_children_work(tmp_path: Path) -> None:
    seen_at_work: list[bool] = []

    def meanwhile() -> None:  # waits until a child has started a job: the two overlap
        deadline = time.monotonic() + 20
        while not list(tmp_path.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.01)
        seen_at_work.append(bool(list(tmp_path.iterdir())))
        time.sleep(1.5)  # longer than a job's limit: no job may fail for the parent's being busy

    jobs = [(tmp_path, n) for n in range(6)]
    out = start_bounded(mark_and_square, jobs, seconds=1.0, workers=2).collect(meanwhile=meanwhile)
    assert out == [n * n for n in range(6)]
    assert seen_at_work == [True]


def test_the_parents_own_work_runs_even_with_no_jobs() -> None:
    calls: list[int] = []
    assert start_bounded(mark_and_square, []).collect(meanwhile=lambda: calls.append(1)) == []
    assert calls == [1]


def mark_and_square(job: tuple[Path, int]) -> int:
    folder, n = job
    (folder / str(n)).touch()
    return n * n
