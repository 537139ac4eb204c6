"""The example GitHub Actions workflow runs as written: its steps' commands, on a local clone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO

WORKFLOW = REPO / "docs" / "examples" / "playbook-review.yml"
BIN = Path(sys.executable).parent
GIT = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com"]
CONTEXT = {
    "${{ github.base_ref }}": "main",
    "${{ github.event.pull_request.number }}": "7",
    "${{ github.token }}": "x",
}

pytestmark = pytest.mark.slow


def steps() -> list[dict]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert set(data["permissions"]) >= {"pull-requests", "security-events"}
    return data["jobs"]["review"]["steps"]


def test_the_workflow_does_what_the_issue_asks():
    runs = " ".join(s.get("run", "") for s in steps())
    uses = [s["uses"].split("@")[0] for s in steps() if "uses" in s]
    assert (
        "playbook check --format github" in runs and "playbook diff" in runs and "--format markdown" in runs
    )
    assert "playbook check --format sarif" in runs and "github/codeql-action/upload-sarif" in uses
    assert "playbook build" in runs and "gh pr comment" in runs
    names = [s.get("uses", "").split("@")[0] or s.get("run", "") for s in steps()]
    cache = steps()[names.index("actions/cache")]
    assert cache["with"]["path"] == ".playbook-cache" and cache["with"]["restore-keys"], "warm lint in CI"
    first_check = next(i for i, n in enumerate(names) if n.startswith("playbook check"))
    assert names.index("actions/cache") < first_check, "the cache is restored before the first check"
    checkout = next(s for s in steps() if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "the diff needs the base branch"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert 'playbook diff "origin/${{ github.base_ref }}" --format markdown' in readme, "quoted in the README"


def test_its_steps_run_on_a_pull_request_clone(tmp_path: Path):
    origin = tmp_path / "origin"
    shutil.copytree(
        REPO,
        origin,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "site",
            ".playbook-cache",
            ".pytest_cache",
            ".mypy_cache",
            ".ruff_cache",
            "*.egg-info",
            "__pycache__",
            ".playbook-build",
        ),
    )
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=origin, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=origin, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "main"], cwd=origin, check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", origin.as_uri(), str(clone)], check=True)  # like actions/checkout
    subprocess.run([*GIT, "checkout", "-q", "-b", "pull-request"], cwd=clone, check=True)
    policy = clone / "playbooks" / "policy.yaml"
    policy.write_text(policy.read_text().replace("      goodwill: 40\n", "      goodwill: 90\n", 1))
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "CI": "true"}
    ran = []
    for step in steps():
        command = step.get("run")
        if not command:
            continue
        for key, value in CONTEXT.items():
            command = command.replace(key, value)
        if command.startswith("python -m pip install"):
            continue  # the test runs in the environment the suite installed
        if command.startswith("gh pr comment"):
            body = (clone / "playbook-diff.md").read_text()
            assert body.startswith("## Playbook change review: 1 change: 1 high"), body
            assert "Goodwill gesture: a Support agent may grant alone $40 -> $90" in body
            ran.append("gh (needs GitHub: the body it posts is checked instead)")
            continue
        out = subprocess.run(
            ["bash", "-e", "-c", command], cwd=clone, env=env, capture_output=True, text=True, timeout=900
        )
        assert out.returncode == 0, f"{step.get('name')}: {out.stdout[-2000:]}{out.stderr[-2000:]}"
        ran.append(step.get("name"))
    log = json.loads((clone / "playbook.sarif").read_text())
    assert log["version"] == "2.1.0" and log["runs"][0]["results"] == []
    assert (clone / "site" / "index.html").is_file()
    assert len(ran) == 5, ran
