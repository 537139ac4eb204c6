"""File formats by extension (Vale's ``internal/core/format.go``)."""

from __future__ import annotations

import re

FORMAT_BY_EXTENSION = [
    (r"\.(?:[rc]?py[3w]?|[Ss][Cc]onstruct)$", ".py", "code"),
    (r"\.(?:adoc|asciidoc|asc)$", ".adoc", "markup"),
    (r"\.(?:clj|cljs|cljc|cljd)$", ".clj", "code"),
    (r"\.(?:cpp|cc|c|cp|cxx|c\+\+|h|hpp|h\+\+)$", ".cpp", "code"),
    (r"\.(?:css)$", ".css", "code"),
    (r"\.(?:cs|csx)$", ".c", "code"),
    (r"\.(?:dita)$", ".dita", "markup"),
    (r"\.(?:go)$", ".go", "code"),
    (r"\.(?:hs)$", ".hs", "code"),
    (r"\.(?:html|htm|shtml|xhtml)$", ".html", "markup"),
    (r"\.(?:java|bsh)$", ".c", "code"),
    (r"\.(?:jl)$", ".jl", "code"),
    (r"\.(?:js|jsx)$", ".js", "code"),
    (r"\.(?:lua)$", ".lua", "code"),
    (r"\.(?:md|mdown|markdown|markdn)$", ".md", "markup"),
    (r"\.(?:org)$", ".org", "markup"),
    (r"\.(?:php)$", ".php", "code"),
    (r"\.(?:pl|pm|pod)$", ".r", "code"),
    (r"\.(?:proto)$", ".proto", "code"),
    (r"\.(?:ps1|psm1|psd1)$", ".ps1", "code"),
    (r"\.(?:rb|Gemfile|Rakefile|Brewfile|gemspec)$", ".rb", "code"),
    (r"\.(?:rs)$", ".rs", "code"),
    (r"\.(?:rst|rest)$", ".rst", "markup"),
    (r"\.(?:r|R)$", ".r", "code"),
    (r"\.(?:sass|less)$", ".c", "code"),
    (r"\.(?:scala|sbt)$", ".c", "code"),
    (r"\.(?:swift)$", ".c", "code"),
    (r"\.(?:ts|tsx)$", ".ts", "code"),
    (r"\.(?:txt)$", ".txt", "text"),
    (r"\.(?:xml)$", ".xml", "markup"),
    (r"\.(?:yaml|yml)$", ".yml", "code"),
]
_COMPILED = [(re.compile(r), e, k) for r, e, k in FORMAT_BY_EXTENSION]


def go_ext(path: str) -> str:
    """Go's filepath.Ext: the suffix from the last dot of the last element."""
    i = len(path) - 1
    while i >= 0 and path[i] not in "/\\":
        if path[i] == ".":
            return path[i:]
        i -= 1
    return ""


def _lookup(ext: str) -> tuple[str, str] | None:
    for r, e, k in _COMPILED:
        if r.search(ext):
            return e, k
    return None


def format_from_ext(path: str, mapping: dict[str, str]) -> tuple[str, str]:
    base = go_ext(path).strip(".")
    kind = (_lookup("." + base) or ("", ""))[1]
    if base in mapping:
        fmt = mapping[base]
        if kind == "code" and (_lookup("." + fmt) or ("", ""))[1] == "markup":
            return "." + fmt, "fragment"
        base = fmt
    hit = _lookup("." + base)
    return hit if hit else ("unknown", "unknown")


def replace_ext(fp: str, formats: dict[str, str]) -> str:
    old = go_ext(fp)
    normed = formats.get(old.strip("."))
    if normed is not None:
        return fp[: len(fp) - len(old)] + "." + normed
    return fp
