"""Writers: the export records as each target's file, shaped as the vendor documents its objects.

- zendesk: the shape of `GET /api/v2/macros` (`{"macros": [...], "count": n}`), each macro
  `{title, description, active, actions: [{field, value}]}` with the actions `comment_value`,
  `subject` (email) and `set_tags`; the title `Category::Scenario::Reply` nests it in Zendesk's
  macro menu. (developer.zendesk.com/api-reference/ticketing/business-rules/macros/)
- freshdesk: canned responses `{title, content_html, visibility}` in one folder per category
  (`{"canned_response_folders": [{"name", "canned_responses": [...]}]}`); Freshdesk folders are
  made by name, so a folder's id is only known after upload. (developers.freshdesk.com/api/#canned-responses)
- helpscout: saved replies `{name, text}` (email, HTML) or `{name, chatText}` (chat, plain), as
  `POST /v2/mailboxes/{id}/saved-replies` takes them.
  (developer.helpscout.com/mailbox-api/endpoints/mailboxes/saved_Replies/saved-replies-create)
- json: `ReplyExport` (see `shape.py`); csv: one reply a row, the same fields.

Every vendor object also carries `"playbook": {...}`: the external id, scenario, reply, category,
tags and channel. It is not a vendor field: an upload script keys on `playbook.external_id` to
update the object it made last time, and removes the block before sending (see README).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .htmltext import to_html
from .shape import CSV_COLUMNS, ExportedReply, ReplyExport, label

CHAT_KINDS = frozenset({"chat", "bot", "sms", "social"})
"""Channel kinds Help Scout answers with a saved reply's `chatText`; the others take `text`."""

SPOKEN_KINDS = frozenset({"phone", "ivr"})
"""Channel kinds whose replies are read aloud: no help desk sends them, so only json and csv carry them."""


@dataclass(frozen=True)
class Entry:
    """One reply to write: its record, and its body and subject in the target's placeholder syntax."""

    record: ExportedReply
    body: str
    subject: str | None


def _meta(r: ExportedReply) -> dict[str, Any]:
    return {
        "external_id": r.external_id,
        "scenario": r.scenario,
        "reply": r.reply,
        "category": r.category,
        "tags": list(r.tags),
        "channel": r.channel,
        "purpose": r.purpose,
        "tone": r.tone,
        "intent": r.intent,
        "follow_up": r.follow_up,
        "variables": {name: v.model_dump(mode="json") for name, v in r.variables.items()},
    }


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def zendesk(entries: list[Entry], brand: str, today: date) -> str:
    macros = []
    for e in entries:
        r = e.record
        actions: list[dict[str, Any]] = [{"field": "comment_value", "value": e.body}]
        if e.subject and r.channel_kind not in CHAT_KINDS:
            actions.append({"field": "subject", "value": e.subject})
        if r.tags:
            actions.append({"field": "set_tags", "value": " ".join(r.tags)})
        macros.append(
            {
                "title": f"{r.category_title}::{r.title}::{label(r.reply)}",
                "description": r.purpose,
                "active": True,
                "actions": actions,
                "playbook": _meta(r),
            }
        )
    return _dump({"macros": macros, "count": len(macros)})


def freshdesk(entries: list[Entry], brand: str, today: date) -> str:
    folders: dict[str, list[dict[str, Any]]] = {}
    for e in entries:
        r = e.record
        folders.setdefault(r.category_title, []).append(
            {
                "title": f"{r.title}::{label(r.reply)}",
                "content_html": to_html(e.body),
                "visibility": 0,  # required on create: 0 = visible to all agents
                "playbook": _meta(r),
            }
        )
    return _dump(
        {"canned_response_folders": [{"name": name, "canned_responses": rs} for name, rs in folders.items()]}
    )


def helpscout(entries: list[Entry], brand: str, today: date) -> str:
    replies = []
    for e in entries:
        r = e.record
        name = f"{r.category_title}::{r.title}::{label(r.reply)}"
        if r.channel_kind in CHAT_KINDS:
            replies.append({"name": name, "chatText": e.body, "playbook": _meta(r)})
        else:
            replies.append({"name": name, "text": to_html(e.body), "playbook": _meta(r)})
    return _dump(replies)


def json_export(entries: list[Entry], brand: str, today: date) -> str:
    doc = ReplyExport(brand=brand, exported_on=today, replies=[e.record for e in entries])
    return _dump(doc.model_dump(mode="json"))


def csv_export(entries: list[Entry], brand: str, today: date) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for e in entries:
        row = e.record.model_dump(mode="json")
        row["tags"] = " ".join(row["tags"])
        row["variables"] = json.dumps(row["variables"], ensure_ascii=False) if row["variables"] else ""
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


Writer = Callable[[list[Entry], str, date], str]
WRITERS: dict[str, Writer] = {
    "zendesk": zendesk,
    "freshdesk": freshdesk,
    "helpscout": helpscout,
    "json": json_export,
    "csv": csv_export,
}
SUFFIX = {"zendesk": ".json", "freshdesk": ".json", "helpscout": ".json", "json": ".json", "csv": ".csv"}
