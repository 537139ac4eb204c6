"""Policy diff: what a change to the playbook means for people, riskiest first (`playbook diff`).

A reviewer reading a YAML diff does not see that a line grants five times more money or sends
media enquiries to a team that cannot close cases. This module compares two decoded playbooks
(the base revision and the working tree, both through the same loader and model) and lists what
changes for agents and customers: limits per role and action, what each role may do, where each
escalation path ends and how fast, replies added, removed, re-approved or reworded (with the
house style's findings on the new text), channels and response targets, scenarios added,
removed or moved. Each change carries a risk: more money, fewer checks and a path ending
somewhere new come first.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from .model import EscalationStep, Policy, Scenario, format_duration
from .model.common import parse_duration
from .model.limits import raw_limit
from .playbook import Playbook
from .views import money, trigger_words

HIGH, MEDIUM, LOW, NOTE = 3, 2, 1, 0
RISK = {HIGH: "high", MEDIUM: "medium", LOW: "low", NOTE: "note"}
UNLIMITED = 1e15


@dataclass
class Change:
    """One change as a reviewer reads it."""

    kind: str  # limit, action, route, team, channel, reply, scenario
    risk: int
    title: str
    details: list[str] = field(default_factory=list)
    file: str | None = None
    weight: float = 0.0  # within one risk: the bigger change first (money added, hours lost)

    @property
    def risk_name(self) -> str:
        return RISK[self.risk]


def _amount(limit: float | str | None) -> float:
    if limit is None:
        return 0.0
    return UNLIMITED if limit == "unlimited" else float(limit)


def _shown(policy: Policy, limit: float | str | None) -> str:
    return "nothing" if limit is None else money(policy, limit)


def _minutes(text: str | None) -> float:
    return parse_duration(text) / timedelta(minutes=1) if text else 0.0


def _policy_path(book: Playbook) -> str:
    return book.policy_document.path if book.policy_document else "playbooks/policy.yaml"


def _scenarios(book: Playbook) -> dict[str, tuple[Scenario, str]]:
    return {item.scenario.id: (item.scenario, item.document.path) for item in book.scenarios}


# -- limits and powers ---------------------------------------------------------------------------


def _overridden(book: Playbook, role: str, action: str) -> list[str]:
    return sorted(
        s.id
        for s, _ in _scenarios(book).values()
        for g in s.empowerment
        if g.action == action and role in g.limits
    )


def limit_changes(old: Playbook, new: Playbook) -> list[Change]:
    """Policy limits per role and money action, and each scenario's own overrides."""
    out: list[Change] = []
    op, np = old.policy, new.policy
    if np is None:
        return out
    actions = {a: info for a, info in (op.actions.items() if op else []) if info.money}
    actions.update({a: info for a, info in np.actions.items() if info.money})
    roles = list(np.roles) + [r for r in (op.roles if op else {}) if r not in np.roles]
    policy_path = _policy_path(new)
    for role in roles:
        role_name = (np.roles.get(role) or (op.roles[role] if op else None)).name  # type: ignore[union-attr]
        for action, info in actions.items():
            before = op.roles[role].limits.get(action) if op and role in op.roles else None
            after = np.roles[role].limits.get(action) if role in np.roles else None
            if before == after:
                continue
            raised = _amount(after) > _amount(before)
            title = f"{info.name}: a {role_name} may grant alone {_shown(np, before)} -> {_shown(np, after)}"
            details = []
            if _amount(before) and _amount(after) < UNLIMITED and raised:
                details.append(f"{_amount(after) / _amount(before):.1f} times as much as before")
            kept = _overridden(new, role, action)
            if kept:
                details.append("scenarios with their own limit for this role keep it: " + ", ".join(kept))
            out.append(
                Change(
                    "limit",
                    HIGH if raised else LOW,
                    title,
                    details,
                    policy_path,
                    weight=_amount(after) - _amount(before),
                )
            )
    old_s = _scenarios(old)
    for sid, (scenario, path) in _scenarios(new).items():
        before_s = old_s.get(sid, (None, ""))[0]
        for role in np.roles:
            for action, info in actions.items():
                # against the new policy on both sides: only the scenario's own limit moves here
                b, a = raw_limit(np, before_s, role, action), raw_limit(np, scenario, role, action)
                if b == a:
                    continue
                out.append(
                    Change(
                        "limit",
                        HIGH if _amount(a) > _amount(b) else LOW,
                        f"{info.name} in `{sid}`: a {np.roles[role].name} may grant alone "
                        f"{_shown(np, b)} -> {_shown(np, a)}",
                        ["this scenario's own limit (`empowerment`), not the policy's"],
                        path,
                        weight=_amount(a) - _amount(b),
                    )
                )
    return out


def power_changes(old: Playbook, new: Playbook) -> list[Change]:
    """Non-money actions added to or removed from a role."""
    out: list[Change] = []
    op, np = old.policy, new.policy
    if np is None:
        return out
    path = _policy_path(new)
    for role, info in np.roles.items():
        before = set(op.roles[role].may) if op and role in op.roles else set()
        after = set(info.may)
        for action in sorted(after - before):
            name = np.actions[action].name if action in np.actions else action
            out.append(Change("action", MEDIUM, f"A {info.name} may now {name.lower()} alone", [], path))
        for action in sorted(before - after):
            name = np.actions[action].name if action in np.actions else action
            out.append(Change("action", LOW, f"A {info.name} may no longer {name.lower()} alone", [], path))
    if op:
        for role in op.roles:
            if role not in np.roles:
                out.append(
                    Change("action", MEDIUM, f"Role `{role}` removed ({op.roles[role].name})", [], path)
                )
        for role in np.roles:
            if role not in op.roles:
                out.append(Change("action", MEDIUM, f"Role `{role}` added ({np.roles[role].name})", [], path))
    return out


# -- escalation ------------------------------------------------------------------------------------


def _target_name(policy: Policy | None, target: str) -> str:
    if policy and target in policy.roles:
        return policy.roles[target].name
    if policy and target in policy.teams:
        return policy.teams[target].name
    return target


def _keyed(steps: list[EscalationStep]) -> dict[tuple[str, int | None, int], EscalationStep]:
    seen: dict[tuple[str, int | None], int] = {}
    out: dict[tuple[str, int | None, int], EscalationStep] = {}
    for step in steps:
        n = seen.get((step.trigger, step.after), 0)
        seen[(step.trigger, step.after)] = n + 1
        out[(step.trigger, step.after, n)] = step
    return out


def route_changes(old: Playbook, new: Playbook) -> list[Change]:
    """Escalation steps re-routed, added, removed or given another deadline; teams that stop
    closing cases."""
    out: list[Change] = []
    op, np = old.policy, new.policy
    old_s, new_s = _scenarios(old), _scenarios(new)
    for sid, (scenario, path) in new_s.items():
        if sid not in old_s:
            continue
        before = _keyed(old_s[sid][0].escalation)
        after = _keyed(scenario.escalation)
        for key, step in after.items():
            words = trigger_words(step)
            was = before.get(key)
            if was is None:
                out.append(
                    Change(
                        "route",
                        LOW,
                        f"`{sid}`: new hand-over when {words.lower()}: to {_target_name(np, step.to)} "
                        f"within {format_duration(step.within)}",
                        [],
                        path,
                    )
                )
                continue
            if was.to != step.to:
                out.append(
                    Change(
                        "route",
                        HIGH,
                        f"`{sid}`: {words} -> {_target_name(op, was.to)} becomes {_target_name(np, step.to)}",
                        [f"deadline {format_duration(was.within)} -> {format_duration(step.within)}"]
                        if was.within != step.within
                        else [],
                        path,
                    )
                )
            elif was.within != step.within:
                slower = _minutes(step.within) > _minutes(was.within)
                out.append(
                    Change(
                        "route",
                        MEDIUM if slower else LOW,
                        f"`{sid}`: {words} -> {_target_name(np, step.to)} must act within "
                        f"{format_duration(was.within)} -> {format_duration(step.within)}",
                        [],
                        path,
                        weight=_minutes(step.within) - _minutes(was.within),
                    )
                )
        for key, was in before.items():
            if key not in after:
                out.append(
                    Change(
                        "route",
                        HIGH,
                        f"`{sid}`: hand-over removed: {trigger_words(was).lower()} -> "
                        f"{_target_name(op, was.to)} within {format_duration(was.within)}",
                        ["the frontline now keeps these cases: one check fewer"],
                        path,
                    )
                )
    if op and np:
        policy_path = _policy_path(new)
        for tid, team in np.teams.items():
            was_team = op.teams.get(tid)
            if was_team is None:
                continue
            if was_team.closes_cases and not team.closes_cases:
                ending = sorted(
                    s.id for s, _ in new_s.values() if s.escalation and s.escalation[-1].to == tid
                )
                out.append(
                    Change(
                        "team",
                        HIGH,
                        f"{team.name} can no longer close cases",
                        ["paths that end there: " + (", ".join(ending) or "none")],
                        policy_path,
                    )
                )
            elif was_team.contact != team.contact:
                out.append(
                    Change(
                        "team",
                        LOW,
                        f"{team.name}: reach them {was_team.contact} -> {team.contact}",
                        [],
                        policy_path,
                    )
                )
    return out


# -- channels --------------------------------------------------------------------------------------


def channel_changes(old: Playbook, new: Playbook) -> list[Change]:
    """Channels added or removed, response targets, public or automated flags."""
    out: list[Change] = []
    op, np = old.policy, new.policy
    if np is None:
        return out
    path = _policy_path(new)
    before = op.channels if op else {}
    for cid, ch in np.channels.items():
        was = before.get(cid)
        if was is None:
            if op:
                out.append(
                    Change(
                        "channel",
                        LOW,
                        f"Channel added: {ch.name} (answer within {format_duration(ch.first_response)})",
                        [],
                        path,
                    )
                )
            continue
        for attr, label in (("first_response", "first answer"), ("follow_up", "status updates")):
            a, b = getattr(was, attr), getattr(ch, attr)
            if a != b:
                slower = _minutes(b) > _minutes(a)
                out.append(
                    Change(
                        "channel",
                        MEDIUM if slower else LOW,
                        f"{ch.name}: {label} within {format_duration(a)} -> {format_duration(b)}",
                        [],
                        path,
                        weight=_minutes(b) - _minutes(a),
                    )
                )
        if was.public != ch.public:
            out.append(
                Change(
                    "channel", MEDIUM, f"{ch.name} is now {'public' if ch.public else 'private'}", [], path
                )
            )
        if was.automated != ch.automated:
            out.append(
                Change(
                    "channel",
                    LOW,
                    f"{ch.name} is now {'answered first by a bot' if ch.automated else 'staffed'}",
                    [],
                    path,
                )
            )
    for cid, was in before.items():
        if cid not in np.channels:
            out.append(Change("channel", MEDIUM, f"Channel removed: {was.name}", [], path))
    old_s = _scenarios(old)
    for sid, (scenario, spath) in _scenarios(new).items():
        if sid in old_s and old_s[sid][0].first_response != scenario.first_response:
            a, b = old_s[sid][0].first_response, scenario.first_response
            shown_a = format_duration(a) if a else "the channel's"
            shown_b = format_duration(b) if b else "the channel's"
            slower = (b is None) or (a is not None and _minutes(b) > _minutes(a))
            out.append(
                Change(
                    "channel",
                    MEDIUM if slower else LOW,
                    f"`{sid}`: answer within {shown_a} -> {shown_b}",
                    [],
                    spath,
                )
            )
    return out


# -- replies and scenarios -------------------------------------------------------------------------


def _wording(before: str, after: str, most: int = 12) -> list[str]:
    lines = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if not line.startswith(("---", "+++", "@@"))
    ]
    return lines[:most] + ([f"... {len(lines) - most} more lines"] if len(lines) > most else [])


def reply_changes(old: Playbook, new: Playbook, findings: dict[tuple[str, str], list[str]]) -> list[Change]:
    """Replies added, removed, reworded, re-approved, or turned into drafts."""
    out: list[Change] = []
    old_s = _scenarios(old)
    for sid, (scenario, path) in _scenarios(new).items():
        if sid not in old_s:
            continue
        before = {r.id: r for r in old_s[sid][0].replies}
        for reply in scenario.replies:
            found = findings.get((sid, reply.id), [])
            style = [f"house style: {f}" for f in found]
            was = before.get(reply.id)
            if was is None:
                out.append(
                    Change(
                        "reply", MEDIUM if found else LOW, f"`{sid}`: reply `{reply.id}` added", style, path
                    )
                )
                continue
            if (was.body, was.subject) != (reply.body, reply.subject):
                diff = _wording(
                    (was.subject or "") + "\n" + was.body, (reply.subject or "") + "\n" + reply.body
                )
                out.append(
                    Change(
                        "reply",
                        MEDIUM if found or was.approved == reply.approved else LOW,
                        f"`{sid}`: reply `{reply.id}` reworded"
                        + ("" if was.approved != reply.approved else " without a new approval"),
                        [*style, *diff],
                        path,
                    )
                )
            if was.approved is not None and reply.approved is None:
                out.append(
                    Change(
                        "reply",
                        MEDIUM,
                        f"`{sid}`: reply `{reply.id}` is a draft again (agents lose it from the site)",
                        [],
                        path,
                    )
                )
            elif reply.approved is not None and was.approved != reply.approved:
                a = reply.approved
                what = "approved" if was.approved is None else "re-approved"
                out.append(
                    Change(
                        "reply",
                        LOW,
                        f"`{sid}`: reply `{reply.id}` {what} by {a.by} on {a.on}, review by {a.review_by}",
                        [],
                        path,
                    )
                )
            if was.channel != reply.channel:
                out.append(
                    Change(
                        "reply",
                        LOW,
                        f"`{sid}`: reply `{reply.id}` moves from channel "
                        f"`{was.channel}` to `{reply.channel}`",
                        [],
                        path,
                    )
                )
        ids = {r.id for r in scenario.replies}
        for rid in before:
            if rid not in ids:
                out.append(Change("reply", MEDIUM, f"`{sid}`: reply `{rid}` removed", [], path))
    return out


def scenario_changes(old: Playbook, new: Playbook) -> list[Change]:
    out: list[Change] = []
    old_s, new_s = _scenarios(old), _scenarios(new)
    for sid, (scenario, path) in new_s.items():
        if sid not in old_s:
            out.append(
                Change(
                    "scenario",
                    LOW,
                    f"Scenario added: `{sid}` ({scenario.title})",
                    [f"{len(scenario.replies)} replies, {len(scenario.escalation)} hand-over steps"],
                    path,
                )
            )
        elif old_s[sid][0].category != scenario.category or old_s[sid][1] != path:
            out.append(
                Change("scenario", LOW, f"Scenario `{sid}` moved: {old_s[sid][1]} -> {path}", [], path)
            )
    for sid, (scenario, path) in old_s.items():
        if sid not in new_s:
            out.append(
                Change(
                    "scenario",
                    MEDIUM,
                    f"Scenario removed: `{sid}` ({scenario.title})",
                    [f"agents lose {len(scenario.replies)} replies, {len(scenario.escalation)} hand-overs"],
                    path,
                )
            )
    return out


def compare(
    old: Playbook, new: Playbook, findings: dict[tuple[str, str], list[str]] | None = None
) -> list[Change]:
    """Every change from `old` to `new`, riskiest first."""
    changes = [
        *limit_changes(old, new),
        *power_changes(old, new),
        *route_changes(old, new),
        *channel_changes(old, new),
        *reply_changes(old, new, findings or {}),
        *scenario_changes(old, new),
    ]
    order = {"limit": 0, "route": 1, "team": 2, "action": 3, "channel": 4, "reply": 5, "scenario": 6}
    return sorted(changes, key=lambda c: (-c.risk, -c.weight, order.get(c.kind, 9), c.title))


def reply_findings(book: Playbook, diagnostics: Iterable[Any]) -> dict[tuple[str, str], list[str]]:
    """The house style's findings per (scenario, reply), placed by the lines each reply spans."""
    spans: dict[str, list[tuple[int, int, str, str]]] = {}
    for item in book.scenarios:
        source = item.document.source
        for i, reply in enumerate(item.scenario.replies):
            lines = [pos.line for loc, pos in source.values.items() if loc[:2] == ("replies", i)]
            start = min(lines, default=1)
            end = max(lines, default=1) + reply.body.count("\n") + 1
            spans.setdefault(item.document.path, []).append((start, end, item.scenario.id, reply.id))
    out: dict[tuple[str, str], list[str]] = {}
    for d in diagnostics:
        if not d.rule.startswith("Playbook."):
            continue
        for start, end, sid, rid in spans.get(d.path, []):
            if start <= d.line <= end:
                out.setdefault((sid, rid), []).append(f"{d.message} [{d.rule}]")
                break
    return out


# -- reports ---------------------------------------------------------------------------------------


def _counts(changes: list[Change]) -> str:
    if not changes:
        return "no changes"
    parts = [f"{sum(c.risk == r for c in changes)} {RISK[r]}" for r in (HIGH, MEDIUM, LOW, NOTE)]
    kept = [p for p in parts if not p.startswith("0 ")]
    return f"{len(changes)} change{'s' if len(changes) != 1 else ''}: " + ", ".join(kept)


NOTHING = "No change to limits, powers, hand-overs, channels, replies or scenarios."


def format_text(changes: list[Change], base: str) -> str:
    lines = [f"playbook diff: {base} -> working tree; {_counts(changes)}"]
    if not changes:
        lines.append(NOTHING)
    for c in changes:
        lines.append(f"{c.risk_name.upper():<6} {c.kind:<8} {c.title}" + (f"  [{c.file}]" if c.file else ""))
        lines += [f"{'':16}{d}" for d in c.details]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_markdown(changes: list[Change], base: str) -> str:
    out = [f"## Playbook change review: {_counts(changes)}", "", f"Compared with {base}.", ""]
    if not changes:
        out.append(NOTHING)
        return "\n".join(out) + "\n"
    out += ["| Risk | What | Change |", "|---|---|---|"]
    for c in changes:
        mark = f"**{c.risk_name}**" if c.risk >= MEDIUM else c.risk_name
        out.append(f"| {mark} | {c.kind} | {_md(c.title)} |")
    out += ["", "### Details", ""]
    for c in changes:
        out.append(f"- **{c.risk_name}** · {c.kind} · {_md(c.title)}" + (f" (`{c.file}`)" if c.file else ""))
        plain = [d for d in c.details if not d.startswith(("+", "-")) or d.startswith("house style")]
        wording = [d for d in c.details if d not in plain]
        for d in plain:
            out.append(f"  - {_md(d)}")
        if wording:
            out += ["", "  ```diff", *[f"  {d}" for d in wording], "  ```", ""]
    return "\n".join(out) + "\n"


def format_json(changes: list[Change], base: str) -> str:
    items = []
    for c in changes:
        item = asdict(c)
        item["risk"] = c.risk_name
        items.append(item)
    return json.dumps({"base": base, "summary": _counts(changes), "changes": items}, indent=2) + "\n"


FORMATS = {"text": format_text, "markdown": format_markdown, "json": format_json}
