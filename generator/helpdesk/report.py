"""Report: the lines `export` and `import` print after the diagnostics, for a team lead to act on."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Severity

_WHY = {
    "draft": "{} draft{s} (no `approved:`)",
    "review-due": "{} past {its} review date",
    "review-overdue": "{} overdue for review",
    "spoken": "{} phone or IVR script{s} (spoken, not sent)",
}


def plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{n:,} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"


def export_summary(outcome: object, target: str, out: Path) -> str:
    written = getattr(outcome, "written", 0)
    scenarios = getattr(outcome, "scenarios", 0)
    left_out: Counter[str] = Counter(getattr(outcome, "left_out", {}))
    line = f"wrote {out}: {plural(written, 'reply')} from {plural(scenarios, 'scenario')} ({target})"
    reasons = [
        _WHY[k].format(n, s="" if n == 1 else "s", its="its" if n == 1 else "their")
        for k, n in sorted(left_out.items())
        if n
    ]
    if reasons:
        line += "; left out: " + ", ".join(reasons)
    return line


def style_summary(found: list[Diagnostic], macros: int, flagged: int, top: int = 5) -> list[str]:
    """How many macros the house style flags, and its most common findings."""
    lines = [f"the house style flags {flagged:,} of {plural(macros, 'macro')}"]
    rules = Counter(d.rule for d in found if d.rule.startswith("Playbook.") or d.rule.startswith("Test."))
    errors = Counter(d.rule for d in found if d.severity is Severity.ERROR and d.rule in rules)
    for rule, n in rules.most_common(top):
        lines.append(f"  {n:>5,}  {rule}" + (f" ({plural(errors[rule], 'error')})" if errors[rule] else ""))
    return lines


def import_summary(plan: Any, result: Any | None) -> list[str]:
    """What an import did, the house style's view of the old text, and what to do next."""
    files = plan.files
    replies = sum(f.replies for f in files)
    lines = [
        f"✔ imported {plural(replies, 'reply')} from {plural(plan.macros, 'macro')} into "
        f"{plural(len(files), 'scenario draft')}; {plural(len(plan.skipped), 'item')} skipped, "
        f"{plural(len(plan.warnings), 'warning')}"
    ]
    if result is not None:
        style = [d for d in result.diagnostics if "." in d.rule]  # Vale rules are `Style.Rule`
        by_reply: set[tuple[str, int]] = set()
        starts = {
            item.document.path: sorted(
                (item.document.source.value(("replies", i)).line, i)
                for i in range(len(item.scenario.replies))
            )
            for item in result.book.scenarios
        }
        for d in style:
            index = [i for line, i in starts.get(d.path, []) if line <= d.line]
            by_reply.add((d.path, index[-1] if index else -1))
        lines += style_summary(style, replies, len(by_reply))
        policy = Counter(
            d.rule for d in result.diagnostics if d.rule not in ("todo", "draft") and "." not in d.rule
        )
        if policy:  # e.g. an old macro promising more than the frontline may grant
            found = ", ".join(f"{rule} ({n:,})" for rule, n in policy.most_common())
            lines.append(f"the policy checks also flag the old text: {found}; `playbook check` says where")
        todo = sum(1 for d in result.diagnostics if d.rule == "todo")
        lines.append(f"{plural(todo, 'TODO')} to fill in; every reply is a draft until someone approves it")
    if files:
        folders = sorted({f.shown.rsplit("/", 1)[0] + "/" for f in files})
        lines.append(f"next: playbook check {' '.join(folders[:3])}{' ...' if len(folders) > 3 else ''}")
    return lines
