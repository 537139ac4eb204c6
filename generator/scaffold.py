"""Scaffold: write a new scenario file whose every free-text value is a TODO to replace.

The file is valid against the schema from the start (choices take the policy's first options),
so `playbook check` on it reports exactly one `todo` error per value still to write.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from .load import load_file
from .model import Policy
from .model.common import SLUG_PATTERN
from .project import Project
from .validate import validate

_SLUG = re.compile(SLUG_PATTERN)

TEMPLATE = """\
# A new scenario: replace each value marked as still to write, then run: playbook check {path}
id: {id}
title: TODO a short title an agent recognises
category: {category}
severity: medium
tags: []
summary: >-
  TODO two or three sentences: what happened to the customer, and what we do about it.
signals:
  - TODO words a customer uses when this happens
fault: unknown
do:
  - TODO what the agent does first
dont:
  - TODO what the agent must never do here
variables: {{}}
replies:
  - id: {channel}-first-reply
    channel: {channel}
    tone: warm
    intent: resolve
    purpose: TODO when to send this reply
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
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
