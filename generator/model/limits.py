"""Limits: what a role may grant in a scenario, after the scenario's overrides and seniority.

Part of the model: one definition of "may this role grant this much", used by the checks (a
reply must not promise more) and by the pages (what the frontline may grant alone).
"""

from __future__ import annotations

from .policy import Policy
from .scenario import Scenario

Limit = float | str  # an amount, or "unlimited"


def raw_limit(policy: Policy, scenario: Scenario | None, role: str, action: str) -> Limit | None:
    """The limit written for `role` and `action`: the scenario's override, else the policy's."""
    if scenario is not None:
        for grant in scenario.empowerment:
            if grant.action == action and role in grant.limits:
                return grant.limits[role]
    if role not in policy.roles:
        return None
    return policy.roles[role].limits.get(action)


def greater(a: Limit | None, b: Limit | None) -> Limit | None:
    if a is None:
        return b
    if b is None:
        return a
    if a == "unlimited" or b == "unlimited":
        return "unlimited"
    return max(float(a), float(b))


def covers(limit: Limit | None, amount: float) -> bool:
    return limit == "unlimited" or (limit is not None and float(limit) >= amount)


def effective_limit(policy: Policy, scenario: Scenario | None, role: str, action: str) -> Limit | None:
    """What `role` may grant alone: a senior role may always grant what a junior one may."""
    result: Limit | None = None
    for name in policy.roles:
        result = greater(result, raw_limit(policy, scenario, name, action))
        if name == role:
            return result
    return None


def may_act(policy: Policy, role: str, action: str) -> bool:
    """Whether `role` may take a non-money action, by itself or through a junior role."""
    for name, info in policy.roles.items():
        if action in info.may:
            return True
        if name == role:
            return False
    return False


def first_role_covering(policy: Policy, scenario: Scenario | None, action: str, amount: float) -> str | None:
    for name in policy.roles:
        if covers(effective_limit(policy, scenario, name, action), amount):
            return name
    return None
