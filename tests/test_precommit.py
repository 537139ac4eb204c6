"""The pre-commit hook: its definition loads, and its entry checks what a commit changed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import EXAMPLE, REPO, write

BIN = Path(sys.executable).parent


def _hooks(name: str) -> list[dict]:
    data = yaml.safe_load((REPO / name).read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [h for r in data["repos"] for h in r["hooks"]]


def test_the_definitions_pass_pre_commits_own_validation():
    for command, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        out = subprocess.run(
            [str(BIN / "pre-commit"), command, str(REPO / name)], capture_output=True, text=True
        )
        assert out.returncode == 0, out.stdout + out.stderr


def test_the_hook_runs_on_playbook_files_only():
    (hook,) = [h for h in _hooks(".pre-commit-hooks.yaml") if h["id"] == "playbook-check"]
    files = re.compile(hook["files"])
    for path in (
        "playbooks/billing/double-charge.yaml",
        "playbooks/policy.yaml",
        "templates/scenario.md.j2",
        "styles/Playbook/NextStep.yml",
        ".vale.ini",
        "mkdocs.yml",
    ):
        assert files.search(path), path
    for path in ("README.md", "generator/cli.py", "docs/using-the-playbook.md", "tests/test_cli.py"):
        assert not files.search(path), path
    assert hook["language"] == "python" and hook["pass_filenames"] is True


def _run_entry(entry: str, root: Path, *files: str) -> subprocess.CompletedProcess:
    command = entry.split()
    command[0] = str(BIN / "playbook")
    return subprocess.run([*command, *files], cwd=root, capture_output=True, text=True, timeout=300)


def test_its_entry_checks_a_changed_scenario_and_a_changed_rule_checks_them_all(project: Path):
    (hook,) = [h for h in _hooks(".pre-commit-hooks.yaml") if h["id"] == "playbook-check"]
    ok = _run_entry(hook["entry"], project, f"playbooks/{EXAMPLE}")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "in 2 files" in ok.stderr  # the scenario and the policy it is checked against
    broken = write(project, "playbooks/billing/broken.yaml", "id: broken\ntitle: [unclosed\n")
    bad = _run_entry(hook["entry"], project, str(broken.relative_to(project)))
    assert bad.returncode == 1 and "playbooks/billing/broken.yaml:3:1: error" in bad.stdout
    broken.unlink()
    write(
        project,
        "playbooks/billing/second.yaml",
        (project / "playbooks" / EXAMPLE).read_text().replace("id: absurd-shipping-charge", "id: second"),
    )
    whole = _run_entry(hook["entry"], project, "styles/Playbook/NextStep.yml")
    assert "in 3 files" in whole.stderr, whole.stderr  # a changed rule: every scenario and the policy


def test_pre_commit_runs_this_repositorys_config(project: Path):
    shutil.copy(REPO / ".pre-commit-config.yaml", project / ".pre-commit-config.yaml")
    os.symlink(BIN.parent, project / ".venv")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(project.parent / "pre-commit-home"),
        "HOME": str(project.parent),
    }
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    target = f"playbooks/{EXAMPLE}"
    def hook() -> subprocess.CompletedProcess:
        command = [str(BIN / "pre-commit"), "run", "playbook-check", "--files", target]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=300)

    good = hook()
    assert good.returncode == 0, good.stdout + good.stderr
    path = project / target
    path.write_text(path.read_text().replace("You are right:", "We value your feedback. You are right:", 1))
    bad = hook()
    assert bad.returncode == 1 and "Playbook.StockPhrases" in bad.stdout, bad.stdout
