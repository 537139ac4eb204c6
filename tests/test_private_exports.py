"""Exports never carry a value the personal-data or secret check flagged: nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.helpdesk.export import export
from generator.project import Project

from .conftest import EXAMPLE

SEEDS = {
    "personal-data": ("example: RF-77120", 'example: "4111 1111 1111 1111"'),
    "secret": ("      Best wishes,\n", "      Best wishes, " + "xoxb-" + "123456789012-AbCdEfGhIjKlMnOp\n"),
}


def test_a_clean_playbook_exports(project: Path, tmp_path: Path):
    out = tmp_path / "replies.json"
    outcome = export(Project(project), "json", out)
    assert outcome.ok and out.is_file() and "RF-77120" in out.read_text()


@pytest.mark.parametrize("rule", sorted(SEEDS))
@pytest.mark.parametrize("target", ["json", "zendesk"])
def test_a_flagged_value_stops_the_export(project: Path, tmp_path: Path, rule: str, target: str):
    path = project / "playbooks" / EXAMPLE
    old, new = SEEDS[rule]
    path.write_text(path.read_text().replace(old, new, 1))
    out = tmp_path / "replies.json"
    outcome = export(Project(project), target, out)
    assert not outcome.ok
    assert [d.rule for d in outcome.diagnostics if d.severity.value == "error"] == [rule]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"], "nothing half-written beside it"
