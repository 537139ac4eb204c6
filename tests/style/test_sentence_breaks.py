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
