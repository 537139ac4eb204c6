"""Bad input: every case in tests/bad_input/ gives its expected located errors, never a traceback.

Each `<case>.yaml` is dropped into a repository as playbooks/delivery/late-parcel.yaml; its
`<case>.expected` holds the exit status and one `LINE:COL RULE` per expected error.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import cli
from generator.load import load_text
from generator.model import Scenario
from generator.validate import validate

from .conftest import REPO, minimal, write

CASES = Path(__file__).parent / "bad_input"
TARGET = "playbooks/delivery/late-parcel.yaml"


def check(runner, project: Path) -> tuple[int, list[str]]:
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert isinstance(result.exception, SystemExit) or result.exception is None, result.exception
    assert "Traceback" not in result.output
    rows = []
    for line in result.stdout.splitlines():
        path, line_no, col, rest = line.split(":", 3)
        assert rest.startswith(" error: ") or rest.startswith(" warning: ")
        rows.append((path, f"{line_no}:{col} {rest.rsplit('[', 1)[1].rstrip(']')}"))
    assert {path for path, _ in rows} <= {TARGET}
    return result.exit_code, [row for _, row in rows]


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.yaml")))
def test_bad_input_case(case: str, project: Path, runner):
    (project / "playbooks/delivery").mkdir(exist_ok=True)
    shutil.copy(CASES / f"{case}.yaml", project / TARGET)
    expected = (CASES / f"{case}.expected").read_text().split("\n")
    status = int(expected[0].split()[1])
    code, rows = check(runner, project)
    assert code == status
    assert Counter(rows) == Counter(line for line in expected[1:] if line)


def test_file_of_several_megabytes(project: Path, runner):
    big = minimal() + "# " + "padding " * 500_000 + "\n"
    write(project, TARGET, big)
    code, rows = check(runner, project)
    assert (code, rows) == (1, ["1:1 file-too-large"])


def test_symlinks_out_of_the_repository_are_refused(project: Path, runner, tmp_path: Path):
    outside = tmp_path / "outside"
    (outside / "stash").mkdir(parents=True)
    (outside / "late-parcel.yaml").write_text(minimal())
    (outside / "stash" / "late-parcel.yaml").write_text(minimal())
    (project / "playbooks/delivery").mkdir()
    os.symlink(outside / "late-parcel.yaml", project / TARGET)
    os.symlink(outside / "stash", project / "playbooks/delivery/stash")
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 1
    assert f"{TARGET}:1:1: error:" in result.stdout and "[symlink-outside]" in result.stdout
    assert "playbooks/delivery/stash:1:1: error:" in result.stdout, "a linked folder is reported, not skipped"


def test_symlink_inside_the_repository_is_followed(project: Path, runner):
    shared = project / "shared-scenarios"
    shared.mkdir()
    (shared / "late-parcel.yaml").write_text(minimal())
    os.symlink(shared, project / "playbooks/delivery")
    code, rows = check(runner, project)
    assert (code, rows) == (0, [])


# --- property tests: any input gives located diagnostics, never an exception ----------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates().map(str),
)
_yaml_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_handled(text: str):
    document, problems = load_text(text, "x.yaml")
    for p in problems:
        assert p.line >= 1 and p.col >= 1 and p.message
    if document.data is not None:
        model, more = validate(document, Scenario)
        assert model is not None or more


@settings(max_examples=150, deadline=None)
@given(_yaml_values)
def test_any_yaml_document_is_handled(value):
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True)
    document, _problems = load_text(text, "x.yaml")
    if document.data is not None:
        _, more = validate(document, Scenario)
        for p in more:
            assert 1 <= p.line <= text.count("\n") + 1 and p.col >= 1


BUNDLED = sorted((REPO / "playbooks").rglob("*.yaml"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(BUNDLED), st.data())
def test_mutated_bundled_files_are_handled(path: Path, data):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    kind = data.draw(st.sampled_from(["delete", "duplicate", "indent", "truncate", "replace"]))
    at = data.draw(st.integers(0, max(0, len(lines) - 1)))
    if kind == "delete":
        del lines[at]
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "indent":
        lines[at] = " " * data.draw(st.integers(1, 3)) + lines[at]
    elif kind == "truncate":
        lines = lines[:at]
    else:
        lines[at] = data.draw(st.text(max_size=30))
    mutated = "\n".join(lines)
    document, problems = load_text(mutated, "m.yaml")
    if document.data is not None:
        _, more = validate(document, Scenario)
        problems += more
    for p in problems:
        assert p.line >= 1 and p.col >= 1 and p.rule and p.message
