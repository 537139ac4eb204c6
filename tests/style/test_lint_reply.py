"""`playbook lint-reply`: a draft is linted from stdin or a file as a template of its context."""

from __future__ import annotations

import json
from pathlib import Path

from generator.cli import cli

from .corpus import ROOT

GOOD = """Hi Priya,

Your parcel left our warehouse late, and I am sorry. It will now arrive on Friday by express.

Best wishes,
Sam
"""
ADMITS_WITHOUT_APOLOGY = GOOD.replace(", and I am sorry", "")
PUBLIC_ASK = GOOD.replace("It will now", "Please reply with your order number here. It will now")


def run(runner, *args, stdin: str | None = None):
    return runner.invoke(cli, ["lint-reply", "--root", str(ROOT), *args], input=stdin)


def test_clean_draft_from_stdin_exits_0(runner):
    result = run(runner, stdin=GOOD)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_default_fault_unknown_infers_the_missing_apology(runner):
    result = run(runner, "-", stdin=ADMITS_WITHOUT_APOLOGY)
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith("stdin:3:") and line.endswith("[Playbook.ApologyOwed]")
    assert "left our warehouse late" in line
    # declared as the customer's fault, the same text needs no apology
    assert run(runner, "--fault", "customer", stdin=ADMITS_WITHOUT_APOLOGY).exit_code == 0


def test_file_with_channel_id_from_policy_and_json(runner, tmp_path: Path):
    draft = tmp_path / "draft.txt"
    draft.write_text(PUBLIC_ASK)
    assert run(runner, "--channel", "email", str(draft)).exit_code == 0
    result = run(runner, "--channel", "review", "--format", "json", str(draft))
    assert result.exit_code == 1
    (row,) = json.loads(result.stdout)
    assert (row["path"], row["line"], row["rule"], row["severity"]) == (
        str(draft),
        3,
        "Playbook.PublicPrivateData",
        "error",
    )
    # a channel id from policy.yaml maps to its kind (social is public)
    assert run(runner, "--channel", "social", str(draft)).exit_code == 1
    assert run(runner, "--channel", "contact_form", str(draft)).exit_code == 0


def test_denial_flags(runner):
    casual = GOOD.replace(
        "It will now arrive on Friday by express.",
        "No worries, we do not refund shipping. I can offer credit today.",
    )
    assert run(runner, "--fault", "customer", "--intent", "resolve", stdin=casual).exit_code == 0
    denied = run(runner, "--fault", "customer", "--intent", "deny", stdin=casual)
    assert denied.exit_code == 1 and "[Playbook.DenialTone]" in denied.stdout
    # no intent given: the refusal in the text makes it a denial all the same
    inferred = run(runner, "--fault", "customer", stdin=casual)
    assert inferred.exit_code == 1 and "[Playbook.DenialToneInferred]" in inferred.stdout


def test_unknown_channel_is_a_usage_error(runner):
    result = run(runner, "--channel", "pigeon", stdin=GOOD)
    assert result.exit_code == 2
    assert "unknown channel `pigeon`" in result.output and "contact_form" in result.output
