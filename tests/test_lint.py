"""The lint stage: rendered replies go through the Vale-compatible engine, alerts land on YAML lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import cli
from generator.pipeline import run
from generator.project import Project

from .conftest import minimal, write

STOCK = """extends: existence
message: "'%s' is a stock phrase; name the issue instead."
level: error
ignorecase: true
tokens:
  - any inconvenience
  - your concerns
"""


@pytest.fixture
def project(project: Path) -> Path:
    """The lint stage alone, with a one-rule style, independent of the house style's content."""
    shutil.rmtree(project / "styles")
    write(project, "styles/Test/StockPhrases.yml", STOCK)
    (project / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n[*.md]\nBasedOnStyles = Test\n"
    )
    return project


def test_alert_points_at_the_template_text_in_yaml(project: Path):
    body = minimal().replace(
        "Your parcel is with the carrier",
        "{{ brand.name }} is sorry for any inconvenience. Your parcel is with the carrier",
    )
    write(project, "playbooks/delivery/late-parcel.yaml", body)
    result = run(Project(project))
    (alert,) = result.diagnostics
    # line 18 holds the sentence; the placeholder before the phrase must not shift its column
    assert (alert.path, alert.line, alert.col, alert.rule) == (
        "playbooks/delivery/late-parcel.yaml",
        18,
        37,
        "Test.StockPhrases",
    )
    assert alert.severity.value == "error"


def test_lint_uses_the_context_path(project: Path):
    """A glob section on the virtual path applies rules by channel kind, tone, fault and intent."""
    (project / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n[replies/email/warm/third_party/**.md]\n"
        "BasedOnStyles = Test\n"
    )
    body = minimal().replace("Your parcel is with", "About your concerns: your parcel is with")
    write(project, "playbooks/delivery/late-parcel.yaml", body)
    assert [d.rule for d in run(Project(project)).diagnostics] == ["Test.StockPhrases"]
    write(project, "playbooks/delivery/late-parcel.yaml", body.replace("tone: warm", "tone: formal"))
    assert run(Project(project)).diagnostics == []


def test_broken_style_is_a_located_config_error(project: Path, runner):
    (project / "styles/Test/Broken.yml").write_text("extends: existance\nmessage: x\n")
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 1
    assert "Broken.yml" in result.stdout and "[vale-config]" in result.stdout
