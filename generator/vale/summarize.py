"""Document statistics for ``metric`` and ``readability`` (after jdkato/twine
``summarize``): words, sentences, characters, syllables and the grade formulas.
Words and syllables follow twine exactly; sentences come from ``nlp.segment_sentences``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import regex

from .nlp import segment_sentences
from .syllables import syllables

_WORD = regex.compile(r"(?:[A-Z]\.){2,}|[\p{N}\p{L}']+")
_COMPLEX_SUFFIXES = ("es", "ed", "ing")


def _is_complex(word: str, syl: int) -> bool:
    if any(len(word) > len(s) and word.endswith(s) for s in _COMPLEX_SUFFIXES):
        syl -= 1
    return syl > 2


@lru_cache(maxsize=1 << 16)
def _word_stats(word: str) -> tuple[int, int, int, int, int]:
    """(characters, long, syllables, polysyllabic, complex) of one word: a word's figures depend
    on the word alone, and the same words come back in every reply."""
    syl = syllables(word)
    return (sum(1 for c in word if c.isalpha() or c.isnumeric()),
            1 if len(word.encode("utf-8")) > 6 else 0, syl, 1 if syl > 2 else 0,
            1 if _is_complex(word, syl) else 0)


@lru_cache(maxsize=1 << 14)
def _sentence_stats(sentence: str) -> tuple[int, int, int, int, int, int]:
    """(words, characters, long, syllables, polysyllabic, complex) of one sentence: sums of
    whole numbers, so adding a sentence's at once gives what adding its words one by one does,
    and a playbook's sentences ("Thank you for your patience.") recur from reply to reply."""
    stats = [_word_stats(word) for word in _WORD.findall(sentence)]
    if not stats:
        return (0, 0, 0, 0, 0, 0)
    chars, long, syl, poly, complex_ = (sum(column) for column in zip(*stats, strict=True))
    return (len(stats), chars, long, syl, poly, complex_)


@dataclass
class Document:
    words: float = 0.0
    sentences: float = 0.0
    characters: float = 0.0
    syllables: float = 0.0
    long_words: float = 0.0
    complex_words: float = 0.0
    polysyllabic_words: float = 0.0
    paragraphs: float = 0.0

    @classmethod
    def from_text(cls, text: str) -> Document:
        d = cls()
        for paragraph in text.split("\n\n"):
            for s in segment_sentences(paragraph):
                if not s.strip():
                    continue
                d.sentences += 1
                words, chars, long, syl, poly, complex_ = _sentence_stats(s)
                d.words += words
                d.characters += chars
                d.long_words += long
                d.syllables += syl
                d.polysyllabic_words += poly
                d.complex_words += complex_
            d.paragraphs += 1
        return d

    @staticmethod
    def _ratio(a: float, b: float) -> float:
        return a / b if b else 0.0

    def flesch_kincaid(self) -> float:
        return (0.39 * self._ratio(self.words, self.sentences)
                + 11.8 * self._ratio(self.syllables, self.words) - 15.59)

    def gunning_fog(self) -> float:
        return 0.4 * (self._ratio(self.words, self.sentences)
                      + 100 * self._ratio(self.complex_words, self.words))

    def smog(self) -> float:
        return 1.0430 * math.sqrt(self._ratio(self.polysyllabic_words * 30, self.sentences)) \
            + 3.1291

    def coleman_liau(self) -> float:
        return (0.0588 * self._ratio(self.characters, self.words) * 100
                - 0.296 * self._ratio(self.sentences, self.words) * 100 - 15.8)

    def automated_readability(self) -> float:
        return (4.71 * self._ratio(self.characters, self.words)
                + 0.5 * self._ratio(self.words, self.sentences) - 21.43)
