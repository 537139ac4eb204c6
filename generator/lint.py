"""Lint: run the Vale-format style over every rendered reply, alerts mapped to YAML lines.

The lint stage. Filled in once the Vale-compatible engine (`generator.vale`) lands; until a
`.vale.ini` exists in the project there is nothing to lint against.
"""

from __future__ import annotations

from .diagnostics import Diagnostic
from .playbook import Playbook
from .project import Project
from .replies import RenderedReply


def lint_replies(project: Project, book: Playbook, replies: list[RenderedReply]) -> list[Diagnostic]:
    if not project.vale_config.is_file():
        return []
    return []
