"""The Tengo subset compiled to Python source: each program's globals after a run."""

from __future__ import annotations

import pytest

from generator.vale.tengo import TengoError, compile_source, eval_expr, run_script


def test_counting_loop_and_compound_assignment() -> None:
    g = run_script("total := 0\nfor i := 0; i < 5; i++ { total += i }", {})
    assert g["total"] == 10


def test_for_in_over_array_with_index_and_value() -> None:
    src = "out := []\nfor i, x in xs { out = append(out, i * 10 + x) }"
    assert run_script(src, {"xs": [1, 2, 3]})["out"] == [1, 12, 23]


def test_break_and_continue() -> None:
    src = """
seen := []
for x in xs {
    if x == 2 { continue }
    if x == 4 { break }
    seen = append(seen, x)
}
"""
    assert run_script(src, {"xs": [1, 2, 3, 4, 5]})["seen"] == [1, 3]


def test_maps_are_read_written_and_iterated() -> None:
    src = """
m := {a: 1, "b": 2}
m["c"] = m.a + m["b"]
keys := 0
for k, v in m { keys += v }
"""
    g = run_script(src, {})
    assert g["m"] == {"a": 1, "b": 2, "c": 3}
    assert g["keys"] == 6


def test_closures_capture_their_scope() -> None:
    src = """
make := func(step) { return func(x) { return x + step } }
add3 := make(3)
r := add3(4)
"""
    assert run_script(src, {})["r"] == 7


def test_text_module_and_byte_lengths() -> None:
    src = 'text := import("text")\nn := len(s)\nup := text.to_upper(s)'
    g = run_script(src, {"s": "café"})
    assert g["n"] == 5  # Tengo measures strings in bytes
    assert g["up"] == "CAFÉ"


def test_a_program_compiles_once_and_runs_with_fresh_globals() -> None:
    src = "count := 0\nfor x in xs { count += 1 }"
    assert compile_source(src) is compile_source(src)
    assert run_script(src, {"xs": [1, 2]})["count"] == 2
    assert run_script(src, {"xs": [1]})["count"] == 1


def test_an_endless_loop_is_stopped_by_the_step_budget() -> None:
    with pytest.raises(TengoError):
        run_script("x := 0\nfor true { x += 1 }", {}, max_steps=10_000)


def test_runaway_recursion_is_a_tengo_error() -> None:
    with pytest.raises(TengoError):
        run_script("f := func(n) { return f(n + 1) }\nf(0)", {}, max_steps=10**9)


def test_a_syntax_error_is_a_tengo_error() -> None:
    with pytest.raises(TengoError):
        compile_source("x := := 1")


def test_expressions_see_the_variables() -> None:
    assert eval_expr("(a + b) / 2", {"a": 3, "b": 5}) == 4
    assert eval_expr("__value__ > 12", {"__value__": 13.5}) is True


def test_inner_scopes_shadow_and_assignment_reaches_the_defining_scope() -> None:
    src = """
x := 1
seen := []
if true {
    seen = append(seen, x)
    x := 10
    x += 5
    seen = append(seen, x)
}
for i := 0; i < 2; i++ { x = x + i }
"""
    g = run_script(src, {})
    assert g["seen"] == [1, 15]  # the inner x is its own, defined from where it is written
    assert g["x"] == 2  # `=` reaches the top level's x
    assert "i" not in g  # the loop's variable lives in the loop


def test_a_closure_assigns_to_a_variable_of_the_function_around_it() -> None:
    src = """
counter := func() {
    n := 0
    return func() { n += 1; return n }
}
next := counter()
next()
r := next()
"""
    assert run_script(src, {})["r"] == 2


def test_continue_in_a_counting_loop_still_runs_the_post_statement() -> None:
    src = "odd := 0\nfor i := 0; i < 6; i++ { if i % 2 == 0 { continue }\n odd += 1 }"
    assert run_script(src, {})["odd"] == 3


def test_a_name_nobody_defined_is_an_error_when_it_runs() -> None:
    with pytest.raises(TengoError, match="unresolved reference 'missing'"):
        run_script("x := missing + 1", {})
    with pytest.raises(TengoError, match="unresolved reference 'y'"):
        run_script("y = 2", {})
    assert run_script("if false { z := nope }\nok := 1", {})["ok"] == 1


def test_the_generated_source_reaches_no_builtin_but_its_own() -> None:
    # a script's names are never Python names: `open` here is an unresolved Tengo name
    with pytest.raises(TengoError, match="unresolved reference 'open'"):
        run_script('f := open("/etc/passwd")', {})
    builtins = compile_source("x := 1")._run.__globals__["__builtins__"]
    assert set(builtins) == {"isinstance", "dict", "bool", "len"}
    with pytest.raises(TengoError, match="nests too deeply"):
        compile_source("for true { " * 30 + "}" * 30)
