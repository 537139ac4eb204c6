"""Output formatters: ``line``, ``JSON`` and ``CLI`` as Vale prints them (cmd/vale/line.go,
json.go, color.go); Go templates live in ``template.py``.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap

from .file import File


def go_json(data: object) -> str:
    """``json.MarshalIndent(data, "", "  ")`` with Go's HTML-safe escaping."""
    if isinstance(data, dict) and not data:
        return "{}"
    s = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def print_line(files: list[File], relative: bool, out=None) -> bool:
    out = out or sys.stdout
    exe_dir = os.path.abspath(os.path.dirname(sys.argv[0] or "."))
    errors = 0
    for f in files:
        base = f.path
        if relative and exe_dir in f.path:
            base = f.path.split(exe_dir, 1)[1]
        for a in f.sorted_alerts():
            if a.severity == "error":
                errors += 1
            out.write(f"{base}:{a.line}:{a.span[0]}:{a.check}:{a.message}\n")
    return errors != 0


def print_json(files: list[File], out=None) -> bool:
    out = out or sys.stdout
    errors = 0
    formatted: dict[str, list] = {}
    for f in files:
        for a in f.sorted_alerts():
            if a.severity == "error":
                errors += 1
            formatted.setdefault(f.path, []).append(a.to_json())
    out.write(go_json(dict(sorted(formatted.items()))) + "\n")
    return errors != 0


def _plural(word: str, n: int) -> str:
    return word if n == 1 else word + "s"


def _color(code: str, s: str, on: bool) -> str:
    return f"\x1b[{code}m{s}\x1b[0m" if on else s


def _table(rows: list[list[str]], wrap: bool) -> list[str]:
    """olekukonko/tablewriter without borders (auto-wrap at 30 columns)."""
    cells = [[textwrap.wrap(c, 30, break_long_words=False) or [""] if wrap else [c]
              for c in row] for row in rows]
    widths = [max(len(line) for row in cells for line in row[i]) for i in range(len(rows[0]))]
    out = [""]
    for row in cells:
        height = max(len(c) for c in row)
        for h in range(height):
            parts = [(c[h] if h < len(c) else "").ljust(widths[i]) for i, c in enumerate(row)]
            out.append(" " + "  ".join(parts) + " ")
    out.append("")
    return out


def print_cli(files: list[File], wrap: bool, out=None) -> bool:
    out = out or sys.stdout
    color = hasattr(out, "isatty") and out.isatty() and not os.environ.get("NO_COLOR")
    te = tw = ts = 0
    for f in files:
        alerts = f.sorted_alerts()
        if not alerts:
            continue
        rows = []
        for a in alerts:
            if a.severity == "suggestion":
                level, ts = _color("34", a.severity, color), ts + 1
            elif a.severity == "warning":
                level, tw = _color("33", a.severity, color), tw + 1
            else:
                level, te = _color("31", a.severity, color), te + 1
            rows.append([f"{a.line}:{a.span[0]}", level, a.message, a.check])
        out.write("\n " + _color("4", f.path, color))
        out.write("\n".join(_table(rows, not wrap)) + "\n")
    symbol = "\u2716" if te or tw else "\u2714"
    et = _color("31", f"{te} {_plural('error', te)}", color)
    wt = _color("33", f"{tw} {_plural('warning', tw)}", color)
    st = _color("34", f"{ts} {_plural('suggestion', ts)}", color)
    n = len(files)
    if n == 1 and files[0].path.startswith("stdin"):
        out.write(f"{symbol} {et}, {wt} and {st} in stdin.\n")
    else:
        out.write(f"{symbol} {et}, {wt} and {st} in {n} {_plural('file', n)}.\n")
    return te != 0
