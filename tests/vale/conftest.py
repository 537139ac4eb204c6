"""Helpers for the Vale engine tests: write a tiny project (config + styles + files)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest


@pytest.fixture
def project(tmp_path: Path):
    """``project(ini, rules={"Style/Rule.yml": yaml}, files={...})`` -> config path."""

    def make(ini: str, rules: dict[str, str] | None = None,
             files: dict[str, str] | None = None) -> Path:
        (tmp_path / "styles").mkdir(exist_ok=True)
        for rel, body in (rules or {}).items():
            p = tmp_path / "styles" / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(textwrap.dedent(body), encoding="utf-8")
        for rel, body in (files or {}).items():
            p = tmp_path / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(body, encoding="utf-8")
        cfg = tmp_path / ".vale.ini"
        cfg.write_text(textwrap.dedent(ini), encoding="utf-8")
        return cfg

    return make


INI = """\
StylesPath = styles
MinAlertLevel = suggestion

[*]
BasedOnStyles = T
"""
