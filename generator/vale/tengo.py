"""A bounded interpreter for the subset of Tengo that Vale scripts and metric formulas use.

Supported: ``:=``/``=``/``+=``-style assignment, ``if``/``else``, ``for x in xs``,
``for i, x in xs``, ``for cond {}``, ``for init; cond; post {}``, ``break``/``continue``,
literals (int, float, string, raw string, char, array, map), ``a.b``, ``a[i]``, ``a[i:j]``,
calls, the builtins ``len append string int float bool copy`` and the modules ``text``,
``fmt`` and ``math`` (a safe subset). No file, network or process access exists; every run
stops after ``MAX_STEPS`` evaluation steps. Strings are measured in bytes, like Tengo.
"""

from __future__ import annotations

import math
import re

MAX_STEPS = 2_000_000


class TengoError(Exception):
    pass


_TOK = re.compile(r"""
 (?P<ws>[ \t\r]+|//[^\n]*|/\*.*?\*/)
|(?P<nl>\n)
|(?P<num>\d+\.\d+|\d+)
|(?P<str>"(?:[^"\\\n]|\\.)*")
|(?P<raw>`[^`]*`)
|(?P<chr>'(?:[^'\\]|\\.)')
|(?P<id>[A-Za-z_]\w*)
|(?P<op>:=|\+=|-=|\*=|/=|%=|==|!=|<=|>=|&&|\|\||\+\+|--|[-+*/%<>!=(){}\[\],.:;?])
""", re.X | re.S)
_KEYWORDS = {"if", "else", "for", "in", "break", "continue", "return", "func", "true", "false",
             "undefined", "import"}


def _unescape(s: str) -> str:
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def tokenize(src: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    pos = 0
    while pos < len(src):
        m = _TOK.match(src, pos)
        if not m:
            raise TengoError(f"unexpected character {src[pos]!r}")
        pos = m.end()
        kind = m.lastgroup
        val = m.group(kind)
        if kind == "ws":
            continue
        if kind == "nl":
            if out and (out[-1][0] in ("num", "str", "id")
                        or out[-1][1] in (")", "]", "}", "++", "--")):
                out.append(("op", ";"))
            continue
        if kind == "num":
            out.append(("num", float(val) if "." in val else int(val)))
        elif kind == "str":
            out.append(("str", _unescape(val[1:-1])))
        elif kind == "raw":
            out.append(("str", val[1:-1]))
        elif kind == "chr":
            out.append(("num", ord(_unescape(val[1:-1]))))
        elif kind == "id" and val in _KEYWORDS:
            out.append(("kw", val))
        else:
            out.append((kind, val))
    out.append(("op", ";"))
    out.append(("eof", None))
    return out


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class _Return(Exception):
    def __init__(self, value):
        self.value = value


BIN_PREC = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 3, ">": 3, "<=": 3, ">=": 3,
            "+": 4, "-": 4, "*": 5, "/": 5, "%": 5}


class Parser:
    def __init__(self, toks):
        self.t = toks
        self.i = 0

    def peek(self, k=0):
        return self.t[min(self.i + k, len(self.t) - 1)]

    def take(self):
        t = self.t[self.i]
        self.i += 1
        return t

    def expect(self, val):
        t = self.take()
        if t[1] != val:
            raise TengoError(f"expected {val!r}, got {t[1]!r}")
        return t

    def skip_semis(self):
        while self.peek() == ("op", ";"):
            self.i += 1

    def program(self):
        stmts = []
        self.skip_semis()
        while self.peek()[0] != "eof":
            stmts.append(self.statement())
            self.skip_semis()
        return stmts

    def block(self):
        self.expect("{")
        stmts = []
        self.skip_semis()
        while self.peek() != ("op", "}"):
            if self.peek()[0] == "eof":
                raise TengoError("unexpected end of script")
            stmts.append(self.statement())
            self.skip_semis()
        self.expect("}")
        return ("block", stmts)

    def statement(self):
        t = self.peek()
        if t == ("kw", "if"):
            return self.if_stmt()
        if t == ("kw", "for"):
            return self.for_stmt()
        if t == ("kw", "break"):
            self.take()
            return ("break",)
        if t == ("kw", "continue"):
            self.take()
            return ("continue",)
        if t == ("kw", "return"):
            self.take()
            if self.peek() in (("op", ";"), ("op", "}")):
                return ("return", None)
            return ("return", self.expr())
        return self.simple()

    def simple(self):
        lhs = self.expr()
        t = self.peek()
        if t[0] == "op" and t[1] == ",":
            targets = [lhs]
            while self.peek() == ("op", ","):
                self.take()
                targets.append(self.expr())
            op = self.take()[1]
            return ("multi", op, targets, self.expr())
        if t[0] == "op" and t[1] in (":=", "=", "+=", "-=", "*=", "/=", "%="):
            self.take()
            return ("assign", t[1], lhs, self.expr())
        if t[0] == "op" and t[1] in ("++", "--"):
            self.take()
            return ("assign", "+=" if t[1] == "++" else "-=", lhs, ("lit", 1))
        return ("expr", lhs)

    def if_stmt(self):
        self.expect("if")
        init = None
        cond = self.simple()
        if self.peek() == ("op", ";"):
            self.take()
            init, cond = cond, self.simple()
        body = self.block()
        other = None
        if self.peek() == ("kw", "else"):
            self.take()
            other = self.if_stmt() if self.peek() == ("kw", "if") else self.block()
        return ("if", init, cond[1] if cond[0] == "expr" else cond, body, other)

    def for_stmt(self):
        self.expect("for")
        if self.peek() == ("op", "{"):
            return ("while", ("lit", True), self.block())
        if self.peek()[0] == "id" and (self.peek(1) == ("kw", "in") or (
                self.peek(1) == ("op", ",") and self.peek(3) == ("kw", "in"))):
            k = self.take()[1]
            v = None
            if self.peek() == ("op", ","):
                self.take()
                v = self.take()[1]
            self.expect("in")
            it = self.expr()
            return ("forin", k, v, it, self.block())
        first = self.simple()
        if self.peek() == ("op", ";"):
            self.take()
            cond = self.expr() if self.peek() != ("op", ";") else ("lit", True)
            self.expect(";")
            post = self.simple() if self.peek() != ("op", "{") else None
            return ("for3", first, cond, post, self.block())
        return ("while", first[1], self.block())

    def expr(self, prec=0):
        left = self.unary()
        while True:
            t = self.peek()
            if t[0] == "op" and t[1] == "?" and prec == 0:
                self.take()
                a = self.expr()
                self.expect(":")
                b = self.expr()
                left = ("cond", left, a, b)
                continue
            if t[0] != "op" or t[1] not in BIN_PREC or BIN_PREC[t[1]] <= prec:
                return left
            self.take()
            left = ("bin", t[1], left, self.expr(BIN_PREC[t[1]]))

    def unary(self):
        t = self.peek()
        if t[0] == "op" and t[1] in ("!", "-", "+"):
            self.take()
            return ("un", t[1], self.unary())
        return self.postfix(self.primary())

    def postfix(self, node):
        while True:
            t = self.peek()
            if t == ("op", "."):
                self.take()
                node = ("attr", node, self.take()[1])
            elif t == ("op", "("):
                self.take()
                args = []
                while self.peek() != ("op", ")"):
                    args.append(self.expr())
                    if self.peek() == ("op", ","):
                        self.take()
                self.expect(")")
                node = ("call", node, args)
            elif t == ("op", "["):
                self.take()
                lo = hi = None
                if self.peek() != ("op", ":"):
                    lo = self.expr()
                if self.peek() == ("op", ":"):
                    self.take()
                    if self.peek() != ("op", "]"):
                        hi = self.expr()
                    self.expect("]")
                    node = ("slice", node, lo, hi)
                else:
                    self.expect("]")
                    node = ("index", node, lo)
            else:
                return node

    def primary(self):
        kind, val = self.take()
        if kind in ("num", "str"):
            return ("lit", val)
        if kind == "kw" and val in ("true", "false"):
            return ("lit", val == "true")
        if kind == "kw" and val == "undefined":
            return ("lit", None)
        if kind == "kw" and val == "import":
            self.expect("(")
            name = self.take()[1]
            self.expect(")")
            return ("import", name)
        if kind == "kw" and val == "func":
            self.expect("(")
            params = []
            while self.peek() != ("op", ")"):
                params.append(self.take()[1])
                if self.peek() == ("op", ","):
                    self.take()
            self.expect(")")
            return ("func", params, self.block())
        if kind == "id":
            return ("name", val)
        if (kind, val) == ("op", "("):
            e = self.expr()
            self.expect(")")
            return e
        if (kind, val) == ("op", "["):
            items = []
            self.skip_semis()
            while self.peek() != ("op", "]"):
                items.append(self.expr())
                if self.peek() == ("op", ","):
                    self.take()
                self.skip_semis()
            self.expect("]")
            return ("array", items)
        if (kind, val) == ("op", "{"):
            pairs = []
            self.skip_semis()
            while self.peek() != ("op", "}"):
                k = self.take()[1]
                self.expect(":")
                pairs.append((k, self.expr()))
                if self.peek() == ("op", ","):
                    self.take()
                self.skip_semis()
            self.expect("}")
            return ("map", pairs)
        raise TengoError(f"unexpected token {val!r}")


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


def run_script(src: str, variables: dict, max_steps: int = MAX_STEPS) -> dict:
    """Run ``src`` with ``variables`` defined; returns the global variables."""
    try:
        return Interpreter(variables, max_steps).run(src)
    except RecursionError:
        raise TengoError("script nests too deeply") from None
    except (TypeError, ValueError, KeyError, IndexError, ZeroDivisionError,
            AttributeError, re.error) as exc:
        raise TengoError(str(exc)) from None


def eval_expr(expr: str, variables: dict) -> object:
    """Evaluate one Tengo expression (metric formulas and conditions)."""
    flat = " ".join(expr.split())
    g = run_script(f"math := import(\"math\"); __res__ := ({flat})", variables, 100_000)
    return g.get("__res__")
