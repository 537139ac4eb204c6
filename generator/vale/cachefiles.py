"""Cache files: where the engine keeps derived data between runs, and how a cache file is written.

Used by the dictionary loader (expanded Hunspell words) and the lint stage's result cache. A
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


def write_json(path: Path, data: Any) -> bool:
    """Write `data` to `path` atomically; False (and nothing written) when that is not possible."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
