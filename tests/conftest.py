"""Shared fixtures: a small copy of the repository to break on purpose, and the CLI runner."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = "billing/absurd-shipping-charge.yaml"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Approval checks compare with today; tests pin the day so they never expire."""
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-12-01")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository with the bundled policy, templates, docs and one scenario."""
    root = tmp_path / "repo"
    (root / "playbooks" / "billing").mkdir(parents=True)
    shutil.copy(REPO / "playbooks" / "policy.yaml", root / "playbooks" / "policy.yaml")
    example = (REPO / "playbooks" / EXAMPLE).read_text(encoding="utf-8")
    # The copy stands alone: links to the bundled playbook's other scenarios would dangle.
    example = re.sub(r"^related:.*\n(?:[ ]+- .*\n)*", "", example, flags=re.M)
    (root / "playbooks" / EXAMPLE).write_text(example, encoding="utf-8")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(REPO / ".vale.ini", root / ".vale.ini")
    shutil.copytree(REPO / "styles", root / "styles")
    return root


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled playbook built once for every test that only reads the site."""
    from generator.project import Project
    from generator.site import build_site

    site = tmp_path_factory.mktemp("bundled") / "site"
    result, built = build_site(Project(REPO), site)
    assert built, [d.text() for d in result.diagnostics]
    return site


def zensical_command() -> str:
    """The `zensical` beside this Python, or on PATH."""
    import sys

    return shutil.which("zensical") or str(Path(sys.executable).parent / "zensical")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The bundled playbook's generated tree built once by Zensical, for tests that only read it."""
    import subprocess

    from generator.project import Project
    from generator.site import generate_tree

    tree = tmp_path_factory.mktemp("zensical") / "tree"
    result, written = generate_tree(Project(REPO), tree)
    assert written, [d.text() for d in result.diagnostics]
    done = subprocess.run([zensical_command(), "build"], cwd=tree, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return tree / "site"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


MINIMAL = """
id: {id}
title: Late parcel
category: delivery
summary: The parcel is late.
signals: [where is my parcel]
fault: third_party
do: [Check the tracking.]
dont: [Do not blame the carrier.]
replies:
  - id: email-update
    channel: email
    tone: warm
    intent: update
    purpose: Tell the customer where the parcel is.
    body: |
      Hi {{{{ customer.first_name }}}},

      Your parcel is with the carrier and will arrive by Friday.

      {{{{ agent.first_name }}}}
    approved: {{by: Dana Ortiz, on: 2026-10-01, review_by: 2027-04-01}}
"""


def minimal(scenario_id: str = "late-parcel") -> str:
    return MINIMAL.format(id=scenario_id).lstrip("\n")


STOCK_PHRASES = """extends: existence
message: "'%s' is a stock phrase; name the issue instead."
level: error
ignorecase: true
tokens:
  - any inconvenience
  - your concerns
"""


def one_rule_style(root: Path, rule: str = STOCK_PHRASES) -> Path:
    """`root` with the house style replaced by the single rule `Test.StockPhrases`, so a test of
    the lint stage does not depend on the house style's content."""
    shutil.rmtree(root / "styles")
    write(root, "styles/Test/StockPhrases.yml", rule)
    (root / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n[*.md]\nBasedOnStyles = Test\n"
    )
    return root
