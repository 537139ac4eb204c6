"""The checks stage: cross-document rules over the decoded playbook.

Each module holds one family of checks as a function `check(book) -> list[Diagnostic]`;
`CHECKS` lists them explicitly, in the order they run; `scan.py` holds the text helpers the
checks that look inside values share (TODO markers, personal data, secrets). One check runs
after the replies stage: `personal_data.check_composed`, on replies rendered with their
examples (called by `pipeline.run`).
"""

from __future__ import annotations

from collections.abc import Callable

from ..diagnostics import Diagnostic
from ..playbook import Playbook
from . import approvals, channels, empowerment, escalation, identity, personal_data, references, secrets, todo

Check = Callable[[Playbook], list[Diagnostic]]

CHECKS: tuple[Check, ...] = (
    identity.check,
    references.check,
    todo.check,
    empowerment.check,
    escalation.check,
    approvals.check,
    channels.check,
    personal_data.check,
    secrets.check,
)


def run_checks(book: Playbook) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for check in CHECKS:
        problems.extend(check(book))
    return problems
