"""Diagnostics: the one record every pipeline stage returns for a problem, and its formatters.

A Diagnostic names a file, a 1-based line and column, a severity, a rule id and a message
that says how to fix the problem. Stages never print; the CLI formats the collected list once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is: errors fail the build, warnings and suggestions do not."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.SUGGESTION: 2}


@dataclass(frozen=True)
class Diagnostic:
    """One located problem: where it is, how bad, which rule, and what to do about it."""

    path: str
    line: int
    col: int
    severity: Severity
    rule: str
    message: str

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (self.path, self.line, self.col, _RANK[self.severity], self.rule, self.message)

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message} [{self.rule}]"


def error(path: str, line: int, col: int, rule: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, Severity.ERROR, rule, message)


def warning(path: str, line: int, col: int, rule: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, Severity.WARNING, rule, message)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sort_unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by position so output is deterministic, and drop exact repeats."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return (
        f"{plural(counts[Severity.ERROR], 'error')}, {plural(counts[Severity.WARNING], 'warning')}"
        f" and {plural(counts[Severity.SUGGESTION], 'suggestion')} in {plural(files, 'file')}."
    )


def format_text(diagnostics: list[Diagnostic]) -> str:
    return "".join(d.text() + "\n" for d in diagnostics)


def format_json(diagnostics: list[Diagnostic]) -> str:
    rows = [{**asdict(d), "severity": d.severity.value} for d in diagnostics]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _github_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: one annotation per problem, shown on the diff."""
    kind = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}
    lines = []
    for d in diagnostics:
        props = (
            f"file={_github_escape(d.path, prop=True)},line={d.line},col={d.col},"
            f"title={_github_escape(d.rule, prop=True)}"
        )
        lines.append(f"::{kind[d.severity]} {props}::{_github_escape(d.message)}\n")
    return "".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
