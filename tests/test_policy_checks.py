"""Policy checks: for each, a failing fixture with its exact diagnostic and a passing one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import run
from generator.project import Project

from .conftest import minimal, write

FILE = "playbooks/delivery/late-parcel.yaml"


def found(root: Path) -> list[tuple[str, int, str]]:
    return [(d.path, d.line, d.rule) for d in run(Project(root), lint=False).diagnostics]


def scenario(project: Path, text: str) -> list[tuple[str, int, str]]:
    write(project, FILE, text)
    return found(project)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [n for n, line in enumerate(text.split("\n"), 1) if needle in line]
    return lines[nth - 1]


REPEAT = "  - {trigger: repeat_contact, after: 2, to: team_lead, within: 4h, handoff: all contacts so far}\n"


def ours(extra: str = "") -> str:
    return minimal().replace("fault: third_party", "fault: ours") + (
        "empowerment:\n  - {action: reship_order, what: Reship at once.}\n" + extra
    )


def set_not_owner(project: Path, *teams: str) -> None:
    """Mark teams in the fixture's policy as unable to close a case."""
    policy = project / "playbooks/policy.yaml"
    lines = policy.read_text().split("\n")
    for team in teams:
        at = lines.index(f"  {team}:") + 1
        end = at
        while end < len(lines) and lines[end].startswith("    "):
            end += 1
        entry = [line for line in lines[at:end] if not line.strip().startswith("closes_cases")]
        lines[at:end] = [*entry, "    closes_cases: false"]
    policy.write_text("\n".join(lines))


# --- empowerment -------------------------------------------------------------------------


def test_policy_limit_falling_with_seniority(project: Path):
    policy = project / "playbooks/policy.yaml"
    text = policy.read_text()
    bad = text.replace("      refund: 1000\n", "      refund: 100\n", 1)
    policy.write_text(bad)
    assert found(project) == [("playbooks/policy.yaml", line_of(bad, "refund: 100"), "limit-falls")]
    policy.write_text(text)
    assert found(project) == []


def test_scenario_override_falling_with_seniority(project: Path):
    grant = "  - {action: refund, what: x, limits: {agent: 500, senior_agent: 300}}\n"
    text = minimal() + "empowerment:\n" + grant
    assert scenario(project, text) == [(FILE, line_of(text, "senior_agent: 300"), "limit-falls")]
    assert scenario(project, text.replace("senior_agent: 300", "senior_agent: 600")) == []


def test_unknown_granted_action(project: Path):
    text = minimal() + "empowerment:\n  - {action: refnud, what: x}\n"
    assert scenario(project, text) == [(FILE, line_of(text, "refnud"), "unknown-action")]


def test_limits_on_a_non_money_action(project: Path):
    text = minimal() + "empowerment:\n  - {action: reship_order, what: x, limits: {agent: 10}}\n"
    assert scenario(project, text) == [(FILE, line_of(text, "reship_order"), "limit-on-non-money-action")]


@pytest.mark.parametrize(
    ("sentence", "bad"),
    [
        ("I have refunded $300.00 to your card today.", True),  # agent refund limit is $250
        ("I have refunded $240.00 to your card today.", False),
        ("Your order of $900.00 is on its way today.", False),  # an amount, but no promise
        ("I have added {{ credit_amount }} store credit today.", True),  # example $300, above both
    ],
)
def test_reply_promising_more_than_the_sender_may_grant(project: Path, sentence: str, bad: bool):
    text = minimal().replace("Your parcel is with the carrier and will arrive by Friday.", sentence) + (
        "variables:\n  credit_amount: {description: Credit given, example: '$300.00'}\n"
        "empowerment:\n  - {action: refund, what: Refund what we got wrong.}\n"
        "  - {action: credit, what: A credit for the trouble.}\n"
    )
    expected = [(FILE, line_of(text, sentence[:12]), "promise-above-limit")] if bad else []
    assert scenario(project, text) == expected


def test_promise_allowed_by_a_scenario_override_or_a_senior_sender(project: Path):
    base = minimal().replace(
        "Your parcel is with the carrier and will arrive by Friday.",
        "I have refunded $300.00 to your card today.",
    )
    override = base + "empowerment:\n  - {action: refund, what: x, limits: {agent: 400}}\n"
    assert scenario(project, override) == []
    senior = base.replace("    purpose:", "    sent_by: senior_agent\n    purpose:")
    assert scenario(project, senior) == []


def test_our_fault_with_nothing_the_frontline_may_grant_warns(project: Path):
    text = minimal().replace("fault: third_party", "fault: ours") + "escalation:\n" + REPEAT
    assert scenario(project, text) == [(FILE, line_of(text, "fault: ours"), "frontline-cannot-fix")]
    assert scenario(project, ours("escalation:\n" + REPEAT)) == []


# --- escalation --------------------------------------------------------------------------


def test_path_must_end_at_an_owner(project: Path):
    set_not_owner(project, "communications")
    step = "  - {trigger: media, to: communications, within: 1h, handoff: the article}\n"
    text = minimal() + "escalation:\n" + step
    assert scenario(project, text) == [(FILE, line_of(text, "to: communications"), "no-owner")]
    owner = "  - {trigger: media, to: support_manager, within: 2h, handoff: the article and our answer}\n"
    assert scenario(project, text + owner) == []


def test_bouncing_between_two_non_owners(project: Path):
    set_not_owner(project, "communications", "legal")
    steps = (
        "  - {trigger: legal, to: communications, within: 1h, handoff: the letter}\n"
        "  - {trigger: legal, to: legal, within: 1d, handoff: the letter}\n"
        "  - {trigger: legal, to: support_manager, within: 1d, handoff: the letter and advice}\n"
    )
    bad = minimal() + "escalation:\n" + steps
    assert scenario(project, bad) == [(FILE, line_of(bad, "to: support_manager"), "bouncing")]
    good = minimal() + "escalation:\n" + steps.split("\n", 1)[1]
    assert scenario(project, good) == []


def test_bot_scenario_needs_a_person(project: Path):
    text = minimal().replace("channel: email", "channel: assistant")
    assert scenario(project, text) == [(FILE, line_of(text, "channel: assistant"), "bot-needs-human")]
    step = "escalation:\n  - {trigger: asks_for_person, to: agent, within: 2m, handoff: the bot transcript}\n"
    assert scenario(project, text + step) == []


def test_our_fault_needs_a_repeat_contact_step(project: Path):
    text = ours()
    assert scenario(project, text) == [(FILE, line_of(text, "fault: ours"), "repeat-contact-missing")]
    assert scenario(project, ours("escalation:\n" + REPEAT)) == []


def test_move_to_private_needs_a_follow_up(project: Path):
    text = minimal().replace("intent: update", "intent: move_private")
    assert scenario(project, text) == [(FILE, line_of(text, "intent: move_private"), "follow-up-missing")]
    fixed = text.replace("    purpose:", "    follow_up: 1d\n    purpose:")
    assert scenario(project, fixed) == []


# --- approvals and policy ----------------------------------------------------------------


def test_review_dates(project: Path, monkeypatch):
    text = minimal()
    write(project, FILE, text)
    line = line_of(text, "review_by")
    monkeypatch.setenv("PLAYBOOK_TODAY", "2027-03-31")
    assert found(project) == []
    monkeypatch.setenv("PLAYBOOK_TODAY", "2027-04-02")
    assert (FILE, line, "review-due") in found(project)
    monkeypatch.setenv("PLAYBOOK_TODAY", "2027-05-10")
    assert (FILE, line, "review-overdue") in found(project)


def test_draft_is_reported_and_left_out_of_the_site(project: Path, tmp_path: Path):
    from generator.site import build_site

    text = minimal()
    draft = text[: text.index("    approved:")]
    write(project, FILE, draft)
    assert found(project) == [(FILE, line_of(draft, "- id: email-update"), "draft")]
    site = tmp_path / "out"
    _, built = build_site(Project(project), site)
    assert built
    page = (site / "delivery" / "late-parcel" / "index.html").read_text()
    assert "will arrive by Friday" not in page
    assert "No approved replies yet" in page


def test_handle_time_measure_warns(project: Path):
    policy = project / "playbooks/policy.yaml"
    text = policy.read_text().replace("measures:\n", "measures:\n  - Average handle time under 6 minutes\n")
    policy.write_text(text)
    assert found(project) == [
        ("playbooks/policy.yaml", line_of(text, "Average handle"), "handle-time-target")
    ]
