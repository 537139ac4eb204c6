"""Lint: run the Vale-format style over every rendered reply, alerts mapped to YAML lines.

The lint stage. Each reply is linted as a virtual Markdown file whose path carries its context,
`replies/<channel-kind>/<tone>/<fault>/<intent>/<scenario>--<reply>.md`, so `.vale.ini` glob
sections choose the rules by channel, for denials or for our own faults: the context lives in
Vale's own configuration, not in Python. The engine is called as a library, in chunks.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Severity, error
from .playbook import Playbook
from .progress import QUIET, Progress
from .project import Project, stamp
from .replies import RenderedReply

_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "suggestion": Severity.SUGGESTION}


def virtual_path(reply: RenderedReply, channel_kind: str) -> str:
    """The path a reply is linted under; `.vale.ini` globs match on it."""
    r, s = reply.reply, reply.scenario
    return f"replies/{channel_kind}/{r.tone}/{s.fault}/{r.intent}/{s.id}--{r.id}.md"


_ENGINES: dict[tuple[object, ...], Any] = {}


def engine_for(project: Project, choice: str) -> Any:
    """The lint engine `choice` (auto, builtin, vale) for the project's style, loaded once while
    `.vale.ini` and the styles stay the same: the check, the tone guide page and a run of
    `lint-reply` drafts share it. Raises what `make_engine` raises."""
    from .vale import make_engine
    from .vale.binary import find_vale

    exe = find_vale() if choice in ("auto", "vale") else None
    kind = "vale" if choice == "vale" or exe else choice
    key = (kind, str(exe), *stamp(project.vale_config, project.styles_path))
    if key not in _ENGINES:
        engine = make_engine(project.vale_config, engine=choice)
        _ENGINES.clear()
        _ENGINES[key] = engine
    return _ENGINES[key]


def _load_engine(project: Project, choice: str) -> tuple[Any | None, list[Diagnostic]]:
    from .vale import ValeConfigError, ValeRuntimeError

    config = project.vale_config
    try:
        return engine_for(project, choice), []
    except (ValueError, ValeRuntimeError) as exc:
        return None, [
            error(
                "mkdocs.yml",
                1,
                1,
                "vale-engine",
                f"cannot use the `{choice}` lint engine ({exc}); set `vale_engine` to auto, builtin or vale",
            )
        ]
    except ValeConfigError as exc:
        shown = Path(getattr(exc, "path", config) or config)
        with contextlib.suppress(ValueError):
            shown = shown.resolve().relative_to(config.resolve().parent)
        line = int(getattr(exc, "line", 1) or 1)
        message = getattr(exc, "message", str(exc))
        return None, [error(shown.as_posix(), line, 1, "vale-config", f"{message}; fix the style file")]


def _source_column(template: str, line: int, match: str, fallback: int) -> int:
    """Where the matched words sit in the template line (placeholders shift rendered columns)."""
    lines = template.split("\n")
    if match and 1 <= line <= len(lines):
        found = lines[line - 1].find(match)
        if found >= 0:
            return found + 1
    return fallback


LINT_CHUNK = 50
"""Replies handed to the engine at a time, so progress moves while a large playbook is linted."""


def lint_replies(
    project: Project,
    book: Playbook,
    replies: list[RenderedReply],
    engine: str = "auto",
    progress: Progress = QUIET,
) -> list[Diagnostic]:
    if not project.vale_config.is_file() or book.policy is None or not replies:
        return []
    linter, problems = _load_engine(project, engine)
    if linter is None:
        return problems
    paths = {}
    for reply in replies:
        channel = book.policy.channels.get(reply.reply.channel)
        paths[virtual_path(reply, channel.kind if channel else "email")] = reply
    items = list(paths.items())
    progress.stage("linting replies", len(items))
    alerts: dict[str, Any] = {}
    for start in range(0, len(items), LINT_CHUNK):
        chunk = items[start : start + LINT_CHUNK]
        alerts.update(linter.lint_many({path: reply.text for path, reply in chunk}))
        progress.advance(len(chunk))
    for path, reply in paths.items():
        for alert in alerts.get(path, []):
            col = _source_column(reply.reply.body, alert.line, alert.match or "", alert.span[0])
            pos = reply.document.source.in_text(reply.body_loc, alert.line, col)
            level = _LEVELS.get(alert.severity, Severity.WARNING)
            problems.append(
                Diagnostic(reply.document.path, pos.line, pos.col, level, alert.check, alert.message)
            )
    return problems
