"""Draft placeholders: every help desk's syntax is filled with a sensible value, positions map back."""

from __future__ import annotations

import pytest

from generator.draft_fill import fill, find_placeholders
from generator.project import Project

from .corpus import ROOT


@pytest.mark.parametrize(
    ("draft", "filled"),
    [
        ("Hi {{name}},", "Hi Maya,"),
        ("Hi {{customer_first_name}},", "Hi Maya,"),
        ("Hi {{ customer.first_name }},", "Hi Maya,"),
        ("Hi {{ticket.requester.first_name}},", "Hi Maya,"),
        ("Hi {%customer.firstName,fallback=there%},", "Hi Maya,"),
        ("Hi [Name],", "Hi Maya,"),
        ("Hi (customer’s name),", "Hi Maya,"),
        ("Hi *|FNAME|*,", "Hi Maya,"),
        ("Hi {first_name},", "Hi Maya,"),
        ("Thanks, {{agent_name}}", "Thanks, Jordan"),
        ("Thanks, {{current_user.first_name}}", "Thanks, Jordan"),
        ("[Your name]", "Jordan"),
        ("This is (your name) at (name of company).", "This is Jordan at Example."),
        ("[Your Name]\n[Your Position]\n[Company Name]", "Jordan\nSenior Advisor\nExample"),
        ("Order {{ticket.id}} ships within [X] days.", "Order 48213 ships within 3 days."),
        ("Running [15-30] minutes late.", "Running 15-30 minutes late."),
        ("Please allow [estimated time frame].", "Please allow 2 business days."),
        ("It arrives on [Date].", "It arrives on Friday, 14 March."),
        ("Call [ISP] support.", "Call ISP support."),
        ("There are $queuePosition people ahead of you.", "There are 3 people ahead of you."),
        ("The team typically replies in $reply_time", "The team typically replies in 2 business days"),
        ("Sent {amount-of-money} to {PERSON}.", "Sent $25.00 to Maya."),
        ("It costs $25, or $5.99 a month.", "It costs $25, or $5.99 a month."),
        ("Let me fix this... [take action]. Done.", "Let me fix this... Take action. Done."),
        ("I will [take action] now.", "I will take action now."),
        ("Hi <name>, hello <X%> off", "Hi Maya, hello X off"),
        ("We have size {size} {color} shoes.", "We have size standard color shoes."),
        ("Your {pizza} pizza is ready.", "Your standard pizza is ready."),
    ],
)
def test_each_syntax_is_filled_with_a_sensible_value(draft: str, filled: str):
    assert fill(draft).text == filled


def test_markdown_links_and_reference_definitions_are_not_placeholders():
    text = "See [the returns guide](https://example.com/returns).\n\n[1]: https://example.com"
    assert find_placeholders(text) == []
    assert fill(text).text == text


def test_the_brand_comes_from_the_caller():
    assert fill("Thanks for choosing {{ brand.name }} and [Company]!", "Brightwell").text == (
        "Thanks for choosing Brightwell and Brightwell!"
    )


def test_positions_in_the_filled_text_map_back_to_the_draft():
    draft = "Hi [Customer Name],\nYour order {{ticket.id}} is late , sorry.\n[Your name]"
    f = fill(draft)
    assert f.text.split("\n")[1] == "Your order 48213 is late , sorry."
    # the stray space before the comma: column 25 in the filled line, 34 in the draft
    assert f.position(2, f.text.split("\n")[1].index(" ,") + 1) == (2, draft.split("\n")[1].index(" ,") + 1)
    # inside a filled value: the placeholder's own start
    assert f.position(1, 5) == (1, 4)
    assert f.position(3, 1) == (3, 1)


def test_lint_reply_reports_at_the_drafts_own_columns(runner):
    from generator.cli import cli

    draft = (
        "Hi {{ticket.requester.first_name}},\n\n"
        "Your parcel is late , and I am sorry. It arrives on Friday.\n\n{{agent_name}}\n"
    )
    result = runner.invoke(cli, ["lint-reply", "--root", str(ROOT), "-"], input=draft)
    assert result.exit_code == 1, result.output
    (line,) = result.stdout.splitlines()
    assert (
        line.startswith(f"stdin:3:{draft.split(chr(10))[2].index('late') + 1}:")
        and "[Playbook.Spacing]" in line
    )


def test_a_template_with_placeholders_passes_like_its_filled_text():
    from generator.lint_reply import DraftContext, lint_draft

    project = Project(ROOT)
    template = (
        "Hi {{ticket.requester.first_name}},\n\n"
        "I have refunded the $25.00 delivery fee today, and I am sorry it was charged."
        "\n\nThanks,\n{{current_user.first_name}}\n"
    )
    assert lint_draft(project, template, DraftContext("email")) == []


def test_an_html_macro_is_read_as_its_words_and_lines():
    draft = (
        "<h3><strong>Dear %{recipient.name.first},</strong></h3>\nWe closed ticket <strong>"
        "%{ticket.number}</strong>&nbsp;today.<br>\nThanks,<br>%{signature}\n<hr>\n<em>Footer</em>"
    )
    f = fill(draft)
    assert f.text == "\nDear Maya,\n\nWe closed ticket 48213 today.\n\nThanks,\nJordan\n\n---\n\nFooter"
    # a word after the markup maps back to its own column in the draft
    line = f.text.split("\n").index("We closed ticket 48213 today.") + 1
    assert f.position(line, 1) == (2, 1)


def test_a_placeholder_inside_a_tag_goes_with_the_tag_and_angle_placeholders_stay():
    draft = 'Open <a href="%{recipient.ticket_link}">your ticket</a>, <customer name>.'
    assert fill(draft).text == "Open your ticket, Maya."


def test_the_agents_own_answer_counts_as_written():
    # osTicket's reply template: the body is the agent's answer, filled in when it is used
    assert "within 2 business days" in fill("Dear %{recipient.name},\n\n%{response}").text


def test_an_html_macro_signed_above_its_footer_passes():
    from generator.lint_reply import DraftContext, lint_draft

    draft = (
        "<p>Hi {{ticket.requester.first_name}},</p>\n<p>I have refunded the $25.00 delivery fee today, "
        "and I am sorry it was charged.</p>\n<p>Best wishes,<br>\n{{current_user.first_name}}</p>\n<hr>\n"
        "<p><small>You are receiving this because you wrote to Example Support.</small></p>"
    )
    assert lint_draft(Project(ROOT), draft, DraftContext("email")) == []
    unsigned = draft.replace("{{current_user.first_name}}", "Example Support")
    rules = [d.rule for d in lint_draft(Project(ROOT), unsigned, DraftContext("email"))]
    assert rules == ["Playbook.SignOff"]


def test_named_steps_count_as_written_but_a_verb_slot_does_not():
    assert "within 2 business days" in fill("To make this right, we will:\n[Resolution steps]").text
    assert fill("I've [action taken] on my end.").text == "I've action taken on my end."


def test_a_ticket_reference_under_the_signature_is_a_footer():
    from generator.lint_reply import DraftContext, lint_draft

    draft = (
        "Hi [Customer Name],\n\nI have refunded the $25.00 delivery fee today, and I am sorry it was "
        "charged.\n\nBest regards,\n[Your Name]\nCustomer Support Team\n\nTicket #: [Ticket Number]"
    )
    assert lint_draft(Project(ROOT), draft, DraftContext("email")) == []
    unsigned = draft.replace("[Your Name]\n", "")
    rules = [d.rule for d in lint_draft(Project(ROOT), unsigned, DraftContext("email"))]
    assert rules == ["Playbook.SignOff"]
