"""Title and sentence case conversion (a port of jdkato/twine ``strcase``), used by
``extends: capitalization``. The AP rule for "to" uses the POS tagger of ``pos.py``
(lower case before a noun), like twine.
"""

from __future__ import annotations

import re

import regex

from .pos import available as pos_available
from .pos import tag as pos_tag
from .pos import treebank_tokenize
from .regexes import compile_go

SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of",
               "on", "or", "per", "the", "to", "vs", "vs.", "via", "v", "v."}
PREPOSITIONS = {"with", "from", "into", "during", "including", "until", "against", "among",
                "throughout", "despite", "towards", "upon", "concerning", "about", "over",
                "through", "before", "between", "after", "since", "without", "under", "within",
                "along", "following", "across", "beyond", "around", "down", "near", "above"}
SPLIT_RE = regex.compile(r"[\p{N}\p{L}]+[^\s\-/]*")
_SANITIZE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                           "\u2013": "-", "\u2014": "-"})
_NUMBER_LIST = regex.compile(r"\d+\.")


def to_title(m: str, strict: bool) -> str:
    if not m:
        return m
    other = m[1:].lower() if strict else m[1:]
    return m[0].title() + other


def _char_at(s: str, i: int) -> str:
    if 0 <= i < len(s):
        return s[i]
    return s[0] if s else ""


def _in_vocab(vocab: list[str], s: str, fold) -> str:
    for token in vocab:
        if fold(token) == fold(s):
            return token
        try:
            if compile_go(token).search(s):
                return s
        except regex.error:
            continue
    return ""


class TitleConverter:
    def __init__(self, style: str, vocab: list[str], prefix: str) -> None:
        self.chicago = style == "Chicago"
        self.vocab = sorted(vocab, key=len, reverse=True)
        self.prefix = re.compile(prefix) if prefix else None

    def _ignore(self, word: str, tags: list[tuple[str, str]] | None, widx: int, nxt: str,
                bounding: bool) -> bool:
        if self.chicago:
            return not bounding and (word in SMALL_WORDS or word in PREPOSITIONS)
        if word == "to":
            if tags is not None:
                # twine indexes the tagger's tokens with the word counter, as here.
                if widx + 1 < len(tags):
                    return tags[widx + 1][1].startswith("NN")
            elif nxt:
                return True  # no tagger model: treat "to" as a preposition
        return not bounding and word in SMALL_WORDS

    def convert(self, s: str) -> str:
        prefix = ""
        if self.prefix is not None:
            m = self.prefix.search(s)
            if m:
                prefix = m.group(0)
                s = s.removeprefix(prefix)
        t = s.translate(_SANITIZE).replace("\u2026", "...")
        end = len(t)
        words = [m.group(0) for m in SPLIT_RE.finditer(s)]
        tags = None
        if not self.chicago and "to" in (w.lower() for w in words) and pos_available():
            for_tagging = s if s.endswith((".", "!", "?")) else s + "."
            tags = pos_tag(treebank_tokenize(for_tagging))
        state = {"idx": 0, "w": -1}

        def repl(mm: regex.Match) -> str:
            m = mm.group(0)
            state["w"] += 1
            widx = state["w"]
            sm = m.lower()
            found = t.find(m, state["idx"])
            pos = found if found >= 0 else state["idx"] - 1
            prev = _char_at(t, pos - 1)
            ext = len(m)
            state["idx"] = pos + ext
            idx = state["idx"]
            hit = _in_vocab(self.vocab, m, str.casefold)
            if hit:
                return hit
            nxt = words[widx + 1] if widx + 1 < len(words) else ""
            if (self._ignore(sm, tags, widx, nxt, pos == 0 or idx == end)
                    and prev in (" ", "-", "/")
                    and _char_at(t, pos - 2) not in (":", "-")
                    and (_char_at(t, pos + ext) != "-" or _char_at(t, pos - 1) == "-")):
                return sm
            return to_title(m, False)

        return prefix + SPLIT_RE.sub(repl, s)


class SentenceConverter:
    def __init__(self, vocab: list[str], prefix: str, indicators: list[str] | None) -> None:
        self.vocab = sorted(vocab, key=len, reverse=True)
        self.prefix = re.compile(prefix) if prefix else None
        self.indicators = indicators
        ps = r"[\p{N}\p{L}*]+[^\s]*"
        if self.vocab:
            ps = r"\b(?:" + "|".join(self.vocab) + r")\b|" + ps
        self.re = compile_go("(?i)" + ps)

    def indicator(self, word: str, idx: int) -> bool:
        if self.indicators is None:
            if word.endswith(":"):
                return True
        elif any(len(word) > len(s) and word.endswith(s) for s in self.indicators):
            return True
        return idx == 0 and _NUMBER_LIST.search(word) is not None

    def convert(self, s: str) -> str:
        prefix = ""
        if self.prefix is not None:
            m = self.prefix.search(s)
            if m:
                prefix = m.group(0)
                s = s.removeprefix(prefix)
        tokens = [m.group(0) for m in self.re.finditer(s)]
        made = []
        for i, token in enumerate(tokens):
            prev = tokens[i - 1] if i >= 1 else ""
            entry = _in_vocab(self.vocab, token, str.lower)
            if entry:
                made.append(entry)
            elif i == 0 or self.indicator(prev, i - 1):
                made.append(to_title(token, True))
            else:
                made.append(token.lower())
        return prefix + " ".join(made)
