"""Fixtures for the help desk round trip: the bundled playbook, an empty one, the vendor files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.load import load_file

from ..conftest import REPO

FIXTURES = Path(__file__).parent / "fixtures"
ALLOWED_AFTER_IMPORT = {"todo", "draft"}
"""Rules `playbook check` may report on a fresh import, besides the house style's (`Playbook.*`)."""


def copy_repo(tmp_path: Path, name: str, scenarios: bool) -> Path:
    root = tmp_path / name
    root.mkdir()
    for part in ("templates", "docs", "styles"):
        shutil.copytree(REPO / part, root / part)
    for part in ("mkdocs.yml", ".vale.ini"):
        shutil.copy(REPO / part, root / part)
    if scenarios:
        shutil.copytree(REPO / "playbooks", root / "playbooks")
    else:
        (root / "playbooks").mkdir()
        shutil.copy(REPO / "playbooks" / "policy.yaml", root / "playbooks" / "policy.yaml")
    return root


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the whole repository: the bundled playbook with all its scenarios."""
    return copy_repo(tmp_path, "bundled", scenarios=True)


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    """The bundled policy, templates, docs and style, but no scenarios."""
    return copy_repo(tmp_path, "empty", scenarios=False)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, [str(a) for a in args])


def export(root: Path, target: str, out: Path) -> Any:
    return invoke("export", "--to", target, out, "--root", root, "--quiet")


def import_(root: Path, source: str, file: Path, *more: str) -> Any:
    return invoke("import", "--from", source, file, "--root", root, *more)


def check_rules(root: Path) -> list[tuple[str, str]]:
    """(rule, severity) of every diagnostic `playbook check` reports."""
    result = invoke("check", "--root", root, "--format", "json", "--quiet")
    return [(row["rule"], row["severity"]) for row in json.loads(result.stdout or "[]")]


def only_todo_and_style(root: Path) -> list[tuple[str, str]]:
    """The diagnostics that are neither a TODO, a draft nor a house-style finding (should be none)."""
    return [
        (r, s)
        for r, s in check_rules(root)
        if r not in ALLOWED_AFTER_IMPORT and not r.startswith("Playbook.")
    ]


def scenario_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "playbooks").rglob("*.yaml") if p.name != "policy.yaml")


def load(path: Path) -> Any:
    """A scenario file's data as the playbook reads it (`on:` is a key, not YAML 1.1's true)."""
    document, problems = load_file(path, path.name)
    assert not problems, problems
    return document.data
