"""Locating a match in the source text the way Vale does (``internal/core/location.go``
and the helpers of ``file.go``): string search over a copy in which consumed text is
overwritten, plus ``MaskedText`` for Vale's per-rule '#'-masked copies.
"""

from __future__ import annotations

import re

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
    """A context in which some spans are overwritten with '#' (Vale's per-check copy).

    Each alert masks one more span, so a copy is made from the one before it; its text is built
    on first use from the nearest copy whose text is known, one span at a time. That keeps a
    reply with a thousand alerts of one rule linear in its length per alert (no rescan of every
    earlier span), while searches run on the real masked string, as Vale's do.
    """

    __slots__ = ("_parent", "_span", "_text", "base", "floors", "masks", "missing")

    def __init__(self, base: str, missing: set[str] | None = None) -> None:
        self.base = base
        self.masks = 0  # how many spans are overwritten
        # Texts known to be absent; masking never brings them back.
        self.missing: set[str] = set() if missing is None else missing
        # Where each masked text can first occur now: masking only removes occurrences, so the
        # search for the next alert of the same text starts past the last one, not at the top.
        self.floors: dict[str, int] = {}
        self._parent: MaskedText | None = None
        self._span = (0, 0)
        self._text: str | None = base

    def __len__(self) -> int:
        return len(self.base)

    def text(self) -> str:
        if self._text is None:
            pending: list[MaskedText] = []
            node: MaskedText | None = self
            while node is not None and node._text is None:
                pending.append(node)
                node = node._parent
            text = node._text if node is not None and node._text is not None else self.base
            for item in reversed(pending):
                s, e = item._span
                text = text[:s] + _NOT_NL.sub("#", text[s:e]) + text[e:]
                item._text, item._parent = text, None
        assert self._text is not None
        return self._text

    def slice(self, a: int, b: int) -> str:
        return self.text()[a:b]

    def find(self, sub: str, start: int = 0, end: int | None = None) -> int:
        text = self.text()
        stop = len(text) if end is None else end
        if not sub:
            return start if start <= stop else -1
        return text.find(sub, start, stop)

    def masked(self, sub: str, hint: int = 0) -> MaskedText:
        """Go's Substitute(ctx, sub, '#'): overwrite the first occurrence."""
        i = self.find(sub, hint)
        if i < 0 or not sub:
            return self
        child = MaskedText(self.base, self.missing)
        child.masks = self.masks + 1
        if "#" not in sub:
            child.floors = {**self.floors, sub: i + 1}
        else:
            child.floors = dict(self.floors)
        child._parent, child._span, child._text = self, (i, i + len(sub)), None
        return child


def split_after(s: str, sep: str = "\n") -> list[str]:
    """Go's strings.SplitAfter."""
    parts = s.split(sep)
    out = [p + sep for p in parts[:-1]]
    out.append(parts[-1])
    return out


_POS_CACHE: dict[str, re.Pattern[str]] = {}


def _position_pattern(sub: str) -> re.Pattern[str]:
    pat = _POS_CACHE.get(sub)
    if pat is None:
        # Go's RE2 \b is ASCII-only. The standard `re`, not `regex`: with a long literal (a
        # 6,000-character pasted code) `regex` spends seconds per search where `re` does not.
        pat = re.compile(r"(?a)(?:^|\b|_)" + re.escape(sub) + r"(?:_|\b|\Z)")
        if len(_POS_CACHE) > 4096:
            _POS_CACHE.clear()
        _POS_CACHE[sub] = pat
    return pat


_TRAIL = re.compile(r"(?a)(?:_|\b|\Z)")
_WORD_CHAR = re.compile(r"(?a)\w")


def _candidates(ctx: str, offset: int, sub: str, pat: re.Pattern[str], start: int = 0):
    """Matches of ``pat`` in ``ctx`` as if ``ctx[:offset]`` were masked, lazily."""
    pos = max(offset, start)
    if offset > 0 and start <= offset:
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
    for m in pat.finditer(ctx, max(pos, start)):
        yield m.span()


def _lower_for(blk: Block, match: str) -> dict[str, int] | None:
    """First-occurrence lower bounds usable for ``match`` in this block's context."""
    if blk.lower is None or "@" in match or not match:
        return None
    return blk.lower


def initial_position(ctx: str, txt: str, a: Alert, floor: int = 0) -> tuple[int, str]:
    """Go's initialPosition. `floor`: no occurrence of the match starts before it in `ctx`
    (what earlier alerts masked), so the search may begin there."""
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
    begin = max(0, floor - 1) if floor and "@" not in sub and "#" not in sub else 0
    for start, end in _candidates(ctx, offset, sub, _position_pattern(sub), begin):
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
