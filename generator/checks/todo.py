"""TODO check: a scaffolded or imported scenario fails until every `TODO` is replaced.

A TODO is a text value holding `TODO`, or a comment saying it (`fault: unknown  # TODO whose
fault is it?`), which is how a choice or a list that cannot hold text is marked still to decide.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, error
from ..load import Position
from ..playbook import Playbook
from ..validate import describe_loc
from .scan import walk_strings

MARKER = "TODO"


def check(book: Playbook) -> list[Diagnostic]:
    problems = []
    for doc in book.documents:
        found: list[tuple[Position, str]] = []
        for loc, text in walk_strings(doc.data):
            if MARKER not in text:
                continue
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
