"""Reply rendering: declared placeholders only, errors at the YAML line, the sandbox holds."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import run
from generator.project import Project

from .conftest import minimal, write


def diagnostics(root: Path):
    result = run(Project(root), lint=False)
    return result, [(d.path, d.line, d.col, d.rule) for d in result.diagnostics]


def with_body(body: str) -> str:
    text = minimal()
    start = text.index("    body: |\n") + len("    body: |\n")
    end = text.index("    approved:")
    indented = "".join(f"      {line}\n" if line else "\n" for line in body.split("\n"))
    return text[:start] + indented + text[end:]


def test_preview_uses_example_values(project: Path):
    result, problems = diagnostics(project)
    assert problems == []
    email = next(r for r in result.replies if r.reply.id == "email-refund-now")
    assert email.text.startswith("Hi Maya,")
    assert "$7,455.00" in email.text and "RF-77120" in email.text
    assert email.subject == "Your shipping charge on order BW-482913 has been refunded"


def test_undeclared_placeholder_at_its_line_and_column(project: Path):
    write(
        project,
        "playbooks/delivery/late-parcel.yaml",
        with_body(
            "Hi {{ customer.first_name }},\n\nYour parcel {{ tracking_id }} is late.\n\n"
            "{{ agent.first_name }}"
        ),
    )
    _, problems = diagnostics(project)
    # the body starts on file line 16; `{{ tracking_id }}` is on its 3rd line, column 13 of the text
    assert problems == [("playbooks/delivery/late-parcel.yaml", 18, 22, "undeclared-placeholder")]


def test_misspelt_global_gets_a_suggestion(project: Path):
    write(
        project,
        "playbooks/delivery/late-parcel.yaml",
        with_body("Hi {{ customer.firstname }},\n\nIt arrives Friday.\n\n{{ agent.first_name }}"),
    )
    result, _ = diagnostics(project)
    (problem,) = result.diagnostics
    assert "did you mean `customer.first_name`?" in problem.message


def test_template_syntax_error_maps_to_the_yaml_line(project: Path):
    write(
        project,
        "playbooks/delivery/late-parcel.yaml",
        with_body("Hi {{ customer.first_name }},\n\nIt arrives {% if %} Friday.\n\n{{ agent.first_name }}"),
    )
    _, problems = diagnostics(project)
    assert problems == [("playbooks/delivery/late-parcel.yaml", 18, 7, "template-syntax")]


def test_sandbox_refuses_internals(project: Path):
    write(
        project,
        "playbooks/delivery/late-parcel.yaml",
        with_body("Hi {{ customer.first_name.__class__.__mro__ }},\n\n{{ agent.first_name }}"),
    )
    result, _problems = diagnostics(project)
    assert not result.ok
    assert all("__class__" not in r.text for r in result.replies)


def test_output_bomb_is_stopped(project: Path):
    write(
        project,
        "playbooks/delivery/late-parcel.yaml",
        with_body(
            "Hi {{ customer.first_name }},\n{% for i in range(900) %}{{ 'x' * 900 }}{% endfor %}\n"
            "{{ agent.first_name }}"
        ),
    )
    _, problems = diagnostics(project)
    assert [p[3] for p in problems] == ["template-output"]


def test_huge_range_is_refused(project: Path):
    write(
        project,
        "playbooks/delivery/late-parcel.yaml",
        with_body(
            "Hi {{ customer.first_name }},\n{% for i in range(10**9) %}{% endfor %}\n{{ agent.first_name }}"
        ),
    )
    _, problems = diagnostics(project)
    assert [p[3] for p in problems] == ["template-unsafe"]


def test_reflow_joins_wrapped_lines_and_keeps_greeting_and_sign_off():
    from generator.text import reflow

    text = (
        "Hi Maya,\n\nYou are right: the fee of $7,455.00 is our mistake.\nI have refunded it in full"
        " to your card today, and the money\nwill be back within 3 to 5 business days. Anything else?\n"
        "Jordan\n\nBest wishes,\nJordan\nBrightwell Support"
    )
    assert reflow(text) == (
        "Hi Maya,\n\nYou are right: the fee of $7,455.00 is our mistake. I have refunded it in full"
        " to your card today, and the money will be back within 3 to 5 business days. Anything else?\n"
        "Jordan\n\nBest wishes,\nJordan\nBrightwell Support"
    )


HOSTILE = {
    "internals": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ range.__globals__ }}",
    "string-bomb": "{{ 'x' * 10**9 }}",
    "list-bomb": "{{ [1] * 100000000 }}",
    "huge-power": "{{ 10 ** 100000000 }}",
    "recursion": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "method-memory-bomb": "{{ 'x'.ljust(3000000000) }}",
    "cpu-loop": "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
    "{% endfor %}{% endfor %}{% endfor %}",
}


def test_each_hostile_template_is_stopped_with_a_located_error(project: Path, monkeypatch):
    import generator.bounded as bounded

    monkeypatch.setattr(bounded, "SECONDS_PER_JOB", 1.5)
    monkeypatch.setattr(bounded, "MEMORY_BYTES", 256 << 20)
    for name, template in HOSTILE.items():
        write(
            project,
            "playbooks/delivery/late-parcel.yaml",
            with_body(f"Hi {{{{ customer.first_name }}}},\n\n{template}\n\n{{{{ agent.first_name }}}}"),
        )
        result, problems = diagnostics(project)
        assert [(p[0], p[1]) for p in problems] in (
            [("playbooks/delivery/late-parcel.yaml", 18)],  # the template's own line
            [("playbooks/delivery/late-parcel.yaml", 15)],  # the `body:` key, when the child was killed
        ), name
        assert problems[0][3] in ("template-unsafe", "template-output", "template-error"), name
        assert not any(r.scenario.id == "late-parcel" for r in result.replies), name
        # the other scenario still rendered
        assert any(r.scenario.id == "absurd-shipping-charge" for r in result.replies), name


def test_attribute_escaping_keeps_spaces_and_one_line():
    from generator.text import attribute

    assert attribute('a  "b"\n<c>') == "a  &quot;b&quot; &lt;c&gt;"
