"""The command line: output formats, exit codes, stdin."""

from __future__ import annotations

import io
import json

from generator.vale.cli import main

from .conftest import INI

RULE = """\
extends: existence
message: "'%s' left in text"
level: error
tokens: [TODO]
"""


def setup(project, monkeypatch):
    cfg = project(INI, {"T/Todo.yml": RULE}, {"a.md": "# A\n\nFix TODO & <x>.\n",
                                               "b.txt": "clean\n"})
    monkeypatch.chdir(cfg.parent)
    return cfg


def test_line_output_and_exit_code(project, capsys, monkeypatch):
    setup(project, monkeypatch)
    assert main(["--output=line", "--sort", "--no-global", "a.md", "b.txt"]) == 1
    assert capsys.readouterr().out == "a.md:3:5:T.Todo:'TODO' left in text\n"
    assert main(["--output=line", "--no-exit", "--no-global", "."]) == 0


def test_json_output(project, capsys, monkeypatch):
    setup(project, monkeypatch)
    main(["--output=JSON", "--no-global", "a.md"])
    out = capsys.readouterr().out
    data = json.loads(out)
    assert list(data["a.md"][0]) == ["Action", "Span", "Check", "Description", "Link",
                                      "Message", "Severity", "Match", "Line"]
    assert data["a.md"][0]["Span"] == [5, 8]
    assert '"Action": {\n        "Name": "",\n        "Params": null\n      }' in out


def test_cli_output_summary(project, capsys, monkeypatch):
    setup(project, monkeypatch)
    main(["--no-global", "a.md", "b.txt"])
    out = capsys.readouterr().out
    assert " a.md" in out and "T.Todo" in out
    assert out.rstrip().endswith("✖ 1 error, 0 warnings and 0 suggestions in 2 files.")


def test_string_argument_is_stdin(project, capsys, monkeypatch):
    setup(project, monkeypatch)
    assert main(["--output=line", "--no-global", "TODO here"]) == 1
    assert capsys.readouterr().out == "stdin.txt:1:1:T.Todo:'TODO' left in text\n"


def test_piped_stdin(project, capsys, monkeypatch):
    setup(project, monkeypatch)
    monkeypatch.setattr("sys.stdin", io.StringIO("x\n\nTODO\n"))
    assert main(["--output=line", "--no-global", "--ext=.md"]) == 1
    assert capsys.readouterr().out == "stdin.md:3:1:T.Todo:'TODO' left in text\n"


def test_filter(project, capsys, monkeypatch):
    setup(project, monkeypatch)
    assert main(["--output=line", "--no-global", '--filter=.Level in ["warning"]', "."]) == 0
    assert capsys.readouterr().out == ""


def test_version_and_unknown_flag(capsys):
    assert main(["--version"]) == 0
    assert main(["--bogus"]) == 2
