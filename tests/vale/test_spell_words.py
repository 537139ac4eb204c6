"""Expanded dictionaries kept as fingerprints (`generator/vale/spell.py`): the words read back from
disk are the words expanded, a copy takes its own additions, and a damaged file is expanded again."""

from __future__ import annotations

import pytest

from generator.vale import spell

AFF = "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n"
DIC = "3\nparcel/S\ncourier/S\nrefund\n"


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path / "cache"))
    spell._load_cached.cache_clear()
    aff, dic = tmp_path / "t.aff", tmp_path / "t.dic"
    aff.write_text(AFF, encoding="utf-8")
    dic.write_text(DIC, encoding="utf-8")
    yield str(aff), str(dic)
    spell._load_cached.cache_clear()


def test_expanded_words_read_back_from_disk_are_the_same(files, tmp_path):
    first = spell.load_dictionary(*files)
    assert [w for w in ("parcels", "couriers", "refund", "refunds", "parcel") if first.spell(w)] == [
        "parcels",
        "couriers",
        "refund",
        "parcel",
    ]
    stored = sorted(p.suffix for p in (tmp_path / "cache" / "dictionaries").iterdir())
    assert stored == [".json", ".words"]
    spell._load_cached.cache_clear()
    again = spell.load_dictionary(*files)
    assert list(again.words.hashes) == list(first.words.hashes)
    assert again.spell("couriers") and not again.spell("curiers")


def test_each_copy_keeps_its_own_added_words(files, tmp_path):
    words = tmp_path / "accept.txt"
    words.write_text("Brightwell\n", encoding="utf-8")
    one = spell.load_dictionary(*files)
    one.add_word_list_file(str(words))
    other = spell.load_dictionary(*files)
    assert one.spell("Brightwell") and not other.spell("Brightwell")


def test_a_truncated_fingerprint_file_is_expanded_again(files, tmp_path):
    spell.load_dictionary(*files)
    (stored,) = (tmp_path / "cache" / "dictionaries").glob("*.words")
    stored.write_bytes(stored.read_bytes()[:-3])
    spell._load_cached.cache_clear()
    assert spell.load_dictionary(*files).spell("parcels")
    assert len(stored.read_bytes()) % 8 == 0


def test_a_word_set_is_a_fingerprint_search():
    words = spell.WordSet.of(["alpha", "beta", "gamma"])
    assert "beta" in words and "delta" not in words and 3 not in words
    words.add("delta")
    assert "delta" in words and "delta" not in spell.WordSet(words.hashes)
