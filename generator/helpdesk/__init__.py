"""Help desk round trip: export approved replies to Zendesk, Freshdesk and Help Scout files, and
import a team's existing macros as scenario drafts.

Two thin ends on the pipeline (see DESIGN.md, "Around the pipeline"):
`placeholders` (one table per tool, read both ways) → `shape` (the playbook's own export record)
→ `export` (approved replies through the pipeline) → `writers` (one file per target);
and `readers` (vendor files → neutral macros) → `importer` (macros → schema-valid drafts).
"""

from __future__ import annotations

TOOLS: tuple[str, ...] = ("zendesk", "freshdesk", "helpscout")
"""The help desks with a placeholder table in `data/`."""

EXPORT_FORMATS: tuple[str, ...] = (*TOOLS, "json", "csv")
IMPORT_FORMATS: tuple[str, ...] = (*TOOLS, "csv")


class HelpdeskError(Exception):
    """Unusable input or output for export or import: one line per problem, nothing written."""

    def __init__(self, problems: list[str], usage: bool = True) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
        self.exit_code = 2 if usage else 1  # 2: the wrong file or option; 1: content that cannot go
