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


TRICKY = [
    "Very bad acting!!! I promise.",
    "(Sent1.) Sent2.",
    '"Done." She left. "Really?" Yes!',
    " .leading stop. Then more. ",
    "\tTabbed.\tText!\x0bvertical?\x0cfeed. end",
    "Mr. Smith paid $4.50 at 3 p.m. on Jan. 5. It arrived.",
    "e.g. this, i.e. that. U.S.A. is here.Next one.",
    "Wait... what?! Okay.) Fine.] Done.' Next.” Last.’",
    "No stop here",
    "....",
    "A. B. C.",
    "Ends with a space. ",
    "x.y.z. abc. --dash. (Paren.) [Bracket.] {Brace.}",
]


def test_the_one_loop_splitter_is_punkts_tokenize():
    """`sentences` (one loop over the candidate breaks) gives what Punkt's own `tokenize` gives,
    on every corpus text and paragraph and on shapes chosen to reach each branch: a run of
    stops, realigned closing punctuation, whitespace at a slice's first character, none at all."""
    tok = nlp._punkt()
    checked = [p for p in [*PARAGRAPHS, *TRICKY] if nlp._MAY_END.search(p)]
    assert len(checked) > 1000
    for p in checked:
        assert tok.sentences(p) == tok.tokenize(p), p


def test_the_one_loop_splitter_is_punkts_tokenize_on_random_text():
    import random

    tok = nlp._punkt()
    rng = random.Random(5)
    pieces = ["word", "Word", "Mr", "e.g", "3", ".", ".", "!", "?", " ", " ", "\n", "\t"]
    pieces += [")", '"', "'", "”", "--", "("]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        assert tok.sentences(text) == tok.tokenize(text), repr(text)
