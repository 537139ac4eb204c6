"""Approval checks: every reply is approved by a named person and reviewed on time.

A reply without `approved:` is a draft: it is reported and left out of the site. A reply past
its `review_by` date is a warning; past it by more than the policy's grace, an error.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from ..diagnostics import Diagnostic, error, warning
from ..model import Reply
from ..playbook import Playbook

TODAY_VARIABLE = "PLAYBOOK_TODAY"
"""Set to YYYY-MM-DD to check approvals as of another day (tests, release rehearsals)."""


def today() -> date:
    value = os.environ.get(TODAY_VARIABLE)
    return date.fromisoformat(value) if value else date.today()


def state(reply: Reply, now: date, grace: timedelta) -> str:
    """`draft`, `review-overdue`, `review-due` or `approved`: what a reply's approval says today.

    Only an `approved` reply is current; the site leaves drafts out and export takes only these.
    """
    if reply.approved is None:
        return "draft"
    due = reply.approved.review_by
    if due + grace < now:
        return "review-overdue"
    return "review-due" if due < now else "approved"


def check(book: Playbook) -> list[Diagnostic]:
    if book.policy is None:
        return []
    now = today()
    grace = timedelta(days=book.policy.review_grace_days)
    problems: list[Diagnostic] = []
    for item in book.scenarios:
        doc = item.document
        for i, reply in enumerate(item.scenario.replies):
            status = state(reply, now, grace)
            if reply.approved is None:
                pos = doc.source.value(("replies", i, "id"))
                problems.append(
                    warning(
                        doc.path,
                        pos.line,
                        pos.col,
                        "draft",
                        f"reply `{reply.id}` is a draft: it has no `approved:` and is left "
                        "out of the site until someone approves it",
                    )
                )
                continue
            due = reply.approved.review_by
            pos = doc.source.value(("replies", i, "approved", "review_by"))
            if status == "review-overdue":
                problems.append(
                    error(
                        doc.path,
                        pos.line,
                        pos.col,
                        "review-overdue",
                        f"review was due on {due}, more than {grace.days} days ago; review the "
                        "reply and renew `approved:`, or remove it",
                    )
                )
            elif status == "review-due":
                problems.append(
                    warning(
                        doc.path,
                        pos.line,
                        pos.col,
                        "review-due",
                        f"review was due on {due}; review the reply and renew `approved:`",
                    )
                )
    return problems
