r"""The safe modules (text, fmt, math) and builtins a Tengo script may call: no file, network
or process access exists here, and string positions are counted in bytes, like Tengo.

The ``text.re_*`` functions compile their (Go) patterns as the rules' own patterns are, with the
``regex`` package through ``regexes.compile_go``: Unicode classes such as ``\p{L}`` work as in
Go, and a pattern is compiled once, not once per process."""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from ..prefilter import LiteralIndex, Literals, requirements
from ..regexes import compile_go, translate


def blen(s: str) -> int:
    return len(s.encode("utf-8"))


def _go_repl(repl: str) -> str:
    return re.sub(r"\$\{?(\w+)\}?", lambda m: "\\g<" + m.group(1) + ">", repl.replace("\\", "\\\\"))


def _byte_index(s: str, sub: str) -> int:
    i = s.find(sub)
    return -1 if i < 0 else blen(s[:i])


_INDEX = LiteralIndex()
"""The literals the scripts' patterns need, found in a text in one pass."""
_FOLDED: dict[str, str] = {}


@functools.lru_cache(maxsize=4096)
def _needs(pattern: str) -> tuple[Literals, ...]:
    """Sets of literals (case-folded) one of each of which every match of `pattern` contains
    (`prefilter.requirements`, read from the pattern as the engine runs it)."""
    needs = requirements(translate(pattern))
    for lits in needs:
        _INDEX.add(set(lits))
    return needs


def _absent(pattern: str, s: str) -> bool:
    """Whether `pattern` surely matches nowhere in `s`: a literal it needs is missing. A script
    tries dozens of long alternations on each reply (ApologyOwed: 23), and most need a word the
    reply does not hold; finding the words costs a fraction of the searches."""
    needs = _needs(pattern)
    if not needs:
        return False
    folded = _FOLDED.get(s)
    if folded is None:
        if len(_FOLDED) >= 8:  # a script asks about the same few texts in turn
            _FOLDED.clear()
        folded = _FOLDED[s] = s.casefold()
    found = _INDEX.found(folded)
    return any(found.isdisjoint(lits) for lits in needs)


def _re_match(p: str, s: str) -> bool:
    return not _absent(p, s) and compile_go(p).search(s) is not None


def _re_find(p: str, s: str, n: int = -1) -> list[list[dict[str, Any]]] | None:
    if _absent(p, s):
        return None
    found = [[{"text": m.group(0), "begin": blen(s[:m.start()]), "end": blen(s[:m.end()])}]
             for m in list(compile_go(p).finditer(s))[:None if n < 0 else n]]
    return found or None


TEXT = {
    "re_replace": lambda p, s, r: compile_go(p).sub(_go_repl(r), s),
    "re_match": _re_match,
    "re_find": _re_find,
    "re_split": lambda p, s, n=-1: compile_go(p).split(s),
    "split": lambda s, sep: s.split(sep) if sep else list(s),
    "split_n": lambda s, sep, n: s.split(sep, n - 1) if n > 0 else [],
    "join": lambda xs, sep: sep.join(xs),
    "has_prefix": lambda s, p: s.startswith(p),
    "has_suffix": lambda s, p: s.endswith(p),
    "contains": lambda s, sub: sub in s,
    "contains_any": lambda s, chars: any(c in s for c in chars),
    "count": lambda s, sub: s.count(sub),
    "index": _byte_index,
    "last_index": lambda s, sub: -1 if s.rfind(sub) < 0 else blen(s[:s.rfind(sub)]),
    "trim_space": lambda s: s.strip(),
    "trim": lambda s, cut: s.strip(cut),
    "trim_left": lambda s, cut: s.lstrip(cut),
    "trim_right": lambda s, cut: s.rstrip(cut),
    "trim_prefix": lambda s, p: s.removeprefix(p),
    "trim_suffix": lambda s, p: s.removesuffix(p),
    "to_lower": lambda s: s.lower(),
    "to_upper": lambda s: s.upper(),
    "title": lambda s: s.title(),
    "replace": lambda s, old, new, n=-1: s.replace(old, new, n),
    "repeat": lambda s, n: s * min(int(n), 100000),
    "fields": lambda s: s.split(),
    "atoi": lambda s: int(s),
    "itoa": lambda n: str(n),
    "format_int": lambda n, base=10: str(n),
}
MATH = {"abs": abs, "ceil": math.ceil, "floor": math.floor, "sqrt": math.sqrt,
        "pow": math.pow, "log": math.log, "log10": math.log10, "max": max, "min": min,
        "round": round, "pi": math.pi, "e": math.e}


def _fmt_sprintf(fmt, *args):
    from ..alert import go_sprintf

    return go_sprintf(fmt, *args)


FMT = {"sprintf": _fmt_sprintf, "println": lambda *a: None, "printf": lambda *a: None,
       "print": lambda *a: None}
MODULES = {"text": TEXT, "math": MATH, "fmt": FMT}


BUILTINS: dict[str, Any] = {
    "len": lambda x: blen(x) if isinstance(x, str) else len(x),
    "append": lambda xs, *v: list(xs) + list(v),
    "string": lambda x: x if isinstance(x, str) else str(x),
    "int": lambda x, d=None: int(x),
    "float": float,
    "bool": bool,
    "copy": lambda x: x.copy() if hasattr(x, "copy") else x,
    "is_undefined": lambda x: x is None,
    "is_string": lambda x: isinstance(x, str),
    "is_int": lambda x: isinstance(x, int),
}
