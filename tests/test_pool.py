"""The lint's pool: children that stay up while jobs arrive in parts; results in submission order;
a stuck or greedy job fails alone and a fresh child takes the rest of its share."""

from __future__ import annotations

import os
import time
from pathlib import Path

from generator.bounded import JOBS_PER_MESSAGE, Failed, Pool


def square_or_hang(n: int) -> int:
    if n == 7:
        time.sleep(60)  # killed long before this ends
    if n == 13:
        _ = bytearray(4 << 30)  # more memory than a child may take
    if n == 21:
        raise ValueError("no 21")
    return n * n


def pid_of(_: int) -> int:
    return os.getpid()


def test_parts_come_back_in_order_and_each_bad_job_fails_alone() -> None:
    pool = Pool(square_or_hang, seconds=1.0, workers=2)
    pool.submit(list(range(10)))
    pool.submit(list(range(10, 30)))
    seen: list[int] = []
    out = pool.collect(done=seen.append)
    failed = {i: r for i, r in enumerate(out) if isinstance(r, Failed)}
    assert sorted(failed) == [7, 13, 21]
    assert "longer than 1 seconds" in failed[7].reason
    assert "memory" in failed[13].reason
    assert "ValueError: no 21" in failed[21].reason
    assert [out[n] for n in range(30) if n not in failed] == [n * n for n in range(30) if n not in failed]
    assert sum(seen) == 30


def test_the_same_children_take_every_part() -> None:
    pool = Pool(pid_of, seconds=5.0, workers=2)
    for _ in range(4):
        pool.submit(list(range(10)))
    pids = pool.collect()
    assert len(pids) == 40 and len(set(pids)) == 2, "two children, whatever the number of parts"
    assert os.getpid() not in pids


def test_a_part_larger_than_a_pipe_arrives_whole() -> None:
    """Jobs the pipe cannot take at once wait in the parent and are written as the child reads."""
    jobs = ["x" * 5000 + str(n) for n in range(3 * JOBS_PER_MESSAGE * 10)]  # about 10 MB
    pool = Pool(len, seconds=5.0, workers=2)
    pool.submit(jobs)
    assert pool.collect() == [len(j) for j in jobs]


def mark_and_square(job: tuple[Path, int]) -> int:
    folder, n = job
    (folder / str(n)).touch()
    return n * n


def test_the_parents_steps_run_once_each_while_the_children_work(tmp_path: Path) -> None:
    done_steps: list[bool] = []

    def step() -> None:  # waits until a child has started a job: the two overlap
        deadline = time.monotonic() + 20
        while not list(tmp_path.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.01)
        done_steps.append(bool(list(tmp_path.iterdir())))
        time.sleep(0.8)  # together longer than a job's limit: no job fails for a busy parent

    pool = Pool(mark_and_square, seconds=1.0, workers=2)
    pool.submit([(tmp_path, n) for n in range(6)])
    assert pool.collect(meanwhile=[step, step]) == [n * n for n in range(6)]
    assert done_steps == [True, True]


def test_nothing_submitted_still_runs_the_steps() -> None:
    calls: list[int] = []
    pool: Pool[int, int] = Pool(square_or_hang, seconds=1.0, workers=2)
    assert pool.collect(meanwhile=[lambda: calls.append(1)]) == []
    assert calls == [1]


def test_children_end_when_the_parent_is_gone(tmp_path: Path) -> None:
    """A child reads its jobs until the parent's end of the pipe closes: killed or not, a parent
    leaves no child waiting for work."""
    import subprocess
    import sys

    code = (
        "import os, sys, time\n"
        "from generator.bounded import Pool\n"
        "pool = Pool(abs, seconds=5.0, workers=2)\n"
        "pool.submit([1, 2, 3, 4])\n"
        "time.sleep(0.5)\n"
        "print(' '.join(str(w.child.pid) for w in pool.workers), flush=True)\n"
        "os._exit(0)  # no clean-up: as if killed\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    pids = [int(p) for p in out.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 10
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in pids if Path(f"/proc/{p}").exists() and "Z" not in _state(p)]
        time.sleep(0.05)
    assert alive == []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[0]
    except (OSError, IndexError):
        return "Z"
