"""Views: what each page shows, computed from the model once so page templates stay simple.

Part of the pages stage: the policy arithmetic an agent needs at a glance (what the frontline may
grant alone, who takes over above that, how fast each channel must be answered) lives here,
not in Jinja.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import EscalationStep, Policy, Scenario, format_duration
from .model.common import parse_duration
from .model.limits import effective_limit, may_act
from .replies import SLOT_CLOSE, SLOT_OPEN, RenderedReply
from .text import reflow


@dataclass(frozen=True)
class GrantView:
    action: str
    what: str
    alone: str  # what the frontline may do alone, in words
    above: str  # who takes over above that, in words
    overridden: bool


@dataclass(frozen=True)
class ReplyView:
    id: str
    channel: str
    channel_name: str
    public: bool
    tone: str
    intent: str
    purpose: str
    subject: str | None
    text: str  # preview as sent: example values filled in, wrapped lines joined
    placeholders: list[str]
    fill: str | None  # JSON for the page's fill-in form: the slotted text and its fields
    approved_by: str | None
    approved_on: str | None
    review_by: str | None
    follow_up: str | None
    answer_within: str


@dataclass(frozen=True)
class StepView:
    trigger_id: str
    trigger: str
    when: str | None
    to: str
    contact: str | None
    within: str
    handoff: str


@dataclass
class ScenarioView:
    scenario: Scenario
    category_title: str
    replies: list[ReplyView] = field(default_factory=list)
    grants: list[GrantView] = field(default_factory=list)
    steps: list[StepView] = field(default_factory=list)
    response_targets: list[tuple[str, str]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{self.scenario.category}/{self.scenario.id}.md"


TRIGGER_WORDS = {
    "amount_above_limit": "The amount is above your limit",
    "repeat_contact": "The customer contacts us again about the same issue",
    "executive_complaint": "The customer writes to an executive",
    "media": "A journalist or the media is involved",
    "regulator": "A regulator is involved",
    "legal": "A lawyer or legal action is mentioned",
    "safety": "Someone's safety is at risk",
    "automation_failed": "The bot or phone menu could not help",
    "asks_for_person": "The customer asks for a person",
    "other": "Other",
}


def trigger_words(step: EscalationStep) -> str:
    """What starts an escalation step, in the words an agent reads."""
    if step.trigger == "repeat_contact" and step.after:
        return f"Contact number {step.after} about the same issue"
    return TRIGGER_WORDS[step.trigger]


def step_view(policy: Policy, step: EscalationStep) -> StepView:
    """An escalation step as an agent reads it: who takes over (and how to reach a team), by when."""
    contact = None
    if step.to in policy.roles:
        to = policy.roles[step.to].name
    elif step.to in policy.teams:
        to, contact = policy.teams[step.to].name, policy.teams[step.to].contact
    else:
        to = step.to
    return StepView(
        step.trigger, trigger_words(step), step.when, to, contact, format_duration(step.within), step.handoff
    )


def money(policy: Policy, amount: float | str) -> str:
    if amount == "unlimited":
        return "any amount"
    value = float(amount)
    shown = f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return f"{policy.currency_symbol}{shown}"


def _grant_view(policy: Policy, scenario: Scenario, action: str, what: str) -> GrantView:
    info = policy.actions.get(action)
    name = info.name if info else action
    frontline = policy.frontline
    overridden = any(g.action == action and g.limits for g in scenario.empowerment)
    if info is not None and info.money:
        limit = effective_limit(policy, scenario, frontline, action)
        if limit == "unlimited":
            alone = f"{name}: any amount"
        else:
            alone = f"{name} up to {money(policy, limit)}" if limit is not None else f"{name}: not alone"
        above = "Nobody needs to approve it"
        if limit != "unlimited":
            for role in list(policy.roles)[1:]:
                higher = effective_limit(policy, scenario, role, action)
                if higher is not None and (
                    higher == "unlimited" or limit is None or float(higher) > float(limit)
                ):
                    above = f"{policy.roles[role].name} (up to {money(policy, higher)})"
                    break
        return GrantView(name, what, alone, above, overridden)
    allowed = may_act(policy, frontline, action)
    if allowed:
        return GrantView(name, what, f"{name}: yes", "Nobody needs to approve it", overridden)
    owner = next((r.name for r in policy.roles.values() if action in r.may), "a manager")
    return GrantView(name, what, f"{name}: not alone", owner, overridden)


def _fill_data(
    policy: Policy, scenario: Scenario, slotted: str, subject: str | None = None
) -> tuple[list[str], str]:
    """The placeholders a reply uses, and what its fill-in form needs (slotted text and subject,
    fields) as JSON."""
    import json

    described = {n: (p.description, p.example) for n, p in policy.placeholders.items()}
    described.update({n: (v.description, v.example) for n, v in scenario.variables.items()})
    both = slotted + "\n" + (subject or "")
    used = [name for name in sorted(described) if f"{SLOT_OPEN}{name}{SLOT_CLOSE}" in both]
    fields: list[dict[str, object]] = [
        {"name": n, "label": described[n][0], "example": str(described[n][1])} for n in used
    ]
    for entry in fields:
        if str(entry["name"]).startswith("brand."):
            entry["fixed"] = True  # the brand's own name: filled in already, nothing to type
    data: dict[str, object] = {"text": reflow(slotted), "fields": fields}
    if subject is not None:
        data["subject"] = subject
    return used, json.dumps(data, ensure_ascii=True, sort_keys=True)


def scenario_view(policy: Policy, scenario: Scenario, rendered: list[RenderedReply]) -> ScenarioView:
    view = ScenarioView(scenario, policy.categories[scenario.category].title)
    by_index = {r.index: r for r in rendered if r.scenario.id == scenario.id}
    channels_seen: list[str] = []
    for i, reply in enumerate(scenario.replies):
        if reply.approved is None:
            continue  # a draft is never published
        channel = policy.channels.get(reply.channel)
        done = by_index.get(i)
        target = channel.first_response if channel else "4h"
        if scenario.first_response and parse_duration(scenario.first_response) < parse_duration(target):
            target = scenario.first_response
        approved = reply.approved
        used: list[str] = []
        fill: str | None = None
        if done and done.slotted:
            used, fill = _fill_data(policy, scenario, done.slotted, done.slotted_subject)
        view.replies.append(
            ReplyView(
                id=reply.id,
                channel=reply.channel,
                channel_name=channel.name if channel else reply.channel,
                public=bool(channel and channel.public),
                tone=reply.tone,
                intent=reply.intent.replace("_", " "),
                purpose=reply.purpose,
                subject=done.subject if done else reply.subject,
                text=reflow(done.text) if done else reply.body,
                placeholders=used,
                fill=fill,
                approved_by=approved.by if approved else None,
                approved_on=approved.on.isoformat() if approved else None,
                review_by=approved.review_by.isoformat() if approved else None,
                follow_up=format_duration(reply.follow_up) if reply.follow_up else None,
                answer_within=format_duration(target),
            )
        )
        if channel and reply.channel not in channels_seen:
            channels_seen.append(reply.channel)
            view.response_targets.append((channel.name, format_duration(target)))
    for grant in scenario.empowerment:
        view.grants.append(_grant_view(policy, scenario, grant.action, grant.what))
    view.steps = [step_view(policy, step) for step in scenario.escalation]
    return view
