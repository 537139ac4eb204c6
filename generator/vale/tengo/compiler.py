"""Compiles a parsed Tengo program to Python source, once per script, and runs it.

Vale scripts run once per block of every reply, so a playbook of a thousand scenarios runs each
one tens of thousands of times. Walking the syntax tree on every run, or calling one closure per
node, cost more than the regular expressions the scripts call; here the tree is written out as
one Python function the first time a source is seen (``compile_source`` caches by source text),
and each run is one call of it.

Names are resolved as Tengo's own compiler does, once, by position: a variable of an inner
scope becomes a Python local with a fresh name (``v1``, ``v2``...), so shadowing, ``:=`` against
``=`` and inner scopes keep their meaning; a variable of the top level lives in the globals dict
the caller gets back (``G``); a name no scope defines is looked up when it runs, in the globals
(variables the host passed in, such as ``scope``) and then the builtins. A ``func`` literal
becomes a nested ``def`` (free variables are Python closure cells; ``=`` to one is ``nonlocal``),
so a closure made inside a loop sees the loop variable's latest value, as in Go before 1.22.

Every statement, loop turn and call spends one step of the budget ``B`` (a one-item list), so no
script runs unbounded. The generated source holds no text of the script but string literals
written with ``repr`` and names it made itself, and runs with only the helpers below in reach.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .modules import BUILTINS, MODULES
from .parser import Parser, TengoError, _Break, _Continue, _Return, tokenize

# -- what generated code calls -------------------------------------------------------------


def _over() -> None:
    raise TengoError("script exceeded its step budget")


def _fail(message: str) -> None:
    raise TengoError(message)


def _lookup(G: dict[str, Any], name: str) -> Any:
    if name in G:
        return G[name]
    if name in BUILTINS:
        return BUILTINS[name]
    raise TengoError(f"unresolved reference '{name}'")


def _assign(G: dict[str, Any], name: str, value: Any) -> None:
    if name not in G:
        raise TengoError(f"unresolved reference '{name}'")
    G[name] = value


def _call(B: list[int], fn: Any, *args: Any) -> Any:
    B[0] -= 1
    if B[0] < 0:
        _over()
    try:
        return fn(*args)
    except (TengoError, _Break, _Continue, _Return, RecursionError):
        raise
    except Exception as exc:
        if not callable(fn):
            raise TengoError("not callable") from None
        raise TengoError(f"call failed: {exc}") from None


def _noattr(attr: str) -> None:
    raise TengoError(f"cannot select {attr}")


def _index(obj: Any, idx: Any) -> Any:
    if isinstance(obj, dict):
        return obj.get(idx)
    if isinstance(obj, str):
        return obj.encode()[idx]
    return obj[idx] if -1 < idx < len(obj) else None


def _slice(obj: Any, lo: Any, hi: Any) -> Any:
    lo = 0 if lo is None else lo
    if isinstance(obj, str):
        bs = obj.encode()
        return bs[lo : len(bs) if hi is None else hi].decode("utf-8", "replace")
    return obj[lo : len(obj) if hi is None else hi]


def _binop(op: str, a: Any, b: Any) -> Any:
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


def _pairs(seq: Any) -> list[tuple[Any, Any]]:
    """``for k, v in seq``: a map's keys and values, or an array's indexes and items."""
    return list(seq.items()) if isinstance(seq, dict) else list(enumerate(seq))


def _items(seq: Any) -> list[Any]:
    """``for x in seq``: a map's keys, or an array's items."""
    return list(seq.keys()) if isinstance(seq, dict) else list(seq)


_HELPERS: dict[str, Any] = {
    "_over": _over,
    "_fail": _fail,
    "_lookup": _lookup,
    "_assign": _assign,
    "_call": _call,
    "_noattr": _noattr,
    "_index": _index,
    "_slice": _slice,
    "_binop": _binop,
    "_pairs": _pairs,
    "_items": _items,
    "_Break": _Break,
    "_Continue": _Continue,
    "_M": MODULES,
    "__builtins__": {"isinstance": isinstance, "dict": dict, "bool": bool, "len": len},
}

_COMPARE = {"==", "!=", "<", ">", "<=", ">="}
_SPEND = "B[0] -= 1\nif B[0] < 0: _over()"

# -- the code generator --------------------------------------------------------------------


class _Function:
    """One Python function being written: the top level or a ``func`` literal."""

    def __init__(self, parent: _Function | None) -> None:
        self.parent = parent
        self.nonlocals: set[str] = set()
        self.loops: list[bool] = []  # per open loop: does `continue` have to raise (a post runs)?


class _Scope:
    """A Tengo scope: the names it has defined so far, and the Python name of each."""

    def __init__(self, parent: _Scope | None, func: _Function) -> None:
        self.parent, self.func = parent, func
        self.names: dict[str, str] = {}

    @property
    def is_global(self) -> bool:
        return self.parent is None


class _Writer:
    """Writes the Python source of one program."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 1
        self.count = 0

    def fresh(self, stem: str) -> str:
        self.count += 1
        return f"{stem}{self.count}"

    def emit(self, code: str) -> None:
        pad = "    " * self.depth
        for line in code.split("\n"):
            self.lines.append(pad + line)

    # - names -

    def read(self, name: str, scope: _Scope) -> str:
        s: _Scope | None = scope
        while s is not None:
            if name in s.names:
                return f"G[{name!r}]" if s.is_global else s.names[name]
            s = s.parent
        return f"_lookup(G, {name!r})"

    def define(self, name: str, value: str, scope: _Scope) -> None:
        if scope.is_global:
            scope.names[name] = name
            self.emit(f"G[{name!r}] = {value}")
            return
        ident = scope.names.get(name) or self.fresh("v")
        scope.names[name] = ident
        self.emit(f"{ident} = {value}")

    def store(self, name: str, value: str, scope: _Scope) -> None:
        s: _Scope | None = scope
        while s is not None:
            if name in s.names:
                if s.is_global:
                    self.emit(f"G[{name!r}] = {value}")
                    return
                ident = s.names[name]
                if s.func is not scope.func:
                    scope.func.nonlocals.add(ident)
                self.emit(f"{ident} = {value}")
                return
            s = s.parent
        self.emit(f"_assign(G, {name!r}, {value})")

    # - expressions -

    def expr(self, node: Any, scope: _Scope) -> str:
        if not isinstance(node, tuple) or not node:
            raise TengoError("cannot evaluate this expression")
        k = node[0]
        if k == "lit":
            return repr(node[1])
        if k == "name":
            return self.read(node[1], scope)
        if k == "array":
            return "[" + "".join(self.expr(n, scope) + ", " for n in node[1]) + "]"
        if k == "map":
            return "{" + "".join(f"{key!r}: {self.expr(v, scope)}, " for key, v in node[1]) + "}"
        if k == "import":
            if node[1] not in MODULES:
                return f"_fail({f'module {node[1]!r} is not available'!r})"
            return f"_M[{node[1]!r}]"
        if k == "attr":
            tmp, obj, attr = self.fresh("_o"), self.expr(node[1], scope), repr(node[2])
            return f"({tmp}.get({attr}) if isinstance({tmp} := {obj}, dict) else _noattr({attr}))"
        if k == "index":
            return f"_index({self.expr(node[1], scope)}, {self.expr(node[2], scope)})"
        if k == "slice":
            lo = "None" if node[2] is None else self.expr(node[2], scope)
            hi = "None" if node[3] is None else self.expr(node[3], scope)
            return f"_slice({self.expr(node[1], scope)}, {lo}, {hi})"
        if k == "call":
            args = "".join(", " + self.expr(a, scope) for a in node[2])
            return f"_call(B, {self.expr(node[1], scope)}{args})"
        if k == "func":
            return self.function(node[1], node[2], scope)
        if k == "un":
            operand = self.expr(node[2], scope)
            return {"!": f"(not {operand})", "-": f"(-{operand})"}.get(node[1], operand)
        if k == "cond":
            test, yes, no = (self.expr(n, scope) for n in node[1:4])
            return f"({yes} if {test} else {no})"
        if k == "bin":
            op, a, b = node[1], self.expr(node[2], scope), self.expr(node[3], scope)
            if op == "&&":
                return f"(bool({a}) and bool({b}))"
            if op == "||":
                return f"(bool({a}) or bool({b}))"
            if op in _COMPARE:
                return f"({a} {op} {b})"
            return f"_binop({op!r}, {a}, {b})"
        raise TengoError(f"cannot evaluate {k}")

    def function(self, params: list[str], body: tuple, scope: _Scope) -> str:
        """Write a ``func`` literal as a nested def, just before the statement that makes it."""
        name = self.fresh("_f")
        func = _Function(scope.func)
        inner = _Scope(scope, func)
        outer_lines, self.lines = self.lines, []
        outer_depth, self.depth = self.depth, self.depth + 1
        for i, p in enumerate(params):
            self.define(p, f"_a[{i}] if len(_a) > {i} else None", inner)
        self.statement(body, inner)
        body_lines = self.lines
        self.lines, self.depth = outer_lines, outer_depth
        self.emit(f"def {name}(*_a):")
        if func.nonlocals:
            self.emit("    nonlocal " + ", ".join(sorted(func.nonlocals)))
        self.lines += body_lines
        return name

    # - statements -

    def block(self, stmts: list[tuple], scope: _Scope) -> None:
        before = len(self.lines)
        for st in stmts:
            self.statement(st, scope)
        if len(self.lines) == before:
            self.emit("pass")

    def indented(self, write: Callable[[], None]) -> None:
        self.depth += 1
        before = len(self.lines)
        write()
        if len(self.lines) == before:
            self.emit("pass")
        self.depth -= 1

    def statement(self, st: Any, scope: _Scope) -> None:
        if not isinstance(st, tuple) or not st:
            raise TengoError("unsupported statement")
        self.emit(_SPEND)
        kind = st[0]
        if kind == "expr":
            self.emit(self.expr(st[1], scope))
        elif kind == "assign":
            self.assignment(st, scope)
        elif kind == "multi":
            self.emit("_fail('multiple assignment is not supported')")
        elif kind == "block":
            self.block(st[1], _Scope(scope, scope.func))
        elif kind == "if":
            self.if_(st, _Scope(scope, scope.func))
        elif kind in ("while", "for3"):
            self.loop(st, scope)
        elif kind == "forin":
            self.forin(st, scope)
        elif kind == "break":
            self.emit("break" if scope.func.loops else "raise _Break()")
        elif kind == "continue":
            loops = scope.func.loops
            self.emit("raise _Continue()" if not loops or loops[-1] else "continue")
        elif kind == "return":
            value = "None" if st[1] is None else self.expr(st[1], scope)
            self.emit(f"return {value}")
        else:
            raise TengoError(f"unsupported statement {kind}")

    def assignment(self, st: tuple, scope: _Scope) -> None:
        _, op, target, valnode = st
        if not isinstance(target, tuple) or target[0] not in ("name", "index", "attr"):
            self.emit("_fail('invalid assignment target')")
            return
        value = self.expr(valnode, scope)
        if op not in (":=", "="):
            tmp = self.fresh("_t")
            self.emit(f"{tmp} = {value}")
            value = f"_binop({op[0]!r}, {self.expr(target, scope)}, {tmp})"
        if target[0] == "name":
            if op == ":=":
                self.define(target[1], value, scope)
            else:
                self.store(target[1], value, scope)
            return
        tmp = self.fresh("_t")
        self.emit(f"{tmp} = {value}")
        obj = self.expr(target[1], scope)
        key = self.expr(target[2], scope) if target[0] == "index" else repr(target[2])
        self.emit(f"{obj}[{key}] = {tmp}")

    def if_(self, st: tuple, scope: _Scope) -> None:
        _, init, cond, body, other = st
        if init is not None:
            self.statement(init, scope)
        self.emit(f"if {self.expr(cond, scope)}:")
        self.indented(lambda: self.statement(body, scope))
        if other is not None:
            self.emit("else:")
            self.indented(lambda: self.statement(other, scope))

    def loop(self, st: tuple, scope: _Scope) -> None:
        if st[0] == "while":
            init, cond, post, body = None, st[1], None, st[2]
        else:
            _, init, cond, post, body = st
        inner = scope if init is None else _Scope(scope, scope.func)
        if init is not None:
            self.statement(init, inner)
        func = scope.func
        self.emit(f"while {self.expr(cond, inner)}:")
        func.loops.append(post is not None)

        def turn() -> None:
            if post is None:
                self.statement(body, inner)
                return
            self.emit("try:")
            self.indented(lambda: self.statement(body, inner))
            self.emit("except _Continue:\n    pass")
            self.statement(post, inner)

        self.indented(turn)
        func.loops.pop()

    def forin(self, st: tuple, scope: _Scope) -> None:
        _, k, v, it, body = st
        seq = self.expr(it, scope)
        frame = _Scope(scope, scope.func)
        key = frame.names[k] = self.fresh("v")
        if v is None:
            self.emit(f"for {key} in _items({seq}):")
        else:
            value = frame.names[v] = self.fresh("v")
            self.emit(f"for {key}, {value} in _pairs({seq}):")
        scope.func.loops.append(False)

        def turn() -> None:
            self.emit(_SPEND)
            self.statement(body, frame)

        self.indented(turn)
        scope.func.loops.pop()


def python_source(stmts: list[tuple]) -> str:
    """The Python source of a parsed program: ``def _program(G, B)``."""
    writer = _Writer()
    top = _Function(None)
    writer.block(stmts, _Scope(None, top))
    return "def _program(G, B):\n" + "\n".join(writer.lines) + "\n"


# -- programs ------------------------------------------------------------------------------


class Program:
    """A compiled script: ``run`` executes it with fresh globals and a fresh step budget."""

    def __init__(self, stmts: list[tuple]) -> None:
        self.source = python_source(stmts)
        namespace = dict(_HELPERS)
        try:
            exec(compile(self.source, "<tengo>", "exec"), namespace)
        except (SyntaxError, RecursionError, MemoryError):
            raise TengoError("script nests too deeply") from None
        self._run: Callable[[dict[str, Any], list[int]], None] = namespace["_program"]

    def run(self, variables: dict[str, Any], max_steps: int) -> dict[str, Any]:
        globals_ = dict(variables)
        with contextlib.suppress(_Break, _Continue, _Return):
            self._run(globals_, [max_steps])
        return globals_


@lru_cache(maxsize=256)
def compile_source(src: str) -> Program:
    """Parse and compile ``src`` once; raises TengoError on a syntax error."""
    return Program(Parser(tokenize(src)).program())
