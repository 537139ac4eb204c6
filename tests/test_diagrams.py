"""Escalation diagrams: one inline SVG per scenario path and per directory trigger, escaped, offline."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.diagrams import Branch, describe, flow, scenario_flow, trigger_flow
from generator.pipeline import run
from generator.project import Project
from generator.site import build_site

from .conftest import REPO

SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Step:
    trigger: str
    when: str | None
    to: str
    within: str


@dataclass
class Titled:
    title: str


@dataclass
class Row:
    step: Step
    scenario: Titled


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_each_step_is_a_row_from_trigger_to_team_with_its_deadline():
    svg = scenario_flow(
        [
            Step("Amount above your limit", None, "Team lead", "1 hour"),
            Step("Safety", "smoke", "Safety team", "15 minutes"),
        ]
    )
    shown = texts(svg)
    assert shown[0] == "You (frontline agent) own the case"
    assert shown[1:4] == ["Amount above your limit", "Team lead", "within 1 hour"]
    assert shown[4:] == ["Safety (smoke)", "Safety team", "within 15 minutes"]
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Escalation path"
    assert "Safety (smoke): hand over to Safety team within 15 minutes" in root.find(f"{SVG}desc").text


def test_markup_in_names_is_escaped_and_nothing_is_fetched():
    svg = flow("<script>alert(1)</script>", [Branch('"><img src=x onerror=alert(1)>', "A & B", "1 day")], "t")
    root = ET.fromstring(svg)  # still well-formed XML
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("img"))
    assert "<script>" not in svg and "onerror=alert(1)>" not in svg.replace("&gt;", "")
    assert not [a for el in root.iter() for a in el.attrib if a.endswith(("href", "src"))]
    assert "\n" not in svg, "one line, so Markdown keeps it as one raw HTML block"


def test_long_words_are_wrapped_into_two_lines_at_most():
    long_team = "a team with a very long name indeed, longer than a box"
    svg = flow("root", [Branch("word " * 40, long_team, "2 days")], "t")
    root = ET.fromstring(svg)
    label, target = list(root.iter(f"{SVG}text"))[1:3]
    assert len(list(label)) == 2 and "".join(label.itertext()).endswith("…")
    assert len(list(target)) == 2


def test_the_directory_diagram_groups_scenarios_by_team_and_stays_small():
    step = Step("Safety", None, "Safety team", "15 minutes")
    rows = [Row(step, Titled(f"Scenario {i}")) for i in range(500)]
    rows.append(Row(Step("Safety", None, "Legal team", "1 day"), Titled("Recall")))
    svg = trigger_flow("Someone's safety is at risk", rows)
    shown = texts(svg)
    assert shown[1] == "Scenario 0; Scenario 1 and 498 more" and shown[2] == "Safety team"
    assert shown[4:6] == ["Recall", "Legal team"]
    assert len(svg) < 4000


def test_no_steps_says_so():
    assert describe("You", []) == "You: no hand-over."


@pytest.mark.slow
def test_every_scenario_page_and_every_directory_trigger_has_its_diagram(tmp_path: Path):
    site = tmp_path / "site"
    result, built = build_site(Project(REPO), site)
    assert built, [d.text() for d in result.diagnostics]
    book = run(Project(REPO)).book
    with_path = 0
    for item in book.scenarios:
        s = item.scenario
        page = (site / s.category / s.id / "index.html").read_text(encoding="utf-8")
        found = re.findall(r'<figure class="pb-escalation"[^>]*>(<svg.*?</svg>)</figure>', page)
        if s.escalation:
            with_path += 1
            assert len(found) == 1, s.id
            assert len(texts(found[0])) == 1 + 3 * len(s.escalation), s.id
        else:
            assert found == [], s.id
    assert with_path >= 20
    directory = (site / "escalation" / "index.html").read_text(encoding="utf-8")
    triggers = {step.trigger for item in book.scenarios for step in item.scenario.escalation}
    assert directory.count('<figure class="pb-escalation"') == len(triggers)
