"""``engine: auto|builtin|vale``: the built-in engine, and a fake ``vale`` on PATH."""

from __future__ import annotations

import os
import stat
import sys
import textwrap

import pytest

from generator.vale import Engine, make_engine
from generator.vale.binary import ValeBinaryEngine

from .conftest import INI

FAKE = textwrap.dedent("""\
    #!{python}
    import json, sys
    files = [a for a in sys.argv[1:] if not a.startswith("--")]
    assert "--output=JSON" in sys.argv
    out = {{}}
    for f in files:
        text = open(f, encoding="utf-8").read()
        if "TODO" in text:
            line = text[:text.index("TODO")].count("\\n") + 1
            out[f] = [{{"Action": {{"Name": "", "Params": None}}, "Span": [1, 4],
                       "Check": "Fake.Todo", "Description": "", "Link": "",
                       "Message": "fake TODO", "Severity": "warning", "Match": "TODO",
                       "Line": line}}]
    print(json.dumps(out, indent=2))
    """)


@pytest.fixture
def fake_vale(tmp_path, monkeypatch):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    exe = bindir / "vale"
    exe.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bindir) + os.pathsep + os.environ.get("PATH", ""))
    return exe


def test_builtin_when_no_binary(project, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    cfg = project(INI, {"T/Todo.yml": "extends: existence\nmessage: x\ntokens: [TODO]\n"})
    assert isinstance(make_engine(cfg, "auto"), Engine)
    with pytest.raises(Exception, match="no vale on PATH"):
        make_engine(cfg, "vale")


def test_auto_uses_binary(project, fake_vale):
    cfg = project(INI)
    eng = make_engine(cfg, "auto")
    assert isinstance(eng, ValeBinaryEngine)
    out = eng.lint_many({"replies/a.md": "# A\n\nTODO\n", "replies/b.md": "fine\n"})
    assert [(a.check, a.line, a.span, a.severity) for a in out["replies/a.md"]] == [
        ("Fake.Todo", 3, (1, 4), "warning")]
    assert out["replies/b.md"] == []


def test_builtin_forced(project, fake_vale):
    cfg = project(INI, {"T/Todo.yml": "extends: existence\nmessage: x\ntokens: [TODO]\n"})
    eng = make_engine(cfg, "builtin")
    assert isinstance(eng, Engine)
    assert [a.check for a in eng.lint_text("TODO\n", path="a.md")] == ["T.Todo"]


def test_bad_engine_name(project):
    with pytest.raises(ValueError):
        make_engine(project(INI), "other")
