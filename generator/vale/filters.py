"""``--filter``: a small evaluator for the subset of expr-lang Vale users write over rule
fields (``.Level in ["error"]``, ``"heading" in .Scope``, ``.Extends == "existence"``,
``and``/``or``/``not``, ``==``/``!=``, ``matches``, ``contains``, ``startsWith``,
``endsWith``, numbers and comparisons). No function calls, no access beyond the fields.
"""

from __future__ import annotations

import os
import re

from .alert import LEVEL_TO_INT
from .errors import ValeRuntimeError

_TOKEN = re.compile(r"""\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    |(?P<field>\.[A-Za-z_]\w*)|(?P<op>==|!=|<=|>=|&&|\|\||[()\[\],<>!])
    |(?P<word>[A-Za-z_]\w*))""", re.X)
MAX_TOKENS = 2000


def _tokens(src: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    pos = 0
    src = src.strip()
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise ValueError(f"unexpected character at {pos}: {src[pos:pos + 10]!r}")
        pos = m.end()
        kind = m.lastgroup or ""
        val = m.group(kind)
        if kind == "num":
            out.append(("lit", float(val) if "." in val else int(val)))
        elif kind == "str":
            out.append(("lit", bytes(val[1:-1], "utf-8").decode("unicode_escape")))
        elif kind == "word" and val in ("true", "false", "nil"):
            out.append(("lit", {"true": True, "false": False, "nil": None}[val]))
        else:
            out.append((kind, val))
        if len(out) > MAX_TOKENS:
            raise ValueError("filter expression too long")
    return out


_BIN = {"or": 1, "||": 1, "and": 2, "&&": 2, "==": 3, "!=": 3, "<": 3, ">": 3, "<=": 3,
        ">=": 3, "in": 3, "matches": 3, "contains": 3, "startsWith": 3, "endsWith": 3}


class _Parser:
    BIN = _BIN

    def __init__(self, toks):
        self.toks = toks
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else ("eof", None)

    def take(self):
        t = self.peek()
        self.i += 1
        return t

    def parse(self, prec=0):
        left = self.unary()
        while True:
            kind, val = self.peek()
            negate = False
            if kind == "word" and val == "not" and self.i + 1 < len(self.toks) \
                    and self.toks[self.i + 1] == ("word", "in"):
                negate, op = True, "in"
                if self.BIN[op] <= prec:
                    return left
                self.i += 2
            elif kind in ("op", "word") and val in self.BIN:
                op = val
                if self.BIN[op] <= prec:
                    return left
                self.i += 1
            else:
                return left
            right = self.parse(self.BIN[op])
            left = ("bin", op, left, right, negate)

    def unary(self):
        kind, val = self.take()
        if (kind == "op" and val == "!") or (kind == "word" and val == "not"):
            return ("not", self.unary())
        if kind == "op" and val == "(":
            e = self.parse()
            if self.take() != ("op", ")"):
                raise ValueError("missing )")
            return e
        if kind == "op" and val == "[":
            items = []
            while self.peek() != ("op", "]"):
                items.append(self.parse())
                if self.peek() == ("op", ","):
                    self.take()
                elif self.peek() != ("op", "]"):
                    raise ValueError("expected , or ]")
            self.take()
            return ("list", items)
        if kind == "lit":
            return ("lit", val)
        if kind == "field":
            return ("field", val[1:])
        raise ValueError(f"unexpected token {val!r}")


def _eval(node, env: dict):
    tag = node[0]
    if tag == "lit":
        return node[1]
    if tag == "field":
        if node[1] not in env:
            raise ValueError(f"unknown field .{node[1]}")
        return env[node[1]]
    if tag == "list":
        return [_eval(n, env) for n in node[1]]
    if tag == "not":
        return not _eval(node[1], env)
    _, op, ln, rn, negate = node
    if op in ("and", "&&"):
        return bool(_eval(ln, env)) and bool(_eval(rn, env))
    if op in ("or", "||"):
        return bool(_eval(ln, env)) or bool(_eval(rn, env))
    a, b = _eval(ln, env), _eval(rn, env)
    if op == "in":
        res = a in b if isinstance(b, (list, str, dict)) else False
        return not res if negate else res
    if op == "==":
        return a == b
    if op == "!=":
        return a != b
    if op == "matches":
        return re.search(str(b), str(a)) is not None
    if op == "contains":
        return str(b) in str(a)
    if op == "startsWith":
        return str(a).startswith(str(b))
    if op == "endsWith":
        return str(a).endswith(str(b))
    return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]


def compile_filter(src: str):
    try:
        p = _Parser(_tokens(src))
        tree = p.parse()
        if p.peek()[0] != "eof":
            raise ValueError(f"unexpected {p.peek()[1]!r}")
    except (ValueError, IndexError, RecursionError) as exc:
        raise ValeRuntimeError("filter", f"invalid filter expression: {exc}") from None
    return tree


def rule_env(defn) -> dict:
    return {"Name": defn.name, "Level": defn.level, "Scope": list(defn.scope),
            "Extends": defn.extends, "Message": defn.message, "Link": defn.link,
            "Description": defn.description, "Limit": defn.limit,
            "Action": {"Name": defn.action.name, "Params": defn.action.params}}


def apply_filter(linter, expr: str) -> None:
    """Keep only the rules the expression accepts (Vale's check/filter.go)."""
    if os.path.isfile(expr):
        with open(expr, encoding="utf-8") as fh:
            expr = fh.read()
    tree = compile_filter(expr)
    cfg = linter.config
    kept = {}
    for name, rule in linter.manager.rules.items():
        try:
            ok = bool(_eval(tree, rule_env(rule.definition)))
        except (ValueError, TypeError, re.error) as exc:
            raise ValeRuntimeError("filter", str(exc)) from None
        if ok:
            kept[name] = rule
            if ".Level" in expr:
                lvl = LEVEL_TO_INT[rule.definition.level]
                cfg.min_alert_level = min(cfg.min_alert_level, lvl)
    linter.manager.rules = kept
