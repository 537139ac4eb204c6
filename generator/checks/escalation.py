"""Escalation checks: every path ends at an owner, without bouncing, and nobody is left with a bot.

Lessons B.2 (customers passed from person to person), B.3 (automation with no way to a person),
C (repeat contacts that should have escalated) and D (a move to a private channel, then silence).
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, error
from ..model import EscalationStep, Policy
from ..playbook import Playbook, ScenarioFile

HUMAN_TRIGGERS = ("automation_failed", "asks_for_person")


def is_owner(policy: Policy, target: str) -> bool:
    """A role, or a team allowed to resolve and close a case."""
    if target in policy.roles:
        return True
    team = policy.teams.get(target)
    return bool(team and team.closes_cases)


def _chains(steps: list[EscalationStep]) -> dict[tuple[str, str], list[int]]:
    chains: dict[tuple[str, str], list[int]] = {}
    for i, step in enumerate(steps):
        key = (step.trigger, (step.when or "").strip().lower() if step.trigger == "other" else "")
        chains.setdefault(key, []).append(i)
    return chains


def _scenario(policy: Policy, item: ScenarioFile) -> list[Diagnostic]:
    s, doc = item.scenario, item.document
    problems: list[Diagnostic] = []
    known = set(policy.roles) | set(policy.teams)
    for (trigger, _), indexes in _chains(s.escalation).items():
        if any(s.escalation[i].to not in known for i in indexes):
            continue  # an unknown target is reported by the reference checks
        owners = [n for n, i in enumerate(indexes) if is_owner(policy, s.escalation[i].to)]
        if not owners:
            last = indexes[-1]
            pos = doc.source.value(("escalation", last, "to"))
            problems.append(
                error(
                    doc.path,
                    pos.line,
                    pos.col,
                    "no-owner",
                    f"the `{trigger}` path ends at `{s.escalation[last].to}`, who cannot close "
                    "the case; add a step to a role or a team that owns the outcome",
                )
            )
        elif owners[0] > 1:
            i = indexes[owners[0]]
            pos = doc.source.value(("escalation", i, "to"))
            problems.append(
                error(
                    doc.path,
                    pos.line,
                    pos.col,
                    "bouncing",
                    f"the `{trigger}` path hands the customer over {owners[0]} times before "
                    "anyone owns the case; hand over once, to the owner",
                )
            )
    automated = [
        i
        for i, r in enumerate(s.replies)
        if r.channel in policy.channels and policy.channels[r.channel].automated
    ]
    if automated and not any(step.trigger in HUMAN_TRIGGERS and step.to in known for step in s.escalation):
        pos = doc.source.value(("replies", automated[0], "channel"))
        problems.append(
            error(
                doc.path,
                pos.line,
                pos.col,
                "bot-needs-human",
                "this scenario runs on an automated channel but has no escalation step "
                "`automation_failed` or `asks_for_person` to a person; add one",
            )
        )
    if s.fault == "ours" and not any(step.trigger == "repeat_contact" for step in s.escalation):
        pos = doc.source.value(("fault",))
        problems.append(
            error(
                doc.path,
                pos.line,
                pos.col,
                "repeat-contact-missing",
                "we are at fault but nothing escalates a repeat contact; add a step with "
                "`trigger: repeat_contact` and `after: 2`",
            )
        )
    for i, reply in enumerate(s.replies):
        if reply.intent == "move_private" and not reply.follow_up:
            pos = doc.source.value(("replies", i, "intent"))
            problems.append(
                error(
                    doc.path,
                    pos.line,
                    pos.col,
                    "follow-up-missing",
                    "this reply moves the conversation to a private channel; add `follow_up:` "
                    "(e.g. `1d`) so the customer hears from us again",
                )
            )
    return problems


def check(book: Playbook) -> list[Diagnostic]:
    if book.policy is None:
        return []
    return [p for item in book.scenarios for p in _scenario(book.policy, item)]
