"""Empowerment checks: limits rise with seniority, and no reply promises more than its sender may grant.

Lessons C and E.1: an agent who cannot refund an obviously wrong charge, or a reply that promises
what nobody approved, both fail the customer. Amounts are in the policy currency.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, error, warning
from ..model import Policy, Scenario
from ..model.limits import Limit, covers, effective_limit, may_act
from ..playbook import Playbook, ScenarioFile

_MONEY_WORDS = re.compile(
    r"\b(?:refund\w*|credit\w*|reimburs\w*|waiv\w*|compensat\w*|goodwill|voucher|gift card|discount\w*"
    r"|pay(?:ing)? (?:you|back)|paid back|send you|give you|back to your|cover\w*)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")


def _amount_pattern(symbol: str) -> re.Pattern[str]:
    return re.compile(re.escape(symbol) + r"\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?")


def parse_amount(text: str, symbol: str) -> float | None:
    match = _amount_pattern(symbol).fullmatch(text.strip())
    if not match:
        return None
    return float(match.group(0)[len(symbol) :].replace(",", "").strip())


def _sentence_around(text: str, start: int, end: int) -> str:
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    stop = _SENTENCE_END.search(text, end)
    return text[begin : stop.start() if stop else len(text)]


def promised_amounts(body: str, policy: Policy, scenario: Scenario) -> list[tuple[int, float, str]]:
    """(offset in the template, amount, how it was written) for each amount offered as money back."""
    symbol = policy.currency_symbol
    found: list[tuple[int, float, str]] = []
    for match in _amount_pattern(symbol).finditer(body):
        amount = parse_amount(match.group(0), symbol)
        if amount is not None:
            found.append((match.start(), amount, match.group(0)))
    examples = {name: v.example for name, v in scenario.variables.items()}
    examples.update({name: p.example for name, p in policy.placeholders.items()})
    for match in re.finditer(r"\{\{\s*([a-z][a-z0-9_.]*)\s*(?:\|[^}]*)?\}\}", body):
        example = examples.get(match.group(1))
        amount = parse_amount(example, symbol) if isinstance(example, str) else None
        if amount is not None:
            found.append((match.start(), amount, f"{{{{ {match.group(1)} }}}} (example {example})"))
    return [
        (at, amount, shown)
        for at, amount, shown in found
        if _MONEY_WORDS.search(_sentence_around(body, at, at + 1))
    ]


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _junior_limit(policy: Policy, scenario: Scenario | None, role: str, action: str) -> Limit | None:
    """What the role just below `role` may grant: a limit written for `role` must not be lower."""
    roles = list(policy.roles)
    index = roles.index(role)
    return effective_limit(policy, scenario, roles[index - 1], action) if index else None


def _falls(limit: Limit, junior: Limit | None) -> bool:
    return junior is not None and not covers(limit, _as_amount(junior))


def _policy_limits(book: Playbook) -> list[Diagnostic]:
    policy, doc = book.policy, book.policy_document
    if policy is None or doc is None:
        return []
    problems = []
    for role, info in policy.roles.items():
        for action, limit in info.limits.items():
            junior = _junior_limit(policy, None, role, action)
            if _falls(limit, junior):
                pos = doc.source.value(("roles", role, "limits", action))
                problems.append(
                    error(
                        doc.path,
                        pos.line,
                        pos.col,
                        "limit-falls",
                        f"{info.name} may grant {action} up to {limit}, less than a more junior role "
                        f"({junior}); a senior role's limit must be at least as high",
                    )
                )
    return problems


def _as_amount(limit: float | str) -> float:
    return float("inf") if limit == "unlimited" else float(limit)


def _scenario(policy: Policy, item: ScenarioFile) -> list[Diagnostic]:
    s, doc = item.scenario, item.document
    problems: list[Diagnostic] = []
    for i, grant in enumerate(s.empowerment):
        info = policy.actions.get(grant.action)
        if info is None:
            continue  # reported by the reference checks
        if grant.limits and not info.money:
            pos = doc.source.key(("empowerment", i, "limits"))
            problems.append(
                error(
                    doc.path,
                    pos.line,
                    pos.col,
                    "limit-on-non-money-action",
                    f"`{grant.action}` has no amount, so it takes no limits; remove `limits:`",
                )
            )
            continue
        for role, limit in grant.limits.items():
            if role not in policy.roles:
                continue
            below = _junior_limit(policy, s, role, grant.action)
            if _falls(limit, below):
                pos = doc.source.value(("empowerment", i, "limits", role))
                problems.append(
                    error(
                        doc.path,
                        pos.line,
                        pos.col,
                        "limit-falls",
                        f"here `{role}` may grant {grant.action} up to {limit}, less than a "
                        f"more junior role ({below}); raise it or remove the override",
                    )
                )
    money_actions = [
        g.action for g in s.empowerment if g.action in policy.actions and policy.actions[g.action].money
    ]
    if not money_actions:
        money_actions = [a for a, info in policy.actions.items() if info.money]
    for i, reply in enumerate(s.replies):
        sender = reply.sent_by if reply.sent_by in policy.roles else policy.frontline
        for offset, amount, shown in promised_amounts(reply.body, policy, s):
            if any(covers(effective_limit(policy, s, sender, a), amount) for a in money_actions):
                continue
            best = max(
                (effective_limit(policy, s, sender, a) or 0 for a in money_actions),
                key=lambda v: _as_amount(v),
            )
            line, col = _line_col(reply.body, offset)
            pos = doc.source.in_text(("replies", i, "body"), line, col)
            problems.append(
                error(
                    doc.path,
                    pos.line,
                    pos.col,
                    "promise-above-limit",
                    f"this reply offers {shown} but a {policy.roles[sender].name} may grant at most "
                    f"{policy.currency_symbol}{_as_amount(best):,.2f} for {', '.join(money_actions)}; "
                    "raise the limit for this scenario under `empowerment`, or set `sent_by:` to a role "
                    "that may",
                )
            )
    if s.fault == "ours":
        front = policy.frontline
        doable = [
            g
            for g in s.empowerment
            if g.action in policy.actions
            and (
                (
                    policy.actions[g.action].money
                    and (effective_limit(policy, s, front, g.action) or 0) not in (0, 0.0)
                )
                or (not policy.actions[g.action].money and may_act(policy, front, g.action))
            )
        ]
        if not doable:
            pos = doc.source.value(("fault",))
            problems.append(
                warning(
                    doc.path,
                    pos.line,
                    pos.col,
                    "frontline-cannot-fix",
                    f"we are at fault, yet a {policy.roles[front].name} may grant nothing here "
                    "alone; add an `empowerment` grant the frontline can give on first contact",
                )
            )
    return problems


def check(book: Playbook) -> list[Diagnostic]:
    if book.policy is None:
        return []
    problems = _policy_limits(book)
    for item in book.scenarios:
        problems += _scenario(book.policy, item)
    return problems
