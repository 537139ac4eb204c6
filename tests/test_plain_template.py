"""The fast path for plain templates gives exactly what Jinja's sandbox gives, or steps aside."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from generator import plain_template
from generator.playbook import Playbook, load_playbook
from generator.project import Project
from generator.replies import (
    MAX_OUTPUT_CHARS,
    make_environment,
    nest,
    placeholders,
    render_template,
    slot,
)

REPO = Path(__file__).resolve().parent.parent
ENV = make_environment()


@functools.cache
def _bundled() -> Playbook:
    project = Project(REPO)
    return load_playbook(project.playbooks, project.root, None)


def jinja(source: str, flat: dict) -> str | None:
    """The template rendered by the full Jinja path; None when Jinja reports a problem."""
    where = (_bundled().scenarios[0].document, ("replies", 0, "body"))  # only locates errors
    text, problems = render_template(ENV, source, nest(flat), set(flat), where)
    return None if problems else text


def test_every_bundled_template_renders_the_same_both_ways() -> None:
    book = _bundled()
    assert book.policy is not None
    compared = 0
    for item in book.scenarios:
        flat = placeholders(book.policy, item.scenario)
        marked = {name: slot(name) for name in flat}
        for reply in item.scenario.replies:
            for source in filter(None, (reply.body, reply.subject)):
                for values in (flat, marked):
                    fast = plain_template.fill(source, nest(values), set(values), MAX_OUTPUT_CHARS)
                    assert fast is not None, f"{item.scenario.id}: a plain template took the slow path"
                    assert fast.strip() == jinja(source, values)
                    compared += 1
    assert compared > 100


FLAT = {"name": "Maya", "order.id": "BW-1", "order.total": 12.5, "count": 3, "flag": True}


@pytest.mark.parametrize(
    "source",
    [
        "Hi {{ name }}, order {{order.id}} ({{ order . total }}) x{{ count }}.",
        "{{name}}{{name}}",
        "Braces { alone } and }} closers stay: {{ name }}",
        "Trailing newline\n{{ name }}\n",
        "",
        "no placeholders at all",
    ],
)
def test_plain_templates_match_jinja(source: str) -> None:
    fast = plain_template.fill(source, nest(FLAT), set(FLAT), MAX_OUTPUT_CHARS)
    assert fast is not None
    assert fast.strip() == jinja(source, FLAT)


@pytest.mark.parametrize(
    "source",
    [
        "{% if name %}Hi {{ name }}{% endif %}",  # a tag
        "{# note #}{{ name }}",  # a comment
        "{{ name | upper }}",  # a filter
        "{{- name }}",  # whitespace control
        "{{ order }}",  # only order.id is declared; Jinja reports it
        "{{ flag }}",  # not a plain scalar
        "{{ missing }}",  # undeclared
        "{{ none }}",  # a Jinja constant
        "{{ order.items }}",  # a dict method to Jinja
        "{{{ name }}}",  # Jinja reads `{ name }` as an expression
        "line\r\n{{ name }}",  # line endings Jinja normalises
        "{{ name }} {{",  # unclosed
        "{{ range }}",  # a sandbox global
    ],
)
def test_anything_else_is_left_to_jinja(source: str) -> None:
    assert plain_template.fill(source, nest(FLAT), set(FLAT), MAX_OUTPUT_CHARS) is None


def test_output_over_the_limit_is_left_to_jinja() -> None:
    source = "{{ name }}" * 10
    assert plain_template.fill(source, nest(FLAT), set(FLAT), 39) is None
    assert plain_template.fill(source, nest(FLAT), set(FLAT), 40) == "Maya" * 10
