"""Overviews: the cross-scenario pages' data (empowerment matrix, escalation directory, review calendar).

Part of the pages stage, computed from the model so the templates only lay rows out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import Policy, Scenario
from .model.limits import effective_limit, may_act
from .views import TRIGGER_WORDS, StepView, money, step_view


@dataclass(frozen=True)
class MatrixRow:
    action: str
    money: bool
    cells: list[str]  # one per role, in seniority order


@dataclass(frozen=True)
class Override:
    scenario: Scenario
    action: str
    role: str
    limit: str
    what: str


@dataclass(frozen=True)
class DirectoryRow:
    scenario: Scenario
    step: StepView


@dataclass(frozen=True)
class ReviewRow:
    review_by: str
    scenario: Scenario
    reply: str
    channel: str
    approved_by: str
    approved_on: str


def empowerment_matrix(policy: Policy) -> list[MatrixRow]:
    rows = []
    for action, info in policy.actions.items():
        cells = []
        for role in policy.roles:
            if info.money:
                limit = effective_limit(policy, None, role, action)
                cells.append(money(policy, limit) if limit is not None else "no")
            else:
                cells.append("yes" if may_act(policy, role, action) else "no")
        rows.append(MatrixRow(info.name, info.money, cells))
    return rows


def overrides(policy: Policy, scenarios: list[Scenario]) -> list[Override]:
    rows = []
    for s in scenarios:
        for grant in s.empowerment:
            name = policy.actions[grant.action].name if grant.action in policy.actions else grant.action
            for role, limit in grant.limits.items():
                role_name = policy.roles[role].name if role in policy.roles else role
                rows.append(Override(s, name, role_name, money(policy, limit), grant.what))
    return rows


def directory(policy: Policy, scenarios: list[Scenario]) -> list[DirectoryRow]:
    return [DirectoryRow(s, step_view(policy, step)) for s in scenarios for step in s.escalation]


def by_trigger(rows: list[DirectoryRow]) -> list[tuple[str, list[DirectoryRow]]]:
    """Rows grouped under each trigger's general wording, in the vocabulary's order."""
    return [
        (words, [r for r in rows if r.step.trigger_id == trigger])
        for trigger, words in TRIGGER_WORDS.items()
        if any(r.step.trigger_id == trigger for r in rows)
    ]


def by_target(rows: list[DirectoryRow]) -> list[tuple[str, str | None, list[DirectoryRow]]]:
    groups: dict[str, list[DirectoryRow]] = {}
    for row in rows:
        groups.setdefault(row.step.to, []).append(row)
    return [(to, items[0].step.contact, items) for to, items in sorted(groups.items())]


def review_calendar(policy: Policy, scenarios: list[Scenario]) -> list[ReviewRow]:
    rows = []
    for s in scenarios:
        for reply in s.replies:
            if reply.approved is None:
                continue
            channel = (
                policy.channels[reply.channel].name if reply.channel in policy.channels else reply.channel
            )
            rows.append(
                ReviewRow(
                    reply.approved.review_by.isoformat(),
                    s,
                    reply.id,
                    channel,
                    reply.approved.by,
                    reply.approved.on.isoformat(),
                )
            )
    return sorted(rows, key=lambda r: (r.review_by, r.scenario.id, r.reply))


def month_end(day: date) -> date:
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def needs_review(rows: list[ReviewRow], today: date, until: date) -> tuple[list[ReviewRow], list[ReviewRow]]:
    """(overdue, due from today up to `until`), each in date order."""
    overdue = [r for r in rows if date.fromisoformat(r.review_by) < today]
    due = [r for r in rows if today <= date.fromisoformat(r.review_by) <= until]
    return overdue, due
