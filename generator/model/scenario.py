"""The scenario model: one support situation, how to recognise it, what to say and do.

Part of the model stage. Each `playbooks/<category>/<id>.yaml` decodes into `Scenario`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from .common import Duration, Ident, Limit, PlaceholderName, Slug, Strict, Text

Fault = Literal["ours", "customer", "third_party", "unknown"]
Tone = Literal["warm", "empathetic", "apologetic", "formal"]
Intent = Literal["acknowledge", "resolve", "update", "deny", "move_private", "follow_up", "escalate"]
Severity = Literal["low", "medium", "high", "critical"]
Trigger = Literal[
    "amount_above_limit",
    "repeat_contact",
    "executive_complaint",
    "media",
    "regulator",
    "legal",
    "safety",
    "automation_failed",
    "asks_for_person",
    "other",
]


class Variable(Strict):
    """A value a reply needs that differs per customer, with an example for previews."""

    description: Text = Field(description="What the agent fills in.")
    example: str | int | float = Field(description="Realistic example value, used in previews and lint.")


class Approval(Strict):
    """Who approved a reply, when, and when it must be reviewed again."""

    by: Text = Field(description="Full name of the approver.")
    on: date = Field(description="Approval date, YYYY-MM-DD.")
    review_by: date = Field(description="Date by which the reply must be reviewed again.")

    @model_validator(mode="after")
    def _order(self) -> Approval:
        if self.review_by <= self.on:
            raise ValueError("`review_by` must come after the approval date `on`")
        return self


class Reply(Strict):
    """An approved reply template for one channel."""

    id: Slug = Field(description="Reply id, unique within the scenario.")
    channel: Ident = Field(description="Channel id from policy.yaml.")
    tone: Tone = Field(description="Register of the reply.")
    intent: Intent = Field(description="What the reply does: acknowledge, resolve, deny, ...")
    purpose: Text = Field(description="When to send it, in one line, for the agent.")
    sent_by: Ident | None = Field(
        None, description="Lowest role that sends it (default: the first role in policy.yaml)."
    )
    subject: str | None = Field(None, description="Subject line, for email.")
    follow_up: Duration | None = Field(
        None, description="When we contact the customer again; required when moving to a private channel."
    )
    body: Text = Field(description="The reply as a Jinja template using declared placeholders.")
    approved: Approval | None = Field(None, description="Approval; a reply without one is a draft.")


class Grant(Strict):
    """Something an agent may do in this scenario, with scenario-specific limits."""

    action: Ident = Field(description="Action id from policy.yaml.")
    what: Text = Field(description="What exactly to grant, in one line.")
    limits: dict[Ident, Limit] = Field(
        default_factory=dict, description="Per-role limits that replace the policy's here."
    )


class EscalationStep(Strict):
    """When to hand over, to whom, how fast, and what they must receive."""

    trigger: Trigger = Field(description="What starts this step.")
    when: str | None = Field(None, description="Detail of the trigger, in words.")
    after: int | None = Field(None, ge=2, description="For `repeat_contact`: the Nth contact.")
    to: Ident = Field(description="Role or team id that takes over.")
    within: Duration = Field(description="Deadline for the receiver to act.")
    handoff: Text = Field(description="What the receiver must get, so the customer never repeats.")

    @model_validator(mode="after")
    def _detail(self) -> EscalationStep:
        if self.trigger == "other" and not self.when:
            raise ValueError("a step with `trigger: other` needs `when:` saying what starts it")
        return self


class Link(Strict):
    """A self-service page the agent can share."""

    title: Text
    url: str = Field(pattern=r"^https?://", description="Full address starting with https://.")


class Scenario(Strict):
    """One support situation."""

    id: Slug = Field(description="Slug, equal to the file name without `.yaml`.")
    title: Text = Field(description="Short title an agent recognises.")
    category: Slug = Field(description="Category id from policy.yaml, equal to the folder name.")
    severity: Severity = Field("medium", description="How much is at stake.")
    tags: list[Slug] = Field(default_factory=list, description="Search and grouping tags.")
    summary: Text = Field(description="Two or three sentences: what happened, what we do.")
    signals: list[Text] = Field(min_length=1, description="Words a customer uses, for search.")
    fault: Fault = Field(description="Whose fault the typical case is.")
    do: list[Text] = Field(min_length=1, description="What the agent does.")
    dont: list[Text] = Field(min_length=1, description="What the agent never does.")
    variables: dict[PlaceholderName, Variable] = Field(
        default_factory=dict, description="Scenario placeholders."
    )
    replies: list[Reply] = Field(min_length=1, description="Reply templates, one per channel use.")
    empowerment: list[Grant] = Field(default_factory=list, description="What agents may grant.")
    escalation: list[EscalationStep] = Field(default_factory=list, description="Handoff path.")
    root_cause: str | None = Field(None, description="How to report the root cause, for learning.")
    self_service: list[Link] = Field(default_factory=list, description="Help pages to share.")
    related: list[Slug] = Field(default_factory=list, description="Ids of related scenarios.")
    first_response: Duration | None = Field(
        None, description="Tighter first-response target than the channel's, if any."
    )
