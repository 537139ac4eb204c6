"""Hypothesis: random rule definitions and random Markdown never crash the engine."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.vale import Engine, ValeConfigError

from .conftest import INI

MD_PIECES = ["# ", "## ", "- ", "1. ", "> ", "```\n", "`", "*", "**", "_", "[a](b)",
             "![alt](i.png)", "<!-- vale off -->", "<!-- vale on -->", "| a | b |\n|---|---|\n",
             "\n", "\n\n", " ", "TODO", "very", "é", "日本", "---\n", "<b>", "</b>", "&amp;",
             "word", ".", "e.g.", "\t"]
markdown = st.lists(st.sampled_from(MD_PIECES), max_size=60).map("".join)
text_value = st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.none())
rule = st.fixed_dictionaries(
    {"extends": st.sampled_from(["existence", "substitution", "occurrence", "repetition",
                                 "consistency", "conditional", "capitalization", "metric",
                                 "readability", "spelling", "script", "sequence", "bogus"]),
     "message": st.text(max_size=20)},
    optional={"tokens": st.lists(st.text(max_size=8), max_size=4),
              "swap": st.dictionaries(st.text(min_size=1, max_size=6), st.text(max_size=6),
                                      max_size=3),
              "either": st.dictionaries(st.text(min_size=1, max_size=6),
                                        st.text(min_size=1, max_size=6), max_size=2),
              "token": st.text(max_size=8), "max": st.integers(-2, 5),
              "scope": st.sampled_from(["text", "heading", "sentence", "raw", "list", "bogus",
                                        "~heading", "heading & list", "summary"]),
              "level": st.sampled_from(["error", "warning", "suggestion", "fatal"]),
              "ignorecase": text_value, "nonword": st.booleans(),
              "match": st.sampled_from(["$title", "$sentence", "$lower", "$upper", "[a-z"]),
              "formula": st.sampled_from(["words / sentences", "heading.h1 +", "1/0"]),
              "condition": st.sampled_from(["> 1", "<", "== 0"]),
              "first": st.text(max_size=6), "second": st.text(max_size=6),
              "script": st.sampled_from(["matches := []", "x := 1/0", "for {}", "}{"]),
              "grade": st.floats(0, 20), "metrics": st.just(["SMOG"]),
              "unknown_key": st.integers()})


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(defn=rule, doc=markdown)
def test_random_rules_and_markdown(project, defn, doc):
    cfg = project(INI, {"T/R.yml": yaml.safe_dump(defn, allow_unicode=True)})
    try:
        engine = Engine.from_config(cfg)
    except ValeConfigError as err:  # invalid rule: a located error, not a traceback
        assert err.path and err.message
        return
    try:
        alerts = engine.lint_text(doc, path="doc.md")
    except ValeConfigError as err:  # e.g. a script failing at run time
        assert err.path and err.message
        return
    for a in alerts:
        assert a.line >= 1 and a.span[0] >= 1


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=markdown)
def test_random_markdown_positions_point_at_match(project, doc):
    cfg = project(INI, {"T/Todo.yml": "extends: existence\nmessage: x\ntokens: [TODO]\n"})
    lines = doc.replace("\r\n", "\n").split("\n")
    for a in Engine.from_config(cfg).lint_text(doc, path="doc.md"):
        assert lines[a.line - 1][a.span[0] - 1:a.span[0] + 3] == "TODO"
