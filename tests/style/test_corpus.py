"""The labelled corpus: every unprofessional reply is flagged by its rules, every good one is clean."""

from __future__ import annotations

import pytest

from .corpus import Sample, lint_sample, load, score

BAD = load("bad.yaml")
GOOD = load("good.yaml")


def test_corpus_is_big_enough_and_labelled():
    assert len(BAD) >= 40 and len(GOOD) >= 40 and len(BAD) + len(GOOD) >= 80
    assert all(s.expect for s in BAD), "every bad reply names the rule(s) that must flag it"
    assert len({s.id for s in BAD + GOOD}) == len(BAD + GOOD), "ids are unique"
    kinds = {s.context.get("channel", "email") for s in GOOD}
    tones = {s.context.get("tone") for s in GOOD} - {None}
    assert len(kinds) >= 6 and tones == {"warm", "empathetic", "apologetic", "formal"}
    # the tricky good ones the issue asks for
    assert any(s.context.get("intent") == "deny" and s.context.get("tone") == "formal" for s in GOOD)
    assert any(
        s.context.get("channel") in ("social", "review") and s.context.get("intent") == "move_private"
        for s in GOOD
    )


@pytest.mark.parametrize("sample", BAD, ids=lambda s: s.id)
def test_bad_reply_is_flagged_by_its_rules(sample: Sample):
    found = {d.rule for d in lint_sample(sample)}
    assert set(sample.expect) <= found, f"missing {sorted(set(sample.expect) - found)}; got {sorted(found)}"


@pytest.mark.parametrize("sample", GOOD, ids=lambda s: s.id)
def test_good_reply_passes_clean(sample: Sample):
    assert [d.text() for d in lint_sample(sample)] == []


def test_precision_and_recall():
    result = score()
    assert result["precision"] == 1.0 and result["recall"] == 1.0 and result["rule_recall"] == 1.0
