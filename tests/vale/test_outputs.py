"""Output formatters: JSON escaping like Go, the CLI table, Go templates."""

from __future__ import annotations

import io

from generator.vale.alert import Alert
from generator.vale.file import File
from generator.vale.output import go_json, print_cli
from generator.vale.template import render_template


def make_file(path: str, alerts: list[Alert]) -> File:
    f = File(path=path, content="", lines=[""], normed_ext=".md", real_ext=".md",
             format="markup")
    f.alerts = alerts
    return f


def test_go_json_escapes_html_and_keeps_unicode():
    assert go_json({"a": "<b> & é"}) == '{\n  "a": "\\u003cb\\u003e \\u0026 é"\n}'
    assert go_json({}) == "{}"


def test_cli_table_wraps_like_tablewriter():
    a = Alert(check="demo.Spelling", message="Did you really mean 'dissapear'?",
              severity="warning", line=22, span=(6, 14))
    out = io.StringIO()
    has_errors = print_cli([make_file("test.md", [a])], wrap=False, out=out)
    assert not has_errors
    assert out.getvalue() == (
        "\n test.md\n"
        " 22:6  warning  " + "Did you really mean".ljust(30) + "  demo.Spelling \n"
        "                " + "'dissapear'?".ljust(30) + "  " + " " * 13 + " \n"
        "\n"
        "✖ 0 errors, 1 warning and 0 suggestions in 1 file.\n")


def test_template_subset():
    src = ('{{- range .Files}}{{- $p := .Path -}}{{- range .Alerts -}}'
           '{{$p}}:{{.Line}}:{{index .Span 0}}:{{.Check | upper}}\n{{end -}}{{end -}}'
           '{{ if eq .LintedTotal 1 }}one{{ else }}many{{ end }}')
    data = {"Files": [{"Path": "a.md", "Alerts": [
        {"Line": 3, "Span": [5, 8], "Check": "T.Todo"}]}], "LintedTotal": 1}
    assert render_template(src, data) == "a.md:3:5:T.TODO\none"
