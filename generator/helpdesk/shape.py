"""Shape: the playbook's own record of an exported reply (the `json` and `csv` formats).

One `ExportedReply` per approved reply, with what every target needs: the scenario's title,
category and tags, the channel, the subject, the body in the playbook's placeholder syntax and
the stable external id `<scenario>--<reply>`. `playbook schema --export` prints the JSON Schema
of the whole file (`ReplyExport`); the vendor writers start from the same records.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model.common import Duration, Ident, PlaceholderName, Slug
from ..model.policy import ChannelKind
from ..model.scenario import Intent, Tone

EXTERNAL_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*--[a-z0-9]+(?:-[a-z0-9]+)*$"
SEPARATOR = "--"


def external_id(scenario: str, reply: str) -> str:
    """The id a help desk object keeps across exports, so a re-export updates it."""
    return f"{scenario}{SEPARATOR}{reply}"


def label(reply_id: str) -> str:
    """A reply id as an agent reads it in a menu: `email-duplicate-refunded` -> `Email duplicate refunded`."""
    words = reply_id.replace("-", " ")
    return words[:1].upper() + words[1:]


class ExportedVariable(BaseModel):
    """A scenario variable the reply uses: what the agent fills in, and an example."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    example: str | int | float


class ExportedReply(BaseModel):
    """One approved reply, as every export target receives it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    external_id: str = Field(pattern=EXTERNAL_ID_PATTERN, description="`<scenario>--<reply>`, stable.")
    scenario: Slug = Field(description="Scenario id.")
    reply: Slug = Field(description="Reply id within the scenario.")
    title: str = Field(description="The scenario's title.")
    category: Slug = Field(description="Category id from policy.yaml.")
    category_title: str = Field(description="The category's title, as the navigation shows it.")
    tags: list[Slug] = Field(description="The scenario's tags.")
    channel: Ident = Field(description="Channel id from policy.yaml.")
    channel_kind: ChannelKind = Field(description="What sort of channel it is.")
    subject: str | None = Field(description="Subject line (email), placeholders in playbook syntax.")
    body: str = Field(description="The reply, lines of a paragraph joined, placeholders as `{{ name }}`.")
    purpose: str = Field(description="When to send it.")
    tone: Tone
    intent: Intent
    sent_by: Ident | None = Field(description="Lowest role that sends it (null: the frontline role).")
    follow_up: Duration | None = Field(description="When we contact the customer again, if set.")
    variables: dict[PlaceholderName, ExportedVariable] = Field(
        description="The scenario variables the subject and body use (policy placeholders are not listed)."
    )
    approved_by: str
    approved_on: date
    review_by: date


class ReplyExport(BaseModel):
    """The whole `playbook export --to json` file."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["playbook-replies"] = "playbook-replies"
    version: Literal[1] = 1
    brand: str = Field(description="Brand name from policy.yaml.")
    exported_on: date
    replies: list[ExportedReply]


def export_schema() -> dict[str, Any]:
    from ..schema import json_schema

    return json_schema(ReplyExport, "Playbook reply export")


def export_schema_json() -> str:
    return json.dumps(export_schema(), indent=2, ensure_ascii=False)


CSV_COLUMNS: tuple[str, ...] = tuple(ExportedReply.model_fields)
"""The `csv` format's header: one column per field, in this order."""
