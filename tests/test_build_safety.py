"""Builds that fail safely: deterministic output, and two builds at once never corrupt the site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.project import Project
from generator.site import build_site

from .test_site import snapshot

pytestmark = pytest.mark.slow


def test_same_input_gives_byte_identical_site(project: Path, tmp_path: Path):
    _, first = build_site(Project(project), tmp_path / "one")
    _, second = build_site(Project(project), tmp_path / "two")
    assert first and second
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert "sitemap.xml.gz" in one and "search/search_index.json" in one
    assert one == two


def test_two_builds_at_once_leave_one_whole_site(project: Path, tmp_path: Path):
    site = tmp_path / "site"
    command = [sys.executable, "-m", "generator", "build", "--root", str(project), "--site-dir", str(site)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    results = [(*proc.communicate(timeout=300), proc.returncode) for proc in runs]
    assert [code for _, _, code in results] == [0, 0, 0], [err.decode() for _, err, _ in results]
    _, reference = build_site(Project(project), tmp_path / "reference")
    assert reference
    assert snapshot(site) == snapshot(tmp_path / "reference")
    leftovers = [
        p.name for p in tmp_path.iterdir() if p.is_dir() and p.name not in ("repo", "site", "reference")
    ]
    assert leftovers == []
