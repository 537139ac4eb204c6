"""Prose segmentation: sentences (Punkt with the English model Vale uses), and Vale's
``IterTokenizer`` word splitter (``internal/nlp/tokenize.go``).
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

_INTERNAL_RE = re.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$")
_SANITIZE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_SUFFIXES = (",", ")", '"', "]", "!", ";", ".", "?", ":", "'")
_PREFIXES = ("$", "(", '"', "[", "'")
_EMOTICONS = {":)", ":(", ":-)", ":-(", ":P", ":D", ";)", "xD", ":-/", ":/", "=)", "=(",
              "8-)", ":-p", ":-P", "O.o", "o_O", "-__-", "^___^", "\u00af\\(\u30c4)/\u00af"}


def _all_non_letter(s: str) -> bool:
    return not any(c.isalpha() for c in s)


def _do_split(token: str) -> list[str]:
    out: list[str] = []
    last = 0
    while token and len(token) != last:
        if token in _EMOTICONS or _INTERNAL_RE.search(token):
            if not _all_non_letter(token):
                out.append(token)
            break
        last = len(token)
        if len(token) > 1 and token.startswith(_PREFIXES):
            token = token[1:]
        elif len(token) > 1 and token.endswith(_SUFFIXES):
            token = token[:-1]
        else:
            if not _all_non_letter(token):
                out.append(token)
    return out


@functools.lru_cache(maxsize=8192)
def _split_cached(span: str) -> tuple[str, ...]:
    return tuple(_do_split(span))


def tokenize_words(text: str) -> list[str]:
    """Vale's IterTokenizer: whitespace split, then strip prefix/suffix punctuation."""
    clean = text.replace("&rsquo;", "'").translate(_SANITIZE)
    out: list[str] = []
    for span in clean.split():
        out.extend(_split_cached(span))
    return out


# --- sentences ---------------------------------------------------------------------
_ABBREV = {
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "no",
    "inc", "ltd", "co", "corp", "fig", "al", "approx", "dept", "est", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "a.m", "p.m",
    "cf", "viz", "ca", "gen", "gov", "lt", "col", "capt", "sgt", "rev", "vol", "pp", "ed",
}
_MAY_END = re.compile(r"[.?!]")
_LAST_SPACE = re.compile(r"[ \t\n\r\x0b\x0c][^ \t\n\r\x0b\x0c]*\Z")
"""The last of Python's `string.whitespace` in a span (Punkt's `_get_last_whitespace_index`)."""
"""Punkt's sentence-ending characters (`PunktLanguageVars.sent_end_chars`): a text without one
is one sentence."""
_BOUNDARY = re.compile(r"([.?!]+)([\"')\]\u201d\u2019]*)(\s+)")


_RE_ABBR = re.compile(r"((?:[\w]\.)+[\w]*\.)")
_RE_ELLIPSIS = re.compile(r"(?:\.\s?){2,}\.")
_INTERNAL_ENDS = (")", "\u2019", "\u201d", '"', "'")


def _twine_pass(tokenizer, tokens: list) -> list:
    """jdkato/twine's extra Punkt annotation (segment.go: multiPunctWordAnnotation)."""
    params = tokenizer._params
    for i, one in enumerate(tokens):
        two = tokens[i + 1] if i + 1 < len(tokens) else None
        if two is None:
            if "\n" in one.tok and " " in one.tok:
                one.sentbreak = False
            continue
        next_typ = ""
        if one.tok.endswith(".") and two.tok == ".":
            one.sentbreak = two.sentbreak = False
            continue
        non_break = one.tok.endswith(".") and not one.sentbreak
        ellipsis = _RE_ELLIPSIS.search(one.tok) is not None
        internal = bool(one.sentbreak) and one.tok.endswith(_INTERNAL_ENDS)
        if non_break or ellipsis or internal:
            next_typ = two.type_no_sentperiod
            starter = next_typ in params.sent_starters
            if ellipsis and (two.first_upper or starter):
                one.sentbreak = True
                continue
            if internal and two.first_lower and not starter:
                one.sentbreak = False
                continue
            if non_break and two.first_upper and params.ortho_context[next_typ] & 112:
                one.sentbreak = True
        if not _RE_ABBR.search(one.tok) or one.is_initial:
            continue
        one.abbr = True
        one.sentbreak = False
        if tokenizer._ortho_heuristic(two) is True:
            one.sentbreak = True
            continue
        if not next_typ:
            next_typ = two.type_no_sentperiod
        if two.first_upper and next_typ in params.sent_starters:
            one.sentbreak = True
    return tokens


def _import_punkt() -> tuple[type, type]:
    """NLTK's Punkt classes, without running `nltk/__init__.py`, which imports most of NLTK
    (about 0.3 s, a fifth of `lint-reply`'s start-up) for a module that needs a handful.

    The `nltk` and `nltk.tokenize` packages stand as bare namespaces while `punkt` and what it
    imports load; then every module loaded that way is taken out of `sys.modules` again (the
    classes are kept here), so a later `import nltk` loads the real package afresh. Where NLTK is
    imported already, or anything unexpected happens, the plain import runs instead."""
    import importlib
    import importlib.util
    import sys
    import types

    if "nltk" not in sys.modules:
        spec = importlib.util.find_spec("nltk")
        roots = list(spec.submodule_search_locations or []) if spec else []
        if roots:
            for name, path in (("nltk", roots), ("nltk.tokenize", [str(Path(roots[0]) / "tokenize")])):
                module = types.ModuleType(name)
                module.__path__ = path
                sys.modules[name] = module
            try:
                punkt = importlib.import_module("nltk.tokenize.punkt")
                return punkt.PunktParameters, punkt.PunktSentenceTokenizer
            except Exception:  # any surprise: do the plain import below
                pass
            finally:
                for name in [m for m in sys.modules if m == "nltk" or m.startswith("nltk.")]:
                    del sys.modules[name]
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    return PunktParameters, PunktSentenceTokenizer


BREAKS_KEPT = 1 << 16
"""Candidate contexts whose answer is kept (a context is a few words: a few MB at most)."""
_BREAKS: dict[str, bool] = {}


@functools.lru_cache(maxsize=1)
def _punkt():
    """NLTK's Punkt tokenizer with the English model Vale uses (neurosnap/sentences'
    english.json, plus the abbreviations and annotation jdkato/twine adds)."""
    try:
        PunktParameters, PunktSentenceTokenizer = _import_punkt()
    except ImportError:  # pragma: no cover - nltk comes with textblob-aptagger
        return None

    class _Twine(PunktSentenceTokenizer):
        def _annotate_tokens(self, tokens):
            return iter(_twine_pass(self, list(super()._annotate_tokens(tokens))))

        def text_contains_sentbreak(self, text: str) -> bool:
            """Whether a candidate's context (the word before a full stop, question or exclamation
            mark, and the token after it) holds a sentence break: Punkt decides from those few
            words and the model alone, and the same pairs ("order. If") recur in every reply."""
            known = _BREAKS.get(text)
            if known is None:
                if len(_BREAKS) >= BREAKS_KEPT:
                    _BREAKS.clear()
                known = _BREAKS[text] = super().text_contains_sentbreak(text)
            return known

        def sentences(self, text: str) -> list[str]:
            """`tokenize(text)` (Punkt's `_slices_from_text` then `_realign_boundaries`) in one
            loop over the candidate breaks, without its chain of generators and per-character
            scans: a paragraph's breaks are mostly known (`text_contains_sentbreak`), so the
            chain was most of the cost. `tests/style/test_sentence_breaks.py` holds it to
            `tokenize` on every paragraph of the corpora."""
            lang = self._lang_vars
            period = getattr(lang.period_context_re(), "_rx", lang.period_context_re())
            realign = getattr(lang.re_boundary_realignment, "_rx", lang.re_boundary_realignment)
            # candidate breaks and their contexts, as `_match_potential_end_contexts` finds them
            slices: list[tuple[int, int]] = []
            last_break = 0
            prev: Any = None
            prev_start = prev_stop = 0

            def decide(match: Any, start: int, stop: int) -> None:
                nonlocal last_break
                if self.text_contains_sentbreak(text[start:stop] + match.group() + match.group("after_tok")):
                    slices.append((last_break, match.end()))
                    last_break = match.start("next_tok") if match.group("next_tok") else match.end()

            for match in period.finditer(text):
                begin = match.start()
                space = _LAST_SPACE.search(text, prev_stop, begin)
                if space is not None and space.start() > prev_stop:
                    word_start = space.start() + 1
                else:  # no whitespace, or only at the first character (as Punkt counts it)
                    word_start = prev_start
                if prev is not None and prev_stop <= word_start:
                    decide(prev, prev_start, prev_stop)
                prev, prev_start, prev_stop = match, word_start, begin
            if prev is not None:
                decide(prev, prev_start, prev_stop)
            slices.append((last_break, len(text.rstrip())))
            # punctuation after a break moves back into the sentence before it
            out: list[str] = []
            shift = 0
            for k, (start, stop) in enumerate(slices):
                start += shift
                if k + 1 == len(slices):
                    if text[start:stop]:
                        out.append(text[start:stop])
                    continue
                n_start, n_stop = slices[k + 1]
                m = realign.match(text[n_start:n_stop])
                if m:
                    out.append(text[start : n_start + len(m.group(0).rstrip())])
                    shift = m.end()
                else:
                    shift = 0
                    if text[start:stop]:
                        out.append(text[start:stop])
            return out

    path = Path(__file__).parent / "data" / "punkt_english.json"
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    params = PunktParameters()
    params.abbrev_types = set(data["AbbrevTypes"]) | {"sgt", "gov", "no", "mt"}
    params.collocations = {tuple(k.split(",", 1)) for k in data["Collocations"]}
    params.sent_starters = set(data["SentStarters"])
    params.ortho_context = defaultdict(int, data["OrthoContext"])
    return _Twine(params)


def segment_sentences(text: str) -> list[str]:
    """Split prose into sentences with the Punkt model (trimmed, like twine's Segment)."""
    return list(_segments(text))


@functools.lru_cache(maxsize=4096)
def _segments(text: str) -> tuple[str, ...]:
    """The segmentation of one text, kept: the sentence scope and the readability summary of
    the same paragraph ask for it in turn."""
    tok = _punkt()
    if tok is None:
        return tuple(_segment_heuristic(text))
    if not _MAY_END.search(text):  # no full stop, question or exclamation mark: one sentence
        whole = text.strip()
        return (whole,) if whole else ()
    return tuple(s.strip() for s in tok.sentences(text))


def _segment_heuristic(text: str) -> list[str]:
    """Fallback without NLTK: period/question/exclamation followed by space."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end(2)
        before = text[start:m.start(1)]
        word = before.split()[-1] if before.split() else ""
        nxt = text[m.end():m.end() + 1]
        if m.group(1) == ".":
            low = word.lower().strip("(\"'")
            if low in _ABBREV or (len(low) == 1 and low.isalpha()):
                continue
            if nxt and nxt.islower():
                continue
            if word and word[-1:].isdigit() and nxt.isdigit():
                continue
        if not nxt:
            continue
        out.append(text[start:end])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out
