"""Prose segmentation: sentences (a Punkt-style heuristic standing in for jdkato/prose's
Punkt model), and Vale's ``IterTokenizer`` word splitter (``internal/nlp/tokenize.go``).
"""

from __future__ import annotations

import functools
import re

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
_BOUNDARY = re.compile(r"([.?!]+)([\"')\]\u201d\u2019]*)(\s+)")


def segment_sentences(text: str) -> list[str]:
    """Split prose into sentences (period/question/exclamation followed by space)."""
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
