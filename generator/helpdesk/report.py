"""Report: the lines `export` and `import` print after the diagnostics, for a team lead to act on."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..diagnostics import Diagnostic, Severity

_WHY = {
    "draft": "{} draft{s} (no `approved:`)",
    "review-due": "{} past {its} review date",
    "review-overdue": "{} overdue for review",
    "spoken": "{} phone or IVR script{s} (spoken, not sent)",
}


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


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
    return line.replace("1 replys", "1 reply").replace("replys", "replies")


def style_summary(found: list[Diagnostic], macros: int, flagged: int, top: int = 5) -> list[str]:
    """How many macros the house style flags, and its most common findings."""
    lines = [f"the house style flags {flagged:,} of {plural(macros, 'macro')}"]
    rules = Counter(d.rule for d in found if d.rule.startswith("Playbook.") or d.rule.startswith("Test."))
    errors = Counter(d.rule for d in found if d.severity is Severity.ERROR and d.rule in rules)
    for rule, n in rules.most_common(top):
        lines.append(f"  {n:>5,}  {rule}" + (f" ({errors[rule]:,} errors)" if errors[rule] else ""))
    return lines
