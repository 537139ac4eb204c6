"""The HTML token walker (Vale's ``internal/lint/ast.go`` and ``walk.go``): turns rendered
HTML into scoped text blocks and keeps a copy of the source in which consumed text is
overwritten, so each block knows the source line it came from.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote_plus

from .. import file as file_mod
from ..blocks import Block, new_block
from .tokenizer import COMMENT, END, START, TEXT, Token, tokenize, unescape

if TYPE_CHECKING:
    from ..file import File

SKIP_TAGS = ["script", "style", "pre", "figure", "noscript", "iframe"]
SKIP_CLASSES = ["problematic", "pre", "code"]
INLINE_TAGS = {"b", "big", "i", "small", "abbr", "acronym", "cite", "dfn", "em", "kbd",
               "strong", "a", "br", "img", "span", "sub", "sup", "code", "tt", "del"}
TAG_TO_SCOPE = {"th": "text.table.header", "td": "text.table.cell",
                "caption": "text.table.caption", "li": "text.list",
                "blockquote": "text.blockquote", "figcaption": "text.figure.caption"}
HEADING = re.compile(r"^h\d$")
_ASCII_NOT_NL = re.compile(r"[\x00-\x09\x0b-\x7f]")
_PUNCT = {".", "?", "!", ",", ":", ";"}
_ATTR_TAGS = {"img", "a", "p", "script", "h1", "h2", "h3", "h4", "h5", "h6"}


class Walker:
    """Tracks the current source line while walking the tokens (walk.go)."""

    def __init__(self, f: File, offset: int = 0) -> None:
        self.lines = len(f.lines) + offset
        self.ctx = f.content
        self.newlines = [i for i, c in enumerate(self.ctx) if c == "\n"]
        # Consumed text is overwritten lazily: `pending` spans are masked on the next flush.
        self.pending: list[tuple[int, int]] = []
        # Masking only removes occurrences, so the last first-occurrence of a needle is a
        # lower bound for every later search (needles without '@').
        self.lower: dict[str, int] = {}
        self.active_tag = ""
        self.active_cls = ""
        self.idx = 0
        self.queue: list[str] = []
        self.tag_history: list[str] = []
        self.begin = 0
        self.end = 0

    def _masked(self, start: int, end: int) -> str:
        text = self.ctx[start:end]
        for a, b in self.pending:
            if a < end and b > start:
                lo, hi = max(a, start) - start, min(b, end) - start
                text = text[:lo] + _ASCII_NOT_NL.sub("@", text[lo:hi]) + text[hi:]
        return text

    def find(self, s: str) -> int:
        """``strings.Index`` on the masked context."""
        if not s:
            return 0
        cache = "@" not in s and not file_mod.REFERENCE_MODE
        start = self.lower.get(s, 0) if cache else 0
        ctx, n = self.ctx, len(s)
        while True:
            i = ctx.find(s, start)
            if i < 0:
                if cache:
                    self.lower[s] = len(ctx)
                return -1
            if self.pending and any(a < i + n and b > i for a, b in self.pending) \
                    and self._masked(i, i + n) != s:
                start = i + 1
                continue
            if cache:
                self.lower[s] = i
            return i

    def flush(self) -> str:
        if self.pending:
            spans = sorted(self.pending)
            out, last = [], 0
            ctx = self.ctx
            for a, b in spans:
                if b <= last:
                    continue
                a = max(a, last)
                out.append(ctx[last:a])
                out.append(_ASCII_NOT_NL.sub("@", ctx[a:b]))
                last = b
            out.append(ctx[last:])
            self.ctx = "".join(out)
            self.pending = []
        return self.ctx

    def sub(self, sub: str) -> bool:
        i = self.find(sub)
        if i < 0:
            return False
        if sub:
            self.pending.append((i, i + len(sub)))
            if len(self.pending) > 64 or file_mod.REFERENCE_MODE:
                self.flush()
        return True

    def update(self, txt: str) -> None:
        if not txt:
            return
        for s in txt.split("\n"):
            if not self.sub(s):
                for w in s.split():
                    self.sub(w)

    def reset(self) -> None:
        for s in self.queue:
            self.update(s)
        self.queue = []
        self.tag_history = []

    def append(self, text: str) -> None:
        if text:
            pos = self.advance(text)
            if pos > -1:
                self.idx = pos
            self.queue.append(text)

    def add_tag(self, tag: str) -> None:
        self.tag_history.append(tag)
        self.active_tag = tag

    def set_cls(self, tag: str, cls: bool) -> None:
        if cls:
            self.active_cls = tag
            self.begin = 1
            self.end = 0

    def add_cls(self, tag: str, start: bool) -> None:
        if tag == self.active_cls:
            if start:
                self.begin += 1
            else:
                self.end += 1

    def can_close(self) -> bool:
        return self.active_cls != "" and self.begin == self.end and self.begin > 0

    def close(self) -> None:
        self.active_cls = ""
        self.begin = 0
        self.end = 0

    def block(self, text: str, scope: str) -> Block:
        line = self.idx
        pos = self.advance(text)
        if pos != line and pos > -1:
            line = pos
        blk = new_block(self.flush(), text, scope, line)
        blk.lower = self.lower
        return blk

    def replace_toks(self, tok: Token) -> None:
        if tok.data in _ATTR_TAGS:
            for k, v in tok.attrs:
                if k in ("href", "id", "src", "alt"):
                    if k == "href":
                        with contextlib.suppress(UnicodeDecodeError):
                            v = unquote_plus(v, errors="strict")
                    self.update(v)

    def advance(self, text: str) -> int:
        # Vale searches every line but only the last line's position survives its loop.
        s = text.rsplit("\n", 1)[-1]
        pos = self.find(s)
        if pos < 0:
            for ss in s.split():
                pos = self.find(ss)
        if pos >= 0:
            ln = bisect.bisect_left(self.newlines, pos)
            if ln > self.idx:
                return ln
        return -1

    def last_tag(self) -> str:
        return self.tag_history[-1] if self.tag_history else self.active_tag

    def is_nested_list(self) -> bool:
        th = self.tag_history
        if self.last_tag() == "li" and len(th) > 3:
            up1, up2 = th[-2], th[-3]
            if up1 in ("ol", "ul"):
                return up2 == "li"
        return False


def _check_classes(attr: str, ignore: list[str]) -> bool:
    return any(c in ignore for c in attr.split(" "))


def _clean(txt: str, attr: str, skip: bool, inline: bool) -> tuple[str, bool]:
    starter = txt[:1] in _PUNCT and not skip
    if skip or attr == txt:
        txt = re.sub(r"[^\n]", "*", txt)
        skip = False
    if inline and not starter:
        txt = " " + txt
    return txt, skip


def lint_html_tokens(linter, f: File, raw: str, offset: int = 0, tokens: list | None = None) -> None:
    """Lint the HTML `raw` (or its `tokens`, when the caller has them already) as Vale does."""
    cfg = linter.config
    skip_tags = cfg.skipped_scopes or SKIP_TAGS
    skip_classes = SKIP_CLASSES + list(cfg.ignored_classes)
    skipped = cfg.ignored_scopes or ["tt", "code", "kbd"]

    parent_class = attr = ""
    in_block = inline = skip = False
    buf: list[str] = []
    walker = Walker(f, offset)
    for tok in tokens if tokens is not None else tokenize(raw):
        kind = tok.kind
        txt = unescape(tok.data.strip()) if kind in (TEXT, COMMENT) else tok.data.strip()
        walker.add_cls(txt, kind == START)
        closed = walker.can_close()
        skip_class = _check_classes(tok.attr("class"), skip_classes)
        block_skip = skip_class and txt not in INLINE_TAGS
        if kind == START and (txt in skip_tags or block_skip):
            walker.set_cls(txt, block_skip)
            in_block = True
            f.metrics[txt] = f.metrics.get(txt, 0) + 1
        elif in_block and (txt in skip_tags or closed):
            in_block = False
            if closed:
                walker.close()
        elif kind == START:
            if txt in ("em", "b") and walker.last_tag() == "code":
                txt = "code"
            inline = txt in INLINE_TAGS
            skip = txt in skipped
            walker.add_tag(txt)
        elif kind == END and txt in INLINE_TAGS:
            walker.active_tag = ""
        elif kind == COMMENT:
            f.update_comments(txt)
            walker.update(txt)
        elif kind == TEXT:
            walker.append(txt)
            if not in_block and txt != "":
                skip_class = _check_classes(parent_class, skip_classes)
                if walker.is_nested_list() and not inline:
                    txt = " " + txt
                txt, skip = _clean(txt, attr, skip or skip_class, inline)
                buf.append(txt)

        if kind == END and txt not in INLINE_TAGS:
            content = "".join(buf)
            if content.strip():
                lint_scope(linter, f, walker, content)
            walker.reset()
            buf = []

        attr = tok.attr("href")
        parent_class = tok.attr("class")
        if tok.data == "img" and "alt" not in cfg.skipped_scopes:
            for k, v in tok.attrs:
                if k == "alt":
                    linter.lint_block(f, walker.block(v, "text.attr.alt"), walker.lines, 0,
                                      False)
        walker.replace_toks(tok)

    # A trailing block without a closing tag (e.g. HTML fragments) is not linted,
    # like Vale; then the sized scopes run.
    f.reset_comments()
    summary = new_block(f.content, "".join(f.summary), "summary" + f.real_ext, 0)
    linter.lint_block(f, summary, len(f.lines), 0, True)


def lint_scope(linter, f: File, walker: Walker, txt: str) -> None:
    for tag in walker.tag_history:
        scope = TAG_TO_SCOPE.get(tag)
        if (scope is not None and tag not in INLINE_TAGS) or HEADING.match(tag):
            if scope in ("text.blockquote", "text.list"):
                f.summary.append(txt + "\n\n")
            if scope is None:
                scope = "text.heading." + tag
            key = scope.removeprefix("text.")
            f.metrics[key] = f.metrics.get(key, 0) + 1
            txt = txt.lstrip(" ")
            b = walker.block(txt, scope + f.real_ext)
            linter.lint_block(f, b, walker.lines, 0, False)
            return
    f.summary.append(txt + "\n\n")
    b = walker.block(txt, "txt")
    linter.lint_prose(f, b, walker.lines)
