"""Schema validation: every error at the line of the offending value, with a fix."""

from __future__ import annotations

from generator.load import load_text
from generator.model import Scenario
from generator.validate import validate

from .conftest import minimal


def errors_of(text: str):
    doc, problems = load_text(text, "s.yaml")
    assert problems == []
    model, errors = validate(doc, Scenario)
    return model, [(e.line, e.col, e.message) for e in errors]


def test_minimal_scenario_is_valid():
    model, errors = errors_of(minimal())
    assert errors == []
    assert model is not None and model.replies[0].channel == "email"


def test_unknown_key_suggests_the_right_one_and_keeps_checking():
    text = minimal() + "escalaton: []\n"
    model, errors = errors_of(text)
    line = text.count("\n")
    assert errors == [(line, 1, "unknown key `escalaton`; did you mean `escalation`?")]
    assert model is not None, "a misspelt key must not hide the rest of the file from later checks"


def test_every_error_in_one_pass():
    text = minimal("Bad Id").replace("fault: third_party", "fault: ourz").replace("tone: warm", "tone: rude")
    _, errors = errors_of(text)
    assert [(line, col) for line, col, _ in errors] == [(1, 5), (6, 8), (12, 11)]
    assert "e.g. `bad-id`" in errors[0][2]
    assert "did you mean `ours`?" in errors[1][2]
    assert "warm, empathetic, apologetic, formal" in errors[2][2]


def test_missing_key_is_reported_at_its_parent():
    text = minimal().replace("    intent: update\n", "")
    _, errors = errors_of(text)
    assert errors[0][:2] == (10, 5)
    assert errors[0][2].startswith("missing required key `intent`")


def test_amount_and_duration_errors():
    text = minimal() + (
        "empowerment:\n  - {action: refund, what: x, limits: {agent: -5}}\n"
        "escalation:\n  - {trigger: media, to: team_lead, within: soon, handoff: h}\n"
    )
    _, errors = errors_of(text)
    messages = " | ".join(m for _, _, m in errors)
    assert "an amount of 0 or more, or `unlimited`" in messages
    assert "`soon` is not a duration" in messages


def test_review_date_must_follow_approval():
    text = minimal().replace("review_by: 2027-04-01", "review_by: 2026-01-01")
    _, errors = errors_of(text)
    assert len(errors) == 1 and "`review_by` must come after" in errors[0][2]
