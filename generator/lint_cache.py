"""Lint cache: the alerts of replies already linted under exactly the same house style.

Used by the lint stage. An entry is keyed by the reply's exact text and its virtual path (which
carries its channel, tone, fault and intent), inside a file named after a hash of the whole
style configuration: `.vale.ini`, every file under the styles path (rules, vocabularies,
dictionaries), the lint engine's own source and data, and which engine ran. Change any of them
and the key changes, so a changed reply or rule is always linted afresh; nothing is ever
invalidated by time. The cache lives in `.playbook-cache/lint/` at the repository root (safe to
delete; `--no-cache` neither reads nor writes it). Alerts are kept as the engine gave them;
mapping them to YAML lines is done afresh each run, since a reply may move in its file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .vale.alert import Alert
from .vale.cachefiles import write_json

CACHE_DIR = Path(".playbook-cache") / "lint"
FORMAT = 1
"""Bumped when the layout of an entry changes."""

MAX_ENTRIES = 100_000
"""Above this many entries a cache file starts again from the entries of the current run."""

_ENGINE_SOURCE = Path(__file__).parent / "vale"


def _files(root: Path) -> Iterable[Path]:
    if root.is_file():
        yield root
    elif root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                yield path


def style_key(vale_ini: Path, styles: Path, engine: str) -> str:
    """A hash of everything that decides the alerts of a given text at a given path."""
    digest = hashlib.sha256(f"format {FORMAT}\nengine {engine}\n".encode())
    for label, root in (("ini", vale_ini), ("styles", styles), ("engine", _ENGINE_SOURCE)):
        for path in _files(root):
            rel = path.relative_to(root).as_posix() if root.is_dir() else path.name
            digest.update(f"{label}:{rel}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def _entry_key(path: str, text: str) -> str:
    return hashlib.sha256(f"{path}\0{text}".encode()).hexdigest()[:32]


def _to_json(alert: Alert) -> list[Any]:
    return [alert.check, alert.severity, alert.message, alert.match, alert.line, list(alert.span)]


def _from_json(row: list[Any]) -> Alert:
    check, severity, message, match, line, span = row
    return Alert(check=check, severity=severity, message=message, match=match, line=line,
                 span=(span[0], span[1]))


class LintCache:
    """The cached alerts for one style configuration, read once and written back once."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.entries: dict[str, list[list[Any]]] = {}
        self.added = 0
        self.used: set[str] = set()
        if file is not None and file.is_file():
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(file.read_text(encoding="utf-8"))
                if isinstance(data, dict) and isinstance(data.get("entries"), dict):
                    self.entries = data["entries"]

    @classmethod
    def open(cls, root: Path, key: str) -> LintCache:
        return cls(root / CACHE_DIR / f"{key[:24]}.json")

    @classmethod
    def disabled(cls) -> LintCache:
        return cls(None)

    def get(self, path: str, text: str) -> list[Alert] | None:
        key = _entry_key(path, text)
        self.used.add(key)
        rows = self.entries.get(key)
        if rows is None:
            return None
        try:
            return [_from_json(row) for row in rows]
        except (TypeError, ValueError, IndexError):
            return None  # a damaged entry: lint again

    def put(self, path: str, text: str, alerts: list[Alert]) -> None:
        if self.file is None:
            return
        key = _entry_key(path, text)
        self.used.add(key)
        self.entries[key] = [_to_json(a) for a in alerts]
        self.added += 1

    def save(self) -> None:
        """Write the cache back if anything was added (atomically; other style hashes removed)."""
        if self.file is None or not self.added:
            return
        entries = self.entries
        if len(entries) > MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self.used}
        for old in self.file.parent.glob("*.json") if self.file.parent.is_dir() else ():
            if old != self.file:
                with contextlib.suppress(OSError):
                    old.unlink(missing_ok=True)  # another style's results: never valid again
        # a read-only checkout still gets its check; only the next run is slower
        write_json(self.file, {"format": FORMAT, "entries": entries})
