"""Compiles a parsed Tengo program to nested Python closures, once per script.

Vale scripts run once per block of every reply, so a playbook of a thousand scenarios runs each
one tens of thousands of times. Walking the syntax tree on every run cost more than the regular
expressions the scripts call; here the tree is turned into closures the first time a source is
seen (``compile_source`` caches by source text) and each run only calls them.

Each compiled expression is ``f(scopes, budget) -> value`` and each statement
``f(scopes, budget) -> None``: ``scopes`` is the chain of variable dicts, innermost last;
``budget`` is a one-item list counting down the steps left, spent on every statement, loop
turn and call, so no script runs unbounded. ``break``/``continue``/``return`` unwind as the
parser's exceptions.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .modules import BUILTINS, MODULES
from .parser import Parser, TengoError, _Break, _Continue, _Return, tokenize

Scopes = list[dict[str, Any]]
Budget = list[int]
Code = Callable[[Scopes, Budget], Any]


def _spend(budget: Budget) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise TengoError("script exceeded its step budget")


def lookup(name: str, scopes: Scopes) -> Any:
    for s in reversed(scopes):
        if name in s:
            return s[name]
    if name in BUILTINS:
        return BUILTINS[name]
    raise TengoError(f"unresolved reference '{name}'")


def assign(name: str, value: Any, scopes: Scopes) -> None:
    for s in reversed(scopes):
        if name in s:
            s[name] = value
            return
    raise TengoError(f"unresolved reference '{name}'")


def binop(op: str, a: Any, b: Any) -> Any:
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


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}


def call(fn: Any, args: list[Any], budget: Budget) -> Any:
    _spend(budget)
    if isinstance(fn, tuple) and fn[0] == "closure":
        _, params, body, env = fn
        inner = [*env, dict(zip(params, args, strict=False))]
        try:
            body(inner, budget)
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


# -- expressions ---------------------------------------------------------------------------


def expr(node: tuple) -> Code:
    k = node[0]
    if k == "lit":
        value = node[1]
        return lambda scopes, budget: value
    if k == "name":
        name = node[1]

        def name_(scopes: Scopes, budget: Budget) -> Any:
            for s in reversed(scopes):
                if name in s:
                    return s[name]
            return lookup(name, scopes)

        return name_
    if k == "array":
        items = [expr(n) for n in node[1]]
        return lambda scopes, budget: [f(scopes, budget) for f in items]
    if k == "map":
        pairs = [(key, expr(v)) for key, v in node[1]]
        return lambda scopes, budget: {key: f(scopes, budget) for key, f in pairs}
    if k == "import":
        module = node[1]
        if module not in MODULES:

            def missing(scopes: Scopes, budget: Budget) -> Any:
                raise TengoError(f"module '{module}' is not available")

            return missing
        table = MODULES[module]
        return lambda scopes, budget: table
    if k == "attr":
        obj_, attr = expr(node[1]), node[2]

        def attr_(scopes: Scopes, budget: Budget) -> Any:
            obj = obj_(scopes, budget)
            if isinstance(obj, dict):
                return obj.get(attr)
            raise TengoError(f"cannot select {attr}")

        return attr_
    if k == "index":
        obj_, idx_ = expr(node[1]), expr(node[2])

        def index_(scopes: Scopes, budget: Budget) -> Any:
            obj = obj_(scopes, budget)
            idx = idx_(scopes, budget)
            if isinstance(obj, dict):
                return obj.get(idx)
            if isinstance(obj, str):
                return obj.encode()[idx]
            return obj[idx] if -1 < idx < len(obj) else None

        return index_
    if k == "slice":
        return _slice(node)
    if k == "call":
        fn_, args_ = expr(node[1]), [expr(a) for a in node[2]]
        return lambda scopes, budget: call(fn_(scopes, budget), [a(scopes, budget) for a in args_], budget)
    if k == "func":
        params, body = node[1], stmt(node[2])
        return lambda scopes, budget: ("closure", params, body, list(scopes))
    if k == "un":
        op, operand = node[1], expr(node[2])
        if op == "!":
            return lambda scopes, budget: not operand(scopes, budget)
        if op == "-":
            return lambda scopes, budget: -operand(scopes, budget)
        return operand
    if k == "cond":
        test, yes, no = expr(node[1]), expr(node[2]), expr(node[3])
        return lambda scopes, budget: yes(scopes, budget) if test(scopes, budget) else no(scopes, budget)
    if k == "bin":
        return _binary(node[1], expr(node[2]), expr(node[3]))
    raise TengoError(f"cannot evaluate {k}")


def _slice(node: tuple) -> Code:
    obj_ = expr(node[1])
    lo_ = None if node[2] is None else expr(node[2])
    hi_ = None if node[3] is None else expr(node[3])

    def slice_(scopes: Scopes, budget: Budget) -> Any:
        obj = obj_(scopes, budget)
        lo = 0 if lo_ is None else lo_(scopes, budget)
        if isinstance(obj, str):
            bs = obj.encode()
            hi = len(bs) if hi_ is None else hi_(scopes, budget)
            return bs[lo:hi].decode("utf-8", "replace")
        hi = len(obj) if hi_ is None else hi_(scopes, budget)
        return obj[lo:hi]

    return slice_


def _binary(op: str, a_: Code, b_: Code) -> Code:
    if op == "&&":
        return lambda scopes, budget: bool(a_(scopes, budget)) and bool(b_(scopes, budget))
    if op == "||":
        return lambda scopes, budget: bool(a_(scopes, budget)) or bool(b_(scopes, budget))
    if op in _COMPARE:
        test = _COMPARE[op]
        return lambda scopes, budget: test(a_(scopes, budget), b_(scopes, budget))
    return lambda scopes, budget: binop(op, a_(scopes, budget), b_(scopes, budget))


# -- statements ----------------------------------------------------------------------------


def block(stmts: list[tuple]) -> Code:
    body = [stmt(s) for s in stmts]

    def run(scopes: Scopes, budget: Budget) -> None:
        for s in body:
            s(scopes, budget)

    return run


def stmt(st: tuple) -> Code:
    inner = _statement(st)

    def counted(scopes: Scopes, budget: Budget) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise TengoError("script exceeded its step budget")
        inner(scopes, budget)

    return counted


def _statement(st: tuple) -> Code:
    kind = st[0]
    if kind == "expr":
        value = expr(st[1])
        return lambda scopes, budget: value(scopes, budget) and None
    if kind == "assign":
        return _assignment(st)
    if kind == "multi":

        def multi(scopes: Scopes, budget: Budget) -> None:
            raise TengoError("multiple assignment is not supported")

        return multi
    if kind == "block":
        body = block(st[1])
        return lambda scopes, budget: body([*scopes, {}], budget)
    if kind == "if":
        return _if(st)
    if kind in ("while", "for3"):
        return _loop(st)
    if kind == "forin":
        return _forin(st)
    if kind == "break":

        def break_(scopes: Scopes, budget: Budget) -> None:
            raise _Break()

        return break_
    if kind == "continue":

        def continue_(scopes: Scopes, budget: Budget) -> None:
            raise _Continue()

        return continue_
    if kind == "return":
        value_ = None if st[1] is None else expr(st[1])

        def return_(scopes: Scopes, budget: Budget) -> None:
            raise _Return(None if value_ is None else value_(scopes, budget))

        return return_
    raise TengoError(f"unsupported statement {kind}")


def _assignment(st: tuple) -> Code:
    _, op, target, valnode = st
    value_ = expr(valnode)
    current = expr(target) if op not in (":=", "=") else None
    define = op == ":="

    def value(scopes: Scopes, budget: Budget) -> Any:
        val = value_(scopes, budget)
        if current is not None:
            val = binop(op[0], current(scopes, budget), val)
        return val

    if target[0] == "name":
        name = target[1]
        if define:

            def define_(scopes: Scopes, budget: Budget) -> None:
                scopes[-1][name] = value(scopes, budget)

            return define_
        return lambda scopes, budget: assign(name, value(scopes, budget), scopes)
    if target[0] in ("index", "attr"):
        obj_ = expr(target[1])
        key_ = expr(target[2]) if target[0] == "index" else (lambda scopes, budget, k=target[2]: k)

        def store(scopes: Scopes, budget: Budget) -> None:
            val = value(scopes, budget)
            obj = obj_(scopes, budget)
            obj[key_(scopes, budget)] = val

        return store

    def invalid(scopes: Scopes, budget: Budget) -> None:
        raise TengoError("invalid assignment target")

    return invalid


def _if(st: tuple) -> Code:
    _, init, cond, body, other = st
    init_ = None if init is None else stmt(init)
    cond_ = expr(cond)
    body_ = stmt(body)
    other_ = None if other is None else stmt(other)

    def if_(scopes: Scopes, budget: Budget) -> None:
        inner = [*scopes, {}]
        if init_ is not None:
            init_(inner, budget)
        if cond_(inner, budget):
            body_(inner, budget)
        elif other_ is not None:
            other_(inner, budget)

    return if_


def _loop(st: tuple) -> Code:
    if st[0] == "while":
        init_, cond_, post_, body_ = None, expr(st[1]), None, stmt(st[2])
    else:
        _, init, cond, post, body = st
        init_, cond_, body_ = stmt(init), expr(cond), stmt(body)
        post_ = None if post is None else stmt(post)

    def loop(scopes: Scopes, budget: Budget) -> None:
        inner = scopes if init_ is None else [*scopes, {}]
        if init_ is not None:
            init_(inner, budget)
        while cond_(inner, budget):
            try:
                body_(inner, budget)
            except _Break:
                break
            except _Continue:
                pass
            if post_ is not None:
                post_(inner, budget)

    return loop


def _forin(st: tuple) -> Code:
    _, k, v, it, body = st
    seq_, body_ = expr(it), stmt(body)

    def forin(scopes: Scopes, budget: Budget) -> None:
        seq = seq_(scopes, budget)
        is_map = isinstance(seq, dict)
        items = list(seq.items()) if is_map else list(enumerate(seq))
        for idx, item in items:
            _spend(budget)
            frame = {k: idx if is_map else item} if v is None else {k: idx, v: item}
            try:
                body_([*scopes, frame], budget)
            except _Break:
                break
            except _Continue:
                continue

    return forin


# -- programs ------------------------------------------------------------------------------


class Program:
    """A compiled script: ``run`` executes it with fresh globals and a fresh step budget."""

    def __init__(self, stmts: list[tuple]) -> None:
        self.body = block(stmts)

    def run(self, variables: dict[str, Any], max_steps: int) -> dict[str, Any]:
        globals_ = dict(variables)
        with contextlib.suppress(_Break, _Continue, _Return):
            self.body([globals_], [max_steps])
        return globals_


@lru_cache(maxsize=256)
def compile_source(src: str) -> Program:
    """Parse and compile ``src`` once; raises TengoError on a syntax error."""
    return Program(Parser(tokenize(src)).program())
