"""Cache files: where the engine keeps derived data between runs, and how a cache file is written.

Used by the dictionary loader (expanded Hunspell words), the compiled-pattern store
(`regexes.py`) and the lint stage's result cache. A
cache file is written whole or not at all (a temporary file renamed over it), and a cache that
cannot be written only makes the next run slower.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .config import _xdg


def cache_dir() -> Path:
    """`PLAYBOOK_CACHE_DIR`, else `$XDG_CACHE_HOME/playbook-generator` (`~/.cache/...`)."""
    chosen = os.environ.get("PLAYBOOK_CACHE_DIR")
    return Path(chosen) if chosen else Path(_xdg("XDG_CACHE_HOME", ".cache")) / "playbook-generator"


def write_text(path: Path, text: str, mode: int | None = None) -> None:
    """Write `text` to `path` whole or not at all: a temporary file beside it, renamed over it.

    Raises OSError (and leaves no temporary file) when that is not possible. Also used by
    `playbook export`, whose output file must never be left half-written.
    """
    _write_whole(path, text.encode("utf-8"), mode)


def _write_whole(path: Path, data: bytes, mode: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        if mode is not None:  # mkstemp makes the file private; an export is for others to read
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically; False (and nothing written) when that is not possible."""
    try:
        _write_whole(path, data)
    except OSError:
        return False
    return True


def write_json(path: Path, data: Any) -> bool:
    """Write `data` to `path` atomically; False (and nothing written) when that is not possible."""
    return write_bytes(path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
