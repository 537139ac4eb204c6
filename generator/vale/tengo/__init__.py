"""A bounded runtime for the subset of Tengo that Vale scripts and metric formulas use.

Supported: ``:=``/``=``/``+=``-style assignment, ``if``/``else``, ``for x in xs``,
``for i, x in xs``, ``for cond {}``, ``for init; cond; post {}``, ``break``/``continue``,
literals (int, float, string, raw string, char, array, map), ``a.b``, ``a[i]``, ``a[i:j]``,
calls, the builtins ``len append string int float bool copy`` and the modules ``text``,
``fmt`` and ``math`` (a safe subset). No file, network or process access exists; every run
stops after ``MAX_STEPS`` steps (statements, loop turns and calls). Strings are measured in
bytes, like Tengo. A source is parsed and compiled to Python source once (``compiler.py``),
then run as often as there are blocks to lint.
"""

from __future__ import annotations

import re

from .compiler import Program, compile_source
from .modules import blen
from .parser import MAX_STEPS, TengoError

__all__ = ["MAX_STEPS", "Program", "TengoError", "blen", "compile_source", "eval_expr", "run_script"]


def run_script(src: str, variables: dict, max_steps: int = MAX_STEPS) -> dict:
    """Run ``src`` with ``variables`` defined; returns the global variables."""
    try:
        return compile_source(src).run(variables, max_steps)
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
