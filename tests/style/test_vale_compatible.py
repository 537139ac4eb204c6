"""The house style stays runnable under a real `vale` binary: Vale rule types and Go regex syntax.

Vale compiles rule tokens with regexp2 (lookaround allowed), but a `script` rule's regexes go to
Tengo's `text` module, which uses Go's RE2: no lookaround, no backreferences. Our interpreter uses
Python's `re`, which would accept them silently, so this test keeps the scripts honest.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .corpus import ROOT

RULES = sorted((ROOT / "styles" / "Playbook").glob("*.yml"))
VALE_TYPES = {
    "existence",
    "substitution",
    "occurrence",
    "repetition",
    "consistency",
    "conditional",
    "capitalization",
    "metric",
    "spelling",
    "sequence",
    "script",
}
RE2_UNSUPPORTED = re.compile(r"\(\?<?[=!]|\(\?<[A-Za-z]|\\[1-9]|\(\?>|[*+?}]\+")


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.stem)
def test_rule_uses_a_vale_type(path: Path):
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["extends"] in VALE_TYPES


@pytest.mark.parametrize(
    "path",
    [p for p in RULES if yaml.safe_load(p.read_text(encoding="utf-8"))["extends"] == "script"],
    ids=lambda p: p.stem,
)
def test_script_regexes_are_re2(path: Path):
    script = yaml.safe_load(path.read_text(encoding="utf-8"))["script"]
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', script)
    assert literals, "a script rule has string literals"
    for literal in literals:
        pattern = literal.encode().decode("unicode_escape") if "\\\\" in literal else literal
        assert not RE2_UNSUPPORTED.search(pattern), f"{path.name}: RE2 cannot run {pattern[:80]!r}"


GO_ESCAPE = re.compile(r"""\\(?:[nrt\\'"]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0-7]{3})""")


@pytest.mark.parametrize(
    "path",
    [p for p in RULES if yaml.safe_load(p.read_text(encoding="utf-8"))["extends"] == "script"],
    ids=lambda p: p.stem,
)
def test_script_strings_use_go_escapes(path: Path):
    """Tengo reads a string literal as Go does: `"\\w"` is a compile error under a real `vale` and
    `"\\b"` a backspace, not a word boundary (the regex needs `"\\\\w"`, `"\\\\b"`); our
    interpreter would let both through."""
    script = yaml.safe_load(path.read_text(encoding="utf-8"))["script"]
    for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', script):
        rest = GO_ESCAPE.sub("", literal)
        assert "\\" not in rest, f"{path.name}: not a Go escape in {literal[:80]!r}"
