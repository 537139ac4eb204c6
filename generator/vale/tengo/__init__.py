"""A bounded interpreter for the subset of Tengo that Vale scripts and metric formulas use.

Supported: ``:=``/``=``/``+=``-style assignment, ``if``/``else``, ``for x in xs``,
``for i, x in xs``, ``for cond {}``, ``for init; cond; post {}``, ``break``/``continue``,
literals (int, float, string, raw string, char, array, map), ``a.b``, ``a[i]``, ``a[i:j]``,
calls, the builtins ``len append string int float bool copy`` and the modules ``text``,
``fmt`` and ``math`` (a safe subset). No file, network or process access exists; every run
stops after ``MAX_STEPS`` evaluation steps. Strings are measured in bytes, like Tengo.
"""

from __future__ import annotations

import re

from .interp import Interpreter, blen
from .parser import MAX_STEPS, Parser, TengoError, tokenize

__all__ = ["MAX_STEPS", "Interpreter", "Parser", "TengoError", "blen", "eval_expr",
           "run_script", "tokenize"]


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
