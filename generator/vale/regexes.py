"""Vale's patterns (errata-ai/regexp2, .NET/RE2 syntax) compiled with the ``regex`` package.

Every pattern goes through :func:`compile_go` once, when a rule is built.
"""

from __future__ import annotations

import functools

import regex

_FIXES = (("\\z", "\\Z"), ("(?P<", "(?P<"), ("[[:", "[[:"))


def translate(pattern: str) -> str:
    out = pattern
    # \z (end of text) is spelled \Z in Python.
    out = out.replace("\\z", "\\Z")
    # Go's \Q...\E is supported by `regex`; possessive/atomic groups too.
    return out


@functools.lru_cache(maxsize=4096)
def compile_go(pattern: str) -> regex.Pattern:
    """Compile a Vale pattern; raises ``regex.error`` for an invalid one."""
    return regex.compile(translate(pattern))


def is_match(pat: regex.Pattern | None, s: str) -> bool:
    return pat is not None and pat.search(s) is not None
