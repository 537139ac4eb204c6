"""Import: a team's macros into scenario drafts under `playbooks/<category>/`, all or nothing.

Each macro (or each `A::B` title group: `Category::Scenario::Reply`) becomes one scenario file in
the shape `playbook new` scaffolds (`scaffold.draft_yaml`): ids slugged from titles, placeholders
read back through the tool's table, unknown ones (custom fields) declared as variables with a
TODO description, and every reply a draft (no `approved:`). What a macro cannot say (summary,
signals, fault, what to do, empowerment, escalation) is marked TODO, so `playbook check` points
at each. Every file is built and validated against the schema before the first is written; an
existing file is never overwritten (its macros are skipped, and said so).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .. import plain_template
from ..load import load_text
from ..model import Policy, Scenario
from ..model.common import SLUG_PATTERN, parse_duration
from ..playbook import load_policy, scenario_files
from ..project import Project
from ..scaffold import TODO_DO, TODO_DONT, TODO_PURPOSE, TODO_SIGNAL, TODO_SUMMARY, draft_yaml
from ..validate import validate
from . import TOOLS, HelpdeskError
from .placeholders import Table, fill_value, from_vendor, load_table
from .readers import Macro, read_file

_SLUG = re.compile(SLUG_PATTERN)
MAX_BODY = 20_000
TODO_HANDOFF = "TODO what the person who takes over from the bot must receive, so the customer never repeats"
NOTES = {
    "fault": "TODO whose fault the typical case is: ours, customer, third_party or unknown",
    "empowerment": "TODO what agents may grant here alone (actions and limits from policy.yaml)",
    "escalation": "TODO who takes over when the first answer does not solve it, and how fast",
}
_TONES = {"warm", "empathetic", "apologetic", "formal"}
_INTENTS = {"acknowledge", "resolve", "update", "deny", "move_private", "follow_up", "escalate"}
TOOL_NAMES = {
    "zendesk": "Zendesk",
    "freshdesk": "Freshdesk",
    "helpscout": "Help Scout",
    "csv": "the CSV file",
}


def slug(text: str, limit: int = 80) -> str:
    """`Refund status: card closed!` -> `refund-status-card-closed`, cut at a word under `limit`."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    while len(words) > limit and "-" in words:
        words = words.rsplit("-", 1)[0]
    return words[:limit].strip("-")


@dataclass
class Group:
    """The macros that become one scenario."""

    category: str
    title: str
    scenario_id: str
    macros: list[tuple[Macro, str | None]] = field(default_factory=list)  # (macro, its reply label)


@dataclass
class Planned:
    """One scenario file to write."""

    path: Path
    shown: str
    text: str
    replies: int
    sources: list[str]


@dataclass
class Plan:
    """Everything an import would write, and what it leaves out."""

    files: list[Planned] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    macros: int = 0


def _category(m: Macro, parts: list[str], policy: Policy, chosen: str | None) -> tuple[str | None, list[str]]:
    """The macro's category and the title parts left once a leading category name is taken off."""
    by_name = {c.lower(): c for c in policy.categories} | {
        cat.title.lower(): c for c, cat in policy.categories.items()
    }
    head = by_name.get(parts[0].lower()) if len(parts) > 1 else None
    rest = parts[1:] if head else parts
    if chosen:
        return chosen, rest
    meta = m.meta.get("category")
    if isinstance(meta, str) and meta in policy.categories:
        return meta, rest
    if head:
        return head, rest
    if m.folder and m.folder.lower() in by_name:
        return by_name[m.folder.lower()], rest
    return None, rest


def _is_slug(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 80 and bool(_SLUG.match(value))


def _channel(m: Macro, policy: Policy) -> str:
    meta = m.meta.get("channel")
    if isinstance(meta, str) and meta in policy.channels:
        return meta
    for cid, channel in policy.channels.items():
        if channel.kind == m.kind:
            return cid
    return next(iter(policy.channels))


def _groups(macros: list[Macro], policy: Policy, chosen: str | None) -> tuple[list[Group], list[str]]:
    groups: dict[tuple[str, str], Group] = {}
    unplaced: list[Macro] = []
    for m in macros:
        parts = [" ".join(_clean(p).split()) for p in m.title.split("::")]
        parts = [p for p in parts if p] or [" ".join(_clean(m.title).split()) or "Imported macro"]
        category, rest = _category(m, parts, policy, chosen)
        if category is None:
            unplaced.append(m)
            continue
        title = " – ".join(rest[:-1]) if len(rest) > 1 else rest[0]
        label = rest[-1] if len(rest) > 1 else None
        meta_id = m.meta.get("scenario")
        key_id = meta_id if _is_slug(meta_id) else None
        key = (category, key_id or title.lower())
        if key not in groups:
            groups[key] = Group(
                category, title, key_id or slug(title) or f"macro-{m.vendor_id or len(groups) + 1}"
            )
        groups[key].macros.append((m, label))
    problems = []
    if unplaced:
        names = sorted({(p.split("::")[0].strip() or p) for p in (m.title for m in unplaced)})[:5]
        problems.append(
            f"{len(unplaced):,} macros name no category of policy.yaml (first: {unplaced[0].where}; titles "
            f"start with {', '.join(f'`{n}`' for n in names)}): pass --category with one of "
            f"{', '.join(policy.categories)}, or add the category to policy.yaml"
        )
    return list(groups.values()), problems


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text a YAML file can hold as written: no control characters, tabs as spaces, `\n` line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def _body(text: str) -> str:
    lines = [line.rstrip() for line in _clean(text).split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def _scenario(
    group: Group, fmt: str, tables: list[Table], policy: Policy, problems: list[str], notes: list[str]
) -> dict[str, Any]:
    """The scenario a group of macros becomes, as the plain data written to its file."""
    known = set(policy.placeholders)
    variables: dict[str, dict[str, Any]] = {}
    replies: list[dict[str, Any]] = []
    tags: list[str] = []
    taken: set[str] = set()
    for m, label in group.macros:
        channel = _channel(m, policy)
        meta_reply = m.meta.get("reply")
        rid = meta_reply if _is_slug(meta_reply) else None
        rid = rid or slug(label or "") or f"{channel.replace('_', '-')}-reply"
        base, n = rid[:76], 2
        while rid in taken:
            rid, n = f"{base}-{n}", n + 1
        taken.add(rid)
        reply: dict[str, Any] = {"id": rid, "channel": channel}
        tone, intent = m.meta.get("tone"), m.meta.get("intent")
        reply["tone"] = tone if tone in _TONES else "warm"
        reply["intent"] = intent if intent in _INTENTS else "resolve"
        carried = m.meta.get("purpose")
        purpose = " ".join((m.description or (carried if isinstance(carried, str) else "")).split())
        reply["purpose"] = purpose[:300] if purpose else TODO_PURPOSE
        follow_up = m.meta.get("follow_up")
        if isinstance(follow_up, str) and _is_duration(follow_up):
            reply["follow_up"] = follow_up
        elif reply["intent"] == "move_private":
            reply["intent"] = "resolve"  # a move to a private channel needs a follow-up we do not know
        texts = {"body": _body(m.body)}
        if m.subject:
            texts["subject"] = " ".join(_clean(m.subject).split())
        for key, source in texts.items():
            tr = from_vendor(source, tables, known | set(variables))
            problems.extend(f"{m.where}: the {key} {p}" for p in tr.problems)
            notes.extend(f"{m.where}: {n}" for n in tr.notes)
            if len(tr.text) > MAX_BODY:
                problems.append(
                    f"{m.where}: the {key} is {len(tr.text):,} characters; a reply holds at most "
                    f"{MAX_BODY:,}: split the macro"
                )
            given = m.meta.get("variables")
            described: dict[str, Any] = given if isinstance(given, dict) else {}
            for name, markup in tr.variables.items():
                variables.setdefault(name, _variable(described.get(name), markup, fmt, tr.examples.get(name)))
            for name in _used(tr.text):
                if not plain_template.is_declared(name, known | set(variables)):
                    theirs = next((w for t in tables if (w := t.write(name))), name)
                    variables[name] = _variable(described.get(name), theirs, fmt, fill_value(name))
            reply[key] = tr.text
        reply["body"] = reply.pop("body")  # the body last, as the scaffold has it
        replies.append(reply)
        tags += [t for t in (slug(tag) for tag in m.tags) if t and t not in tags]
    automated = [r["channel"] for r in replies if policy.channels[r["channel"]].automated]
    escalation = (
        [
            {
                "trigger": "automation_failed",
                "to": policy.frontline,
                "within": policy.channels[automated[0]].first_response,
                "handoff": TODO_HANDOFF,
            }
        ]
        if automated
        else []
    )
    return {
        "id": group.scenario_id,
        "title": group.title,
        "category": group.category,
        "severity": "medium",
        "tags": tags,
        "summary": TODO_SUMMARY,
        "signals": [TODO_SIGNAL],
        "fault": "unknown",
        "do": [TODO_DO],
        "dont": [TODO_DONT],
        "variables": variables,
        "replies": replies,
        "empowerment": [],
        "escalation": escalation,
    }


def _variable(given: Any, markup: str, fmt: str, example: str | None) -> dict[str, Any]:
    """A declared variable: described as our own export described it, else a TODO. The example is
    always a neutral value of the variable's kind (as `lint-reply` fills drafts): an example
    carried from elsewhere, such as a large refund, would be checked against limits this draft
    does not have yet."""
    if isinstance(given, dict) and isinstance(given.get("description"), str) and given["description"].strip():
        description = given["description"]
    else:
        description = f"TODO what the agent fills in here (in {TOOL_NAMES[fmt]}: {markup})"
    return {"description": description, "example": example or "example"}


def _is_duration(text: str) -> bool:
    try:
        parse_duration(text)
    except ValueError:
        return False
    return True


def _used(text: str) -> list[str]:
    return [name for _, _, name in plain_template.split(text) or [] if name]


def plan_import(
    project: Project, fmt: str, file: Path, category: str | None = None, today: date | None = None
) -> Plan:
    """Read `file` and build every scenario file it becomes; HelpdeskError lists every problem."""
    policy, _doc, _ = load_policy(project.playbooks, project.root)
    if policy is None:
        raise HelpdeskError(["playbooks/policy.yaml has errors; run `playbook check` and fix it first"])
    if category is not None and category not in policy.categories:
        raise HelpdeskError(
            [f"category `{category}` is not in policy.yaml; use one of: {', '.join(policy.categories)}"]
        )
    # a bad mkdocs.yml mapping is a usage error, said before the file is read
    tables = [load_table(t, project, policy) for t in (TOOLS if fmt == "csv" else (fmt,))]
    read = read_file(fmt, file)
    if read.unusable:
        raise HelpdeskError(read.unusable)
    if read.problems and not read.macros and not read.skipped:
        raise HelpdeskError(
            [
                f"{file}: no item of it is a {TOOL_NAMES[fmt]} object; is it another tool's "
                f"export? ({read.problems[0]})"
            ]
        )
    plan = Plan(skipped=list(read.skipped), warnings=list(read.warnings), macros=len(read.macros))
    groups, problems = _groups(read.macros, policy, category)
    problems = list(read.problems) + problems
    existing = {f.name.rsplit(".", 1)[0]: f for f in scenario_files(project.playbooks)}
    used: set[str] = set()
    when = (today or date.today()).isoformat()
    for group in groups:
        base, n = group.scenario_id, 2
        while group.scenario_id in used:  # the same title in two categories
            group.scenario_id, n = f"{base[:76]}-{n}", n + 1
        used.add(group.scenario_id)
        if group.scenario_id in existing:
            where = existing[group.scenario_id].relative_to(project.root).as_posix()
            plan.skipped.append(
                f"{where} already exists; left as it is, so its {len(group.macros)} "
                f"macro{'s are' if len(group.macros) != 1 else ' is'} not imported (first: "
                f"{group.macros[0][0].where}); rename or delete the file to import again"
            )
            continue
        before = len(problems)
        data = _scenario(group, fmt, tables, policy, problems, plan.warnings)
        if len(problems) > before:
            continue  # its macros are reported; the file is not built
        target = project.playbooks / group.category / f"{group.scenario_id}.yaml"
        shown = target.relative_to(project.root).as_posix()
        sources = [m.vendor_id for m, _ in group.macros if m.vendor_id]
        header = [
            f"Imported from {TOOL_NAMES[fmt]} ({file.name}) on {when}: "
            f"{len(group.macros)} macro{'s' if len(group.macros) != 1 else ''}"
            + (
                f" ({'ids' if len(sources) > 1 else 'id'} {', '.join(sources[:10])}"
                f"{', ...' if len(sources) > 10 else ''})."
                if sources
                else "."
            ),
            "The replies are drafts: review each, fill in every value marked as still to write, then",
            f"approve it (approved: by, on, review_by). Then run: playbook check {shown}",
        ]
        text = draft_yaml(header, data, NOTES)
        document, found = load_text(text, shown)
        if document.data is not None:
            found += validate(document, Scenario)[1]
        problems.extend(
            f"{shown}: could not be built ({d.message}); this is a bug, please report it" for d in found
        )
        plan.files.append(
            Planned(target, shown, text, len(data["replies"]), [m.where for m, _ in group.macros])
        )
    if problems:
        raise HelpdeskError(problems, usage=False)
    return plan


def _place(tmp: str, target: Path) -> None:
    """Put a written temporary file at `target`, failing if `target` exists (never overwriting)."""
    try:
        os.link(tmp, target)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            raise
        # a file system without hard links: an exclusive create does the same, less atomically
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "wb") as out:
            out.write(Path(tmp).read_bytes())


def write_plan(plan: Plan) -> None:
    """Write every planned file, or none: each goes to a temporary file first, then is linked into
    place (which fails rather than overwrite a file made meanwhile)."""
    temps: list[str] = []
    made: list[Path] = []
    folders: list[Path] = []
    try:
        for f in plan.files:
            if not f.path.parent.is_dir():
                f.path.parent.mkdir(parents=True)
                folders.append(f.path.parent)
            fd, tmp = tempfile.mkstemp(dir=f.path.parent, prefix=".import-", suffix=".tmp")
            temps.append(tmp)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(f.text)
            os.chmod(tmp, 0o644)
        for f, tmp in zip(plan.files, temps, strict=True):
            _place(tmp, f.path)
            made.append(f.path)
    except OSError as exc:
        for path in [*made, *map(Path, temps)]:
            path.unlink(missing_ok=True)
        for folder in reversed(folders):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        where = exc.filename or "playbooks/"
        raise HelpdeskError([f"{where}: cannot write ({exc.strerror}); nothing was imported"]) from exc
    finally:
        for tmp in temps:
            Path(tmp).unlink(missing_ok=True)
