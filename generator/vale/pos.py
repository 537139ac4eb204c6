"""Part-of-speech tagging for ``extends: sequence``: the Treebank word tokenizer and the
averaged-perceptron tagger that Vale uses (jdkato/twine, a port of Matthew Honnibal's
textblob-aptagger). The model weights come from the PyPI package ``textblob-aptagger``
(its ``trontagger-0.1.0.pickle``); the package itself is never imported.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import pickle
import re

from .nlp import segment_sentences

_STARTING_QUOTES = [(re.compile(r"""'([ (\[{<])\""""), r"\1 `` "),
                    (re.compile(r'^(")'), "``"), (re.compile(r'( ")'), " ``")]
_STARTING_QUOTES2 = [(re.compile(r"(``)"), r" \1 ")]
_PUNCT = [(re.compile(r"([:,])([^\d])"), r" \1 \2"), (re.compile(r"\.\.\."), " ... "),
          (re.compile(r"""([^\.])(\.)([\]\)}>"\']*)\s*$"""), r"\1 \2\3 "),
          (re.compile(r"([^'])' "), r"\1 ' ")]
_PUNCT2 = [re.compile(r"([:,])$"), re.compile(r"([;@#$%&?!])")]
_BRACKETS = [(re.compile(r"([\]\[\(\)\{\}\<\>])"), r" \1 "), (re.compile(r"--"), " -- ")]
_ENDING2 = [re.compile(r"'(\S)(\'\')'"), re.compile(r"([^' ])('[sS]|'[mM]|'[dD]|') "),
            re.compile(r"([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ")]
_CONTRACTIONS = [re.compile(p, re.I) for p in (
    r"\b(can)(not)\b", r"\b(d)('ye)\b", r"\b(gim)(me)\b", r"\b(gon)(na)\b", r"\b(got)(ta)\b",
    r"\b(lem)(me)\b", r"\b(mor)('n)\b", r"\b(wan)(na) ", r" ('t)(is)\b", r" ('t)(was)\b")]
_NONE = re.compile(r"^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$")
_KEEP = re.compile(r"^\-[A-Z]{3}\-$")


def treebank_tokenize(text: str) -> list[str]:
    for r, sub in _STARTING_QUOTES + _STARTING_QUOTES2 + _PUNCT:
        text = r.sub(sub, text)
    for r in _PUNCT2:
        text = r.sub(r" \1 ", text)
    for r, sub in _BRACKETS:
        text = r.sub(sub, text)
    text = " " + text + " "
    text = text.replace('"', " '' ")
    for r in _ENDING2:
        text = r.sub(r"\1 \2 ", text)
    for r in _CONTRACTIONS:
        text = r.sub(r" \1 \2 ", text)
    text = re.sub(r"(?:\n|\n\r|\r)", " ", text)
    return re.sub(r" {2,}", " ", text).strip().split(" ")


@functools.lru_cache(maxsize=1)
def _model():
    spec = importlib.util.find_spec("textblob_aptagger")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(next(iter(spec.submodule_search_locations)), "trontagger-0.1.0.pickle")
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as fh:  # a data file shipped by a declared dependency
        weights, tagdict, classes = pickle.load(fh, encoding="latin1")
    return weights, tagdict, classes


def available() -> bool:
    return _model() is not None


def _normalize(word: str) -> str:
    if not word:
        return word
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word[0].isdigit():
        return "!DIGITS"
    return word.lower()


def tag(words: list[str]) -> list[tuple[str, str]]:
    model = _model()
    if model is None:
        return [(w, "") for w in words if w]
    weights, tagdict, _classes = model
    clean = [w for w in words if w]
    ctx = ["-START-", "-START2-"] + [_normalize(w) for w in clean] + ["-END-", "-END2-"]
    p1, p2 = "-START-", "-START2-"
    out = []
    for i, word in enumerate(clean):
        if _NONE.match(word):
            t = "-NONE-"
        elif _KEEP.match(word):
            t = word
        elif word in tagdict:
            t = tagdict[word]
        else:
            j = min(len(ctx) - 2, i + 2)
            feats = ["bias", "i suffix " + word[-3:], "i pref1 " + word[0], "i-1 tag " + p1,
                     "i-2 tag " + p2, f"i tag+i-2 tag {p1} {p2}", "i word " + ctx[j],
                     f"i-1 tag+i word {p1} {ctx[j]}", "i-1 word " + ctx[j - 1],
                     "i-1 suffix " + ctx[j - 1][-3:], "i-2 word " + ctx[j - 2],
                     "i+1 word " + ctx[j + 1], "i+1 suffix " + ctx[j + 1][-3:],
                     "i+2 word " + ctx[j + 2]]
            scores: dict[str, float] = {}
            for f in feats:
                for label, w in weights.get(f, {}).items():
                    scores[label] = scores.get(label, 0.0) + w
            t, best = "", 0.0
            for label in sorted(scores):
                if scores[label] > best:
                    best, t = scores[label], label
        out.append((word, t))
        p2, p1 = p1, t
    return out


def text_to_tokens(text: str) -> list[tuple[str, str]]:
    words: list[str] = []
    for s in segment_sentences(text):
        words.extend(treebank_tokenize(s))
    return tag(words)
