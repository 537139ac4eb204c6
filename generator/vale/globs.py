"""Glob patterns as Vale uses them (gobwas/glob, doublestar for ``**``, ``!`` negation)."""

from __future__ import annotations

import functools

import regex


def _translate(pat: str, doublestar: bool) -> str:
    out, i, n, depth = [], 0, len(pat), 0
    while i < n:
        c = pat[i]
        if c == "*":
            if pat.startswith("**", i):
                i += 2
                if pat.startswith("/", i) and doublestar:
                    out.append("(?:.*/)?")
                    i += 1
                else:
                    out.append(".*")
                continue
            out.append("[^/]*" if doublestar else ".*")
        elif c == "?":
            out.append("[^/]" if doublestar else ".")
        elif c == "[":
            j = pat.find("]", i + 1)
            if j < 0:
                out.append(regex.escape(c))
            else:
                body = pat[i + 1:j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j
        elif c == "{":
            depth += 1
            out.append("(?:")
        elif c == "}" and depth:
            depth -= 1
            out.append(")")
        elif c == "," and depth:
            out.append("|")
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(regex.escape(pat[i]))
        else:
            out.append(regex.escape(c))
        i += 1
    return "".join(out)


class Glob:
    """One compiled glob; ``match`` tests a slash-separated path."""

    def __init__(self, pattern: str) -> None:
        self.negated = pattern.startswith("!")
        self.pattern = pattern.lstrip("!")
        ds = "**" in self.pattern
        self._re = regex.compile(r"(?s)\A" + _translate(self.pattern, ds) + r"\Z")

    def match(self, path: str) -> bool:
        return bool(self._re.match(path.replace("\\", "/"))) != self.negated


@functools.lru_cache(maxsize=512)
def compile_glob(pattern: str) -> Glob:
    return Glob(pattern)
