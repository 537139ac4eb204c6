"""Diagrams: escalation paths drawn as inline SVG at build time (pages stage).

An agent under pressure reads a picture faster than a numbered list: who owns the case now, what
hands it over, to whom, and how fast they must act. The drawing is plain SVG written into the
page, so it works offline, needs no script and no library (nothing for the Content-Security-Policy
to allow), and scales with the page. Colours come from classes styled in `playbook.css`, so the
dark palette applies. The text list stays beside it for screen readers and search; the SVG
carries a title and description of its own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Protocol

WIDTH = 720
ROW = 64
TOP = 56
LABEL_X, LABEL_W = 44, 292
TARGET_X, TARGET_W = 372, 196
DEADLINE_X = 578
LABEL_CHARS, TARGET_CHARS = 40, 24
"""Characters a line holds in each box at the 13px font (about 7px a character)."""


@dataclass(frozen=True)
class Branch:
    """One way out of the root: what starts it, who takes over, and by when."""

    label: str
    target: str
    within: str


def _lines(text: str, width: int, most: int = 2) -> list[str]:
    """Wrap `text` into at most `most` lines of `width` characters, the last cut with an ellipsis."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _text(x: int, y: int, lines: list[str], cls: str) -> str:
    """Lines centred vertically on `y`, 16px apart."""
    first = y - 8 * (len(lines) - 1) + 4
    spans = "".join(
        f'<tspan x="{x}" y="{first + 16 * i}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="{cls}">{spans}</text>'


def _box(cls: str, x: int, top: int, width: int) -> str:
    return f'<rect class="{cls}" x="{x}" y="{top}" width="{width}" height="{ROW - 12}" rx="6"/>'


def flow(root: str, branches: list[Branch], title: str) -> str:
    """An SVG tree: the root on top, one row per branch (label -> target, deadline).

    One line of markup with no blank line, so Markdown keeps it as a raw HTML block."""
    height = TOP + ROW * len(branches) + 8
    parts = [
        f'<svg class="pb-flow" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(describe(root, branches))}</desc>",
        '<rect class="pb-flow-root" x="4" y="4" width="260" height="36" rx="6"/>',
        _text(16, 22, _lines(root, 34, 1), "pb-flow-strong"),
    ]
    if branches:
        last = TOP + ROW * (len(branches) - 1) + ROW // 2 - 4
        parts.append(f'<path class="pb-flow-line" d="M24 40 V{last}"/>')
    for i, b in enumerate(branches):
        top = TOP + ROW * i
        mid = top + ROW // 2 - 4
        parts += [
            f'<path class="pb-flow-line" d="M24 {mid} H{LABEL_X}"/>',
            _box("pb-flow-label", LABEL_X, top, LABEL_W),
            _text(LABEL_X + 10, mid, _lines(b.label, LABEL_CHARS), "pb-flow-text"),
            f'<path class="pb-flow-arrow" d="M{LABEL_X + LABEL_W} {mid} H{TARGET_X - 6}"/>',
            f'<path class="pb-flow-head" d="M{TARGET_X - 10} {mid - 5} L{TARGET_X} {mid} '
            f'L{TARGET_X - 10} {mid + 5} Z"/>',
            _box("pb-flow-target", TARGET_X, top, TARGET_W),
            _text(TARGET_X + 10, mid, _lines(b.target, TARGET_CHARS), "pb-flow-strong"),
            _text(DEADLINE_X, mid, _lines(f"within {b.within}", 20), "pb-flow-deadline"),
        ]
    parts.append("</svg>")
    return "".join(parts)


def describe(root: str, branches: list[Branch]) -> str:
    """The diagram in one sentence a screen reader can read."""
    if not branches:
        return f"{root}: no hand-over."
    ways = "; ".join(f"{b.label}: hand over to {b.target} within {b.within}" for b in branches)
    return f"{root}. {ways}."


class _Step(Protocol):
    trigger: str
    when: str | None
    to: str
    within: str


class _Row(Protocol):
    @property
    def step(self) -> _Step: ...

    @property
    def scenario(self) -> _Titled: ...


class _Titled(Protocol):
    title: str


def scenario_flow(steps: Sequence[_Step]) -> str:
    """A scenario's escalation path: the agent owns the case until one of its triggers."""
    branches = [Branch(s.trigger + (f" ({s.when})" if s.when else ""), s.to, s.within) for s in steps]
    return flow("You (frontline agent) own the case", branches, "Escalation path")


def trigger_flow(trigger: str, rows: Sequence[_Row]) -> str:
    """One trigger across the playbook: the teams it hands over to, with their deadlines and the
    scenarios that route there (a few named, the rest counted, so it stays small at any size)."""
    groups: dict[str, list[_Row]] = {}
    for r in rows:
        groups.setdefault(r.step.to, []).append(r)
    branches = []
    for to, members in groups.items():
        titles = [m.scenario.title for m in members]
        label = "; ".join(titles[:2]) + (f" and {len(titles) - 2} more" if len(titles) > 2 else "")
        deadlines = list(dict.fromkeys(m.step.within for m in members))
        within = (
            deadlines[0]
            if len(deadlines) == 1
            else " / ".join(deadlines[:2]) + ("…" if len(deadlines) > 2 else "")
        )
        branches.append(Branch(label, to, within))
    return flow(trigger, branches, f"Escalation for: {trigger}")
