"""Tokenizer and parser of the Tengo subset (see ``generator.vale.tengo``)."""

from __future__ import annotations

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
        kind = m.lastgroup or ""
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


