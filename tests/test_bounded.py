"""Bounded runs: results in job order over several children; a stuck job fails alone."""

from __future__ import annotations

import time

from generator.bounded import Failed, run_bounded


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
