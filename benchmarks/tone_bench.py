"""Benchmark: does the house style block what a support lead would reject, and pass what they would send?

Lints every labelled reply as `playbook lint-reply --channel <kind>` would (nothing else given) and
prints, per channel kind and overall, the share of unprofessional replies blocked (exit 1) and of
professional replies passed (exit 0), for two corpora kept apart:

- real: `tests/style/corpus/real/*.jsonl`, replies quoted from public pages, labelled by
  `shared/TONE-RUBRIC.md` before the linter ran; shown again for the held-out third alone (not
  looked at while the rules were tuned), per source type (real company replies, template
  libraries, article authors' examples) and per batch (the id's prefix);
- written: `tests/style/corpus/{bad,good}.yaml`, written on this project next to the rules;
- unseen: `tests/style/corpus/real/unseen/*.jsonl`, batches collected after the last tuning and
  not yet looked at: the honest figure for replies the rules have never met. Once a batch has
  been measured and its misses studied, move it into the real corpus.

Where a second rater labelled the same replies blind, it prints how often the two agree and the
ceiling: the second rater scored against the first exactly as the linter is (a human's own
"blocked" and "passed"), beside the linter on the same replies; and which rules block a reply
on their own. Then it lists the misses (id, label, rubric codes, the rules that fired). Figures, not a test:
`tests/style/test_tone_floor.py` only keeps a floor under them.

    .venv/bin/python benchmarks/tone_bench.py [--json OUT] [--misses all|dev|held-out|none]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.project import Project  # noqa: E402
from tests.style.corpus import REAL, Sample, lint_sample, load_real, samples  # noqa: E402

SECOND = REAL / "second-rater"
"""Second, independent labellings of the real corpus by the same rubric (id, label, fails), one
file per labelling pass."""


def second_labels() -> dict[str, bool]:
    """id -> professional, from the second raters (empty when there is none)."""
    rows = [
        json.loads(line)
        for path in sorted(SECOND.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return {r["id"]: r["label"] == "professional" for r in rows}


def agreement(
    real: list[Sample], second: dict[str, bool], key=lambda s: s.channel, by="channel"
) -> list[str]:
    """How often two raters agree, per channel (or `key`): the ceiling a linter can reach against
    one of them."""
    lines = [f"\nLABELS: agreement of the second rater with the first (Cohen's kappa), by {by}"]
    groups: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for s in real:
        if s.id in second:
            groups[key(s)].append((s.good, second[s.id]))
            groups["all"].append((s.good, second[s.id]))
    for group in sorted(groups, key=lambda g: (g == "all", g)):
        pairs = groups[group]
        n = len(pairs)
        agree = sum(a == b for a, b in pairs) / n
        pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
        chance = pa * pb + (1 - pa) * (1 - pb)
        kappa = (agree - chance) / (1 - chance) if chance < 1 else 1.0
        lines.append(f"  {group:<18} {n:>4} replies  agree {100 * agree:5.1f}%  kappa {kappa:5.2f}")
    return lines


def _rate(hits: int, total: int) -> str:
    return f"{hits}/{total} = {100 * hits / total:5.1f}%" if total else "-"


def score(rows: list[tuple[Sample, list[str]]], key) -> dict[str, dict[str, int]]:
    """Per group: professional passed / total, unprofessional blocked / total."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: {"good": 0, "good_ok": 0, "bad": 0, "bad_ok": 0})
    for sample, errors in rows:
        for group in (key(sample), "all"):
            c = out[group]
            if sample.good:
                c["good"] += 1
                c["good_ok"] += not errors
            else:
                c["bad"] += 1
                c["bad_ok"] += bool(errors)
    return dict(out)


def alone(rows: list[tuple[Sample, list[str]]]) -> dict[str, dict[str, int]]:
    """Per rule, the professional and unprofessional replies it blocks with no other error: what
    dropping it alone would pass (most professional first)."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: {"good": 0, "bad": 0})
    for sample, errors in rows:
        if len(set(errors)) == 1:
            out[errors[0]]["good" if sample.good else "bad"] += 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1]["good"], -kv[1]["bad"], kv[0])))


def table(title: str, counts: dict[str, dict[str, int]]) -> list[str]:
    lines = [f"\n{title}", f"  {'group':<18} {'unprofessional blocked':>26} {'professional passed':>26}"]
    for group in sorted(counts, key=lambda g: (g == "all", g)):
        c = counts[group]
        lines.append(f"  {group:<18} {_rate(c['bad_ok'], c['bad']):>26} {_rate(c['good_ok'], c['good']):>26}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--misses", choices=["all", "dev", "held-out", "none"], default="all")
    args = parser.parse_args()

    project = Project(REPO)

    def lint(rows: list[Sample]) -> list[tuple[Sample, list[str]]]:
        return [(s, [d.rule for d in lint_sample(s, project) if d.severity.value == "error"]) for s in rows]

    started = time.perf_counter()
    real = lint(load_real())
    written = lint(samples())
    unseen_files = sorted((REAL / "unseen").glob("*.jsonl"))
    unseen = lint(load_real(unseen_files)) if unseen_files else []
    took = time.perf_counter() - started

    by_channel = lambda s: s.channel  # noqa: E731
    figures = {
        "real": score(real, by_channel),
        "real_held_out": score([r for r in real if r[0].held_out], by_channel),
        "real_by_source": score(real, lambda s: s.source_type),
        "real_by_batch": score(real, lambda s: s.id.rsplit("-", 1)[0]),
        "written": score(written, by_channel),
    }
    second = second_labels()
    if second:
        agreed = [r for r in real if r[0].id in second and second[r[0].id] == r[0].good]
        figures["real_agreed"] = score(agreed, by_channel)
    n_real, n_written = len(real), len(written)
    print(f"tone benchmark: {n_real} real replies, {n_written} written replies, linted in {took:.1f} s")
    out = []
    out += table("REAL corpus (quoted from public pages), by channel", figures["real"])
    out += table(
        "REAL corpus, held-out third (not tuned on before 2026-12-02, when its misses were read)",
        figures["real_held_out"],
    )
    out += table("REAL corpus, by source type", figures["real_by_source"])
    out += table(
        "REAL corpus, by batch (id prefix; u5- to u14- were measured unseen first)", figures["real_by_batch"]
    )
    out += table("WRITTEN corpus (written next to the rules), by channel", figures["written"])
    if second:
        out += agreement([s for s, _ in real], second)
        out += agreement([s for s, _ in real], second, lambda s: s.id.rsplit("-", 1)[0], "batch")
        out += table("REAL corpus, replies both raters label alike", figures["real_agreed"])
        rated = [r for r in real if r[0].id in second]
        as_linter = [(smp, [] if second[smp.id] else ["rater"]) for smp, _ in rated]
        figures["human_ceiling"] = score(as_linter, by_channel)
        figures["linter_on_rated"] = score(rated, by_channel)
        out += table(
            "CEILING: the second rater scored as the linter is, against the first rater's labels "
            f"({len(rated)} replies rated twice)",
            figures["human_ceiling"],
        )
        out += table("  ... and the linter on the same replies", figures["linter_on_rated"])
    if unseen:
        figures["unseen"] = score(unseen, by_channel)
        names = ", ".join(f.name for f in unseen_files)
        out += table(
            f"UNSEEN batch ({names}): collected after the last tuning, never tuned on", figures["unseen"]
        )
        figures["unseen_by_source"] = score(unseen, lambda s: s.source_type)
        out += table("UNSEEN batch, by source type", figures["unseen_by_source"])
        rated = [r for r in unseen if r[0].id in second]
        if rated:
            out += agreement([s for s, _ in rated], second)
            agreed = [r for r in rated if second[r[0].id] == r[0].good]
            figures["unseen_agreed"] = score(agreed, by_channel)
            out += table("UNSEEN batch, replies both raters label alike", figures["unseen_agreed"])
    figures["alone"] = alone(real)
    out += [
        "\nRULES that block a real reply on their own (no other error): professional / unprofessional",
        *(f"  {rule:<28} {c['good']:>4} / {c['bad']:<4}" for rule, c in figures["alone"].items()),
    ]
    print("\n".join(out))

    if args.misses != "none":
        print("\nMISSES (real corpus)")
        for sample, errors in real:
            if sample.good == (not errors):
                continue
            if (args.misses == "dev" and sample.held_out) or (
                args.misses == "held-out" and not sample.held_out
            ):
                continue
            what = (
                "passed, labelled " + ",".join(sample.fails)
                if not sample.good
                else "blocked by " + ",".join(sorted(set(errors)))
            )
            print(f"  {sample.id:<12} {sample.channel:<7} {what}")
            print(f"      {sample.text[:300]!r}")
        print("\nMISSES (written corpus)")
        for sample, errors in written:
            if sample.good == (not errors):
                continue
            what = "passed" if not sample.good else "blocked by " + ",".join(sorted(set(errors)))
            print(f"  {sample.id:<28} {sample.channel:<7} {what}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
