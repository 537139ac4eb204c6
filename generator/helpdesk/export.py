"""Export: the approved replies, through the whole pipeline, into one help desk's file.

`export()` runs what `playbook check` runs (load, model, checks, render, lint); with any error
nothing is written, as a failed build keeps the old site. Only replies whose approval is current
go out (`checks.approvals.state`): never drafts, never replies past their review date. Each
body is reflowed as the site's copy button gives it, its placeholders written in the target's
syntax from the tool's table; one the target cannot express is a located warning (and `[name]`
in the text for the agent), Jinja logic the target cannot run an error for that reply. The file
is written whole or not at all.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from .. import plain_template
from ..checks.approvals import state, today
from ..diagnostics import Diagnostic, error, has_errors, warning
from ..pipeline import Result, run
from ..progress import QUIET, Progress
from ..project import Project
from ..replies import RenderedReply
from ..text import reflow
from ..vale.cachefiles import write_text
from . import TOOLS, HelpdeskError
from .placeholders import Table, load_table, to_vendor
from .shape import ExportedReply, ExportedVariable, external_id
from .writers import SPOKEN_KINDS, SUFFIX, WRITERS, Entry

RULE = "export-placeholder"
_LOGIC = re.compile(r"\{[%#]|\{\{(?! *[A-Za-z_][\w.]* *\}\})")


@dataclass
class Outcome:
    """What an export did: the problems, how many replies went out, and why others did not."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: int = 0
    scenarios: int = 0
    files_checked: int = 0
    left_out: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def record(item: RenderedReply, result: Result) -> ExportedReply:
    """The export record of one rendered, approved reply."""
    policy = result.book.policy
    s, r = item.scenario, item.reply
    approval = r.approved
    assert policy is not None and approval is not None
    channel = policy.channels[r.channel]
    return ExportedReply(
        external_id=external_id(s.id, r.id),
        scenario=s.id,
        reply=r.id,
        title=s.title,
        category=s.category,
        category_title=policy.categories[s.category].title,
        tags=list(s.tags),
        channel=r.channel,
        channel_kind=channel.kind,
        subject=r.subject,
        body=reflow(r.body),
        purpose=r.purpose,
        tone=r.tone,
        intent=r.intent,
        sent_by=r.sent_by,
        follow_up=r.follow_up,
        variables={
            name: ExportedVariable(description=v.description, example=v.example)
            for name, v in s.variables.items()
            if any(plain_template.is_declared(used, {name}) for used in _names(r.body, r.subject))
        },
        approved_by=approval.by,
        approved_on=approval.on,
        review_by=approval.review_by,
    )


def _names(*sources: str | None) -> set[str]:
    """The placeholder names templates read (a template with logic: the names Jinja would see)."""
    from ..replies import make_environment, used_placeholders

    names: set[str] = set()
    for source in sources:
        if source is not None:
            pieces = plain_template.split(source)
            if pieces is not None:
                names |= {name for _, _, name in pieces if name}
            else:
                names |= {name for name, _ in used_placeholders(make_environment().parse(source))}
    return names


def approved(result: Result, outcome: Outcome) -> list[RenderedReply]:
    """The rendered replies whose approval is current; the others are counted by reason."""
    policy = result.book.policy
    assert policy is not None
    now, grace = today(), timedelta(days=policy.review_grace_days)
    rendered = {(item.scenario.id, item.reply.id): item for item in result.replies}
    kept = []
    for item in result.book.scenarios:
        for reply in item.scenario.replies:
            status = state(reply, now, grace)
            if status != "approved":
                outcome.left_out[status] += 1
            elif (item.scenario.id, reply.id) in rendered:
                kept.append(rendered[(item.scenario.id, reply.id)])
    return kept


def _translate(
    items: list[RenderedReply], records: list[ExportedReply], table: Table, result: Result, outcome: Outcome
) -> list[Entry]:
    """Entries with the target's placeholders; warnings for what it cannot express, grouped."""
    policy = result.book.policy
    assert policy is not None
    entries: list[Entry] = []
    global_missing: Counter[str] = Counter()
    variable_missing: dict[str, tuple[RenderedReply, list[str]]] = {}
    for item, rec in zip(items, records, strict=True):
        body = to_vendor(rec.body, table)
        subject = None if rec.subject is None else to_vendor(rec.subject, table)
        if body is None or (rec.subject is not None and subject is None):
            field_name = "body" if body is None else "subject"
            source = item.reply.body if body is None else (item.reply.subject or "")
            match = _LOGIC.search(source)
            line = source.count("\n", 0, match.start()) + 1 if match else 1
            pos = item.document.source.in_text(("replies", item.index, field_name), line, 1)
            outcome.diagnostics.append(
                error(
                    item.document.path,
                    pos.line,
                    pos.col,
                    "export-logic",
                    f"reply `{item.reply.id}` uses Jinja logic that {table.name} cannot run; keep its "
                    f"{field_name} to text and `{{{{ placeholders }}}}` (one reply per case), or export "
                    "it with --to json",
                )
            )
            continue
        for missing in body[1] + (subject[1] if subject else []):
            if missing.name not in item.scenario.variables:
                global_missing[missing.name] += 1
            else:
                seen = variable_missing.setdefault(item.scenario.id, (item, []))[1]
                if missing.name not in seen:
                    seen.append(missing.name)
        entries.append(Entry(rec, body[0], subject[0] if subject else None))
    hint = f"map it under `helpdesk: {{{table.tool}: {{name: field}}}}` in policy.yaml"
    doc = result.book.policy_document
    assert doc is not None  # the policy decoded, so its document exists
    for name, count in sorted(global_missing.items()):
        at = doc.source.key(("placeholders", name))
        outcome.diagnostics.append(
            warning(
                doc.path,
                at.line,
                at.col,
                RULE,
                f"`{name}` has no {table.name} placeholder: {count} exported "
                f"{'reply shows' if count == 1 else 'replies show'} it as [{name}] for the agent to "
                f"fill in; {hint}",
            )
        )
    for item, names in variable_missing.values():
        pos = item.document.source.key(("variables", names[0]))
        listed = ", ".join(f"`{n}`" for n in names)
        outcome.diagnostics.append(
            warning(
                item.document.path,
                pos.line,
                pos.col,
                RULE,
                f"{listed} {'has' if len(names) == 1 else 'have'} no {table.name} placeholder: exported "
                f"as {', '.join(f'[{n}]' for n in names)} for the agent to fill in (a {table.name} custom "
                f"field that holds {'it' if len(names) == 1 else 'one'}: {hint})",
            )
        )
    return entries


def export(
    project: Project,
    target: str,
    out: Path,
    *,
    engine: str | None = None,
    cache: bool = True,
    progress: Progress = QUIET,
) -> Outcome:
    """Check the playbook, then write its approved replies to `out` in `target`'s format."""
    if target not in WRITERS:
        raise HelpdeskError([f"unknown export format `{target}`; use one of: {', '.join(WRITERS)}"])
    if out.suffix.lower() != SUFFIX[target]:
        raise HelpdeskError(
            [f"{out}: a `{target}` export is a {SUFFIX[target]} file; name it *{SUFFIX[target]}"]
        )
    if out.is_dir():
        raise HelpdeskError(
            [f"{out} is a folder; give the file to write, e.g. {out / ('replies' + SUFFIX[target])}"]
        )
    if target in TOOLS:
        load_table(target, project)  # a bad mkdocs.yml mapping is a usage error: say it before checking
    result = run(project, engine=engine, progress=progress, cache=cache)
    outcome = Outcome(list(result.diagnostics), files_checked=result.files_checked)
    if not result.ok or result.book.policy is None:
        return outcome
    policy = result.book.policy
    items = approved(result, outcome)
    if target in TOOLS:
        sent = [item for item in items if policy.channels[item.reply.channel].kind not in SPOKEN_KINDS]
        outcome.left_out["spoken"] += len(items) - len(sent)
        items = sent
    records = [record(item, result) for item in items]
    if target in TOOLS:
        entries = _translate(items, records, load_table(target, project, policy), result, outcome)
    else:
        entries = [Entry(rec, rec.body, rec.subject) for rec in records]
    if not outcome.ok:
        return outcome
    text = WRITERS[target](entries, policy.brand.name, today())
    try:
        write_text(out, text, mode=0o644)
    except OSError as exc:
        raise HelpdeskError(
            [f"{out}: cannot write the file ({exc.strerror}); check the folder exists and is writable"]
        ) from exc
    outcome.written = len(entries)
    outcome.scenarios = len({e.record.scenario for e in entries})
    return outcome
