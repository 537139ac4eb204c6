"""The bounded evaluator of the Tengo subset and its safe modules (text, fmt, math)."""

from __future__ import annotations

import math
import re

from .parser import MAX_STEPS, Parser, TengoError, _Break, _Continue, _Return, tokenize


def blen(s: str) -> int:
    return len(s.encode("utf-8"))


def _go_repl(repl: str) -> str:
    return re.sub(r"\$\{?(\w+)\}?", lambda m: "\\g<" + m.group(1) + ">", repl.replace("\\", "\\\\"))


def _byte_index(s: str, sub: str) -> int:
    i = s.find(sub)
    return -1 if i < 0 else blen(s[:i])


TEXT = {
    "re_replace": lambda p, s, r: re.sub(p, _go_repl(r), s),
    "re_match": lambda p, s: re.search(p, s) is not None,
    "re_find": lambda p, s, n=-1: [[{"text": m.group(0), "begin": blen(s[:m.start()]),
                                      "end": blen(s[:m.end()])}]
                                    for m in list(re.finditer(p, s))[:None if n < 0 else n]]
    or None,
    "re_split": lambda p, s, n=-1: re.split(p, s),
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
    from .alert import go_sprintf

    return go_sprintf(fmt, *args)


FMT = {"sprintf": _fmt_sprintf, "println": lambda *a: None, "printf": lambda *a: None,
       "print": lambda *a: None}
MODULES = {"text": TEXT, "math": MATH, "fmt": FMT}


class Interpreter:
    """Runs a parsed program with a step budget; ``globals`` holds the variables."""

    def __init__(self, variables: dict | None = None, max_steps: int = MAX_STEPS) -> None:
        self.globals = dict(variables or {})
        self.steps = 0
        self.max_steps = max_steps

    def tick(self):
        self.steps += 1
        if self.steps > self.max_steps:
            raise TengoError("script exceeded its step budget")

    def run(self, src: str) -> dict:
        prog = Parser(tokenize(src)).program()
        scope = [self.globals]
        try:
            self.exec_block(prog, scope)
        except (_Break, _Continue):
            pass
        except _Return:
            pass
        return self.globals

    def lookup(self, name, scopes):
        for s in reversed(scopes):
            if name in s:
                return s[name]
        builtins = {"len": lambda x: blen(x) if isinstance(x, str) else len(x),
                    "append": lambda xs, *v: list(xs) + list(v),
                    "string": lambda x: x if isinstance(x, str) else str(x),
                    "int": lambda x, d=None: int(x), "float": float, "bool": bool,
                    "copy": lambda x: x.copy() if hasattr(x, "copy") else x,
                    "is_undefined": lambda x: x is None, "is_string": lambda x:
                    isinstance(x, str), "is_int": lambda x: isinstance(x, int)}
        if name in builtins:
            return builtins[name]
        raise TengoError(f"unresolved reference '{name}'")

    def set(self, name, value, scopes, define):
        if define:
            scopes[-1][name] = value
            return
        for s in reversed(scopes):
            if name in s:
                s[name] = value
                return
        raise TengoError(f"unresolved reference '{name}'")

    def exec_block(self, stmts, scopes):
        for st in stmts:
            self.execute(st, scopes)

    def execute(self, st, scopes):
        self.tick()
        kind = st[0]
        if kind == "expr":
            self.eval(st[1], scopes)
        elif kind == "assign":
            _, op, target, valnode = st
            val = self.eval(valnode, scopes)
            if op not in (":=", "="):
                cur = self.eval(target, scopes)
                val = self.binop(op[0], cur, val)
            self.store(target, val, scopes, op == ":=")
        elif kind == "multi":
            raise TengoError("multiple assignment is not supported")
        elif kind == "block":
            self.exec_block(st[1], [*scopes, {}])
        elif kind == "if":
            _, init, cond, body, other = st
            inner = [*scopes, {}]
            if init is not None:
                self.execute(init, inner)
            if self.truthy(self.eval(cond, inner)):
                self.execute(body, inner)
            elif other is not None:
                self.execute(other, inner)
        elif kind == "while":
            while self.truthy(self.eval(st[1], scopes)):
                try:
                    self.execute(st[2], scopes)
                except _Break:
                    break
                except _Continue:
                    continue
        elif kind == "for3":
            _, init, cond, post, body = st
            inner = [*scopes, {}]
            self.execute(init, inner)
            while self.truthy(self.eval(cond, inner)):
                try:
                    self.execute(body, inner)
                except _Break:
                    break
                except _Continue:
                    pass
                if post is not None:
                    self.execute(post, inner)
        elif kind == "forin":
            _, k, v, it, body = st
            seq = self.eval(it, scopes)
            items = list(seq.items()) if isinstance(seq, dict) else list(enumerate(seq))
            for idx, item in items:
                self.tick()
                inner = [*scopes, {}]
                if v is None:
                    inner[-1][k] = item if not isinstance(seq, dict) else idx
                    if isinstance(seq, dict):
                        inner[-1][k] = idx
                else:
                    inner[-1][k] = idx
                    inner[-1][v] = item
                if v is None and not isinstance(seq, dict):
                    inner[-1][k] = item
                try:
                    self.execute(body, inner)
                except _Break:
                    break
                except _Continue:
                    continue
        elif kind == "break":
            raise _Break()
        elif kind == "continue":
            raise _Continue()
        elif kind == "return":
            raise _Return(None if st[1] is None else self.eval(st[1], scopes))
        else:
            raise TengoError(f"unsupported statement {kind}")

    def store(self, target, val, scopes, define):
        if target[0] == "name":
            self.set(target[1], val, scopes, define)
        elif target[0] == "index":
            obj = self.eval(target[1], scopes)
            obj[self.eval(target[2], scopes)] = val
        elif target[0] == "attr":
            obj = self.eval(target[1], scopes)
            obj[target[2]] = val
        else:
            raise TengoError("invalid assignment target")

    @staticmethod
    def truthy(v):
        return bool(v)

    def binop(self, op, a, b):
        if op == "+":
            if isinstance(a, list):
                return a + list(b)
            if isinstance(a, str) and not isinstance(b, str):
                b = str(b)
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            if isinstance(a, int) and isinstance(b, int):
                if b == 0:
                    raise TengoError("division by zero")
                q = abs(a) // abs(b)
                return q if (a >= 0) == (b >= 0) else -q
            return a / b
        if op == "%":
            return math.fmod(a, b) if isinstance(a, float) else int(math.fmod(a, b))
        raise TengoError(f"unknown operator {op}")

    def eval(self, node, scopes):
        self.tick()
        k = node[0]
        if k == "lit":
            return node[1]
        if k == "name":
            return self.lookup(node[1], scopes)
        if k == "array":
            return [self.eval(n, scopes) for n in node[1]]
        if k == "map":
            return {key: self.eval(v, scopes) for key, v in node[1]}
        if k == "import":
            if node[1] not in MODULES:
                raise TengoError(f"module '{node[1]}' is not available")
            return MODULES[node[1]]
        if k == "attr":
            obj = self.eval(node[1], scopes)
            if isinstance(obj, dict):
                return obj.get(node[2])
            raise TengoError(f"cannot select {node[2]}")
        if k == "index":
            obj = self.eval(node[1], scopes)
            idx = self.eval(node[2], scopes)
            if isinstance(obj, dict):
                return obj.get(idx)
            if isinstance(obj, str):
                return obj.encode()[idx]
            return obj[idx] if -1 < idx < len(obj) else None
        if k == "slice":
            obj = self.eval(node[1], scopes)
            lo = 0 if node[2] is None else self.eval(node[2], scopes)
            if isinstance(obj, str):
                bs = obj.encode()
                hi = len(bs) if node[3] is None else self.eval(node[3], scopes)
                return bs[lo:hi].decode("utf-8", "replace")
            hi = len(obj) if node[3] is None else self.eval(node[3], scopes)
            return obj[lo:hi]
        if k == "call":
            fn = self.eval(node[1], scopes)
            args = [self.eval(a, scopes) for a in node[2]]
            if isinstance(fn, tuple) and fn[0] == "closure":
                _, params, body, env = fn
                inner = [*env, dict(zip(params, args, strict=False))]
                try:
                    self.execute(body, inner)
                except _Return as r:
                    return r.value
                return None
            if not callable(fn):
                raise TengoError("not callable")
            try:
                return fn(*args)
            except TengoError:
                raise
            except Exception as exc:
                raise TengoError(f"call failed: {exc}") from None
        if k == "func":
            return ("closure", node[1], node[2], list(scopes))
        if k == "un":
            v = self.eval(node[2], scopes)
            return (not v) if node[1] == "!" else (-v if node[1] == "-" else v)
        if k == "cond":
            return self.eval(node[2] if self.truthy(self.eval(node[1], scopes)) else node[3],
                             scopes)
        if k == "bin":
            op = node[1]
            if op == "&&":
                return self.truthy(self.eval(node[2], scopes)) and \
                    self.truthy(self.eval(node[3], scopes))
            if op == "||":
                return self.truthy(self.eval(node[2], scopes)) or \
                    self.truthy(self.eval(node[3], scopes))
            a, b = self.eval(node[2], scopes), self.eval(node[3], scopes)
            if op in ("==", "!="):
                return (a == b) == (op == "==")
            if op in ("<", ">", "<=", ">="):
                return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
            return self.binop(op, a, b)
        raise TengoError(f"cannot evaluate {k}")


