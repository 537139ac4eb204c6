"""Syllable counting: the linear count of twine's MONO_ONE pattern equals the regex's own."""

from __future__ import annotations

import random

from generator.vale.syllables import MONO_ONE, _mono_one, syllables


def test_linear_count_equals_the_regex_on_many_words() -> None:
    rng = random.Random(3)
    letters = "aeiouybcdglstrnmhqxé"
    endings = ["", "ed", "es", "ely", "ied", "cial", "tia", "sed", "shed", "xed", "ssed", "busi"]
    for _ in range(20_000):
        word = "".join(rng.choice(letters) for _ in range(rng.randint(0, 14))) + rng.choice(endings)
        assert _mono_one(word) == len(MONO_ONE.findall(word)), word


def test_long_tokens_count_like_the_regex() -> None:
    for word in ["é" * 3000 + "bed", "x" * 3000 + "sed", "é" * 1500 + "a" + "é" * 1500 + "ed", "ab" * 1500]:
        assert _mono_one(word) == len(MONO_ONE.findall(word))


def test_known_counts() -> None:
    assert [syllables(w) for w in ["refund", "apologise", "delivery", "the", "shipped"]] == [2, 4, 4, 1, 1]
