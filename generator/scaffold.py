"""Scaffold: write a new scenario file whose every free-text value is a TODO to replace.

The file is valid against the schema from the start (choices take the policy's first options),
so `playbook check` on it reports exactly one `todo` error per value still to write. Help desk
import writes its drafts in the same shape, with the same TODO texts (`draft_yaml`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from .load import load_file
from .model import Policy
from .model.common import SLUG_PATTERN
from .project import Project
from .validate import validate

_SLUG = re.compile(SLUG_PATTERN)

TODO_SUMMARY = "TODO two or three sentences: what happened to the customer, and what we do about it."
TODO_SIGNAL = "TODO words a customer uses when this happens"
TODO_DO = "TODO what the agent does first"
TODO_DONT = "TODO what the agent must never do here"
TODO_PURPOSE = "TODO when to send this reply"

TEMPLATE = """\
# A new scenario: replace each value marked as still to write, then run: playbook check {path}
id: {id}
title: TODO a short title an agent recognises
category: {category}
severity: medium
tags: []
summary: >-
  {todo_summary}
signals:
  - {todo_signal}
fault: unknown
do:
  - {todo_do}
dont:
  - {todo_dont}
variables: {{}}
replies:
  - id: {channel}-first-reply
    channel: {channel}
    tone: warm
    intent: resolve
    purpose: {todo_purpose}
    body: |
      Hi {{{{ customer.first_name }}}},

      TODO the reply: name the customer's actual issue, say what you have done or will do, and by when.

      {{{{ agent.first_name }}}}
      {{{{ brand.name }}}} Support
    approved:
      by: TODO approver's full name
      on: {today}
      review_by: {review}
empowerment: []
escalation: []
"""


class _DraftDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style throughout; text with line breaks as a `|` block, as a writer would type it.
    (libyaml's emitter when present: an import of thousands of macros writes thousands of files.)"""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_DraftDumper.add_representer(str, _text)


def draft_yaml(header: list[str], fields: dict[str, Any], notes: dict[str, str]) -> str:
    """A scenario file: `header` as comments, then each top-level key in order; `notes[key]` is
    written as a comment after a one-line value (`fault: unknown  # TODO ...`), so `playbook
    check` points at a choice or an empty list still to decide."""
    body = yaml.dump(
        fields, Dumper=_DraftDumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    lines = body.rstrip("\n").split("\n")
    for n, line in enumerate(lines):
        key = line.split(":", 1)[0]
        if key in notes and not line.startswith(" ") and line != f"{key}:":
            following = lines[n + 1] if n + 1 < len(lines) else ""
            if not following.startswith((" ", "-")):  # a one-line value, not the head of a block
                lines[n] = f"{line}  # {notes[key]}"
    out = [f"# {line}" if line else "#" for line in header]
    return "\n".join(out + lines) + "\n"


class ScaffoldError(Exception):
    """The scaffold cannot be written (bad id, unknown category, file exists)."""


def scaffold(project: Project, scenario_id: str, category: str, today: date | None = None) -> Path:
    if not _SLUG.match(scenario_id):
        raise ScaffoldError(
            f"`{scenario_id}` is not a valid id; use lower-case words joined by hyphens, e.g. `late-delivery`"
        )
    document, _problems = load_file(project.playbooks / "policy.yaml", "playbooks/policy.yaml")
    policy, _ = (None, []) if document.data is None else validate(document, Policy)
    if policy is None:
        raise ScaffoldError("playbooks/policy.yaml has errors; run `playbook check` and fix it first")
    if category not in policy.categories:
        raise ScaffoldError(
            f"category `{category}` is not in policy.yaml; use one of: {', '.join(policy.categories)}"
        )
    target = project.playbooks / category / f"{scenario_id}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target.relative_to(project.root).as_posix()} already exists")
    today = today or date.today()
    text = TEMPLATE.format(
        id=scenario_id,
        category=category,
        channel=next(iter(policy.channels)),
        today=today.isoformat(),
        review=(today + timedelta(days=182)).isoformat(),
        path=target.relative_to(project.root).as_posix(),
        todo_summary=TODO_SUMMARY,
        todo_signal=TODO_SIGNAL,
        todo_do=TODO_DO,
        todo_dont=TODO_DONT,
        todo_purpose=TODO_PURPOSE,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
