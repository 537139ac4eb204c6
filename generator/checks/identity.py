"""Identity checks: a scenario's id matches its file name, its category its folder, ids are unique."""

from __future__ import annotations

from ..diagnostics import Diagnostic, error
from ..playbook import Playbook


def check(book: Playbook) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    first_seen: dict[str, str] = {}
    for item in book.scenarios:
        scenario, doc = item.scenario, item.document
        stem = item.file.name.rsplit(".", 1)[0]
        if scenario.id != stem:
            pos = doc.source.value(("id",))
            problems.append(
                error(
                    doc.path,
                    pos.line,
                    pos.col,
                    "id-matches-file",
                    f"id `{scenario.id}` differs from the file name `{item.file.name}`; "
                    f"rename the file to `{scenario.id}.yaml` or set `id: {stem}`",
                )
            )
        folder = item.file.parent.name
        if item.file.parent.resolve() != book.root.resolve() and scenario.category != folder:
            pos = doc.source.value(("category",))
            problems.append(
                error(
                    doc.path,
                    pos.line,
                    pos.col,
                    "category-matches-folder",
                    f"category `{scenario.category}` differs from the folder `{folder}/`; "
                    f"move the file to `{scenario.category}/` or set `category: {folder}`",
                )
            )
        if scenario.id in first_seen:
            pos = doc.source.value(("id",))
            problems.append(
                error(
                    doc.path,
                    pos.line,
                    pos.col,
                    "duplicate-id",
                    f"scenario id `{scenario.id}` is already used by {first_seen[scenario.id]}; "
                    "give this scenario its own id",
                )
            )
        else:
            first_seen[scenario.id] = doc.path
        seen_replies: set[str] = set()
        for i, reply in enumerate(scenario.replies):
            if reply.id in seen_replies:
                pos = doc.source.value(("replies", i, "id"))
                problems.append(
                    error(
                        doc.path,
                        pos.line,
                        pos.col,
                        "duplicate-reply-id",
                        f"reply id `{reply.id}` appears twice in this scenario; rename one",
                    )
                )
            seen_replies.add(reply.id)
    return problems
