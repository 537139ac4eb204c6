"""The location shortcuts (lazy masking, first-occurrence bounds, masked spans) must give
exactly what the plain port of Vale's FindLoc/assignLoc gives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.vale import Engine
from generator.vale import file as file_mod

RULES = {
    "T/E.yml": "extends: existence\nmessage: \"'%s'\"\n"
               "tokens: [TODO, very, '\\w+ing', the, a, '-']\n",
    "T/N.yml": "extends: existence\nmessage: \"'%s'\"\nnonword: true\n"
               "tokens: ['e\\.g\\.', 'the ', '_x']\n",
    "T/S.yml": "extends: substitution\nmessage: \"'%s' not '%s'\"\nignorecase: true\n"
               "swap:\n  utilize: use\n  '(?:e-)?mail': email\n",
    "T/R.yml": "extends: repetition\nmessage: \"'%s'\"\nalpha: true\ntokens: ['[^\\s]+']\n",
    "T/O.yml": "extends: occurrence\nmessage: \"%s\"\nscope: sentence\nmax: 2\ntoken: ','\n",
    "T/Raw.yml": "extends: existence\nmessage: \"%s\"\nscope: raw\nnonword: true\n"
                 "tokens: ['```\\w*']\n",
}
INI = "StylesPath = styles\nMinAlertLevel = suggestion\n[*]\nBasedOnStyles = T\n"
PIECES = ["# ", "## ", "- ", "  - ", "1. ", "> ", "```\n", "`", "*", "**", "_", "[a](b)",
          "[x][y]", "[y]: http://u\n", "![alt](i.png)", "| a | b |\n|---|---|\n| c | d |\n",
          "\n", "\n\n", " ", "TODO", "very", "é", "<b>", "</b>", "&amp;", "word", ".", "e.g.",
          "utilize", "the the", "the", "a", ", ", "x_y", "_x", "-", "going", "e-mail", "mail"]
docs = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


def fast_and_reference(engine: Engine, doc: str, path: str) -> tuple[list, list]:
    """The alerts of `doc` with the location shortcuts, then with the plain port of Vale's."""

    def run() -> list:
        return [(a.line, a.span, a.check, a.message) for a in engine.lint_text(doc, path=path)]

    fast = run()
    file_mod.REFERENCE_MODE = True
    try:
        return fast, run()
    finally:
        file_mod.REFERENCE_MODE = False


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=docs, path=st.sampled_from(["a.md", "a.txt", "a.html"]))
def test_shortcuts_match_reference(project, doc, path):
    fast, slow = fast_and_reference(Engine.from_config(project(INI, RULES)), doc, path)
    assert fast == slow


def test_hundreds_of_alerts_of_one_text_match_reference(project):
    """One line holding the same matches hundreds of times: each alert is found past the one
    before it (the masking floors), exactly where the plain port puts it."""
    doc = "the the very going, " * 150 + "\n\n" + "- the TODO e.g. utilize\n" * 60
    fast, slow = fast_and_reference(Engine.from_config(project(INI, RULES)), doc, "a.md")
    assert len(fast) > 600
    assert fast == slow
