"""Load: read YAML files into plain Python values plus a source map of every key and value.

The first pipeline stage. Only safe YAML is accepted; duplicate keys, anchors/aliases, non-string
keys, oversized files and runaway nesting are reported as located diagnostics instead of being
silently accepted (PyYAML keeps the last duplicate key) or exhausting memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, error

MAX_FILE_BYTES = 1_000_000
"""Largest YAML file accepted; a scenario is a few kilobytes, so this only stops accidents."""

MAX_DEPTH = 40
"""Deepest nesting accepted; the format itself is at most five levels deep."""

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    col: int  # 1-based


@dataclass(frozen=True)
class BlockText:
    """Where the lines of a multi-line string start in the file, to locate text inside it."""

    first_line: int  # 1-based file line of the string's first line
    indent: int  # 0-based column where each continuation line's text starts
    first_col: int  # 1-based column of the first line's text


@dataclass
class SourceMap:
    """Positions of every value and key of one YAML document, addressed by key path."""

    path: str
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    texts: dict[Path_, BlockText] = field(default_factory=dict)
    todo_comments: list[tuple[Position, str]] = field(default_factory=list)
    """Comments that say `TODO` (`fault: unknown  # TODO ...`), for the TODO check."""

    def value(self, loc: Path_) -> Position:
        """Position of the value at `loc`, or of the nearest enclosing value that exists."""
        loc = tuple(loc)
        while loc and loc not in self.values:
            loc = loc[:-1]
        return self.values.get(loc, Position(1, 1))

    def key(self, loc: Path_) -> Position:
        """Position of the key naming `loc`, falling back to its value's position."""
        loc = tuple(loc)
        return self.keys.get(loc) or self.value(loc)

    def in_text(self, loc: Path_, line: int, col: int = 1) -> Position:
        """Map a 1-based line/column inside the string at `loc` to a file position."""
        loc = tuple(loc)
        block = self.texts.get(loc)
        if block is None:
            return self.value(loc)
        if line <= 1:
            return Position(block.first_line, block.first_col + col - 1)
        return Position(block.first_line + line - 1, block.indent + col)


@dataclass
class Document:
    """One loaded YAML file: its data (None when it failed), its source map and its text."""

    path: str
    data: Any
    source: SourceMap
    text: str = ""  # the decoded file, for checks that look at the raw text (secrets)


class _RefusedAlias(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _NoAliasLoader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors and aliases (and so every alias bomb)."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            raise _RefusedAlias(self.peek_event().start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _RefusedAlias(event.start_mark)
        node: Node | None = super().compose_node(parent, index)
        return node


# An anchor (&name) or alias (*name) can only start after one of these; text without such a token
# cannot hold one, so libyaml may compose it. Anything else takes the pure-Python path, which refuses
# aliases and words every error exactly as before.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\[\]{}]")
_CSafeLoader = getattr(yaml, "CSafeLoader", None)


_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_PLAIN_TAGS: dict[str, str] = {}
"""The tag of each short plain scalar seen (keys, `true`, `4h`): a plain scalar's tag depends on
its text alone, and resolving one runs the resolver's regexes in Python."""
_PLAIN_TAGS_MAX = 20_000


def _fast_loader_class() -> Any:
    """libyaml's loader with the Python calls it makes for every node cut down. Safe loading
    registers no path resolvers, so descending and ascending need no bookkeeping; a quoted or
    block scalar is a string; a plain scalar's tag is remembered by its text. The tags are the
    ones the stock resolver gives (`tests/test_load.py` compares them)."""
    if _CSafeLoader is None or _CSafeLoader.yaml_path_resolvers:
        return _CSafeLoader

    class FastLoader(_CSafeLoader):  # type: ignore[misc, valid-type]
        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is ScalarNode:
                if not implicit[0]:
                    return _STR_TAG
                tag = _PLAIN_TAGS.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(value) <= 64 and len(_PLAIN_TAGS) < _PLAIN_TAGS_MAX:
                        _PLAIN_TAGS[value] = tag
                return tag
            return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    return FastLoader


_FastLoader = _fast_loader_class()


def _compose_fast(text: str) -> Node | None:
    """The node tree composed by libyaml's C parser (same marks as the Python one), or None when
    libyaml is missing, the text might hold an anchor or alias, or anything at all goes wrong:
    the caller then parses it again in Python for the exact diagnostics."""
    if _FastLoader is None or _MAYBE_ANCHOR.search(text):
        return None
    loader = _FastLoader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    except Exception:  # any problem is reported by the exact Python path
        return None
    finally:
        loader.dispose()


def _pos(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class _Builder:
    """Turns a composed node tree into plain values, recording positions and problems."""

    def __init__(self, path: str, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.source = SourceMap(path)
        self.problems: list[Diagnostic] = []
        self.constructor = yaml.constructor.SafeConstructor()
        self.spans: list[tuple[int, int]] = []  # where each scalar's text is, to tell comments from text

    def build(self, node: Node, loc: Path_ = ()) -> Any:
        if len(loc) > MAX_DEPTH:
            p = _pos(node.start_mark)
            self.problems.append(
                error(
                    self.path,
                    p.line,
                    p.col,
                    "yaml-depth",
                    f"nesting deeper than {MAX_DEPTH} levels; flatten the structure",
                )
            )
            return None
        self.source.values[loc] = _pos(node.start_mark)
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        self.spans.append((node.start_mark.index, node.end_mark.index))
        is_str = node.tag == _STR_TAG and isinstance(node.value, str)
        if node.style in ("|", ">"):
            self._record_block(node, loc)
        elif is_str:
            start = _pos(node.start_mark)
            quote = 1 if node.style in ("'", '"') else 0
            self.source.texts[loc] = BlockText(start.line, start.col - 1 + quote, start.col + quote)
        if is_str:
            return node.value  # what SafeConstructor gives a string, without its bookkeeping
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            p = _pos(node.start_mark)
            self.problems.append(error(self.path, p.line, p.col, "yaml-value", _sentence(exc.problem)))
            return None
        except (ValueError, OverflowError) as exc:
            p = _pos(node.start_mark)
            hint = "write dates as YYYY-MM-DD" if node.tag.endswith("timestamp") else "fix the value"
            self.problems.append(
                error(self.path, p.line, p.col, "yaml-value", f"`{node.value}` is invalid ({exc}); {hint}")
            )
            return None

    def _record_block(self, node: ScalarNode, loc: Path_) -> None:
        first = node.start_mark.line + 1  # 0-based index of the first content line
        indent = 0
        for text in self.lines[first : node.end_mark.line + 1]:
            if text.strip():
                indent = len(text) - len(text.lstrip(" "))
                break
        self.source.texts[loc] = BlockText(first + 1, indent, indent + 1)

    def _mapping(self, node: MappingNode, loc: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            kp = _pos(key_node.start_mark)
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    error(
                        self.path,
                        kp.line,
                        kp.col,
                        "yaml-key",
                        "keys must be plain names; merge keys (<<) and complex keys are not supported",
                    )
                )
                continue
            key = str(key_node.value)
            self.spans.append((key_node.start_mark.index, key_node.end_mark.index))
            if key in seen:
                first = seen[key]
                self.problems.append(
                    error(
                        self.path,
                        kp.line,
                        kp.col,
                        "duplicate-key",
                        f"duplicate key `{key}` (first defined at line {first.line}); "
                        "remove one of them: YAML would silently keep only the last",
                    )
                )
                continue
            seen[key] = kp
            key_loc = (*loc, key)
            self.source.keys[key_loc] = kp
            result[key] = self.build(value_node, key_loc)
        return result


def _sentence(text: str | None) -> str:
    text = (text or "invalid YAML").strip()
    return text[0].upper() + text[1:] if text else text


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            error(
                path,
                line,
                col,
                "encoding",
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def load_text(text: str, path: str) -> tuple[Document, list[Diagnostic]]:
    """Parse YAML text into a Document; problems come back as diagnostics, never exceptions."""
    source = SourceMap(path)
    if "\t" in text:
        for n, line in enumerate(text.split("\n"), 1):
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                return Document(path, None, source, text), [
                    error(
                        path,
                        n,
                        indent.index("\t") + 1,
                        "yaml-syntax",
                        "a tab is used for indentation; YAML indents with spaces only",
                    )
                ]
    node = _compose_fast(text)
    if node is not None:
        return _document(text, path, node)
    try:
        loader = _NoAliasLoader(text)
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        at_line, at_col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        return Document(path, None, source, text), [
            error(
                path,
                at_line,
                at_col,
                "encoding",
                f"character U+{ord(exc.character) if isinstance(exc.character, str) else exc.character:04X} "
                "is not allowed in YAML; delete it (often pasted from another program)",
            )
        ]
    try:
        node = loader.get_single_node()
    except _RefusedAlias as exc:
        p = _pos(exc.mark)
        return Document(path, None, source, text), [
            error(
                path,
                p.line,
                p.col,
                "yaml-alias",
                "anchors and aliases (&name, *name) are not supported; write the value out in full",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote: point where it opened
        p = _pos(mark) if mark else Position(1, 1)
        message = _sentence(exc.problem)
        if exc.context:
            message += f" ({exc.context}"
            if exc.context_mark and exc.context_mark is not mark:
                message += f" at line {exc.context_mark.line + 1}"
            message += ")"
        return Document(path, None, source, text), [
            error(path, p.line, p.col, "yaml-syntax", f"{message}; fix the YAML syntax here")
        ]
    except yaml.YAMLError as exc:
        return Document(path, None, source, text), [error(path, 1, 1, "yaml-syntax", _sentence(str(exc)))]
    except RecursionError:
        return Document(path, None, source, text), [
            error(path, 1, 1, "yaml-depth", f"nesting is too deep; keep it under {MAX_DEPTH} levels")
        ]
    finally:
        loader.dispose()
    if node is None:
        return Document(path, None, source, text), [
            error(path, 1, 1, "empty-file", "the file is empty; add the scenario's keys or delete the file")
        ]
    return _document(text, path, node)


def _document(text: str, path: str, node: Node) -> tuple[Document, list[Diagnostic]]:
    """Values and positions of a composed node tree, from either parser."""
    builder = _Builder(path, text.split("\n"))
    data = builder.build(node)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        p = _pos(node.start_mark)
        builder.problems.append(
            error(
                path,
                p.line,
                p.col,
                "not-a-mapping",
                f"the file holds {kind}; it must be a mapping of keys such as `id:` and `title:`",
            )
        )
        data = None
    if "TODO" in text:
        builder.source.todo_comments = _todo_comments(text, builder.spans)
    return Document(path, data, builder.source, text), builder.problems


_COMMENT_TODO = re.compile(r"(?:^|(?<=[ \t]))#[^\n]*\bTODO\b[^\n]*", re.M)


def _todo_comments(text: str, spans: list[tuple[int, int]]) -> list[tuple[Position, str]]:
    """Each `# ... TODO ...` comment: a `#` after a space or at a line's start, outside every value."""
    found = []
    for match in _COMMENT_TODO.finditer(text):
        at = match.start()
        if any(start <= at < end for start, end in spans):
            continue  # inside a value (a quoted string or a block of text): the value's own TODO
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        found.append((Position(line, col), match.group(0)[1:].strip()))
    return found


def load_file(file: Path, display: str) -> tuple[Document, list[Diagnostic]]:
    """Read and parse one YAML file; `display` is the path shown in diagnostics."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return Document(display, None, SourceMap(display)), [
                error(
                    display,
                    1,
                    1,
                    "file-too-large",
                    f"the file is {size / 1_000_000:.1f} MB; files must be under "
                    f"{MAX_FILE_BYTES // 1_000_000} MB: split it or remove pasted data",
                )
            ]
        raw = file.read_bytes()
    except OSError as exc:
        return Document(display, None, SourceMap(display)), [
            error(display, 1, 1, "unreadable", f"cannot read the file ({exc.strerror}); check it exists")
        ]
    text, problems = _decode(raw, display)
    if text is None:
        return Document(display, None, SourceMap(display)), problems
    return load_text(text, display)
