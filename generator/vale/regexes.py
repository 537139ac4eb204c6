"""Vale's patterns (errata-ai/regexp2, .NET/RE2 syntax) compiled with the ``regex`` package.

Every pattern goes through :func:`compile_go` once, when a rule is built. Compiling is the
``regex`` package's pure-Python parser (about 0.15 s for the house style, a quarter of a
one-file check), so compiled patterns are also kept between runs, like Python's own bytecode
cache: in ``<cache dir>/patterns/`` (see ``cachefiles.cache_dir``), one file per ``regex``
and Python version, mapping each pattern's exact text to its compiled program (and each
prefilter token to the literals it requires, which take Python's own regex parser to find).
A pattern is its own key, so the store can never answer for a changed rule; a pattern that
fails to compile is never stored and fails afresh each run. The store is the user's (never the
repository's, which a pull request could plant files in), and it is read with an unpickler that
calls nothing but the ``regex`` package's own constructor, so even a foreign file there cannot
run code; a file that cannot be read is ignored, one that cannot be written only makes the next
run slower. ``PLAYBOOK_PATTERN_CACHE=0`` turns the store off.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regex

from .cachefiles import cache_dir, write_bytes

FORMAT = 3
"""Bumped when what the store keeps, or how, changes (3: sets of literals a token needs all of)."""

MAX_STORED = 20_000
"""Above this many entries the store starts again from the entries of the current run."""


def translate(pattern: str) -> str:
    out = pattern
    # \z (end of text) is spelled \Z in Python.
    out = out.replace("\\z", "\\Z")
    # Go's \Q...\E is supported by `regex`; possessive/atomic groups too.
    return out


class _PatternsOnly(pickle.Unpickler):
    """Unpickles ``regex`` patterns (``regex._regex.compile`` with plain data) and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")


def _valid(kind: str, key: str, value: object) -> bool:
    if kind == "re":
        return isinstance(value, regex.Pattern) and value.pattern == key
    if kind == "literals":  # prefilter.requirements: a tuple of frozensets of strings
        return isinstance(value, tuple) and all(
            isinstance(lits, frozenset) and all(isinstance(v, str) for v in lits) for lits in value
        )
    return False


def _enabled() -> bool:
    return os.environ.get("PLAYBOOK_PATTERN_CACHE", "1") != "0"


class _Store:
    """What earlier runs derived from patterns (compiled programs, a token's required literals),
    keyed by kind and the pattern's exact text, and what this run adds."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, str], Any] | None = None
        self.used: set[tuple[str, str]] = set()
        self.added = 0

    def path(self) -> Path:
        tag = f"{FORMAT}\0{regex.__version__}\0{sys.version}\0{sys.implementation.cache_tag}"
        return cache_dir() / "patterns" / f"{hashlib.sha256(tag.encode()).hexdigest()[:24]}.pickle"

    def load(self) -> dict[tuple[str, str], Any]:
        if self.known is None:
            self.known = {}
            if _enabled():
                try:
                    data = _PatternsOnly(io.BytesIO(self.path().read_bytes())).load()
                    if isinstance(data, dict):
                        self.known = {
                            k: v
                            for k, v in data.items()
                            if isinstance(k, tuple) and len(k) == 2 and _valid(k[0], k[1], v)
                        }
                except Exception:  # missing, truncated, foreign or planted: derive afresh
                    self.known = {}
            atexit.register(self.save)
        return self.known

    def get(self, kind: str, key: str, make: Callable[[str], Any]) -> Any:
        known = self.load()
        entry = (kind, key)
        self.used.add(entry)
        if entry in known:
            return known[entry]
        found = known[entry] = make(key)
        self.added += 1
        return found

    def save(self) -> None:
        if not self.added or self.known is None or not _enabled():
            return
        kept = self.known
        if len(kept) > MAX_STORED:
            kept = {k: v for k, v in kept.items() if k in self.used}
        try:
            data = pickle.dumps(kept, protocol=4)
        except Exception:
            return
        if write_bytes(self.path(), data):
            self.added = 0


_STORE = _Store()


def compile_pattern(pattern: str) -> regex.Pattern:
    """``regex.compile(pattern)``, from the store of compiled patterns when it holds it."""
    return _STORE.get("re", pattern, regex.compile)  # type: ignore[no-any-return]


def remembered_literals(
    token: str, make: Callable[[str], tuple[frozenset[str], ...]]
) -> tuple[frozenset[str], ...]:
    """``make(token)`` (the prefilter's required literals of a token), from the store when it holds it."""
    return _STORE.get("literals", token, make)  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=4096)
def compile_go(pattern: str) -> regex.Pattern:
    """Compile a Vale pattern; raises ``regex.error`` for an invalid one."""
    return compile_pattern(translate(pattern))


def is_match(pat: regex.Pattern | None, s: str) -> bool:
    return pat is not None and pat.search(s) is not None
