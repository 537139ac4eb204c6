"""The linter's memo of alerts by block text (`linter.Plan`): a paragraph seen before is answered
from the memo, located afresh, and gives exactly the alerts a fresh engine gives; rules that keep
state across a file (conditional, consistency, metric) always run."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.vale import Engine

RULES = {
    "T/E.yml": "extends: existence\nmessage: \"'%s'\"\ntokens: [TODO, very, '\\w+ing', the]\n",
    "T/S.yml": "extends: substitution\nmessage: \"'%s' not '%s'\"\nignorecase: true\n"
               "swap:\n  utilize: use\n",
    "T/R.yml": "extends: repetition\nmessage: \"'%s'\"\nalpha: true\ntokens: ['[^\\s]+']\n",
    "T/A.yml": "extends: conditional\nmessage: \"'%s' has no definition\"\n"
               "first: '\\b([A-Z]{3,5})\\b'\nsecond: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\n",
    "T/C.yml": "extends: consistency\nmessage: \"Inconsistent: '%s'\"\n"
               "either:\n  advisor: adviser\n",
    "T/Raw.yml": "extends: existence\nmessage: \"%s\"\nscope: raw\nnonword: true\ntokens: ['!!']\n",
}
INI = "StylesPath = styles\nMinAlertLevel = suggestion\n[*]\nBasedOnStyles = T\n"
PARAGRAPHS = [
    "Hi Sam,", "Best,\nAlex", "The very thing is going the the way.", "We utilize WHO data.",
    "The World Health Organization (WHO) says so.", "Ask an advisor.", "Ask an adviser!!",
    "<!-- vale T.E = NO -->", "<!-- vale T.E = YES -->", "TODO: the end.", "- the list item",
]
docs = st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=12).map("\n\n".join)


def alerts(engine: Engine, doc: str, path: str = "a.md") -> list[tuple]:
    return [(a.line, a.span, a.check, a.message, a.match) for a in engine.lint_text(doc, path)]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(docs, min_size=2, max_size=6))
def test_a_warm_memo_gives_what_a_fresh_engine_gives(project, batch):
    """Every document of a batch linted by one engine (whose memo fills as it goes) has exactly
    the alerts a fresh engine finds in it alone."""
    cfg = project(INI, RULES)
    warm = Engine.from_config(cfg)
    for doc in batch:
        assert alerts(warm, doc) == alerts(Engine.from_config(cfg), doc)


def test_a_repeated_paragraph_is_linted_once_and_located_in_each_file(project, monkeypatch):
    engine = Engine.from_config(project(INI, RULES))
    rule = engine.linter.manager.rules["T.E"]
    seen: list[str] = []
    run = rule.run

    def counted(blk, f):
        seen.append(blk.text)
        return run(blk, f)

    monkeypatch.setattr(rule, "run", counted)
    first = alerts(engine, "Hi Sam,\n\nThe very thing.\n")
    second = alerts(engine, "Hello,\n\nWell.\n\nThe very thing.\n")
    assert [a[2:] for a in first if a[2] == "T.E"] == [a[2:] for a in second if a[2] == "T.E"]
    assert [a[0] for a in first if a[2] == "T.E"] == [3, 3]
    assert [a[0] for a in second if a[2] == "T.E"] == [5, 5]
    assert seen.count("The very thing.") == 1


def test_stateful_rules_run_on_every_block(project):
    """A conditional rule's answer depends on what came before in the file: the same sentence is
    an alert in a file without the definition and none in a file with it, whatever the memo holds."""
    engine = Engine.from_config(project(INI, RULES))
    defined = "The World Health Organization (WHO) says so.\n\nWe utilize WHO data.\n"
    bare = "We utilize WHO data.\n"
    assert not [a for a in alerts(engine, defined) if a[2] == "T.A"]
    assert [a[3] for a in alerts(engine, bare) if a[2] == "T.A"] == ["'WHO' has no definition"]
    assert not [a for a in alerts(engine, defined) if a[2] == "T.A"]


def test_comment_directives_still_switch_rules_off(project):
    engine = Engine.from_config(project(INI, RULES))
    plain = "The very thing.\n"
    assert [a[2] for a in alerts(engine, plain)] == ["T.E", "T.E"]
    off = "<!-- vale T.E = NO -->\n\nThe very thing.\n"
    assert [a[2] for a in alerts(engine, off)] == []
    assert [a[2] for a in alerts(engine, plain)] == ["T.E", "T.E"]
