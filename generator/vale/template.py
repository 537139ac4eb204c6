"""``--output=FILE.tmpl``: a subset of Go's text/template (plus a few sprig functions)
over Vale's data: ``.Files`` (each ``.Path``, ``.Alerts``) and ``.LintedTotal``.

Supported: text, ``{{- -}}`` trimming, comments, ``range``/``if``/``else if``/``else``/
``end``, ``$var :=`` / ``$var =``, fields, variables, literals, pipes and the functions
``index printf eq ne lt gt len add1 add sub upper lower trim int plural list toStrings``
and the colour helpers (``red``... return their input).
"""

from __future__ import annotations

import os
import re
import sys

from .alert import go_sprintf
from .config import TMPL_DIR, find_config_asset
from .errors import ValeRuntimeError

_ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.S)
_ARG = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*"|`[^`]*`)|(?P<num>-?\d+(?:\.\d+)?)'
                  r"|(?P<var>\$\w*(?:\.\w+)*)|(?P<field>(?:\.\w+)+|\.)|(?P<open>\()"
                  r"|(?P<close>\))|(?P<pipe>\|)|(?P<ident>[A-Za-z_]\w*))")

FUNCS = {
    "index": lambda x, *i: _index(x, i),
    "printf": lambda f, *a: go_sprintf(f, *a),
    "print": lambda *a: "".join(str(x) for x in a),
    "eq": lambda a, *b: any(a == x for x in b), "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b, "gt": lambda a, b: a > b, "le": lambda a, b: a <= b,
    "ge": lambda a, b: a >= b, "len": len, "add1": lambda x: int(x) + 1,
    "add": lambda *a: sum(int(x) for x in a), "sub": lambda a, b: int(a) - int(b),
    "upper": lambda s: str(s).upper(), "lower": lambda s: str(s).lower(),
    "trim": lambda s: str(s).strip(), "int": int, "toString": str,
    "plural": lambda one, many, n: one if int(n) == 1 else many,
    "list": lambda *a: list(a), "toStrings": lambda xs: [str(x) for x in xs],
    "not": lambda x: not x, "and": lambda *a: all(a), "or": lambda *a: any(a),
    "join": lambda sep, xs: sep.join(str(x) for x in xs),
    "indent": lambda n, s: " " * int(n) + str(s),
}
for _c in ("red", "blue", "yellow", "green", "underline", "bold"):
    FUNCS[_c] = lambda s: s


def _index(x, idxs):
    for i in idxs:
        x = x[i]
    return x


def _parse(src: str):
    """Tokens -> nested nodes: ('text', s) | ('act', expr) | ('range'|'if', ...)."""
    parts: list[tuple[str, str]] = []
    pos = 0
    for m in _ACTION.finditer(src):
        text = src[pos:m.start()]
        if m.group(1):
            text = text.rstrip()
        if parts and parts[-1][0] == "trim_next":
            parts.pop()
            text = text.lstrip()
        parts.append(("text", text))
        parts.append(("act", m.group(2).strip()))
        if m.group(3):
            parts.append(("trim_next", ""))
        pos = m.end()
    tail = src[pos:]
    if parts and parts[-1][0] == "trim_next":
        parts.pop()
        tail = tail.lstrip()
    parts.append(("text", tail))

    def build(i, stop):
        nodes = []
        while i < len(parts):
            kind, val = parts[i]
            i += 1
            if kind == "text":
                if val:
                    nodes.append(("text", val))
                continue
            if val.startswith("/*"):
                continue
            word = val.split(None, 1)[0] if val else ""
            if word in stop or val.startswith("else"):
                return nodes, i - 1
            if word in ("range", "if"):
                body, i = build(i, ("end",))
                branches = [(val[len(word):].strip(), body)]
                other = []
                while parts[i][1].startswith("else"):
                    act = parts[i][1]
                    sub, i = build(i + 1, ("end",))
                    if act.startswith("else if"):
                        branches.append((act[7:].strip(), sub))
                    else:
                        other = sub
                nodes.append((word, branches, other))
                i += 1
            else:
                nodes.append(("act", val))
        return nodes, i

    nodes, _ = build(0, ())
    return nodes


def _split_pipeline(expr: str) -> list[list[tuple[str, str]]]:
    cmds: list[list[tuple[str, str]]] = [[]]
    pos = 0
    while pos < len(expr):
        m = _ARG.match(expr, pos)
        if not m or m.end() == pos:
            if expr[pos:].strip() == "":
                break
            raise ValueError(f"cannot parse {expr[pos:]!r}")
        pos = m.end()
        kind = m.lastgroup or ""
        if kind == "pipe":
            cmds.append([])
        else:
            cmds[-1].append((kind, m.group(kind)))
    return cmds


class _Renderer:
    def __init__(self, out):
        self.out = out
        self.vars: list[dict] = [{}]

    def lookup_var(self, name):
        for scope in reversed(self.vars):
            if name in scope:
                return scope[name]
        raise ValueError(f"undefined variable {name}")

    def set_var(self, name, value, define):
        if not define:
            for scope in reversed(self.vars):
                if name in scope:
                    scope[name] = value
                    return
        self.vars[-1][name] = value

    def field(self, obj, path):
        for part in [p for p in path.split(".") if p]:
            obj = obj.get(part) if isinstance(obj, dict) else getattr(obj, part)
        return obj

    def arg(self, kind, val, dot):
        if kind == "str":
            return val[1:-1] if val.startswith("`") else bytes(val[1:-1], "utf-8").decode(
                "unicode_escape")
        if kind == "num":
            return float(val) if "." in val else int(val)
        if kind == "var":
            name, _, rest = val.partition(".")
            base = self.lookup_var(name)
            return self.field(base, rest) if rest else base
        if kind == "field":
            return dot if val == "." else self.field(dot, val)
        if kind == "ident":
            if val in ("true", "false"):
                return val == "true"
            if val == "nil":
                return None
            return FUNCS[val]()
        raise ValueError(f"unexpected {val!r}")

    def pipeline(self, expr, dot):
        result = None
        for n, cmd in enumerate(_split_pipeline(expr)):
            if not cmd:
                continue
            kind, val = cmd[0]
            if kind == "ident" and val in FUNCS and (len(cmd) > 1 or n > 0):
                args = [self.arg(k, v, dot) for k, v in cmd[1:]]
                if n > 0:
                    args.append(result)
                result = FUNCS[val](*args)
            else:
                result = self.arg(kind, val, dot)
        return result

    def action(self, val, dot):
        m = re.match(r"^(\$\w+)\s*(:?=)\s*(.*)$", val, re.S)
        if m:
            self.set_var(m.group(1), self.pipeline(m.group(3), dot), m.group(2) == ":=")
            return
        v = self.pipeline(val, dot)
        if v is not None:
            self.out.append(v if isinstance(v, str) else str(v))

    def render(self, nodes, dot):
        for node in nodes:
            if node[0] == "text":
                self.out.append(node[1])
            elif node[0] == "act":
                self.action(node[1], dot)
            elif node[0] == "range":
                (expr, body), = node[1][:1]
                seq = self.pipeline(expr, dot) or []
                if not seq:
                    self.render(node[2], dot)
                for item in seq:
                    self.vars.append({})
                    self.render(body, item)
                    self.vars.pop()
            elif node[0] == "if":
                for cond, body in node[1]:
                    if self.pipeline(cond, dot):
                        self.vars.append({})
                        self.render(body, dot)
                        self.vars.pop()
                        break
                else:
                    self.render(node[2], dot)


def render_template(src: str, data: dict) -> str:
    out: list[str] = []
    _Renderer(out).render(_parse(src), data)
    return "".join(out)


def print_template(files, cfg, out=None) -> bool:
    out = out or sys.stdout
    path = cfg.flags.output
    if not os.path.isfile(path):
        path = find_config_asset(cfg, path, TMPL_DIR) or path
    try:
        with open(path, encoding="utf-8") as fh:
            src = fh.read()
    except OSError as exc:
        raise ValeRuntimeError("template", str(exc)) from None
    formatted = []
    has_errors = False
    for f in files:
        if not f.alerts:
            continue
        alerts = f.sorted_alerts()
        has_errors = has_errors or any(a.severity == "error" for a in alerts)
        formatted.append({"Path": f.path, "Alerts": [a.to_json() for a in alerts]})
    try:
        text = render_template(src, {"Files": formatted, "LintedTotal": len(files)})
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValeRuntimeError("template", str(exc)) from None
    out.write(text)
    return has_errors
