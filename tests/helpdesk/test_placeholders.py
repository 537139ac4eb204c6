"""Placeholder tables: each tool's names both ways, team extensions, what cannot be translated."""

from __future__ import annotations

import pytest

from generator.helpdesk import TOOLS, HelpdeskError
from generator.helpdesk.placeholders import from_vendor, load_table, to_vendor, variable_name
from generator.model import Policy
from generator.project import Project

from .conftest import export

KNOWN = {"customer.first_name", "agent.first_name", "brand.name", "order.id", "case.id"}


@pytest.mark.parametrize(
    ("tool", "expected"),
    [
        (
            "zendesk",
            "Hi {{ticket.requester.first_name}}, {{current_user.first_name}} of {{ticket.brand.name}}, "
            "case {{ticket.id}}",
        ),
        (
            "freshdesk",
            "Hi {{ticket.requester.firstname}}, {{ticket.agent.firstname}} of {{helpdesk_name}}, "
            "case {{ticket.id}}",
        ),
        (
            "helpscout",
            "Hi {%customer.firstName,fallback=there%}, {%user.firstName%} of {%mailbox.name%}, "
            "case {%conversation.number%}",
        ),
    ],
)
def test_documented_names_each_tool(tool: str, expected: str):
    source = "Hi {{ customer.first_name }}, {{ agent.first_name }} of {{ brand.name }}, case {{ case.id }}"
    text, missing = to_vendor(source, load_table(tool))
    assert (text, missing) == (expected, [])
    back = from_vendor(text, [load_table(tool)], KNOWN)
    assert back.text == source and back.variables == {} and back.problems == []


@pytest.mark.parametrize("tool", TOOLS)
def test_every_line_of_every_table_reads_back(tool: str):
    table = load_table(tool)
    assert table.names, "a table with no lines"
    assert table.names["order.id"] is None  # said in the table: no built-in order field
    for name in (n for n, vendor in table.names.items() if vendor):
        text, missing = to_vendor("{{ " + name + " }}", table)
        assert missing == [] and text != "{{ " + name + " }}", name
        assert from_vendor(text, [table], set(table.names)).text == "{{ " + name + " }}", name


@pytest.mark.parametrize("tool", TOOLS)
def test_a_name_the_tool_lacks_is_kept_as_a_fill_in_and_reported(tool: str):
    text, missing = to_vendor("Order {{ order.id }} and {{ refund_ref }}.", load_table(tool))
    assert text == "Order [order.id] and [refund_ref]."
    assert [(m.name, m.offset) for m in missing] == [("order.id", 6), ("refund_ref", 25)]
    back = from_vendor(text, [load_table(tool)], KNOWN)
    assert back.text == "Order {{ order.id }} and {{ refund_ref }}."
    assert list(back.variables) == ["refund_ref"]  # order.id is the policy's; the other a variable


def test_jinja_logic_cannot_be_translated():
    assert to_vendor("{% if order.id %}x{% endif %}", load_table("zendesk")) is None
    assert to_vendor("{{ customer.first_name | upper }}", load_table("zendesk")) is None
    assert to_vendor("{{- customer.first_name }}", load_table("helpscout")) is None


def test_custom_fields_become_variables_once():
    back = from_vendor(
        "{{ticket.ticket_field_360012}} then {{ticket.ticket_field_360012}} and {{ticket.organization.name}}",
        [load_table("zendesk")],
        KNOWN,
    )
    assert back.text == "{{ ticket_field_360012 }} then {{ ticket_field_360012 }} and {{ organization_name }}"
    assert back.variables == {
        "ticket_field_360012": "{{ticket.ticket_field_360012}}",
        "organization_name": "{{ticket.organization.name}}",
    }
    assert all(back.examples[name] for name in back.variables)
    helpscout = from_vendor("{%customer.companyName,fallback=your team%}", [load_table("helpscout")], KNOWN)
    assert helpscout.text == "{{ customer_company_name }}"


def test_variable_names_never_clash_with_a_placeholder_namespace():
    assert variable_name("order", KNOWN) == "order_field"
    assert variable_name("ticket.123", KNOWN) == "field_123"


def test_vendor_logic_and_stray_markup_are_problems():
    liquid = from_vendor("{% if ticket.requester.first_name %}Hi{% endif %}", [load_table("zendesk")], KNOWN)
    assert (
        len(liquid.problems) == 1
        and "template logic" in liquid.problems[0]
        and "(and 1 more)" in liquid.problems[0]
    )
    stray = from_vendor("Hi {{customer.firstName}}", [load_table("helpscout")], KNOWN)
    assert len(stray.problems) == 1 and "not a placeholder of this tool" in stray.problems[0]
    comment = from_vendor("Hi {# note #}", [load_table("zendesk")], KNOWN)
    assert comment.problems


def test_plain_brackets_stay_text():
    back = from_vendor("[Your name] and [x] and [Order number]", [load_table("zendesk")], KNOWN)
    assert back.text == "[Your name] and [x] and [Order number]" and back.variables == {}


def test_policy_and_mkdocs_extend_the_table(project):
    policy_file = project / "playbooks/policy.yaml"
    policy_file.write_text(
        policy_file.read_text()
        + "helpdesk:\n  zendesk:\n    order.id: ticket.ticket_field_111\n    case.id: null\n"
        + "  helpscout:\n    order.id: customer.orderNumber,fallback=your order\n"
    )
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(
        mkdocs.read_text().replace(
            "vale_engine: auto",
            "vale_engine: auto\n      helpdesk:\n        zendesk:\n"
            "          order.id: ticket.ticket_field_999\n"
            "          customer.plan: ticket.requester.custom_fields.plan",
        )
    )
    from generator.playbook import load_policy

    policy = load_policy(project / "playbooks", project)[0]
    assert isinstance(policy, Policy)
    zendesk = load_table("zendesk", Project(project), policy)
    assert zendesk.write("order.id") == "{{ticket.ticket_field_111}}"  # policy.yaml wins over mkdocs.yml
    assert zendesk.write("customer.plan") == "{{ticket.requester.custom_fields.plan}}"  # from mkdocs.yml
    assert zendesk.write("case.id") is None  # null: the team says Zendesk cannot express it
    assert load_table("helpscout", Project(project), policy).write("order.id") == (
        "{%customer.orderNumber,fallback=your order%}"
    )
    assert from_vendor("{{ticket.ticket_field_111}}", [zendesk], KNOWN).text == "{{ order.id }}"


def test_a_bad_mkdocs_mapping_is_a_usage_error(project, tmp_path):
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(
        mkdocs.read_text().replace("vale_engine: auto", "vale_engine: auto\n      helpdesk: [zendesk]")
    )
    with pytest.raises(HelpdeskError):
        load_table("zendesk", Project(project))
    result = export(project, "zendesk", tmp_path / "out.json")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "Error: mkdocs.yml: `helpdesk` must map a tool (zendesk, freshdesk, helpscout) to its names"
    ]
    assert not (tmp_path / "out.json").exists()


def test_the_mkdocs_plugin_accepts_the_helpdesk_option():
    from generator.plugin import PlaybookConfig

    config = PlaybookConfig()
    config.load_dict({"vale_engine": "auto", "helpdesk": {"zendesk": {"order.id": "ticket.ticket_field_1"}}})
    errors, _warnings = config.validate()
    assert errors == [] and config.helpdesk == {"zendesk": {"order.id": "ticket.ticket_field_1"}}


def test_filters_and_other_fallbacks_are_said_when_dropped():
    liquid = from_vendor("{{ticket.requester.first_name | capitalize}}", [load_table("zendesk")], KNOWN)
    assert liquid.text == "{{ customer.first_name }}"
    assert liquid.notes == [
        "`{{ticket.requester.first_name | capitalize}}`: `capitalize` is not kept (the playbook has no "
        "filters or per-placeholder fallbacks); check the wording"
    ]
    scout = from_vendor(
        "{%customer.firstName,fallback=there%} {%customer.fullName,fallback=friend%}",
        [load_table("helpscout")],
        KNOWN,
    )
    assert len(scout.notes) == 1 and "`fallback=friend` is not kept" in scout.notes[0]  # `there` comes back
