"""Tone guide: the site page that teaches the house style, generated from the style's own rules.

Each rule file in the Playbook style carries its documentation as YAML comments at the top
(`# lesson:`, `# asks:`, `# why:`, `# bad:`, `# good:`, optionally `# title:`; an indented
`#   ` line continues the field above it; ` / ` in an example is a line break). Vale ignores
comments, so the same file runs under the real `vale` binary. Where a rule applies comes from
the `.vale.ini` glob sections that switch it on, described by the comment above each section.
Nothing here is written twice: change a rule and the page follows.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import yaml

from .lint_reply import KINDS
from .model.scenario import Fault, Intent, Tone
from .project import Project

STYLE = "Playbook"
FIELDS = ("lesson", "asks", "why", "bad", "good")
"""The comment fields every rule file must have; `tests/style` fails when one is missing."""

LESSONS = {
    "A": "One public reply, seven failures",
    "B": "Five common management mistakes",
    "C": "A refund refused until the press called",
    "D": "Feedback channels that nobody answers",
    "E": "Three mistakes leaders repeat",
}
"""Section titles of CX-LESSONS, the source every rule traces to."""

_FIELD = re.compile(r"^#\s*(title|lesson|asks|why|bad|good):\s*(.*)$")
_MORE = re.compile(r"^#\s{2,}(\S.*)$")
_SECTION = re.compile(r"^\[(.+)\]\s*$")
_SWITCH = re.compile(rf"^{STYLE}\.(\w+)\s*=\s*(YES|NO)\s*$", re.I)


@dataclass(frozen=True)
class RuleDoc:
    """One rule as the tone guide shows it: what, why, where, and a bad and a good example."""

    name: str
    path: Path
    extends: str
    level: str
    message: str
    fields: dict[str, str]
    applies: tuple[str, ...]
    channels: tuple[str, ...] = ()
    """The channel kinds the rule runs on (for some tone, fault and intent)."""

    @property
    def channels_text(self) -> str:
        return (
            "every channel" if set(self.channels) == set(KINDS) else ", ".join(self.channels) or "no channel"
        )

    @property
    def rule_id(self) -> str:
        return f"{STYLE}.{self.name}"

    @property
    def title(self) -> str:
        if self.fields.get("title"):
            return self.fields["title"]
        words = re.findall(r"[A-Z][a-z]*", self.name)
        return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else self.name

    @property
    def lessons(self) -> list[str]:
        """`A.2, D` -> `A.2 One public reply, seven failures`, `D Feedback channels...`."""
        out = []
        for part in re.split(r"\s*,\s*", self.fields.get("lesson", "")):
            if part:
                out.append(f"{part} ({LESSONS[part[0]]})" if part[0] in LESSONS else part)
        return out

    def example(self, which: str) -> list[str]:
        return [line.strip() for line in self.fields.get(which, "").split(" / ")]


def comment_fields(text: str) -> dict[str, str]:
    """The documentation fields of one rule file's leading comments."""
    fields: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        found = _FIELD.match(line)
        if found:
            current = found.group(1)
            fields[current] = found.group(2).strip()
            continue
        more = _MORE.match(line)
        if more and current:
            fields[current] = f"{fields[current]} {more.group(1).strip()}"
    return fields


def _styles_dir(project: Project) -> Path:
    return project.styles_path / STYLE


def rule_contexts(config: Path) -> dict[str, tuple[str, ...]]:
    """Rule name -> where it applies, for rules that `.vale.ini` switches on in glob sections.

    Each place is the comment above the section that switches the rule on (or its glob).
    """
    if not config.is_file():
        return {}
    off: set[str] = set()
    on: dict[str, list[str]] = {}
    comment: list[str] = []
    section, described = "", ""
    for raw in config.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith(("#", ";")):
            comment.append(line.lstrip("#; ").strip())
            continue
        head = _SECTION.match(line)
        if head:
            section = head.group(1)
            described = " ".join(comment) or f"replies matching {section}"
            comment = []
            continue
        comment = [] if line else comment
        switch = _SWITCH.match(line)
        if switch and section:
            name, value = switch.group(1), switch.group(2).upper()
            if value == "NO" and section == "*.md":
                off.add(name)
            elif value == "YES":
                on.setdefault(name, []).append(described)
    return {name: tuple(on.get(name, ())) for name in off}


def rule_channels(project: Project) -> dict[str, tuple[str, ...]]:
    """Rule name -> the channel kinds it runs on, asked of the engine for every virtual path
    a reply can have (`replies/<kind>/<tone>/<fault>/<intent>/...`, unknowns included)."""
    from .lint import engine_for
    from .vale import ValeError

    if not project.vale_config.is_file():
        return {}
    try:  # the built-in engine the lint stage loaded, when it did: it reads `.vale.ini` itself
        engine = engine_for(project, "builtin")
    except (ValeError, ValueError):
        return {}
    found: dict[str, list[str]] = {}
    combos = list(
        itertools.product((*get_args(Tone), "unknown"), get_args(Fault), (*get_args(Intent), "unknown"))
    )
    for kind in KINDS:
        on: set[str] = set()
        for tone, fault, intent in combos:
            on |= engine.rules_for(f"replies/{kind}/{tone}/{fault}/{intent}/scenario--reply.md")
        for rule in sorted(on):
            style, _, name = rule.partition(".")
            if style == STYLE:
                found.setdefault(name, []).append(kind)
    return {name: tuple(kinds) for name, kinds in found.items()}


def load_rules(project: Project) -> list[RuleDoc]:
    """Every rule of the Playbook style with its documentation, sorted by name."""
    contexts = rule_contexts(project.vale_config)
    channels = rule_channels(project)
    rules = []
    for path in sorted(_styles_dir(project).glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
        rules.append(
            RuleDoc(
                name=path.stem,
                path=path,
                extends=str(data.get("extends", "")),
                level=str(data.get("level", "suggestion")),
                message=str(data.get("message", "")).replace("%s", "…"),
                fields=comment_fields(text),
                applies=contexts.get(path.stem, ("every reply",)),
                channels=channels.get(path.stem, ()),
            )
        )
    return rules


def missing_fields(rule: RuleDoc) -> list[str]:
    return [name for name in FIELDS if not rule.fields.get(name)]


def tone_guide_page(project: Project) -> str:
    """The Markdown of the "Tone guide" page, from `templates/tone-guide.md.j2`."""
    from .pages import page_environment

    env = page_environment(project.templates)
    rules = load_rules(project)
    return env.get_template("tone-guide.md.j2").render(rules=rules, style=STYLE)
