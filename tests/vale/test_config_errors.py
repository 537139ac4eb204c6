"""Broken configuration and style files give located errors, never tracebacks."""

from __future__ import annotations

import pytest

from generator.vale import Engine, ValeConfigError
from generator.vale.cli import main

from .conftest import INI


def test_unknown_extends_is_located(project):
    cfg = project(INI, {"T/Bad.yml": "message: hi\nlevel: error\nextends: existance\n"})
    with pytest.raises(ValeConfigError) as err:
        Engine.from_config(cfg)
    assert err.value.path.endswith("Bad.yml")
    assert err.value.line == 3
    assert "'extends' key must be one of [capitalization conditional" in err.value.message


def test_unknown_key_is_located(project):
    cfg = project(INI, {"T/Bad.yml": "extends: existence\nmessage: hi\ntokenz: [a]\n"})
    with pytest.raises(ValeConfigError) as err:
        Engine.from_config(cfg)
    assert err.value.line == 3 and "tokenz" in err.value.message


def test_yaml_syntax_error_is_located(project):
    cfg = project(INI, {"T/Bad.yml": "extends: existence\nmessage: [unclosed\ntokens: [a]\n"})
    with pytest.raises(ValeConfigError) as err:
        Engine.from_config(cfg)
    assert err.value.path.endswith("Bad.yml") and err.value.line >= 2


def test_bad_regex_is_located(project):
    cfg = project(INI, {"T/Bad.yml": "extends: existence\nmessage: hi\ntokens: ['(a']\n"})
    with pytest.raises(ValeConfigError) as err:
        Engine.from_config(cfg)
    assert err.value.line == 1 and "regular expression" in err.value.message


def test_missing_style_is_a_config_error(project):
    cfg = project("StylesPath = styles\n[*]\nBasedOnStyles = Nope\n")
    with pytest.raises(ValeConfigError) as err:
        Engine.from_config(cfg)
    assert "style 'Nope' does not exist on StylesPath" in err.value.message


def test_core_option_in_section(project):
    cfg = project("[*]\nStylesPath = styles\n")
    with pytest.raises(ValeConfigError) as err:
        Engine.from_config(cfg)
    assert "'StylesPath' is a core option" in err.value.message and err.value.line == 2


def test_cli_exit_2_on_broken_style(project, capsys, monkeypatch):
    cfg = project(INI, {"T/Bad.yml": "extends: nope\nmessage: x\n"}, {"a.md": "hello\n"})
    monkeypatch.chdir(cfg.parent)
    assert main(["--output=line", "--no-global", "a.md"]) == 2
    err = capsys.readouterr().err
    assert "Bad.yml:1:E201:'extends' key must be one of" in err


def test_cli_no_config(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.delenv("VALE_CONFIG_PATH", raising=False)
    assert main(["--no-global", "."]) == 2
    assert "E100 [.vale.ini not found] Runtime error" in capsys.readouterr().err


def test_all_broken_rules_are_reported(project):
    cfg = project(INI, {"T/A.yml": "extends: nope\nmessage: x\n",
                        "T/B.yml": "extends: existence\nmessage: x\nlevel: fatal\n",
                        "T/C.yml": "extends: existence\nmessage: x\ntokens: [ok]\n"})
    with pytest.raises(ValeConfigError) as err:
        Engine.from_config(cfg)
    located = sorted((e.path.rsplit("/", 1)[-1], e.line) for e in err.value.errors)
    assert located == [("A.yml", 1), ("B.yml", 3)]
