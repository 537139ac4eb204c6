"""Cross-document checks: identity, references, TODO markers."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import run
from generator.project import Project

from .conftest import minimal, write


def found(root: Path):
    return [(d.path, d.line, d.col, d.rule) for d in run(Project(root), lint=False).diagnostics]


def test_bundled_example_is_clean(project: Path):
    assert found(project) == []


def test_id_must_match_file_name(project: Path):
    write(project, "playbooks/delivery/late-parcel.yaml", minimal("slow-parcel"))
    assert found(project) == [("playbooks/delivery/late-parcel.yaml", 1, 5, "id-matches-file")]


def test_category_must_match_folder(project: Path):
    write(project, "playbooks/billing/late-parcel.yaml", minimal())
    assert found(project) == [("playbooks/billing/late-parcel.yaml", 3, 11, "category-matches-folder")]


def test_duplicate_ids_name_both_files(project: Path):
    write(project, "playbooks/delivery/late-parcel.yaml", minimal())
    write(project, "playbooks/delivery/late-parcel.yml", minimal())
    problems = run(Project(project), lint=False).diagnostics
    (dup,) = [d for d in problems if d.rule == "duplicate-id"]
    assert dup.path == "playbooks/delivery/late-parcel.yml"
    assert "playbooks/delivery/late-parcel.yaml" in dup.message


def test_unknown_references_are_located_with_suggestions(project: Path):
    text = minimal().replace("channel: email", "channel: emial") + (
        "escalation:\n  - {trigger: media, to: comms, within: 1h, handoff: the thread}\n"
        "related: [no-such-scenario]\n"
    )
    write(project, "playbooks/delivery/late-parcel.yaml", text)
    problems = run(Project(project), lint=False).diagnostics
    assert [(d.line, d.rule) for d in problems] == [
        (11, "unknown-channel"),
        (23, "unknown-target"),
        (24, "unknown-scenario"),
    ]
    assert "did you mean `email`?" in problems[0].message
