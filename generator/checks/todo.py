"""TODO check: a scaffolded scenario fails until every `TODO` placeholder text is replaced."""

from __future__ import annotations

from ..diagnostics import Diagnostic, error
from ..playbook import Playbook
from ..validate import describe_loc
from .scan import walk_strings

MARKER = "TODO"


def check(book: Playbook) -> list[Diagnostic]:
    problems = []
    for doc in book.documents:
        for loc, text in walk_strings(doc.data):
            if MARKER not in text:
                continue
            line_in_text = text[: text.index(MARKER)].count("\n") + 1
            col_in_text = text.index(MARKER) - (text.rfind("\n", 0, text.index(MARKER)) + 1) + 1
            pos = doc.source.in_text(loc, line_in_text, col_in_text)
            key = describe_loc(loc)
            problems.append(
                error(
                    doc.path,
                    pos.line,
                    pos.col,
                    "todo",
                    f"`{key}` still holds a TODO; replace it with the real text",
                )
            )
    return problems
