"""A `# TODO` comment is a TODO (how an import marks a choice or a list still to decide); a `#`
inside a value is text, whose own TODO the value check reports."""

from __future__ import annotations

from generator.load import Position, load_text

TEXT = """\
a: 1  # TODO decide this
b: "quoted # TODO is text"
c: |
  block # TODO is text too
# TODO a whole-line comment
d: [x]  #TODO no space after the hash
e: value#TODO is not a comment in YAML
"""


def test_only_real_comments_count():
    document, problems = load_text(TEXT, "f.yaml")
    assert problems == []
    assert document.source.todo_comments == [
        (Position(1, 7), "TODO decide this"),
        (Position(5, 1), "TODO a whole-line comment"),
        (Position(6, 9), "TODO no space after the hash"),
    ]


def test_no_todo_no_scan():
    document, _ = load_text("a: 1  # fine\n", "f.yaml")
    assert document.source.todo_comments == []
