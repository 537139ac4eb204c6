"""Benchmark: does any reply make the house-style lint super-linear?

Each case builds one hostile reply of N characters (a pasted code, a long run of spaces, a
thousand double spaces, one unbroken line of words, a non-ASCII run, a long URL...) and lints it
with the built-in engine and the bundled style at N and 2N. The growth factor is the time at 2N
over the time at N: about 2 is linear, about 4 quadratic. The baseline in the same run is an
ordinary bundled reply of the same length made by repeating its sentences.

    .venv/bin/python benchmarks/lint_growth.py [--size 6000] [--channel email] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.lint import engine_for  # noqa: E402
from generator.project import Project  # noqa: E402

_rng = random.Random(11)
_WORDS = ("sorry", "refund", "order", "parcel", "friday", "team", "please", "because", "tracking")


def _code(n: int) -> str:
    return "".join(_rng.choice(string.ascii_uppercase + string.digits) for _ in range(n))


def _wrap(middle: str) -> str:
    return f"Hi Maya,\n\n{middle}\n\nBest,\nSam"


CASES: dict[str, Callable[[int], str]] = {
    "ordinary reply": lambda n: _wrap(
        " ".join("I am sorry your parcel is late; it arrives on Friday." for _ in range(n // 54))
    ),
    "pasted code": lambda n: _wrap(f"Your tracking code is {_code(n)} and it arrives Friday."),
    "codes with commas": lambda n: _wrap("Your codes are " + ",".join(_code(3) for _ in range(n // 4)) + "."),
    "one line of words": lambda n: _wrap(" ".join(_rng.choice(_WORDS) for _ in range(n // 7)) + "."),
    "many lines": lambda n: _wrap("\n".join(f"Order {i} is late, sorry." for i in range(n // 25))),
    "run of spaces": lambda n: _wrap("Your parcel" + " " * n + "is late ."),
    "double spaces": lambda n: _wrap("word  " * (n // 6)),
    "long URL": lambda n: _wrap("See https://example.com/" + "/".join(_code(5) for _ in range(n // 6)) + "."),
    "non-ASCII run": lambda n: _wrap("Sorry " + "é" * n + " ok."),
}


def _time(engine, text: str, path: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        engine.lint_text(text, path)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=6000, help="N, in characters (default 6000)")
    parser.add_argument("--channel", default="email", help="channel kind of the virtual path")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs per size")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    engine = engine_for(Project(REPO), "builtin")
    path = f"replies/{args.channel}/warm/ours/resolve/bench--reply.md"
    engine.lint_text("Hi.", path)
    rows = []
    print(f"lint of one reply, bundled style, built-in engine, {args.channel}; best of {args.runs}")
    print(f"{'case':<20} {'N':>7} {'at N':>9} {'at 2N':>9} {'growth':>7}")
    for name, make in CASES.items():
        n = args.size
        small, large = make(n), make(2 * n)
        t1 = _time(engine, small, path, args.runs)
        t2 = _time(engine, large, path, args.runs)
        growth = t2 / t1 if t1 > 0 else float("nan")
        rows.append({"case": name, "chars": len(small), "seconds_n": t1, "seconds_2n": t2, "growth": growth})
        print(f"{name:<20} {len(small):>7} {t1:>8.3f}s {t2:>8.3f}s {growth:>6.1f}x")
    worst = max(rows[1:], key=lambda r: r["growth"])
    print(f"worst hostile case: {worst['case']} ({worst['growth']:.1f}x for twice the length; "
          f"the ordinary reply grows {rows[0]['growth']:.1f}x)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
