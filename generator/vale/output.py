"""Output formatters: ``line``, ``JSON`` and ``CLI`` as Vale prints them (cmd/vale/line.go,
json.go, color.go); Go templates live in ``template.py``.
"""

from __future__ import annotations

import json
import os
import re
import sys

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


_DECIMAL = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
MAX_CELL_WIDTH = 30  # tablewriter's MAX_ROW_WIDTH
_PENALTY = 100000


def _width(s: str) -> int:
    return len(_ANSI.sub("", s))


def _wrap_words(words: list[str], lim: int) -> list[list[str]]:
    """tablewriter's WrapWords: minimum-raggedness line breaking."""
    n = len(words)
    length = [[0] * n for _ in range(n)]
    for i in range(n):
        length[i][i] = _width(words[i])
        for j in range(i + 1, n):
            length[i][j] = length[i][j - 1] + 1 + _width(words[j])
    nbrk = [0] * n
    cost = [2**31 - 1] * n
    for i in range(n - 1, -1, -1):
        if length[i][n - 1] <= lim:
            cost[i], nbrk[i] = 0, n
            continue
        for j in range(i + 1, n):
            d = lim - length[i][j - 1]
            c = d * d + cost[j]
            if length[i][j - 1] > lim:
                c += _PENALTY
            if c < cost[i]:
                cost[i], nbrk[i] = c, j
    lines, i = [], 0
    while i < n:
        lines.append(words[i:nbrk[i]])
        i = nbrk[i]
    return lines


def _wrap_string(s: str, lim: int) -> list[str]:
    words = s.replace("\n", " ").split(" ")
    for w in words:
        lim = max(lim, _width(w))
    return [" ".join(line) for line in _wrap_words(words, lim)]


def _table(rows: list[list[str]], wrap: bool) -> str:
    """olekukonko/tablewriter as Vale configures it: no separators, auto-wrap at 30."""
    ncols = len(rows[0])
    widths = [0] * ncols
    cells: list[list[list[str]]] = []
    for row in rows:
        out_row: list[list[str]] = []
        for ci, text in enumerate(row):
            raw = text.split("\n")
            mw = max(_width(x) for x in raw)
            if wrap:
                mw = min(mw, MAX_CELL_WIDTH)
                new_mw, new_raw = mw, []
                for pi, para in enumerate(raw):
                    lines = _wrap_string(para, mw)
                    new_mw = max([new_mw] + [_width(x) for x in lines])
                    if pi > 0:
                        new_raw.append(" ")
                    new_raw.extend(lines)
                raw, mw = new_raw, new_mw
            widths[ci] = max(widths[ci], mw)
            out_row.append(raw)
        cells.append(out_row)
    rendered = ["\n"]
    for crow in cells:
        height = max(len(c) for c in crow)
        for h in range(height):
            line = []
            for ci, c in enumerate(crow):
                text = c[h] if h < len(c) else "  "
                pad = " " * max(0, widths[ci] - _width(text))
                cell = pad + text if _DECIMAL.match(text.strip()) else text + pad
                line.append(" " + cell + " ")
            rendered.append("".join(line) + "\n")
    rendered.append("\n")
    return "".join(rendered)


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
        out.write(_table(rows, not wrap))
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
