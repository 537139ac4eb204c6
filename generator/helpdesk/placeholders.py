"""Placeholders: each help desk's name for each playbook placeholder, one table per tool, both ways.

The tables are data (`data/<tool>.yaml`, each citing the vendor's reference); a team adds its
custom fields under `helpdesk: {<tool>: {name: vendor name}}` in mkdocs.yml's `playbook` plugin
options or in policy.yaml (policy.yaml wins). Export writes `{{ customer.first_name }}` as the
tool writes it; import reads the tool's placeholders back, and an unknown one (a custom field)
becomes a scenario variable. Placeholders in a macro are found by `draft_fill`, the same reader
`lint-reply` uses for drafts pasted from any tool.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from .. import plain_template
from ..draft_fill import base_path, find_placeholders, is_logic
from ..model.common import PLACEHOLDER_PATTERN
from ..model.policy import Policy
from ..project import Project
from . import TOOLS, HelpdeskError

LIQUID_TOOLS = ("zendesk", "freshdesk")
"""Tools that write placeholders as Liquid `{{name}}`; Help Scout writes `{%name%}`."""

_NAME = re.compile(PLACEHOLDER_PATTERN)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_MARKUP = ("{{", "{%", "{#")


@dataclass(frozen=True)
class Table:
    """One help desk's placeholder names: playbook name -> the tool's name, and back."""

    tool: str
    name: str
    names: dict[str, str | None]
    fallbacks: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def write(self, name: str) -> str | None:
        """`name` as this tool writes it, or None when the tool has no such placeholder."""
        vendor = self.names.get(name)
        if not vendor:
            return None
        if self.tool in LIQUID_TOOLS:
            return "{{" + vendor + "}}"
        fallback = self.fallbacks.get(name)
        return "{%" + vendor + (f",fallback={fallback}" if fallback else "") + "%}"

    def playbook_name(self, vendor: str) -> str | None:
        """The playbook placeholder a vendor name stands for, or None (a custom field)."""
        for name, theirs in self.names.items():
            if theirs == vendor:
                return name
        return self.aliases.get(vendor)


def _builtin(tool: str) -> dict[str, Any]:
    text = resources.files("generator.helpdesk").joinpath(f"data/{tool}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _overrides(where: str, raw: object, tool: str) -> dict[str, str | None]:
    """The team's lines for `tool` from mkdocs.yml or policy.yaml, each checked."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise HelpdeskError([f"{where}: `helpdesk` must map a tool ({', '.join(TOOLS)}) to its names"])
    lines = raw.get(tool) or {}
    if not isinstance(lines, dict):
        raise HelpdeskError([f"{where}: `helpdesk.{tool}` must map placeholder names to {tool} names"])
    out: dict[str, str | None] = {}
    for name, vendor in lines.items():
        if (
            not isinstance(name, str)
            or not _NAME.match(name)
            or not (vendor is None or isinstance(vendor, str))
        ):
            raise HelpdeskError(
                [
                    f"{where}: `helpdesk.{tool}.{name}` must be a placeholder name mapped to a {tool} name "
                    "(text) or null"
                ]
            )
        out[name] = vendor.strip() if isinstance(vendor, str) else None
    return out


def load_table(tool: str, project: Project | None = None, policy: Policy | None = None) -> Table:
    """The built-in table for `tool`, then mkdocs.yml's lines for it, then policy.yaml's."""
    data = _builtin(tool)
    names: dict[str, str | None] = dict(data.get("placeholders") or {})
    fallbacks: dict[str, str] = dict(data.get("fallbacks") or {})
    extra: dict[str, str | None] = {}
    if project is not None:
        extra.update(_overrides("mkdocs.yml", project.plugin_options().get("helpdesk"), tool))
    if policy is not None:
        extra.update(policy.helpdesk.get(tool, {}))  # type: ignore[call-overload]
    for name, vendor in extra.items():
        if vendor and tool == "helpscout" and ",fallback=" in vendor:
            vendor, fallback = vendor.split(",fallback=", 1)
            fallbacks[name] = fallback
        names[name] = vendor
    return Table(tool, str(data.get("name", tool)), names, fallbacks, dict(data.get("aliases") or {}))


@dataclass(frozen=True)
class Missing:
    """A placeholder the target cannot express, at its offset in the template."""

    name: str
    offset: int


def to_vendor(source: str, table: Table) -> tuple[str, list[Missing]] | None:
    """`source` with each placeholder in the tool's syntax, and those it cannot express (written
    `[name]` for the agent to fill in); None when the template holds Jinja logic."""
    pieces = plain_template.split(source)
    if pieces is None:
        return None
    out: list[str] = []
    missing: list[Missing] = []
    for offset, text, name in pieces:
        if name is None:
            out.append(text)
            continue
        markup = table.write(name)
        if markup is None:
            missing.append(Missing(name, offset))
            markup = f"[{name}]"
        out.append(markup)
    return "".join(out), missing


def variable_name(vendor: str, taken: set[str]) -> str:
    """A playbook variable name for a vendor's custom field: `ticket.ticket_field_360012`
    -> `ticket_field_360012`, `customer.companyName` -> `customer_company_name`."""
    words = _CAMEL.sub("_", vendor).lower().removeprefix("ticket.")
    name = re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", words)).strip("_")[:60].rstrip("_")
    if not name or not name[0].isalpha():
        name = f"field_{name}".rstrip("_")
    roots = {t.split(".")[0] for t in taken}
    if name in roots:
        name = f"{name}_field"
    return name


@dataclass
class Translated:
    """A macro body in the playbook's syntax, the variables it needs, and what could not be read."""

    text: str
    variables: dict[str, str] = field(default_factory=dict)  # new variable -> the vendor markup
    examples: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was read, but not kept (filters, fallbacks)


def from_vendor(text: str, tables: list[Table], known: set[str]) -> Translated:
    """`text` with the tools' placeholders as the playbook's `{{ name }}`.

    `known` are the names already declared (policy placeholders); a `[name]` fill-in of a known or
    dotted/underscored name reads back as that placeholder (export writes those). Liquid logic
    (`{% if %}`) and any other template markup left over are problems: the playbook would read
    them as Jinja.
    """
    liquid = any(t.tool in LIQUID_TOOLS for t in tables)
    helpscout = any(t.tool == "helpscout" for t in tables)
    result = Translated(text)
    out: list[str] = []
    pos = 0
    custom: dict[str, str] = {}  # vendor name -> the variable made for it
    logic: list[str] = []
    for p in find_placeholders(text):
        markup = text[p.start : p.end]
        name: str | None = None
        if (markup.startswith("{{") and liquid) or (
            markup.startswith("{%") and helpscout and not is_logic(p.words)
        ):
            vendor = base_path(p.words)
            extra = p.words.strip()[len(vendor) :].strip()
            if extra and not _kept(extra, vendor, tables):
                result.notes.append(
                    f"`{markup}`: `{extra.lstrip(',|').strip()}` is not kept (the playbook "
                    "has no filters or per-placeholder fallbacks); check the wording"
                )
            name = _known_name(vendor, tables, known)
            if name is None:
                if vendor not in custom:
                    custom[vendor] = variable_name(vendor, known | set(result.variables))
                    result.variables[custom[vendor]] = markup
                    result.examples[custom[vendor]] = p.value
                name = custom[vendor]
        elif markup.startswith("{%"):
            logic.append(markup)
            continue
        if name is None:
            continue
        out.append(text[pos : p.start])
        out.append("{{ " + name + " }}")
        pos = p.end
    out.append(text[pos:])
    literal = [chunk for i, chunk in enumerate(out) if i % 2 == 0]
    if logic:
        more = f" (and {len(logic) - 1} more)" if len(logic) > 1 else ""
        result.problems.append(
            f"`{logic[0][:60]}`{more} is template logic the playbook cannot run; rewrite the macro as "
            "plain text with placeholders (one macro per case), or leave it out"
        )
    elif any(mark in chunk for chunk in literal for mark in _MARKUP):
        result.problems.append(
            "holds `{{`, `{%` or `{#` that is not a placeholder of this tool; the playbook would read it "
            "as a template: remove it or write it another way"
        )
    for i in range(0, len(out), 2):  # literal text: `[name]` fill-ins, as export writes them
        out[i] = _FILL_IN.sub(lambda m: _fill_in(m, known, result), out[i])
    result.text = "".join(out)
    return result


_FILL_IN = re.compile(r"\[(?=[a-z0-9_.]{1,80}\])([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)\]")


def _fill_in(match: re.Match[str], known: set[str], result: Translated) -> str:
    """`[order.id]` back to `{{ order.id }}` when it names a known placeholder or looks like a
    variable (`[charge_amount]`); a plain `[x]` or `[Name]` stays text."""
    name = match.group(1)
    if name not in known and "_" not in name and "." not in name:
        return match.group(0)
    if name not in known:
        result.variables.setdefault(name, match.group(0))
        result.examples.setdefault(name, fill_value(name))
    return "{{ " + name + " }}"


def _kept(extra: str, vendor: str, tables: list[Table]) -> bool:
    """Whether a Help Scout fallback is the one the table writes back anyway."""
    fallback = re.fullmatch(r",\s*fallback\s*=(.*)", extra)
    if not fallback:
        return False
    for table in tables:
        name = table.playbook_name(vendor)
        if name is not None and table.fallbacks.get(name, "").strip() == fallback.group(1).strip():
            return True
    return not fallback.group(1).strip()


def _known_name(vendor: str, tables: list[Table], known: set[str]) -> str | None:
    for table in tables:
        name = table.playbook_name(vendor)
        if name is not None:
            return name
    return vendor if vendor in known else None


def fill_value(name: str) -> str:
    """A sensible example for a variable, from its words (as `lint-reply` fills drafts)."""
    found = find_placeholders("{{" + name + "}}")
    return found[0].value if found else "example"
