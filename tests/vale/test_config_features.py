"""Configuration features: ignores, vocabularies, formats, glob sections, levels."""

from __future__ import annotations

from generator.vale import Engine

TODO = "extends: existence\nmessage: \"'%s'\"\ntokens: [TODO, foo]\n"


def checks(alerts):
    return [(a.line, a.span[0], a.check, a.message) for a in alerts]


def test_block_and_token_ignores(project):
    ini = ("StylesPath = styles\nMinAlertLevel = suggestion\n[*.md]\nBasedOnStyles = T\n"
           "BlockIgnores = (?s) *({< file [^>]* >}.*?{</ ?file >})\n"
           "TokenIgnores = (\\$+[^\\n$]+\\$+)\n")
    cfg = project(ini, {"T/Todo.yml": TODO})
    text = "TODO one.\n\n{< file a >}\nTODO\n{</ file >}\n\nPay $TODO$ now, foo.\n"
    assert checks(Engine.from_config(cfg).lint_text(text, "a.md")) == [
        (1, 1, "T.Todo", "'TODO'"), (7, 17, "T.Todo", "'foo'")]


def test_ignored_and_skipped_scopes(project):
    ini = ("StylesPath = styles\nMinAlertLevel = suggestion\nIgnoredScopes = code, strong\n"
           "[*]\nBasedOnStyles = T\n")
    cfg = project(ini, {"T/Todo.yml": TODO})
    text = "A *TODO* and **TODO** and `foo`.\n"
    assert checks(Engine.from_config(cfg).lint_text(text, "a.md")) == [
        (1, 4, "T.Todo", "'TODO'")]


def test_vocab_accept_and_reject(project):
    ini = ("StylesPath = styles\nMinAlertLevel = suggestion\nVocab = Base\n"
           "[*]\nBasedOnStyles = Vale\n")
    cfg = project(ini, {"config/vocabularies/Base/accept.txt": "Kubernetes\nfoobarbaz\n",
                        "config/vocabularies/Base/reject.txt": "Mac OS X\n"})
    text = "Run kubernetes on Mac OS X with foobarbaz.\n"
    assert checks(Engine.from_config(cfg).lint_text(text, "a.md")) == [
        (1, 5, "Vale.Terms", "Use 'Kubernetes' instead of 'kubernetes'."),
        (1, 19, "Vale.Avoid", "Avoid using 'Mac OS X'."),
    ]


def test_formats_mapping_and_glob_sections(project):
    ini = ("StylesPath = styles\nMinAlertLevel = suggestion\n[formats]\nmdx = md\n"
           "[*.md]\nBasedOnStyles = T\n[replies/**/*.md]\nT.Todo = NO\n")
    cfg = project(ini, {"T/Todo.yml": TODO})
    eng = Engine.from_config(cfg)
    assert checks(eng.lint_text("```\nTODO\n```\n\nTODO\n", "a.mdx")) == [
        (5, 1, "T.Todo", "'TODO'")]
    assert eng.lint_text("TODO\n", "replies/email/x.md") == []
    assert eng.lint_text("TODO\n", "notes.txt") == []


def test_rule_level_override_and_min_alert_level(project):
    ini = "StylesPath = styles\nMinAlertLevel = error\n[*]\nBasedOnStyles = T\nT.Todo = error\n"
    cfg = project(ini, {"T/Todo.yml": TODO, "T/Other.yml": TODO.replace("TODO, foo", "bar")})
    alerts = Engine.from_config(cfg).lint_text("TODO bar\n", "a.md")
    assert [(a.check, a.severity) for a in alerts] == [("T.Todo", "error")]
