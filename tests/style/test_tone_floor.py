"""The real corpus: its shape follows TONE-RUBRIC.md, and the house style keeps a floor on it.

The figures themselves live in `benchmarks/tone_bench.py`; this test only fails CI when the style
drops below the floor on replies nobody here wrote (or the corpus loses its shape).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from .corpus import blocked, load_real

REAL = load_real()
CODES = {
    "no-apology",
    "blame-customer",
    "form-letter",
    "no-name",
    "no-next-step",
    "informal",
    "jargon",
    "grammar",
    "robotic",
    "channel-wrong",
    "hedge-denial",
    "all-caps/shouting",
    "passive-evasion",
}
ENOUGH = ("email", "chat", "phone", "social", "review")
"""Channel kinds with enough public material for 40 replies each (form, sms: fewer)."""

# Floors a little under the figures measured when they were set (see the closing note of
# issue 10 and `make bench`): (share blocked, share passed). Reset 2026-12-04 on 2,514 replies,
# when batch 14 (123 replies measured blind at 79.2 / 52.9, then studied: 79.2 / 60.8) joined;
# its blind professional emails and phone lines pulled the email and phone figures down.
FLOORS = {
    "all": (0.82, 0.83),
    "email": (0.92, 0.80),
    "chat": (0.74, 0.84),
    "phone": (0.81, 0.88),
    "social": (0.74, 0.81),
    "review": (0.95, 0.80),
}


def test_the_real_corpus_has_the_shape_the_issue_asks_for():
    assert len(REAL) >= 200
    assert len({s.id for s in REAL}) == len(REAL), "ids are unique"
    good = sum(s.good for s in REAL)
    assert good >= len(REAL) / 3, "at least a third professional"
    per_channel = Counter(s.channel for s in REAL)
    for kind in ENOUGH:
        assert per_channel[kind] >= 40, kind
    for s in REAL:
        assert re.match(r"https?://\S+$", s.source), s.id
        assert set(s.fails) <= CODES, (s.id, s.fails)
        assert bool(s.fails) == (not s.good), (
            f"{s.id}: a professional reply has no failure codes, others one or more"
        )
    from .corpus import STUDIED

    kept = [s for s in REAL if not STUDIED.match(s.id)]
    held = sum(s.held_out for s in kept)
    assert 0.25 * len(kept) < held < 0.42 * len(kept), "about a third of the unstudied part is held out"


@pytest.fixture(scope="module")
def outcomes() -> dict[str, list[tuple[bool, bool]]]:
    """channel (and "all") -> (is professional, was blocked) per reply."""
    out: dict[str, list[tuple[bool, bool]]] = {}
    for s in REAL:
        result = (s.good, blocked(s))
        out.setdefault(s.channel, []).append(result)
        out.setdefault("all", []).append(result)
    return out


@pytest.mark.parametrize("group", sorted(FLOORS))
def test_the_style_keeps_its_floor_on_real_replies(outcomes, group):
    rows = outcomes[group]
    bad = [b for good, b in rows if not good]
    good = [not b for g, b in rows if g]
    caught, passed = sum(bad) / len(bad), sum(good) / len(good)
    low_caught, low_passed = FLOORS[group]
    assert caught >= low_caught, f"{group}: only {caught:.0%} of unprofessional replies blocked"
    assert passed >= low_passed, f"{group}: only {passed:.0%} of professional replies passed"


def test_the_second_rater_labels_only_known_replies_by_the_rubric():
    import json

    from .corpus import REAL as FOLDER

    rows = [
        json.loads(line)
        for path in sorted((FOLDER / "second-rater").glob("*.jsonl"))
        for line in path.read_text().splitlines()
    ]
    unseen = load_real(sorted((FOLDER / "unseen").glob("*.jsonl")))
    ids = {s.id for s in REAL} | {s.id for s in unseen}  # a batch is rated while still unseen
    assert len(rows) >= 500 and {r["id"] for r in rows} <= ids
    for r in rows:
        assert r["label"] in ("professional", "unprofessional") and set(r["fails"]) <= CODES, r["id"]
        assert bool(r["fails"]) == (r["label"] == "unprofessional"), r["id"]
