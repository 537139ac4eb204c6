"""A linted file: its text, per-file settings, comment directives, and Vale's way of
mapping a match in extracted text back to a line and column of the source
(``internal/core/file.go`` FindLoc/assignLoc and ``location.go`` initialPosition).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .alert import Alert
from .blocks import Block
from .location import (
    MaskedText,
    _candidates,
    _lower_for,
    _position_pattern,
    initial_position,
    split_after,
    substitute,
)

# Set by tests to run the plain port of Vale's location search (no shortcuts) for comparison.
REFERENCE_MODE = False
_COMMENT_CONTROL = re.compile(r"^vale (.+\..+) = (YES|NO)$")


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
    runnable: dict[tuple[str, str], list] = field(default_factory=dict, repr=False)
    """The rules that run on a block of each (scope, parent), before comment directives: they
    depend on the file's settings alone, so each is worked out once per file."""

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
        if not mctx.masks or blk.text_pos < 0:
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
        if lower is not None and not mctx.masks:
            first = mctx.base.find(sub, lb)
            lb = first if first >= 0 else len(mctx.base)
            lower[sub] = lb
        floor = offset if offset > 0 else max(0, lb - 1)
        win = max(0, floor - 1)
        window = mctx.slice(win, len(mctx))
        w_off = offset - win if offset > 0 else 0
        size = len(window)
        idx = -1
        search = max(floor, mctx.floors.get(sub, 0) - 1)  # nothing earlier survives the masking
        for start, end in _candidates(window, w_off, sub, _position_pattern(sub), search - win):
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
        if lower is not None and not mctx.masks and mctx.base is blk.context:
            # Contexts only lose text, so this stays a lower bound for later blocks.
            lower[a.match] = max(begin, region - len(a.match) + 1)
        idx = target  # no earlier line can hold the match: go straight to the block line
        ln = mctx.slice(starts[idx], ends[idx])
        pos, substring = initial_position(ln, blk.text, a, mctx.floors.get(a.match, 0) - starts[idx])
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
