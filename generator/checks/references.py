"""Reference checks: every channel, role, team, action, category and related id a scenario names exists."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..diagnostics import Diagnostic, error
from ..load import Document
from ..playbook import Playbook


def _unknown(
    doc: Document,
    loc: tuple[str | int, ...],
    kind: str,
    name: str,
    known: Iterable[str],
    where: str = "policy.yaml",
    rule: str | None = None,
) -> Diagnostic:
    options = sorted(known)
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    hint = f"did you mean `{close[0]}`?" if close else f"use one of: {', '.join(options) or '(none defined)'}"
    pos = doc.source.value(loc)
    return error(
        doc.path,
        pos.line,
        pos.col,
        rule or f"unknown-{kind}",
        f"{kind} `{name}` is not defined in {where}; {hint}",
    )


def check(book: Playbook) -> list[Diagnostic]:
    policy = book.policy
    if policy is None:
        return []
    problems: list[Diagnostic] = []
    handlers = set(policy.roles) | set(policy.teams)
    if book.policy_document is not None:
        pdoc = book.policy_document
        for cid, channel in policy.channels.items():
            if channel.owner not in policy.teams:
                problems.append(
                    _unknown(pdoc, ("channels", cid, "owner"), "team", channel.owner, policy.teams, "teams")
                )
        for rid, role in policy.roles.items():
            for action in role.limits:
                if action not in policy.actions:
                    loc = ("roles", rid, "limits", action)
                    problems.append(_unknown(pdoc, loc, "action", action, policy.actions, "actions"))
                elif not policy.actions[action].money:
                    pos = pdoc.source.key(("roles", rid, "limits", action))
                    problems.append(
                        error(
                            pdoc.path,
                            pos.line,
                            pos.col,
                            "limit-on-non-money-action",
                            f"`{action}` has no amount; list it under `may:` instead",
                        )
                    )
            for i, action in enumerate(role.may):
                if action not in policy.actions:
                    problems.append(
                        _unknown(pdoc, ("roles", rid, "may", i), "action", action, policy.actions, "actions")
                    )
    ids = book.known_ids | {item.scenario.id for item in book.scenarios}
    for item in book.scenarios:
        s, doc = item.scenario, item.document
        if s.category not in policy.categories:
            problems.append(_unknown(doc, ("category",), "category", s.category, policy.categories))
        for i, reply in enumerate(s.replies):
            if reply.channel not in policy.channels:
                problems.append(
                    _unknown(doc, ("replies", i, "channel"), "channel", reply.channel, policy.channels)
                )
            if reply.sent_by is not None and reply.sent_by not in policy.roles:
                problems.append(_unknown(doc, ("replies", i, "sent_by"), "role", reply.sent_by, policy.roles))
        for i, grant in enumerate(s.empowerment):
            if grant.action not in policy.actions:
                problems.append(
                    _unknown(doc, ("empowerment", i, "action"), "action", grant.action, policy.actions)
                )
            for role_id in grant.limits:
                if role_id not in policy.roles:
                    problems.append(
                        _unknown(doc, ("empowerment", i, "limits", role_id), "role", role_id, policy.roles)
                    )
        for i, step in enumerate(s.escalation):
            if step.to not in handlers:
                problems.append(
                    _unknown(
                        doc, ("escalation", i, "to"), "role or team", step.to, handlers, rule="unknown-target"
                    )
                )
        for i, other in enumerate(s.related):
            if other not in ids:
                problems.append(_unknown(doc, ("related", i), "scenario", other, ids, "playbooks/"))
    return problems
