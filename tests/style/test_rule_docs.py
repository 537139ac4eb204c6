"""Every rule documents itself (lesson, what it asks, why, a bad and a good example), and its
examples are true: the bad one triggers the rule, the good one does not. The tone guide shows them."""

from __future__ import annotations

import re

import pytest

from generator.project import Project
from generator.text import inline
from generator.toneguide import FIELDS, LESSONS, load_rules, missing_fields, tone_guide_page
from generator.vale import Engine

from .corpus import ROOT

PROJECT = Project(ROOT)
RULES = load_rules(PROJECT)
# a context that switches each rule on; the rest are on everywhere
CONTEXT = {
    "Apology": "replies/email/warm/ours/resolve/x--y.md",
    "ApologyOwed": "replies/email/warm/unknown/resolve/x--y.md",
    "GenericGreeting": "replies/review/warm/customer/resolve/x--y.md",
    "PublicPrivateData": "replies/social/warm/customer/move_private/x--y.md",
    "DenialTone": "replies/email/formal/customer/deny/x--y.md",
    "DenialToneInferred": "replies/email/warm/customer/unknown/x--y.md",
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_config(ROOT / ".vale.ini")


def test_the_style_has_the_rules_the_issue_lists():
    names = {r.name for r in RULES}
    assert {
        "Greeting",
        "SignOff",
        "StockPhrases",
        "NextStep",
        "BurdenShifting",
        "PublicPrivateData",
        "Apology",
        "DenialTone",
        "PolicyHiding",
        "VagueHandoff",
        "Shouting",
        "Exclamation",
        "Blame",
        "ApostrophePlural",
        "Repetition",
        "Spelling",
        "Readability",
    } <= names


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_is_documented_and_traceable(rule):
    assert missing_fields(rule) == [], f"{rule.path.name} lacks {missing_fields(rule)} (fields: {FIELDS})"
    for part in re.split(r"\s*,\s*", rule.fields["lesson"]):
        assert re.fullmatch(r"[A-E](?:\.\d)?", part) and part[0] in LESSONS, part
    assert rule.level in ("error", "warning", "suggestion")
    assert rule.message and "%" not in rule.message.replace("…", "")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_examples_are_true(rule, engine):
    path = CONTEXT.get(rule.name, "replies/email/warm/customer/resolve/x--y.md")
    bad = "\n".join(rule.example("bad")) + "\n"
    good = "\n".join(rule.example("good")) + "\n"
    assert rule.rule_id in {a.check for a in engine.lint_text(bad, path=path)}, f"bad example of {rule.name}"
    assert rule.rule_id not in {a.check for a in engine.lint_text(good, path=path)}, (
        f"good example of {rule.name}"
    )


def test_tone_guide_lists_every_rule_with_escaped_examples():
    page = tone_guide_page(PROJECT)
    assert page.startswith("---\n") and "\ntitle: Tone guide\n---\n" in page.split("# Tone guide", 1)[0]
    for rule in RULES:
        assert f"`{rule.rule_id}`" in page
        assert f"## {inline(rule.title)} " in page
    # YAML text goes through the md filter: Markdown specials are escaped
    assert "material's in our case's\\." in page
    assert "<script" not in page


def test_missing_example_fails(tmp_path):
    """The check the docs test relies on: a rule without a bad example is reported."""
    from generator.toneguide import RuleDoc

    doc = RuleDoc(
        "X",
        tmp_path / "X.yml",
        "existence",
        "error",
        "m",
        {"lesson": "A.1", "asks": "a", "why": "w", "good": "g"},
        ("every reply",),
    )
    assert missing_fields(doc) == ["bad"]
