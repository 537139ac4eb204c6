"""The command line: exit codes, output formats, scaffolding, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import cli

from .conftest import write


def test_check_clean_exits_0(project: Path, runner):
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.stderr


def test_check_reports_path_line_col_and_exits_1(project: Path, runner):
    path = project / "playbooks/billing/absurd-shipping-charge.yaml"
    path.write_text(path.read_text().replace("root_cause:", "root_cuase:"))
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(path.read_text().split("\n"), 1) if text.startswith("root_cuase:"))
    assert result.stdout == (
        f"playbooks/billing/absurd-shipping-charge.yaml:{line}:1: error: unknown key `root_cuase`; "
        "did you mean `root_cause`? [schema]\n"
    )


def test_json_and_github_formats(project: Path, runner):
    path = project / "playbooks/billing/absurd-shipping-charge.yaml"
    path.write_text(path.read_text().replace("channel: chat", "channel: chatt"))
    out = runner.invoke(cli, ["check", "--root", str(project), "--format", "json"])
    rows = json.loads(out.stdout)
    assert [(r["rule"], r["severity"]) for r in rows] == [("unknown-channel", "error")]
    gh = runner.invoke(cli, ["check", "--root", str(project), "--format", "github"])
    assert gh.stdout.startswith("::error file=playbooks/billing/absurd-shipping-charge.yaml,line=")
    assert gh.exit_code == 1


def test_check_only_given_paths(project: Path, runner):
    bad = write(project, "playbooks/delivery/broken.yaml", "id: broken\n")
    good = project / "playbooks/billing/absurd-shipping-charge.yaml"
    assert runner.invoke(cli, ["check", "--root", str(project), str(good)]).exit_code == 0
    result = runner.invoke(cli, ["check", "--root", str(project), str(bad)])
    assert result.exit_code == 1 and "broken.yaml" in result.stdout


def test_usage_problems_exit_2(tmp_path: Path, runner):
    assert runner.invoke(cli, ["check", "--root", str(tmp_path)]).exit_code == 2
    assert runner.invoke(cli, ["check", "--format", "xml"]).exit_code == 2


# What a writer types over each TODO of the scaffold (everything from `TODO` to the line's end).
FILLED = {
    "TODO a short title": "Parcel later than promised",
    "TODO two or three sentences": "The parcel missed its delivery date. We check the tracking and say when.",
    "TODO words a customer uses": "where is my parcel",
    "TODO what the agent does first": "Check the tracking before you answer.",
    "TODO what the agent must never do": "Do not guess a delivery date.",
    "TODO when to send this reply": "First answer when a parcel is late.",
    "TODO the reply:": "Your parcel left our warehouse on Monday and the carrier now expects it by Friday. "
    "I will check the tracking again on Thursday and email you the same day.",
    "TODO approver's full name": "Dana Ortiz",
}


def test_new_scaffold_fails_on_each_todo_until_filled(project: Path, runner):
    result = runner.invoke(cli, ["new", "late-parcel", "--category", "delivery", "--root", str(project)])
    assert result.exit_code == 0, result.output
    path = project / "playbooks/delivery/late-parcel.yaml"
    checked = runner.invoke(cli, ["check", "--root", str(project)])
    assert checked.exit_code == 1
    todo_lines = [n for n, line in enumerate(path.read_text().split("\n"), 1) if "TODO" in line]
    reported = sorted(int(row.split(":")[1]) for row in checked.stdout.splitlines() if row.endswith("[todo]"))
    assert reported == todo_lines
    lines = path.read_text().split("\n")
    for n, line in enumerate(lines):
        if "TODO" in line:
            (real,) = [value for key, value in FILLED.items() if key in line]
            lines[n] = line[: line.index("TODO")] + real
    text = "\n".join(lines)
    path.write_text(text)
    filled = runner.invoke(cli, ["check", "--root", str(project)])
    assert filled.exit_code == 0, filled.stdout


def test_new_refuses_unknown_category_and_bad_id(project: Path, runner):
    assert runner.invoke(cli, ["new", "x", "-c", "nope", "--root", str(project)]).exit_code == 2
    assert runner.invoke(cli, ["new", "Bad Id", "-c", "billing", "--root", str(project)]).exit_code == 2


def test_schema_is_json_schema_of_the_scenario(runner):
    schema = json.loads(runner.invoke(cli, ["schema"]).stdout)
    assert schema["additionalProperties"] is False
    assert {"id", "title", "replies", "signals"} <= set(schema["required"])
    assert "channel" in schema["$defs"]["Reply"]["properties"]


def test_policy_schema_lists_the_privacy_fields(runner):
    schema = json.loads(runner.invoke(cli, ["schema", "--policy"]).stdout)
    assert "public_contacts" in schema["properties"]
    assert "domain" in schema["$defs"]["Brand"]["properties"]
    assert "public_contacts" not in json.loads(runner.invoke(cli, ["schema"]).stdout).get("properties", {})


@pytest.mark.parametrize(
    ("addr", "warned"),
    [
        ("127.0.0.1:8000", False),
        ("localhost:9000", False),
        ("[::1]:8000", False),
        ("0.0.0.0:8000", True),
        ("192.168.1.20:8000", True),
        ("[::]:8000", True),
        ("playbook.internal:8000", True),
    ],
)
def test_serve_warns_when_listening_beyond_this_machine(runner, project, monkeypatch, addr, warned):
    served: list[str] = []
    monkeypatch.setattr("generator.serve.serve", lambda project, dev_addr: served.append(dev_addr))
    result = runner.invoke(cli, ["serve", "--dev-addr", addr, "--root", str(project)])
    assert result.exit_code == 0 and served == [addr]
    if warned:
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"warning: serving on {addr} lets other machines read")
        assert "docs/deploying-privately.md" in result.stderr
    else:
        assert result.stderr == ""


def test_serve_binds_to_loopback_by_default(runner, project, monkeypatch):
    served: list[str] = []
    monkeypatch.setattr("generator.serve.serve", lambda project, dev_addr: served.append(dev_addr))
    result = runner.invoke(cli, ["serve", "--root", str(project)])
    assert served == ["127.0.0.1:8000"] and result.stderr == ""
