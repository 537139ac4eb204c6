"""Policy checks on channels and measures: staffed channels, and no handle-time targets.

Lessons D and E.3 (a channel nobody answers) and E.2 (time-on-call targets push agents to cut
customers off).
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, warning
from ..playbook import Playbook

_HANDLE_TIME = re.compile(
    r"\b(?:(?:average )?handl(?:e|ing) time|AHT|time on (?:the )?call|call (?:length|duration)|talk time)\b",
    re.IGNORECASE,
)


def check(book: Playbook) -> list[Diagnostic]:
    policy, doc = book.policy, book.policy_document
    if policy is None or doc is None:
        return []
    problems: list[Diagnostic] = []
    for i, measure in enumerate(policy.measures):
        if _HANDLE_TIME.search(measure):
            pos = doc.source.value(("measures", i))
            problems.append(
                warning(
                    doc.path,
                    pos.line,
                    pos.col,
                    "handle-time-target",
                    "a handle-time target pushes agents to end contacts before the problem "
                    "is solved; measure resolution, repeat contacts or churn instead",
                )
            )
    return problems
