"""Round trip on the bundled playbook: export, import into an empty playbook, complete the drafts
as a writer would, export again: the same replies with the same placeholders."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import one_rule_style
from .conftest import export, import_, load, scenario_files

# What the writer adds to an imported draft (the parts a macro cannot carry), here taken from the
# original scenario, and each reply's approval.
WRITER_FILLS = (
    "severity",
    "summary",
    "signals",
    "fault",
    "do",
    "dont",
    "empowerment",
    "escalation",
    "root_cause",
    "self_service",
    "first_response",
    "variables",
)
PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\[[a-z][a-z0-9_.]*\]")


def complete(imported: Path, original: Path) -> None:
    originals = {load(p)["id"]: load(p) for p in scenario_files(original)}
    present = {load(p)["id"] for p in scenario_files(imported)}
    for path in scenario_files(imported):
        data = load(path)
        source = originals[data["id"]]
        for key in WRITER_FILLS:
            if key in source:
                data[key] = source[key]
        data["related"] = [r for r in source.get("related", []) if r in present]
        by_id = {r["id"]: r for r in source["replies"]}
        for reply in data["replies"]:
            reply["approved"] = by_id[reply["id"]]["approved"]
            if "sent_by" in by_id[reply["id"]]:
                reply["sent_by"] = by_id[reply["id"]]["sent_by"]
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def replies(fmt: str, path: Path) -> dict[str, Any]:
    """external id -> what the target receives for that reply."""
    if fmt == "csv":
        rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
        return {row["external_id"]: row for row in rows}
    data = json.loads(path.read_text(encoding="utf-8"))
    if fmt == "zendesk":
        return {
            m["playbook"]["external_id"]: {k: v for k, v in m.items() if k != "playbook"}
            for m in data["macros"]
        }
    if fmt == "freshdesk":
        return {
            r["playbook"]["external_id"]: (folder["name"], r["title"], r["content_html"])
            for folder in data["canned_response_folders"]
            for r in folder["canned_responses"]
        }
    return {r["playbook"]["external_id"]: {k: v for k, v in r.items() if k != "playbook"} for r in data}


@pytest.mark.parametrize("fmt", ["zendesk", "freshdesk", "helpscout", "csv"])
def test_round_trip_keeps_every_reply_and_placeholder(bundled: Path, empty: Path, tmp_path: Path, fmt: str):
    suffix = ".csv" if fmt == "csv" else ".json"
    first, second = tmp_path / f"first{suffix}", tmp_path / f"second{suffix}"
    exported = export(bundled, fmt, first)
    assert exported.exit_code == 0, exported.output
    imported = import_(empty, fmt, first, "--no-lint")
    assert imported.exit_code == 0, imported.output
    assert [p.relative_to(empty).as_posix() for p in scenario_files(empty)] == [
        p.relative_to(bundled).as_posix()
        for p in scenario_files(bundled)
        if any(key.startswith(load(p)["id"] + "--") for key in replies(fmt, first))
    ]
    complete(empty, bundled)
    again = export(empty, fmt, second)
    assert again.exit_code == 0, again.output
    before, after = replies(fmt, first), replies(fmt, second)
    assert len(before) > 80 and set(after) == set(before)
    assert after == before
    placeholders = {k: sorted(PLACEHOLDER.findall(json.dumps(v))) for k, v in before.items()}
    assert placeholders == {k: sorted(PLACEHOLDER.findall(json.dumps(v))) for k, v in after.items()}
    assert sum(len(v) for v in placeholders.values()) > 200


def test_vendor_files_without_our_metadata_still_round_trip_their_text(empty: Path, tmp_path: Path):
    """A file as the help desk itself returns it (no `playbook` blocks): ids come from the titles."""
    from .conftest import FIXTURES

    data = json.loads((FIXTURES / "zendesk_macros.json").read_text())
    assert import_(empty, "zendesk", FIXTURES / "zendesk_macros.json", "--no-lint").exit_code == 0
    complete_minimal(empty)
    out = tmp_path / "again.json"
    result = export(empty, "zendesk", out)
    assert result.exit_code == 0, result.output
    again = {m["title"]: m for m in json.loads(out.read_text())["macros"]}
    original = next(m for m in data["macros"] if m["id"] == 360001111)
    title = "Billing and charges::Refund status::Card refund sent"
    assert title in again
    body = {a["field"]: a["value"] for a in again[title]["actions"]}["comment_value"]
    assert body == original["actions"][0]["value"].replace(
        "{{ticket.ticket_field_360012345678}}", "[ticket_field_360012345678]"
    )


def complete_minimal(root: Path) -> None:
    """Fill every TODO with plain words and approve every reply (a writer's first pass). The house
    style is swapped for one rule: this test is about the text coming back, not its tone."""
    one_rule_style(root)
    for path in scenario_files(root):
        data = load(path)
        data["summary"] = "The customer asks about this. We answer and say what happens next."
        data["signals"] = ["where is my refund"]
        data["do"], data["dont"] = ["Check the order first."], ["Do not guess dates."]
        data["fault"] = "unknown"
        for var in data["variables"].values():
            var["description"] = "What the agent fills in."
        for reply in data["replies"]:
            reply["purpose"] = reply["purpose"].replace("TODO", "").strip() or "First answer."
            reply["approved"] = {"by": "Dana Ortiz", "on": "2026-11-01", "review_by": "2027-05-01"}
        path.write_text(
            yaml.safe_dump(data, sort_keys=False)
            .replace("'2026-11-01'", "2026-11-01")
            .replace("'2027-05-01'", "2027-05-01")
        )
