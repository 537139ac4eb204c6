"""Import: each vendor's documented export into schema-valid drafts, TODOs where a macro says
nothing, bad input answered in one line per problem, and nothing half-written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.load import load_file
from generator.model import Scenario
from generator.validate import validate

from .conftest import FIXTURES, check_rules, import_, load, only_todo_and_style, scenario_files

ZENDESK = FIXTURES / "zendesk_macros.json"


def rel(root: Path) -> list[str]:
    return [p.relative_to(root / "playbooks").as_posix() for p in scenario_files(root)]


def fits_schema(path: Path) -> bool:
    document, problems = load_file(path, path.name)
    return not problems and document.data is not None and validate(document, Scenario)[1] == []


def test_zendesk_macros_become_drafts(empty: Path):
    result = import_(empty, "zendesk", ZENDESK)
    assert result.exit_code == 0, result.output
    assert rel(empty) == ["billing/refund-status.yaml", "delivery/late-parcel.yaml"]
    assert result.stdout.splitlines() == [
        "wrote playbooks/billing/refund-status.yaml (2 replies)",
        "wrote playbooks/delivery/late-parcel.yaml (1 reply)",
    ]
    assert (
        f'skipped: {ZENDESK}: $.macros[3] (id 360001114 "Delivery::Old carrier wording"): inactive'
        in result.stderr
    )
    assert "$.macros[5] (id 360001116" in result.stderr and "internal note" in result.stderr
    assert '$.macros[4] (id 360001115 "Close and tag as spam"): sets ticket fields but writes no comment' in (
        result.stderr
    )
    refund = load(empty / "playbooks/billing/refund-status.yaml")
    assert refund["title"] == "Refund status" and refund["category"] == "billing"
    assert refund["tags"] == ["refund", "refund-status"]
    assert [r["id"] for r in refund["replies"]] == ["card-refund-sent", "refund-not-sent-yet"]
    assert all("approved" not in r for r in refund["replies"])  # drafts
    sent = refund["replies"][0]
    assert sent["subject"] == "Your refund for ticket {{ case.id }}"
    assert sent["purpose"] == "Customer asks where their refund is; the refund was sent to the card."
    assert sent["body"] == (
        "Hi {{ customer.first_name }},\n\nI have checked your refund for ticket #{{ case.id }}. We sent it "
        "on {{ ticket_field_360012345678 }} and it should reach your card within 5 business days.\n\n"
        "Best wishes,\n{{ agent.first_name }}\n{{ brand.name }} Support\n"
    )
    field = refund["variables"]["ticket_field_360012345678"]
    assert (
        field["description"].startswith("TODO")
        and "{{ticket.ticket_field_360012345678}}" in field["description"]
    )
    assert refund["replies"][1]["body"].startswith("Hi {{ customer.first_name }},\n\nYour refund has not")
    late = load(empty / "playbooks/delivery/late-parcel.yaml")  # an HTML comment, read as text
    assert late["replies"][0]["body"] == (
        "Hello {{ customer.name }},\n\nYour parcel is running late. The carrier now expects it by Friday; "
        "you can follow it on the tracking page (https://help.brightwell.example/track).\n\n"
        "Kind regards,\n{{ agent.name }}\n"
    )
    assert set(late["variables"]) == {"customer.name", "agent.name"}  # not in policy.yaml: declared here
    assert all(fits_schema(p) for p in scenario_files(empty))


def test_the_summary_counts_macros_style_findings_and_todos(empty: Path):
    result = import_(empty, "zendesk", ZENDESK)
    lines = result.stderr.splitlines()
    assert "✔ imported 3 replies from 3 macros into 2 scenario drafts; 2 items skipped, 1 warning" in lines
    flagged = next(line for line in lines if line.startswith("the house style flags"))
    assert flagged.endswith("of 3 macros")
    todos = sum(1 for rule, _ in check_rules(empty) if rule == "todo")
    assert f"{todos} TODOs to fill in; every reply is a draft until someone approves it" in lines
    assert lines[-1] == "next: playbook check playbooks/billing/ playbooks/delivery/"


@pytest.mark.parametrize(
    ("source", "name", "more"),
    [
        ("zendesk", "zendesk_macros.json", []),
        ("freshdesk", "freshdesk_canned_responses.json", ["--category", "returns-refunds"]),
        ("freshdesk", "freshdesk_with_folders.json", []),
        ("helpscout", "helpscout_saved_replies.json", ["--category", "returns-refunds"]),
        ("csv", "macros.csv", []),
    ],
)
def test_check_after_import_reports_only_todos_drafts_and_house_style(
    bundled: Path, source: str, name: str, more: list[str]
):
    before = len(scenario_files(bundled))
    result = import_(bundled, source, FIXTURES / name, *more)
    assert result.exit_code == 0, result.output
    assert len(scenario_files(bundled)) > before
    assert only_todo_and_style(bundled) == []
    rules = {rule for rule, _ in check_rules(bundled)}
    assert {"todo", "draft"} <= rules


def test_todos_point_at_what_a_macro_cannot_say(empty: Path):
    import_(empty, "zendesk", ZENDESK)
    path = empty / "playbooks/billing/refund-status.yaml"
    lines = path.read_text().split("\n")
    from .conftest import invoke

    out = invoke("check", "--root", empty, "--quiet", str(path)).stdout
    todo_lines = {int(row.split(":")[1]) for row in out.splitlines() if row.endswith("[todo]")}
    for key in (
        "summary:",
        "- TODO words",
        "fault:",
        "- TODO what the agent does",
        "- TODO what the agent must",
        "empowerment:",
        "escalation:",
        "description: 'TODO",
    ):
        line = next(n for n, text in enumerate(lines, 1) if text.strip().startswith(key.strip()))
        assert line in todo_lines, key


def test_freshdesk_folders_name_the_category(empty: Path):
    result = import_(empty, "freshdesk", FIXTURES / "freshdesk_with_folders.json")
    assert result.exit_code == 0, result.output
    assert rel(empty) == ["returns-refunds/refund-status.yaml"]
    reply = load(empty / "playbooks/returns-refunds/refund-status.yaml")["replies"][0]
    assert reply["body"].startswith("Hi {{ customer.first_name }},\n\nYour refund is on its way")


def test_helpscout_email_and_chat_become_two_replies(empty: Path):
    result = import_(
        empty, "helpscout", FIXTURES / "helpscout_saved_replies.json", "--category", "returns-refunds"
    )
    assert result.exit_code == 0, result.output
    refund = load(empty / "playbooks/returns-refunds/refunds-card-refund-sent.yaml")
    assert [(r["id"], r["channel"]) for r in refund["replies"]] == [
        ("email-reply", "email"),
        ("chat-reply", "chat"),
    ]
    assert refund["replies"][0]["body"].startswith(
        "Hi {{ customer.first_name }},\n\nYour refund for conversation #{{ case.id }}"
    )
    order = load(empty / "playbooks/returns-refunds/order-number-check.yaml")
    assert "{{ customer_order_number }}" in order["replies"][0]["body"]
    assert "{{ agent.name }}" in order["replies"][0]["body"]
    assert set(order["variables"]) == {"customer_order_number", "agent.name"}


def test_csv_rows_with_categories_and_tags(empty: Path):
    result = import_(empty, "csv", FIXTURES / "macros.csv")
    assert result.exit_code == 0, result.output
    assert rel(empty) == ["delivery/parcel-delayed.yaml", "returns-refunds/refund-sent.yaml"]
    delayed = load(empty / "playbooks/delivery/parcel-delayed.yaml")
    assert delayed["tags"] == ["late", "parcel"]
    assert delayed["replies"][0]["body"].startswith("Hi {{ customer.first_name }},\n\nYour parcel is delayed")
    sent = load(empty / "playbooks/returns-refunds/refund-sent.yaml")
    assert (
        sent["replies"][0]["body"]
        == "Hi {{ customer.first_name }}, we sent your refund today. {{ agent.first_name }}\n"
    )


def test_an_existing_file_is_never_overwritten(empty: Path):
    target = empty / "playbooks/billing/refund-status.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("# ours\n")
    result = import_(empty, "zendesk", ZENDESK)
    assert result.exit_code == 0
    assert target.read_text() == "# ours\n"
    assert (
        "skipped: playbooks/billing/refund-status.yaml already exists; left as it is, so its 2 macros are not"
        in (result.stderr)
    )
    assert rel(empty) == ["billing/refund-status.yaml", "delivery/late-parcel.yaml"]
    again = import_(empty, "zendesk", ZENDESK)  # a second run adds nothing
    assert again.exit_code == 0 and again.stdout == "" and rel(empty) == rel(empty)


def _macros(tmp_path: Path, macros: list[dict], name: str = "macros.json") -> Path:
    path = tmp_path / name
    path.write_text(
        json.dumps({"macros": macros, "next_page": None, "previous_page": None, "count": len(macros)})
    )
    return path


def _macro(n: int, title: str, body: str, **more: object) -> dict:
    return {
        "url": f"https://example.zendesk.com/api/v2/macros/{n}.json",
        "id": n,
        "title": title,
        "active": True,
        "description": None,
        "actions": [{"field": "comment_value", "value": body}],
        "restriction": None,
        **more,
    }


def _error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def test_not_json_is_one_line_and_exit_2(empty: Path, tmp_path: Path):
    bad = tmp_path / "macros.json"
    bad.write_text('{"macros": [\n  {"title": "x",}\n')
    result = import_(empty, "zendesk", bad)
    assert result.exit_code == 2
    assert _error_lines(result) == [
        f"error: {bad}:2:17: not JSON (Expecting property name enclosed in double quotes); give the file the "
        "help desk's API returned, unchanged"
    ]
    assert "nothing imported" in result.stderr and scenario_files(empty) == []


@pytest.mark.parametrize(
    ("source", "content", "message"),
    [
        ("zendesk", '{"tickets": []}', 'not a Zendesk macros listing: expected {"macros": [...]}'),
        ("zendesk", '"macros"', "not a Zendesk macros listing"),
        ("freshdesk", '{"folders": 1}', "not Freshdesk canned responses"),
        ("helpscout", '{"count": 3}', "not Help Scout saved replies"),
        ("zendesk", "\x00\x01binary", "not text (it holds binary data)"),
        (
            "csv",
            "name,notes\nx,y\n",
            "the header must name a `title` and a `body` column; it has: name, notes",
        ),
        ("csv", "", "the file is empty"),
    ],
)
def test_wrong_shape_is_a_usage_error(empty: Path, tmp_path: Path, source: str, content: str, message: str):
    bad = tmp_path / ("in.csv" if source == "csv" else "in.json")
    bad.write_text(content)
    result = import_(empty, source, bad)
    assert result.exit_code == 2, result.output
    (line,) = _error_lines(result)
    assert str(bad) in line and message in line
    assert scenario_files(empty) == []


def test_another_tools_file_is_recognised_as_such(empty: Path):
    result = import_(empty, "zendesk", FIXTURES / "freshdesk_canned_responses.json")
    assert result.exit_code == 2
    (line,) = _error_lines(result)
    assert "no item of it is a Zendesk object; is it another tool's export?" in line


def test_helpscout_list_previews_are_refused(empty: Path):
    result = import_(empty, "helpscout", FIXTURES / "helpscout_previews.json")
    assert result.exit_code == 2
    (line,) = _error_lines(result)
    assert "holds only previews" in line and "GET /v2/mailboxes/{id}/saved-replies/{replyId}" in line


def test_a_bad_macro_stops_the_whole_import(empty: Path, tmp_path: Path):
    good = _macro(1, "Billing and charges::Refund::Email", "Hi {{ticket.requester.first_name}}, done.")
    logic = _macro(
        2, "Billing and charges::Refund::Chat", "{% if ticket.requester.first_name %}Hi{% endif %}"
    )
    huge = _macro(3, "Billing and charges::Huge", "word " * 5000)
    untitled = {"id": 4, "actions": []}
    path = _macros(tmp_path, [good, logic, huge, untitled])
    result = import_(empty, "zendesk", path)
    assert result.exit_code == 1
    errors = _error_lines(result)
    assert len(errors) == 3
    assert f"error: {path}: $.macros[3]: not a macro" in errors[0]
    assert "$.macros[1] (id 2" in errors[1] and "template logic the playbook cannot run" in errors[1]
    assert "$.macros[2] (id 3" in errors[2] and "25,000 characters; a reply holds at most 20,000" in errors[2]
    assert scenario_files(empty) == []  # the good macro was not written either


def test_html_in_a_plain_comment_is_converted_with_a_warning(empty: Path, tmp_path: Path):
    html = _macro(
        1, "Delivery::Late", "<p>Hi {{ticket.requester.first_name}},</p><p>It is late.<br>Sorry!</p>"
    )
    result = import_(empty, "zendesk", _macros(tmp_path, [html]))
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr and "the comment is HTML; read as plain text" in result.stderr
    body = load(empty / "playbooks/delivery/late.yaml")["replies"][0]["body"]
    assert body == "Hi {{ customer.first_name }},\n\nIt is late.\nSorry!\n"


def test_macros_without_a_known_category_need_one(empty: Path, tmp_path: Path):
    path = _macros(tmp_path, [_macro(1, "Shipping::Late", "Hi."), _macro(2, "Where is my order", "Hi.")])
    result = import_(empty, "zendesk", path)
    assert result.exit_code == 1
    (line,) = _error_lines(result)
    assert "2 macros name no category of policy.yaml" in line and "`Shipping`, `Where is my order`" in line
    assert "pass --category with one of billing, delivery" in line
    ok = import_(empty, "zendesk", path, "--category", "delivery")
    assert ok.exit_code == 0 and rel(empty) == [
        "delivery/shipping.yaml",
        "delivery/where-is-my-order.yaml",
    ]
    assert import_(empty, "zendesk", path, "--category", "nope").exit_code == 2


def test_a_failed_write_leaves_nothing(empty: Path, monkeypatch: pytest.MonkeyPatch):
    real = os.link
    calls = []

    def failing(src, dst, *args, **kwargs):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", dst)
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "link", failing)
    result = import_(empty, "zendesk", ZENDESK, "--no-lint")
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr and "nothing was imported" in result.stderr
    assert scenario_files(empty) == []
    assert [p for p in (empty / "playbooks").rglob("*") if p.is_file() and p.name != "policy.yaml"] == []


def test_five_thousand_macros(empty: Path, tmp_path: Path):
    titles = ["Billing and charges", "Delivery", "Returns and refunds"]
    macros = [
        _macro(
            n,
            f"{titles[n % 3]}::Case {n // 2}::{'Email' if n % 2 else 'Follow up'}",
            f"Hi {{{{ticket.requester.first_name}}}},\n\nCase {n}: your ticket {{{{ticket.id}}}} is with us. "
            f"{{{{ticket.ticket_field_{n % 7}}}}}\n\n{{{{current_user.first_name}}}}",
        )
        for n in range(5000)
    ]
    result = import_(empty, "zendesk", _macros(tmp_path, macros), "--no-lint")
    assert result.exit_code == 0, result.output[-2000:]
    files = scenario_files(empty)
    assert len(files) == 5000 == len(result.stdout.splitlines())  # `Case k` titles differ per category
    assert "imported 5,000 replies from 5,000 macros into 5,000 scenario drafts" in result.stderr
    assert all(fits_schema(p) for p in files)


def test_one_page_of_a_listing_is_read_with_a_warning(empty: Path, tmp_path: Path):
    path = tmp_path / "page1.json"
    page = {
        "macros": [_macro(1, "Delivery::Late", "Hi.")],
        "count": 250,
        "next_page": "https://x/api/v2/macros.json?page=2",
    }
    path.write_text(json.dumps(page))
    result = import_(empty, "zendesk", path, "--no-lint")
    assert result.exit_code == 0
    assert "this is one page of the macros (next_page is set); only its 1 macros are read" in result.stderr


def test_csv_from_a_spreadsheet_with_semicolons_and_a_byte_order_mark(empty: Path, tmp_path: Path):
    path = tmp_path / "export.csv"
    path.write_bytes(
        (
            '\ufefftitle;body;category\r\nLate;"Hi {{ticket.requester.first_name}},\r\n\r\nIt is late.";'
            "delivery\r\n"
        ).encode()
    )
    result = import_(empty, "csv", path, "--no-lint")
    assert result.exit_code == 0, result.output
    body = load(empty / "playbooks/delivery/late.yaml")["replies"][0]["body"]
    assert body == "Hi {{ customer.first_name }},\n\nIt is late.\n"


def test_control_characters_and_tabs_are_cleaned(empty: Path, tmp_path: Path):
    body = "Hi {{ticket.requester.first_name}},\x00\x07\n\n\tStep one.\r\n\tStep two.\ufeff"
    result = import_(
        empty, "zendesk", _macros(tmp_path, [_macro(1, "Delivery::Steps\x01", body)]), "--no-lint"
    )
    assert result.exit_code == 0, result.output
    data = load(empty / "playbooks/delivery/steps.yaml")
    assert data["title"] == "Steps"
    assert data["replies"][0]["body"] == "Hi {{ customer.first_name }},\n\n    Step one.\n    Step two.\n"


def test_dry_run_writes_nothing(empty: Path):
    result = import_(empty, "zendesk", ZENDESK, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "would write playbooks/billing/refund-status.yaml (2 replies)",
        "would write playbooks/delivery/late-parcel.yaml (1 reply)",
    ]
    assert "(dry run: nothing written; 2 files would be)" in result.stderr and scenario_files(empty) == []


def test_deeply_nested_json_is_refused_in_one_line(empty: Path, tmp_path: Path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    result = import_(empty, "zendesk", path)
    assert result.exit_code == 2
    (line,) = _error_lines(result)
    assert "nested too deeply" in line or "not a Zendesk macros listing" in line


def test_the_same_title_in_two_categories_gets_two_ids(empty: Path, tmp_path: Path):
    path = _macros(
        tmp_path, [_macro(1, "Billing and charges::Refund", "Hi."), _macro(2, "Delivery::Refund", "Hi.")]
    )
    assert import_(empty, "zendesk", path, "--no-lint").exit_code == 0
    assert rel(empty) == ["billing/refund.yaml", "delivery/refund-2.yaml"]
    again = import_(empty, "zendesk", path, "--no-lint")  # both exist now: nothing new
    assert again.exit_code == 0 and again.stdout == "" and again.stderr.count("already exists") == 2


def test_a_macro_promising_more_than_the_frontline_may_grant_is_flagged(empty: Path, tmp_path: Path):
    promise = _macro(
        1,
        "Billing and charges::Big refund",
        "Hi {{ticket.requester.first_name}}, I have refunded $900 today.",
    )
    result = import_(empty, "zendesk", _macros(tmp_path, [promise]))
    assert result.exit_code == 0
    assert "the policy checks also flag the old text: promise-above-limit (1)" in result.stderr
    assert ("promise-above-limit", "error") in check_rules(empty)
