"""The labelled reply corpora: load them, lint each reply as lint-reply would, score the style.

Two corpora, kept apart. `corpus/bad.yaml` and `corpus/good.yaml` were written on this project,
next to the rules (each bad reply names the rules that must flag it). `corpus/real/*.jsonl` holds
replies nobody here wrote, quoted from public pages and labelled by `shared/TONE-RUBRIC.md`
before the linter ran on them; they are linted as a new user would, with `--channel <kind>` and
nothing else. A third of the real corpus (by a hash of the id) is held out: it was not looked at
while the rules were tuned, so its figures say how the style does on replies it has never seen.
Batches in `corpus/real/unseen/` are not loaded here: the benchmark measures them apart, before
anyone tunes on them.

`python -m tests.style.corpus` prints the written corpus's misses; `benchmarks/tone_bench.py`
prints the figures of both.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.diagnostics import Diagnostic
from generator.lint_reply import UNKNOWN, DraftContext, channel_kind, lint_draft
from generator.project import Project

CORPUS = Path(__file__).parent / "corpus"
REAL = CORPUS / "real"
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Sample:
    """One labelled reply: its context, its text and the rules it must trigger (none if good)."""

    id: str
    text: str
    good: bool
    expect: tuple[str, ...] = ()
    context: dict[str, str] = field(default_factory=dict)
    fails: tuple[str, ...] = ()
    source: str = "written"
    source_type: str = "written"

    @property
    def channel(self) -> str:
        return self.context.get("channel", "email")

    @property
    def held_out(self) -> bool:
        """A third of the real corpus, chosen by the id's hash, kept out of sight while tuning.

        Batches that were measured whole as unseen and then studied (ids `u3-`, `u4-`, ...) have
        no held-out part: all their misses were read."""
        if self.source == "written" or STUDIED.match(self.id):
            return False
        return int(hashlib.sha1(self.id.encode()).hexdigest(), 16) % 3 == 0


STUDIED = re.compile(r"u[3-9]-|u\d\d-")
"""Ids of the unseen batches moved into the real corpus after their misses were studied."""


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


LABELS = ("professional", "unprofessional")
REAL_KEYS = {"id", "text", "label", "channel", "fails", "source", "source_type", "note"}
SOURCE_TYPES = ("company", "template", "article-example")


def load_real(files: Iterable[Path] | None = None) -> list[Sample]:
    """The real corpus: one JSON object a line, in the rubric's shape (see TONE-RUBRIC.md)."""
    out = []
    for path in sorted(files if files is not None else REAL.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if set(row) != REAL_KEYS or row["label"] not in LABELS or row["source_type"] not in SOURCE_TYPES:
                raise ValueError(
                    f"{path.name}:{n}: a line needs exactly {sorted(REAL_KEYS)}, a label and a source type"
                )
            out.append(
                Sample(
                    row["id"],
                    row["text"],
                    row["label"] == "professional",
                    context={"channel": row["channel"]},
                    fails=tuple(row["fails"]),
                    source=row["source"],
                    source_type=row["source_type"],
                )
            )
    return out


def blocked(sample: Sample, project: Project | None = None) -> bool:
    """What `playbook lint-reply` answers: exit 1 (blocked) when any alert is an error."""
    return any(d.severity.value == "error" for d in lint_sample(sample, project))


def lint_sample(sample: Sample, project: Project | None = None) -> list[Diagnostic]:
    project = project or Project(ROOT)
    c = sample.context
    context = DraftContext(
        channel_kind(project, c.get("channel")),
        c.get("tone", UNKNOWN),
        c.get("fault", UNKNOWN),
        c.get("intent", UNKNOWN),
    )
    # the same alerts as the bounded command line, without a fork for each of ~900 replies
    return lint_draft(project, sample.text, context, f"{sample.id}.txt", bounded=False)


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
