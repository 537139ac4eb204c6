"""The policy model: brand, channels, roles and their limits, teams, categories, placeholders.

Part of the model stage. `playbooks/policy.yaml` decodes into `Policy`; every scenario is checked
against it (channels, roles, teams and actions must exist there).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from .common import Duration, Ident, Limit, PlaceholderName, Slug, Strict, Text

ChannelKind = Literal[
    "email", "letter", "chat", "phone", "social", "review", "form", "survey", "bot", "ivr", "sms"
]

HelpDesk = Literal["zendesk", "freshdesk", "helpscout"]


class Brand(Strict):
    """The company the playbook speaks for."""

    name: Text = Field(description="Brand name as customers see it.")
    website: str | None = Field(None, description="Public website address.")
    help_center: str | None = Field(None, description="Self-service help centre address.")
    domain: str | None = Field(
        None,
        pattern=r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$",
        description="The brand's own e-mail domain, e.g. `brightwell.com`: the personal-data check "
        "accepts any address at it or its subdomains.",
    )


class Channel(Strict):
    """A way customers reach us, with who owns it and how fast it must be answered."""

    name: Text = Field(description="Name shown to agents, e.g. `Live chat`.")
    kind: ChannelKind = Field(description="What sort of channel this is.")
    public: bool = Field(description="True when other people can read the conversation.")
    automated: bool = Field(False, description="True for bots and IVR menus answering first.")
    owner: Ident = Field(description="Team id that staffs and answers this channel.")
    first_response: Duration = Field(description="Longest wait for a first human answer.")
    follow_up: Duration = Field(description="Status-update cadence while a case stays open.")
    hours: str | None = Field(None, description="When the channel is staffed, e.g. `24/7`.")


class Role(Strict):
    """A support role, with what it may grant alone."""

    name: Text = Field(description="Role name, e.g. `Support agent`.")
    limits: dict[Ident, Limit] = Field(
        default_factory=dict, description="Money limit per action id (policy currency)."
    )
    may: list[Ident] = Field(default_factory=list, description="Non-money actions this role may take.")


class Team(Strict):
    """A team that receives handoffs."""

    name: Text = Field(description="Team name.")
    contact: Text = Field(description="How to hand over: queue, channel or phone line.")
    closes_cases: bool = Field(True, description="True when the team may resolve and close a case.")
    hours: str | None = Field(None, description="When the team is reachable.")


class Action(Strict):
    """Something an agent can do for a customer."""

    name: Text = Field(description="Action name, e.g. `Refund`.")
    money: bool = Field(description="True when the action has an amount (refund, credit...).")


class Category(Strict):
    """A group of scenarios; each has a folder of the same id under `playbooks/`."""

    title: Text = Field(description="Category title shown in the navigation.")
    description: str | None = Field(None, description="One line on what belongs here.")


class Placeholder(Strict):
    """A value every reply may use, such as the customer's first name."""

    description: Text = Field(description="What the placeholder holds.")
    example: str | int | float = Field(description="Example value used for previews and lint.")


class Policy(Strict):
    """The whole of `policy.yaml`."""

    brand: Brand
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. `USD`.")
    currency_symbol: str = Field("$", description="Symbol written before amounts.")
    categories: dict[Slug, Category] = Field(min_length=1, description="Scenario categories, in nav order.")
    channels: dict[Ident, Channel] = Field(min_length=1, description="Contact channels.")
    roles: dict[Ident, Role] = Field(min_length=1, description="Roles, lowest seniority first.")
    teams: dict[Ident, Team] = Field(default_factory=dict, description="Teams that take handoffs.")
    actions: dict[Ident, Action] = Field(default_factory=dict, description="Known actions.")
    placeholders: dict[PlaceholderName, Placeholder] = Field(
        default_factory=dict, description="Placeholders every reply may use."
    )
    helpdesk: dict[HelpDesk, dict[PlaceholderName, str | None]] = Field(
        default_factory=dict,
        description="Per help desk, placeholder name -> that tool's name (custom fields), for "
        "`playbook export` and `import`; null means the tool cannot express it.",
    )
    measures: list[Text] = Field(default_factory=list, description="What the support team measures.")
    public_contacts: list[Text] = Field(
        default_factory=list,
        description="Phone numbers, e-mail addresses and account numbers the company publishes "
        "itself (the support line, the press desk): the personal-data check accepts exactly these.",
    )
    review_grace_days: int = Field(30, ge=0, description="Days past `review_by` before it is an error.")

    @field_validator("currency_symbol")
    @classmethod
    def _symbol(cls, value: str) -> str:
        if not value or len(value) > 4:
            raise ValueError("use a short currency symbol such as `$` or `€`")
        return value

    @property
    def frontline(self) -> str:
        """The lowest-seniority role: who answers first."""
        return next(iter(self.roles))
