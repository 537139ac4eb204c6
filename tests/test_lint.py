"""The lint stage: rendered replies go through the Vale-compatible engine, alerts land on YAML lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import cli
from generator.pipeline import run
from generator.project import Project

from .conftest import minimal, one_rule_style, write


@pytest.fixture
def project(project: Path) -> Path:
    """The lint stage alone, with a one-rule style, independent of the house style's content."""
    return one_rule_style(project)


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


FAKE_VALE = """#!{python}
import json, sys
paths = [a for a in sys.argv[1:] if not a.startswith("--")]
alert = {{"Action": {{"Name": "", "Params": None}}, "Span": [1, 2], "Check": "Fake.Rule",
         "Description": "", "Link": "", "Message": "from the real binary", "Severity": "error",
         "Match": "Hi", "Line": 1}}
print(json.dumps({{p: [alert] for p in paths}}))
"""


def test_engine_setting_picks_a_vale_binary(project: Path, tmp_path: Path, runner, monkeypatch):
    """`vale` (or `auto` with a binary on PATH) lints through it, in one run for all replies."""
    import os
    import sys

    from generator.cli import cli

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "vale"
    fake.write_text(FAKE_VALE.format(python=sys.executable))
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    result = runner.invoke(cli, ["check", "--root", str(project), "--engine", "vale"])
    assert result.exit_code == 1
    rows = result.stdout.splitlines()
    assert rows and all(row.endswith("from the real binary [Fake.Rule]") for row in rows)
    assert any(row.startswith("playbooks/billing/absurd-shipping-charge.yaml:") for row in rows)
    assert run(Project(project), engine="builtin").diagnostics == []
