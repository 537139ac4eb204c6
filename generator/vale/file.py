"""A linted file: its text, per-file settings, comment directives, and Vale's way of
mapping a match in extracted text back to a line and column of the source
(``internal/core/file.go`` FindLoc/assignLoc and ``location.go`` initialPosition).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import regex

from .alert import Alert
from .blocks import Block

_NOT_NL = re.compile(r"[^\n]")
# Set by tests to run the plain port of Vale's location search (no shortcuts) for comparison.
REFERENCE_MODE = False
_COMMENT_CONTROL = re.compile(r"^vale (.+\..+) = (YES|NO)$")


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


@dataclass
class File:
    """One input being linted (``path`` as given, ``content`` sanitised)."""

    path: str
    content: str
    lines: list[str]
    normed_ext: str
    real_ext: str
    format: str
    base_styles: list[str] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)
    lookup: bool = False
    simple: bool = False
    alerts: list[Alert] = field(default_factory=list)
    sequences: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    metrics: dict[str, int] = field(default_factory=dict)
    comments: dict[str, bool] = field(default_factory=dict)
    chk_to_ctx: dict[str, MaskedText] = field(default_factory=dict)
    history: set = field(default_factory=set)
    limits: dict[str, int] = field(default_factory=dict)

    # -- comment directives -------------------------------------------------
    def update_comments(self, comment: str) -> None:
        if comment == "vale off":
            self.comments["off"] = True
        elif comment == "vale on":
            self.comments["off"] = False
        else:
            m = _COMMENT_CONTROL.match(comment)
            if m:
                self.comments[m.group(1)] = m.group(2) == "NO"
            else:
                m2 = re.match(r"^vale ([^.\s]+) = (YES|NO)$", comment)
                if m2:  # `<!-- vale Style = NO -->` toggles a whole style
                    self.comments["style:" + m2.group(1)] = m2.group(2) == "NO"

    def query_comments(self, check: str) -> bool:
        if not self.comments.get("off", False):
            if check in self.comments:
                return self.comments[check]
            style = "style:" + check.split(".")[0]
            if style in self.comments:
                return self.comments[style]
        return self.comments.get("off", False)

    def reset_comments(self) -> None:
        for k in self.comments:
            if k != "off":
                self.comments[k] = False

    # -- locations -----------------------------------------------------------
    def _line_table(self) -> tuple[list[int], list[int]]:
        """Start and end offsets of every line (all contexts of a file keep its newlines)."""
        tab = getattr(self, "_table", None)
        if tab is None or tab[2] != len(self.content):
            starts = [0]
            ends = []
            text = self.content
            i = text.find("\n")
            while i >= 0:
                ends.append(i + 1)
                starts.append(i + 1)
                i = text.find("\n", i + 1)
            ends.append(len(text))
            tab = (starts, ends, len(text))
            self._table = tab
        return tab[0], tab[1]

    def _text_offset(self, mctx: MaskedText, blk: Block) -> int:
        """``strings.Index(ctx, blk.Text)`` on a (possibly masked) block context."""
        txt = blk.text
        if blk.text_pos is None:
            lower = _lower_for(blk, txt)
            begin = lower.get(txt, 0) if lower is not None else 0
            blk.text_pos = blk.context.find(txt, begin)
            if lower is not None:
                lower[txt] = blk.text_pos if blk.text_pos >= 0 else len(blk.context)
        if not mctx.spans or blk.text_pos < 0:
            return blk.text_pos
        if txt in mctx.missing:
            return -1
        found = mctx.find(txt, blk.text_pos)
        if found < 0 and "#" not in txt:
            mctx.missing.add(txt)
        return found

    def _position_fast(self, mctx: MaskedText, blk: Block, a: Alert) -> tuple[int, str] | None:
        """initial_position over the whole context without copying all of it; None when a
        case needs the plain implementation."""
        sub = a.match
        if sub == "":
            return 1, ""
        if "@" in sub or "\n" in sub or "#" in sub or blk.context is not mctx.base:
            return None
        offset = self._text_offset(mctx, blk)
        lower = _lower_for(blk, sub)
        lb = lower.get(sub, 0) if lower is not None else 0
        if lower is not None and not mctx.spans:
            first = mctx.base.find(sub, lb)
            lb = first if first >= 0 else len(mctx.base)
            lower[sub] = lb
        floor = offset if offset > 0 else max(0, lb - 1)
        win = max(0, floor - 1)
        window = mctx.slice(win, len(mctx))
        w_off = offset - win if offset > 0 else 0
        size = len(window)
        idx = -1
        for start, end in _candidates(window, w_off, sub, _position_pattern(sub), floor - win):
            if idx < 0:
                idx = start
            before, after = start - 1, end + 1
            if before + win > 0 and before >= w_off and before >= 0 and window[before] in "`-":
                continue
            if after < size and window[after] in "`-":
                continue
            idx = start
            break
        if idx < 0:
            idx = window.find(sub, max(w_off, 0, lb - win))
            if idx < 0:
                return None
        if window.startswith("_", idx):
            idx += 1
        return idx + win + 1, sub

    def find_loc(self, ctx: str | MaskedText, txt: str, pad: int, count: int, a: Alert,
                 blk: Block | None = None):
        fast = None
        if isinstance(ctx, MaskedText):
            mctx = ctx
            if not a.offset and blk is not None and len(mctx) == self._line_table()[1][-1]:
                fast = self._position_fast(mctx, blk, a)
            ctx = mctx.text() if fast is None else mctx.base
        if fast is not None:
            pos, substring = fast
            return self._place(pos, substring, ctx, pad, count, a)
        for s in a.offset:
            ctx = substitute(ctx, s, "@")
        pos, substring = initial_position(ctx, txt, a)
        return self._place(pos, substring, ctx, pad, count, a)

    def _place(self, pos: int, substring: str, ctx: str, pad: int, count: int, a: Alert):
        if pos < 0:
            return pos, (0, 0)
        loc = list(a.span)
        starts, ends = self._line_table()
        if len(ctx) != ends[-1]:  # a context unrelated to the file: split it
            lines = split_after(ctx)
            starts, ends, acc = [], [], 0
            for ln in lines:
                starts.append(acc)
                acc += len(ln)
                ends.append(acc)
        n = len(ends)
        idx = bisect.bisect_left(ends, pos)
        if idx >= n:
            return count, tuple(loc)
        length = ends[idx] - starts[idx]
        loc[0] = (pos - starts[idx]) + pad
        loc[1] = loc[0] + len(substring) - 1
        extent = length + pad
        if loc[1] > extent:
            loc[1] = extent
        elif loc[1] <= 0:
            loc[1] = 1
        return count - (n - (idx + 1)), tuple(loc)

    def assign_loc(self, mctx: MaskedText, blk: Block, pad: int, a: Alert):
        loc = list(a.span)
        if loc[0] < 0 or loc[1] < 0:
            return blk.line + 1, a.span
        starts, ends = self._line_table()
        target = blk.line
        if len(mctx) != ends[-1] or not (0 <= target < len(starts) and a.match):
            return self._assign_loc_slow(mctx.text(), blk, pad, a)
        region = starts[target]
        lower = _lower_for(blk, a.match)
        begin = lower.get(a.match, 0) if lower is not None else 0
        if begin < region and mctx.find(a.match, begin, region) >= 0:
            return self._assign_loc_slow(mctx.text(), blk, pad, a)
        if lower is not None and not mctx.spans and mctx.base is blk.context:
            # Contexts only lose text, so this stays a lower bound for later blocks.
            lower[a.match] = max(begin, region - len(a.match) + 1)
        idx = target  # no earlier line can hold the match: go straight to the block line
        ln = mctx.slice(starts[idx], ends[idx])
        pos, substring = initial_position(ln, blk.text, a)
        loc[0] = pos + pad
        loc[1] = pos + len(substring) - 1
        extent = len(ln) + pad
        if loc[1] > extent:
            loc[1] = extent
        elif loc[1] <= 0:
            loc[1] = 1
        return idx + 1, tuple(loc)

    def _assign_loc_slow(self, ctx: str, blk: Block, pad: int, a: Alert):
        loc = list(a.span)
        mb = a.match.encode()
        start = 0
        idx = 0
        while True:
            end = ctx.find("\n", start)
            ln = ctx[start:] if end < 0 else ctx[start:end + 1]
            exact = False
            if idx != blk.line:
                lb = ln.encode()
                exact = len(lb) > loc[1] and lb[loc[0]:loc[1]] == mb
            if exact or idx == blk.line:
                pos, substring = initial_position(ln, blk.text, a)
                loc[0] = pos + pad
                loc[1] = pos + len(substring) - 1
                extent = len(ln) + pad
                if loc[1] > extent:
                    loc[1] = extent
                elif loc[1] <= 0:
                    loc[1] = 1
                return idx + 1, tuple(loc)
            if end < 0:
                break
            start = end + 1
            idx += 1
        return blk.line + 1, a.span

    def add_alert(self, a: Alert, blk: Block, lines: int, pad: int, lookup: bool) -> None:
        mctx = self.chk_to_ctx.get(a.check) or MaskedText(blk.context)
        if not a.offset and len(mctx) < 1000:
            small = mctx.text()
            if small.count(a.match) > 1:
                a.offset = small[0:a.span[0]].split()
        if REFERENCE_MODE:
            ctx = mctx.text()
            if not lookup:
                a.line, a.span = self._assign_loc_slow(ctx, blk, pad, a)
            if (not lookup and a.span[0] < 0) or lookup:
                a.line, a.span = self.find_loc(ctx, blk.text, pad, lines, a)
        else:
            if not lookup:
                a.line, a.span = self.assign_loc(mctx, blk, pad, a)
            if (not lookup and a.span[0] < 0) or lookup:
                a.line, a.span = self.find_loc(mctx, blk.text, pad, lines, a, blk)
        if a.span[0] > 0:
            # Vale overwrites the match with '#' so the next alert of this check moves on.
            lower = _lower_for(blk, a.match)
            hint = lower.get(a.match, 0) if lower is not None and "#" not in a.match else 0
            self.chk_to_ctx[a.check] = mctx.masked(a.match, hint)
            if not a.hide:
                entry = (a.line, a.span[0], a.check)
                if entry not in self.history:
                    count = self.limits.get(a.check)
                    if count is None or a.limit == 0 or count < a.limit:
                        self.alerts.append(a)
                        self.history.add(entry)
                        if a.limit > 0:
                            self.limits[a.check] = self.limits.get(a.check, 0) + 1

    def sorted_alerts(self) -> list[Alert]:
        self.alerts.sort(key=lambda x: (x.line, x.span[0]))
        return self.alerts
