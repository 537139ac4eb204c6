"""TODO check: a scaffolded or imported scenario fails until every `TODO` is replaced.

A TODO is a text value holding `TODO`, or a comment saying it (`fault: unknown  # TODO whose
fault is it?`), which is how a choice or a list that cannot hold text is marked still to decide.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, error
from ..load import Position
from ..playbook import Playbook
from ..validate import describe_loc

MARKER = "TODO"


def _walk(value: Any, loc: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        return [(loc, value)] if MARKER in value else []
    if isinstance(value, dict):
        return [hit for key, item in value.items() for hit in _walk(item, (*loc, key))]
    if isinstance(value, list):
        return [hit for i, item in enumerate(value) for hit in _walk(item, (*loc, i))]
    return []


def check(book: Playbook) -> list[Diagnostic]:
    problems = []
    for doc in book.documents:
        found: list[tuple[Position, str]] = []
        for loc, text in _walk(doc.data, ()):
            line_in_text = text[: text.index(MARKER)].count("\n") + 1
            col_in_text = text.index(MARKER) - (text.rfind("\n", 0, text.index(MARKER)) + 1) + 1
            pos = doc.source.in_text(loc, line_in_text, col_in_text)
            found.append((pos, f"`{describe_loc(loc)}` still holds a TODO; replace it with the real text"))
        for pos, comment in doc.source.todo_comments:
            found.append(
                (pos, f"a comment still says `{comment[:80]}`; do what it asks, then delete the comment")
            )
        problems += [error(doc.path, pos.line, pos.col, "todo", message) for pos, message in found]
    return problems
