"""The model stage: typed policy and scenario models, decoded from loaded YAML."""

from .common import format_duration, parse_duration
from .policy import Action, Brand, Category, Channel, Placeholder, Policy, Role, Team
from .scenario import Approval, EscalationStep, Grant, Link, Reply, Scenario, Variable

__all__ = [
    "Action",
    "Approval",
    "Brand",
    "Category",
    "Channel",
    "EscalationStep",
    "Grant",
    "Link",
    "Placeholder",
    "Policy",
    "Reply",
    "Role",
    "Scenario",
    "Team",
    "Variable",
    "format_duration",
    "parse_duration",
]
