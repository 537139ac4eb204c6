"""One test per rule type, asserting exact alerts (line, column, check, message)."""

from __future__ import annotations

from generator.vale import Engine

from .conftest import INI


def triples(alerts):
    return [(a.line, a.span[0], a.check, a.message) for a in alerts]


def lint(project, rule_name, rule, text, path="doc.md", ini=INI):
    cfg = project(ini, {f"T/{rule_name}.yml": rule})
    return triples(Engine.from_config(cfg).lint_text(text, path=path))


def test_existence(project):
    rule = """\
        extends: existence
        message: "Avoid '%s'."
        ignorecase: true
        tokens: [very, really]
        """
    text = "# Title\n\nThis is *very* good.\n\n- Really nice\n"
    assert lint(project, "Weasel", rule, text) == [
        (3, 10, "T.Weasel", "Avoid 'very'."),
        (5, 3, "T.Weasel", "Avoid 'Really'."),
    ]


def test_existence_exceptions_and_code_ignored(project):
    rule = """\
        extends: existence
        message: "'%s' left in text"
        tokens: [TODO]
        exceptions: [TODO-OK]
        nonword: true
        """
    text = "Fix `TODO` later.\n\n```\nTODO\n```\n\nTODO now.\n"
    assert lint(project, "Todo", rule, text) == [(7, 1, "T.Todo", "'TODO' left in text")]


def test_substitution(project):
    rule = """\
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        swap:
          utilize: use
          e-mail: email
        """
    text = "Please utilize the e-mail form.\n"
    assert lint(project, "Swap", rule, text) == [
        (1, 8, "T.Swap", "Use 'use' instead of 'utilize'."),
        (1, 20, "T.Swap", "Use 'email' instead of 'e-mail'."),
    ]


def test_occurrence(project):
    rule = """\
        extends: occurrence
        message: "More than 2 commas (%s)."
        scope: sentence
        max: 2
        token: ','
        """
    text = "One, two, three, four.\n"
    assert lint(project, "Commas", rule, text) == [(1, 4, "T.Commas", "More than 2 commas (3).")]


def test_repetition(project):
    rule = """\
        extends: repetition
        message: "'%s' is repeated!"
        alpha: true
        tokens: ['[^\\s]+']
        """
    assert lint(project, "Rep", rule, "This is is a test.\n") == [
        (1, 6, "T.Rep", "'is' is repeated!")]


def test_consistency(project):
    rule = """\
        extends: consistency
        message: "Inconsistent spelling of '%s'."
        either:
          center: centre
        """
    text = "The center.\n\nThe centre.\n"
    assert lint(project, "Cons", rule, text) == [
        (3, 5, "T.Cons", "Inconsistent spelling of 'centre'.")]


def test_conditional(project):
    rule = """\
        extends: conditional
        message: "'%s' has no definition."
        first: '\\b([A-Z]{3,5})\\b'
        second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
        """
    text = "We use the National Football League (NFL).\n\nThe NFL and the NBA.\n"
    assert lint(project, "Def", rule, text) == [(3, 17, "T.Def", "'NBA' has no definition.")]


def test_capitalization(project):
    rule = """\
        extends: capitalization
        message: "'%s' should be in title case"
        scope: heading
        match: $title
        """
    text = "# A guide to the galaxy\n\n## The Big Picture\n"
    assert lint(project, "Title", rule, text) == [
        (1, 3, "T.Title", "'A guide to the galaxy' should be in title case")]


def test_metric(project):
    rule = """\
        extends: metric
        message: "Too many H2s (%s)."
        formula: heading.h2
        condition: "> 1"
        """
    text = "# T\n\n## A\n\nText.\n\n## B\n\nMore text.\n"
    assert lint(project, "H2", rule, text) == [(1, 1, "T.H2", "Too many H2s (2.00).")]


def test_readability(project):
    rule = """\
        extends: readability
        message: "Grade level (%s) too high!"
        grade: 1
        metrics: [Flesch-Kincaid]
        """
    text = "Extraordinarily complicated administrative documentation overwhelms readers.\n"
    out = lint(project, "Read", rule, text)
    assert len(out) == 1 and out[0][:3] == (1, 1, "T.Read")
    assert out[0][3].startswith("Grade level (")


def test_spelling(project):
    rule = """\
        extends: spelling
        message: "Did you really mean '%s'?"
        """
    assert lint(project, "Spell", rule, "This has a typpo in it.\n") == [
        (1, 12, "T.Spell", "Did you really mean 'typpo'?")]


def test_script(project):
    rule = """\
        extends: script
        message: "Line too long."
        scope: raw
        script: |
          text := import("text")
          matches := []
          for line in text.split(scope, "\\n") {
            if len(line) > 20 {
              start := text.index(scope, line)
              matches = append(matches, {begin: start, end: start + len(line)})
            }
          }
        """
    text = "short\n\nthis line is definitely longer than twenty\n"
    assert lint(project, "Long", rule, text) == [(3, 1, "T.Long", "Line too long.")]


def test_sequence(project):
    rule = """\
        extends: sequence
        message: "Use 'meetup' instead of '%s %s'."
        tokens:
          - tag: NN
            pattern: meet
          - pattern: up
        """
    text = "A meet up on Sunday. We should meet up and talk.\n"
    assert lint(project, "Seq", rule, text) == [
        (1, 3, "T.Seq", "Use 'meetup' instead of 'meet up'.")]


def test_comment_directives(project):
    rule = """\
        extends: existence
        message: "'%s'"
        tokens: [foo]
        """
    text = ("foo one.\n\n<!-- vale off -->\n\nfoo two.\n\n<!-- vale on -->\n\n"
            "<!-- vale T.Foo = NO -->\n\nfoo three.\n\n<!-- vale T.Foo = YES -->\n\nfoo four.\n")
    assert [t[0] for t in lint(project, "Foo", rule, text)] == [1, 15]


def test_plain_text_and_html(project):
    rule = """\
        extends: existence
        message: "'%s'"
        tokens: [foo]
        """
    cfg = project(INI, {"T/Foo.yml": rule})
    eng = Engine.from_config(cfg)
    assert triples(eng.lint_text("a\nb foo\n", path="x.txt")) == [(2, 3, "T.Foo", "'foo'")]
    html = "<html><body>\n<p>one foo</p>\n<pre>foo</pre>\n</body></html>\n"
    assert triples(eng.lint_text(html, path="x.html")) == [(2, 8, "T.Foo", "'foo'")]
