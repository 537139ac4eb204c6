"""The lint stage at scale: results cached by text, path and style; every lint bounded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import generator.lint as lint_stage
from generator.cli import cli
from generator.lint_cache import CACHE_DIR, style_key
from generator.pipeline import run
from generator.project import Project

from .conftest import STOCK_PHRASES, minimal, one_rule_style, write

CODES = """extends: existence
message: "'%s' looks like a pasted code; give the customer a link instead."
level: warning
ignorecase: false
tokens:
  - '[A-Z0-9]{30,}'
"""
STALL = r"""extends: existence
message: "'%s' stalls a backtracking engine."
level: error
ignorecase: false
nonword: true
tokens:
  - '(?:(?:x|x)+)+\d'
"""
SCENARIO = "playbooks/delivery/late-parcel.yaml"


@pytest.fixture
def project(project: Path) -> Path:
    return one_rule_style(project)


def with_sentence(sentence: str) -> str:
    return minimal().replace("Your parcel is with the carrier", f"{sentence} Your parcel is with the carrier")


def found(root: Path, **options: bool) -> list[tuple[str, int, int, str, str]]:
    return [(d.path, d.line, d.col, d.rule, d.message) for d in run(Project(root), **options).diagnostics]


def test_second_run_comes_from_the_cache_with_the_same_findings(project: Path, monkeypatch):
    write(project, SCENARIO, with_sentence("Sorry for any inconvenience."))
    first = found(project)
    assert [f[3] for f in first] == ["Test.StockPhrases"]
    assert list((project / CACHE_DIR).glob("*.json"))

    def no_engine(*args, **kwargs):
        raise AssertionError("every reply should have come from the cache")

    monkeypatch.setattr(lint_stage, "Pool", no_engine)
    assert found(project) == first


def test_a_changed_reply_is_linted_afresh(project: Path):
    write(project, SCENARIO, with_sentence("Sorry for any inconvenience."))
    assert [f[3] for f in found(project)] == ["Test.StockPhrases"]
    write(project, SCENARIO, with_sentence("Sorry for the wait."))
    assert found(project) == []


def test_a_changed_rule_is_applied_to_cached_replies(project: Path):
    write(project, SCENARIO, with_sentence("Sorry for any inconvenience."))
    assert [f[3] for f in found(project)] == ["Test.StockPhrases"]
    write(project, "styles/Test/StockPhrases.yml", STOCK_PHRASES.replace("any inconvenience", "the wait"))
    assert found(project) == []


def test_the_key_covers_the_configuration_and_every_style_file(project: Path):
    ini, styles = project / ".vale.ini", project / "styles"
    before = style_key(ini, styles, "builtin")
    assert style_key(ini, styles, "builtin") == before
    assert style_key(ini, styles, "vale /usr/bin/vale 1") != before
    write(project, "styles/config/vocabularies/Test/accept.txt", "Brightwell\n")
    with_vocabulary = style_key(ini, styles, "builtin")
    assert with_vocabulary != before
    ini.write_text(ini.read_text() + "Vocab = Test\n")
    assert style_key(ini, styles, "builtin") != with_vocabulary


def test_no_cache_neither_reads_nor_writes(project: Path, runner):
    write(project, SCENARIO, with_sentence("Sorry for any inconvenience."))
    result = runner.invoke(cli, ["check", "--root", str(project), "--no-cache"])
    assert result.exit_code == 1 and "Test.StockPhrases" in result.output
    assert not (project / CACHE_DIR).exists()
    # a cache that says "clean" is not read either
    found(project)
    (cached,) = (project / CACHE_DIR).glob("*.json")
    data = json.loads(cached.read_text())
    data["entries"] = {key: [] for key in data["entries"]}
    cached.write_text(json.dumps(data))
    assert found(project) == []  # the doctored cache is read by default...
    result = runner.invoke(cli, ["check", "--root", str(project), "--no-cache"])
    assert result.exit_code == 1 and "Test.StockPhrases" in result.output  # ...not with --no-cache


def test_a_reply_that_stalls_the_lint_is_stopped_and_named(project: Path, monkeypatch):
    write(project, "styles/Test/Stall.yml", STALL)
    monkeypatch.setattr(lint_stage, "LINT_SECONDS", 1.0)
    write(project, SCENARIO, with_sentence("Code " + "x" * 40 + "."))
    other = with_sentence("Sorry for any inconvenience.").replace("late-parcel", "lost-parcel")
    write(project, "playbooks/delivery/lost-parcel.yaml", other)
    problems = found(project, cache=False)
    assert sorted((p[3], p[0]) for p in problems) == [
        ("Test.StockPhrases", "playbooks/delivery/lost-parcel.yaml"),  # the others are still checked
        ("lint-stopped", SCENARIO),
    ]
    path, line, _, _, message = next(p for p in problems if p[3] == "lint-stopped")
    assert (path, line) == (SCENARIO, 15)  # where the reply's body is
    assert "longer than 1 seconds" in message and "`email-update`" in message


def test_a_long_match_is_quoted_in_at_most_80_characters(project: Path):
    write(project, "styles/Test/Codes.yml", CODES)
    code = "AB12" * 1500  # a 6,000-character pasted token
    write(project, SCENARIO, with_sentence(f"Your tracking code is {code}."))
    (finding,) = [f for f in found(project, cache=False) if f[3] == "Test.Codes"]
    quote = finding[4].split("'")[1]
    assert len(quote) <= 80 and quote.startswith("AB12AB12") and "…" in quote


def test_a_playbook_loaded_in_parts_is_linted_part_by_part_with_the_same_findings(
    project: Path, monkeypatch
):
    import generator.playbook as playbook

    for n in range(6):
        text = minimal(f"late-parcel-{n}")
        if n % 2:
            text = text.replace("Your parcel is", "Sorry for any inconvenience. Your parcel is")
        write(project, f"playbooks/delivery/late-parcel-{n}.yaml", text)
    whole = found(project, cache=False)
    assert sorted({f[0] for f in whole if f[3] == "Test.StockPhrases"}) == [
        f"playbooks/delivery/late-parcel-{n}.yaml" for n in (1, 3, 5)
    ]
    events: list[str] = []
    real_load, real_pool = playbook.load_playbook, lint_stage._pool

    def load_in_parts(*args, each=None, **kwargs):
        def part_loaded(book, part):
            events.append(f"loaded {len(part)}")
            each(book, part)

        return real_load(*args, each=part_loaded, **kwargs)

    def lint_pool(linter, replies):
        pool = real_pool(linter, replies)
        submit = pool.submit

        def submitted(items):
            events.append(f"lint {len(items)}")
            submit(items)

        pool.submit = submitted
        return pool

    monkeypatch.setattr(playbook, "BATCH_FILES", 2)
    monkeypatch.setattr(playbook, "BATCHES", 3)  # 7 scenario files: parts of 3, 3 and 1
    monkeypatch.setattr("generator.pipeline.load_playbook", load_in_parts)
    monkeypatch.setattr(lint_stage, "_pool", lint_pool)
    assert found(project, cache=False) == whole
    # each part's lint starts as soon as that part is loaded, before the next part loads
    assert [e.split()[0] for e in events] == ["loaded", "lint"] * 3
    assert [e for e in events if e.startswith("loaded")] == ["loaded 3", "loaded 3", "loaded 1"]
