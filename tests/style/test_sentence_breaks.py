"""The sentence splitter keeps Punkt's answer for each candidate context (`nlp._BREAKS`): every
corpus reply and every paragraph of one splits exactly as Punkt splits it when it decides each
context afresh."""

from __future__ import annotations

import pytest

from generator.vale import nlp

from .corpus import load_real, samples

TEXTS = [s.text for s in load_real()] + [s.text for s in samples()]
PARAGRAPHS = TEXTS + [p for t in TEXTS for p in t.split("\n\n")]


class _Forgetful(dict):
    """A memo that never answers: Punkt decides every context."""

    def get(self, key, default=None):
        return default


def _split_all() -> list[tuple[str, ...]]:
    nlp._segments.cache_clear()
    return [nlp._segments(p) for p in PARAGRAPHS]


def test_kept_answers_split_every_corpus_text_as_punkt_does(monkeypatch: pytest.MonkeyPatch):
    nlp._BREAKS.clear()
    warm = _split_all()
    assert len(nlp._BREAKS) > 1000, "the corpus asks about many contexts"
    warm_again = _split_all()
    monkeypatch.setattr(nlp, "_BREAKS", _Forgetful())
    fresh = _split_all()
    assert warm == fresh == warm_again
    assert sum(len(s) > 1 for s in fresh) > 500, "many texts hold more than one sentence"


def test_the_kept_answers_stay_bounded(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(nlp, "BREAKS_KEPT", 50)
    nlp._BREAKS.clear()
    _split_all()
    assert 0 < len(nlp._BREAKS) <= 50


def test_a_text_without_a_stop_is_one_sentence_as_punkt_says():
    """`_segments` answers a text with no full stop, question or exclamation mark without Punkt;
    on every corpus text Punkt agrees."""
    tok = nlp._punkt()
    nlp._segments.cache_clear()
    plain = [
        p
        for p in [*PARAGRAPHS, "", "  \n ", "Hi Maya,", " Best wishes,\nJordan \n"]
        if not nlp._MAY_END.search(p)
    ]
    assert len(plain) > 500
    for p in plain:
        assert nlp._segments(p) == tuple(s.strip() for s in tok.tokenize(p)), p
