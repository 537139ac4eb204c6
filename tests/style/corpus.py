"""The labelled reply corpus: load it, lint each reply as lint-reply would, score the style.

`python -m tests.style.corpus` prints precision and recall; the tests assert every label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.diagnostics import Diagnostic
from generator.lint_reply import UNKNOWN, DraftContext, channel_kind, lint_draft
from generator.project import Project

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Sample:
    """One labelled reply: its context, its text and the rules it must trigger (none if good)."""

    id: str
    text: str
    good: bool
    expect: tuple[str, ...] = ()
    context: dict[str, str] = field(default_factory=dict)


def load(name: str) -> list[Sample]:
    rows = yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))
    good = name.startswith("good")
    keys = ("channel", "tone", "fault", "intent")
    return [
        Sample(r["id"], r["text"], good, tuple(r.get("expect", ())), {k: r[k] for k in keys if k in r})
        for r in rows
    ]


def samples() -> list[Sample]:
    return load("bad.yaml") + load("good.yaml")


def lint_sample(sample: Sample, project: Project | None = None) -> list[Diagnostic]:
    project = project or Project(ROOT)
    c = sample.context
    context = DraftContext(
        channel_kind(project, c.get("channel")),
        c.get("tone", UNKNOWN),
        c.get("fault", UNKNOWN),
        c.get("intent", UNKNOWN),
    )
    return lint_draft(project, sample.text, context, f"{sample.id}.txt")


def score() -> dict[str, float]:
    """Reply-level precision and recall (flagged = any alert), and recall of each expected rule."""
    tp = fp = fn = 0
    hits = wanted = 0
    for s in samples():
        found = lint_sample(s)
        rules = {d.rule for d in found}
        if s.good:
            fp += bool(found)
        else:
            tp += bool(found)
            fn += not found
            wanted += len(s.expect)
            hits += len(set(s.expect) & rules)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "rule_recall": hits / wanted if wanted else 1.0,
        "false_positives": float(fp),
    }


if __name__ == "__main__":
    for s in samples():
        found = lint_sample(s)
        rules = {d.rule for d in found}
        missing = set(s.expect) - rules
        if (s.good and found) or missing:
            print(f"{'GOOD' if s.good else 'BAD '} {s.id}: missing={sorted(missing)}")
            for d in found:
                print("   ", d.text()[:170])
    print(score())
