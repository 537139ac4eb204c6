"""`playbook diff`: what a change grants and re-routes, read from real git revisions, riskiest first."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.cli import cli

from .conftest import EXAMPLE, minimal, write


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repo(project: Path) -> Path:
    """The small project as a git repository with one commit on `main`, and a branch to change."""
    write(project, "playbooks/delivery/late-parcel.yaml", minimal())
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    git(project, "checkout", "-q", "-b", "change")
    return project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def diff(runner, root: Path, *args: str) -> tuple[int, dict]:
    result = runner.invoke(cli, ["diff", *args, "--format", "json", "--root", str(root)])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def test_nothing_changed(runner, repo: Path):
    code, report = diff(runner, repo)
    assert code == 0 and report["changes"] == [] and report["summary"] == "no changes"
    assert "merge-base of HEAD and main" in report["base"]


def test_each_kind_of_change_is_reported_riskiest_first(runner, repo: Path):
    policy = repo / "playbooks" / "policy.yaml"
    edit(policy, "      refund: 250\n", "      refund: 900\n")  # the frontline's refund limit x3.6
    scenario = repo / "playbooks" / EXAMPLE
    edit(scenario, "    to: executive_care\n    within: 1d\n", "    to: legal\n    within: 1d\n")  # re-routed
    edit(scenario, "You are right:", "You are right, and we value your feedback:")  # reworded, stock phrase
    (repo / "playbooks" / "delivery" / "late-parcel.yaml").unlink()  # removed
    code, report = diff(runner, repo)
    assert code == 1, (
        "the reworded reply fails the house style: the tree does not check, the report still comes"
    )
    changes = report["changes"]
    titles = [c["title"] for c in changes]
    assert titles[0] == "Refund: a Support agent may grant alone $250 -> $900"
    assert changes[0]["risk"] == "high" and changes[0]["kind"] == "limit"
    assert "3.6 times as much as before" in changes[0]["details"]
    assert changes[1]["kind"] == "route" and changes[1]["risk"] == "high"
    assert changes[1]["title"].startswith("`absurd-shipping-charge`: The customer writes to an executive")
    assert changes[1]["title"].endswith("Executive care team becomes Legal team")
    reworded = next(c for c in changes if c["kind"] == "reply")
    assert reworded["risk"] == "medium" and "reworded without a new approval" in reworded["title"]
    assert any("Playbook.StockPhrases" in d for d in reworded["details"]), "the house style's findings on it"
    assert any(d.startswith("+") and "value your feedback" in d for d in reworded["details"])
    removed = next(c for c in changes if c["kind"] == "scenario")
    assert removed["title"] == "Scenario removed: `late-parcel` (Late parcel)" and removed["risk"] == "medium"
    risks = [c["risk"] for c in changes]
    rank = {"high": 3, "medium": 2, "low": 1, "note": 0}
    assert risks == sorted(risks, key=lambda r: -rank[r]), "riskier first"


def test_a_lowered_limit_a_slower_deadline_and_a_new_reply(runner, repo: Path):
    policy = repo / "playbooks" / "policy.yaml"
    edit(policy, "      credit: 75\n", "      credit: 50\n")
    scenario = repo / "playbooks" / EXAMPLE
    edit(scenario, "    to: team_lead\n    within: 4h\n", "    to: team_lead\n    within: 8h\n")
    git(repo, "commit", "-q", "-am", "change")  # committed on the branch: the diff is against main
    code, report = diff(runner, repo)
    assert code == 0
    by_title = {c["title"]: c for c in report["changes"]}
    lowered = by_title["Store credit: a Support agent may grant alone $75 -> $50"]
    assert lowered["risk"] == "low"
    slower = next(c for c in report["changes"] if c["kind"] == "route")
    assert slower["risk"] == "medium" and "within 4 hours -> 8 hours" in slower["title"]


def test_markdown_is_a_pull_request_comment(runner, repo: Path):
    edit(repo / "playbooks" / "policy.yaml", "      refund: 250\n", "      refund: 900\n")
    result = runner.invoke(cli, ["diff", "main", "--format", "markdown", "--root", str(repo)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "## Playbook change review: 1 change: 1 high"
    assert (
        "| Risk | What | Change |" in lines
        and "| **high** | limit | Refund: a Support agent may grant alone $250 -> $900 |" in lines
    )


def test_usage_errors_exit_2_and_a_broken_tree_exits_1(runner, repo: Path, tmp_path: Path):
    result = runner.invoke(cli, ["diff", "no-such-branch", "--root", str(repo)])
    assert result.exit_code == 2 and "unknown revision `no-such-branch`" in result.output
    plain = tmp_path / "plain"
    (plain / "playbooks").mkdir(parents=True)
    (plain / "playbooks" / "policy.yaml").write_text((repo / "playbooks" / "policy.yaml").read_text())
    result = runner.invoke(cli, ["diff", "--root", str(plain)])
    assert result.exit_code == 2 and "not inside a git repository" in result.output
    write(repo, "playbooks/delivery/broken.yaml", "id: broken\ntitle: [unclosed\n")
    result = runner.invoke(cli, ["diff", "--root", str(repo)])
    assert result.exit_code == 1 and "does not check" in result.stderr


def test_a_shallow_clone_reads_the_base_without_touching_the_work_tree(runner, repo: Path, tmp_path: Path):
    git(repo, "checkout", "-q", "main")
    edit(repo / "playbooks" / "policy.yaml", "      goodwill: 40\n", "      goodwill: 90\n")
    git(repo, "commit", "-q", "-am", "more goodwill")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", repo.as_uri(), str(clone)], check=True)
    (clone / ".git" / "info" / "exclude").write_text(
        ".playbook-cache/\n"
    )  # the lint cache, as .gitignore has it
    before = git(clone, "status", "--porcelain", "--ignored=no")
    code, report = diff(runner, clone, "HEAD~1")
    assert code == 0
    assert report["changes"][0]["title"] == "Goodwill gesture: a Support agent may grant alone $40 -> $90"
    assert git(clone, "status", "--porcelain", "--ignored=no") == before, "the working tree is untouched"
    assert git(clone, "stash", "list") == "" and "HEAD~1" not in git(clone, "log", "-1", "--format=%D")


def test_a_scenarios_own_limit_is_reported_against_the_policy(runner, repo: Path):
    edit(repo / "playbooks" / EXAMPLE, "      agent: unlimited\n", "      agent: 8000\n")
    code, report = diff(runner, repo)
    assert code == 0
    (own,) = [c for c in report["changes"] if c["kind"] == "limit"]
    wanted = "Refund in `absurd-shipping-charge`: a Support agent may grant alone any amount -> $8,000"
    assert own["title"] == wanted
    assert own["risk"] == "low" and own["file"] == f"playbooks/{EXAMPLE}"
