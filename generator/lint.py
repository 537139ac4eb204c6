"""Lint: run the Vale-format style over every rendered reply, alerts mapped to YAML lines.

The lint stage. Each reply is linted as a virtual Markdown file whose path carries its context,
`replies/<channel-kind>/<tone>/<fault>/<intent>/<scenario>--<reply>.md`, so `.vale.ini` glob
sections choose the rules by channel, for denials or for our own faults: the context lives in
Vale's own configuration, not in Python. The engine is called as a library in forked children
(`bounded.py`): over all cores, each reply within a time limit. Replies whose text, path and
style are unchanged since the last run come from the lint cache (`lint_cache.py`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .bounded import Failed, cores, run_bounded
from .diagnostics import Diagnostic, Severity, error
from .lint_cache import LintCache, style_key
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


def _engine_kind(choice: str) -> tuple[str, Any]:
    """Which engine `choice` (auto, builtin, vale) means here, and the Vale binary if any."""
    from .vale.binary import find_vale

    exe = find_vale() if choice in ("auto", "vale") else None
    kind = "vale" if choice == "vale" or exe else choice
    if exe is not None:
        with contextlib.suppress(OSError):
            kind = f"vale {exe} {Path(exe).stat().st_mtime_ns}"
    return kind, exe


def engine_for(project: Project, choice: str) -> Any:
    """The lint engine `choice` (auto, builtin, vale) for the project's style, loaded once while
    `.vale.ini` and the styles stay the same: the check, the tone guide page and a run of
    `lint-reply` drafts share it. Raises what `make_engine` raises."""
    from .vale import make_engine

    kind, exe = _engine_kind(choice)
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


QUOTE_LIMIT = 80
"""Most characters of the offending text a message quotes; a pasted code would fill the screen."""


def quoted(message: str, match: str, limit: int = QUOTE_LIMIT) -> str:
    """`message` with any quote of `match` longer than `limit` cut down to its two ends."""
    if len(match) <= limit or match not in message:
        return message
    half = (limit - 1) // 2
    return message.replace(match, f"{match[:half]}…{match[-half:]}")


LINT_CHUNK = 50
"""Replies handed to a Vale binary at a time, so progress moves while a large playbook is linted."""

LINT_SECONDS = 10.0
"""Longest the house style may take over one reply (a real one takes milliseconds)."""

REPLIES_PER_WORKER = 40
"""Fewest replies worth another core: below twice this, one child lints them all."""


def lint_bounded(
    linter: Any,
    items: list[tuple[str, str]],
    progress: Progress = QUIET,
    meanwhile: Callable[[], None] | None = None,
) -> list[Any]:
    """Alerts for each (virtual path, text), or `Failed` for a reply whose lint was stopped.

    The built-in engine runs in forked children, spread over the cores when there is enough
    work, each reply within `LINT_SECONDS`; `meanwhile()` runs here while they work. The Vale
    binary is its own process: it gets the replies in chunks, so progress still moves.
    """
    from .vale.binary import ValeBinaryEngine

    if isinstance(linter, ValeBinaryEngine):
        if meanwhile:
            meanwhile()
        out: list[Any] = []
        for start in range(0, len(items), LINT_CHUNK):
            chunk = dict(items[start : start + LINT_CHUNK])
            found = linter.lint_many(chunk)
            out += [found.get(path, []) for path in chunk]
            progress.advance(len(chunk))
        return out

    linter.prepare()

    def lint_one(item: tuple[str, str]) -> list[Any]:
        return linter.lint_text(item[1], item[0])

    workers = cores() if len(items) >= 2 * REPLIES_PER_WORKER else 1
    return run_bounded(
        lint_one, items, seconds=LINT_SECONDS, workers=workers, done=progress.advance, meanwhile=meanwhile
    )


def lint_replies(
    project: Project,
    book: Playbook,
    replies: list[RenderedReply],
    engine: str = "auto",
    progress: Progress = QUIET,
    *,
    cache: bool = True,
    meanwhile: Callable[[], None] | None = None,
) -> list[Diagnostic]:
    """Lint every reply (from the cache where its text, path and style are unchanged).

    `meanwhile()`, the caller's other work, is called exactly once: while the lint's children
    work, or before returning when there is nothing to lint."""
    calls = [meanwhile] if meanwhile else []

    def other_work() -> None:
        while calls:
            calls.pop()()

    try:
        return _lint_replies(project, book, replies, engine, progress, cache, other_work)
    finally:
        other_work()


def _lint_replies(
    project: Project,
    book: Playbook,
    replies: list[RenderedReply],
    engine: str,
    progress: Progress,
    cache: bool,
    meanwhile: Callable[[], None],
) -> list[Diagnostic]:
    if not project.vale_config.is_file() or book.policy is None or not replies:
        return []
    paths = {}
    for reply in replies:
        channel = book.policy.channels.get(reply.reply.channel)
        paths[virtual_path(reply, channel.kind if channel else "email")] = reply
    store = LintCache.disabled()
    if cache:
        key = style_key(project.vale_config, project.styles_path, _engine_kind(engine)[0])
        store = LintCache.open(project.root, key)
    alerts: dict[str, Any] = {}
    pending: list[tuple[str, str]] = []
    for path, reply in paths.items():
        hit = store.get(path, reply.text)
        if hit is None:
            pending.append((path, reply.text))
        else:
            alerts[path] = hit
    progress.stage("linting replies", len(paths))
    progress.advance(len(alerts))
    problems: list[Diagnostic] = []
    if pending:
        linter, problems = _load_engine(project, engine)
        if linter is None:
            return problems
        found_all = lint_bounded(linter, pending, progress, meanwhile)
        for (path, text), found in zip(pending, found_all, strict=True):
            if isinstance(found, Failed):
                reply = paths[path]
                pos = reply.document.source.value(reply.body_loc)
                problems.append(
                    error(
                        reply.document.path,
                        pos.line,
                        pos.col,
                        "lint-stopped",
                        f"the house style was stopped on reply `{reply.reply.id}`: {found.reason}; "
                        "shorten the reply or move long codes and pasted text out of it",
                    )
                )
                continue
            alerts[path] = found
            store.put(path, text, found)
        store.save()
    for path, reply in paths.items():
        for alert in alerts.get(path, []):
            col = _source_column(reply.reply.body, alert.line, alert.match or "", alert.span[0])
            pos = reply.document.source.in_text(reply.body_loc, alert.line, col)
            level = _LEVELS.get(alert.severity, Severity.WARNING)
            message = quoted(alert.message, alert.match or "")
            problems.append(Diagnostic(reply.document.path, pos.line, pos.col, level, alert.check, message))
    return problems
