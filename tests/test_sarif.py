"""`playbook check --format sarif`: a SARIF 2.1.0 log that code scanning reads, findings located."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from generator.cli import cli
from generator.rule_catalogue import CHECKS

from .conftest import EXAMPLE

LEVELS = {"none", "note", "warning", "error"}


def _sarif(runner, root: Path) -> tuple[int, dict]:
    result = runner.invoke(cli, ["check", "--format", "sarif", "--root", str(root), "--no-cache"])
    return result.exit_code, json.loads(result.output)


def _seed(root: Path) -> None:
    """An over-generous promise and a stock phrase in the example scenario."""
    path = root / "playbooks" / EXAMPLE
    text = path.read_text(encoding="utf-8")
    text = text.replace("You are right:", "We value your feedback. You are right:", 1)
    path.write_text(text, encoding="utf-8")
    broken = root / "playbooks" / "billing" / "broken.yaml"
    broken.write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")


def test_required_shape_of_a_sarif_2_1_0_log(runner, project: Path):
    subprocess.run(["git", "init", "-q", str(project.parent)], check=True)  # the repository holds the project
    _seed(project)
    code, log = _sarif(runner, project)
    assert code == 1
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "playbook"
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and "Playbook.StockPhrases" in ids and set(CHECKS) <= set(ids)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["help"]["text"], rule["id"]
        assert rule["helpUri"].startswith("https://playbook.example.com/"), rule["id"]
    stock = rules[ids.index("Playbook.StockPhrases")]
    assert stock["helpUri"] == "https://playbook.example.com/tone-guide/#stockphrases"
    assert "Runs on:" in stock["help"]["text"]
    assert rules[ids.index("promise-above-limit")]["helpUri"].endswith("/editing-the-playbook/")
    results = run["results"]
    assert results
    for r in results:
        assert r["level"] in LEVELS and r["message"]["text"]
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert not loc["artifactLocation"]["uri"].startswith("/"), "relative to the repository"
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == project.parent.resolve().as_uri() + "/"
    by_rule = {r["ruleId"]: r for r in results}
    stock_hit = by_rule["Playbook.StockPhrases"]["locations"][0]["physicalLocation"]
    assert stock_hit["artifactLocation"]["uri"] == f"{project.name}/playbooks/{EXAMPLE}"
    lines = (project / "playbooks" / EXAMPLE).read_text(encoding="utf-8").splitlines()
    assert "We value your feedback" in lines[stock_hit["region"]["startLine"] - 1]
    assert by_rule["yaml-syntax"]["level"] == "error"
    assert by_rule["yaml-syntax"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "playbooks/billing/broken.yaml"
    )


def test_a_clean_playbook_gives_an_empty_result_list_and_exit_0(runner, project: Path):
    code, log = _sarif(runner, project)
    assert code == 0 and log["runs"][0]["results"] == []


def test_without_a_site_url_no_help_uri_is_made_up(runner, project: Path):
    config = project / "mkdocs.yml"
    config.write_text(
        "\n".join(line for line in config.read_text().splitlines() if not line.startswith("site_url")) + "\n"
    )
    _, log = _sarif(runner, project)
    assert all("helpUri" not in r for r in log["runs"][0]["tool"]["driver"]["rules"])


def test_a_mkdocs_config_with_python_tags_still_gives_its_site_url_and_options(project: Path):
    from generator.project import Project
    from generator.sarif import site_url

    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("vale_engine: auto", "vale_engine: builtin")
        + "extra:\n  emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    assert site_url(Project(project)) == "https://playbook.example.com/"
    assert Project(project).vale_engine == "builtin", "the plugin options survive the tag"
