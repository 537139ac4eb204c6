"""CX-LESSONS section A as a template: `playbook check` blocks it, with precise annotations in CI."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "form-letter-review.yaml"
TARGET = "playbooks/public-reviews-social/form-letter-review.yaml"


def _add(project: Path) -> Path:
    path = project / TARGET
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURE, path)
    return path


def test_section_a_fails_check_with_at_least_five_rules(project: Path, runner):
    _add(project)
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 1
    rows = [line for line in result.stdout.splitlines() if line.startswith(TARGET)]
    rules = {line.rsplit("[", 1)[1].rstrip("]") for line in rows}
    # A.1 no name (greeting, sign-off), A.2 stock phrases, A.4 burden on the customer, A.7 grammar.
    # "Please email us your order number" moves the case to a private channel and tells the
    # customer what to do, so under TONE-RUBRIC.md it is neither channel-wrong nor no-next-step.
    assert {
        "Playbook.GenericGreeting",
        "Playbook.StockPhrases",
        "Playbook.BurdenShifting",
        "Playbook.ApostrophePlural",
        "Playbook.CommonErrors",
        "Playbook.SignOff",
    } <= rules
    assert len(rules) >= 5


def test_github_annotations_point_at_the_template_text(project: Path, runner):
    path = _add(project)
    lines = path.read_text().split("\n")
    result = runner.invoke(cli, ["check", "--root", str(project), "--format", "github"])
    assert result.exit_code == 1
    notes = {}
    for row in result.stdout.splitlines():
        head, _, message = row.partition("::")[2].partition("::")
        kind, _, props = head.partition(" ")
        fields = dict(p.split("=", 1) for p in props.split(","))
        if fields["title"].startswith("Playbook."):
            notes.setdefault(fields["title"], []).append((kind, fields, message))
    # every style annotation of the bad template is an error on a line of its body
    first = lines.index("    body: |") + 2
    body = range(first, first + 7)
    for title, found in notes.items():
        for kind, fields, _ in found:
            assert fields["file"] == TARGET
            assert kind == "error" and int(fields["line"]) in body, (title, fields)

    def at(rule: str) -> tuple[int, int]:
        (_, fields, _), *_ = notes[rule]
        return int(fields["line"]), int(fields["col"])

    def where(text: str) -> tuple[int, int]:
        (n,) = [i for i, line in enumerate(lines, 1) if text in line]
        return n, lines[n - 1].index(text) + 1

    assert at("Playbook.ApostrophePlural") == where("best possible material's")
    assert at("Playbook.BurdenShifting") == where("Please email us")
    assert at("Playbook.CommonErrors") == where("do our best job")
    assert at("Playbook.GenericGreeting") == where("Hello,")
    assert at("Playbook.SignOff") == where("{{ brand.name }}")
    assert "name the issue instead" in notes["Playbook.StockPhrases"][0][2]
