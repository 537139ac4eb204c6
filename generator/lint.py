"""Lint: run the Vale-format style over every rendered reply, alerts mapped to YAML lines.

The lint stage. Each reply is linted as a virtual Markdown file whose path carries its context,
`replies/<channel-kind>/<tone>/<fault>/<intent>/<scenario>--<reply>.md`, so `.vale.ini` glob
sections choose the rules by channel, for denials or for our own faults: the context lives in
Vale's own configuration, not in Python. The engine is called as a library in forked children
(`bounded.Pool`): over all cores, each reply within a time limit, each part of the playbook handed to
the same children as soon as it is rendered (`LintStage`). Replies whose text, path and style
are unchanged since the last run come from the lint cache (`lint_cache.py`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .bounded import Failed, Pool, cores
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


def _pool(linter: Any, replies: int) -> Pool[tuple[str, str], list[Any]]:
    """Forked children for the built-in engine, spread over the cores when there are enough
    replies (at least twice `REPLIES_PER_WORKER`), each reply within `LINT_SECONDS`."""
    linter.prepare()

    def lint_one(item: tuple[str, str]) -> list[Any]:
        return linter.lint_text(item[1], item[0])

    workers = cores() if replies >= 2 * REPLIES_PER_WORKER else 1
    return Pool(lint_one, seconds=LINT_SECONDS, workers=workers)


def _lint_with_binary(linter: Any, items: list[tuple[str, str]], progress: Progress) -> list[Any]:
    """Alerts for each (virtual path, text) from a Vale binary, a chunk at a time."""
    out: list[Any] = []
    for start in range(0, len(items), LINT_CHUNK):
        chunk = dict(items[start : start + LINT_CHUNK])
        found = linter.lint_many(chunk)
        out += [found.get(path, []) for path in chunk]
        progress.advance(len(chunk))
    return out


def lint_bounded(linter: Any, items: list[tuple[str, str]], progress: Progress = QUIET) -> list[Any]:
    """Alerts for each (virtual path, text), or `Failed` for a reply whose lint was stopped."""
    from .vale.binary import ValeBinaryEngine

    if isinstance(linter, ValeBinaryEngine):
        return _lint_with_binary(linter, items, progress)
    pool = _pool(linter, len(items))
    pool.submit(items)
    return pool.collect(progress.advance)


class LintStage:
    """The lint of a playbook's replies, begun part by part as they are rendered (`add`: each part
    handed to the same forked children, `bounded.Pool`, while the caller loads and renders the next)
    and finished once (`finish`: the alerts as located diagnostics). Replies whose text, path and
    style are unchanged since the last run come from the lint cache."""

    def __init__(self, project: Project, book: Playbook, engine: str = "auto", *, cache: bool = True) -> None:
        self.project, self.book, self.engine = project, book, engine
        self.enabled = project.vale_config.is_file() and book.policy is not None
        self.store = LintCache.disabled()
        if cache and self.enabled:
            key = style_key(project.vale_config, project.styles_path, _engine_kind(engine)[0])
            self.store = LintCache.open(project.root, key)
        self.paths: dict[str, RenderedReply] = {}
        self.alerts: dict[str, Any] = {}
        self.sent: list[tuple[str, str]] = []
        """(virtual path, text) of every reply given to the engine, in order."""
        self.pool: Pool[tuple[str, str], list[Any]] | None = None
        self.problems: list[Diagnostic] = []
        self.linter: Any = None
        self.loaded = False

    def add(self, replies: list[RenderedReply]) -> None:
        """Look these replies up in the cache and start linting the rest."""
        if not self.enabled or self.book.policy is None:
            return
        pending: list[tuple[str, str]] = []
        for reply in replies:
            channel = self.book.policy.channels.get(reply.reply.channel)
            path = virtual_path(reply, channel.kind if channel else "email")
            self.paths[path] = reply
            hit = self.store.get(path, reply.text)
            if hit is None:
                pending.append((path, reply.text))
            else:
                self.alerts[path] = hit
        if not pending:
            return
        if not self.loaded:
            self.linter, self.problems = _load_engine(self.project, self.engine)
            self.loaded = True
        if self.linter is None:
            return
        from .vale.binary import ValeBinaryEngine

        if self.pool is None and not isinstance(self.linter, ValeBinaryEngine):
            self.pool = _pool(self.linter, len(pending))
        if self.pool is not None:
            self.pool.submit(pending)
        self.sent += pending

    def finish(
        self, progress: Progress = QUIET, meanwhile: Sequence[Callable[[], None]] = ()
    ) -> list[Diagnostic]:
        """Every reply's alerts as diagnostics at its YAML line. `meanwhile`, the caller's other
        work, is done exactly once, step by step: while the children work, or before returning
        when there is nothing to lint."""
        steps = iter(meanwhile)  # what the lint did not get to is done here, once
        try:
            return self._finish(progress, steps)
        finally:
            self.close()
            for step in steps:
                step()

    def close(self) -> None:
        """Stop every child still linting (when the caller gives up early)."""
        if self.pool is not None:
            self.pool.close()

    def _results(self, progress: Progress, meanwhile: Iterable[Callable[[], None]]) -> list[Any]:
        if self.pool is not None:
            return self.pool.collect(progress.advance, meanwhile)
        for step in meanwhile:
            step()
        return _lint_with_binary(self.linter, self.sent, progress)

    def _finish(self, progress: Progress, meanwhile: Iterable[Callable[[], None]]) -> list[Diagnostic]:
        if not self.paths:
            return []
        progress.stage("linting replies", len(self.paths))
        progress.advance(len(self.alerts))
        problems = list(self.problems)
        if self.sent:
            for (path, text), found in zip(self.sent, self._results(progress, meanwhile), strict=True):
                if isinstance(found, Failed):
                    reply = self.paths[path]
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
                self.alerts[path] = found
                self.store.put(path, text, found)
            self.store.save()
        for path, reply in self.paths.items():
            for alert in self.alerts.get(path, []):
                col = _source_column(reply.reply.body, alert.line, alert.match or "", alert.span[0])
                pos = reply.document.source.in_text(reply.body_loc, alert.line, col)
                level = _LEVELS.get(alert.severity, Severity.WARNING)
                message = quoted(alert.message, alert.match or "")
                where = (reply.document.path, pos.line, pos.col)
                problems.append(Diagnostic(*where, level, alert.check, message))
        return problems
