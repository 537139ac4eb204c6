"""Text scanning shared by the checks that look for values inside text (TODO, personal data, secrets).

Part of the checks stage. It walks every string of a decoded YAML document with its key path,
maps an offset inside a string back to the file's line and column, and lists the other files a
build publishes (templates, hand-written pages, mkdocs.yml) with their text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..load import Document, Position
from ..playbook import Playbook, display_path

Loc = tuple[str | int, ...]

MAX_SCANNED_BYTES = 1_000_000
"""Largest published file scanned as text; larger files are data (images, fonts), not writing."""


@dataclass(frozen=True)
class Finding:
    """One value found in a text: where it starts (an offset), the exact text, and what to say."""

    offset: int
    value: str
    message: str


def mask(value: str) -> str:
    """The first four characters, then an ellipsis: enough to find the value, too little to use it."""
    return value[:4] + "…"


def walk_strings(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string in a decoded YAML value, with its key path, in document order.

    Walked with an explicit stack rather than nested generators: a playbook of 1,000 scenarios
    holds about 170,000 strings, and each level of `yield from` costs a frame per string."""
    stack: list[tuple[Loc, Any]] = [(loc, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            stack.extend(((*where, k), v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*where, i), v) for i, v in reversed(list(enumerate(item))))


def line_col(text: str, offset: int) -> Position:
    """The 1-based line and column of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _offset_of(text: str, pos: Position) -> int:
    start = 0
    for _ in range(pos.line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return start + pos.col - 1


def in_string(doc: Document, loc: Loc, value: str, offset: int, needle: str) -> Position:
    """Where `needle`, found at `offset` of the string `value` at `loc`, is in the file.

    The needle is looked up in the file's text from the value's start, which is exact for every
    scalar style (plain, quoted, `|`, `>`); when a folded line break splits it, the line and
    column inside the string are mapped instead.
    """
    start = doc.source.value(loc)
    if doc.text:
        at = doc.text.find(needle, _offset_of(doc.text, start))
        if at >= 0 and value.count(needle, 0, offset) == 0:
            return line_col(doc.text, at)
    inner = line_col(value, offset)
    return doc.source.in_text(loc, inner.line, inner.col)


def published_files(book: Playbook) -> list[tuple[str, str]]:
    """(shown path, text) of the files a build publishes besides the YAML: `mkdocs.yml`, the page
    templates and the hand-written pages. Only on a whole-playbook run (not `check FILE`)."""
    if not book.whole:
        return []
    root = book.root.parent
    found: list[Path] = [root / "mkdocs.yml"]
    for folder in (root / "templates", root / "docs"):
        if folder.is_dir():
            found += sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    out = []
    for path in found:
        try:
            if path.stat().st_size > MAX_SCANNED_BYTES:
                continue
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        out.append((display_path(path, root), text))
    return out


def yaml_documents(book: Playbook) -> list[Document]:
    """The policy and every scenario document that was read."""
    return [d for d in (book.policy_document, *book.documents) if d is not None]
