"""SARIF 2.1.0: the check's findings for code-scanning dashboards (`playbook check --format sarif`).

GitHub code scanning and other dashboards read one `run`: the tool and its rules (each with a
line of help and a link into the published site: the tone guide for the house style, the
writers' guide for the checks), and one result a finding, located by a path relative to the
repository root (`git rev-parse --show-toplevel` when the playbook sits in a git repository,
else the project folder) and a 1-based line and column.
"""

from __future__ import annotations

import json
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .project import Project
from .rule_catalogue import CHECKS, TONE_GUIDE, RuleHelp, check_help

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}


def repository_root(project: Project) -> Path:
    """The git work tree holding the project, or the project itself outside git."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=project.root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return project.root.resolve()
    top = out.stdout.strip()
    return Path(top).resolve() if out.returncode == 0 and top else project.root.resolve()


def site_url(project: Project) -> str | None:
    """`site_url` from mkdocs.yml, ending in a slash, if the site says where it is published."""
    url = project.site_config().get("site_url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        return None
    return url if url.endswith("/") else url + "/"


def style_help(project: Project) -> dict[str, RuleHelp]:
    """The house style's rules as the tone guide documents them."""
    from .toneguide import load_rules

    out = {}
    for rule in load_rules(project):
        asks = rule.fields.get("asks", rule.message)
        why = rule.fields.get("why", "")
        text = f"{asks} {why}".strip() + f" Runs on: {rule.channels_text}."
        out[rule.rule_id] = RuleHelp(rule.rule_id, rule.title, text, f"{TONE_GUIDE}#{rule.name.lower()}")
    return out


def _rule(help: RuleHelp, base: str | None) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": help.id,
        "name": "".join(part[:1].upper() + part[1:] for part in help.id.replace(".", "-").split("-")),
        "shortDescription": {"text": help.short},
        "fullDescription": {"text": help.help},
        "help": {"text": help.help},
    }
    if base:
        rule["helpUri"] = base + help.page
    return rule


def _uri(project: Project, root: Path, path: str) -> str:
    full = (project.root / path).resolve()
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def sarif_log(diagnostics: list[Diagnostic], project: Project) -> dict[str, Any]:
    """The whole SARIF log for one check run."""
    root = repository_root(project)
    base = site_url(project)
    styles = style_help(project)
    helps: dict[str, RuleHelp] = dict(styles)
    helps.update({rule: check_help(rule) for rule in CHECKS})
    for d in diagnostics:
        if d.rule not in helps:
            helps[d.rule] = check_help(d.rule)
    ids = sorted(helps)
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    results = []
    for d in diagnostics:
        results.append(
            {
                "ruleId": d.rule,
                "ruleIndex": index[d.rule],
                "level": LEVELS.get(d.severity.value, "warning"),
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(project, root, d.path), "uriBaseId": "SRCROOT"},
                            "region": {"startLine": max(d.line, 1), "startColumn": max(d.col, 1)},
                        }
                    }
                ],
            }
        )
    try:
        version = metadata.version("playbook-generator")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        version = "0"
    driver: dict[str, Any] = {
        "name": "playbook",
        "semanticVersion": version,
        "rules": [_rule(helps[rule_id], base) for rule_id in ids],
    }
    if base:
        driver["informationUri"] = base
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {"SRCROOT": {"uri": root.as_uri() + "/"}},
                "results": results,
            }
        ],
    }


def format_sarif(diagnostics: list[Diagnostic], project: Project) -> str:
    return json.dumps(sarif_log(diagnostics, project), indent=2, ensure_ascii=False) + "\n"
