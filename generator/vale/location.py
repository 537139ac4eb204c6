"""Locating a match in the source text the way Vale does (``internal/core/location.go``
and the helpers of ``file.go``): string search over a copy in which consumed text is
overwritten, plus ``MaskedText`` for Vale's per-rule '#'-masked copies.
"""

from __future__ import annotations

import re

import regex

from .alert import Alert
from .blocks import Block

_NOT_NL = re.compile(r"[^\n]")


def substitute(src: str, sub: str, char: str) -> str:
    """Replace the first occurrence of ``sub`` with ``char`` (newlines kept)."""
    idx = src.find(sub)
    if idx < 0:
        return src
    return src[:idx] + _NOT_NL.sub(char, sub) + src[idx + len(sub):]


class MaskedText:
    """A context in which some spans are overwritten with '#' (Vale's per-check copy),
    kept as the original string plus spans until a whole string is really needed."""

    __slots__ = ("base", "missing", "spans")

    def __init__(self, base: str, spans: tuple[tuple[int, int], ...] = (),
                 missing: set[str] | None = None) -> None:
        self.base = base
        self.spans = spans
        # Texts known to be absent; masking never brings them back.
        self.missing: set[str] = set() if missing is None else missing

    def __len__(self) -> int:
        return len(self.base)

    def slice(self, a: int, b: int) -> str:
        base = self.base
        inside = sorted((max(s, a), min(e, b)) for s, e in self.spans if s < b and e > a)
        if not inside:
            return base[a:b]
        out, last = [], a
        for s, e in inside:
            if e <= last:
                continue
            s = max(s, last)
            out.append(base[last:s])
            out.append(_NOT_NL.sub("#", base[s:e]))
            last = e
        out.append(base[last:b])
        return "".join(out)

    def find(self, sub: str, start: int = 0, end: int | None = None) -> int:
        base, n = self.base, len(sub)
        stop = len(base) if end is None else end
        if not sub:
            return start if start <= stop else -1
        while True:
            i = base.find(sub, start, stop)
            if i < 0:
                return -1
            if self.spans and any(s < i + n and e > i for s, e in self.spans) \
                    and self.slice(i, i + n) != sub:
                start = i + 1
                continue
            return i

    def text(self) -> str:
        return self.slice(0, len(self.base)) if self.spans else self.base

    def masked(self, sub: str, hint: int = 0) -> MaskedText:
        """Go's Substitute(ctx, sub, '#'): overwrite the first occurrence."""
        i = self.find(sub, hint)
        if i < 0 or not sub:
            return self
        return MaskedText(self.base, (*self.spans, (i, i + len(sub))), self.missing)


def split_after(s: str, sep: str = "\n") -> list[str]:
    """Go's strings.SplitAfter."""
    parts = s.split(sep)
    out = [p + sep for p in parts[:-1]]
    out.append(parts[-1])
    return out


_POS_CACHE: dict[str, regex.Pattern] = {}


def _position_pattern(sub: str) -> regex.Pattern:
    pat = _POS_CACHE.get(sub)
    if pat is None:
        # Go's RE2 \b is ASCII-only.
        pat = regex.compile(r"(?a)(?:^|\b|_)" + regex.escape(sub) + r"(?:_|\b|\Z)")
        if len(_POS_CACHE) > 4096:
            _POS_CACHE.clear()
        _POS_CACHE[sub] = pat
    return pat


_TRAIL = regex.compile(r"(?a)(?:_|\b|\Z)")
_WORD_CHAR = regex.compile(r"(?a)\w")


def _candidates(ctx: str, offset: int, sub: str, pat: regex.Pattern, start: int = 0):
    """Matches of ``pat`` in ``ctx`` as if ``ctx[:offset]`` were masked, lazily."""
    pos = max(offset, start)
    if offset > 0:
        # The character before `offset` is '@' (or a kept newline) in the masked copy.
        span = None
        if _WORD_CHAR.match(ctx, offset) and ctx.startswith(sub, offset):
            t = _TRAIL.match(ctx, offset + len(sub))
            if t:
                span = (offset, t.end())
        if span is None and ctx.startswith("_" + sub, offset):
            t = _TRAIL.match(ctx, offset + 1 + len(sub))
            if t:
                span = (offset, t.end())
        if span is not None:
            yield span
            pos = span[1]
        else:
            pos = offset + 1
    for m in pat.finditer(ctx, pos):
        yield m.span()


def _lower_for(blk: Block, match: str) -> dict[str, int] | None:
    """First-occurrence lower bounds usable for ``match`` in this block's context."""
    if blk.lower is None or "@" in match or not match:
        return None
    return blk.lower


def initial_position(ctx: str, txt: str, a: Alert) -> tuple[int, str]:
    if a.match == "":
        return 1, ""
    sub = a.match
    offset = ctx.find(txt)
    if offset > 0 and ("@" in sub or "\n" in sub):
        ctx = _NOT_NL.sub("@", ctx[:offset]) + ctx[offset:]
        offset = 0
    offset = max(offset, 0)
    size = len(ctx)
    idx = -1
    for start, end in _candidates(ctx, offset, sub, _position_pattern(sub)):
        if idx < 0:
            idx = start
        before, after = start - 1, end + 1
        # The masked prefix never holds a backtick or hyphen.
        if before > 0 and before >= offset and ctx[before] in "`-":
            continue
        if after < size and ctx[after] in "`-":
            continue
        idx = start
        break
    if idx < 0:
        idx = ctx.find(sub, offset) if offset > 0 else ctx.find(sub)
        if idx < 0:
            if offset > 0:
                ctx = _NOT_NL.sub("@", ctx[:offset]) + ctx[offset:]
            return guess_location(ctx, txt, sub)
    if ctx.startswith("_", idx):
        idx += 1
    return idx + 1, sub


def guess_location(ctx: str, sub: str, match: str) -> tuple[int, str]:
    from .nlp import segment_sentences, tokenize_words

    target = ""
    for s in segment_sentences(sub):
        if s == match or s.find(match) > 0:
            target = s
    if not target:
        return -1, sub
    tokens = tokenize_words(target)
    for text in ctx.split("\n"):
        if all(t in text for t in tokens):
            return ctx.find(text) + 1, text
    return -1, sub
