"""Export: each format in its vendor's documented shape, only approved replies, nothing half-written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator.helpdesk.htmltext import to_text
from generator.helpdesk.shape import CSV_COLUMNS, ReplyExport

from ..conftest import one_rule_style
from .conftest import export, invoke

EXAMPLE = "playbooks/billing/absurd-shipping-charge.yaml"
IDS = {
    "absurd-shipping-charge--email-refund-now",
    "absurd-shipping-charge--chat-refund-now",
    "absurd-shipping-charge--social-move-private",
}

# The fields each vendor documents for the object we write (Zendesk macro, Freshdesk canned
# response, Help Scout saved reply), plus our `playbook` block (see generator/helpdesk/writers.py).
ZENDESK_MACRO = {"title": str, "description": str, "active": bool, "actions": list}
ZENDESK_ACTION_FIELDS = {"comment_value", "subject", "set_tags"}
FRESHDESK_RESPONSE = {"title": str, "content_html": str, "visibility": int}
HELPSCOUT_REPLY = {"name": str}
META = {
    "external_id",
    "scenario",
    "reply",
    "category",
    "tags",
    "channel",
    "purpose",
    "tone",
    "intent",
    "follow_up",
    "variables",
}


def add_reply(root: Path, reply: str) -> None:
    """Insert a reply (YAML, indented as a list item) after the example's last reply. The house
    style is swapped for one rule, so the test replies need not pass it."""
    one_rule_style(root)
    path = root / EXAMPLE
    text = path.read_text()
    path.write_text(text.replace("empowerment:\n", reply.strip("\n") + "\nempowerment:\n", 1))


DRAFT = """
  - id: email-draft
    channel: email
    tone: warm
    intent: update
    purpose: Not approved yet.
    body: |
      Hi {{ customer.first_name }},

      We are still looking at the shipping fee and will write again tomorrow.

      {{ agent.first_name }}
"""

REVIEW_DUE = """
  - id: email-review-due
    channel: email
    tone: warm
    intent: update
    purpose: Approved once, now past its review date.
    body: |
      Hi {{ customer.first_name }},

      We are still looking at the shipping fee and will write again tomorrow.

      {{ agent.first_name }}
    approved: {by: Dana Ortiz, on: 2026-05-01, review_by: 2026-11-20}
"""

LOGIC = """
  - id: email-with-logic
    channel: email
    tone: warm
    intent: update
    purpose: Uses Jinja logic.
    body: |
      Hi {{ customer.first_name }},

      {% if order.id %}Your order {{ order.id }} is on its way.{% endif %}

      {{ agent.first_name }}
    approved: {by: Dana Ortiz, on: 2026-10-01, review_by: 2027-04-01}
"""


def _has_shape(obj: dict, fields: dict) -> bool:
    return all(isinstance(obj.get(k), t) for k, t in fields.items())


def test_zendesk_macros_have_the_documented_shape(project: Path, tmp_path: Path):
    out = tmp_path / "macros.json"
    result = export(project, "zendesk", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert set(data) == {"macros", "count"} and data["count"] == len(data["macros"]) == 3
    for macro in data["macros"]:
        assert _has_shape(macro, ZENDESK_MACRO) and set(macro) == {*ZENDESK_MACRO, "playbook"}
        assert set(macro["playbook"]) == META and macro["active"] is True
        fields = [a["field"] for a in macro["actions"]]
        assert fields[0] == "comment_value" and set(fields) <= ZENDESK_ACTION_FIELDS
        assert all(set(a) == {"field", "value"} and isinstance(a["value"], str) for a in macro["actions"])
        tags = {a["field"]: a["value"] for a in macro["actions"]}["set_tags"]
        assert tags.split() == macro["playbook"]["tags"]
    email = next(m for m in data["macros"] if m["playbook"]["reply"] == "email-refund-now")
    assert (
        email["title"] == "Billing and charges::A shipping charge that is obviously wrong::Email refund now"
    )
    actions = {a["field"]: a["value"] for a in email["actions"]}
    assert actions["subject"] == "Your shipping charge on order [order.id] has been refunded"
    body = actions["comment_value"]
    assert body.startswith(
        "Hi {{ticket.requester.first_name}},\n\nYou are right: a shipping fee of [shipping_fee] on"
    )
    assert body.endswith("Best wishes,\n{{current_user.first_name}}\n{{ticket.brand.name}} Support")
    assert (
        "our\nmistake" not in body
    )  # the paragraph's wrapped lines are joined, as the copy button gives them
    chat = next(m for m in data["macros"] if m["playbook"]["reply"] == "chat-refund-now")
    assert "subject" not in [a["field"] for a in chat["actions"]]
    assert {m["playbook"]["external_id"] for m in data["macros"]} == IDS


def test_freshdesk_canned_responses_have_the_documented_shape(project: Path, tmp_path: Path):
    out = tmp_path / "canned.json"
    assert export(project, "freshdesk", out).exit_code == 0
    data = json.loads(out.read_text())
    (folder,) = data["canned_response_folders"]
    assert folder["name"] == "Billing and charges"
    for response in folder["canned_responses"]:
        assert _has_shape(response, FRESHDESK_RESPONSE) and set(response) == {*FRESHDESK_RESPONSE, "playbook"}
        assert response["content_html"].startswith("<p>Hi {{ticket.requester.firstname}},</p>")
        assert "<br />" in response["content_html"]  # the kept line breaks of the sign-off
        assert response["visibility"] == 0  # Create Canned Response requires it; 0: all agents
    assert {r["playbook"]["external_id"] for r in folder["canned_responses"]} == IDS


def test_helpscout_saved_replies_have_the_documented_shape(project: Path, tmp_path: Path):
    out = tmp_path / "saved.json"
    assert export(project, "helpscout", out).exit_code == 0
    data = json.loads(out.read_text())
    assert isinstance(data, list) and len(data) == 3
    by_reply = {r["playbook"]["reply"]: r for r in data}
    email, chat = by_reply["email-refund-now"], by_reply["chat-refund-now"]
    assert set(email) == {"name", "text", "playbook"} and _has_shape(email, HELPSCOUT_REPLY)
    assert set(chat) == {"name", "chatText", "playbook"}
    assert email["text"].startswith("<p>Hi {%customer.firstName,fallback=there%},</p>")
    assert to_text(email["text"]).endswith("Best wishes,\n{%user.firstName%}\n{%mailbox.name%} Support")
    assert chat["chatText"].startswith("Hi {%customer.firstName,fallback=there%},\n\nThank you for waiting.")
    assert set(by_reply["social-move-private"]) == {"name", "chatText", "playbook"}


def test_json_export_fits_its_printed_schema(project: Path, tmp_path: Path):
    out = tmp_path / "replies.json"
    assert export(project, "json", out).exit_code == 0
    data = json.loads(out.read_text())
    doc = ReplyExport.model_validate(data)  # the model the schema is printed from
    schema = json.loads(invoke("schema", "--export").stdout)
    assert schema["title"] == "Playbook reply export"
    assert set(schema["required"]) <= set(data) and set(data) <= set(schema["properties"])
    record_schema = schema["$defs"]["ExportedReply"]
    for row in data["replies"]:
        assert set(record_schema["required"]) <= set(row) <= set(record_schema["properties"])
    email = next(r for r in doc.replies if r.reply == "email-refund-now")
    assert (
        email.subject == "Your shipping charge on order {{ order.id }} has been refunded"
    )  # playbook syntax
    assert email.channel_kind == "email" and email.category_title == "Billing and charges"
    assert email.approved_by == "Dana Ortiz" and str(email.review_by) == "2027-04-05"
    assert set(email.variables) == {"shipping_fee", "order_total", "refund_reference"}
    assert {r.external_id for r in doc.replies} == IDS


def test_csv_export_is_one_reply_a_row(project: Path, tmp_path: Path):
    out = tmp_path / "replies.csv"
    assert export(project, "csv", out).exit_code == 0
    raw = out.read_bytes()
    assert b"\r\n" in raw  # spreadsheet line ends
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 3
    email = next(r for r in rows if r["reply"] == "email-refund-now")
    assert email["body"].startswith("Hi {{ customer.first_name }},\n\n")  # the body keeps its line breaks
    assert json.loads(email["variables"])["shipping_fee"]["example"]
    assert email["tags"].split() and email["external_id"] == "absurd-shipping-charge--email-refund-now"


@pytest.mark.parametrize("target", ["zendesk", "freshdesk", "helpscout", "json", "csv"])
def test_drafts_and_replies_past_review_are_never_exported(project: Path, tmp_path: Path, target: str):
    add_reply(project, DRAFT + REVIEW_DUE)
    out = tmp_path / ("out.csv" if target == "csv" else "out.json")
    result = export(project, target, out)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "email-draft" not in text and "email-review-due" not in text
    assert "absurd-shipping-charge--email-refund-now" in text
    assert "left out: 1 draft (no `approved:`), 1 past its review date" in result.stderr


def test_an_error_writes_nothing_and_keeps_the_old_file(project: Path, tmp_path: Path):
    out = tmp_path / "macros.json"
    out.write_text("the previous export\n")
    add_reply(project, REVIEW_DUE.replace("2026-11-20", "2026-09-01").replace("2026-05-01", "2026-03-01"))
    result = export(project, "zendesk", out)
    assert result.exit_code == 1
    assert "[review-overdue]" in result.stdout
    assert f"nothing written to {out}" in result.stderr
    assert out.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["macros.json", "repo"]  # no temporary file left


def test_jinja_logic_is_an_error_for_a_help_desk_but_not_for_json(project: Path, tmp_path: Path):
    add_reply(project, LOGIC)
    result = export(project, "helpscout", tmp_path / "saved.json")
    assert result.exit_code == 1 and not (tmp_path / "saved.json").exists()
    lines = (project / EXAMPLE).read_text().split("\n")
    line = next(n for n, text in enumerate(lines, 1) if "{% if order.id %}" in text)
    assert f"{EXAMPLE}:{line}:" in result.stdout
    assert "reply `email-with-logic` uses Jinja logic that Help Scout cannot run" in result.stdout
    assert "[export-logic]" in result.stdout
    ok = export(project, "json", tmp_path / "replies.json")
    assert ok.exit_code == 0
    assert "{% if order.id %}" in (tmp_path / "replies.json").read_text()


def test_a_placeholder_the_tool_lacks_is_a_located_warning(project: Path, tmp_path: Path):
    result = export(project, "zendesk", tmp_path / "macros.json")
    assert result.exit_code == 0
    policy = (project / "playbooks/policy.yaml").read_text().split("\n")
    line = next(n for n, text in enumerate(policy, 1) if text.strip() == "order.id:")
    assert (
        f"playbooks/policy.yaml:{line}:3: warning: `order.id` has no Zendesk placeholder: "
        "1 exported reply shows it as [order.id] for the agent to fill in" in result.stdout
    )
    example = (project / EXAMPLE).read_text().split("\n")
    var_line = next(n for n, text in enumerate(example, 1) if text.strip() == "shipping_fee:")
    assert (
        f"{EXAMPLE}:{var_line}:3: warning: `shipping_fee`, `order_total`, `refund_reference` have no Zendesk"
        in (result.stdout)
    )


def test_a_mapped_custom_field_is_translated(project: Path, tmp_path: Path):
    policy = project / "playbooks/policy.yaml"
    policy.write_text(
        policy.read_text() + "helpdesk:\n  zendesk:\n    order.id: ticket.ticket_field_360099\n"
    )
    result = export(project, "zendesk", tmp_path / "macros.json")
    assert result.exit_code == 0 and "`order.id` has no Zendesk" not in result.stdout
    assert "order {{ticket.ticket_field_360099}} has been refunded" in (tmp_path / "macros.json").read_text()


@pytest.mark.parametrize(
    ("target", "name", "message"),
    [
        ("zendesk", "macros.csv", "a `zendesk` export is a .json file"),
        ("csv", "replies.json", "a `csv` export is a .csv file"),
    ],
)
def test_wrong_file_name_is_a_usage_error(
    project: Path, tmp_path: Path, target: str, name: str, message: str
):
    result = export(project, target, tmp_path / name)
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / name).exists()


def test_unknown_target_is_a_usage_error(project: Path, tmp_path: Path):
    result = export(project, "intercom", tmp_path / "x.json")
    assert result.exit_code == 2 and "Invalid value for '--to'" in result.stderr


def test_lists_come_back_as_the_text_they_were_written_as():
    from generator.helpdesk.htmltext import to_html

    text = "You can choose:\n\n1. Wait for it.\n2. Take another one.\n\nOr:\n\n- cancel it\n- keep it"
    assert to_text(to_html(text)) == text
    assert to_text('<ol start="3"><li>Three</li><li>Four</li></ol>') == "3. Three\n4. Four"
