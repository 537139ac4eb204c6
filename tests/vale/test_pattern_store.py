"""The store of compiled patterns (`generator/vale/regexes.py`): what one run compiles the next
reads back, a pattern is its own key, and a foreign or planted file is ignored without running
anything."""

from __future__ import annotations

import os
import pickle

import pytest
import regex

from generator.vale import regexes


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("PLAYBOOK_PATTERN_CACHE", raising=False)
    return regexes._Store


def test_a_pattern_compiled_in_one_run_is_read_back_by_the_next(store):
    first = store()
    pattern = r"(?i)\b(?:kindly|revert\s+back)\b"
    first.get("re", pattern, regex.compile)
    first.save()
    assert first.path().is_file()

    compiled: list[str] = []

    def spy(p: str) -> regex.Pattern:
        compiled.append(p)
        return regex.compile(p)

    second = store()
    found = second.get("re", pattern, spy)
    assert compiled == []  # read from the store, not compiled
    assert found.pattern == pattern
    assert [m.group(0) for m in found.finditer("Kindly do not revert  back.")] == ["Kindly", "revert  back"]
    assert second.get("re", pattern + "x", spy).pattern == pattern + "x"  # another text: compiled afresh
    assert compiled == [pattern + "x"]


def test_an_invalid_pattern_fails_each_time_and_is_never_stored(store):
    first = store()
    with pytest.raises(regex.error):
        first.get("re", r"(?:unclosed", regex.compile)
    first.save()
    assert not first.path().exists()
    with pytest.raises(regex.error):
        store().get("re", r"(?:unclosed", regex.compile)


class _Planted:
    def __reduce__(self):
        return (os.system, ("echo planted > planted.txt",))


def test_a_planted_file_runs_nothing_and_is_ignored(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = store().path()
    target.parent.mkdir(parents=True)
    target.write_bytes(pickle.dumps({("re", "abc"): _Planted()}))
    s = store()
    assert s.get("re", "abc", regex.compile).pattern == "abc"
    assert not (tmp_path / "planted.txt").exists()


def test_an_entry_that_does_not_match_its_key_is_dropped(store):
    target = store().path()
    target.parent.mkdir(parents=True)
    wrong = {("re", "good"): regex.compile("evil"), ("literals", "x"): frozenset({1})}
    target.write_bytes(pickle.dumps(wrong))
    s = store()
    assert s.get("re", "good", regex.compile).pattern == "good"
    assert s.get("literals", "x", lambda t: frozenset({"x"})) == frozenset({"x"})


def test_the_store_can_be_turned_off(store, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_PATTERN_CACHE", "0")
    s = store()
    s.get("re", "abc", regex.compile)
    s.save()
    assert not s.path().exists()
