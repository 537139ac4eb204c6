"""Benchmark: the whole check pipeline (load, validate, checks, render, lint) on a large playbook.

Copies the bundled scenarios N times under new ids (default 10: 300 scenarios, over 1,000
replies) into a temporary repository and times `pipeline.run()` against a baseline measured in
the same run: parsing the same YAML files with PyYAML's C-free safe loader and nothing else.
Prints the size of the work and the ratio; no threshold, the figure is for the notes.

    .venv/bin/python benchmarks/pipeline_bench.py [--copies N]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.pipeline import run  # noqa: E402
from generator.project import Project  # noqa: E402


def make_repository(copies: int) -> Path:
    root = Path(tempfile.mkdtemp(prefix="playbook-bench-")) / "repo"
    (root / "playbooks").mkdir(parents=True)
    for name in ("templates", "styles"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", ".vale.ini"):
        shutil.copy(REPO / name, root / name)
    shutil.copy(REPO / "playbooks/policy.yaml", root / "playbooks/policy.yaml")
    for source in sorted((REPO / "playbooks").glob("*/*.yaml")):
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"^related:.*\n(?:[ ]+- .*\n)*", "", text, flags=re.M)
        for n in range(copies):
            new_id = f"{source.stem}-{n}"
            target = root / "playbooks" / source.parent.name / f"{new_id}.yaml"
            target.parent.mkdir(exist_ok=True)
            target.write_text(text.replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1), encoding="utf-8")
    return root


def best_of(repeats: int, work) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("PLAYBOOK_TODAY", "2026-12-01")
    root = make_repository(args.copies)
    files = sorted((root / "playbooks").rglob("*.yaml"))
    size = sum(f.stat().st_size for f in files)

    def baseline() -> None:
        for f in files:
            yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)

    result = run(Project(root))
    replies = len(result.replies)
    errors = [d for d in result.diagnostics if d.severity.value == "error"]
    base = best_of(args.repeats, baseline)
    full = best_of(args.repeats, lambda: run(Project(root)))
    no_lint = best_of(args.repeats, lambda: run(Project(root), lint=False))
    print(
        f"work: {len(files) - 1} scenarios, {replies} replies, {size / 1e6:.2f} MB of YAML; "
        f"{len(errors)} errors"
    )
    print(f"baseline (PyYAML safe_load of every file): {base:.3f} s")
    print(f"check without lint: {no_lint:.3f} s  ({no_lint / base:.1f}x baseline)")
    print(f"check with lint:    {full:.3f} s  ({full / base:.1f}x baseline, {replies / full:.0f} replies/s)")
    shutil.rmtree(root.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
